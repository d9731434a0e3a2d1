"""Workflow diagrams drawn as SVG straight from the workflow tables (no Graphviz needed)."""
from __future__ import annotations

from collections import defaultdict, deque
from html import escape

from workflows import Workflow

BOX_W, BOX_H = 150, 52
COL_GAP, ROW_GAP = 70, 26
MARGIN = 20


def _ranks(wf: Workflow) -> dict[str, int]:
    """Columns by shortest distance from the initial state; unreachable states go last."""
    edges = defaultdict(list)
    for t in wf.transitions:
        for s in t.sources:
            if s != t.dest:
                edges[s].append(t.dest)
    rank = {wf.initial: 0}
    queue = deque([wf.initial])
    while queue:
        s = queue.popleft()
        for d in edges[s]:
            if d not in rank:
                rank[d] = rank[s] + 1
                queue.append(d)
    last = max(rank.values(), default=0) + 1
    return {s: rank.get(s, last) for s in wf.states}


def layout(wf: Workflow) -> dict[str, tuple[int, int]]:
    ranks = _ranks(wf)
    columns: dict[int, list[str]] = defaultdict(list)
    for s in wf.states:  # table order keeps the diagram stable
        columns[ranks[s]].append(s)
    pos = {}
    for col, states in columns.items():
        for row, s in enumerate(states):
            pos[s] = (MARGIN + col * (BOX_W + COL_GAP), MARGIN + row * (BOX_H + ROW_GAP))
    return pos


def svg(wf: Workflow, current: str | None = None, visited: set[str] | None = None,
        taken: set[tuple[str, str]] | None = None, label=lambda s: s) -> str:
    """The workflow as an SVG: states as boxes, transitions as labelled arrows.

    ``current`` is highlighted; ``visited`` states and ``taken`` (from, to) edges show the path
    a record has followed so far. ``label`` translates state and trigger labels.
    """
    visited = visited or set()
    taken = taken or set()
    pos = layout(wf)
    width = max(x for x, _ in pos.values()) + BOX_W + MARGIN
    height = max(y for _, y in pos.values()) + BOX_H + MARGIN + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="workflow-diagram" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(label(wf.label))}">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
             'class="arrowhead"/></marker></defs>']
    pair_count: dict[tuple[str, str], int] = defaultdict(int)
    for t in wf.transitions:
        for s in t.sources:
            key = (s, t.dest)
            n = pair_count[key]
            pair_count[key] += 1
            cls = "edge taken" if key in taken else "edge"
            title = escape(f"{label(t.label)} ({t.trigger})")
            if s == t.dest:
                x, y = pos[s]
                cx = x + BOX_W - 20 - n * 16
                parts.append(f'<path class="{cls}" d="M{cx},{y} c-10,-26 22,-26 12,0" '
                             f'marker-end="url(#arrow)"><title>{title}</title></path>')
                continue
            (x1, y1), (x2, y2) = pos[s], pos[t.dest]
            if x2 > x1:
                sx, sy, ex, ey = x1 + BOX_W, y1 + BOX_H / 2, x2, y2 + BOX_H / 2
            elif x2 < x1:
                sx, sy, ex, ey = x1, y1 + BOX_H / 2 + 8, x2 + BOX_W, y2 + BOX_H / 2 + 8
            else:
                sx, ex = x1 + BOX_W / 2 + 10 * n, x2 + BOX_W / 2 + 10 * n
                sy, ey = (y1 + BOX_H, y2) if y2 > y1 else (y1, y2 + BOX_H)
            bend = 30 if x2 < x1 else 0
            mx, my = (sx + ex) / 2, (sy + ey) / 2 + bend + n * 8
            parts.append(f'<path class="{cls}" d="M{sx:.0f},{sy:.0f} Q{mx:.0f},{my:.0f} '
                         f'{ex:.0f},{ey:.0f}" marker-end="url(#arrow)"><title>{title}</title>'
                         '</path>')
    for s, (x, y) in pos.items():
        cls = "state-box"
        if s == current:
            cls += " current"
        elif s in visited:
            cls += " visited"
        if s == wf.initial:
            cls += " initial"
        words = label(wf.state_label(s))
        lines = _wrap(words, 22)[:3]
        parts.append(f'<g class="{cls}"><rect x="{x}" y="{y}" width="{BOX_W}" '
                     f'height="{BOX_H}" rx="8"/>')
        for i, line in enumerate(lines):
            ty = y + BOX_H / 2 + (i - (len(lines) - 1) / 2) * 13 + 4
            parts.append(f'<text x="{x + BOX_W / 2}" y="{ty:.0f}">{escape(line)}</text>')
        parts.append(f"<title>{escape(words)} ({s})</title></g>")
    parts.append("</svg>")
    return "".join(parts)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines or [text]
