"""Attachment pages: the upload form on every record page and the download."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import workflow
from ..db import unit_of_work
from ..errors import Invalid
from ..web.helpers import message_of
from . import services
from .models import KINDS

bp = Blueprint("attachments", __name__, url_prefix="/attachments")


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.app_template_global()
def attachments_for(record_type: str, record_id: int) -> dict:
    """What a record page's attachment card shows (the page has checked visibility)."""
    items = services.attachments_of(record_type, record_id)
    return {"items": items, "uploaders": services.uploader_names(items), "kinds": KINDS,
            "record_type": record_type, "record_id": record_id,
            "max_bytes": services.max_bytes()}


def _record_page(owner: services.Owner) -> str:
    rt = workflow.REGISTRY[owner.record_type]
    return url_for(rt.endpoint, record_id=owner.record_id) + "#attachments"


@bp.post("/<record_type>/<int:record_id>")
def upload(record_type: str, record_id: int):
    owner = services.owner_of(record_type, record_id, current_user)
    upload = request.files.get("file")
    try:
        with unit_of_work():
            a = services.attach(current_user, record_type, record_id,
                                kind=request.form.get("kind"), note=request.form.get("note"),
                                filename=upload.filename if upload else None,
                                data=upload.read() if upload else None)
    except (Invalid, services.TooLarge) as err:
        flash(message_of(err) + " " + "; ".join(
            f"{k}: {_(v)}" for k, v in (err.fields or {}).items()), "error")
        return redirect(_record_page(owner))
    flash(_("Attached %(name)s.", name=a.filename), "success")
    return redirect(_record_page(owner))


@bp.get("/<int:attachment_id>")
def download(attachment_id: int):
    return download_response(services.visible_attachment(attachment_id, current_user))


def download_response(a) -> Response:
    """The attachment's bytes, always as a download under its real name, never rendered by
    the browser: ``Content-Disposition: attachment``, ``nosniff`` and a sandboxing CSP."""
    ascii_name = a.filename.encode("ascii", "ignore").decode().replace('"', "").strip()
    if not ascii_name or ascii_name.startswith("."):
        ascii_name = "attachment" + (ascii_name if ascii_name.startswith(".") else "")
    resp = Response(services.content(a), mimetype=a.content_type.split(";")[0])
    if a.content_type.startswith("text/"):
        resp.headers["Content-Type"] = a.content_type
    resp.headers["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(a.filename)}")
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    resp.headers["X-Content-SHA256"] = a.sha256
    return resp
