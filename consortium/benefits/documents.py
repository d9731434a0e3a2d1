"""The context every benefit-plan document is rendered with."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from workflows import BENEFIT_PLAN
from workflows.errors import N_

from .. import money
from ..consortia.models import Consortium
from ..disclosures.models import Disclosure
from ..documents.context import long_date, organization, percent, text
from ..extensions import db
from .models import BenefitPlan, Receipt, policy_of

KIND_LABELS = {"inventor": N_("Inventor"), "department": N_("Department"),
               "institution": N_("Institution"), "consortium_member": N_("Consortium member")}


def _amount(value, currency: str) -> str:
    if value is None:
        return ""
    return money.format_money(Decimal(value), currency)


def plan_context(plan: BenefitPlan, receipt: Receipt | None = None) -> dict[str, Any]:
    """Everything a benefit-plan template may print, as plain strings and lists; a
    distribution statement prints the income ``receipt`` that its transition distributed."""
    subject: dict[str, str] = {"kind": "", "number": "", "title": ""}
    if plan.disclosure_id:
        d = db.session.get(Disclosure, plan.disclosure_id)
        subject = {"kind": "invention", "number": text(d.display_number),
                   "title": text(d.title)}
    elif plan.consortium_id:
        c = db.session.get(Consortium, plan.consortium_id)
        subject = {"kind": "consortium", "number": text(c.display_number),
                   "title": text(c.name)}
    policy = policy_of(plan)
    dist: money.Distribution | None = receipt.distribution if receipt else None
    cur = plan.currency
    return {
        "plan": {
            "number": text(plan.reg_number or f"BSP-DRAFT-{plan.id}"),
            "plan_version": str(plan.plan_version),
            "currency": text(cur),
            "cost_recovery": "yes" if plan.cost_recovery else "",
            "admin_fee_percent": percent(plan.admin_fee_percent),
            "tiers": [{"up_to": _amount(t.get("up_to"), cur) if t.get("up_to") else "",
                       "percent": percent(Decimal(t["percent"]))}
                      for t in (plan.inventor_tiers or [])],
            "policy_text": text(money.describe_policy(policy, cur)),
            "state": text(BENEFIT_PLAN.state_label(plan.state)),
            "approved_at": long_date(plan.approved_at),
            "previous_number": text(_previous_number(plan)),
        },
        "subject": subject,
        "beneficiaries": [{"position": str(b.position), "kind": b.kind,
                           "kind_label": KIND_LABELS[b.kind], "label": text(b.label),
                           "organization": text(b.organization.name if b.organization else ""),
                           "share": percent(b.share_percent)} for b in plan.beneficiaries],
        "revenue": {
            "source": text(receipt.source if receipt else None),
            "date": long_date(receipt.at if receipt else None),
            "gross": _amount(dist.gross, cur) if dist else "",
            "admin_fee": _amount(dist.admin_fee, cur) if dist else "",
            "recovered_costs": _amount(dist.recovered_costs, cur) if dist else "",
            "unrecovered_costs": _amount(dist.unrecovered_costs, cur) if dist else "",
            "distributable": _amount(dist.distributable, cur) if dist else "",
            "inventor_pool": _amount(dist.inventor_pool, cur)
            if dist and dist.inventor_pool is not None else "",
            "cumulative_before": _amount(dist.cumulative_before, cur) if dist else "",
            "cumulative_after": _amount(dist.cumulative_after, cur) if dist else "",
        },
        "steps": [{"step": text(name), "amount": _amount(amount, cur)}
                  for name, amount in (dist.steps if dist else [])],
        "payments": [{"label": text(line.label), "kind_label": KIND_LABELS[line.kind],
                      "share": percent(line.share_percent), "amount": _amount(line.amount, cur)}
                     for line in (dist.lines if dist else [])],
        "org": organization(plan.organization),
    }


def _previous_number(plan: BenefitPlan) -> str:
    if not plan.previous_id:
        return ""
    prev = db.session.get(BenefitPlan, plan.previous_id)
    return prev.display_number if prev else ""
