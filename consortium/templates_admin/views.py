"""The contract template pages of legal staff: list, one template, one version."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workflows.errors import N_

from ..db import unit_of_work
from ..documents import rendering
from ..errors import Invalid, translated
from . import services
from .api import DOCX

bp = Blueprint("templates_admin", __name__, url_prefix="/templates")


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.get("")
def index():
    return render_template("templates_admin/index.html",
                           items=services.catalogue(current_user))


def _template_page(name: str, problems=None, status: int = 200):
    items = {i["name"]: i for i in services.catalogue(current_user)}
    if name not in items:
        services.get_version(current_user, name, None)  # the 404 of an unknown name
    return render_template("templates_admin/template.html", item=items[name],
                           problems=problems or [], history=services.history(current_user, name),
                           steps=services.STEPS, info=rendering.template_info(name)), status


@bp.get("/<name>")
def template(name: str):
    return _template_page(name)


@bp.post("/<name>/versions")
def upload(name: str):
    f = request.files.get("file")
    try:
        if f is None or not f.filename:
            raise Invalid({"file": N_("choose the .docx to upload")})
        data = f.read()
        with unit_of_work():
            v = services.upload(current_user, name, f.filename, data,
                                request.form.get("language"))
    except services.TemplateRefused as err:
        flash(_("The template was not uploaded: it breaks the rules listed below."), "error")
        return _template_page(name, err.problems, 422)
    except Invalid as err:
        flash(_("The template was not uploaded: %(why)s.",
                why="; ".join(translated(str(x)) for x in err.fields.values())), "error")
        return _template_page(name, [], 422)
    flash(_("Version %(version)s passed every check. A second legal user of your "
            "organisation must activate it.", version=v.version), "success")
    return redirect(url_for(".version", name=name, version_id=v.id))


@bp.get("/<name>/versions/<int:version_id>")
def version(name: str, version_id: int):
    v = services.get_version(current_user, name, version_id)
    data = services.version_bytes(v)
    return render_template("templates_admin/version.html", v=v,
                           info=rendering.template_info(name),
                           preview=services.preview_text(data, name, v.language or "en"),
                           diff=services.diff(v))


@bp.get("/<name>/versions/<int:version_id>/preview.<fmt>")
def preview_file(name: str, version_id: int, fmt: str):
    v = services.get_version(current_user, name, version_id)
    data = services.version_bytes(v)
    language = v.language or "en"
    if fmt == "pdf":
        return Response(services.preview_pdf(data, name, language),
                        mimetype="application/pdf")
    if fmt == "docx":
        resp = Response(services.preview_docx(data, name, language), mimetype=DOCX)
        resp.headers["Content-Disposition"] = f'attachment; filename="{name}-preview.docx"'
        return resp
    return services.get_version(current_user, name, None)


@bp.get("/<name>/versions/<int:version_id>/file")
def download(name: str, version_id: int):
    v = services.get_version(current_user, name, version_id)
    resp = Response(services.version_bytes(v), mimetype=DOCX)
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}-{v.version}.docx"'
    return resp


@bp.post("/<name>/versions/<int:version_id>/activate")
def activate(name: str, version_id: int):
    with unit_of_work():
        v = services.activate(current_user,
                              services.get_version(current_user, name, version_id))
    flash(_("Version %(version)s is now used for your organisation's new documents.",
            version=v.version), "success")
    return redirect(url_for(".version", name=name, version_id=v.id))


@bp.post("/<name>/versions/<int:version_id>/retire")
def retire(name: str, version_id: int):
    with unit_of_work():
        v = services.retire(current_user, services.get_version(current_user, name, version_id))
    flash(_("Version %(version)s is retired.", version=v.version), "success")
    return redirect(url_for(".template", name=name))
