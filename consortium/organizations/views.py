"""The organisation page of its legal staff: the details its documents print as a party."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import _
from flask_login import current_user, login_required

from ..auth.models import Role
from ..db import unit_of_work
from ..errors import Invalid
from ..extensions import db
from .details import DETAILS, formatted_iban
from .services import get_organization, update_organization

bp = Blueprint("organizations", __name__)

#: what the form edits: the legal address and the details of ``details.DETAILS``
FIELDS = ("legal_form", "address", "bank_name", "iban", "bik", "kbe", "signatory_basis")


def _own_organization():
    if current_user.role != Role.legal or current_user.organization_id is None:
        abort(403)  # the organisation's legal staff only (administrators: /admin)
    return get_organization(current_user.organization_id)


@bp.route("/organization", methods=["GET", "POST"])
@login_required
def details():
    org = _own_organization()
    errors: dict[str, str] = {}
    form = {key: getattr(org, key) or "" for key in FIELDS}
    form["iban"] = formatted_iban(org.iban)
    languages = org.languages
    if request.method == "POST":
        changes = {key: request.form.get(key, "").strip() or None for key in FIELDS}
        form = {key: changes[key] or "" for key in FIELDS}
        if "language_1" in request.form:
            languages = [code for code in (request.form.get("language_1", "").strip(),
                                           request.form.get("language_2", "").strip())
                         if code]
            changes["document_languages"] = languages
        try:
            with unit_of_work():
                update_organization(org, current_user._get_current_object(), changes)
        except Invalid as err:
            db.session.rollback()
            errors = {k: str(v) for k, v in (err.fields or {}).items()}
        else:
            flash(_("The organisation's details are saved; documents issued from now on "
                    "print them."), "info")
            return redirect(url_for("organizations.details"))
    return render_template("organizations/details.html", org=org, form=form, errors=errors,
                           lengths={**DETAILS, "address": 500}, chosen_languages=languages,
                           language_names=language_names()), 422 if errors else 200


def language_names() -> list[tuple[str, str]]:
    """The document languages with their names, as the language choice offers them."""
    return [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
