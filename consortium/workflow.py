"""Where the app meets the engine: record types, their documents and audit, and signing."""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, or_, select, union

from workflows import Availability, Outcome, Transition, TransitionInput, engine
from workflows.errors import N_

from .audit.services import append_event
from .benefits import money
from .db import utcnow
from .documents import services as documents
from .documents.models import Document, RequiredSigner
from .errors import NotFound
from .extensions import db
from .validation import valid_id


@dataclass(frozen=True)
class RecordType:
    """How one workflow's records are stored, shown, numbered and filled into documents."""

    name: str  #: the workflow name, also the record_type of events and documents
    collection: str  #: the API collection, e.g. "disclosures"
    model: type
    #: the template context of a record (plain values only)
    context: Callable[[Any], dict[str, Any]]
    #: the record's key printed in document numbers, e.g. its registration number
    key: Callable[[Any], str]
    #: narrows a select of ``model`` to what ``user`` may see (made with :func:`visibility`,
    #: so that every required signer of a document also sees the record)
    visible: Callable[[Select, Any], Select]
    #: the web endpoint of a record's page (takes ``id``)
    endpoint: str
    #: create(user, payload) -> record; update(record, user, payload) -> record
    create: Callable[[Any, Any], Any]
    update: Callable[[Any, Any, Any], Any]
    #: search(user, state=, q=, page=, per_page=) -> (records, total)
    search: Callable[..., tuple[list[Any], int]]
    #: the record as the API shows it
    serialize: Callable[[Any], dict[str, Any]]
    #: a short line naming the record in lists and the inbox
    describe: Callable[[Any], str]
    #: called after each transition, in the same unit of work, for cross-record effects
    after: Callable[[Any, Any, Any], None] | None = None
    #: pydantic models of the create and update bodies (validation and OpenAPI)
    create_schema: type | None = None
    update_schema: type | None = None
    #: check_editor(record, user) raises ``Forbidden`` (403) unless ``user`` may change the
    #: record's own fields; its edit form, the form's POST and ``update`` all ask it first
    check_editor: Callable[[Any, Any], None] | None = None
    #: document_filter(user): a SQL condition on ``Document`` narrowing the documents of a
    #: record that ``user``, who sees the record, may read (e.g. a former member of a
    #: consortium reads only what was issued while it was a party); None: all of them
    document_filter: Callable[[Any], Any] | None = None


REGISTRY: dict[str, RecordType] = {}


def register(record_type: RecordType) -> RecordType:
    if not hasattr(record_type.visible, "base"):
        raise TypeError(f"{record_type.name}: make its visible() with workflow.visibility()")
    REGISTRY[record_type.name] = record_type
    return record_type


# -- who sees what --------------------------------------------------------------------------------
def signer_document_ids(user) -> Select:
    """The documents ``user`` is a required signer of (an index lookup on required_signers)."""
    return select(RequiredSigner.document_id).where(RequiredSigner.user_id == user.id)


def visibility(record_type: str, model: type):
    """Make a domain's ``visible(stmt, user)`` the rule of the whole app for its records: what
    the domain grants (its ``base``), and every record of which ``user`` is a required signer
    of a document, whatever the role. Signing gives sight, read-only: what a signer may do
    beyond signing is still decided by the engine's role and relation gates and by
    ``check_editor``. Both parts are index lookups united, so lists and counts stay one query."""
    def wrap(base: Callable[[Select, Any], Select]) -> Callable[[Select, Any], Select]:
        @functools.wraps(base)
        def visible(stmt: Select, user) -> Select:
            signed = (select(Document.record_id)
                      .where(Document.record_type == record_type,
                             Document.id.in_(signer_document_ids(user))))
            return stmt.where(model.id.in_(union(base(select(model.id), user), signed)))
        visible.base = base  # type: ignore[attr-defined]
        return visible
    return wrap


def _sees_document(rt: RecordType, user):
    """SQL: ``user`` may read this ``Document`` row: it is one they must sign, or they see its
    record through the domain's own rule and the record type lets them read this document."""
    model = rt.model
    direct = rt.visible.base(select(model.id).where(model.id == Document.record_id),  # type: ignore[attr-defined]
                             user).exists()
    if rt.document_filter is not None:
        direct = and_(direct, rt.document_filter(user))
    return or_(Document.id.in_(signer_document_ids(user)), direct)


def record_documents(rt: RecordType, record_id: int, user) -> list[Document]:
    """The documents of a record that ``user`` may read, newest first (one query)."""
    return list(db.session.scalars(
        select(Document).where(Document.record_type == rt.name,
                               Document.record_id == record_id, _sees_document(rt, user))
        .order_by(Document.id.desc())))


def may_edit(rt: RecordType, record, user) -> bool:
    """Whether ``user`` may change the record's own fields (the state aside): pages show
    their edit link by it."""
    from .errors import Forbidden
    try:
        if rt.check_editor is not None:
            rt.check_editor(record, user)
    except Forbidden:
        return False
    return True


def get_editable(rt: RecordType, record_id: Any, user, *, for_update: bool = False):
    """The record for its edit form: 404 if ``user`` may not see it, 403 if they see it but
    may not edit it (before anything they typed is looked at)."""
    record = get_visible(rt, record_id, user, for_update=for_update)
    if rt.check_editor is not None:
        rt.check_editor(record, user)
    return record


