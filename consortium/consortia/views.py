"""Consortium pages: the list, the form with its members table, and the record page."""
from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy import select

from workflows import CONSORTIUM
from workflows.consortium import CONTRIBUTION_TYPES, IP_REGIMES, MEMBER_ROLES, VOTING_RULES

from ..extensions import db
from ..organizations.models import Organization
from ..web.records import record_routes
from . import forms
from .services import RECORD

bp = Blueprint("consortia", __name__, url_prefix="/consortia")


@bp.before_request
@login_required
def _signed_in():
    pass


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


record_routes(bp, RECORD, forms=forms, render_form=_form,
              index_template="consortia/index.html", show_template="consortia/show.html",
              show_extra=_show_extra,
              created=_l("Draft saved. When members, contributions and shares are complete, "
                     "propose it to the members."),
              saved=_l("Changes saved."))
