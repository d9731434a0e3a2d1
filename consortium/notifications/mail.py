"""Sending the outbox over SMTP (Flask-Mailman): claimed, sent, marked; retried with backoff."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from flask import current_app
from flask_mailman import EmailMultiAlternatives
from sqlalchemy import select

from ..db import unit_of_work, utcnow
from ..extensions import db, mail
from .models import OutboxMail

log = logging.getLogger("consortium.mail")

#: a claimed mail is someone's to send for this long; after it, another run may retry it
CLAIM = dt.timedelta(minutes=10)
#: the wait after the n-th failure: 1, 2, 4 ... minutes, at most six hours
MAX_BACKOFF = dt.timedelta(hours=6)
NO_SMTP = "CONSORTIUM_SMTP_URL is not set: the mail was logged and kept in the outbox"


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    username: str | None
    password: str | None
    use_ssl: bool


def smtp_settings(url: str | None) -> Smtp | None:
    """``smtp://host:port`` or ``smtps://user:pass@host:port``; None when unset."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(f"CONSORTIUM_SMTP_URL must be smtp://host:port or "
                         f"smtps://user:pass@host:port, not {url!r}")
    ssl = parts.scheme == "smtps"
    return Smtp(parts.hostname, parts.port or (465 if ssl else 25),
                unquote(parts.username) if parts.username else None,
                unquote(parts.password) if parts.password else None, ssl)


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _claim(now: dt.datetime, ids: list[int] | None, limit: int) -> list[OutboxMail]:
    """Take due mails for this run: each is pushed ``CLAIM`` ahead, so a second run (another
    worker) skips it while this one sends it."""
    with unit_of_work():
        stmt = select(OutboxMail).where(OutboxMail.sent_at.is_(None),
                                        OutboxMail.next_attempt_at <= now)
        if ids is not None:
            stmt = stmt.where(OutboxMail.id.in_(ids))
        stmt = stmt.order_by(OutboxMail.id).limit(limit)
        if db.engine.dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        rows = list(db.session.scalars(stmt))
        for m in rows:
            m.next_attempt_at = now + CLAIM
    return rows


def deliver(now: dt.datetime | None = None, *, ids: list[int] | None = None,
            limit: int = 200) -> int:
    """Send the outbox's due mails (only ``ids`` when given); return how many were sent.

    A mail is marked sent only after the server took it; a failure counts an attempt and
    waits longer before the next (:func:`backoff`); nothing is ever deleted. Without
    ``CONSORTIUM_SMTP_URL`` each due mail is logged and kept."""
    now = now or utcnow()
    settings = smtp_settings(current_app.config.get("SMTP_URL"))
    rows = _claim(now, ids, limit)
    if not rows:
        return 0
    if settings is None:
        with unit_of_work():
            for m in rows:
                log.info("mail to %s: %s\n%s", m.to_address, m.subject, m.body_text)
                m.last_error = NO_SMTP
                m.next_attempt_at = now + MAX_BACKOFF
        return 0
    sent = 0
    connection = None
    try:
        connection = mail.get_connection(
            backend="smtp", host=settings.host, port=settings.port,
            username=settings.username, password=settings.password,
            use_ssl=settings.use_ssl, use_tls=False, timeout=10, fail_silently=False)
        connection.open()
    except Exception as err:  # the server is down: every claimed mail waits and is retried
        _failed(rows, now, err)
        return 0
    try:
        for m in rows:
            message = EmailMultiAlternatives(
                m.subject, m.body_text, current_app.config["MAIL_FROM"], [m.to_address],
                connection=connection, headers={"Content-Language": m.language})
            message.attach_alternative(m.body_html, "text/html")
            try:
                message.send()
            except Exception as err:
                _failed([m], now, err)
                continue
            with unit_of_work():
                db.session.merge(m).sent_at = utcnow()
            sent += 1
    finally:
        try:
            connection.close()
        except Exception:  # pragma: no cover - closing a broken connection
            pass
    return sent


def _failed(rows: list[OutboxMail], now: dt.datetime, err: Exception) -> None:
    log.warning("mail delivery failed (%s); will retry", err)
    with unit_of_work():
        for m in rows:
            m = db.session.merge(m)
            m.attempts = (m.attempts or 0) + 1
            m.next_attempt_at = now + backoff(m.attempts)
            m.last_error = f"{type(err).__name__}: {err}"[:500]
