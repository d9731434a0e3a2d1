"""Audit events and the head of their hash chain."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db


class Event(db.Model):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_record", "record_type", "record_id", "id"),
                      # the inbox's recent declines: one trigger over the last days
                      Index("ix_events_trigger_at", "trigger", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    #: the trigger fired, or "sign" for a signature
    trigger: Mapped[str] = mapped_column(String(60))
    from_state: Mapped[str | None] = mapped_column(String(40))
    to_state: Mapped[str | None] = mapped_column(String(40))
    #: None when the system fired it (auto triggers)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    comment: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    document_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    prev_hash: Mapped[str] = mapped_column(String(64))
    #: SHA-256 over the canonical JSON of this event's content and prev_hash
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "record_type": self.record_type, "record_id": self.record_id,
            "trigger": self.trigger, "from_state": self.from_state, "to_state": self.to_state,
            "actor_id": self.actor_id, "at": self.at.isoformat(), "comment": self.comment,
            "data": self.data, "document_ids": self.document_ids,
            "prev_hash": self.prev_hash, "hash": self.hash,
        }


class ChainHead(db.Model):
    """One row holding the last hash; locking it serialises appends on every backend."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_event_id: Mapped[int | None] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
