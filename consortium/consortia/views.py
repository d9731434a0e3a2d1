"""Consortium pages: the list, the form with its members table, and the record page."""
from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from workflows import CONSORTIUM
from workflows.consortium import CONTRIBUTION_TYPES, IP_REGIMES, MEMBER_ROLES, VOTING_RULES

from ..api.support import page_number
from ..auth.models import Role
from ..db import unit_of_work
from ..errors import Invalid
from ..extensions import db
from ..organizations.models import Organization
from ..web.records import editable_record, fire_from_form, record_page
from . import forms
from .services import RECORD, search

bp = Blueprint("consortia", __name__, url_prefix="/consortia")


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.get("/")
def index():
    page = page_number()
    state = request.args.get("state") or None
    if state not in CONSORTIUM.states:
        state = None
    q = request.args.get("q") or ""
    items, total = search(current_user, state=state, q=q or None, page=page, per_page=25)
    return render_template("consortia/index.html", items=items, total=total, page=page,
                           per_page=25, state=state, q=q)


def _form_context(values, errors=None, consortium=None):
    orgs = db.session.execute(select(Organization.id, Organization.name, Organization.kind)
                              .order_by(Organization.name)).all()
    return {"values": values, "errors": errors or {}, "consortium": consortium,
            "organizations": orgs, "ip_regimes": IP_REGIMES, "voting_rules": VOTING_RULES,
            "member_roles": MEMBER_ROLES, "contribution_types": CONTRIBUTION_TYPES}


@bp.route("/new", methods=["GET", "POST"])
def new():
    if current_user.role != Role.legal:
        abort(403)
    if request.method == "POST":
        try:
            with unit_of_work():
                c = RECORD.create(current_user, forms.payload_from_form(
                    request.form, current_user.organization_id))
        except Invalid as err:
            flash(_("Please correct the marked fields."), "error")
            return render_template("consortia/form.html", **_form_context(
                forms.values_from_post(request.form), err.fields)), 422
        flash(_("Draft saved. When members, contributions and shares are complete, propose it "
                "to the members."), "success")
        return redirect(url_for("consortia.show", record_id=c.id))
    return render_template("consortia/form.html", **_form_context(
        forms.form_values(None, current_user.organization_id)))


@bp.route("/<int:record_id>/edit", methods=["GET", "POST"])
def edit(record_id: int):
    c = editable_record(RECORD, record_id)
    if request.method == "POST":
        try:
            with unit_of_work():
                c = editable_record(RECORD, record_id, for_update=True)
                RECORD.update(c, current_user, forms.payload_from_form(
                    request.form, c.lead_organization_id))
        except Invalid as err:
            flash(_("Please correct the marked fields."), "error")
            return render_template("consortia/form.html", **_form_context(
                forms.values_from_post(request.form), err.fields, c)), 422
        flash(_("Changes saved."), "success")
        return redirect(url_for("consortia.show", record_id=c.id))
    return render_template("consortia/form.html", **_form_context(
        forms.form_values(c, c.lead_organization_id), consortium=c))


@bp.get("/<int:record_id>")
def show(record_id: int):
    return record_page(RECORD, record_id, "consortia/show.html", extra=_show_extra)


def _show_extra(c) -> dict:
    others = db.session.execute(
        select(Organization.id, Organization.name).where(
            Organization.id.not_in([m.organization_id for m in c.active_members]))
        .order_by(Organization.name)).all()
    return {
        "ip_label": dict(IP_REGIMES).get(c.ip_regime, ""),
        "voting_label": dict(VOTING_RULES).get(c.voting_rule, ""),
        "role_labels": dict(MEMBER_ROLES), "contribution_labels": dict(CONTRIBUTION_TYPES),
        "share_total": sum((m.share_percent for m in c.active_members), Decimal(0)),
        "problems": c.membership_problems() if c.state in CONSORTIUM.editable_states else [],
        "choices": {
            "admit_member.organization_id": [(str(i), n) for i, n in others],
            "withdraw_member.organization_id": [
                (str(m.organization_id), m.organization.name) for m in c.active_members
                if m.role != "lead"],
        },
    }


@bp.post("/<int:record_id>/actions/<trigger>")
def act(record_id: int, trigger: str):
    return fire_from_form(RECORD, record_id, trigger)
