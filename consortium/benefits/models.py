"""Benefit-sharing plans, their beneficiaries, and income received and distributed."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    select,
)
from sqlalchemy import Text as sa_Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows import BENEFIT_PLAN
from workflows.errors import N_

from .. import money
from ..auth.models import Role, signatory_id
from ..consortia.models import Consortium
from ..db import UTCDateTime, utcnow
from ..disclosures.models import Disclosure
from ..docket.models import has_costs, unrecovered_costs
from ..errors import Invalid
from ..extensions import db
from ..organizations.models import Organization
from ..permissions import Permissions
from ..search import vector_column

_STATES = ", ".join(f"'{s}'" for s in BENEFIT_PLAN.states)


class BenefitPlan(Permissions, db.Model):
    __tablename__ = "benefit_plans"
    #: what a list search finds it by (see consortium.search)
    #: the stemmed words and concepts of ``search_parts()``, indexed (see consortium.search)
    search_text: Mapped[str | None] = mapped_column(sa_Text, deferred=True)
    search_vector: Mapped[str | None] = vector_column()
    __search_columns__ = ("reg_number", "disclosure_id", "consortium_id")

    def search_parts(self) -> list:
        subject = db.session.get(Disclosure, self.disclosure_id) if self.disclosure_id else \
            db.session.get(Consortium, self.consortium_id) if self.consortium_id else None
        return [self.reg_number, self.organization.name if self.organization else None,
                getattr(subject, "title", None) or getattr(subject, "name", None),
                getattr(subject, "reg_number", None), [b.label for b in self.beneficiaries]]

    __table_args__ = (
        CheckConstraint(f"state IN ({_STATES})", name="state_valid"),
        CheckConstraint("(disclosure_id IS NULL) <> (consortium_id IS NULL)",
                        name="one_subject"),
    )
    workflow_name = "benefit_plan"
    # who may draft and edit one (see ``consortium.permissions``)
    editable_states = BENEFIT_PLAN.editable_states
    not_creator = N_("Benefit plans are drafted by legal staff.")
    not_editor = N_("Only legal staff of the rights holder can edit the plan.")
    not_editable = N_("A plan can be edited only as a draft; amend a plan in force to make a "
                      "new version.")

    id: Mapped[int] = mapped_column(primary_key=True)
    #: e.g. BSP-2026-00002 v3
    reg_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    disclosure_id: Mapped[int | None] = mapped_column(ForeignKey("disclosures.id"), index=True)
    consortium_id: Mapped[int | None] = mapped_column(ForeignKey("consortia.id"), index=True)
    #: the organisation that holds the rights and distributes the income
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    #: ISO 4217; amounts are exact in its minor units
    currency: Mapped[str] = mapped_column(String(3), default="KZT")
    cost_recovery: Mapped[bool] = mapped_column(Boolean, default=False)
    #: taken off the gross first (e.g. 15 for the technology-transfer office)
    admin_fee_percent: Mapped[Decimal] = mapped_column(Numeric(6, 3), default=Decimal(0))
    #: inventors' part by cumulative income: [{"up_to": "100000" | None, "percent": "50"}]
    inventor_tiers: Mapped[list[dict]] = mapped_column(JSON, default=list)
    #: 1 for the first plan of a subject, then 2, 3, ... for amendments
    plan_version: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("benefit_plans.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    state: Mapped[str] = mapped_column(String(40), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow,
                                                    onupdate=utcnow)
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: costs not yet recovered, carried to the next income
    unrecovered_costs: Mapped[Decimal] = mapped_column(Numeric(20, 4), default=Decimal(0))

    organization: Mapped[Organization] = relationship(lazy="joined")
    beneficiaries: Mapped[list[Beneficiary]] = relationship(
        back_populates="plan", order_by="Beneficiary.position", cascade="all, delete-orphan",
        lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    # -- who may draft and edit it ------------------------------------------------------------
    @classmethod
    def can_create(cls, user) -> bool:
        return user.role == Role.legal

    def is_editor(self, user) -> bool:
        return "owner_legal" in self.relations_of(user)

    def parties(self) -> tuple[set[int], set[int]]:
        """The organisations and people :meth:`relations_of` can name (a relation holds only
        for someone of one of these organisations, or one of these people): the inbox's
        notifications look for whom a record waits for among them alone."""
        return {self.organization_id}, {b.user_id for b in self.beneficiaries if b.user_id}

    def relations_of(self, actor) -> set[str]:
        rel = set()
        if actor.role == "legal" and actor.organization_id == self.organization_id:
            rel.add("owner_legal")
        if any(b.user_id == actor.id for b in self.beneficiaries):
            rel.add("beneficiary")
        return rel

    def signer_ids(self, group: str) -> list[int]:
        """Who signs for ``group``: every beneficiary (an organisation through its signatory),
        after the rights holder's signatory for ``plan_parties``."""
        if group not in ("beneficiaries", "plan_parties"):
            raise KeyError(group)
        out: list[int] = []
        if group == "plan_parties":
            holder = signatory_id(self.organization)
            if holder:
                out.append(holder)
        for b in self.beneficiaries:
            uid = b.user_id if b.user_id else (
                signatory_id(b.organization) if b.organization else None)
            if uid and uid not in out:
                out.append(uid)
        return out

    def beneficiary_problems(self) -> list[str]:
        problems = []
        if not self.beneficiaries:
            problems.append("list at least one beneficiary")
        total = sum((b.share_percent for b in self.beneficiaries), Decimal(0))
        if self.beneficiaries and total != Decimal(100):
            problems.append(f"shares total {total.normalize():f} %, not 100 %")
        for b in self.beneficiaries:
            if b.organization and not b.user_id and signatory_id(b.organization) is None:
                problems.append(f"{b.organization.name} has no user who can sign for it")
        return problems

    def mark_in_force(self, now: dt.datetime) -> None:
        self.approved_at = now

    def record_revenue(self, data: dict, now: dt.datetime, actor) -> Receipt:
        """Distribute a payment under the plan (what the after-hook stores and the
        distribution statement prints)."""
        costs = data.get("costs") or Decimal(0)
        family_cost_ids: list[int] = []
        if self.cost_recovery and self.disclosure_id and has_costs(self.disclosure_id):
            # the patent family's recorded fees are the recoverable costs, not a typed figure
            if data.get("costs"):
                raise Invalid({"costs": N_(
                    "the costs recovered are the fees recorded on the patent family's "
                    "filings; record other costs there too")})
            costs, family_cost_ids = unrecovered_costs(self.disclosure_id, self.currency)
        return Receipt(amount=data["amount"], costs=costs, source=data["source"], at=now,
                       actor_id=actor.id if actor else None,
                       distribution=self.distribute(data["amount"], costs),
                       family_cost_ids=tuple(family_cost_ids))

    def start_amendment(self, now: dt.datetime, actor) -> Amendment:
        return Amendment(at=now, actor_id=actor.id if actor else None)

    # -- the distribution of income -------------------------------------------------------------
    def cumulative_distributable(self) -> Decimal:
        """Distributable income already booked for the plan's subject (tiers count across
        versions of the plan: they follow the asset's income, not one document)."""
        rows = db.session.scalars(select(Revenue.distribution).where(
            Revenue.status == "distributed",
            Revenue.disclosure_id == self.disclosure_id if self.disclosure_id else
            Revenue.consortium_id == self.consortium_id)).all()
        return sum((Decimal(r["distributable"]) for r in rows if r), Decimal(0))

    def distribute(self, amount: Decimal, costs: Decimal) -> money.Distribution:
        """The exact distribution of one payment under the plan, unrecovered costs included."""
        carried = Decimal(self.unrecovered_costs or 0)
        places = money.minor_units(self.currency)
        try:
            return money.distribute(
                amount, (costs + carried).quantize(Decimal(1).scaleb(-places)), self.currency,
                policy_of(self),
                [money.Beneficiary(b.position, b.kind, b.label, b.share_percent)
                 for b in self.beneficiaries],
                cumulative_before=self.cumulative_distributable())
        except ValueError as err:
            raise Invalid({"amount": str(err)}) from None

    @property
    def subject_label(self) -> str:
        if self.disclosure_id:
            d = db.session.get(Disclosure, self.disclosure_id)
            return f"{d.display_number} — {d.title}"
        c = db.session.get(Consortium, self.consortium_id)
        return f"{c.display_number} — {c.name}"

    @property
    def display_number(self) -> str:
        base = self.reg_number or f"BSP-DRAFT-{self.id}"
        return f"{base} v{self.plan_version}"


