"""The attachment table: a file kept with a record, stored by its SHA-256."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workflows.errors import N_

from ..db import UTCDateTime, utcnow
from ..extensions import db

KINDS = {"drawing": N_("Drawing"), "lab_notebook": N_("Lab notebook pages"),
         "prior_art": N_("Prior art"), "office_action": N_("Office action"),
         "signed_scan": N_("Signed scan"), "other": N_("Other")}
_KINDS = ", ".join(f"'{k}'" for k in KINDS)


class Attachment(db.Model):
    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_record", "record_type", "record_id"),
                      CheckConstraint(f"kind IN ({_KINDS})", name="kind_valid"))

    id: Mapped[int] = mapped_column(primary_key=True)
    #: disclosure, consortium, license, benefit_plan or filing
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(1000))
    #: the uploader's file name, without any path, as it is offered back on download
    filename: Mapped[str] = mapped_column(String(255))
    #: the type found in the content (not the name's extension)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: the audit event recording the upload (its data holds the SHA-256)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
