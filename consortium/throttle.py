"""Login throttling: after repeated failures the next attempt must wait (429, saying until when).

Failures are counted per account and address, per account and per address, so one typist behind
a university's NAT slows down only their own account from that address: the per-account count
allows far more failures (spread over addresses) and the per-address count far more again (many
people share one address). Delays grow with each failure instead of locking out for a fixed
time. Failures are rows in the database, so every worker on every host sees the same count."""
from __future__ import annotations

import datetime as dt
import hashlib
import math

from sqlalchemy import Index, String, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from workflows.errors import N_

from .db import UTCDateTime, utcnow
from .errors import TooManyAttempts
from .extensions import db

#: failures are forgotten after this long
WINDOW = dt.timedelta(minutes=15)
#: failures of one account from one address before each further attempt waits 2, 4, 8... s
PAIR_FREE = 5
#: failures of one account from every address before each further attempt waits likewise
ACCOUNT_FREE = 20
#: failures from one address, whatever the accounts, before the address waits for the window
ADDRESS_LIMIT = 100
#: the longest a growing delay gets
MAX_DELAY = dt.timedelta(minutes=15)


class LoginFailure(db.Model):
    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of "pair:...", "email:..." or "ip:...", so the table holds no addresses in clear
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _keys(email: str, address: str | None) -> dict[str, str]:
    email = (email or "").strip().lower() if isinstance(email, str) else ""
    address = address or "-"
    return {"pair": _hash(f"pair:{email}\n{address}"), "account": _hash(f"email:{email}"),
            "address": _hash(f"ip:{address}")}


def _growing(count: int, free: int) -> dt.timedelta | None:
    """The wait after ``count`` failures once ``free`` were allowed: 2 s, 4 s, 8 s... capped."""
    if count < free:
        return None
    return min(MAX_DELAY, dt.timedelta(seconds=2 ** min(count - free + 1, 20)))


def retry_at(email: str, address: str | None) -> dt.datetime | None:
    """When this account may next try from this address, or None if it may try now."""
    now = utcnow()
    keys = _keys(email, address)
    rows = db.session.execute(
        select(LoginFailure.key, func.count(LoginFailure.id), func.min(LoginFailure.at),
               func.max(LoginFailure.at))
        .where(LoginFailure.key.in_(list(keys.values())), LoginFailure.at > now - WINDOW)
        .group_by(LoginFailure.key)).all()
    stats = {key: (count, first, last) for key, count, first, last in rows}
    moments = []
    for kind, free in (("pair", PAIR_FREE), ("account", ACCOUNT_FREE)):
        count, _first, last = stats.get(keys[kind], (0, None, None))
        wait = _growing(count, free)
        if wait is not None:
            moments.append(last + wait)
    count, first, _last = stats.get(keys["address"], (0, None, None))
    if count >= ADDRESS_LIMIT:
        moments.append(first + WINDOW)
    later = [m for m in moments if m > now]
    return max(later) if later else None


def check_login_allowed(email: str, address: str | None) -> None:
    """Raise 429, saying when to try again, while this account or address must wait."""
    until = retry_at(email, address)
    if until is None:
        return
    seconds = max(1, math.ceil((until - utcnow()).total_seconds()))
    time = f"{until:%H:%M:%S}"
    if seconds < 120:
        err = TooManyAttempts("too_many_attempts", N_(
            "Too many failed sign-in attempts. Try again in %(seconds)s s (after %(time)s "
            "UTC)."), seconds=seconds, time=time)
    else:
        err = TooManyAttempts("too_many_attempts", N_(
            "Too many failed sign-in attempts. Try again in %(minutes)s min (after %(time)s "
            "UTC)."), minutes=math.ceil(seconds / 60), time=time)
    err.retry_after = seconds
    raise err


def record_login_failure(email: str, address: str | None) -> None:
    """Count a failure (inside the caller's unit of work) and forget old ones."""
    now = utcnow()
    for key in _keys(email, address).values():
        db.session.add(LoginFailure(key=key, at=now))
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < now - WINDOW))


def forget_login_failures(email: str, address: str | None) -> None:
    """After a successful sign-in, this account's failures from this address no longer count.

    The account's and the address's counts stay: signing in to one's own account must not
    reset the count of guesses at another account, or at this one from elsewhere."""
    db.session.execute(delete(LoginFailure).where(
        LoginFailure.key == _keys(email, address)["pair"]))
