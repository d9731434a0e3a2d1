"""Downloading and signing documents in the browser."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import workflow
from ..db import unit_of_work
from ..errors import Invalid, Unavailable
from ..web.helpers import message_of
from .services import CONSENT_TEXT

bp = Blueprint("documents", __name__, url_prefix="/documents")


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.get("/<int:doc_id>/download")
def download(doc_id: int):
    from ..api.views import docx_response, pdf_response
    doc = workflow.visible_document(doc_id, current_user)
    if request.args.get("format") == "pdf":
        try:
            return pdf_response(doc)
        except Unavailable as err:  # the converter failed: say so, and offer the original
            return render_template("error.html", status=503, message=message_of(err),
                                   docx_url=url_for(".download", doc_id=doc.id)), 503
    return docx_response(doc)


@bp.route("/<int:doc_id>/sign", methods=["GET", "POST"])
def sign(doc_id: int):
    doc = workflow.visible_document(doc_id, current_user)
    rt = workflow.REGISTRY[doc.record_type]
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            with unit_of_work():
                doc = workflow.visible_document(doc_id, current_user)
                _sig, outcome = workflow.sign(
                    doc, current_user, request.form.get("typed_name", ""),
                    request.form.get("consent") == "yes", request.remote_addr,
                    request.headers.get("User-Agent"))
        except Invalid as err:
            errors = err.fields
            flash(_("Please correct the marked fields."), "error")
        else:
            flash(_("You signed %(title)s.", title=doc.title), "success")
            if outcome is not None:
                flash(_("All required signatures are in: the record moved on by itself."),
                      "success")
            return redirect(url_for(rt.endpoint, record_id=doc.record_id))
    return render_template("documents/sign.html", doc=doc, rt=rt, consent_text=CONSENT_TEXT,
                           errors=errors, typed_name=request.form.get("typed_name", "")), (
        422 if errors else 200)
