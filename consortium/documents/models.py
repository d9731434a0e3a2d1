"""Generated documents and their signatures."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db
from .policy import accepted_methods


class Document(db.Model):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    template: Mapped[str] = mapped_column(String(80))
    template_version: Mapped[str] = mapped_column(String(20))
    #: SHA-256 of the template file it was rendered from (None: issued before it was recorded)
    template_sha256: Mapped[str | None] = mapped_column(String(64))
    #: its language ("kk", "ru", "en") or pair of parallel columns ("kk|ru"); None: English
    language: Mapped[str | None] = mapped_column(String(8))
    #: for a pair, the SHA-256 of the template file of each column, by language
    #: (``template_sha256`` is the first column's)
    template_files: Mapped[dict | None] = mapped_column(JSON)
    #: 1, 2, ... for successive documents of one template on one record
    sequence: Mapped[int] = mapped_column(Integer, default=1)
    #: the document's own number as printed in it, e.g. IDR-2026-00012/1
    number: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(500))
    filename: Mapped[str] = mapped_column(String(300))
    #: SHA-256 of the stored bytes; the file lives at storage/<sha[:2]>/<sha>
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: the audit event of the transition that produced it
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    #: a newer document of the same template replaced it; it can no longer be signed
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)

    signatures: Mapped[list[Signature]] = relationship(
        back_populates="document", order_by="Signature.id", lazy="selectin")
    signers: Mapped[list[RequiredSigner]] = relationship(
        order_by="RequiredSigner.position", lazy="selectin", cascade="all, delete-orphan")

    @property
    def required_signer_ids(self) -> list[int]:
        return [s.user_id for s in self.signers]

    def signed_by(self) -> set[int]:
        return {s.signer_id for s in self.signatures}

    def pending_signer_ids(self) -> list[int]:
        done = self.signed_by()
        return [uid for uid in self.required_signer_ids if uid not in done]

    def to_dict(self) -> dict:
        return {
            "id": self.id, "record_type": self.record_type, "record_id": self.record_id,
            "template": self.template, "template_version": self.template_version,
            "template_sha256": self.template_sha256,
            "language": self.language or "en", "template_files": self.template_files,
            "number": self.number, "title": self.title, "filename": self.filename,
            "sha256": self.sha256, "size": self.size,
            "created_at": self.created_at.isoformat(), "event_id": self.event_id,
            "required_signers": list(self.required_signer_ids),
            "pending_signers": self.pending_signer_ids(),
            "signatures": [s.to_dict() for s in self.signatures],
            "superseded": self.superseded,
            "signature_methods": self.signature_methods(),
        }

    def signature_methods(self) -> list[str]:
        """Which signature methods this document accepts (the policy, ``signing``)."""
        return accepted_methods(self)


class Signature(db.Model):
    __tablename__ = "signatures"
    __table_args__ = (UniqueConstraint("document_id", "signer_id", name="uq_signatures_signer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    signer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    #: ``typed`` (a typed name and consent) or ``eds`` (a detached CMS verified on the server)
    method: Mapped[str] = mapped_column(String(10), default="typed", server_default="typed")
    #: the name the signer typed, as their electronic signature (None for an EDS)
    typed_name: Mapped[str | None] = mapped_column(String(200))
    #: the consent statement the signer accepted, word for word, in the language shown
    consent_text: Mapped[str | None] = mapped_column(Text)
    signed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: SHA-256 of the exact bytes signed
    document_sha256: Mapped[str] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(500))
    # -- an EDS: the CMS and the OCSP answer are stored content-addressed, beside documents --
    cms_sha256: Mapped[str | None] = mapped_column(String(64))
    cert_subject: Mapped[str | None] = mapped_column(String(1000))
    cert_serial: Mapped[str | None] = mapped_column(String(100))
    cert_issuer: Mapped[str | None] = mapped_column(String(1000))
    cert_iin: Mapped[str | None] = mapped_column(String(12))
    cert_bin: Mapped[str | None] = mapped_column(String(12))
    #: the certificate's roles, comma-separated (first_head, sign_right, employee...)
    cert_roles: Mapped[str | None] = mapped_column(String(200))
    cert_algorithm: Mapped[str | None] = mapped_column(String(40))
    cert_not_before: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cert_not_after: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ocsp_sha256: Mapped[str | None] = mapped_column(String(64))

    document: Mapped[Document] = relationship(back_populates="signatures")

    @property
    def roles(self) -> list[str]:
        return [r for r in (self.cert_roles or "").split(",") if r]

    def certificate_dict(self) -> dict | None:
        if self.method != "eds":
            return None
        return {"subject": self.cert_subject, "serial": self.cert_serial,
                "issuer": self.cert_issuer,
                "not_before": self.cert_not_before.isoformat() if self.cert_not_before else None,
                "not_after": self.cert_not_after.isoformat() if self.cert_not_after else None,
                "iin": self.cert_iin, "bin": self.cert_bin, "roles": self.roles,
                "algorithm": self.cert_algorithm}

    def to_dict(self) -> dict:
        out = {
            "id": self.id, "document_id": self.document_id, "method": self.method or "typed",
            "signer_id": self.signer_id,
            "organization_id": self.organization_id, "typed_name": self.typed_name,
            "consent_text": self.consent_text, "signed_at": self.signed_at.isoformat(),
            "document_sha256": self.document_sha256, "ip": self.ip,
            "user_agent": self.user_agent,
        }
        if self.method == "eds":
            out["certificate"] = self.certificate_dict()
            out["cms_sha256"] = self.cms_sha256
        return out


class RequiredSigner(db.Model):
    """A person whose signature a document needs (indexed: it drives everyone's inbox)."""

    __tablename__ = "required_signers"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)
