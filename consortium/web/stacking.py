"""Display tables become stacked rows on a phone (issue 20).

Every page's display tables (every ``<table>`` that is not a form table) get the class
``stack`` and each body and footer cell a ``data-label`` with its column's heading, taken
from the table's ``<thead>`` (``colspan`` counted). ``static/app.css`` then shows each row
as a block at phone width, each cell with its label in front of it, instead of a table
that scrolls inside its card. Done once, on the rendered page, so that every table of
every template (and every one added later) stacks without each template repeating its
headings; a cell across several columns gets none; a cell that already has a ``data-label`` keeps it, and a table marked
``no-stack`` or ``form-table`` (those stack with their own labels) is left alone.
"""
from __future__ import annotations

import html
import re

from flask import Flask, Response

_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S | re.I)
_HEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S | re.I)
_HEAD_CELL = re.compile(r"<th\b([^>]*)>(.*?)</th>", re.S | re.I)
_ROWS = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S | re.I)
_CELL = re.compile(r"<(td|th)\b([^>]*)>", re.I)
_COLSPAN = re.compile(r"""\bcolspan\s*=\s*["']?(\d+)""", re.I)
_CLASS = re.compile(r"""\bclass\s*=\s*(["'])(.*?)\1""", re.S | re.I)
_TAGS = re.compile(r"<[^>]+>")
_SKIP = {"form-table", "no-stack"}


def _span(attrs: str) -> int:
    m = _COLSPAN.search(attrs)
    return max(1, min(int(m.group(1)), 50)) if m else 1


def _label(cell_html: str) -> str:
    text = html.unescape(_TAGS.sub(" ", cell_html))
    return " ".join(text.split())


def _headings(head: str) -> list[str]:
    """The column headings of the last heading row, one per column."""
    rows = _ROWS.findall(head) or [("", head, "")]
    labels: list[str] = []
    for attrs, inner in _HEAD_CELL.findall(rows[-1][1]):
        labels.extend([_label(inner)] * _span(attrs))
    return labels


def _label_row(row: str, labels: list[str]) -> str:
    out, pos, col = [], 0, 0
    for m in _CELL.finditer(row):
        attrs = m.group(2)
        out.append(row[pos:m.start()])
        label = labels[col] if col < len(labels) else ""
        # a cell across several columns (a total's heading, "nothing yet") needs no label
        if label and "data-label" not in attrs and _span(attrs) == 1:
            attrs = f'{attrs} data-label="{html.escape(label, quote=True)}"'
        out.append(f"<{m.group(1)}{attrs}>")
        pos = m.end()
        col += _span(m.group(2))
    out.append(row[pos:])
    return "".join(out)


def _stack_table(m: re.Match) -> str:
    attrs, body = m.group(1), m.group(2)
    cls = _CLASS.search(attrs)
    classes = cls.group(2).split() if cls else []
    head = _HEAD.search(body)
    if _SKIP & set(classes) or head is None:
        return m.group(0)
    labels = _headings(head.group(1))
    if not any(labels):
        return m.group(0)
    if "stack" not in classes:
        if cls:
            attrs = attrs[:cls.start(2)] + " ".join([*classes, "stack"]) + attrs[cls.end(2):]
        else:
            attrs = f'{attrs} class="stack"'
    rest = body[head.end():]
    rest = _ROWS.sub(lambda r: r.group(1) + _label_row(r.group(2), labels) + r.group(3), rest)
    return f"<table{attrs}>{body[:head.end()]}{rest}</table>"


def stack_tables(page: str) -> str:
    """``page`` with every display table marked to stack (see the module's text)."""
    if "<table" not in page:
        return page
    return _TABLE.sub(_stack_table, page)


def init_app(app: Flask) -> None:
    @app.after_request
    def _stack(resp: Response) -> Response:
        if (resp.mimetype == "text/html" and not resp.direct_passthrough
                and not resp.is_streamed):
            page = resp.get_data(as_text=True)
            stacked = stack_tables(page)
            if stacked is not page:
                resp.set_data(stacked)
        return resp
