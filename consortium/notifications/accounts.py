"""Password reset by e-mail: the same answer for every address, throttled, single-use links."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update

from workflows.errors import N_

from ..auth.models import User
from ..auth.passwords import hash_password, password_problem
from ..auth.services import end_all_sessions
from ..db import utcnow
from ..errors import Invalid
from ..extensions import db
from .models import PasswordReset
from .services import path_for, queue_mail
from .tokens import digest, new_token

VALID_FOR = dt.timedelta(hours=1)
#: at most this many reset mails per account per hour; more asks get the same answer, no mail
PER_HOUR = 3
BAD_LINK = N_("This link is invalid, was already used or has expired. Ask for a new one.")


def request_reset(email: Any, *, now: dt.datetime | None = None) -> None:
    """Mail a reset link to the active account of ``email``, if there is one and it has not
    asked too often; otherwise nothing. The caller answers the same in every case."""
    now = now or utcnow()
    if not isinstance(email, str) or not email.strip():
        return
    user = db.session.scalar(select(User).where(User.email == email.strip().lower(),
                                                User.active.is_(True)))
    if user is None:
        return
    recent = db.session.scalar(select(func.count(PasswordReset.id)).where(
        PasswordReset.user_id == user.id,
        PasswordReset.created_at > now - dt.timedelta(hours=1))) or 0
    if recent >= PER_HOUR:
        return
    token, hashed = new_token()
    db.session.add(PasswordReset(user_id=user.id, token_hash=hashed, created_at=now,
                                 expires_at=now + VALID_FOR))
    queue_mail(user, N_("Someone asked to reset the password of your Consortium account."),
               {}, path_for("notifications.reset_password", token=token), now=now,
               template="password_reset")


def reset_for(token: Any, now: dt.datetime | None = None) -> PasswordReset | None:
    """The open reset of ``token``, or None (unknown, used or expired alike)."""
    now = now or utcnow()
    if not isinstance(token, str) or not token:
        return None
    row = db.session.scalar(select(PasswordReset).where(
        PasswordReset.token_hash == digest(token)))
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    return row


def reset_password(token: Any, new: Any, confirm: Any, *,
                   now: dt.datetime | None = None) -> User:
    """Set the password of the reset's account; every session and API token ends, and no
    other reset link of the account works any more."""
    now = now or utcnow()
    row = reset_for(token, now)
    if row is None:
        raise Invalid({"token": BAD_LINK})
    if not isinstance(new, str) or not new:
        raise Invalid({"new_password": N_("required")})
    if problem := password_problem(new):
        raise Invalid({"new_password": problem})
    if new != confirm:
        raise Invalid({"confirm_password": N_("does not match the new password")})
    user = db.session.get(User, row.user_id)
    user.password_hash = hash_password(new)
    db.session.execute(update(PasswordReset).where(
        PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None)).values(used_at=now))
    end_all_sessions(user)
    return user
