"""The parts of every workflow record's page: state, actions, history, documents, signatures."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from .. import workflow
from ..audit.services import record_events
from ..auth.models import User
from ..db import unit_of_work
from ..documents.services import record_documents
from ..extensions import db
from ..workflow import RecordType
from . import diagram


def record_page(rt: RecordType, record_id: int, template: str, extra=None):
    record = workflow.get_visible(rt, record_id, current_user)
    availability = workflow.available(rt, record, current_user)
    events = record_events(rt.name, record.id)
    docs = record_documents(rt.name, record.id)
    people_ids = {e.actor_id for e in events if e.actor_id}
    for d in docs:
        people_ids.update(d.required_signer_ids)
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(people_ids)))} \
        if people_ids else {}
    wf = workflow.engine.workflow(rt.name)
    moves = [(e.from_state, e.to_state) for e in events if e.from_state and e.to_state]
    visited = {s for move in moves for s in move}
    drawing = Markup(diagram.svg(wf, record.state, visited, set(moves), label=gettext))
    return render_template(
        template, record=record, rt=rt, wf=wf, diagram=drawing,
        allowed=[a for a in availability if a.allowed],
        blocked=[a for a in availability if not a.allowed and record.state in
                 a.transition.sources],
        events=events, documents=docs, people=people,
        defaults=getattr(record, "data_defaults", lambda trigger: {}), **(extra(record) if extra else {}))


def list_page(rt: RecordType, template: str, **extra):
    """A searchable, filterable, paged list of the records ``current_user`` may see."""
    wf = workflow.engine.workflow(rt.name)
    raw_page = request.args.get("page", "1")
    page = int(raw_page) if raw_page.isdigit() and 0 < int(raw_page) < 100000 else 1
    state = request.args.get("state") or None
    if state not in wf.states:
        state = None
    q = (request.args.get("q") or "").replace("\x00", "")[:200]
    items, total = rt.search(current_user, state=state, q=q or None, page=page, per_page=25)
    return render_template(template, items=items, total=total, page=page, per_page=25,
                           state=state, q=q, wf=wf, rt=rt, **extra)


def save_edit(rt: RecordType, record_id: int, payload, render_form, saved: str):
    """POST of an edit form: update through the service, or show the form again with the
    bad fields marked (422) and everything typed kept."""
    from ..errors import Invalid
    try:
        with unit_of_work():
            record = workflow.get_visible(rt, record_id, current_user, for_update=True)
            rt.update(record, current_user, payload(request.form))
    except Invalid as err:
        flash(_("Please correct the marked fields."), "error")
        record = workflow.get_visible(rt, record_id, current_user)
        return render_form(request.form.to_dict(), err.fields, record, 422)
    flash(saved, "success")
    return redirect(url_for(rt.endpoint, record_id=record_id))


def fire_from_form(rt: RecordType, record_id: int, trigger: str):
    """A button on the record page: fire the trigger and come back to the page."""
    t = workflow.engine.workflow(rt.name).transition(trigger)
    data = {}
    if t is not None:
        data = {f.name: request.form.get(f.name, "") for f in t.data}
    version = request.form.get("version", "")
    with unit_of_work():
        record = workflow.get_visible(rt, record_id, current_user, for_update=True)
        outcome = workflow.fire(rt, record, trigger, current_user,
                                version=int(version) if version.isdigit() else None,
                                comment=request.form.get("comment"), data=data)
    wf = workflow.engine.workflow(rt.name)
    message = _("Done: %(action)s. The record is now %(state)s.",
                action=_(outcome.event.trigger.replace("_", " ")),
                state=_(wf.state_label(record.state)))
    if outcome.documents:
        message += " " + _("Document %(number)s was generated.",
                           number=outcome.documents[0].number)
    flash(message, "success")
    return redirect(url_for(rt.endpoint, record_id=record_id))