def policy_of(plan: BenefitPlan) -> money.Policy:
    """The plan's rules of distribution, as the money module takes them."""
    return money.Policy(
        admin_fee_percent=Decimal(plan.admin_fee_percent or 0),
        cost_recovery=bool(plan.cost_recovery),
        inventor_tiers=tuple(money.Tier(Decimal(t["up_to"]) if t.get("up_to") else None,
                                        Decimal(t["percent"]))
                             for t in (plan.inventor_tiers or [])))


@dataclass(frozen=True)
class Receipt:
    """What ``record_revenue`` produced: a payment and its exact distribution."""

    amount: Decimal
    costs: Decimal
    source: str
    at: dt.datetime
    actor_id: int | None
    distribution: money.Distribution
    #: the patent family's costs this distribution took into recovery
    family_cost_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Amendment:
    """What ``amend`` produced: who started the new version, and when."""

    at: dt.datetime
    actor_id: int | None


class Beneficiary(db.Model):
    __tablename__ = "beneficiaries"
    __search_columns__ = ("label",)

    @property
    def search_parent(self):
        return self.plan

    __table_args__ = (
        CheckConstraint("kind IN ('inventor', 'department', 'institution', "
                        "'consortium_member')", name="kind_valid"),
        CheckConstraint("share_percent > 0 AND share_percent <= 100", name="share_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("benefit_plans.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    #: an inventor who is a user signs personally
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: an organisation (department's institution, consortium member) signs by its signatory
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    label: Mapped[str] = mapped_column(String(300))
    share_percent: Mapped[Decimal] = mapped_column(Numeric(6, 3))

    plan: Mapped[BenefitPlan] = relationship(back_populates="beneficiaries")
    organization: Mapped[Organization | None] = relationship(lazy="joined")


class Revenue(db.Model):
    """Income received for an IP asset or a consortium, and how it was distributed."""

    __tablename__ = "revenues"
    __table_args__ = (
        CheckConstraint("status IN ('held', 'distributed')", name="status_valid"),
        Index("ix_revenues_subject", "disclosure_id", "consortium_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int | None] = mapped_column(ForeignKey("disclosures.id"))
    consortium_id: Mapped[int | None] = mapped_column(ForeignKey("consortia.id"))
    license_id: Mapped[int | None] = mapped_column(ForeignKey("licenses.id"), index=True)
    #: the plan that distributed it; None while held for want of a plan in force
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("benefit_plans.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  #: royalty, milestone, manual
    source: Mapped[str] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(String(40))
    net_sales: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    amount: Mapped[Decimal] = mapped_column(Numeric(20, 4))
    costs: Mapped[Decimal] = mapped_column(Numeric(20, 4), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="held")
    #: the event that brought the income in (a royalty report, a milestone, record_revenue)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    #: the Distribution's dict: steps and lines, amounts as strings
    distribution: Mapped[dict | None] = mapped_column(JSON)
    distributed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
