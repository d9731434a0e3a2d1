"""Licence pages: the list, the inquiry form, the terms form and the record page."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from workflows.license import LICENSE_TYPES

from ..benefits.models import Revenue
from ..disclosures.models import Disclosure
from ..extensions import db
from ..organizations.models import Organization
from ..web.records import (
    creatable,
    editable_record,
    fire_from_form,
    list_page,
    record_page,
    save_edit,
    save_new,
)
from . import forms
from .models import OWNED_STATES
from .services import RECORD

bp = Blueprint("licensing", __name__, url_prefix="/licenses")


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.get("/")
def index():
    return list_page(RECORD, "licensing/index.html")


@bp.get("/new")
def new():
    creatable(RECORD)
    return _form(forms.values(None, current_user, request.args))


@bp.post("/new")
def create():
    return save_new(RECORD, forms.payload, forms.echo, _form,
                    _("Inquiry recorded. Next: request the non-disclosure agreement."))


@bp.get("/<int:record_id>")
def show(record_id: int):
    return record_page(RECORD, record_id, "licensing/show.html", extra=_show_extra)


@bp.get("/<int:record_id>/edit")
def edit(record_id: int):
    lic = editable_record(RECORD, record_id)
    return _form(forms.values(lic, current_user), licence=lic)


@bp.post("/<int:record_id>/edit")
def update(record_id: int):
    return save_edit(RECORD, record_id, forms.payload, forms.echo, _form, _("Terms saved."))


@bp.post("/<int:record_id>/actions/<trigger>")
def fire(record_id: int, trigger: str):
    return fire_from_form(RECORD, record_id, trigger)


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


def _show_extra(lic) -> dict:
    revenues = db.session.scalars(select(Revenue).where(Revenue.license_id == lic.id)
                                  .order_by(Revenue.id)).all()
    return {"type_labels": dict(LICENSE_TYPES), "revenues": revenues,
            "royalty_reports": list(lic.royalty_reports),
            "royalty_years": lic.royalty_years(dt.date.today())}
