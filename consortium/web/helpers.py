"""Template helpers and the HTML side of error handling."""
from __future__ import annotations

import datetime as dt

from flask import Flask, flash, redirect, render_template, request
from flask_babel import format_date, get_locale, gettext
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from workflows import WORKFLOWS
from workflows.errors import WorkflowError

from ..documents.rendering import template_info
from ..errors import translated


def message_of(err: WorkflowError) -> str:
    return gettext(err.message, **err.params) if err.params else gettext(err.message)


def web_app_error(err: WorkflowError):
    """A refused action: say why on the page the user came from, keeping them where they were."""
    if err.status in (401,):
        return redirect("/login")
    if err.status == 404:
        return render_template("error.html", status=404, message=message_of(err)), 404
    flash(message_of(err), "error")
    for field, why in err.fields.items():
        flash(f"{field}: {translated(why)}", "error")
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
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        moment = value.astimezone(dt.UTC)
        return f"{format_date(moment.date(), 'medium')}, {moment:%H:%M} UTC"
    return format_date(value, "medium")


def safe_next(target: str | None, fallback: str) -> str:
    """``target`` if it is a path on this site, else ``fallback`` (no open redirects)."""
    target = target or ""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target


def money(value, currency: str = "") -> str:
    """1234567.5 -> "1 234 567.50" with a no-break space, for any amount the pages show."""
    if value is None or value == "":
        return "—"
    from decimal import Decimal, InvalidOperation
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = f"{amount:,.2f}".replace(",", "\u00a0")
    return f"{text} {currency}".strip()


#: each language named in itself, for the switcher
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def register_template_helpers(app: Flask) -> None:
    workflows = {w.name: w for w in WORKFLOWS}
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["translated"] = translated

    @app.context_processor
    def _globals():
        from ..documents.pdf import available
        return {"workflows": workflows, "current_user": current_user,
                "pdf_available": available(), "locale": str(get_locale()),
                "document_title": lambda name: template_info(name)["title"],
                "languages": LANGUAGE_NAMES,
                "state_label": lambda wf, s: gettext(workflows[wf].state_label(s))}
