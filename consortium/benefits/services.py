"""Benefit plans: drafting, versions, and booking and distributing income exactly."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Select, false, or_, select

from workflows.errors import N_

from .. import money
from ..auth.models import Role, User
from ..consortia.models import Consortium
from ..disclosures import people
from ..disclosures.models import Disclosure
from ..errors import Conflict, Invalid, check_version
from ..extensions import db
from ..organizations.models import Organization
from ..validation import parse
from ..workflow import RecordType, register, visibility
from ..workflow import search as workflow_search
from .documents import plan_context
from .models import Beneficiary, BenefitPlan, Revenue, policy_of
from .schemas import BeneficiaryIn, PlanCreate, PlanUpdate
from .transitions import book_income, hooks

__all__ = ["RECORD", "held_income", "policy_of", "revenue_page", "revenues_of"]


@visibility("benefit_plan", BenefitPlan)
def visible(stmt: Select, user) -> Select:
    """The rights holder's legal staff, beneficiaries, and beneficiary organisations' staff."""
    if user.role == Role.admin:
        return stmt.where(false())
    conditions = [BenefitPlan.id.in_(select(Beneficiary.plan_id)
                                     .where(Beneficiary.user_id == user.id))]
    if user.role in (Role.legal, Role.partner):
        conditions.append(BenefitPlan.id.in_(select(Beneficiary.plan_id).where(
            Beneficiary.organization_id == user.organization_id)))
    if user.role == Role.legal:
        conditions.append(BenefitPlan.organization_id == user.organization_id)
    return stmt.where(or_(*conditions))


def _nameable_beneficiaries(plan: BenefitPlan, user_ids: list[int]) -> dict[int, User]:
    """Who may be a beneficiary by account: an inventor of the plan's disclosure, a
    researcher of an organisation party to it (for a consortium's plan: of an active
    member), or someone the plan names already (see ``disclosures.people``)."""
    already = {b.user_id for b in plan.beneficiaries if b.user_id is not None}
    if plan.disclosure_id is not None:
        d = db.session.get(Disclosure, plan.disclosure_id)
        parties = people.party_organization_ids(d.organization_id, d.consortium_id)
        already |= {i.user_id for i in d.inventors if i.user_id is not None}
    else:
        c = db.session.get(Consortium, plan.consortium_id)
        parties = people.party_organization_ids(c.lead_organization_id, c.id)
    return people.nameable(user_ids, parties, already)


def _beneficiaries(plan: BenefitPlan, items: list[BeneficiaryIn]) -> list[Beneficiary]:
    errors: dict[str, str] = {}
    out = []
    users = _nameable_beneficiaries(plan, [b.user_id for b in items if b.user_id is not None])
    for n, b in enumerate(items):
        label = b.label
        if b.user_id is not None:
            user = users.get(b.user_id)
            if user is None:
                errors[f"beneficiaries.{n}.user_id"] = people.NOT_NAMEABLE
                continue
            label = label or user.name
        if b.organization_id is not None:
            org = db.session.get(Organization, b.organization_id)
            if org is None:
                errors[f"beneficiaries.{n}.organization_id"] = N_("no such organisation")
                continue
            label = label or org.name
        out.append(Beneficiary(position=n + 1, kind=b.kind, user_id=b.user_id,
                               organization_id=b.organization_id, label=label,
                               share_percent=b.share_percent))
    if errors:
        raise Invalid(errors)
    return out


def _subject(data, user) -> int:
    """The organisation that holds the rights of the plan's subject, checked for ``user``."""
    if data.disclosure_id is not None:
        d = db.session.get(Disclosure, data.disclosure_id)
        if d is None or d.organization_id != user.organization_id:
            raise Invalid({"disclosure_id": N_("no such invention of your organisation")})
        return d.organization_id
    c = db.session.get(Consortium, data.consortium_id)
    if c is None or c.lead_organization_id != user.organization_id:
        raise Invalid({"consortium_id": N_("no such consortium led by your organisation")})
    return c.lead_organization_id


