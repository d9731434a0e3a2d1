"""Benefit-plan pages: the list, the plan form, and the record page with its distributions."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..auth.models import Role, User
from ..consortia.models import Consortium
from ..db import unit_of_work
from ..disclosures.models import Disclosure
from ..errors import Invalid
from ..extensions import db
from ..organizations.models import Organization
from ..validation import form_int, whole_or_raw
from ..web.records import editable_record, fire_from_form, list_page, record_page, save_edit
from .documents import KIND_LABELS
from .services import RECORD, held_income, revenues_of

bp = Blueprint("benefits", __name__, url_prefix="/benefit-plans")
ROWS = 6
TIER_ROWS = 3


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.get("/")
def index():
    return list_page(RECORD, "benefits/index.html")


def _payload(form, with_subject: bool) -> dict:
    payload: dict = {"currency": form.get("currency", "").strip() or None,
                     "cost_recovery": form.get("cost_recovery") == "yes",
                     "admin_fee_percent": form.get("admin_fee_percent", "").strip() or "0"}
    tiers = []
    for n in range(TIER_ROWS):
        up_to = form.get(f"tiers-{n}-up_to", "").strip()
        pct = form.get(f"tiers-{n}-percent", "").strip()
        if pct:
            tiers.append({"up_to": up_to or None, "percent": pct})
    payload["inventor_tiers"] = tiers
    beneficiaries = []
    n = 0
    while f"b-{n}-kind" in form:
        row = {k: form.get(f"b-{n}-{k}", "").strip()
               for k in ("kind", "email", "organization_id", "label", "share_percent")}
        n += 1
        if not (row["email"] or row["organization_id"] or row["label"]):
            continue
        item: dict = {"kind": row["kind"], "label": row["label"],
                      "share_percent": row["share_percent"] or "0"}
        if row["email"]:
            uid = db.session.scalar(select(User.id).where(User.email == row["email"].lower()))
            item["user_id"] = uid if uid else -1
        if whole_or_raw(row["organization_id"]) is not None:
            item["organization_id"] = whole_or_raw(row["organization_id"])
        beneficiaries.append(item)
    payload["beneficiaries"] = beneficiaries
    if with_subject:
        subject = form.get("subject", "")
        kind, _sep, ident = subject.partition(":")
        if kind == "d" and ident:
            payload["disclosure_id"] = whole_or_raw(ident)
        elif kind == "c" and ident:
            payload["consortium_id"] = whole_or_raw(ident)
    if form_int(form, "version") is not None:
        payload["version"] = form_int(form, "version")
    return payload


def _values_from_plan(plan) -> dict:
    from ..auth.models import User as U
    values = {"currency": plan.currency, "cost_recovery": "yes" if plan.cost_recovery else "",
              "admin_fee_percent": f"{plan.admin_fee_percent.normalize():f}",
              "version": str(plan.version)}
    for n, t in enumerate(plan.inventor_tiers or []):
        values[f"tiers-{n}-up_to"] = t.get("up_to") or ""
        values[f"tiers-{n}-percent"] = t["percent"]
    for n, b in enumerate(plan.beneficiaries):
        user = db.session.get(U, b.user_id) if b.user_id else None
        values.update({f"b-{n}-kind": b.kind, f"b-{n}-email": user.email if user else "",
                       f"b-{n}-organization_id": str(b.organization_id or ""),
                       f"b-{n}-label": b.label,
                       f"b-{n}-share_percent": f"{b.share_percent.normalize():f}"})
    return values


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
                           kinds=KIND_LABELS, rows=ROWS, tier_rows=TIER_ROWS), status


@bp.route("/new", methods=["GET", "POST"])
def new():
    if current_user.role != Role.legal:
        abort(403)
    if request.method == "POST":
        try:
            with unit_of_work():
                plan = RECORD.create(current_user, _payload(request.form, True))
        except Invalid as err:
            flash(_("Please correct the marked fields."), "error")
            return _form(request.form.to_dict(), err.fields, status=422)
        flash(_("Draft plan saved. When the beneficiaries and shares are right, send it to "
                "them for acknowledgment."), "success")
        return redirect(url_for("benefits.show", record_id=plan.id))
    values = {"currency": "KZT", "admin_fee_percent": "15", "cost_recovery": "yes",
              "subject": request.args.get("subject", "")}
    return _form(values)


@bp.route("/<int:record_id>/edit", methods=["GET", "POST"])
def edit(record_id: int):
    if request.method == "POST":
        return save_edit(RECORD, record_id, lambda form: _payload(form, False), _form,
                         _("Plan saved."))
    plan = editable_record(RECORD, record_id)
    return _form(_values_from_plan(plan), plan=plan)


@bp.get("/<int:record_id>")
def show(record_id: int):
    return record_page(RECORD, record_id, "benefits/show.html", extra=_extra)


def _extra(plan) -> dict:
    from .money import describe_policy
    from .services import policy_of
    versions = db.session.scalars(select(type(plan)).where(
        (type(plan).disclosure_id == plan.disclosure_id) if plan.disclosure_id else
        (type(plan).consortium_id == plan.consortium_id)).order_by(type(plan).id)).all()
    from decimal import Decimal
    revenues = revenues_of(plan)
    totals: dict[str, Decimal] = {}
    for r in revenues:
        for line in (r.distribution or {}).get("lines", []):
            totals[line["label"]] = totals.get(line["label"], Decimal(0)) + Decimal(
                line["amount"])
    return {"policy_text": describe_policy(policy_of(plan), plan.currency),
            "revenues": revenues, "totals": totals,
            "held": held_income(plan.disclosure_id, plan.consortium_id),
            "versions": versions, "kind_labels": KIND_LABELS}


@bp.post("/<int:record_id>/actions/<trigger>")
def act(record_id: int, trigger: str):
    return fire_from_form(RECORD, record_id, trigger)
