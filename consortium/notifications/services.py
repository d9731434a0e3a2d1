"""Writing notifications and their mails into the current transaction, and reading them back."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale, get_locale, gettext, pgettext
from sqlalchemy import and_, func, select, update

from workflows.errors import N_, Label

from ..auth.models import User
from ..db import utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from ..validation import valid_id
from .models import (
    CHANNELS,
    DEFAULT_CHANNEL,
    Notification,
    NotificationPreference,
    OutboxMail,
)

#: the kinds a person can choose a channel for, with their names on the account page
KINDS: dict[str, str] = {
    "signature": N_("Documents waiting for my signature"),
    "revision": N_("Revision requests"),
    "action": N_("Records waiting for my action"),
    "decision": N_("Decisions on my records"),
    "vote": N_("Votes"),
    "deadline": N_("Deadlines coming up"),
    "match": N_("New matches"),
    "interest": N_("Interest in our organisation's offers"),
    "docket": N_("Patent docket"),
}
CHANNEL_LABELS: dict[str, str] = {
    "app": N_("In the app only"),
    "email": N_("In the app and by e-mail"),
    "digest": N_("In the app and in a daily digest"),
    "off": N_("Off"),
}
#: ``session.info`` key of the mails written in the current transaction (sent after commit)
OUTBOX_KEY = "consortium.outbox"


def label(msgid: str) -> dict[str, str]:
    """A parameter that is itself translatable (a state or document name), for ``params``;
    a :class:`~workflows.errors.Label` keeps its context (an offer's state)."""
    if isinstance(msgid, Label):
        return {"msgid": str(msgid), "msgctxt": msgid.context}
    return {"msgid": msgid}


def render(message: str, params: Mapping[str, Any] | None) -> str:
    """``message`` in the current language with ``params`` (translatable ones translated)."""
    values = {k: _param(v) for k, v in (params or {}).items()}
    try:
        return gettext(message, **values) if values else gettext(message)
    except (KeyError, ValueError, TypeError):  # a translation that lost a placeholder
        return message % values if values else message


def _param(value: Any) -> Any:
    if isinstance(value, dict) and "msgid" in value:
        if value.get("msgctxt"):
            return pgettext(value["msgctxt"], value["msgid"])
        return gettext(value["msgid"])
    if isinstance(value, list):
        return ", ".join(str(_param(v)) for v in value)
    return value


def language_of(user: User) -> str:
    """The language of ``user``'s mails: the one they chose; else the first language their
    organisation issues its documents in (a Kazakh institute working in kk and ru is written
    to in Kazakh, not in English); else the default."""
    languages = current_app.config["LANGUAGES"]
    if user.language in languages:
        return user.language
    org = user.organization
    chosen = getattr(org, "document_languages", None) or []
    if chosen and chosen[0] in languages:
        return chosen[0]
    return current_app.config.get("BABEL_DEFAULT_LOCALE", "en")


def absolute(url: str) -> str:
    return current_app.config["BASE_URL"] + url if url.startswith("/") else url


def path_for(endpoint: str, **values: Any) -> str:
    """The site-relative URL of a page, with or without a request (scheduler jobs)."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("localhost").build(endpoint, values)


def with_channel(stmt, kind: str):
    """``stmt`` over users, with each one's channel for ``kind`` (None: the default)."""
    return stmt.add_columns(NotificationPreference.channel).outerjoin(
        NotificationPreference, and_(NotificationPreference.user_id == User.id,
                                     NotificationPreference.kind == kind))


def notify(user_ids: Iterable[int], kind: str, message: str, params: Mapping[str, Any] | None,
           url: str, record_type: str | None = None, record_id: int | None = None, *,
           state: str | None = None, key: str | None = None,
           now: dt.datetime | None = None,
           known: Mapping[int, tuple[User, str | None]] | None = None) -> list[Notification]:
    """Notify each of ``user_ids`` in the current transaction (the caller commits): an in-app
    notification, and a mail in the outbox when the person wants this ``kind`` by e-mail.

    ``message`` is an English msgid (marked with ``N_``/``_l``), rendered in each reader's
    language with ``params`` when shown or mailed; ``params["number"]``, the record's number,
    goes into the mail's subject. ``state``: the record's state now (reminders go out only
    while it stays there); ``key``: notify once only (a second call with it does nothing).
    ``known``: the active users among ``user_ids`` with their channel for ``kind``, when the
    caller has read them already in its own query (:func:`with_channel`, as
    ``hooks.awaited_users`` does), so that they are not read again."""
    ids = list(dict.fromkeys(i for i in user_ids if i))
    if ids and key is not None:  # told already (a match that went and came back): not again
        told = set(db.session.scalars(select(Notification.user_id).where(
            Notification.key == key, Notification.user_id.in_(ids))))
        ids = [i for i in ids if i not in told]
    if not ids:
        return []
    now = now or utcnow()
    params = dict(params or {})
    rows = [known[i] for i in ids if i in known] if known is not None else db.session.execute(
        with_channel(select(User), kind).where(User.id.in_(ids), User.active.is_(True))).all()
    out = []
    for user, channel in rows:
        channel = channel or DEFAULT_CHANNEL
        if channel == "off":
            continue
        n = Notification(user_id=user.id, kind=kind, message=message, params=params, url=url,
                         record_type=record_type, record_id=record_id, state=state, key=key,
                         created_at=now)
        db.session.add(n)
        out.append(n)
        if channel == "email":
            queue_mail(user, message, params, url, now=now)
    return out


def queue_mail(user: User, message: str, params: Mapping[str, Any], url: str, *,
               now: dt.datetime | None = None, reminder: bool = False,
               template: str = "notification", **context: Any) -> OutboxMail:
    """Write a mail to ``user`` in their language into the outbox of this transaction."""
    lang = language_of(user)
    with force_locale(lang):
        text = render(message, params)
        number = params.get("number")
        subject = text if not number or number in text else f"{number}: {text}"
        if reminder:
            subject = gettext("Reminder: %(subject)s", subject=subject)
        link = absolute(url)
        ctx = {"user": user, "text": text, "link": link, "reminder": reminder,
               "locale": str(get_locale()), **context}
        body_text = _render_mail(f"mail/{template}.txt", ctx)
        body_html = _render_mail(f"mail/{template}.html", ctx)
    return outbox(user.email, lang, subject, body_text, body_html, user_id=user.id, now=now)


def _render_mail(name: str, context: dict[str, Any]) -> str:
    """A mail template (compiled once by the app's Jinja environment) with ``context``
    alone: a mail uses nothing of the pages' context processors (the signed-in user, the
    workflows, the request), which ``render_template`` would run for every mail."""
    return current_app.jinja_env.get_template(name).render(context)


def outbox(to: str, lang: str, subject: str, body_text: str, body_html: str, *,
           user_id: int | None = None, now: dt.datetime | None = None) -> OutboxMail:
    """A mail into the outbox of the current transaction; sent once it commits."""
    mail = OutboxMail(user_id=user_id, to_address=to, language=lang,
                      subject=" ".join(subject.split())[:300], body_text=body_text,
                      body_html=body_html, created_at=now or utcnow(),
                      next_attempt_at=now or utcnow())
    db.session.add(mail)
    db.session.info.setdefault(OUTBOX_KEY, []).append(mail)
    return mail


# -- reading --------------------------------------------------------------------------------------
def unread_count(user_id: int) -> int:
    """One indexed count for the header badge."""
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user_id, Notification.read_at.is_(None))) or 0


