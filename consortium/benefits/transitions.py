"""What benefit-plan transitions do beyond the plan itself: income booked and distributed,
an amendment's new version, and a new version taking over from the old one."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from .. import money
from ..docket.models import mark_recovered
from ..extensions import db
from ..workflow import Hooks, Income, Outcome, fire_by_name
from .models import Amendment, Beneficiary, BenefitPlan, Receipt, Revenue

hooks = Hooks()


def plan_in_force(disclosure_id: int | None, consortium_id: int | None) -> BenefitPlan | None:
    subject = (BenefitPlan.disclosure_id == disclosure_id if disclosure_id is not None
               else BenefitPlan.consortium_id == consortium_id)
    return db.session.scalar(select(BenefitPlan).where(subject, BenefitPlan.state == "in_force")
                             .with_for_update(of=BenefitPlan))


def book_income(income: Income) -> Revenue:
    """Record income another workflow brought in; distribute it now under the plan in force,
    or hold it until one is.

    ``income.event_id`` is the event that brought it in; the after-hook that booked it
    returns it, and the answer of that transition shows its distribution
    (``services.booked_revenues``).
    """
    revenue = Revenue(disclosure_id=income.disclosure_id, consortium_id=income.consortium_id,
                      license_id=income.license_id, kind=income.kind, source=income.source,
                      period=income.period, net_sales=income.net_sales, amount=income.amount,
                      costs=Decimal(0), currency=income.currency, status="held",
                      received_at=income.at, event_id=income.event_id)
    db.session.add(revenue)
    db.session.flush()
    plan = plan_in_force(income.disclosure_id, income.consortium_id)
    if plan is not None and plan.currency == income.currency:
        _distribute_held(plan, [revenue])
    return revenue


def _distribute_held(plan: BenefitPlan, revenues: list[Revenue]) -> None:
    """Distribute held income under ``plan``: one ``record_revenue`` by the system each."""
    places = money.minor_units(plan.currency)
    for revenue in revenues:
        outcome = fire_by_name("benefit_plan", plan, "record_revenue", None, data={
            "amount": f"{Decimal(revenue.amount):.{places}f}", "source": revenue.source})
        _settle(plan, revenue, outcome)
        db.session.flush()


def _settle(plan: BenefitPlan, revenue: Revenue, outcome: Outcome) -> None:
    """Store on ``revenue`` the distribution that ``outcome`` (a ``record_revenue``) made."""
    receipt: Receipt = outcome.produced
    dist = receipt.distribution
    revenue.costs = receipt.costs
    revenue.plan_id = plan.id
    revenue.status = "distributed"
    revenue.distribution = dist.to_dict() | {"event_id": outcome.event.id,
                                             "document_id": outcome.documents[0].id
                                             if outcome.documents else None}
    revenue.distributed_at = receipt.at
    plan.unrecovered_costs = dist.unrecovered_costs
    if receipt.family_cost_ids:
        db.session.flush()  # the revenue's id
        mark_recovered(list(receipt.family_cost_ids), revenue.id)


@hooks.after("record_revenue")
def store_manual_income(plan: BenefitPlan, outcome: Outcome, user) -> Revenue | None:
    """Income a person records on the plan becomes a revenue distributed under it (returned,
    for the transition's answer). When the system fires ``record_revenue`` it distributes
    held income, which :func:`_distribute_held` settles itself."""
    if user is None:
        return None
    receipt: Receipt = outcome.produced
    revenue = Revenue(disclosure_id=plan.disclosure_id, consortium_id=plan.consortium_id,
                      kind="manual", source=receipt.source, amount=receipt.amount,
                      currency=plan.currency, received_at=receipt.at,
                      event_id=outcome.event.id)
    db.session.add(revenue)
    _settle(plan, revenue, outcome)
    return revenue


@hooks.after("amend")
def draft_new_version(plan: BenefitPlan, outcome: Outcome, user) -> None:
    """An amendment drafts the plan's next version; the plan stays in force until that one
    is approved."""
    amendment: Amendment = outcome.produced
    new = BenefitPlan(disclosure_id=plan.disclosure_id, consortium_id=plan.consortium_id,
                      organization_id=plan.organization_id, currency=plan.currency,
                      cost_recovery=plan.cost_recovery,
                      admin_fee_percent=plan.admin_fee_percent,
                      inventor_tiers=list(plan.inventor_tiers or []),
                      plan_version=plan.plan_version + 1, previous_id=plan.id,
                      reg_number=None, created_by_id=amendment.actor_id or plan.created_by_id,
                      state="draft", unrecovered_costs=Decimal(0),
                      beneficiaries=[Beneficiary(position=b.position, kind=b.kind,
                                                 user_id=b.user_id,
                                                 organization_id=b.organization_id,
                                                 label=b.label, share_percent=b.share_percent)
                                     for b in plan.beneficiaries])
    db.session.add(new)
    db.session.flush()


@hooks.after("bring_into_force")
def take_over(plan: BenefitPlan, outcome: Outcome, user) -> None:
    """A new version in force (approved, and its agreement signed by every party)
    supersedes the one in force, carrying its unrecovered costs,
    and distributes the income held for want of a plan."""
    if plan.previous_id:
        old = db.session.get(BenefitPlan, plan.previous_id)
        if old is not None and old.state == "in_force":
            plan.unrecovered_costs = old.unrecovered_costs
            fire_by_name("benefit_plan", old, "supersede", None)
    held = db.session.scalars(select(Revenue).where(
        Revenue.status == "held", Revenue.currency == plan.currency,
        Revenue.disclosure_id == plan.disclosure_id if plan.disclosure_id else
        Revenue.consortium_id == plan.consortium_id).order_by(Revenue.id)).all()
    _distribute_held(plan, list(held))
