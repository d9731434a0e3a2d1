"""The organisation model."""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from workflows.errors import N_

from ..db import UTCDateTime, utcnow
from ..extensions import db


class OrgKind(enum.StrEnum):
    university = "university"
    research_institute = "research_institute"
    enterprise = "enterprise"
    government_body = "government_body"
    fund = "fund"

    @property
    def label(self) -> str:
        """What the kind is called on the pages (translatable)."""
        return ORG_KIND_LABELS[self.value]


ORG_KIND_LABELS = {"university": N_("University"),
                   "research_institute": N_("Research institute"),
                   "enterprise": N_("Enterprise"), "government_body": N_("Government body"),
                   "fund": N_("Fund")}


class Organization(db.Model):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[OrgKind] = mapped_column(Enum(OrgKind, native_enum=False, length=40))
    #: ISO 3166-1 alpha-2
    country: Mapped[str] = mapped_column(String(2), default="KZ")
    #: business identification number (Kazakhstan's BIN) or another registry number
    bin: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(500))
    #: the user who signs for the organisation; None means "the default" (see
    #: ``auth.models.signatory_id``)
    signatory_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", use_alter=True, ondelete="SET NULL"))
    signatory_title: Mapped[str | None] = mapped_column(String(200))
    #: the details a counterparty's documents print (``address`` is the legal address): the
    #: legal form ("LLP", "JSC", "non-profit JSC"), bank details and the basis of the
    #: signatory's authority ("the Charter", "power of attorney No. 12 of 1 March 2026")
    legal_form: Mapped[str | None] = mapped_column(String(200))
    iban: Mapped[str | None] = mapped_column(String(34))
    bik: Mapped[str | None] = mapped_column(String(11))
    bank_name: Mapped[str | None] = mapped_column(String(200))
    kbe: Mapped[str | None] = mapped_column(String(2))
    signatory_basis: Mapped[str | None] = mapped_column(String(300))
    #: the template versions its legal staff activated, by template name:
    #: ``{"id", "version", "sha256"}`` (see ``documents.versions``); absent: the default
    template_versions: Mapped[dict | None] = mapped_column(JSON)
    #: the languages its documents are issued in: one of "kk", "ru", "en", or two side by
    #: side in parallel columns (["kk", "ru"]: Kazakh left, controlling); None: ["en"]
    document_languages: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def languages(self) -> list[str]:
        """Its document languages (English when it never chose)."""
        return list(self.document_languages or ["en"])