def _apply(plan: BenefitPlan, data, sent: set[str]) -> None:
    if "currency" in sent and data.currency is not None:
        try:
            money.minor_units(data.currency)
        except ValueError:
            raise Invalid({"currency": N_("not an ISO 4217 currency this system knows")}) \
                from None
        plan.currency = data.currency
    if "cost_recovery" in sent and data.cost_recovery is not None:
        plan.cost_recovery = data.cost_recovery
    if "admin_fee_percent" in sent and data.admin_fee_percent is not None:
        plan.admin_fee_percent = data.admin_fee_percent
    if "inventor_tiers" in sent:
        plan.inventor_tiers = [{"up_to": f"{t.up_to:f}" if t.up_to is not None else None,
                                "percent": f"{t.percent:f}"} for t in data.inventor_tiers or []]
    if "beneficiaries" in sent and data.beneficiaries is not None:
        new = _beneficiaries(plan, data.beneficiaries)
        plan.beneficiaries.clear()
        db.session.flush()
        plan.beneficiaries.extend(new)


def create(user: User, payload: Any) -> BenefitPlan:
    """Draft the first plan of an invention or a consortium."""
    BenefitPlan.check_create(user)
    data = parse(PlanCreate, payload)
    owner = _subject(data, user)
    existing = db.session.scalar(select(BenefitPlan.id).where(
        BenefitPlan.disclosure_id == data.disclosure_id if data.disclosure_id else
        BenefitPlan.consortium_id == data.consortium_id,
        BenefitPlan.state.not_in(("superseded", "terminated"))))
    if existing:
        raise Conflict("plan_exists", N_("This subject already has a plan (%(id)s); amend it to "
                                         "make a new version."), id=existing)
    plan = BenefitPlan(disclosure_id=data.disclosure_id, consortium_id=data.consortium_id,
                       organization_id=owner, created_by_id=user.id, state="draft",
                       plan_version=1, inventor_tiers=[], admin_fee_percent=Decimal(0),
                       unrecovered_costs=Decimal(0))
    _apply(plan, data, data.model_fields_set | {"currency"})
    db.session.add(plan)
    db.session.flush()
    plan.reg_number = f"BSP-{plan.created_at.year}-{plan.id:05d}"
    return plan


def update(plan: BenefitPlan, user: User, payload: Any) -> BenefitPlan:
    plan.check_editor(user)
    data = parse(PlanUpdate, payload)
    check_version(plan, data.version,
                  N_("This plan changed since you loaded it (your version "
                     "%(yours)s, now %(current)s). Reload it and try again."))
    plan.check_editable()
    _apply(plan, data, data.model_fields_set)
    db.session.flush()
    return plan


def search(user: User, *, state: str | None = None, q: str | None = None, page: int = 1,
           per_page: int = 50, **options) -> tuple[list[BenefitPlan], int]:
    """The page of records ``user`` may see and how many match (``options``: sort, since,
    until; see :func:`consortium.workflow.search`)."""
    return workflow_search(BenefitPlan, visible, user, state=state, q=q, page=page,
                           per_page=per_page, **options)


def to_dict(plan: BenefitPlan) -> dict:
    return {
        "id": plan.id, "reg_number": plan.reg_number, "state": plan.state,
        "version": plan.version, "plan_version": plan.plan_version,
        "previous_id": plan.previous_id, "disclosure_id": plan.disclosure_id,
        "consortium_id": plan.consortium_id, "organization_id": plan.organization_id,
        "currency": plan.currency, "cost_recovery": plan.cost_recovery,
        "admin_fee_percent": f"{Decimal(plan.admin_fee_percent).normalize():f}",
        "inventor_tiers": list(plan.inventor_tiers or []),
        "unrecovered_costs": money.format_money(
            Decimal(plan.unrecovered_costs or 0).quantize(
                Decimal(1).scaleb(-money.minor_units(plan.currency))), plan.currency),
        "beneficiaries": [{"kind": b.kind, "user_id": b.user_id,
                           "organization_id": b.organization_id, "label": b.label,
                           "share_percent": f"{b.share_percent.normalize():f}"}
                          for b in plan.beneficiaries],
        "approved_at": plan.approved_at.isoformat() if plan.approved_at else None,
        "created_at": plan.created_at.isoformat(), "updated_at": plan.updated_at.isoformat(),
    }


