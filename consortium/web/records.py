"""The parts of every workflow record's page: state, actions, history, documents, signatures."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from workflows.errors import N_, ValidationFailed, WorkflowError

from .. import workflow
from ..audit.services import record_events
from ..auth.models import User
from ..db import unit_of_work
from ..errors import Conflict, Forbidden, Invalid, translated
from ..extensions import db
from ..validation import list_options, page_number, query_int
from ..workflow import RecordType
from . import diagram
from .helpers import message_of
from .meanwhile import opened_of, snapshot, three_way
from .wording import asked_for, form_rows

#: a form's refill from what was typed, a form's payload for the service, and the page that
#: shows the form: each domain's ``forms.echo``, ``forms.payload`` and its view's ``_form``
Echo = Callable[[MultiDict], dict[str, Any]]
Payload = Callable[[MultiDict, Any, Any], dict[str, Any]]
RenderForm = Callable[..., Any]


def _refusal_page(err: WorkflowError) -> NoReturn:
    abort(make_response(render_template("error.html", status=err.status,
                                        message=message_of(err)), err.status))


def creatable(rt: RecordType) -> None:
    """Guard of a "new" form (GET or POST): a 403 page unless the user may create one
    (``Model.can_create``, which the list page's "New …" button and the service ask too)."""
    if not rt.model.can_create(current_user):
        abort(403)


def editable_record(rt: RecordType, record_id: int, *, for_update: bool = False):
    """The record behind an edit form (GET or POST): a 404 page if the user may not see it,
    a page saying why if they see it but may not edit it now (``record.can_edit``: 403 who,
    409 the state)."""
    try:
        return workflow.get_editable(rt, record_id, current_user, for_update=for_update)
    except (Forbidden, Conflict) as err:
        _refusal_page(err)


def record_page(rt: RecordType, record_id: int, template: str, extra=None):
    record = workflow.get_visible(rt, record_id, current_user)
    availability = workflow.available(rt, record, current_user)
    events = record_events(rt.name, record.id)
    docs = workflow.record_documents(rt, record.id, current_user)
    people_ids = {e.actor_id for e in events if e.actor_id}
    for d in docs:
        people_ids.update(d.required_signer_ids)
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(people_ids)))} \
        if people_ids else {}
    wf = workflow.engine.workflow(rt.name)
    moves = [(e.from_state, e.to_state) for e in events if e.from_state and e.to_state]
    visited = {s for move in moves for s in move}
    drawing = Markup(diagram.svg(wf, record.state, visited, set(moves), label=translated))
    return render_template(
        template, record=record, rt=rt, wf=wf, diagram=drawing,
        allowed=[a for a in availability if a.allowed],
        blocked=[a for a in availability if not a.allowed and record.state in
                 a.transition.sources],
        events=events, documents=docs, people=people, waiting_for_dates=workflow.pending_of(record),
        defaults=getattr(record, "data_defaults", lambda trigger: {}), **(extra(record) if extra else {}))


def list_page(rt: RecordType, template: str, **extra):
    """A searchable, filterable, paged list of the records ``current_user`` may see."""
    wf = workflow.engine.workflow(rt.name)
    page = page_number()
    state = request.args.get("state") or None
    if state not in wf.states:
        state = None
    q = (request.args.get("q") or "").replace("\x00", "")[:200]
    options = list_options(request.args)
    items, total = rt.search(current_user, state=state, q=q or None, page=page, per_page=25,
                             **options)
    return render_template(template, items=items, total=total, page=page, per_page=25,
                           state=state, q=q, wf=wf, rt=rt, sort=request.args.get("sort", ""),
                           since=request.args.get("from", ""),
                           until=request.args.get("to", ""), **extra)


def save_new(rt: RecordType, payload: Payload, echo: Echo, render_form: RenderForm,
             saved: str):
    """POST of a "new" form: create through the service and go to the new record's page,
    or show the form again with the bad fields marked (422) and everything typed kept."""
    creatable(rt)
    try:
        with unit_of_work():
            record = rt.create(current_user, payload(request.form, current_user, None))
    except Invalid as err:
        flash(_("Please correct the marked fields."), "error")
        return render_form(echo(request.form), err.fields, None, 422)
    flash(saved, "success")
    return redirect(url_for(rt.endpoint, record_id=record.id))


def meanwhile(typed: dict[str, Any], saved: dict[str, Any]) -> dict[str, Any]:
    """The fields whose saved value differs from what was typed: what an edit made in another
    tab (or by a co-inventor) changed, or what this person changed; the form shows both."""
    return {name: value for name, value in saved.items()
            if name != "version" and isinstance(value, str) and name in typed
            and (typed.get(name) or "").strip() != value.strip()}


