"""A stale edit, three ways (issue 20): per field someone saved meanwhile, the page shows what
you typed, what was there when you opened the form and what is saved now; your input stays
in the form and saving again goes through."""
from __future__ import annotations

import html
import re

from tests.functional.test_web import (
    browser,
    disclosure_form,
    file_disclosure,
    input_tag,
    page,
    version_on,
)

ORIGINAL_TITLE = "Seed coating from camel-wool keratin"
ORIGINAL_FIELD = "Agricultural biotechnology"


def _opened(body: str) -> str:
    m = re.search(r'<input type="hidden" name="opened" value="([^"]*)">', body)
    assert m, "the edit form carries what it was opened on"
    return html.unescape(m.group(1))


def _rows(body: str) -> dict[str, list[str]]:
    """The three-way table: field label -> [typed, opened, saved]."""
    section = body[body.index('id="meanwhile"'):]
    section = section[:section.index("</section>")]
    rows = {}
    for label, cells in re.findall(r'<th scope="row"[^>]*>(.*?)</th>(.*?)</tr>', section, re.S):
        rows[html.unescape(label.strip())] = [
            html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)]
    return rows


def test_a_stale_edit_shows_typed_opened_and_saved_per_field(app, team):
    did = file_disclosure(app, team)
    tab1, tab2 = browser(app, team.alice), browser(app, team.bob)
    form1 = page(tab1.get(f"/disclosures/{did}/edit"))
    version, opened = version_on(form1), _opened(form1)
    assert ORIGINAL_TITLE in opened
    # a co-inventor saves a new title and field first
    form2 = page(tab2.get(f"/disclosures/{did}/edit"))
    r = tab2.post(f"/disclosures/{did}/edit", data=disclosure_form(
        team, version=str(version), opened=_opened(form2), title="Title saved by Bob",
        field="Materials science"))
    assert r.status_code == 302
    # Alice, on the page she opened before, changes the abstract only
    mine = "A new abstract by Alice, typed while Bob was saving."
    r = tab1.post(f"/disclosures/{did}/edit", data=disclosure_form(
        team, version=str(version), opened=opened, abstract=mine))
    assert r.status_code == 409
    body = page(r)
    rows = _rows(body)
    # each field Bob changed, three ways; the abstract nobody else touched is not listed
    assert rows["Title"] == [ORIGINAL_TITLE, ORIGINAL_TITLE, "Title saved by Bob"], rows
    assert rows["Field of technology"] == [ORIGINAL_FIELD, ORIGINAL_FIELD,
                                           "Materials science"], rows
    assert "Abstract" not in rows
    assert "You typed" in body and "When you opened the form" in body
    # what she typed is kept; the form now stands on the saved version
    assert f">{mine}</textarea>" in body
    assert f'value="{ORIGINAL_TITLE}"' in input_tag(body, "title")
    again = re.search(r'name="version" value="(\d+)"', body).group(1)
    assert int(again) == version + 1
    assert "Title saved by Bob" in _opened(body)
    # she takes Bob's title and saves again: accepted
    r = tab1.post(f"/disclosures/{did}/edit", data=disclosure_form(
        team, version=again, opened=_opened(body), title="Title saved by Bob",
        field="Materials science", abstract=mine))
    assert r.status_code == 302
    shown = page(tab1.get(f"/disclosures/{did}"))
    assert "Title saved by Bob" in shown and mine in shown


def test_without_the_snapshot_the_fields_that_differ_are_shown(app, team):
    """A form from before the snapshot existed: what differs from the saved record."""
    did = file_disclosure(app, team)
    tab1, tab2 = browser(app, team.alice), browser(app, team.alice)
    version = version_on(page(tab1.get(f"/disclosures/{did}/edit")))
    assert tab2.post(f"/disclosures/{did}/edit", data=disclosure_form(
        team, version=str(version), title="Saved in the other tab")).status_code == 302
    r = tab1.post(f"/disclosures/{did}/edit", data=disclosure_form(
        team, version=str(version), title="Typed in the first tab"))
    assert r.status_code == 409
    rows = _rows(page(r))
    assert rows["Title"] == ["Typed in the first tab", "not known", "Saved in the other tab"]
