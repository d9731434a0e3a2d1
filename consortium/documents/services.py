"""Producing a transition's document and signing documents."""
from __future__ import annotations

import contextlib
import hashlib
import re
from typing import Any

from flask import current_app
from sqlalchemy import event, func, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from workflows.errors import N_, Text

from ..audit.services import append_event
from ..auth.models import User
from ..db import utcnow
from ..errors import Conflict, Invalid, NotASigner, NotFound, Unavailable
from ..extensions import db
from . import executed, kazakh, parallel, rendering, signing, versions
from .context import clean, long_date, person, text
from .language import localize
from .models import Document, RequiredSigner, Signature
from .signing import CONSENT_TEXT  # noqa: F401  (the English original, marked for translation)
from .storage import Storage

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def storage() -> Storage:
    return Storage(current_app.config["STORAGE_DIR"])


#: ``session.info`` key of the document files this transaction is still writing
_WRITING = "consortium_files_writing"


def store_in_transaction(data: bytes) -> str:
    """Store ``data`` for a row this transaction adds and return its SHA-256: the file is
    written and flushed to disk while the transaction goes on, and the commit waits for it
    (on SQLite the write lock is not held through the disk's flush)."""
    sha, pending = storage().put_later(data)
    if pending is not None:
        db.session().info.setdefault(_WRITING, []).append(pending)
    return sha


@event.listens_for(Session, "before_commit")
def _files_durable(session: Session) -> None:
    """Nothing commits a row naming a file before the file is on disk (a failed write fails
    the commit)."""
    for pending in session.info.pop(_WRITING, ()):
        pending.result()


def files_settled() -> None:
    """Wait now for the document files this transaction is still writing (their disk flush
    ran meanwhile), before a lock that others wait for is taken (see ``workflow.fire``)."""
    _files_durable(db.session())


@event.listens_for(Session, "after_rollback")
def _files_forgotten(session: Session) -> None:
    session.info.pop(_WRITING, None)  # content-addressed: an unused file harms nothing


def display_filename(title: str) -> str:
    """A readable file name that keeps non-Latin letters (sent with RFC 5987 encoding)."""
    return (_UNSAFE.sub(" ", title).strip()[:180] or "document") + ".docx"


def create_document(record_type: str, record_id: int, record_key: str, template: str,
                    context: dict[str, Any], required_signer_ids: list[int], *,
                    replaces_previous: bool = True, at=None, issuer=None) -> Document:
    """Render ``template``, store it and add its row; when it is a new version of an earlier
    document, that one becomes superseded. ``at`` is the moment of the transition issuing
    it (the same instant as the record's changes it records, e.g. a member's withdrawal).
    ``issuer`` is the organisation issuing it: its active version of the template is used,
    else the shipped default; the document records which (version and file SHA-256)."""
    info = rendering.template_info(template)
    # One read gives both the next sequence and whether an earlier one is still current (the
    # record is locked by the transition, so nothing adds one in between). Only documents
    # decide it: unless one is being changed, the record's own changes wait for the flush
    # of this document's row (one flush, not two).
    session = db.session()
    with contextlib.nullcontext() if any(
            isinstance(o, Document) for o in (*session.new, *session.dirty, *session.deleted)
    ) else session.no_autoflush:
        earlier = session.execute(
            select(func.max(Document.sequence),
                   func.count(Document.id).filter(Document.superseded.is_(False))).where(
                Document.record_type == record_type, Document.record_id == record_id,
                Document.template == template)).one()
    sequence = (earlier[0] or 0) + 1
    number = f"{record_key}/{info['code']}-{sequence}"
    title = f"{info['title']} {number}"
    now = at or utcnow()
    languages = document_languages(issuer)
    rendered: list[tuple[str, versions.Chosen, bytes]] = []
    for language in languages:
        # the organisation's own active version of the template in this language, if any
        chosen = versions.chosen_for(issuer, template, current_app.config["STORAGE_DIR"],
                                     language)
        if chosen is None:
            path = rendering.template_path(template, language)
            chosen = versions.Chosen(path, info["version"], rendering.template_sha256(path))
        full = clean(localize(context, language))
        full["doc"] = doc_context(info, number, now, sequence, chosen.version, language,
                                  template)
        data = rendering.render_file(chosen.path, full, chosen.sha256)
        if language == "kk":   # "31 желтоқсанға дейін": the date in the case it needs
            data = kazakh.decline_dates(data)
        rendered.append((language, chosen, data))
    chosen, data = rendered[0][1], rendered[0][2]
    if len(rendered) == 2:
        data = parallel.merge(data, rendered[1][2], (languages[0], languages[1]),
                              clause=template not in executed.SIGNED_TEMPLATE)
    if languages != ["en"]:   # justified Kazakh/Russian text is hyphenated, not stretched
        data = parallel.hyphenate(data)
    if template in executed.SIGNED_TEMPLATE:  # the signed text, unchanged, then this page
        signed = executed.signed_document(record_type, record_id, template)
        if signed is None:
            raise Conflict("not_signed", N_("The agreement has not been signed by every "
                                            "party, so it cannot be executed."))
        data = executed.compose(storage().get(signed.sha256), data)
    sha = store_in_transaction(data)
    if replaces_previous and earlier[1]:
        supersede(record_type, record_id, template)
    doc = Document(record_type=record_type, record_id=record_id, template=template,
                   template_version=chosen.version, template_sha256=chosen.sha256,
                   language="|".join(languages) if languages != ["en"] else None,
                   template_files=({lang: c.sha256 for lang, c, _ in rendered}
                                   if len(rendered) == 2 else None),
                   sequence=sequence, number=number,
                   title=title, filename=display_filename(
                       title if languages == ["en"] else
                       f"{rendering.template_title(template, languages[0])} {number}"),
                   sha256=sha, size=len(data),
                   created_at=now, signatures=[],
                   signers=[RequiredSigner(user_id=uid, position=n)
                            for n, uid in enumerate(required_signer_ids)])
    db.session.add(doc)
    db.session.flush()
    return doc


