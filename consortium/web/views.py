"""Home and the inbox: what waits for me."""
from __future__ import annotations

import datetime as dt

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import func, select

from workflows import WORKFLOWS, engine

from .. import workflow
from ..audit.models import Event
from ..audit.services import verify
from ..benefits.income import income_of
from ..db import unit_of_work
from ..documents.services import awaiting_signature, storage
from ..errors import translated
from ..extensions import db
from ..licensing.services import underpaid_reports
from . import dashboard as dash
from .deadlines import deadlines
from .diagram import svg
from .helpers import safe_next

bp = Blueprint("web", __name__)


@bp.get("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("web.inbox"))
    return redirect(url_for("auth.login"))


def _actionable(user, limit: int = 50) -> tuple[list[dict], int]:
    """Records on which ``user`` can act now, oldest first, and how many wait in all.

    Per workflow, only records in states where this role has an awaited action are read,
    oldest first and at most ``limit``; the engine then confirms each one for this user.
    """
    out = []
    waiting = 0
    for rt in workflow.REGISTRY.values():
        states = engine.awaited_states(rt.name, user.role)
        if not states:
            continue
        stmt = rt.visible(select(rt.model), user, rt.model.state.in_(states))
        waiting += db.session.scalar(stmt.with_only_columns(func.count(rt.model.id))) or 0
        for record in db.session.scalars(stmt.order_by(rt.model.updated_at).limit(limit)):
            actions = engine.awaited(rt.name, record, user)
            if actions:
                out.append({"rt": rt, "record": record, "actions": actions,
                            "since": record.updated_at})
    out.sort(key=lambda item: item["since"])
    return out[:limit], waiting


@bp.post("/language")
def language():
    """Remember the chosen language for this browser and go back to the page."""
    lang = request.form.get("lang", "")
    if lang not in current_app.config["LANGUAGES"]:
        abort(400)
    session["lang"] = lang
    if current_user.is_authenticated and current_user.language != lang:
        with unit_of_work():  # the language of this person's e-mails follows the last used
            current_user.language = lang
    return redirect(safe_next(request.form.get("next"), url_for("web.home")))


@bp.get("/workflows")
@login_required
def workflows():
    items = [(wf, Markup(svg(wf, label=translated))) for wf in WORKFLOWS]
    return render_template("workflows.html", items=items)


@bp.get("/dashboard")
@login_required
def dashboard():
    """Legal and TTO staff: where everything stands, with a CSV of every table."""
    if current_user.role != "legal":
        abort(403)
    wanted = request.args.get("csv")
    if wanted:
        if wanted not in dash.TABLES:
            abort(404)
        rows = dash.TABLES[wanted][1](current_user.organization_id)
        return Response(dash.to_csv(rows), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="{wanted}.csv"'})
    tables = {key: (title, fn(current_user.organization_id))
              for key, (title, fn) in dash.TABLES.items()}
    return render_template("dashboard.html", tables=tables)


@bp.get("/inbox")
@login_required
def inbox():
    docs = awaiting_signature(current_user.id)
    records = {}
    for d in docs:
        rt = workflow.REGISTRY[d.record_type]
        records[d.id] = (rt, db.session.get(rt.model, d.record_id))
    actions, waiting = _actionable(current_user)
    today = dt.date.today()
    return render_template("inbox.html", signatures=docs, signature_records=records,
                           actions=actions, waiting=waiting, today=today,
                           deadlines=deadlines(current_user, today),
                           underpaid=underpaid_reports(current_user),
                           declines=workflow.recent_declines(current_user),
                           my_income=income_of(current_user, limit=10),
                           registry=workflow.REGISTRY)


@bp.get("/audit")
@login_required
def audit():
    """Administrators: verify the audit hash chain and the document store, in words."""
    if current_user.role != "admin":
        abort(403)
    result = verify(storage())
    bad = result.get("first_bad") or {}
    event = db.session.get(Event, bad["id"]) if bad.get("kind") in ("event", "chain") \
        and isinstance(bad.get("id"), int) else None
    return render_template("audit.html", result=result, bad=bad, event=event)
