"""Where the app meets the engine: record types, their documents and audit, and signing."""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, union
from sqlalchemy.orm import aliased

from workflows import Availability, Outcome, Transition, TransitionInput, engine
from workflows.errors import N_

from . import money
from .audit.models import Event
from .audit.services import append_event, seal
from .auth.models import User
from .db import OPTIMISTIC, unindexed, utcnow
from .documents import services as documents
from .documents.context import person, text
from .documents.models import Document, RequiredSigner
from .errors import Conflict, NotFound
from .extensions import db
from .validation import valid_id

#: an after-hook, ``hook(record, outcome, user)``: runs after its trigger, in the same unit of
#: work, for what the transition does to other records (``outcome.produced`` says what its
#: effect produced; ``user`` is None when the system fired it); what it returns (e.g. the
#: income it booked) is kept as ``outcome.hooked``
Hook = Callable[[Any, Outcome, Any], Any]


class Hooks(dict[str, Hook]):
    """The after-hooks of one record type, one per trigger; :func:`register` checks that
    every trigger named is one of the record type's workflow."""

    def after(self, *triggers: str) -> Callable[[Hook], Hook]:
        """Decorate the hook run after each of ``triggers``."""
        def add(hook: Hook) -> Hook:
            for trigger in triggers:
                if trigger in self:
                    raise ValueError(f"two after-hooks for {trigger}: {self[trigger].__name__} "
                                     f"and {hook.__name__}")
                self[trigger] = hook
            return hook
        return add


@dataclass(frozen=True)
class Income:
    """Money one record's transition brought in for an IP asset or a consortium (a royalty, a
    milestone payment): the subject's benefit plan in force distributes it, or it is held
    until one is (see :func:`book_income`)."""

    kind: str  #: royalty, milestone
    source: str
    amount: Decimal
    currency: str
    at: dt.datetime
    #: the event that brought it in
    event_id: int | None
    disclosure_id: int | None = None
    consortium_id: int | None = None
    license_id: int | None = None
    period: str | None = None
    net_sales: Decimal | None = None


@dataclass(frozen=True)
class RecordType:
    """How one workflow's records are stored, shown, numbered and filled into documents."""

    name: str  #: the workflow name, also the record_type of events and documents
    collection: str  #: the API collection, e.g. "disclosures"
    model: type
    #: context(record, produced): the template context of a record (plain values only), with
    #: what the transition's effect produced (None when it produced nothing)
    context: Callable[[Any, Any], dict[str, Any]]
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
    #: after-hooks by trigger (see :class:`Hooks`), for what a transition does to other records
    hooks: Mapping[str, Hook] = field(default_factory=dict)
    #: receive_income(income) books :class:`Income` of another workflow's record (benefit
    #: plans distribute it); None for record types that take none
    receive_income: Callable[[Income], Any] | None = None
    #: pydantic models of the create and update bodies (validation and OpenAPI)
    create_schema: type | None = None
    update_schema: type | None = None
    #: document_filter(user): a SQL condition on ``Document`` narrowing the documents of a
    #: record that ``user``, who sees the record, may read (e.g. a former member of a
    #: consortium reads only what was issued while it was a party); None: all of them
    document_filter: Callable[[Any], Any] | None = None


REGISTRY: dict[str, RecordType] = {}

#: parts of one record type's document context that another domain supplies, by (record
#: type, context key): the results a consortium's dissolution act lists are the disclosures
#: made in it, which consortia (below disclosures) cannot read themselves
_CONTEXT_PARTS: dict[tuple[str, str], Callable[[Any], Any]] = {}