def doc_context(info: dict[str, Any], number: str, now, sequence: int,
                version: str, language: str = "en", template: str | None = None
                ) -> dict[str, str]:
    """The ``doc`` part of every document's context: its number, title, date, version and
    language (which the ``in_words`` filter writes amounts in)."""
    title = rendering.template_title(template, language) if template else info["title"]
    return {"number": number, "title": title,
            "date": localize(long_date(now), language),
            "sequence": str(sequence), "template_version": version, "language": language}


def document_languages(issuer) -> list[str]:
    """The languages the issuing organisation's documents are in (English by default)."""
    languages = getattr(issuer, "languages", None) if issuer is not None else None
    return list(languages or ["en"])


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


def check_awaits(doc: Document, user, *, superseded: str, already_signed: str) -> None:
    """``doc`` still awaits ``user``'s signature: 403 when they are no required signer, 409
    (with the caller's words for signing or declining) when it was superseded or they signed."""
    if user.id not in doc.required_signer_ids:
        raise NotASigner(message=N_("You are not a required signer of this document."))
    if doc.superseded:
        raise Conflict("superseded", superseded)
    if user.id in doc.signed_by():
        raise Conflict("already_signed", already_signed)


def sign(doc: Document, signer, typed_name: Any, consent: Any, ip: str | None,
         user_agent: str | None, *, method: Any = "typed", cms: Any = None,
         consent_locale: Any = None, record: Any = None) -> Signature:
    """Record ``signer``'s signature bound to the document's hash, and its audit event.

    ``method`` "typed": ``typed_name`` must be the signer's own registered name and
    ``consent`` true; the consent statement is stored in ``consent_locale`` (the language it
    was shown in), else the request's. ``method`` "eds": ``cms`` is the base64 of a detached
    CMS over the document's exact stored bytes, verified (see :mod:`.signing`) and stored
    content-addressed with the certificate's details. The document's policy says which
    methods it accepts (``method_not_allowed`` otherwise)."""
    check_awaits(doc, signer, superseded=N_(
        "This document was superseded: a newer version replaced it, or the step it awaited "
        "signatures in has ended. It can no longer be signed."),
        already_signed=N_("You have already signed this document."))
    method = signing.check_method(doc, method)
    sig = Signature(document_id=doc.id, signer_id=signer.id,
                    organization_id=signer.organization_id, method=method,
                    signed_at=utcnow(), document_sha256=doc.sha256,
                    ip=(ip or "")[:64] or None, user_agent=(user_agent or "")[:500] or None)
    if method == "eds":
        _verified_eds(sig, doc, signer, cms, record)
    else:
        errors: dict[str, str] = {}
        if not isinstance(typed_name, str) or not text(typed_name).strip():
            errors["typed_name"] = N_("type your full name to sign")
        elif len(typed_name) > 200:
            errors["typed_name"] = N_("must be at most 200 characters")
        elif not signing.same_name(text(typed_name), text(signer.name)):
            errors["typed_name"] = Text(N_("type your own full name as it is registered: "
                                           "%(name)s"), name=signer.name)
        if consent is not True:
            errors["consent"] = N_("you must agree to sign electronically")
        if errors:
            raise Invalid(errors)
        sig.typed_name = text(typed_name).strip()
        sig.consent_text = signing.consent_text(consent_locale)
    db.session.add(sig)
    db.session.flush()
    doc.signatures.append(sig) if sig not in doc.signatures else None
    data = {"document_id": doc.id, "document_sha256": doc.sha256, "method": method,
            "typed_name": sig.typed_name, "signature_id": sig.id,
            "ip": sig.ip, "user_agent": sig.user_agent}
    if method == "eds":
        data.update({"cms_sha256": sig.cms_sha256, "ocsp_sha256": sig.ocsp_sha256,
                     "certificate_subject": sig.cert_subject,
                     "certificate_serial": sig.cert_serial,
                     "certificate_issuer": sig.cert_issuer, "iin": sig.cert_iin,
                     "bin": sig.cert_bin})
    append_event(doc.record_type, doc.record_id, "sign", None, None, signer.id, data=data,
                 at=sig.signed_at, pending=True)  # chained with the step it may complete
    return sig


