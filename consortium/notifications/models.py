"""Notifications, the e-mail outbox, per-kind preferences, invitations and password tokens."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db

#: how a person wants one kind of notification: in the app only, in the app and by e-mail,
#: in the app and in a daily digest e-mail, or not at all
CHANNELS = ("app", "email", "digest", "off")
DEFAULT_CHANNEL = "email"


class Notification(db.Model):
    """Something that waits for one person (or that they should know), shown in the app."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        Index("ix_notifications_open", "done_at", "kind", "created_at"),
        Index("uq_notifications_user_key", "user_id", "key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: signature, revision, action, decision, vote, deadline, match, docket, invitation...
    kind: Mapped[str] = mapped_column(String(20))
    #: an English msgid, translated with ``params`` in the reader's language when shown
    message: Mapped[str] = mapped_column(String(500))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the page it is about, relative to the site (``/disclosures/3``)
    url: Mapped[str] = mapped_column(String(500))
    record_type: Mapped[str | None] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(Integer)
    #: the record's state when it was notified: a reminder goes out only while it stays there
    state: Mapped[str | None] = mapped_column(String(40))
    #: a notification sent once only (a deadline): the same key never makes a second row
    key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the step it waited for is done, or it needs no reminder: reminders stop
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: reminders sent so far (see ``REMINDER_DAYS``)
    reminders: Mapped[int] = mapped_column(Integer, default=0)
    #: when a daily digest mail included it (digest preference)
    digested_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class OutboxMail(db.Model):
    """A mail written in the transaction that caused it, sent after commit, kept until sent."""

    __tablename__ = "outbox_mails"
    __table_args__ = (Index("ix_outbox_mails_due", "sent_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    to_address: Mapped[str] = mapped_column(String(254))
    #: the language it was written in (the recipient's)
    language: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: delivery attempts so far; each failure doubles the wait before the next
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))


class NotificationPreference(db.Model):
    """How one person wants one kind of notification (no row: ``DEFAULT_CHANNEL``)."""

    __tablename__ = "notification_preferences"
    __table_args__ = (CheckConstraint("channel IN ('app', 'email', 'digest', 'off')",
                                      name="channel"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))


class Invitation(db.Model):
    """An e-mail invitation to create an account bound to a record and a role."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(200))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    role: Mapped[str] = mapped_column(String(20))
    record_type: Mapped[str | None] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(Integer)
    #: why: "inventor" (an external co-inventor), "signatory" (a new member's signatory)
    purpose: Mapped[str] = mapped_column(String(40))
    #: SHA-256 of the single-use token sent in the link
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: the language the invitation mail was written in (the account starts with it)
    language: Mapped[str] = mapped_column(String(10), default="en")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the account created by accepting it
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class PasswordReset(db.Model):
    """A single-use, expiring password reset link sent by e-mail."""

    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    #: SHA-256 of the token sent in the link
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
