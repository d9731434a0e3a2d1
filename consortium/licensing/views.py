"""Licence pages: the list, the inquiry form, the terms form and the record page."""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from workflows.license import LICENSE_TYPES

from .. import workflow
from ..benefits.income import income_of
from ..benefits.models import Revenue
from ..disclosures.models import Disclosure
from ..extensions import db
from ..organizations.models import Organization
from ..web.records import record_routes
from . import forms
from .models import OWNED_STATES
from .services import RECORD

bp = Blueprint("licensing", __name__, url_prefix="/licenses")


@bp.before_request
@login_required
def _signed_in():
    pass


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


def _origin(lic) -> dict | None:
    """The catalogue's offer (and the enterprise's request) an inquiry was opened from, with
    the pages they are shown on (read by name, through the registry: the catalogue sits
    above licences)."""
    if not lic.offer_id:
        return None
    out = {}
    for name, rid in (("offer", lic.offer_id), ("request", lic.request_id)):
        rt = workflow.REGISTRY[name]
        record = db.session.get(rt.model, rid) if rid else None
        out[name] = record
        out[f"{name}_endpoint"] = rt.endpoint
    return out


def _show_extra(lic) -> dict:
    revenues = db.session.scalars(select(Revenue).where(Revenue.license_id == lic.id)
                                  .order_by(Revenue.id)).all()
    # before approval refuses it: warn the licensor's staff from the inquiry on, at each term
    # sheet (the licensee is not told about another company's licence)
    conflict = lic.exclusivity_conflict() if lic.state in (
        "inquiry", "nda_pending", "evaluation", "negotiation", "legal_review") \
        and current_user.organization_id == lic.licensor_organization_id else None
    # inventors see what concerns them, the income; the licensee's net sales and minimum
    # royalties are the business of the parties to the licence
    business = current_user.role != "researcher"
    # an inventor sees their own share of each income instead of the licence's gross income
    # (which is the licensee's net sales times the rate)
    mine = income_of(current_user, license_id=lic.id)
    return {"type_labels": dict(LICENSE_TYPES), "conflict": conflict,
            "revenues": revenues if business else [], "my_income": mine,
            "show_my_income": not business or bool(mine),
            "licensee_business": business,
            "royalty_reports": list(lic.royalty_reports) if business else [],
            "royalty_years": lic.royalty_years(dt.date.today()) if business else [],
            "origin": _origin(lic)}


record_routes(bp, RECORD, forms=forms, render_form=_form,
              index_template="licensing/index.html", show_template="licensing/show.html",
              show_extra=_show_extra,
              created=_l("Inquiry recorded. Next: request the non-disclosure agreement."),
              saved=_l("Terms saved."))