def _verified_eds(sig: Signature, doc: Document, signer, cms: Any, record: Any) -> None:
    """Verify the EDS against the document's stored bytes; fill ``sig`` with its evidence."""
    cms_der = signing.decode_cms(cms)
    store = storage()
    content = store.get(doc.sha256)
    if hashlib.sha256(content).hexdigest() != doc.sha256:
        current_app.logger.error("document %s: stored bytes do not match %s", doc.id,
                                 doc.sha256)
        raise Unavailable("document_damaged", N_(
            "The stored file of this document does not match its fingerprint, so it cannot "
            "be signed; the administrator has been told."))
    verified = signing.verify_eds(doc, signer, cms_der, content, record)
    cert = verified.certificate
    sig.cms_sha256 = store.put(cms_der)
    if verified.ocsp_response:
        sig.ocsp_sha256 = store.put(verified.ocsp_response)
    sig.cert_subject = (cert.subject or "")[:1000]
    sig.cert_serial = (cert.serial or "")[:100]
    sig.cert_issuer = (cert.issuer or "")[:1000]
    sig.cert_iin = cert.iin
    sig.cert_bin = cert.bin
    sig.cert_roles = ",".join(cert.roles)[:200] or None
    sig.cert_algorithm = cert.algorithm
    sig.cert_not_before = cert.not_before
    sig.cert_not_after = cert.not_after


def signer_people(user_ids: list[int]) -> list[dict[str, str]]:
    if not user_ids:
        return []
    # the signers are often in the session already (the actor, the record's people)
    users: dict[int, User] = {}
    for uid in user_ids:
        loaded = db.session.identity_map.get(identity_key(User, uid))
        if loaded is not None and not inspect(loaded).expired_attributes:
            users[uid] = loaded
    missing = [uid for uid in user_ids if uid not in users]
    if missing:
        users.update((u.id, u) for u in db.session.scalars(
            select(User).where(User.id.in_(missing))))
    return [person(users[uid]) for uid in user_ids if uid in users]


def awaiting_signature(user_id: int, limit: int = 100) -> list[Document]:
    """Documents that still need ``user_id``'s signature, oldest first."""
    signed = select(Signature.document_id).where(Signature.signer_id == user_id)
    return list(db.session.scalars(
        select(Document).join(RequiredSigner, RequiredSigner.document_id == Document.id)
        .where(RequiredSigner.user_id == user_id, Document.superseded.is_(False),
               Document.id.not_in(signed))
        .order_by(Document.id).limit(limit)))
