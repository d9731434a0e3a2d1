"""A stale edit, three ways (issue 20): what you typed, what was there when you opened the
form, and what someone saved meanwhile.

An edit form carries, in one hidden input ``opened``, the text fields as they were when the
person opened it (:func:`opened_input`, a template global). When the save is refused as
stale, :func:`three_way` compares the three per field: each field someone changed meanwhile
(saved differs from opened) is shown with all three. The form comes back with what was typed and the new version, and
its ``opened`` becomes the saved values, which the person has now seen, so that saving
again is a deliberate choice.
"""
from __future__ import annotations

import json
from typing import Any

from flask import Flask, g, request
from markupsafe import Markup, escape

#: the hidden input's name
FIELD = "opened"
#: a form's snapshot is at most this long (a few long texts); a bigger one is not kept
LIMIT = 60_000


def snapshot(values: dict[str, Any]) -> dict[str, str]:
    """The text fields of a form's values (no version, no token, no rows)."""
    return {k: v for k, v in values.items()
            if isinstance(v, str) and k not in ("version", "csrf_token", FIELD)}


def opened_of(form) -> dict[str, str] | None:
    """The snapshot a posted form carried, or None (an older page, or a tampered one)."""
    raw = form.get(FIELD) or ""
    if not raw or len(raw) > LIMIT:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def opened_input(values: dict[str, Any]) -> Markup:
    """The hidden ``opened`` input of an edit form: on the first showing the values shown;
    when the form comes back after a refusal, what it carried (after a stale save: what is
    saved now)."""
    snap: dict[str, str] | None = g.get("reopened")
    if snap is None and request.method == "POST":
        snap = opened_of(request.form)
    if snap is None:
        snap = snapshot(values)
    text = json.dumps(snap, ensure_ascii=False, sort_keys=True)
    if len(text) > LIMIT:
        return Markup("")
    return Markup(f'<input type="hidden" name="{FIELD}" value="{escape(text)}">')


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip() == (b or "").strip()


def three_way(typed: dict[str, Any], opened: dict[str, str] | None,
              saved: dict[str, Any]) -> dict[str, dict[str, str | None]]:
    """Per field someone changed meanwhile (saved differs from opened): {"typed", "opened",
    "saved"}. Without the snapshot (``opened`` None) every field whose typed value differs
    from the saved one, with "opened" None."""
    out: dict[str, dict[str, str | None]] = {}
    for name, now in saved.items():
        if name == "version" or not isinstance(now, str) or name not in typed:
            continue
        mine = typed.get(name) if isinstance(typed.get(name), str) else ""
        before = opened.get(name) if opened is not None else None
        if (not _same(before, now)) if opened is not None and name in opened \
                else not _same(mine, now):
            out[name] = {"typed": mine, "opened": before, "saved": now}
    return out


def init_app(app: Flask) -> None:
    app.jinja_env.globals["opened_input"] = opened_input
