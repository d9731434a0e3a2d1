"""Display tables get their column labels for a phone (consortium/web/stacking.py)."""
from __future__ import annotations

from consortium.web.stacking import stack_tables


def test_each_cell_gets_its_columns_heading_and_the_table_the_class():
    page = ('<table class="wide"><thead><tr><th>Record</th><th colspan="2">Amount &amp; '
            'share</th><th></th></tr></thead><tbody><tr><td>LIC-1</td><td>5</td>'
            '<td data-label="Own">6</td><td><a>Sign</a></td></tr></tbody>'
            '<tfoot><tr><th colspan="3">Total</th><td>11</td></tr></tfoot></table>')
    out = stack_tables(page)
    assert '<table class="wide stack">' in out
    assert '<td data-label="Record">LIC-1</td>' in out
    assert '<td data-label="Amount &amp; share">5</td>' in out
    assert '<td data-label="Own">6</td>' in out  # its own label stays
    assert "<td><a>Sign</a></td>" in out  # a column without a heading gets none
    assert '<th colspan="3">Total</th>' in out  # a cell across columns gets none


def test_form_tables_tables_without_headings_and_pages_without_tables_are_left_alone():
    form = '<table class="form-table"><thead><tr><th>A</th></tr></thead><tr><td>1</td></tr></table>'
    bare = "<table><tr><td>1</td></tr></table>"
    opted = '<table class="no-stack"><thead><tr><th>A</th></tr></thead><tr><td>1</td></tr></table>'
    for page in (form, bare, opted, "<p>no table</p>"):
        assert stack_tables(page) == page


def test_a_heading_with_markup_gives_its_text():
    page = ('<table><thead><tr><th class="num">Income <a href="?csv=1">CSV</a></th></tr>'
            '</thead><tbody><tr><td>1 000.00 KZT</td></tr></tbody></table>')
    assert 'data-label="Income CSV"' in stack_tables(page)
