"""The templates API (API.md "Templates"): thin wrappers over :mod:`.services`."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from workflows.errors import N_

from ..api.support import current_api_user
from ..db import unit_of_work
from ..errors import Invalid
from ..extensions import csrf
from . import services

bp = Blueprint("templates_api", __name__, url_prefix="/api/v1/templates")
csrf.exempt(bp)


def _upload_file() -> tuple[str, bytes]:
    f = request.files.get("file")
    if f is None or not f.filename:
        raise Invalid({"file": N_("attach the .docx as the multipart field 'file'")})
    return f.filename, f.read()


def _version_dict(v, checks: list | None = None) -> dict:
    out = v.to_dict()
    out["checks"] = checks if checks is not None else out["checks"]
    return out


@bp.get("")
def index():
    user = current_api_user()
    return jsonify({"items": services.catalogue(user)})


@bp.post("/<name>/versions")
def upload(name: str):
    user = current_api_user()
    filename, data = _upload_file()
    with unit_of_work():
        v = services.upload(user, name, filename, data,
                            request.form.get("language") or request.args.get("language"))
    return jsonify(_version_dict(v)), 201


@bp.get("/<name>/history")
def history(name: str):
    """The audit events of the organisation's versions of ``name`` (upload, activation,
    retirement: who, when, which version and its SHA-256), newest first."""
    return jsonify({"template": name, "items": services.history(current_api_user(), name)})


@bp.get("/<name>/versions/<int:version_id>")
def show(name: str, version_id: int):
    v = services.get_version(current_api_user(), name, version_id)
    return jsonify(_version_dict(v))


@bp.get("/<name>/versions/<int:version_id>/preview")
def preview(name: str, version_id: int):
    """The version rendered with the full sample data: ``{"text": [...]}``, or the PDF with
    ``?format=pdf`` (where LibreOffice is installed), or the .docx with ``?format=docx``."""
    v = services.get_version(current_api_user(), name, version_id)
    data = services.version_bytes(v)
    language = v.language or "en"
    fmt = request.args.get("format")
    if fmt == "pdf":
        return Response(services.preview_pdf(data, name, language),
                        mimetype="application/pdf")
    if fmt == "docx":
        return Response(services.preview_docx(data, name, language), mimetype=DOCX)
    return jsonify({"template": name, "version": v.version, "language": language,
                    "text": services.preview_text(data, name, language)})


@bp.get("/<name>/versions/<int:version_id>/diff")
def diff(name: str, version_id: int):
    """The unified text difference of the version's preview from the version in use."""
    v = services.get_version(current_api_user(), name, version_id)
    return jsonify({"template": name, "version": v.version, "language": v.language or "en",
                    "diff": services.diff(v)})


@bp.get("/<name>/versions/<int:version_id>/file")
def download(name: str, version_id: int):
    v = services.get_version(current_api_user(), name, version_id)
    resp = Response(services.version_bytes(v), mimetype=DOCX)
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}-{v.version}.docx"'
    return resp


@bp.post("/<name>/versions/<int:version_id>/activate")
def activate(name: str, version_id: int):
    user = current_api_user()
    with unit_of_work():
        v = services.activate(user, services.get_version(user, name, version_id))
    return jsonify(_version_dict(v))


@bp.post("/<name>/versions/<int:version_id>/retire")
def retire(name: str, version_id: int):
    user = current_api_user()
    with unit_of_work():
        v = services.retire(user, services.get_version(user, name, version_id))
    return jsonify(_version_dict(v))


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
