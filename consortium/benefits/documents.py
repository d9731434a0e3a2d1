"""The context every benefit-plan document is rendered with."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from workflows import BENEFIT_PLAN
from workflows.errors import N_

from .. import money
from ..auth.models import signatory_id
from ..consortia.models import Consortium
from ..disclosures.models import Disclosure
from ..documents.context import long_date, organization, percent, person, text, user_by_id
from ..documents.language import Label
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
    iins = beneficiary_iins(plan)
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
            "state": Label(text(BENEFIT_PLAN.state_label(plan.state))),
            "approved_at": long_date(plan.approved_at),
            "previous_number": text(_previous_number(plan)),
        },
        "subject": subject,
        "beneficiaries": [{"position": str(b.position), "kind": b.kind,
                           "kind_label": Label(KIND_LABELS[b.kind]), "label": text(b.label),
                           "iin": text(iins.get(b.position)),
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
        "payments": [{"label": text(line.label), "kind_label": Label(KIND_LABELS[line.kind]),
                      "iin": text(iins.get(line.key)),
                      "share": percent(line.share_percent), "amount": _amount(line.amount, cur)}
                     for line in (dist.lines if dist else [])],
        "org": organization(plan.organization),
        **_preparer(plan, receipt),
    }


def beneficiary_iins(plan: BenefitPlan) -> dict[int, str]:
    """The IIN of each inventor beneficiary, by position: the account's, or for an inventor
    without one the IIN the disclosure records for them (matched by account or by name)."""
    inventors = []
    if plan.disclosure_id:
        d = db.session.get(Disclosure, plan.disclosure_id)
        inventors = list(d.inventors) if d is not None else []
    found: dict[int, str] = {}
    for b in plan.beneficiaries:
        if b.kind != "inventor":
            continue
        user = user_by_id(b.user_id)
        iin = user.iin if user is not None else None
        if not iin:
            iin = next((i.iin for i in inventors if i.iin and (
                (b.user_id and i.user_id == b.user_id)
                or i.name.strip().casefold() == b.label.strip().casefold())), None)
        if iin:
            found[b.position] = iin
    return found


def _preparer(plan: BenefitPlan, receipt: Receipt | None) -> dict[str, Any]:
    """Who prepared a distribution the system made (income a licence brought in): the
    rights holder's authorised signatory, in whose organisation's name it is issued (a
    person's own distribution names that person, as every document does)."""
    if receipt is None or receipt.actor_id is not None:
        return {}
    uid = signatory_id(plan.organization) if plan.organization is not None else None
    user = user_by_id(uid)
    if user is None:
        return {}
    return {"actor": {**person(None), "name": text(user.name), "title": text(user.title),
                      "email": text(user.email),
                      "organization": text(plan.organization.name)}}


def _previous_number(plan: BenefitPlan) -> str:
    if not plan.previous_id:
        return ""
    prev = db.session.get(BenefitPlan, plan.previous_id)
    return prev.display_number if prev else ""
