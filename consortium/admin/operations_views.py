"""Administration pages of what runs in the background: the outbox and the scheduler's jobs
(issue 20). Thin: :mod:`.operations` reads and retries; these pages render."""
from __future__ import annotations

import datetime as dt

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..errors import Invalid, NotFound
from ..validation import page_number
from ..web.helpers import translated
from . import operations
from .views import PER_PAGE, bp


@bp.get("/outbox")
def outbox():
    status = request.args.get("status") or None
    if status not in operations.STATUSES:
        status = None
    page = page_number()
    items, total = operations.outbox_page(status, page, PER_PAGE)
    return render_template("admin/outbox.html", items=items, total=total, page=page,
                           per_page=PER_PAGE, status=status, counts=operations.outbox_counts(),
                           status_of=operations.status_of, no_smtp=operations.NO_SMTP)


@bp.post("/outbox/<int:mail_id>/retry")
def outbox_retry(mail_id: int):
    try:
        m = operations.retry(mail_id)
    except (Invalid, NotFound) as err:
        reason = "; ".join(translated(v) for v in (getattr(err, "fields", None) or {}).values())
        flash(reason or translated(err.message), "error")
    else:
        if m.sent_at is not None:
            flash(_("The mail to %(to)s was sent.", to=m.to_address), "success")
        else:
            flash(_("The mail to %(to)s could not be sent: %(error)s", to=m.to_address,
                    error=m.last_error or "—"), "error")
    return redirect(url_for("admin.outbox", status=request.form.get("status") or None))


@bp.get("/jobs")
def jobs():
    return render_template("admin/jobs.html", jobs=operations.jobs(),
                           interval=_interval, parse=dt.datetime.fromisoformat)


def _interval(seconds: int | None) -> str:
    if not seconds:
        return "—"
    if seconds % 86400 == 0:
        return _("every %(n)s days", n=seconds // 86400) if seconds > 86400 else _("daily")
    if seconds % 3600 == 0:
        return _("every %(n)s hours", n=seconds // 3600) if seconds > 3600 else _("hourly")
    if seconds % 60 == 0:
        return _("every %(n)s minutes", n=seconds // 60) if seconds > 60 else \
            _("every minute")
    return _("every %(n)s seconds", n=seconds)
