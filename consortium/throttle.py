"""Login throttling: after repeated failures an account or an address must wait (429).

Failures are rows in the database, so every worker on every host sees the same count."""
from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import Index, String, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from workflows.errors import N_

from .db import UTCDateTime, utcnow
from .errors import TooManyAttempts
from .extensions import db

#: failures allowed per key within the window before further attempts are refused
LIMIT = 10
WINDOW = dt.timedelta(minutes=15)


class LoginFailure(db.Model):
    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of "email:..." or "ip:...", so the table holds no addresses in clear
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)



def _keys(email: str, address: str | None) -> list[str]:
    raw = [f"email:{(email or '').strip().lower()}", f"ip:{address or '-'}"]
    return [hashlib.sha256(k.encode()).hexdigest() for k in raw]


def check_login_allowed(email: str, address: str | None) -> None:
    """Raise 429 when this account or this address failed too often recently."""
    since = utcnow() - WINDOW
    for key in _keys(email, address):
        count = db.session.scalar(select(func.count(LoginFailure.id)).where(
            LoginFailure.key == key, LoginFailure.at > since))
        if count >= LIMIT:
            raise TooManyAttempts("too_many_attempts", N_(
                "Too many failed sign-in attempts. Wait 15 minutes and try again."))


def record_login_failure(email: str, address: str | None) -> None:
    """Count a failure (inside the caller's unit of work) and forget old ones."""
    now = utcnow()
    for key in _keys(email, address):
        db.session.add(LoginFailure(key=key, at=now))
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < now - WINDOW))
