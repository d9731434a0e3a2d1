"""Template versions that an organisation's legal staff uploaded, and which one is in use.

A version's file is stored content-addressed beside the documents (``storage/<sha>``), so
its SHA-256 is its identity: the compiled renderer's cache is keyed by it and a document
records it. The organisation row carries, per template, the version its documents use
(``Organization.template_versions``), so choosing the template costs no query when the
issuing organisation is already loaded, as it is in every transition.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db

DRAFT, ACTIVE, RETIRED = "draft", "active", "retired"


class TemplateVersion(db.Model):
    """One uploaded .docx of a contract template for one organisation (it passed the check)."""

    __tablename__ = "template_versions"
    __table_args__ = (Index("ix_template_versions_org_template", "organization_id",
                            "template"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template: Mapped[str] = mapped_column(String(80))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    #: the organisation's n-th upload of this template
    number: Mapped[int] = mapped_column(Integer)
    #: printed in documents and recorded with them, e.g. "1.0-org7.2"
    version: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(300))
    #: the language of the document text this version is (kk, ru, en): a document in that
    #: language, or with it as a column of a pair, uses it
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    state: Mapped[str] = mapped_column(String(20), default=DRAFT)
    #: the check report (every rule passed when it was accepted; kept for the record)
    checks: Mapped[list] = mapped_column(JSON, default=list)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    activated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    activated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    retired_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    def to_dict(self) -> dict:
        return {"id": self.id, "template": self.template,
                "organization_id": self.organization_id, "version": self.version,
                "sha256": self.sha256, "size": self.size, "filename": self.filename,
                "language": self.language or "en", "state": self.state, "checks": list(self.checks or []),
                "uploaded_by": self.uploaded_by_id,
                "uploaded_at": self.uploaded_at.isoformat(),
                "activated_by": self.activated_by_id,
                "activated_at": self.activated_at.isoformat() if self.activated_at else None,
                "retired_at": self.retired_at.isoformat() if self.retired_at else None}


@dataclass(frozen=True)
class Chosen:
    """The template file a document is rendered from: a default or an organisation's."""

    path: Path
    version: str
    sha256: str | None  #: None: the caller hashes the default file (the renderer does)


def in_use_key(name: str, language: str = "en") -> str:
    """The key of ``Organization.template_versions`` for template ``name`` in ``language``:
    the name for English (as before languages), ``name:kk`` for another language."""
    return name if language in (None, "", "en") else f"{name}:{language}"


def chosen_for(org, name: str, storage_root: str | Path,
               language: str = "en") -> Chosen | None:
    """The organisation's active version of template ``name`` in ``language``, or None (use
    that language's default)."""
    if org is None:
        return None
    entry = (org.template_versions or {}).get(in_use_key(name, language))
    if not entry:
        return None
    sha = entry["sha256"]
    return Chosen(Path(storage_root) / sha[:2] / sha, entry["version"], sha)
