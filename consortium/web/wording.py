"""What a refused action's form says and keeps: field names as the form labels them, and
what the person typed, carried across the redirect back to the record page.

A refused action (a button of the record page) redirects to the page it came from, so its
errors and what was typed travel in the session as one flash of category ``form-echo``:
``{"trigger": ..., "values": {...}, "errors": {field: why}}``; ``_actions.html`` reads it
back with :func:`action_echo` to refill that action's form and put each error under its field.
"""
from __future__ import annotations

from typing import Any

from flask import flash, g, get_flashed_messages, request
from flask_babel import gettext

from workflows.errors import N_

from ..errors import translated

ECHO = "form-echo"
#: what an echo may carry: the session is a cookie (about 4 kB in all)
_ECHO_LIMIT = 2000

#: the fields every action form has besides its transition's data
_COMMON = {
    "comment": N_("Comment"),
    "reason": N_("Reason"),
    "confirm": N_("I understand what this does and that it cannot be undone."),
    "version": N_("Version of the record"),
}


#: the inputs of one row of a list field on an action form (``<field>-<n>-<part>``)
ROW_PARTS = ("description", "amount", "due_date")


def form_rows(form, name: str) -> list[dict[str, str]] | str:
    """The rows of the list field ``name`` typed into an action form, empty rows left out,
    in their order; "" when the form had no such rows (the field is left as it is)."""
    numbers = sorted({int(key.split("-")[1]) for key in form
                      if key.startswith(f"{name}-") and key.split("-")[1].isdigit()
                      and len(key.split("-")[1]) < 3})
    if not numbers and form.get(f"{name}-shown") != "yes":
        return ""
    rows = [{part: form.get(f"{name}-{n}-{part}", "").strip() for part in ROW_PARTS}
            for n in numbers]
    return [row for row in rows if any(row.values())]


def asked_for(transition) -> None:
    """Note the transition this request (a button of a record page) fires, for the wording
    of its refusal: this module sits below the workflows' registry and cannot look it up."""
    g.action = transition


def _transition():
    """The transition the current request fires (see :func:`asked_for`), or None."""
    return g.get("action")


#: the parts of a row of a list field (milestones), as the form labels them
_ROW_PARTS = {"description": N_("Milestone"), "amount": N_("Amount"), "due_date": N_("Due")}


def field_label(name: str, transition=None) -> str:
    """The label a person sees for the field ``name`` of an action form, translated; a
    row of a list field ("milestones.0.amount") as "Milestone payments, row 1: Amount"."""
    base, _, rest = name.partition(".")
    row, _, part = rest.partition(".")
    if rest and row.isdigit():
        return gettext("%(field)s, row %(n)s: %(part)s", field=field_label(base, transition),
                       n=int(row) + 1, part=gettext(_ROW_PARTS[part]) if part in _ROW_PARTS
                       else part)
    for f in getattr(transition, "data", ()):
        if f.name == name:
            return gettext(f.label)
    if name in _COMMON:
        return gettext(_COMMON[name])
    return name.replace("_", " ").capitalize()


def refused_form(fields: dict[str, Any], translate) -> list[str]:
    """The lines to flash for ``fields`` of a refused form ("Technology readiness level
    (TRL): required"), and, for an action of a record page, the echo of what was typed."""
    t = _transition()
    lines = [gettext("%(field)s: %(why)s", field=field_label(name, t), why=translate(why))
             for name, why in fields.items()]
    if t is not None and request.method == "POST":
        values: dict[str, Any] = {}
        size = 0
        lists = {f.name for f in t.data if f.type == "milestones"}
        for key in [f.name for f in t.data] + ["comment"]:
            value = form_rows(request.form, key) if key in lists else request.form.get(key, "")
            size += len(str(value))
            if value and size <= _ECHO_LIMIT:
                values[key] = value
        flash({"trigger": t.trigger, "values": values,
               "errors": {name: translate(why) for name, why in fields.items()}}, ECHO)
    return lines


def action_echo() -> dict[str, Any]:
    """The echo of the action form refused just before this page: {"trigger", "values",
    "errors"}, or an empty one."""
    for echo in get_flashed_messages(category_filter=[ECHO]):
        if isinstance(echo, dict):
            return echo
    return {"trigger": None, "values": {}, "errors": {}}


def reason_text(reason: str, params: dict[str, Any] | None = None) -> str:
    """Why an action is closed, translated with its parameters: a parameter that is itself
    wording of the definitions ("the licensee's signatory") is translated too; names and
    numbers are left as they are (gettext returns what it does not know); the problems of a
    record (``Joined``) part by part, a state in its workflow's context (``Label``)."""
    return translated(reason, {k: translated(v) if isinstance(v, str) and v else v
                               for k, v in (params or {}).items()})
