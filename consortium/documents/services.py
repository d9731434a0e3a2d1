"""Producing a transition's document and signing documents."""
from __future__ import annotations

import re
from typing import Any

from flask import current_app
from sqlalchemy import func, select, update

from workflows.errors import N_

from ..audit.services import append_event
from ..db import utcnow
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..extensions import db
from . import rendering
from .context import clean, long_date, person, text
from .models import Document, RequiredSigner, Signature
from .storage import Storage

CONSENT_TEXT = ("I have read this document and I sign it electronically. I agree that my typed "
                "name, together with the date, time, my IP address and the SHA-256 fingerprint of "
                "the document, has the same effect as my handwritten signature.")

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def storage() -> Storage:
    return Storage(current_app.config["STORAGE_DIR"])


def display_filename(title: str) -> str:
    """A readable file name that keeps non-Latin letters (sent with RFC 5987 encoding)."""
    return (_UNSAFE.sub(" ", title).strip()[:180] or "document") + ".docx"


def create_document(record_type: str, record_id: int, record_key: str, template: str,
                    context: dict[str, Any], required_signer_ids: list[int], *,
                    replaces_previous: bool = True, at=None) -> Document:
    """Render ``template``, store it and add its row; when it is a new version of an earlier
    document, that one becomes superseded. ``at`` is the moment of the transition issuing
    it (the same instant as the record's changes it records, e.g. a member's withdrawal)."""
    info = rendering.template_info(template)
    sequence = (db.session.scalar(
        select(func.max(Document.sequence)).where(
            Document.record_type == record_type, Document.record_id == record_id,
            Document.template == template)) or 0) + 1
    number = f"{record_key}/{info['code']}-{sequence}"
    title = f"{info['title']} {number}"
    now = at or utcnow()
    full = clean(context)
    full["doc"] = {"number": number, "title": info["title"], "date": long_date(now),
                   "sequence": str(sequence), "template_version": info["version"]}
    data = rendering.render(template, full)
    sha = storage().put(data)
    if replaces_previous:
        supersede(record_type, record_id, template)
    doc = Document(record_type=record_type, record_id=record_id, template=template,
                   template_version=info["version"], sequence=sequence, number=number,
                   title=title, filename=display_filename(title), sha256=sha, size=len(data),
                   created_at=now,
                   signers=[RequiredSigner(user_id=uid, position=n)
                            for n, uid in enumerate(required_signer_ids)])
    db.session.add(doc)
    db.session.flush()
    return doc


def supersede(record_type: str, record_id: int, template: str) -> None:
    """Mark the record's current documents of ``template`` as replaced."""
    db.session.execute(
        update(Document).where(Document.record_type == record_type,
                               Document.record_id == record_id, Document.template == template,
                               Document.superseded.is_(False))
        .values(superseded=True).execution_options(synchronize_session="fetch"))


def void_unsigned(record_type: str, record_id: int, template: str) -> None:
    """The step a document of ``template`` awaited signatures in has ended: each of the
    record's current ones that still lacks a signature is superseded and refuses signatures
    (documents signed by everyone stay valid)."""
    for doc in db.session.scalars(
            select(Document).where(Document.record_type == record_type,
                                   Document.record_id == record_id,
                                   Document.template == template,
                                   Document.superseded.is_(False))):
        if doc.pending_signer_ids():
            doc.superseded = True


def get_document(doc_id: int) -> Document:
    """A document by id, whoever may see it: callers check visibility
    (``workflow.visible_document``); the documents of a record a user may read are
    ``workflow.record_documents``."""
    doc = db.session.get(Document, doc_id)
    if doc is None:
        raise NotFound(N_("No such document."))
    return doc


def sign(doc: Document, signer, typed_name: Any, consent: Any, ip: str | None,
         user_agent: str | None) -> Signature:
    """Record ``signer``'s signature bound to the document's hash, and its audit event."""
    errors = {}
    if not isinstance(typed_name, str) or not text(typed_name).strip():
        errors["typed_name"] = N_("type your full name to sign")
    elif len(typed_name) > 200:
        errors["typed_name"] = N_("must be at most 200 characters")
    if consent is not True:
        errors["consent"] = N_("you must agree to sign electronically")
    if signer.id not in doc.required_signer_ids:
        raise Forbidden("not_a_signer", N_("You are not a required signer of this document."))
    if doc.superseded:
        raise Conflict("superseded", N_("This document was superseded: a newer version "
                                        "replaced it, or the step it awaited signatures in "
                                        "has ended. It can no longer be signed."))
    if signer.id in doc.signed_by():
        raise Conflict("already_signed", N_("You have already signed this document."))
    if errors:
        raise Invalid(errors)
    sig = Signature(document_id=doc.id, signer_id=signer.id,
                    organization_id=signer.organization_id,
                    typed_name=text(typed_name).strip(), consent_text=CONSENT_TEXT,
                    signed_at=utcnow(), document_sha256=doc.sha256,
                    ip=(ip or "")[:64] or None, user_agent=(user_agent or "")[:500] or None)
    db.session.add(sig)
    db.session.flush()
    doc.signatures.append(sig) if sig not in doc.signatures else None
    append_event(doc.record_type, doc.record_id, "sign", None, None, signer.id,
                 data={"document_id": doc.id, "document_sha256": doc.sha256,
                       "typed_name": sig.typed_name, "signature_id": sig.id,
                       "ip": sig.ip, "user_agent": sig.user_agent},
                 at=sig.signed_at)
    return sig


def signer_people(user_ids: list[int]) -> list[dict[str, str]]:
    from ..auth.models import User
    if not user_ids:
        return []
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(user_ids)))}
    return [person(users[uid]) for uid in user_ids if uid in users]


def awaiting_signature(user_id: int, limit: int = 100) -> list[Document]:
    """Documents that still need ``user_id``'s signature, oldest first."""
    signed = select(Signature.document_id).where(Signature.signer_id == user_id)
    return list(db.session.scalars(
        select(Document).join(RequiredSigner, RequiredSigner.document_id == Document.id)
        .where(RequiredSigner.user_id == user_id, Document.superseded.is_(False),
               Document.id.not_in(signed))
        .order_by(Document.id).limit(limit)))
