"""Reading the benefit-plan form (policy, tiers, beneficiaries) into the API's payload, and back."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from ..auth.models import User
from ..extensions import db
from ..validation import form_int, whole_or_raw
from .models import BenefitPlan

#: beneficiary and inventor-tier rows the form offers (no JavaScript needed)
ROWS = 6
TIER_ROWS = 3


def payload(form: MultiDict, me: User, plan: BenefitPlan | None = None) -> dict[str, Any]:
    """The API payload for what was typed, and for a new plan its subject (``d:<id>``, an
    invention, or ``c:<id>``, a consortium); validation happens once, in the service. A
    beneficiary's e-mail becomes their account (-1 when there is none, which the service
    refuses as not nameable)."""
    out: dict[str, Any] = {"currency": form.get("currency", "").strip() or None,
                           "cost_recovery": form.get("cost_recovery") == "yes",
                           "admin_fee_percent": form.get("admin_fee_percent", "").strip() or "0"}
    tiers = []
    for n in range(TIER_ROWS):
        up_to = form.get(f"tiers-{n}-up_to", "").strip()
        pct = form.get(f"tiers-{n}-percent", "").strip()
        if pct:
            tiers.append({"up_to": up_to or None, "percent": pct})
    out["inventor_tiers"] = tiers
    beneficiaries = []
    n = 0
    while f"b-{n}-kind" in form:
        row = {k: form.get(f"b-{n}-{k}", "").strip()
               for k in ("kind", "email", "organization_id", "label", "share_percent")}
        n += 1
        if not (row["email"] or row["organization_id"] or row["label"]):
            continue
        item: dict[str, Any] = {"kind": row["kind"], "label": row["label"],
                                "share_percent": row["share_percent"] or "0"}
        if row["email"]:
            uid = db.session.scalar(select(User.id).where(User.email == row["email"].lower()))
            item["user_id"] = uid if uid else -1
        if whole_or_raw(row["organization_id"]) is not None:
            item["organization_id"] = whole_or_raw(row["organization_id"])
        beneficiaries.append(item)
    out["beneficiaries"] = beneficiaries
    if plan is None:
        kind, _sep, ident = form.get("subject", "").partition(":")
        if kind == "d" and ident:
            out["disclosure_id"] = whole_or_raw(ident)
        elif kind == "c" and ident:
            out["consortium_id"] = whole_or_raw(ident)
    if form_int(form, "version") is not None:
        out["version"] = form_int(form, "version")
    return out


def values(plan: BenefitPlan | None, me: User, args: MultiDict | None = None) -> dict[str, Any]:
    """What the form shows for a plan, or a new one (``?subject=`` preselects its subject)."""
    if plan is None:
        return {"currency": "KZT", "admin_fee_percent": "15", "cost_recovery": "yes",
                "subject": (args or {}).get("subject", "")}
    shown = {"currency": plan.currency, "cost_recovery": "yes" if plan.cost_recovery else "",
             "admin_fee_percent": f"{plan.admin_fee_percent.normalize():f}",
             "version": str(plan.version)}
    for n, t in enumerate(plan.inventor_tiers or []):
        shown[f"tiers-{n}-up_to"] = t.get("up_to") or ""
        shown[f"tiers-{n}-percent"] = t["percent"]
    for n, b in enumerate(plan.beneficiaries):
        user = db.session.get(User, b.user_id) if b.user_id else None
        shown.update({f"b-{n}-kind": b.kind, f"b-{n}-email": user.email if user else "",
                      f"b-{n}-organization_id": str(b.organization_id or ""),
                      f"b-{n}-label": b.label,
                      f"b-{n}-share_percent": f"{b.share_percent.normalize():f}"})
    return shown


def echo(form: MultiDict) -> dict[str, Any]:
    """Echo what was typed, so a refused form loses nothing."""
    return form.to_dict()