class AppPorts:
    """The engine's documents and audit log, written to the current database transaction."""

    def __init__(self, rt: RecordType):
        self.rt = rt

    def render_document(self, record: Any, t: Transition, inp: TransitionInput, actor,
                        signer_ids: list[int]) -> Document:
        from .documents.context import person, text
        context = self.rt.context(record)
        context["actor"] = person(actor)
        context["comment"] = text(inp.comment)
        context["signers"] = documents.signer_people(signer_ids)
        return documents.create_document(self.rt.name, record.id, self.rt.key(record),
                                         t.document, context, signer_ids,
                                         replaces_previous=t.replaces_previous, at=inp.now)

    def append_event(self, record: Any, trigger: str, from_state: str, to_state: str, actor,
                     inp: TransitionInput, docs: list[Document]):
        return append_event(self.rt.name, record.id, trigger, from_state, to_state,
                            actor.id if actor else None, inp.comment, inp.data, docs,
                            at=inp.now)

    def all_signed(self, document: Document) -> bool:
        return not document.pending_signer_ids()

    def void_unsigned(self, record: Any, template: str) -> None:
        documents.void_unsigned(self.rt.name, record.id, template)

    def currency_places(self, code: str) -> int:
        return money.minor_units(code)


def get_visible(rt: RecordType, record_id: Any, user, *, for_update: bool = False):
    """The record if ``user`` may see it; otherwise 404, never 403, so nothing leaks."""
    if not valid_id(record_id):
        raise NotFound(N_("No such record."))
    stmt = rt.visible(select(rt.model).where(rt.model.id == record_id), user)
    if for_update:
        stmt = stmt.with_for_update(of=rt.model)
    record = db.session.scalar(stmt)
    if record is None:
        raise NotFound(N_("No such record."))
    return record


def available(rt: RecordType, record, user) -> list[Availability]:
    return engine.available(rt.name, record, user)


def fire(rt: RecordType, record, trigger: str, user, *, version: int | None = None,
         comment: str | None = None, data: dict | None = None) -> Outcome:
    """Fire ``trigger`` on ``record`` for ``user`` (the caller's unit of work commits)."""
    outcome = engine.fire(rt.name, record, trigger, user, AppPorts(rt), version=version,
                          comment=comment, data=data)
    db.session.flush()
    if rt.after is not None:
        o = outcome
        while o is not None:
            rt.after(record, o, user)
            o = o.follow_up
        db.session.flush()
    return outcome


def sign(doc: Document, user, typed_name, consent, ip: str | None, user_agent: str | None):
    """Sign ``doc``; when it was the last signature, fire the workflow's auto trigger."""
    rt = REGISTRY[doc.record_type]
    # Lock the record first: two last signatures arriving together must see each other.
    record = db.session.scalar(select(rt.model).where(rt.model.id == doc.record_id)
                               .with_for_update(of=rt.model))
    db.session.refresh(doc)
    signature = documents.sign(doc, user, typed_name, consent, ip, user_agent)
    outcome = engine.after_signature(rt.name, record, doc, AppPorts(rt))
    if outcome is not None and rt.after is not None:
        rt.after(record, outcome, None)
    if outcome is None:
        record.updated_at = utcnow()  # a signature changes the record: its version moves on
    db.session.flush()
    return signature, outcome


def visible_document(doc_id: Any, user) -> Document:
    """The document if ``user`` must sign it, or sees its record and may read it; else 404.

    The same rule as :func:`record_documents`, so a page, the API and a download agree."""
    if not valid_id(doc_id):
        raise NotFound(N_("No such document."))
    doc = documents.get_document(doc_id)
    rt = REGISTRY.get(doc.record_type)
    if rt is None:
        raise NotFound(N_("No such document."))
    if user.id not in doc.required_signer_ids and db.session.scalar(
            select(Document.id).where(Document.id == doc.id, _sees_document(rt, user))) is None:
        raise NotFound(N_("No such document."))
    return doc


def transition_outcome_dict(outcome: Outcome) -> dict:
    events, docs = [], []
    o: Outcome | None = outcome
    while o is not None:
        events.append(o.event)
        docs.extend(o.documents)
        o = o.follow_up
    return {"events": events, "documents": docs}


def search(model, visible: Callable[[Select, Any], Select], user, *, state: str | None,
           q: str | None, columns: tuple, page: int, per_page: int) -> tuple[list, int]:
    """A page of the records ``user`` may see, newest first, and how many match in all."""
    from sqlalchemy import func, or_
    stmt = visible(select(model), user)
    if state:
        stmt = stmt.where(model.state == state)
    if q:
        escaped = q.strip()[:200].replace("\\", "\\\\").replace("%", "\\%") \
            .replace("_", "\\_")
        stmt = stmt.where(or_(*(c.ilike(f"%{escaped}%", escape="\\") for c in columns)))
    total = db.session.scalar(stmt.with_only_columns(func.count(model.id)).order_by(None))
    items = db.session.scalars(stmt.order_by(model.id.desc())
                               .offset((page - 1) * per_page).limit(per_page)).all()
    return list(items), total or 0