def save_edit(rt: RecordType, record_id: int, payload: Payload, echo: Echo,
              render_form: RenderForm, saved: str, current: Callable | None = None):
    """POST of an edit form: update through the service, or show the form again with the
    bad fields marked (422) and everything typed kept.

    On a stale version (the record was saved meanwhile, in another tab or by someone else)
    the form comes back (409) with what was typed, the saved values that differ from it,
    and the current version, so that saving again is a deliberate choice."""
    try:
        with unit_of_work():
            record = editable_record(rt, record_id, for_update=True)
            workflow.edit(rt, record, current_user,
                          payload(request.form, current_user, record))
    except Invalid as err:
        flash(_("Please correct the marked fields."), "error")
        record = workflow.get_visible(rt, record_id, current_user)
        return render_form(echo(request.form), err.fields, record, 422)
    except Conflict as err:
        if err.code != "stale_version" or current is None:
            raise
        record = workflow.get_visible(rt, record_id, current_user)
        typed = echo(request.form)
        now = current(record, current_user)
        g.meanwhile = three_way(typed, opened_of(request.form), now)
        # the form comes back with what was typed; what it was opened on is now the saved
        g.reopened = snapshot(now)
        typed["version"] = now.get("version", typed.get("version"))
        flash(_("Someone saved this record while you were editing it (your version %(yours)s, "
                "now %(current)s). What you typed is kept below; the fields that differ from "
                "the saved record show its saved value. Check them and save again.",
                yours=err.params.get("yours"), current=err.params.get("current")), "error")
        return render_form(typed, {}, record, 409)
    flash(saved, "success")
    return redirect(url_for(rt.endpoint, record_id=record_id))


def _require_confirmation(rt: RecordType, record, t) -> None:
    """An irreversible action needs its "I understand" box ticked on the form, which says
    what will happen; the API does not ask (a client that sends the request means it).

    Someone who may not act at all learns that from the engine, not about the box.
    """
    if not t.irreversible or request.form.get("confirm") == "yes":
        return
    wf = workflow.engine.workflow(rt.name)
    if not workflow.engine.check(wf, record, t, current_user).allowed:
        return  # the engine refuses it, with its own reason
    raise ValidationFailed(
        N_("This cannot be undone: tick “I understand” to confirm that you want to do it."),
        fields={"confirm": N_("required: confirm that you understand what this does")})


def fire_from_form(rt: RecordType, record_id: int, trigger: str):
    """A button on the record page: fire the trigger and come back to the page."""
    t = workflow.engine.workflow(rt.name).transition(trigger)
    asked_for(t)
    data = {}
    if t is not None:
        data = {f.name: form_rows(request.form, f.name) if f.type == "milestones"
                else request.form.get(f.name, "") for f in t.data}
    version = request.form.get("version", "").strip()
    version_number = query_int(request.form, "version", 0, minimum=0) if version else None
    with unit_of_work(optimistic=True):
        record = workflow.get_visible(rt, record_id, current_user, for_update=True)
        if t is not None:
            _require_confirmation(rt, record, t)
        outcome = workflow.fire(rt, record, trigger, current_user,
                                version=version_number,
                                comment=request.form.get("comment"), data=data)
    wf = workflow.engine.workflow(rt.name)
    message = _("Done: %(action)s. The record is now %(state)s.",
                action=_(wf.transition(outcome.event.trigger).label),
                state=translated(wf.state_label(record.state)))
    if outcome.documents:
        message += " " + _("Document %(number)s was generated.",
                           number=outcome.documents[0].number)
    flash(message, "success")
    return redirect(url_for(rt.endpoint, record_id=record_id))


def record_routes(bp: Blueprint, rt: RecordType, *, forms: Any, render_form: RenderForm,
                  index_template: str, show_template: str, created: Any, saved: Any,
                  show_extra: Callable[[Any], dict] | None = None,
                  index_extra: Callable[[], dict] | None = None) -> None:
    """The same seven routes of every record type on ``bp``: ``index``, ``new`` (GET),
    ``create`` (POST), ``show``, ``edit`` (GET), ``update`` (POST) and ``fire`` (a button of
    the record page). ``forms`` is the domain's module with ``values``, ``payload`` and
    ``echo``; ``render_form(values, errors, record, status)`` shows its form; ``created`` and
    ``saved`` are the (lazily translated) messages after a save."""
    def index():
        return list_page(rt, index_template, **(index_extra() if index_extra else {}))

    def new():
        creatable(rt)
        return render_form(forms.values(None, current_user, request.args))

    def create():
        return save_new(rt, forms.payload, forms.echo, render_form, str(created))

    def show(record_id: int):
        return record_page(rt, record_id, show_template, extra=show_extra)

    def edit(record_id: int):
        record = editable_record(rt, record_id)
        return render_form(forms.values(record, current_user), None, record)

    def update(record_id: int):
        return save_edit(rt, record_id, forms.payload, forms.echo, render_form, str(saved),
                         current=forms.values)

    def fire(record_id: int, trigger: str):
        return fire_from_form(rt, record_id, trigger)

    for rule, view, methods in (("/", index, ["GET"]), ("/new", new, ["GET"]),
                                ("/new", create, ["POST"]),
                                ("/<int:record_id>", show, ["GET"]),
                                ("/<int:record_id>/edit", edit, ["GET"]),
                                ("/<int:record_id>/edit", update, ["POST"]),
                                ("/<int:record_id>/actions/<trigger>", fire, ["POST"])):
        bp.add_url_rule(rule, view.__name__, view, methods=methods)
