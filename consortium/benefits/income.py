"""What a beneficiary received: their own line of each distributed income (issue 20).

Inventors see their income, not the licensee's business data (net sales, minimum royalties):
each income of their inventions that a benefit plan distributed, with the amount of their
own distribution line and its effective share of the gross income. A line belongs to a
person when the beneficiary at that line's position of the plan that distributed the income
is that person (``Beneficiary.user_id``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ..extensions import db
from .models import Beneficiary, BenefitPlan, Revenue


@dataclass(frozen=True)
class IncomeShare:
    revenue: Revenue
    plan: BenefitPlan
    label: str
    amount: Decimal
    #: this line's share of the gross income, in percent (two places)
    effective_percent: Decimal

    @property
    def currency(self) -> str:
        return self.revenue.currency

    @property
    def received_at(self) -> dt.datetime:
        return self.revenue.received_at

    def to_dict(self) -> dict:
        return {"revenue_id": self.revenue.id, "plan_id": self.plan.id,
                "license_id": self.revenue.license_id, "source": self.revenue.source,
                "received_at": self.revenue.received_at.isoformat(),
                "currency": self.currency, "gross": f"{Decimal(self.revenue.amount):.2f}",
                "amount": f"{self.amount:.2f}",
                "effective_share_percent": f"{self.effective_percent:.2f}"}


def effective_percent(amount: Decimal, gross: Decimal) -> Decimal:
    return (amount * 100 / gross).quantize(Decimal("0.01")) if gross else Decimal(0)


def income_of(user, *, license_id: int | None = None, plan: BenefitPlan | None = None,
              limit: int = 100) -> list[IncomeShare]:
    """``user``'s own lines of the distributed income, newest first: of one licence, of one
    plan's subject (every version of the plan), or of everything."""
    if user is None or not getattr(user, "id", None):
        return []
    stmt = (select(Revenue, Beneficiary, BenefitPlan)
            .join(Beneficiary, Beneficiary.plan_id == Revenue.plan_id)
            .join(BenefitPlan, BenefitPlan.id == Revenue.plan_id)
            .where(Beneficiary.user_id == user.id, Revenue.status == "distributed"))
    if license_id is not None:
        stmt = stmt.where(Revenue.license_id == license_id)
    if plan is not None:
        stmt = stmt.where(Revenue.disclosure_id == plan.disclosure_id if plan.disclosure_id
                          else Revenue.consortium_id == plan.consortium_id)
    out: list[IncomeShare] = []
    rows = db.session.execute(stmt.order_by(Revenue.received_at.desc(), Revenue.id.desc())
                              .limit(limit)).all()
    for revenue, ben, the_plan in rows:
        for line in (revenue.distribution or {}).get("lines", []):
            if line.get("key") == ben.position:
                amount = Decimal(line["amount"])
                out.append(IncomeShare(revenue, the_plan, line.get("label") or ben.label,
                                       amount, effective_percent(
                                           amount, Decimal(str(revenue.amount)))))
    return out
