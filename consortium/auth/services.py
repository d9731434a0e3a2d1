"""Creating users, checking passwords, browser sessions and API tokens."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import Any

from flask import current_app
from sqlalchemy import delete, select, update

from workflows.errors import N_, Text

from ..db import utcnow
from ..errors import Invalid, Unauthorized
from ..extensions import db
from ..organizations.models import Organization
from ..validation import valid_id
from .models import ApiToken, Role, User, WebSession
from .passwords import hash_password, password_problem, verify_dummy, verify_password

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def create_user(email: str, name: str, password: str, role: str, organization_id: int,
                title: str | None = None, iin: Any = None) -> User:
    errors: dict[str, str] = {}
    iin, iin_problem = parse_iin(iin)
    if iin_problem:
        errors["iin"] = iin_problem
    email = (email or "").strip().lower() if isinstance(email, str) else ""
    if not EMAIL.match(email) or len(email) > 254:
        errors["email"] = N_("must be an e-mail address")
    elif db.session.scalar(select(User.id).where(User.email == email)):
        errors["email"] = N_("a user with this e-mail already exists")
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        errors["name"] = N_("required, at most 200 characters")
    if not isinstance(role, str) or role not in Role.__members__:
        errors["role"] = Text(N_("must be one of: %(values)s"),
                              values=", ".join(Role.__members__))
    if not isinstance(password, str):
        errors["password"] = N_("required")
    elif problem := password_problem(password):
        errors["password"] = problem
    if not valid_id(organization_id) or db.session.get(
            Organization, organization_id) is None:
        errors["organization_id"] = N_("must be an existing organisation")
    if errors:
        raise Invalid(errors)
    user = User(email=email, name=name.strip(), role=Role(role),
                organization_id=organization_id, password_hash=hash_password(password),
                title=title, iin=iin)
    db.session.add(user)
    db.session.flush()
    return user


def parse_iin(value: Any) -> tuple[str | None, str | None]:
    """``(iin, None)`` for a valid IIN or an empty value, ``(None, why)`` otherwise."""
    from ..eds.ids import valid_iin
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if not isinstance(value, str) or not valid_iin(value.strip()):
        return None, N_("must be a 12-digit IIN with a correct check digit")
    return value.strip(), None


def set_iin(user: User, value: Any) -> User:
    iin, problem = parse_iin(value)
    if problem:
        raise Invalid({"iin": problem})
    user.iin = iin
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (same cost either way)."""
    if not isinstance(email, str) or not isinstance(password, str):
        return None
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.active:
        verify_dummy(password)
        return None
    return user if verify_password(user.password_hash, password) else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User) -> str:
    """A new bearer token for ``user``; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    hours = current_app.config["API_TOKEN_TTL_HOURS"]
    db.session.add(ApiToken(user_id=user.id, token_hash=_digest(token),
                            expires_at=utcnow() + dt.timedelta(hours=hours)))
    db.session.flush()
    return token


def user_for_token(token: str) -> User:
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow() \
            or not row.user.active:
        raise Unauthorized("unauthorized", N_("The token is invalid, expired or revoked."))
    return row.user


def revoke_token(token: str) -> None:
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(token)))
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()


# -- browser sessions ---------------------------------------------------------------------------
#: a browser session ends at the latest this long after signing in
WEB_SESSION_MAX_AGE = dt.timedelta(days=30)


def start_web_session(user: User) -> str:
    """A new server-side session for ``user``; the returned identifier goes into the cookie."""
    token = secrets.token_urlsafe(32)
    db.session.execute(delete(WebSession).where(
        WebSession.user_id == user.id, WebSession.created_at < utcnow() - WEB_SESSION_MAX_AGE))
    db.session.add(WebSession(user_id=user.id, token_hash=_digest(token)))
    db.session.flush()
    return token


def user_for_web_session(user_id: int, token: str | None) -> User | None:
    """The active user whose session this is, or None when it was ended, expired or forged."""
    if not isinstance(token, str) or not token:
        return None
    return db.session.scalar(
        select(User).join(WebSession, WebSession.user_id == User.id).where(
            User.id == user_id, User.active.is_(True),
            WebSession.token_hash == _digest(token),
            WebSession.created_at > utcnow() - WEB_SESSION_MAX_AGE))


def end_web_session(token: str | None) -> None:
    """End one browser session (signing out)."""
    if isinstance(token, str) and token:
        db.session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def end_all_sessions(user: User, keep: str | None = None) -> None:
    """End every browser session of ``user`` but ``keep``, and revoke all its API tokens."""
    stmt = delete(WebSession).where(WebSession.user_id == user.id)
    if keep:
        stmt = stmt.where(WebSession.token_hash != _digest(keep))
    db.session.execute(stmt)
    db.session.execute(update(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).values(revoked_at=utcnow()))


def change_password(user: User, current: str, new: str, confirm: str,
                    keep: str | None = None) -> None:
    """Set a new password after checking the current one; every other session ends."""
    errors: dict[str, str] = {}
    if not isinstance(current, str) or not verify_password(user.password_hash, current):
        errors["current_password"] = N_("is not your current password")
    if not isinstance(new, str) or not new:
        errors["new_password"] = N_("required")
    elif problem := password_problem(new):
        errors["new_password"] = problem
    elif new != confirm:
        errors["confirm_password"] = N_("does not match the new password")
    if errors:
        raise Invalid(errors)
    user.password_hash = hash_password(new)
    end_all_sessions(user, keep=keep)
