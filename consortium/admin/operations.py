"""What runs in the background, as the operator sees it (issue 20): the outgoing mail of the
outbox (queued, sent, failed, with attempts and the last error; retry now) and the
scheduler's jobs (interval, last run, lease holder, next due, last error).

Read by the admin pages and by ``GET /api/v1/admin/outbox`` and ``/api/v1/admin/jobs``; the
mail's body is never shown here (it may hold personal data: the recipient reads it)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, func, select

from workflows.errors import N_

from ..db import unit_of_work, utcnow
from ..errors import Invalid, NotFound
from ..extensions import db
from ..notifications.mail import NO_SMTP, deliver
from ..notifications.models import OutboxMail
from ..scheduler import load_jobs
from ..scheduler.models import ScheduledJob

#: the states of a mail in the outbox, as the page names them
STATUSES = ("queued", "sent", "failed")


def status_of(m: OutboxMail) -> str:
    if m.sent_at is not None:
        return "sent"
    return "failed" if (m.attempts or 0) > 0 else "queued"


def _where(status: str | None):
    if status == "sent":
        return OutboxMail.sent_at.is_not(None)
    if status == "failed":
        return (OutboxMail.sent_at.is_(None)) & (OutboxMail.attempts > 0)
    if status == "queued":
        return (OutboxMail.sent_at.is_(None)) & (OutboxMail.attempts == 0)
    return None


def outbox_counts() -> dict[str, int]:
    sent = func.sum(case((OutboxMail.sent_at.is_not(None), 1), else_=0))
    failed = func.sum(case(((OutboxMail.sent_at.is_(None)) & (OutboxMail.attempts > 0), 1),
                           else_=0))
    total, n_sent, n_failed = db.session.execute(
        select(func.count(OutboxMail.id), sent, failed)).one()
    total, n_sent, n_failed = total or 0, n_sent or 0, n_failed or 0
    return {"queued": total - n_sent - n_failed, "sent": n_sent, "failed": n_failed,
            "all": total}


def outbox_page(status: str | None, page: int, per_page: int) -> tuple[list[OutboxMail], int]:
    """A page of the outbox, newest first, of one status (None: all); an unknown status is
    a 422 naming the field."""
    if status not in (None, "", *STATUSES):
        raise Invalid({"status": N_("must be one of: queued, sent, failed")})
    stmt = select(OutboxMail)
    where = _where(status or None)
    if where is not None:
        stmt = stmt.where(where)
    total = db.session.scalar(stmt.with_only_columns(func.count(OutboxMail.id))) or 0
    rows = db.session.scalars(stmt.order_by(OutboxMail.id.desc())
                              .offset((page - 1) * per_page).limit(per_page)).all()
    return list(rows), total


def mail_dict(m: OutboxMail) -> dict[str, Any]:
    def when(v: dt.datetime | None) -> str | None:
        return v.isoformat() if v else None
    return {"id": m.id, "to": m.to_address, "subject": m.subject, "language": m.language,
            "status": status_of(m), "attempts": m.attempts or 0,
            "created_at": when(m.created_at), "next_attempt_at": None if m.sent_at
            else when(m.next_attempt_at), "sent_at": when(m.sent_at),
            "last_error": m.last_error, "no_smtp": m.last_error == NO_SMTP}


def retry(mail_id: int, now: dt.datetime | None = None) -> OutboxMail:
    """Make an unsent mail due now and try to send it at once; the mail as it is after."""
    now = now or utcnow()
    with unit_of_work():
        m = db.session.get(OutboxMail, mail_id)
        if m is None:
            raise NotFound(N_("No such mail in the outbox."))
        if m.sent_at is not None:
            raise Invalid({"id": N_("this mail was sent already")})
        m.next_attempt_at = now
    deliver(now, ids=[mail_id], limit=1)
    db.session.expire_all()
    return db.session.get(OutboxMail, mail_id)


def jobs(now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Every registered job with what the database knows of it, by name."""
    now = now or utcnow()
    registered = load_jobs()
    rows = {j.name: j for j in db.session.scalars(select(ScheduledJob))}
    out = []
    for name in sorted(set(registered) | set(rows)):
        job, row = registered.get(name), rows.get(name)
        held = row is not None and row.lease_until is not None and row.lease_until > now

        def when(v: dt.datetime | None) -> str | None:
            return v.isoformat() if v else None
        out.append({
            "name": name, "registered": job is not None,
            "interval_seconds": int(job.every.total_seconds()) if job else None,
            "last_started_at": when(row.last_started_at) if row else None,
            "last_finished_at": when(row.last_finished_at) if row else None,
            "last_result": row.last_result if row else None,
            "runs": row.runs if row else 0,
            "lease_holder": row.leased_by if held and row else None,
            "lease_until": when(row.lease_until) if held and row else None,
            "next_run_at": when(row.next_run_at) if row else None,
            "due": bool(row and row.next_run_at <= now),
            "last_error": row.last_error if row else None,
        })
    return out


def openapi_paths(_resp, _body, _id, OBJ) -> dict[str, Any]:
    """The OpenAPI paths of ``/api/v1/admin/outbox`` and ``/api/v1/admin/jobs``."""
    status = {"name": "status", "in": "query", "required": False,
              "schema": {"type": "string", "enum": list(STATUSES)}}
    listing = {"type": "object", "properties": {
        "items": {"type": "array", "items": OBJ}, "total": {"type": "integer"},
        "page": {"type": "integer"}, "per_page": {"type": "integer"}, "counts": OBJ}}
    return {
        "/admin/outbox": {"get": {
            "summary": "(admin) Outgoing mail, newest first: to, subject, status (queued, "
                       "sent, failed), attempts, next attempt, last error; counts per status",
            "parameters": [status],
            "responses": _resp("A page of the outbox", listing, (403, 422))}},
        "/admin/outbox/{id}/retry": {"post": {
            "summary": "(admin) Make an unsent mail due now and try to send it at once",
            "parameters": [_id("id")],
            "responses": _resp("The mail after the attempt", OBJ, (403, 404, 422))}},
        "/admin/jobs": {"get": {
            "summary": "(admin) The scheduler's jobs: interval, last run and result, lease "
                       "holder, next due, last error",
            "responses": _resp("The jobs", {"type": "object", "properties": {
                "items": {"type": "array", "items": OBJ}}}, (403,))}},
    }
