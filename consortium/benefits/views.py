"""Benefit-plan pages: the list, the plan form, and the record page with its distributions."""
from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from ..consortia.models import Consortium
from ..disclosures.models import Disclosure
from ..extensions import db
from ..money import describe_policy
from ..organizations.models import Organization
from ..web.records import record_routes
from . import forms
from .documents import KIND_LABELS
from .income import income_of
from .services import RECORD, held_income, policy_of, revenues_of

bp = Blueprint("benefits", __name__, url_prefix="/benefit-plans")


@bp.before_request
@login_required
def _signed_in():
    pass


def _form(values, errors=None, plan=None, status=200):
    disclosures = db.session.execute(select(Disclosure.id, Disclosure.reg_number,
                                            Disclosure.title)
                                     .where(Disclosure.organization_id ==
                                            current_user.organization_id,
                                            Disclosure.reg_number.is_not(None))
                                     .order_by(Disclosure.id.desc())).all()
    consortia = db.session.execute(select(Consortium.id, Consortium.reg_number,
                                          Consortium.name)
                                   .where(Consortium.lead_organization_id ==
                                          current_user.organization_id,
                                          Consortium.reg_number.is_not(None))
                                   .order_by(Consortium.id.desc())).all()
    orgs = db.session.execute(select(Organization.id, Organization.name)
                              .order_by(Organization.name)).all()
    return render_template("benefits/form.html", values=values, errors=errors or {}, plan=plan,
                           disclosures=disclosures, consortia=consortia, organizations=orgs,
                           kinds=KIND_LABELS, rows=forms.ROWS,
                           tier_rows=forms.TIER_ROWS), status


def _show_extra(plan) -> dict:
    versions = db.session.scalars(select(type(plan)).where(
        (type(plan).disclosure_id == plan.disclosure_id) if plan.disclosure_id else
        (type(plan).consortium_id == plan.consortium_id)).order_by(type(plan).id)).all()
    revenues = revenues_of(plan)
    totals: dict[str, Decimal] = {}
    for r in revenues:
        for line in (r.distribution or {}).get("lines", []):
            totals[line["label"]] = totals.get(line["label"], Decimal(0)) + Decimal(
                line["amount"])
    # each payee's effective share of the gross income, not only of the pool it came from
    effective: dict[int, list[Decimal]] = {}
    for r in revenues:
        gross = Decimal(str(r.amount))
        effective[r.id] = [
            (Decimal(line["amount"]) * 100 / gross).quantize(Decimal("0.01")) if gross else
            Decimal(0) for line in (r.distribution or {}).get("lines", [])]
    return {"policy_text": describe_policy(policy_of(plan), plan.currency),
            "revenues": revenues, "totals": totals, "effective": effective,
            "held": held_income(plan.disclosure_id, plan.consortium_id),
            "versions": versions, "kind_labels": KIND_LABELS,
            # a person beneficiary's own line of each income of the plan's subject
            "my_income": income_of(current_user, plan=plan)
            if any(b.user_id == current_user.id for b in plan.beneficiaries) else None}


record_routes(bp, RECORD, forms=forms, render_form=_form,
              index_template="benefits/index.html", show_template="benefits/show.html",
              show_extra=_show_extra,
              created=_l("Draft plan saved. When the beneficiaries and shares are right, send it "
                     "to them for acknowledgment."),
              saved=_l("Plan saved."))
