"""The scheduler's own jobs: timed transitions of every workflow, and signing requests that expire."""
from __future__ import annotations

import datetime as dt
import logging

from flask import current_app
from sqlalchemy import exists, select
from sqlalchemy.orm import lazyload

from workflows import engine
from workflows.errors import N_, WorkflowError

from ..audit.models import Event
from ..db import unit_of_work
from ..documents.models import Document, RequiredSigner, Signature
from ..extensions import db
from ..workflow import REGISTRY, AppPorts, RecordType, fire
from . import periodic

log = logging.getLogger(__name__)

#: a record with several dates due at once (two notices taking effect on one day) is fired
#: again, each firing with its own document and event, at most this many times a pass
MAX_FIRINGS_PER_RECORD = 20


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


def fire_due(rt: RecordType, trigger: str, record_id: int, now: dt.datetime) -> int:
    """Fire ``trigger`` on one record as the system, each firing in its own transaction; a
    record whose state moved on, or whose date changed, since it was listed is skipped.
    Answers how many times it fired."""
    t = engine.workflow(rt.name).transition(trigger)
    fired = 0
    for _ in range(MAX_FIRINGS_PER_RECORD):
        with unit_of_work():
            record = db.session.scalar(
                select(rt.model).where(rt.model.id == record_id)
                # what the transition reads of the record's relations it loads when it does
                .options(lazyload("*"))
                .with_for_update(of=rt.model).execution_options(populate_existing=True))
            if record is None or record.state not in t.sources \
                    or not _is_due(getattr(record, t.due), now):
                return fired
            fire(rt, record, trigger, None, now=now)
        fired += 1
    return fired


@periodic("timed_transitions", every=dt.timedelta(minutes=1))
def timed_transitions(now: dt.datetime) -> int:
    """Fire every timed transition (a ``due`` date in the workflow tables) whose date has
    come, on every record type; answers how many firings there were."""
    handled = 0
    for rt in list(REGISTRY.values()):
        for t in engine.workflow(rt.name).timed:
            for record_id in due_ids(rt, t.trigger, t.due, t.sources, now):
                try:
                    handled += fire_due(rt, t.trigger, record_id, now)
                except WorkflowError as err:
                    # a condition still holds it back (or a race lost): leave it for the next
                    # pass, and say why in the log
                    db.session.rollback()
                    log.warning("%s %s: %s not fired: %s", rt.name, record_id, t.trigger, err)
    return handled


# -- signing requests that expire -------------------------------------------------------------
def _signing_templates() -> dict[str, set[str]]:
    """The templates whose signatures hold a record in a signing state, per record type."""
    out: dict[str, set[str]] = {}
    for name, wf in engine.workflows.items():
        out[name] = {t.document for t in wf.transitions if t.document and t.signers and t.auto}
    return out


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
