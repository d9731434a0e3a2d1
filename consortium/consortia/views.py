"""Consortium pages: the list, the form with its members table, and the record page."""
from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from workflows import CONSORTIUM
from workflows.consortium import CONTRIBUTION_TYPES, IP_REGIMES, MEMBER_ROLES, VOTING_RULES

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
from .services import RECORD

bp = Blueprint("consortia", __name__, url_prefix="/consortia")


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.get("/")
def index():
    return list_page(RECORD, "consortia/index.html")


@bp.get("/new")
def new():
    creatable(RECORD)
    return _form(forms.values(None, current_user, request.args))


@bp.post("/new")
def create():
    return save_new(RECORD, forms.payload, forms.echo, _form,
                    _("Draft saved. When members, contributions and shares are complete, "
                      "propose it to the members."))


@bp.get("/<int:record_id>")
def show(record_id: int):
    return record_page(RECORD, record_id, "consortia/show.html", extra=_show_extra)


@bp.get("/<int:record_id>/edit")
def edit(record_id: int):
    c = editable_record(RECORD, record_id)
    return _form(forms.values(c, current_user), consortium=c)


@bp.post("/<int:record_id>/edit")
def update(record_id: int):
    return save_edit(RECORD, record_id, forms.payload, forms.echo, _form, _("Changes saved."))


@bp.post("/<int:record_id>/actions/<trigger>")
def fire(record_id: int, trigger: str):
    return fire_from_form(RECORD, record_id, trigger)


def _form(values, errors=None, consortium=None, status=200):
    orgs = db.session.execute(select(Organization.id, Organization.name, Organization.kind)
                              .order_by(Organization.name)).all()
    return render_template("consortia/form.html", values=values, errors=errors or {},
                           consortium=consortium, organizations=orgs, ip_regimes=IP_REGIMES,
                           voting_rules=VOTING_RULES, member_roles=MEMBER_ROLES,
                           contribution_types=CONTRIBUTION_TYPES), status


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