def recent(user_id: int, *, page: int = 1, per_page: int = 50) -> tuple[list[Notification], int]:
    stmt = select(Notification).where(Notification.user_id == user_id)
    total = db.session.scalar(stmt.with_only_columns(func.count(Notification.id))) or 0
    items = db.session.scalars(stmt.order_by(Notification.id.desc())
                               .offset((page - 1) * per_page).limit(per_page)).all()
    return list(items), total


def to_dict(n: Notification) -> dict[str, Any]:
    return {"id": n.id, "kind": n.kind, "text": render(n.message, n.params), "url": n.url,
            "record_type": n.record_type, "record_id": n.record_id,
            "created_at": n.created_at.isoformat(),
            "read_at": n.read_at.isoformat() if n.read_at else None}


def mark_read(user_id: int, notification_id: Any) -> None:
    """Mark one of ``user_id``'s notifications read; someone else's is a 404."""
    if not valid_id(notification_id):
        raise NotFound(N_("No such notification."))
    n = db.session.get(Notification, notification_id)
    if n is None or n.user_id != user_id:
        raise NotFound(N_("No such notification."))
    if n.read_at is None:
        n.read_at = utcnow()


def mark_all_read(user_id: int) -> None:
    db.session.execute(update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)).values(
        read_at=utcnow()))


# -- preferences ---------------------------------------------------------------------------------
def preferences(user_id: int) -> dict[str, str]:
    """Every kind with the channel ``user_id`` chose (the default where none)."""
    chosen = dict(db.session.execute(
        select(NotificationPreference.kind, NotificationPreference.channel)
        .where(NotificationPreference.user_id == user_id)).all())
    return {kind: chosen.get(kind, DEFAULT_CHANNEL) for kind in KINDS}


def set_preferences(user: User, values: Mapping[str, Any], language: Any = None) -> None:
    """Set channels by kind (and, when given, the language of this person's e-mails);
    unknown kinds or channels are a 422 naming each."""
    errors: dict[str, str] = {}
    for kind, channel in values.items():
        if kind not in KINDS:
            errors[str(kind)[:40]] = N_("no such kind of notification")
        elif channel not in CHANNELS:
            errors[kind] = N_("must be one of: app, email, digest, off")
    if language is not None and language not in current_app.config["LANGUAGES"]:
        errors["language"] = N_("not one of the languages of this site")
    if errors:
        raise Invalid(errors)
    current = {p.kind: p for p in db.session.scalars(select(NotificationPreference).where(
        NotificationPreference.user_id == user.id))}
    for kind, channel in values.items():
        if kind in current:
            current[kind].channel = channel
        else:
            db.session.add(NotificationPreference(user_id=user.id, kind=kind, channel=channel))
    if language is not None:
        user.language = language
