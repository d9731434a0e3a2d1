"""Periodic work of notifications: deliver the outbox, remind, notify deadlines, digests.

Each job is a plain function of ``now`` returning how much it did; the scheduler runs them
(see ``consortium.scheduler``), tests call them directly."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from flask import current_app, render_template
from flask_babel import force_locale, gettext
from sqlalchemy import select

from workflows import engine
from workflows.errors import N_

from .. import workflow
from ..auth.models import User
from ..db import unit_of_work
from ..documents.services import awaiting_signature
from ..extensions import db
from ..scheduler import periodic
from ..web.deadlines import deadlines
from . import mail
from .models import Notification, NotificationPreference
from .services import absolute, language_of, notify, outbox, path_for, queue_mail, render

#: the kinds that wait for a step, so remind until it is done
REMINDED = ("signature", "revision", "action")


@periodic("deliver_outbox", every=dt.timedelta(minutes=1))
def deliver_outbox(now: dt.datetime) -> int:
    """Send what the outbox holds (retrying failed mails when their wait is over)."""
    return mail.deliver(now)


def _still_awaited(n: Notification, user: User) -> bool:
    rt = workflow.REGISTRY.get(n.record_type or "")
    if rt is None or n.record_id is None:
        return False
    record = db.session.get(rt.model, n.record_id)
    if record is None or (n.state and record.state != n.state):
        return False
    if n.kind == "signature":
        return any(d.record_type == rt.name and d.record_id == record.id
                   for d in awaiting_signature(user.id))
    return bool(engine.awaited(rt.name, record, user))


@periodic("notification_reminders", every=dt.timedelta(hours=1))
def send_reminders(now: dt.datetime) -> int:
    """Remind each person of a step still waiting for them, on each of ``REMINDER_DAYS``
    after the notification, until the step is done (then it is closed)."""
    days = sorted(current_app.config.get("REMINDER_DAYS") or ())
    if not days:
        return 0
    sent = 0
    with unit_of_work():
        due = db.session.scalars(
            select(Notification).where(Notification.done_at.is_(None),
                                       Notification.kind.in_(REMINDED),
                                       Notification.reminders < len(days),
                                       Notification.created_at
                                       <= now - dt.timedelta(days=days[0]))
            .order_by(Notification.id).limit(1000))
        for n in due:
            if n.created_at > now - dt.timedelta(days=days[n.reminders]):
                continue
            user = db.session.get(User, n.user_id)
            if user is None or not user.active or not _still_awaited(n, user):
                n.done_at = now
                continue
            # everything the reminder's day has crossed counts once: a job that did not
            # run for a week sends one reminder, not two
            n.reminders = sum(1 for d in days if n.created_at <= now - dt.timedelta(days=d))
            n.read_at = None
            channel = db.session.scalar(select(NotificationPreference.channel).where(
                NotificationPreference.user_id == user.id,
                NotificationPreference.kind == n.kind)) or "email"
            if channel == "email":
                queue_mail(user, n.message, n.params, n.url, now=now, reminder=True)
            elif channel == "digest":
                n.digested_at = None  # the next digest lists it again
            sent += 1
    return sent


@periodic("deadline_notifications", every=dt.timedelta(days=1))
def notify_deadlines(now: dt.datetime) -> int:
    """A "deadline" notification, once, to each person who sees a deadline within
    ``DEADLINE_NOTICE_DAYS`` (or one already overdue that was never notified)."""
    horizon = current_app.config.get("DEADLINE_NOTICE_DAYS", 30)
    today = now.date()
    endpoints = {rt.endpoint: rt.name for rt in workflow.REGISTRY.values()}
    made = 0
    with unit_of_work():
        users = list(db.session.scalars(select(User).where(User.active.is_(True))
                                        .order_by(User.id)))
        for user in users:
            # only what falls due within the notice period, every one of them: each kind
            # is one indexed query by its date for this person (no first-N cut)
            for d in deadlines(user, today, limit=None, days=horizon):
                template = getattr(d.what, "template", str(d.what))
                params = dict(getattr(d.what, "params", {}) or {})
                key = f"deadline:{d.endpoint}:{d.record_id}:{d.due.isoformat()}:{template}"[:200]
                if db.session.scalar(select(Notification.id).where(
                        Notification.user_id == user.id, Notification.key == key)):
                    continue
                notify([user.id], "deadline", N_("%(record)s: %(what)s, due %(due)s"),
                       {"record": d.record, "number": d.record.split(" — ")[0],
                        "what": {"msgid": template} if not params else str(d.what),
                        "due": d.due.isoformat()},
                       path_for(d.endpoint, record_id=d.record_id),
                       endpoints.get(d.endpoint), d.record_id, key=key, now=now)
                made += 1
    return made


@periodic("notification_digest", every=dt.timedelta(days=1))
def send_digests(now: dt.datetime) -> int:
    """One mail per person who chose the daily digest for some kind, listing what came in
    of those kinds since their last digest."""
    sent = 0
    with unit_of_work():
        wanted = defaultdict(set)
        for uid, kind in db.session.execute(select(
                NotificationPreference.user_id, NotificationPreference.kind).where(
                NotificationPreference.channel == "digest")):
            wanted[uid].add(kind)
        for uid, kinds in wanted.items():
            items = list(db.session.scalars(select(Notification).where(
                Notification.user_id == uid, Notification.kind.in_(kinds),
                Notification.digested_at.is_(None), Notification.created_at <= now)
                .order_by(Notification.id).limit(200)))
            user = db.session.get(User, uid)
            if not items or user is None or not user.active:
                continue
            lang = language_of(user)
            with force_locale(lang):
                lines = [(render(n.message, n.params), absolute(n.url)) for n in items]
                subject = gettext("Consortium: your daily digest (%(n)s)", n=len(items))
                ctx = {"user": user, "items": lines}
                outbox(user.email, lang, subject, render_template("mail/digest.txt", **ctx),
                       render_template("mail/digest.html", **ctx), user_id=user.id, now=now)
            for n in items:
                n.digested_at = now
            sent += 1
    return sent