# -- income ---------------------------------------------------------------------------------------
def held_income(disclosure_id: int | None, consortium_id: int | None) -> list[Revenue]:
    return list(db.session.scalars(select(Revenue).where(
        Revenue.status == "held", Revenue.disclosure_id == disclosure_id if disclosure_id
        else Revenue.consortium_id == consortium_id).order_by(Revenue.id)))


def revenues_of(plan: BenefitPlan) -> list[Revenue]:
    return list(db.session.scalars(_revenues_of(plan).order_by(Revenue.id)))


def _revenues_of(plan: BenefitPlan) -> Select:
    """The income of the plan's subject: what any version of its plan distributed or holds."""
    return select(Revenue).where(
        Revenue.disclosure_id == plan.disclosure_id if plan.disclosure_id else
        Revenue.consortium_id == plan.consortium_id)


def revenue_page(plan: BenefitPlan, *, page: int, per_page: int) -> tuple[list[Revenue], int]:
    """A page of the subject's income, oldest first, and how many there are in all."""
    from sqlalchemy import func
    stmt = _revenues_of(plan)
    total = db.session.scalar(stmt.with_only_columns(func.count(Revenue.id)).order_by(None))
    items = db.session.scalars(stmt.order_by(Revenue.id).offset((page - 1) * per_page)
                               .limit(per_page)).all()
    return list(items), total or 0


def distribution_lines(revenue: Revenue) -> list[dict] | None:
    """Who got what of a distributed revenue (the parts add up to the distributable sum);
    None while it is held for want of a plan in force."""
    if revenue.status != "distributed" or not revenue.distribution:
        return None
    return [{"beneficiary": line["label"], "kind": line["kind"],
             "share_percent": line["share_percent"], "amount": line["amount"]}
            for line in revenue.distribution.get("lines", [])]


def revenue_to_dict(revenue: Revenue) -> dict:
    places = money.minor_units(revenue.currency)

    def amount(v) -> str | None:
        return None if v is None else f"{Decimal(v):.{places}f}"
    dist = revenue.distribution or {}
    return {
        "id": revenue.id, "kind": revenue.kind, "source": revenue.source,
        "license_id": revenue.license_id, "plan_id": revenue.plan_id,
        "event_id": revenue.event_id, "period": revenue.period,
        "net_sales": amount(revenue.net_sales), "amount": amount(revenue.amount),
        "costs": amount(revenue.costs), "currency": revenue.currency,
        "status": revenue.status,
        "received_at": revenue.received_at.isoformat() if revenue.received_at else None,
        "distributed_at": revenue.distributed_at.isoformat()
        if revenue.distributed_at else None,
        "distributable": dist.get("distributable"), "admin_fee": dist.get("admin_fee"),
        "recovered_costs": dist.get("recovered_costs"),
        "distribution": distribution_lines(revenue),
    }


def booked_revenues(outcome) -> list[Revenue]:
    """The income that ``outcome`` (a fired trigger and its follow-ups) booked, in the order
    booked: what their after-hooks returned (``outcome.hooked``), so that a transition that
    booked none costs no query."""
    out = []
    while outcome is not None:
        if isinstance(outcome.hooked, Revenue):
            out.append(outcome.hooked)
        outcome = outcome.follow_up
    return out


RECORD = register(RecordType(
    name="benefit_plan", collection="benefit-plans", model=BenefitPlan, context=plan_context,
    key=lambda p: p.reg_number or f"BSP-DRAFT-{p.id}", visible=visible,
    endpoint="benefits.show", create=create, update=update, search=search,
    serialize=to_dict, hooks=hooks, receive_income=book_income, create_schema=PlanCreate,
    update_schema=PlanUpdate,
    describe=lambda p: f"{p.display_number} — {p.subject_label}"))
