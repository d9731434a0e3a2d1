"""The scheduler's own jobs: timed transitions of every workflow, and signing requests that expire."""
from __future__ import annotations

import datetime as dt
import logging

from flask import current_app
from sqlalchemy import exists, select

from workflows import engine
from workflows.errors import N_, WorkflowError

from ..audit.models import Event
from ..auth.models import User
from ..db import refresh_statistics, unit_of_work
from ..documents.models import Document, RequiredSigner, Signature
from ..extensions import db
from ..workflow import PENDING_SOURCES, REGISTRY, AppPorts, RecordType, fire
from . import periodic

log = logging.getLogger(__name__)

#: a record with several dates due at once (two notices taking effect on one day) is fired
#: again, each firing with its own document and event, at most this many times a pass
MAX_FIRINGS_PER_RECORD = 20
#: due records fired in one transaction: one query loads them, one commit writes them, and
#: the audit chain's head is locked once for all of them
BATCH = 100


def _bound(column, now: dt.datetime):
    """``now`` as the due column compares it: a date-time, or today's date (UTC)."""
    python_type = column.type.python_type
    return now if issubclass(python_type, dt.datetime) else now.astimezone(dt.UTC).date()


def _is_due(value, now: dt.datetime) -> bool:
    if value is None:
        return False
    if isinstance(value, dt.datetime):
        return value <= now
    return value <= now.astimezone(dt.UTC).date()


def due_ids(rt: RecordType, trigger: str, due: str, sources: tuple[str, ...],
            now: dt.datetime) -> list[int]:
    """The records of ``rt`` in a source state whose ``due`` date has come: one query on the
    state and the due column (both indexed)."""
    column = getattr(rt.model, due)
    return list(db.session.scalars(
        select(rt.model.id).where(rt.model.state.in_(sources), column.is_not(None),
                                  column <= _bound(column, now))
        .order_by(rt.model.id)))


def _due_records(rt: RecordType, record_ids: list[int]) -> list:
    """The records ``record_ids``, locked and read afresh (one query)."""
    return list(db.session.scalars(
        select(rt.model).where(rt.model.id.in_(record_ids)).order_by(rt.model.id)
        .with_for_update(of=rt.model).execution_options(populate_existing=True)).unique())


def _still_due(t, record, now: dt.datetime) -> bool:
    return record.state in t.sources and _is_due(getattr(record, t.due), now)


def fire_due(rt: RecordType, trigger: str, record_ids: list[int], now: dt.datetime) -> int:
    """Fire ``trigger`` as the system on the records ``record_ids`` (one batch), loaded with
    one query and written in one transaction; answers how many firings there were.

    A record whose state moved on, or whose date changed, since it was listed is skipped; a
    record with several dates due at once fires again, each firing with its own document
    and event. A run killed before the batch commits leaves every record of it untouched. If
    any firing of the batch is refused or fails, the batch is rolled back and its records
    fired one transaction each (:func:`fire_one`), so one record never holds back another.
    """
    t = engine.workflow(rt.name).transition(trigger)
    try:
        fired = 0
        with unit_of_work():
            for record in _due_records(rt, record_ids):
                for _ in range(MAX_FIRINGS_PER_RECORD):
                    if not _still_due(t, record, now):
                        break
                    fire(rt, record, trigger, None, now=now)
                    fired += 1
        return fired
    except Exception as err:  # each record is tried again on its own below
        db.session.rollback()
        log.info("%s: a batch of %s %s firings failed (%s); firing them one by one",
                 rt.name, len(record_ids), trigger, err)
    fired = 0
    for record_id in record_ids:
        try:
            fired += fire_one(rt, trigger, record_id, now)
        except WorkflowError as err:
            # a condition still holds it back (or a race lost): leave it for the next pass,
            # and say why in the log
            db.session.rollback()
            log.warning("%s %s: %s not fired: %s", rt.name, record_id, trigger, err)
        except Exception:  # one record's failure must not hold back the others
            db.session.rollback()
            log.exception("%s %s: %s failed", rt.name, record_id, trigger)
    return fired


def fire_one(rt: RecordType, trigger: str, record_id: int, now: dt.datetime) -> int:
    """Fire ``trigger`` on one record as the system while it is due, each firing in its own
    transaction; answers how many times it fired."""
    t = engine.workflow(rt.name).transition(trigger)
    fired = 0
    for _ in range(MAX_FIRINGS_PER_RECORD):
        with unit_of_work():
            records = _due_records(rt, [record_id])
            if not records or not _still_due(t, records[0], now):
                return fired
            fire(rt, records[0], trigger, None, now=now)
        fired += 1
    return fired


@periodic("timed_transitions", every=dt.timedelta(minutes=1))
def timed_transitions(now: dt.datetime) -> int:
    """Fire every timed transition (a ``due`` date in the workflow tables) whose date has
    come, on every record type, ``BATCH`` records a transaction; answers how many firings
    there were."""
    handled = 0
    for rt in list(REGISTRY.values()):
        for t in engine.workflow(rt.name).timed:
            ids = due_ids(rt, t.trigger, t.due, t.sources, now)
            for start in range(0, len(ids), BATCH):
                handled += fire_due(rt, t.trigger, ids[start:start + BATCH], now)
    return handled


# -- signing requests that expire -------------------------------------------------------------
def _signing_templates() -> dict[str, set[str]]:
    """The templates whose signatures hold a record in a signing state, per record type."""
    out: dict[str, set[str]] = {}
    for name, wf in engine.workflows.items():
        out[name] = {t.document for t in wf.transitions if t.document and t.signers and t.auto}
    return out


