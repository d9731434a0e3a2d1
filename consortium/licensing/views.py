"""Licence pages: the list, the inquiry form, the terms form and the record page."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from workflows import LICENSE
from workflows.license import LICENSE_TYPES

from ..auth.models import Role
from ..db import unit_of_work
from ..disclosures.models import Disclosure
from ..errors import Invalid
from ..extensions import db
from ..organizations.models import Organization
from ..validation import form_int, whole_or_raw
from ..web.records import editable_record, fire_from_form, list_page, record_page, save_edit
from .models import OWNED_STATES
from .services import RECORD

bp = Blueprint("licensing", __name__, url_prefix="/licenses")

FIELDS = ("license_type", "field_of_use", "territory", "term_months", "upfront_fee",
          "royalty_rate_percent", "minimum_annual_royalty", "currency", "notes")


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.get("/")
def index():
    return list_page(RECORD, "licensing/index.html")


def _payload(form, with_subject: bool) -> dict:
    payload: dict = {}
    for name in FIELDS:
        value = form.get(name, "").strip()
        if name == "territory":
            payload[name] = [c.strip() for c in value.replace(";", ",").split(",")
                             if c.strip()] or None
        elif name == "term_months":
            payload[name] = whole_or_raw(value)
        else:
            payload[name] = value or None
    payload["sublicensing_allowed"] = form.get("sublicensing_allowed") == "yes"
    if with_subject:
        for name in ("disclosure_id", "licensee_organization_id"):
            value = form.get(name, "")
            payload[name] = whole_or_raw(value)
    if form_int(form, "version") is not None:
        payload["version"] = form_int(form, "version")
    return payload


def _form(values, errors=None, licence=None, status=200):
    assets = db.session.execute(select(Disclosure.id, Disclosure.reg_number, Disclosure.title)
                                .where(Disclosure.organization_id == current_user.organization_id,
                                       Disclosure.state.in_(OWNED_STATES))
                                .order_by(Disclosure.id.desc())).all()
    orgs = db.session.execute(select(Organization.id, Organization.name).where(
        Organization.id != current_user.organization_id).order_by(Organization.name)).all()
    return render_template("licensing/form.html", values=values, errors=errors or {},
                           licence=licence, assets=assets, organizations=orgs,
                           types=LICENSE_TYPES), status


@bp.route("/new", methods=["GET", "POST"])
def new():
    if current_user.role != Role.legal:
        abort(403)
    if request.method == "POST":
        try:
            with unit_of_work():
                lic = RECORD.create(current_user, _payload(request.form, True))
        except Invalid as err:
            flash(_("Please correct the marked fields."), "error")
            return _form(request.form.to_dict(), err.fields, status=422)
        flash(_("Inquiry recorded. Next: request the non-disclosure agreement."), "success")
        return redirect(url_for("licensing.show", record_id=lic.id))
    return _form({"currency": "KZT", "territory": "KZ", "license_type": "non_exclusive",
                  "disclosure_id": request.args.get("disclosure_id", "")})


@bp.route("/<int:record_id>/edit", methods=["GET", "POST"])
def edit(record_id: int):
    if request.method == "POST":
        return save_edit(RECORD, record_id, lambda form: _payload(form, False), _form,
                         _("Terms saved."))
    lic = editable_record(RECORD, record_id)
    values = {name: getattr(lic, name) for name in FIELDS}
    values["territory"] = ", ".join(lic.territory or [])
    values = {k: "" if v is None else str(v) for k, v in values.items()}
    values.update(version=str(lic.version),
                  sublicensing_allowed="yes" if lic.sublicensing_allowed else "")
    return _form(values, licence=lic)


@bp.get("/<int:record_id>")
def show(record_id: int):
    return record_page(RECORD, record_id, "licensing/show.html", extra=_extra)


def _extra(lic) -> dict:
    from ..benefits.models import Revenue
    revenues = db.session.scalars(select(Revenue).where(Revenue.license_id == lic.id)
                                  .order_by(Revenue.id)).all()
    return {"type_labels": dict(LICENSE_TYPES), "revenues": revenues,
            "editable": lic.state in LICENSE.editable_states,
            "royalty_reports": list(lic.royalty_reports),
            "royalty_years": lic.royalty_years(dt.date.today())}


@bp.post("/<int:record_id>/actions/<trigger>")
def act(record_id: int, trigger: str):
    return fire_from_form(RECORD, record_id, trigger)
