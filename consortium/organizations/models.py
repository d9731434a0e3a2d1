"""The organisation model."""
from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db


class OrgKind(enum.StrEnum):
    university = "university"
    research_institute = "research_institute"
    enterprise = "enterprise"
    government_body = "government_body"
    fund = "fund"


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
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
