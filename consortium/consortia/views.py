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


def _assembly(c) -> dict:
    """The General Assembly section: each decision with its tally and what this user may do."""
    from flask_login import current_user

    from . import decisions
    now = decisions.utcnow()
    mine = decisions.acts_for(current_user, c)
    items = []
    for d in decisions.decisions_of(c):
        status = d.effective_status(now)
        eligible = decisions.eligible_org_ids(c, d)
        voted = {v.organization_id: v.choice for v in d.votes}
        items.append({
            "d": d, "status": status, "tally": decisions.tally(c, d),
            "my_vote": voted.get(mine) if mine else None,
            "can_vote": (status == "voting" and now < d.voting_ends_at and mine in eligible
                         and mine not in voted),
            "can_veto": (status == "veto_window" and mine in eligible
                         and not any(x.organization_id == mine for x in d.vetoes)),
            "votes": [(m.organization.name, voted.get(m.organization_id),
                       m.organization_id in eligible) for m in c.active_members],
            "reason": d.outcome_reason.get("message"),
            "reason_params": d.outcome_reason.get("params", {}),
        })
    matters = [(m, label) for m, label in decisions.MATTERS.items()
               if c.state in CONSORTIUM.transition(m).sources]
    return {
        "decisions": items, "matters": matters,
        "can_propose": "lead_legal" in c.relations_of(current_user) and bool(matters),
        "statuses": dict(decisions.STATUSES), "choices": decisions.CHOICES,
        "admit_fields": CONSORTIUM.transition("admit_member").data,
        "voting_days": decisions.VOTING_DAYS, "veto_days": decisions.VETO_DAYS,
    }


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
        "assembly": _assembly(c),
        "other_organizations": [(str(i), n) for i, n in others],
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
