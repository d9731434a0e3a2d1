"""Settings read from the environment, with safe defaults and no constant secrets."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import current_app

#: NCALayer's own address: it listens on the user's computer, not on the server
NCALAYER_URL = "wss://127.0.0.1:13579"


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
        #: the largest file a record takes as an attachment (requests stay within
        #: MAX_CONTENT_LENGTH); default just under 2 MB
        "ATTACHMENT_MAX_BYTES": int(os.environ.get("CONSORTIUM_ATTACHMENT_MAX_BYTES",
                                                   2 * 1024 * 1024 - 64 * 1024)),
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
        "LANGUAGES": ("en", "kk", "ru"),
        #: argon2 cost; tests lower it to keep a fresh database per test cheap
        "PASSWORD_HASH_TIME_COST": int(os.environ.get("CONSORTIUM_PASSWORD_TIME_COST", 3)),
        "PASSWORD_HASH_MEMORY_COST": int(os.environ.get("CONSORTIUM_PASSWORD_MEMORY_COST",
                                                        65536)),
        #: four eyes: whoever sends a licence or a consortium agreement for legal review may
        #: not also approve it; "0" relaxes this for a one-person office
        "FOUR_EYES": _flag(os.environ.get("CONSORTIUM_FOUR_EYES"), default=True),
        #: where the signing page finds NCALayer, the NCA RK signing program on the user's
        #: computer; the Content-Security-Policy allows connections to it
        "NCALAYER_URL": os.environ.get("CONSORTIUM_NCALAYER_URL") or NCALAYER_URL,
        #: EDS (NCA RK) verification: a PEM file of the trusted root and intermediate CA
        #: certificates; OCSP off, prefer (check when reachable) or require (503 when not)
        "EDS_TRUST_ROOTS": os.environ.get("CONSORTIUM_EDS_TRUST_ROOTS") or None,
        "EDS_OCSP": _choice("CONSORTIUM_EDS_OCSP", OCSP_MODES, "off"),
        "EDS_OCSP_TIMEOUT": float(os.environ.get("CONSORTIUM_EDS_OCSP_TIMEOUT", 5)),
        #: which signatures documents accept (None: see :func:`signature_policy`)
        "SIGNATURE_POLICY": _choice("CONSORTIUM_SIGNATURE_POLICY", SIGNATURE_POLICIES, None),
        #: the scheduler inside the serving process (``make run`` turns it on); deployments
        #: run ``flask jobs run`` as a process of its own instead
        "SCHEDULER_IN_PROCESS": _flag(os.environ.get("CONSORTIUM_SCHEDULER_IN_PROCESS"),
                                      default=False),
        #: seconds between two passes of the timing loop, and how long a worker holds a job
        #: before another may take it over (a worker killed mid-job loses it then)
        "SCHEDULER_TICK_SECONDS": int(os.environ.get("CONSORTIUM_SCHEDULER_TICK_SECONDS", 30)),
        "SCHEDULER_LEASE_SECONDS": int(os.environ.get("CONSORTIUM_SCHEDULER_LEASE_SECONDS",
                                                      600)),
        #: days a document may await signatures before it expires and its record goes back
        #: to the state before its signing step
        "SIGNING_EXPIRY_DAYS": int(os.environ.get("CONSORTIUM_SIGNING_EXPIRY_DAYS", 30)),
        #: outgoing mail: smtp://host:port or smtps://user:pass@host:port (unset: mail is
        #: logged and kept in the outbox), the sender, and the site address links start with
        "SMTP_URL": os.environ.get("CONSORTIUM_SMTP_URL") or None,
        "MAIL_FROM": os.environ.get("CONSORTIUM_MAIL_FROM") or "consortium@localhost",
        "BASE_URL": (os.environ.get("CONSORTIUM_BASE_URL")
                     or "http://127.0.0.1:5000").rstrip("/"),
        #: days after a notification on which a reminder goes out while the step is not done
        "REMINDER_DAYS": tuple(int(d) for d in (os.environ.get("CONSORTIUM_REMINDER_DAYS")
                                                or "3,7").split(",") if d.strip()),
        #: a deadline this many days ahead (or fewer) is notified, once
        "DEADLINE_NOTICE_DAYS": int(os.environ.get("CONSORTIUM_DEADLINE_NOTICE_DAYS", 30)),
    }


OCSP_MODES = ("off", "prefer", "require")
#: typed: a typed name everywhere; eds_between_organisations: an EDS where a signer signs for
#: an organisation, typed or EDS elsewhere; eds: an EDS everywhere
SIGNATURE_POLICIES = ("typed", "eds_between_organisations", "eds")


def _choice(name: str, allowed: tuple[str, ...], default: str | None) -> str | None:
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {raw!r}")
    return raw


def signature_policy(config=None) -> str:
    """The deployment's signature policy: ``SIGNATURE_POLICY`` when set, else
    ``eds_between_organisations`` where EDS trust roots are configured and ``typed`` where
    they are not (an EDS cannot be verified without them)."""
    config = current_app.config if config is None else config
    policy = config.get("SIGNATURE_POLICY")
    if policy:
        if policy not in SIGNATURE_POLICIES:
            raise ValueError(f"SIGNATURE_POLICY must be one of {', '.join(SIGNATURE_POLICIES)}")
        return policy
    return "eds_between_organisations" if config.get("EDS_TRUST_ROOTS") else "typed"


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
