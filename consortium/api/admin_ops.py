"""API of what runs in the background (issue 20, admin only): the outbox's mail and the
scheduler's jobs. The answers are those of :mod:`consortium.admin.operations`."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from workflows.errors import N_

from ..admin import operations
from ..auth.models import Role
from ..errors import Forbidden
from ..extensions import csrf
from .support import current_api_user, page_args

bp = Blueprint("admin_api", __name__, url_prefix="/api/v1/admin")
csrf.exempt(bp)


def _admin() -> None:
    if current_api_user().role != Role.admin:
        raise Forbidden(N_("Only an administrator can do this."))


@bp.get("/outbox")
def outbox():
    """``?status=queued|sent|failed``, paged, newest first, with the counts per status."""
    _admin()
    page, per_page = page_args()
    items, total = operations.outbox_page(request.args.get("status") or None, page, per_page)
    return jsonify({"items": [operations.mail_dict(m) for m in items], "total": total,
                    "page": page, "per_page": per_page, "counts": operations.outbox_counts()})


@bp.post("/outbox/<int:mail_id>/retry")
def outbox_retry(mail_id: int):
    """Make an unsent mail due now and try it at once: the mail as it is after."""
    _admin()
    return jsonify(operations.mail_dict(operations.retry(mail_id)))


@bp.get("/jobs")
def jobs():
    _admin()
    return jsonify({"items": operations.jobs()})
