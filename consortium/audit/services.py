"""Appending to the audit hash chain and verifying the chain and the document store."""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from typing import Any

from sqlalchemy import event as orm_event
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import utcnow
from ..documents.models import Document, Signature
from ..documents.trust import configured_trust_store
from ..eds import EdsError, TrustStore, verify_detached
from ..extensions import db
from .models import ChainHead, Event

GENESIS = "0" * 64

#: checks of other stored files (attachments) that :func:`verify` runs after the documents:
#: ``check(storage, batch)`` yields ``(kind, id, problem or None)`` for each file it checks
_STORE_CHECKS: list = []


def store_check(fn):
    """Register the decorated ``fn(storage, batch)`` as a check :func:`verify` runs."""
    _STORE_CHECKS.append(fn)
    return fn


def _jsonable(value: Any) -> Any:
    """Plain JSON types only, so the stored data and the hashed data are the same thing."""
    def default(o):
        if isinstance(o, (dt.date, dt.datetime)):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return str(o)
        raise TypeError(f"not JSON serialisable: {type(o).__name__}")
    return json.loads(json.dumps(value, default=default))


def event_digest(e: Event, documents: dict[str, str]) -> str:
    """SHA-256 over the canonical JSON of everything the event asserts."""
    body = {
        "record_type": e.record_type, "record_id": e.record_id, "trigger": e.trigger,
        "from_state": e.from_state, "to_state": e.to_state, "actor_id": e.actor_id,
        "at": e.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "comment": e.comment, "data": e.data, "document_ids": e.document_ids,
        "documents": documents, "prev_hash": e.prev_hash,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _head() -> ChainHead:
    """The chain's head, locked for this transaction: read with FOR UPDATE once per
    transaction, then kept (a batch of events, as the scheduler appends them, locks and reads
    it once; a savepoint rolled back expires it, and its next use reads it again)."""
    session = db.session()
    transaction = session.get_transaction()
    locked_in, head = session.info.get("audit_head", (None, None))
    if transaction is not None and locked_in is transaction and head in session:
        return head
    head = session.scalar(select(ChainHead).where(ChainHead.id == 1).with_for_update())
    if head is None:
        head = ChainHead(id=1, last_event_id=None, last_hash=GENESIS)
        session.add(head)
        session.flush()
    # the session's identity map holds objects weakly: keep this one for the transaction
    session.info["audit_head"] = (session.get_transaction(), head)
    return head


#: ``session.info`` key of the events this transaction made but has not chained yet
_PENDING = "audit_pending"


def append_event(record_type: str, record_id: int, trigger: str, from_state: str | None,
                 to_state: str | None, actor_id: int | None, comment: str | None = None,
                 data: dict | None = None, documents: list | None = None,
                 at: dt.datetime | None = None, *, pending: bool = False) -> Event:
    """Add an event at the end of the chain (in the caller's transaction) and link documents.

    ``pending``: make the event now (what it says is fixed) but chain it only at
    :func:`seal`, at the latest when the transaction commits. The chain's head is locked from
    the moment an event is chained until the commit, so every transaction that appends waits
    for it: a transition chains its event after the work that does not need its id (the
    notifications of the step), not before. Events are chained in the order they were made."""
    documents = documents or []
    event = Event(record_type=record_type, record_id=record_id, trigger=trigger,
                  from_state=from_state, to_state=to_state, actor_id=actor_id,
                  at=at or utcnow(),
                  comment=comment, data=_jsonable(data or {}),
                  document_ids=[d.id for d in documents])
    session = db.session()
    if pending:
        session.info.setdefault(_PENDING, []).append((event, documents))
        return event
    seal(session)
    _chain(session, event, documents)
    return event


def seal(session: Session | None = None) -> None:
    """Chain the events this transaction made pending (see :func:`append_event`), in order."""
    session = session or db.session()
    for event, documents in session.info.pop(_PENDING, ()):
        _chain(session, event, documents)


def _chain(session: Session, event: Event, documents: list) -> None:
    head = _head()
    event.prev_hash = head.last_hash
    event.hash = event_digest(event, {str(d.id): d.sha256 for d in documents})
    session.add(event)
    session.flush()
    for d in documents:
        d.event_id = event.id
    head.last_event_id = event.id
    head.last_hash = event.hash


@orm_event.listens_for(Session, "before_commit")
def _seal_before_commit(session: Session) -> None:
    if session.info.get(_PENDING):
        seal(session)


@orm_event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def verify(storage, batch: int = 2000) -> dict:
    """Walk the chain and the document store; name the first event or document that is off."""
    prev = GENESIS
    count = 0
    last_id = 0
    docs_seen = 0
    while True:
        # plain rows, not ORM objects: the walk reads every event once and keeps nothing
        events = db.session.execute(
            select(*Event.__table__.c).where(Event.id > last_id).order_by(Event.id)
            .limit(batch)).all()
        if not events:
            break
        doc_ids = [i for e in events for i in (e.document_ids or [])]
        shas = dict(db.session.execute(
            select(Document.id, Document.sha256).where(Document.id.in_(doc_ids))).all()
        ) if doc_ids else {}
        for e in events:
            count += 1
            docs = {str(i): shas.get(i, "missing") for i in (e.document_ids or [])}
            if e.prev_hash != prev:
                return _bad(count, docs_seen, "event", e.id,
                            "its previous-hash link does not match the event before it")
            if event_digest(e, docs) != e.hash:
                return _bad(count, docs_seen, "event", e.id,
                            "its content or its documents' hashes were changed")
            prev = e.hash
            last_id = e.id
    head = db.session.get(ChainHead, 1)
    if head is not None and head.last_hash != prev:
        return _bad(count, docs_seen, "chain", head.last_event_id,
                    "the chain's head does not match its last event (events were removed)")

    last_doc = 0
    while True:
        rows = db.session.execute(
            select(Document.id, Document.sha256, Document.event_id).where(Document.id > last_doc)
            .order_by(Document.id).limit(batch)).all()
        if not rows:
            break
        for doc_id, sha, event_id in rows:
            docs_seen += 1
            last_doc = doc_id
            if event_id is None:
                return _bad(count, docs_seen, "document", doc_id,
                            "it is not linked to any audit event")
            on_disk = storage.digest_of_stored(sha)
            if on_disk is None:
                return _bad(count, docs_seen, "document", doc_id, "its file is missing")
            if on_disk != sha:
                return _bad(count, docs_seen, "document", doc_id,
                            "its file's bytes do not match the recorded SHA-256")
    for check in _STORE_CHECKS:
        for kind, ident, problem in check(storage, batch):
            if problem:
                return _bad(count, docs_seen, kind, ident, problem)
    signatures = 0
    for sig_id, problem in _eds_problems(storage, batch):
        signatures += 1
        if problem:
            result = _bad(count, docs_seen, "signature", sig_id, problem)
            result["signatures"] = signatures
            return result
    return {"ok": True, "events": count, "documents": docs_seen, "signatures": signatures}


def _eds_problems(storage, batch: int):
    """``(signature id, problem or None)`` for each EDS signature: its stored CMS must be the
    file recorded, and its signature must verify over the stored bytes of its document, by
    the certificate recorded with it. This checks the signature, not the certificate's chain
    to today's trust roots (roots are renewed, certificates expire: what was checked when it
    was signed is recorded with it)."""

    trust: TrustStore | None = configured_trust_store()
    last = 0
    while True:
        rows = db.session.execute(
            select(Signature.id, Signature.cms_sha256, Signature.document_sha256,
                   Signature.cert_iin, Signature.cert_serial, Signature.signed_at)
            .where(Signature.id > last, Signature.method == "eds")
            .order_by(Signature.id).limit(batch)).all()
        if not rows:
            return
        for sig_id, cms_sha, doc_sha, iin, serial, signed_at in rows:
            last = sig_id
            if not cms_sha:
                yield sig_id, "it has no stored CMS"
                continue
            on_disk = storage.digest_of_stored(cms_sha)
            if on_disk is None:
                yield sig_id, "its CMS file is missing"
                continue
            if on_disk != cms_sha:
                yield sig_id, "its CMS file's bytes do not match the recorded SHA-256"
                continue
            if trust is None:
                yield sig_id, None  # nothing to verify the signature with on this server
                continue
            try:
                content = storage.get(doc_sha)
                verified = verify_detached(storage.get(cms_sha), content, trust=trust,
                                           expected_iin=iin, now=signed_at, ocsp="off")
            except EdsError as err:
                if err.code == "signature_invalid":
                    yield sig_id, "its CMS does not verify over the stored document bytes"
                elif err.code == "signer_mismatch":
                    yield sig_id, "its CMS was made by another person than the one recorded"
                else:  # the signature verified; the chain or the certificate is for today
                    yield sig_id, None
                continue
            except OSError:
                yield sig_id, "its document's file cannot be read"
                continue
            if serial and verified.certificate.serial != serial:
                yield sig_id, "its CMS was made with another certificate than the one recorded"
                continue
            yield sig_id, None


def _bad(events: int, documents: int, kind: str, ident, why: str) -> dict:
    return {"ok": False, "events": events, "documents": documents,
            "first_bad": {"kind": kind, "id": ident, "reason": why}}


def record_events(record_type: str, record_id: int) -> list[Event]:
    return list(db.session.scalars(
        select(Event).where(Event.record_type == record_type, Event.record_id == record_id)
        .order_by(Event.id)))
