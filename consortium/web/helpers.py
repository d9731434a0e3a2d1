"""Template helpers and the HTML side of error handling."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from flask import Flask, flash, redirect, render_template, request
from flask_babel import format_date, get_locale, gettext
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from workflows import WORKFLOWS
from workflows.errors import WorkflowError

from ..errors import translated
from ..money import format_money
from .wording import action_echo, reason_text, refused_form


def message_of(err: WorkflowError) -> str:
    return translated(err.message, err.params)


def web_app_error(err: WorkflowError):
    """A refused action: say why on the page the user came from, keeping them where they were."""
    if err.status in (401,):
        return redirect("/login")
    if err.status == 404:
        return render_template("error.html", status=404, message=message_of(err)), 404
    if request.method == "GET" and err.status in (400, 422):
        # an address with a bad parameter (?page=²): no form to show again, so say what
        details = "; ".join(f"{field}: {translated(why)}" for field, why in err.fields.items())
        return render_template("error.html", status=err.status, message=" ".join(
            part for part in (message_of(err), details) if part)), err.status
    flash(message_of(err), "error")
    for line in refused_form(err.fields, translated):
        flash(line, "error")
    target = request.referrer if request.referrer and request.referrer.startswith(
        request.host_url) else "/"
    return redirect(target)


def web_http_error(err: HTTPException):
    status = err.code or 500
    messages = {
        400: gettext("The form could not be read. If you left the page open for a long time, "
                     "reload it and try again."),
        403: gettext("You are not allowed to see this page."),
        404: gettext("This page does not exist, or you are not allowed to see it."),
        405: gettext("This action cannot be done this way."),
        413: gettext("What you sent is too large."),
    }
    return render_template("error.html", status=status,
                           message=messages.get(status, err.description)), status


def _date(value) -> str:
    """A date, or a moment in UTC, in the page's language: "14 Mar 2026" / "14 мар. 2026 г."."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):  # a date kept as ISO text in JSON (milestones)
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        moment = value.astimezone(dt.UTC)
        return f"{format_date(moment.date(), 'medium')}, {moment:%H:%M} UTC"
    return format_date(value, "medium")


#: what a browser's URL parser drops: C0 controls and space at either end, tab/CR/LF anywhere
_URL_EDGE = "".join(chr(c) for c in range(0x21))
_URL_DROPPED = str.maketrans("", "", "\t\n\r")


def safe_next(target: str | None, fallback: str) -> str:
    """``target`` if it is a path on this site, else ``fallback`` (no open redirects).

    The target is first read the way a browser reads a Location header (WHATWG URL): leading
    and trailing controls and spaces stripped, tab and newlines removed, ``\\`` taken as ``/``.
    What is left must be an absolute path: one ``/``, no scheme, no host, no controls."""
    if not isinstance(target, str):
        return fallback
    path = target.strip(_URL_EDGE).translate(_URL_DROPPED).replace("\\", "/")
    if not path.startswith("/") or path.startswith("//") \
            or any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in path):
        return fallback
    parts = urlsplit(path)
    if parts.scheme or parts.netloc:
        return fallback
    return path


NBSP = "\u00a0"


def money(value, currency: str = "") -> str:
    """1234567.5 -> "1 234 567.50" with a no-break space, for any amount the pages show."""
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"{format_money(amount, thousands_sep=NBSP, places=2)} {currency}".strip()


#: each language named in itself, for the switcher
LANGUAGE_NAMES = {"en": "English", "kk": "Қазақша", "ru": "Русский"}


def register_template_helpers(app: Flask) -> None:
    workflows = {w.name: w for w in WORKFLOWS}
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["translated"] = translated

    @app.context_processor
    def _globals():
        # the documents blueprint adds ``pdf_available`` and ``document_title``
        return {"workflows": workflows, "current_user": current_user,
                "locale": str(get_locale()),
                "languages": LANGUAGE_NAMES,
                "state_label": lambda wf, s: translated(workflows[wf].state_label(s)),
                "action_echo": action_echo, "reason_text": reason_text}
