"""Downloading and signing documents in the browser, and the .docx and PDF answers the API
sends too."""
from __future__ import annotations

from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from workflows.errors import N_, ValidationFailed

from .. import workflow
from ..auth.models import User
from ..db import unit_of_work
from ..errors import Invalid, NotFound, Unavailable, translated
from ..extensions import db
from ..web.helpers import message_of
from . import pdf
from .card import card_bytes, card_filename, cms_filename
from .rendering import template_info
from .services import storage
from .signing import (
    SignatureRefused,
    accepted_methods,
    consent_text,
    shown_locale,
    signs_for,
)
from .text import paragraphs

bp = Blueprint("documents", __name__, url_prefix="/documents")


@bp.app_context_processor
def _document_globals():
    """What every page may say about documents: whether PDF is offered, a template's title."""
    return {"pdf_available": pdf.available(current_app.config.get("PDF_CONVERTER")),
            "document_title": lambda name: template_info(name)["title"],
            "document_label": _document_label}


def _document_label(doc) -> str:
    """A document as the pages name it: its template's title in the reader's language and
    its number (the stored title is the one printed in the document, in its language)."""
    try:
        title = _(template_info(doc.template)["title"])
    except LookupError:
        return doc.title
    return f"{title} {doc.number}"


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.get("/<int:doc_id>/download")
def download(doc_id: int):
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
    """The signing page: the forms of the methods the document accepts (an EDS made by
    NCALayer, posted as ``method=eds`` and ``cms``; a typed name with the consent statement,
    shown and stored in the page's language, which the form carries as ``consent_locale``)."""
    doc = workflow.visible_document(doc_id, current_user)
    rt = workflow.REGISTRY[doc.record_type]
    errors: dict[str, str] = {}
    method = request.form.get("method") or "typed"
    if request.method == "POST":
        try:
            with unit_of_work():
                doc = workflow.visible_document(doc_id, current_user)
                _sig, outcome = workflow.sign(
                    doc, current_user, request.form.get("typed_name", ""),
                    request.form.get("consent") == "yes", request.remote_addr,
                    request.headers.get("User-Agent"), method=method,
                    cms=request.form.get("cms"),
                    consent_locale=request.form.get("consent_locale"))
        except Invalid as err:
            errors = err.fields
            flash(_("Please correct the marked fields."), "error")
        except SignatureRefused as err:  # an EDS that does not verify: why, on this page
            errors = {"cms" if method == "eds" else "typed_name": message_of(err)}
            flash(message_of(err), "error")
        else:
            flash(_("You signed %(title)s.", title=doc.title), "success")
            if outcome is not None:
                flash(_("All required signatures are in: the record moved on by itself."),
                      "success")
            return redirect(url_for(rt.endpoint, record_id=doc.record_id))
    return _sign_page(doc, rt, errors)


def _sign_page(doc, rt, errors: dict, decline_errors: dict | None = None):
    """The signing page, with the errors of the form that was posted (422) if any."""
    signer_org = signs_for(doc, current_user, workflow.get_visible(rt, doc.record_id, current_user)) \
        if current_user.id in doc.required_signer_ids else None
    failed = bool(errors or decline_errors)
    # the other signers and where each stands, and the text to read before signing
    signers = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_(doc.required_signer_ids)))} if doc.required_signer_ids \
        else {}
    return render_template(
        "documents/sign.html", doc=doc, rt=rt, consent_text=consent_text(),
        signers=[(signers.get(uid), uid in doc.signed_by()) for uid in doc.required_signer_ids],
        document_text=paragraphs(storage().get(doc.sha256)),
        consent_locale=shown_locale(), accepted_methods=accepted_methods,
        signer_bin=signer_org.bin if signer_org is not None else "",
        errors=errors, typed_name=request.form.get("typed_name", ""),
        decline_errors=decline_errors or {},
        reason=request.form.get("reason", "") if decline_errors else ""), (422 if failed else 200)


@bp.post("/<int:doc_id>/decline")
def decline(doc_id: int):
    """A required signer declines to sign, with a reason and the "I understand" box: the
    record goes back to the state before its signing step (see ``workflow.decline``)."""
    doc = workflow.visible_document(doc_id, current_user)
    rt = workflow.REGISTRY[doc.record_type]
    confirmed = request.form.get("confirm") == "yes"
    unconfirmed = {"confirm": N_("required: confirm that you understand what this does")}
    try:
        with unit_of_work():
            doc = workflow.visible_document(doc_id, current_user)
            try:
                outcome = workflow.decline(doc, current_user, request.form.get("reason"))
            except (Invalid, ValidationFailed) as err:
                if not confirmed:
                    err.fields = {**err.fields, **unconfirmed}
                raise
            if not confirmed:  # every rule holds: undo it all until the person confirms
                raise Invalid(unconfirmed, N_("Declining cannot be undone: tick “I "
                                              "understand” to confirm that you decline."))
    except (Invalid, ValidationFailed) as err:
        flash(message_of(err), "error")
        return _sign_page(workflow.visible_document(doc_id, current_user), rt, {}, err.fields)
    flash(_("You declined to sign %(title)s. The record is back to %(state)s.",
            title=doc.title, state=translated(workflow.engine.workflow(rt.name).state_label(
                outcome.record.state))), "success")
    return redirect(url_for(rt.endpoint, record_id=doc.record_id))