def _signing_states(workflow_name: str) -> set[str]:
    """The states in which a record awaits the signatures of a signing step's document."""
    wf = engine.workflow(workflow_name)
    return {t.dest for t in wf.transitions if t.document and t.signers and t.auto}


def expired_signing_requests(now: dt.datetime, days: int) -> list[int]:
    """Documents awaiting a signature for more than ``days`` days: not superseded, issued
    before the cut-off, with a required signer who has not signed (one query)."""
    cutoff = now - dt.timedelta(days=days)
    templates = {t for ts in _signing_templates().values() for t in ts}
    if not templates:
        return []
    unsigned = exists().where(
        RequiredSigner.document_id == Document.id,
        ~exists().where(Signature.document_id == Document.id,
                        Signature.signer_id == RequiredSigner.user_id))
    return list(db.session.scalars(
        select(Document.id).where(Document.superseded.is_(False),
                                  Document.template.in_(sorted(templates)),
                                  Document.created_at <= cutoff, unsigned)
        .order_by(Document.id)))


def expire_signing_request(doc_id: int, now: dt.datetime, days: int) -> bool:
    """Supersede one expired signing request and send its record back to the state before
    its signing step, as a declined signature does, with an audit event (own transaction)."""
    with unit_of_work():
        doc = db.session.get(Document, doc_id, populate_existing=True)
        rt = REGISTRY.get(doc.record_type) if doc is not None else None
        if doc is None or rt is None or doc.superseded or not doc.pending_signer_ids():
            return False
        record = db.session.scalar(select(rt.model).where(rt.model.id == doc.record_id)
                                   .with_for_update(of=rt.model)
                                   .execution_options(populate_existing=True))
        issued = db.session.get(Event, doc.event_id) if doc.event_id is not None else None
        if record is None or issued is None or not issued.from_state \
                or record.state != issued.to_state:
            return False  # the record moved on: nothing awaits these signatures any more
        engine.decline(rt.name, record, doc.template, issued.from_state, None, AppPorts(rt),
                       EXPIRED_REASON % {"days": days},
                       data={"document_id": doc.id, "document_sha256": doc.sha256,
                             "document_number": doc.number, "issued_by_event_id": issued.id,
                             "expired": True}, now=now)
        doc.superseded = True
        record.updated_at = now
    return True


def signing_deadlines(rt: RecordType, record) -> list[dict]:
    """The record's documents that await signatures in a signing step, each with the day its
    request expires (``SIGNING_EXPIRY_DAYS`` after its issue) and who can still sign: what
    the record page and the API's ``pending`` show (a :data:`workflow.PENDING_SOURCES`)."""
    templates = _signing_templates().get(rt.name) or set()
    if not templates or record.id is None or record.state not in _signing_states(rt.name):
        return []  # nothing can await a signature in this state: no query
    days = int(current_app.config.get("SIGNING_EXPIRY_DAYS", 30))
    out = []
    for doc in db.session.scalars(select(Document).where(
            Document.record_type == rt.name, Document.record_id == record.id,
            Document.template.in_(sorted(templates)), Document.superseded.is_(False))
            .order_by(Document.id)):
        waiting = doc.pending_signer_ids()
        if not waiting:
            continue
        names = dict(db.session.execute(select(User.id, User.name)
                                        .where(User.id.in_(waiting))).all())
        out.append({"kind": "signing_expiry", "document_id": doc.id,
                    "document_number": doc.number, "document_title": doc.title,
                    "document_template": doc.template,
                    "effective_on": (doc.created_at + dt.timedelta(days=days)).date(),
                    "signers": [names.get(uid, "") for uid in waiting]})
    return out


PENDING_SOURCES.append(signing_deadlines)


#: the comment of the event an expired signing request appends (the audit log keeps English)
EXPIRED_REASON = N_("The signing request expired: not every required signer signed within "
                    "%(days)s days.")


@periodic("signing_expiry", every=dt.timedelta(hours=1))
def signing_expiry(now: dt.datetime) -> int:
    """Expire the signing requests older than ``SIGNING_EXPIRY_DAYS`` (default 30)."""
    days = int(current_app.config.get("SIGNING_EXPIRY_DAYS", 30))
    handled = 0
    for doc_id in expired_signing_requests(now, days):
        try:
            handled += expire_signing_request(doc_id, now, days)
        except WorkflowError as err:
            db.session.rollback()
            log.warning("document %s: signing request not expired: %s", doc_id, err)
    return handled


# -- the query planner's statistics ---------------------------------------------------------------
@periodic("planner_statistics", every=dt.timedelta(hours=6))
def planner_statistics(now: dt.datetime) -> int:
    """Keep SQLite's table statistics current (answers 1 when it wrote them).

    SQLite plans without statistics unless someone runs ANALYZE. At 100,000 disclosures the
    dashboard took 83 ms instead of 19 and the search page 74 ms instead of 18 for want of
    them. A whole ANALYZE took 174 ms there, a write lock held no longer than a few
    transitions'; a bounded one (``PRAGMA analysis_limit``) was quicker but left the
    dashboard as slow as none. PostgreSQL's autovacuum keeps its own: there this does nothing."""
    if db.engine.dialect.name != "sqlite":
        return 0
    with unit_of_work():
        refresh_statistics()
    return 1
