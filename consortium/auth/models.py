"""Users and API tokens."""
from __future__ import annotations

import datetime as dt
import enum

from flask_login import UserMixin
from sqlalchemy import Boolean, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows.errors import N_

from ..db import UTCDateTime, utcnow
from ..extensions import db
from ..organizations.models import Organization


class Role(enum.StrEnum):
    researcher = "researcher"
    legal = "legal"
    partner = "partner"
    admin = "admin"

    @property
    def label(self) -> str:
        """What the role is called on the pages (translatable)."""
        return ROLE_LABELS[self.value]


ROLE_LABELS = {"researcher": N_("Researcher"), "legal": N_("Legal and technology transfer"),
               "partner": N_("Partner"), "admin": N_("Administrator")}


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stored lower-case; unique across the deployment
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    #: argon2id hash
    password_hash: Mapped[str] = mapped_column(String(200))
    #: job title printed under the signature line
    title: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization] = relationship(lazy="joined",
                                                      foreign_keys=[organization_id])

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def to_dict(self) -> dict:
        return {"id": self.id, "email": self.email, "name": self.name, "role": self.role.value,
                "organization_id": self.organization_id, "title": self.title}


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the token; the token itself is shown once and never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


class WebSession(db.Model):
    """A signed-in browser: the cookie names a row, so deleting the row ends the session.

    Flask's cookie sessions cannot be taken back once issued; checking this row on every request
    is what makes signing out (here or everywhere) and a password change end them server-side."""
    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the random identifier kept in the session cookie
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