@bp.get("/<int:doc_id>/card")
def card(doc_id: int):
    """The document card: its PDF with the .docx and every CMS attached, and a signature
    sheet (503 with a link to the .docx when the conversion fails)."""
    doc = workflow.visible_document(doc_id, current_user)
    try:
        return card_response(doc)
    except Unavailable as err:
        return render_template("error.html", status=503, message=message_of(err),
                               docx_url=url_for(".download", doc_id=doc.id)), 503


@bp.get("/<int:doc_id>/signatures/<int:sig_id>/cms")
def signature_cms(doc_id: int, sig_id: int):
    """Download the CMS of an EDS signature (anyone who may read the document)."""
    return cms_response(workflow.visible_document(doc_id, current_user), sig_id)


def pdf_response(doc) -> Response:
    """The document as PDF where LibreOffice is installed; a clear 404 where it is not, and
    503 ``pdf_unavailable`` when the conversion fails or times out (the .docx still serves)."""
    command = current_app.config.get("PDF_CONVERTER")
    if not pdf.available(command):
        raise NotFound(N_("PDF is not available on this server (LibreOffice is not "
                          "installed); download the .docx original instead."))
    try:
        data = pdf.pdf_bytes(storage(), doc.sha256, command=command,
                             timeout=current_app.config.get("PDF_TIMEOUT", pdf.DEFAULT_TIMEOUT))
    except (pdf.ConversionFailed, OSError) as err:
        current_app.logger.warning("PDF conversion of document %s failed: %s", doc.id, err)
        raise Unavailable("pdf_unavailable", N_("This document could not be converted to PDF; "
                                                "download the .docx original instead.")) from err
    name = doc.filename.rsplit(".", 1)[0] + ".pdf"
    ascii_name = name.encode("ascii", "ignore").decode().replace('"', "") or "document.pdf"
    resp = Response(data, mimetype="application/pdf")
    resp.headers["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(name)}')
    resp.headers["Cache-Control"] = "private, max-age=0"
    return resp


def card_response(doc) -> Response:
    """The document card (:mod:`.card`) where LibreOffice is installed; a clear 404 where it
    is not, and 503 ``pdf_unavailable`` when a conversion fails, as for the PDF."""
    command = current_app.config.get("PDF_CONVERTER")
    if not pdf.available(command):
        raise NotFound(N_("The document card is not available on this server (LibreOffice "
                          "is not installed); download the .docx original and the CMS "
                          "files instead."))
    try:
        data = card_bytes(storage(), doc, locale=shown_locale(), translate=_,
                               command=command,
                               timeout=current_app.config.get("PDF_TIMEOUT",
                                                              pdf.DEFAULT_TIMEOUT))
    except (pdf.ConversionFailed, OSError) as err:
        current_app.logger.warning("document card of document %s failed: %s", doc.id, err)
        raise Unavailable("pdf_unavailable", N_("The card of this document could not be "
                                                "made; download the .docx original "
                                                "instead.")) from err
    return _attachment(Response(data, mimetype="application/pdf"), card_filename(doc),
                       "document.card.pdf")


def _attachment(resp: Response, name: str, fallback: str) -> Response:
    ascii_name = name.encode("ascii", "ignore").decode().replace('"', "") or fallback
    resp.headers["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(name)}')
    resp.headers["Cache-Control"] = "private, max-age=0"
    return resp


def docx_response(doc) -> Response:
    """The stored .docx, named for the reader, with its SHA-256 in ``X-Content-SHA256``."""
    data = storage().get(doc.sha256)
    ascii_name = doc.filename.encode("ascii", "ignore").decode() or "document.docx"
    ascii_name = ascii_name.replace('"', "")
    resp = Response(data, mimetype="application/vnd.openxmlformats-officedocument."
                                    "wordprocessingml.document")
    resp.headers["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(doc.filename)}')
    resp.headers["X-Content-SHA256"] = doc.sha256
    resp.headers["Cache-Control"] = "private, max-age=0"
    return resp


def cms_response(doc, sig_id: int) -> Response:
    """The stored CMS (``.p7s``) of an EDS signature of ``doc``; 404 for a typed one."""
    sig = next((s for s in doc.signatures if s.id == sig_id), None)
    if sig is None or sig.method != "eds" or not sig.cms_sha256:
        raise NotFound(N_("No such EDS signature on this document."))
    data = storage().get(sig.cms_sha256)
    name = cms_filename(doc, sig)
    ascii_name = name.encode("ascii", "ignore").decode().replace('"', "") or "signature.p7s"
    resp = Response(data, mimetype="application/pkcs7-signature")
    resp.headers["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(name)}')
    resp.headers["X-Content-SHA256"] = sig.cms_sha256
    resp.headers["Cache-Control"] = "private, max-age=0"
    return resp
