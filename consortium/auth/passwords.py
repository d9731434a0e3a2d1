"""Password hashing (argon2id) and the minimum password policy."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from workflows.errors import N_

MIN_LENGTH = 10


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    return PasswordHasher(time_cost=cfg["PASSWORD_HASH_TIME_COST"],
                          memory_cost=cfg["PASSWORD_HASH_MEMORY_COST"])


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


#: a hash of a random password, verified against when the e-mail is unknown so that a wrong
#: e-mail and a wrong password take the same time
_DUMMY: dict[str, str] = {}


def verify_dummy(password: str) -> None:
    if "h" not in _DUMMY:
        _DUMMY["h"] = hash_password("not-a-real-password-0")
    verify_password(_DUMMY["h"], password)


def password_problem(password: str) -> str | None:
    """Why ``password`` is too weak, or None."""
    if len(password) < MIN_LENGTH:
        return N_("must be at least 10 characters")
    if len(password) > 256:
        return N_("must be at most 256 characters")
    if password.isdigit() or len(set(password)) < 4:
        return N_("is too easy to guess")
    return None
