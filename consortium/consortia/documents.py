"""The context every consortium document is rendered with."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from workflows import CONSORTIUM
from workflows.consortium import CONTRIBUTION_TYPES, IP_REGIMES, MEMBER_ROLES, VOTING_RULES

from ..documents.context import (
    long_date,
    money,
    multiline,
    organization,
    percent,
    signature_certificate,
    text,
)
from ..workflow import context_part
from .models import Admitted, Consortium, Member

ROLE_LABELS = dict(MEMBER_ROLES)
CONTRIBUTION_LABELS = dict(CONTRIBUTION_TYPES)
IP_LABELS = dict(IP_REGIMES)
VOTING_LABELS = dict(VOTING_RULES)


def member_context(m: Member) -> dict[str, str]:
    party = organization(m.organization)
    return {
        **party,
        "position": str(m.position),
        "role": m.role,
        "role_label": text(ROLE_LABELS.get(m.role, m.role)),
        "contribution_type": m.contribution_type,
        "contribution_type_label": text(CONTRIBUTION_LABELS.get(m.contribution_type, "")),
        "contribution_value": money(m.contribution_value),
        "currency": text(m.currency),
        "contribution_description": text(m.contribution_description),
        "share": percent(m.share_percent),
        "status": m.status,
        "joined_at": long_date(m.joined_at),
        "withdrawn_at": long_date(m.withdrawn_at),
    }


def consortium_context(c: Consortium, admission: Admitted | None = None) -> dict[str, Any]:
    """Everything a consortium template may print, as plain strings and lists; ``admission``
    names the member the transition admitted, if it admitted one."""
    members = [member_context(m) for m in c.active_members]
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for m in c.active_members:
        totals[m.currency] += m.contribution_value
    lead = next((x for x in members if x["role"] == "lead"), organization(c.lead))
    admitted = next((member_context(m) for m in c.members
                     if admission is not None and m.organization_id == admission.organization_id),
                    None)
    withdrawn = sorted((m for m in c.members if m.status == "withdrawn"),
                       key=lambda m: m.withdrawn_at)
    return {
        "consortium": {
            "reg_number": text(c.reg_number),
            "name": text(c.name),
            "purpose": multiline(c.purpose),
            "work_plan": multiline(c.work_plan),
            "start_date": long_date(c.start_date),
            "end_date": long_date(c.end_date),
            "ip_regime": c.ip_regime,
            "ip_regime_label": text(IP_LABELS.get(c.ip_regime, "")),
            "voting_rule": c.voting_rule,
            "voting_rule_label": text(VOTING_LABELS.get(c.voting_rule, "")),
            "quorum_percent": str(c.quorum_percent),
            "agreement_version": str(c.agreement_version or 0),
            "state": text(CONSORTIUM.state_label(c.state)),
            "proposed_at": long_date(c.proposed_at),
            "lead": lead,
        },
        "members": members,
        "contribution_totals": [{"currency": cur, "total": money(total)}
                                for cur, total in sorted(totals.items())],
        "admitted": admitted or {},
        "withdrawing": member_context(withdrawn[-1]) if withdrawn else {},
        "results": context_part("consortium", "results", c, []),
        "agreement_signatures": signature_certificate("consortium", c.id,
                                                      "consortium_agreement"),
        "org": organization(c.lead),
    }