def supplies_context(record_type: str, key: str):
    """Register the decorated ``fn(record)`` as the ``key`` part of ``record_type``'s context."""
    def register_part(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
        if (record_type, key) in _CONTEXT_PARTS:
            raise ValueError(f"{record_type}: the context part {key!r} is supplied twice")
        _CONTEXT_PARTS[(record_type, key)] = fn
        return fn
    return register_part


def context_part(record_type: str, key: str, record: Any, default: Any) -> Any:
    """The ``key`` part of ``record``'s context that another domain supplies, else ``default``."""
    supply = _CONTEXT_PARTS.get((record_type, key))
    return supply(record) if supply is not None else default


#: the workflow whose record type receives the income other workflows bring in
INCOME_WORKFLOW = "benefit_plan"


def register(record_type: RecordType) -> RecordType:
    """Make ``record_type`` the app's for its workflow; refuse one that names a trigger its
    workflow does not have (at start-up, not when the trigger is first fired)."""
    if not hasattr(record_type.visible, "base"):
        raise TypeError(f"{record_type.name}: make its visible() with workflow.visibility()")
    wf = engine.workflows.get(record_type.name)
    if wf is None:
        raise ValueError(f"{record_type.name}: no workflow of that name")
    unknown = sorted(set(record_type.hooks) - {t.trigger for t in wf.transitions})
    if unknown:
        raise ValueError(f"{record_type.name}: after-hooks for triggers the workflow does not "
                         f"have: {', '.join(unknown)}")
    REGISTRY[record_type.name] = record_type
    return record_type


def book_income(income: Income) -> Any:
    """Hand ``income`` to the workflow that distributes it (benefit plans), by name."""
    receiver = REGISTRY[INCOME_WORKFLOW].receive_income
    if receiver is None:  # pragma: no cover - the benefit plan's record type sets it
        raise LookupError(f"{INCOME_WORKFLOW} takes no income")
    return receiver(income)


# -- who sees what --------------------------------------------------------------------------------
def signer_document_ids(user) -> Select:
    """The documents ``user`` is a required signer of (an index lookup on required_signers)."""
    return select(RequiredSigner.document_id).where(RequiredSigner.user_id == user.id)


def visibility(record_type: str, model: type):
    """Make a domain's ``visible(stmt, user)`` the rule of the whole app for its records: what
    the domain grants (its ``base``), and every record of which ``user`` is a required signer
    of a document, whatever the role. Signing gives sight, read-only: what a signer may do
    beyond signing is still decided by the engine's role and relation gates and by the
    model's ``can_edit``. Both parts are index lookups united, so lists and counts stay one query."""
    def wrap(base: Callable[[Select, Any], Select]) -> Callable[[Select, Any], Select]:
        @functools.wraps(base)
        def visible(stmt: Select, user, *narrow) -> Select:
            # ``narrow``: conditions on the model the caller filters by anyway (e.g. its
            # states), put inside the domain's part too, so that a broad grant (every
            # published offer) is not read whole to be intersected with a few rows
            signed = (select(Document.record_id)  # by the signer's few ids, not the type's
                      .where(unindexed(Document.record_type) == record_type,
                             Document.id.in_(signer_document_ids(user))))
            return stmt.where(*narrow, model.id.in_(
                union(base(select(model.id).where(*narrow), user), signed)))
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


def get_editable(rt: RecordType, record_id: Any, user, *, for_update: bool = False):
    """The record for its edit form: 404 if ``user`` may not see it; if they see it but may
    not edit it now, the model's refusal (403 who, 409 the state: see ``record.can_edit``),
    before anything they typed is looked at."""
    record = get_visible(rt, record_id, user, for_update=for_update)
    record.check_can_edit(user)
    return record


def transition_parts(context: dict[str, Any], actor, comment: Any,
                     signers: list[dict[str, str]]) -> dict[str, Any]:
    """Add what every transition's document may print beyond its record: who acted, their
    comment and the people who must sign (as :func:`documents.signer_people` gives them)."""
    if actor is not None or "actor" not in context:
        # what the system fires on a person's behalf (a notice taking effect) names them
        context["actor"] = person(actor)
    context["comment"] = text(comment)
    context["signers"] = signers
    return context


def issuing_organization(record: Any):
    """The organisation issuing ``record``'s documents, whose template versions they use: a
    disclosure's or a benefit plan's organisation, a consortium's lead, a licence's licensor
    (each a joined relationship, so this costs no query)."""
    for attr in ("organization", "lead", "licensor"):
        org = getattr(record, attr, None)
        if org is not None:
            return org
    return None


class AppPorts:
    """The engine's documents and audit log, written to the current database transaction."""

    def __init__(self, rt: RecordType):
        self.rt = rt

    def render_document(self, record: Any, t: Transition, inp: TransitionInput, actor,
                        signer_ids: list[int], produced: Any = None) -> Document:
        context = transition_parts(self.rt.context(record, produced), actor, inp.comment,
                                   documents.signer_people(signer_ids))
        return documents.create_document(self.rt.name, record.id, self.rt.key(record),
                                         t.document, context, signer_ids,
                                         replaces_previous=t.replaces_previous, at=inp.now,
                                         issuer=issuing_organization(record))

    def append_event(self, record: Any, trigger: str, from_state: str, to_state: str, actor,
                     inp: TransitionInput, docs: list[Document]):
        # chained by :func:`fire` after the step's notifications (see ``audit.append_event``)
        return append_event(self.rt.name, record.id, trigger, from_state, to_state,
                            actor.id if actor else None, inp.comment, inp.data, docs,
                            at=inp.now, pending=True)

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
    if for_update:  # the record's version stands for the lock in an optimistic unit of work
        stmt = stmt.with_for_update(of=rt.model).execution_options(**OPTIMISTIC)
    record = db.session.scalar(stmt)
    if record is None:
        raise NotFound(N_("No such record."))
    return record


def edit(rt: RecordType, record, user, payload: Any):
    """Save ``user``'s edit of ``record`` (the record type's ``update``). Whatever it
    changes, the record's own columns or only its parts (its inventors' shares, a plan's
    beneficiaries), the record's version moves on: a transition that read the record before
    the edit, and renders what it read, is then refused (409) instead of committing a
    document of the parts as they were (see ``db.unit_of_work``)."""
    read_at_version = record.version
    rt.update(record, user, payload)
    _moved_on(record, read_at_version)
    return record


def _moved_on(record, read_at_version: int) -> None:
    """The record changed in this unit of work: unless its row was written already (or will
    be), write its time of change, so that its version moves on and is checked."""
    if record.version == read_at_version and not db.session.is_modified(
            record, include_collections=False):
        record.updated_at = utcnow()


def available(rt: RecordType, record, user) -> list[Availability]:
    return engine.available(rt.name, record, user)


def fire(rt: RecordType, record, trigger: str, user, *, version: int | None = None,
         comment: str | None = None, data: dict | None = None,
         now: dt.datetime | None = None) -> Outcome:
    """Fire ``trigger`` on ``record`` for ``user`` (the caller's unit of work commits);
    ``user`` None: the system fires it (the scheduler, at its ``now``)."""
    read_at_version = record.version
    outcome = engine.fire(rt.name, record, trigger, user, AppPorts(rt), version=version,
                          comment=comment, data=data, now=now)
    # a step that leaves the record's columns as they were (a royalty report) still changes
    # it: its version moves on, and is checked (see ``db.unit_of_work``)
    _moved_on(record, read_at_version)
    _after_step(rt, record, outcome, user)
    _chain_then_hooks(rt, record, outcome, user)
    return outcome


def _chain_then_hooks(rt: RecordType, record, outcome: Outcome | None, user) -> None:
    """Write the step and its notifications, wait for its documents' files to be on disk,
    then chain its events (which locks the audit chain's head until the commit: nothing that
    needs no event id waits inside that lock), then run the after-hooks, which may need the
    events' ids (the income a royalty booked names the event that brought it in)."""
    db.session.flush()
    documents.files_settled()  # the disk's flush of the documents, not inside that lock
    seal()
    if _run_hooks(rt, record, outcome, user):
        db.session.flush()


def fire_by_name(workflow_name: str, record, trigger: str, user, **kw: Any) -> Outcome:
    """:func:`fire` on a record of the workflow named ``workflow_name`` (found in the
    registry, so that one domain's hooks need not import another's internals)."""
    return fire(REGISTRY[workflow_name], record, trigger, user, **kw)


def _run_hooks(rt: RecordType, record, outcome: Outcome | None, user) -> bool:
    """Run the after-hook of each trigger fired (the outcome and its follow-ups); say
    whether any ran."""
    ran = False
    while outcome is not None:
        hook = rt.hooks.get(outcome.trigger)
        if hook is not None:
            outcome.hooked = hook(record, outcome, user)
            ran = True
        outcome = outcome.follow_up
    return ran


#: what else happens after every step on a record, in the same unit of work:
#: ``listener(rt, record, outcome, user)`` (outcome None: a signature others must still add
#: to); notifications register here, so nothing below them needs to know of them
STEP_LISTENERS: list[Callable[[RecordType, Any, Outcome | None, Any], None]] = []


def _after_step(rt: RecordType, record, outcome: Outcome | None, user) -> None:
    for listener in STEP_LISTENERS:
        listener(rt, record, outcome, user)


def sign(doc: Document, user, typed_name, consent, ip: str | None, user_agent: str | None,
         **how: Any):
    """Sign ``doc``; when it was the last signature, fire the workflow's auto trigger.
    ``how`` is the signature's method and its material (see ``documents.sign``)."""
    rt = REGISTRY[doc.record_type]
    # Lock the record first: two last signatures arriving together must see each other.
    record = db.session.scalar(select(rt.model).where(rt.model.id == doc.record_id)
                               .with_for_update(of=rt.model))
    db.session.refresh(doc)
    signature = documents.sign(doc, user, typed_name, consent, ip, user_agent, record=record,
                               **how)
    outcome = engine.after_signature(rt.name, record, doc, AppPorts(rt))
    if outcome is None:
        record.updated_at = utcnow()  # a signature changes the record: its version moves on
    _after_step(rt, record, outcome, user)
    _chain_then_hooks(rt, record, outcome, None)
    db.session.flush()
    return signature, outcome


def decline(doc: Document, user, reason: Any) -> Outcome:
    """``user``, a required signer of ``doc`` who has not signed, declines to sign it, saying
    why: the record goes back to the state before the signing step (the from-state of the
    transition that issued ``doc``), ``doc`` is superseded and a ``decline`` event records
    the reason. The caller's unit of work commits it."""
    rt = REGISTRY[doc.record_type]
    # Lock the record first, as :func:`sign` does: a last signature and a decline arriving
    # together must see each other.
    record = db.session.scalar(select(rt.model).where(rt.model.id == doc.record_id)
                               .with_for_update(of=rt.model))
    db.session.refresh(doc)
    documents.check_awaits(doc, user, superseded=N_(
        "This document was superseded: a newer version replaced it, or the step it awaited "
        "signatures in has ended. It can no longer be declined."),
        already_signed=N_("You have already signed this document; a signature cannot be "
                          "declined afterwards."))
    issued = db.session.get(Event, doc.event_id) if doc.event_id is not None else None
    if issued is None or not issued.from_state:  # pragma: no cover - every document has one
        raise Conflict("not_awaited", N_("This document was not issued by a signing step, "
                                         "so it cannot be declined."))
    outcome = engine.decline(rt.name, record, doc.template, issued.from_state, user,
                             AppPorts(rt), reason,
                             data={"document_id": doc.id, "document_sha256": doc.sha256,
                                   "document_number": doc.number,
                                   "issued_by_event_id": issued.id})
    doc.superseded = True
    record.updated_at = utcnow()  # a decline changes the record: its version moves on
    _after_step(rt, record, outcome, user)
    db.session.flush()
    return outcome


def recent_declines(user, *, days: int = 30, limit: int = 20) -> list[tuple[Any, Document, str]]:
    """Declined signatures of the last ``days`` on documents of steps ``user`` started (they
    fired the transition that issued the document), newest first: ``(event, document, name
    of who declined)``, in one query."""
    issued = aliased(Event)
    since = utcnow() - dt.timedelta(days=days)
    rows = db.session.execute(
        select(Event, Document, User.name)
        .join(Document, Document.id == Event.data["document_id"].as_integer())
        .join(issued, issued.id == Document.event_id)
        .join(User, User.id == Event.actor_id)
        .where(Event.trigger == engine.DECLINE, Event.at >= since,
               issued.actor_id == user.id, Document.record_type == Event.record_type)
        .order_by(Event.id.desc()).limit(limit)).all()
    return [(e, d, name) for e, d, name in rows]


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


#: more of what waits for a date on a record, besides its own ``pending_dates()``:
#: ``source(rt, record) -> [{"kind": ..., "effective_on": date, ...}]`` (the scheduler adds
#: the signing requests that expire, so nothing here needs to know of it)
PENDING_SOURCES: list[Callable[[RecordType, Any], list[dict]]] = []


def pending_of(record) -> list[dict]:
    """What waits for a date on ``record``: its own ``pending_dates()`` and every
    :data:`PENDING_SOURCES`' items, soonest first (the record page lists them)."""
    items = list(getattr(record, "pending_dates", lambda: [])())
    rt = next((r for r in REGISTRY.values() if isinstance(record, r.model)), None)
    if rt is not None:
        for source in PENDING_SOURCES:
            items.extend(source(rt, record))
    return items


def pending_json(record) -> list[dict]:
    """What waits for a date on ``record`` (:func:`pending_of`), as the API shows it: dates
    and times in ISO 8601."""
    out = []
    for item in pending_of(record):
        out.append({k: v.isoformat() if isinstance(v, dt.date) else v for k, v in item.items()})
    return out


def transition_outcome_dict(outcome: Outcome) -> dict:
    events, docs = [], []
    o: Outcome | None = outcome
    while o is not None:
        events.append(o.event)
        docs.extend(o.documents)
        o = o.follow_up
    return {"events": events, "documents": docs}


def search(model, visible: Callable[[Select, Any], Select], user, *, state: str | None,
           q: str | None, columns: tuple = (), page: int, per_page: int,
           sort: str | None = None, since: dt.date | None = None,
           until: dt.date | None = None) -> tuple[list, int]:
    """A page of the records ``user`` may see and how many match in all: found by ``q`` in
    the full-text index when the record type has one (see :mod:`consortium.search`; ranked
    by relevance), else by ``columns``; created from ``since`` to ``until``; sorted by
    ``sort`` (:data:`consortium.search.SORTS`; default: relevance when searching, else newest)."""
    from . import search as fts
    stmt = visible(select(model), user)
    if state:
        stmt = stmt.where(model.state == state)
    rank = None
    if q and hasattr(model, "search_parts"):
        stmt, rank = fts.matching(stmt, model, q, ranked=sort in (None, "", "relevance"))
    elif q:
        escaped = q.strip()[:200].replace("\\", "\\\\").replace("%", "\\%") \
            .replace("_", "\\_")
        stmt = stmt.where(or_(*(c.ilike(f"%{escaped}%", escape="\\") for c in columns)))
    for cond in fts.date_range(model, since, until):
        stmt = stmt.where(cond)
    if q and hasattr(model, "search_parts"):
        return _found_page(model, stmt, rank, sort, page, per_page)
    total = db.session.scalar(stmt.with_only_columns(func.count(model.id)).order_by(None))
    items = db.session.scalars(stmt.order_by(*fts.order(model, sort, rank))
                               .offset((page - 1) * per_page).limit(per_page)).all()
    return list(items), total or 0


def _found_page(model, stmt: Select, rank, sort: str | None, page: int,
                per_page: int) -> tuple[list, int]:
    """The page and the count of a full-text search in one pass over the matches: the rows
    the index finds among those ``user`` may see are read once into a CTE (with what the
    order needs, and the rank), which gives both the count and the page's ids. Counting and
    paging in two statements tested (and on PostgreSQL ranked) every row twice, and
    ``to_tsvector`` per row is what a search costs there."""
    from sqlalchemy import Float, null, type_coerce, union_all

    from . import search as fts
    columns = [model.id.label("id"), model.created_at.label("created_at"),
               model.updated_at.label("updated_at"), model.reg_number.label("reg_number"),
               model.state.label("state")]
    if rank is not None:
        columns.append(type_coerce(rank, Float).label("rank"))
    found = stmt.with_only_columns(*columns).order_by(None).cte("found") \
        .prefix_with("MATERIALIZED")
    shown = select(*found.c).order_by(
        *fts.order(found.c, sort, found.c.rank if rank is not None else None)) \
        .offset((page - 1) * per_page).limit(per_page).subquery("shown")
    position = func.row_number().over(order_by=fts.order(
        shown.c, sort, shown.c.rank if rank is not None else None))
    rows = db.session.execute(union_all(
        select(func.count().label("n"), null().label("id"), null().label("pos"))
        .select_from(found),
        select(null(), shown.c.id, position))).all()
    total = next((n for n, _, _ in rows if n is not None), 0)
    ids = [i for _, i, _ in sorted((r for r in rows if r[0] is None), key=lambda r: r[2])]
    if not ids:
        return [], total
    loaded = {r.id: r for r in db.session.scalars(select(model).where(model.id.in_(ids)))}
    return [loaded[i] for i in ids if i in loaded], total
