"""Settings read from the environment, with safe defaults and no constant secrets."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import current_app


def _secret_key(instance: Path) -> str:
    """``CONSORTIUM_SECRET_KEY``, else a random key generated once into ``instance/``."""
    key = os.environ.get("CONSORTIUM_SECRET_KEY")
    if key:
        return key
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def from_environment(instance_path: str) -> dict:
    instance = Path(instance_path)
    database_url = os.environ.get("CONSORTIUM_DATABASE_URL") or (
        f"sqlite:///{instance / 'consortium.sqlite3'}")
    return {
        "SECRET_KEY": _secret_key(instance),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "STORAGE_DIR": os.environ.get("CONSORTIUM_STORAGE_DIR")
        or str(instance / "documents"),
        # CSRF tokens live as long as the session: a long disclosure form must not expire.
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": int(os.environ.get("CONSORTIUM_MAX_CONTENT_LENGTH",
                                                 2 * 1024 * 1024)),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("CONSORTIUM_SECURE_COOKIES", "") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "API_TOKEN_TTL_HOURS": int(os.environ.get("CONSORTIUM_API_TOKEN_TTL_HOURS", 24 * 30)),
        #: the PDF converter (a program taking LibreOffice's arguments; default: soffice) and
        #: the seconds a conversion may take before it is killed
        "PDF_CONVERTER": os.environ.get("CONSORTIUM_PDF_CONVERTER") or None,
        "PDF_TIMEOUT": float(os.environ.get("CONSORTIUM_PDF_TIMEOUT", 60)),
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": ("en", "ru"),
        #: argon2 cost; tests lower it to keep a fresh database per test cheap
        "PASSWORD_HASH_TIME_COST": int(os.environ.get("CONSORTIUM_PASSWORD_TIME_COST", 3)),
        "PASSWORD_HASH_MEMORY_COST": int(os.environ.get("CONSORTIUM_PASSWORD_MEMORY_COST",
                                                        65536)),
        #: four eyes: whoever sends a licence or a consortium agreement for legal review may
        #: not also approve it; "0" relaxes this for a one-person office
        "FOUR_EYES": _flag(os.environ.get("CONSORTIUM_FOUR_EYES"), default=True),
    }


def _flag(raw: str | None, *, default: bool) -> bool:
    if raw is None or not raw.strip():
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"expected 1 or 0 (on or off), not {raw!r}")


def four_eyes() -> bool:
    """Whether a second legal user must approve what one sent for legal review."""
    return bool(current_app.config.get("FOUR_EYES", True))
