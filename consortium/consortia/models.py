"""Consortium and member models."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy import Text as sa_Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows import CONSORTIUM
from workflows.errors import N_
from workflows.numbers import add_months

from ..auth.models import Role, known_signatories, signatory_id
from ..config import four_eyes
from ..db import UTCDateTime, utcnow
from ..extensions import db
from ..organizations.models import Organization
from ..permissions import Permissions
from ..search import vector_column

_STATES = ", ".join(f"'{s}'" for s in CONSORTIUM.states)
THOUSANDTH = Decimal("0.001")
#: the agreement's notice period of a withdrawal, in months (clause 13), unless the
#: consortium's terms set another: the engine and the documents both read
#: ``Consortium.notice_months``
WITHDRAWAL_NOTICE_MONTHS = 3


class Consortium(Permissions, db.Model):
    __tablename__ = "consortia"
    #: what a list search finds it by (see consortium.search)
    #: the stemmed words and concepts of ``search_parts()``, indexed (see consortium.search)
    search_text: Mapped[str | None] = mapped_column(sa_Text, deferred=True)
    search_vector: Mapped[str | None] = vector_column()
    __search_columns__ = ("reg_number", "name", "purpose")

    def search_parts(self) -> list:
        return [self.reg_number, self.name, self.purpose,
                [(m.organization or db.session.get(Organization, m.organization_id)).name
                 for m in self.members if m.organization_id]]

    __table_args__ = (
        CheckConstraint(f"state IN ({_STATES})", name="state_valid"),
        CheckConstraint("ip_regime IN ('each_party_owns', 'lead_owns', 'joint_ownership', "
                        "'contributor_owns')", name="ip_regime_valid"),
        CheckConstraint("voting_rule IN ('majority', 'two_thirds', 'unanimity')",
                        name="voting_rule_valid"),
    )
    workflow_name = "consortium"
    # who may draft and edit one (see ``consortium.permissions``)
    editable_states = CONSORTIUM.editable_states
    not_creator = N_("Only legal staff draft consortia.")
    not_editor = N_("Only legal staff of the lead organisation can edit the consortium.")
    not_editable = N_("A consortium can be edited only as a draft or during negotiation.")

    id: Mapped[int] = mapped_column(primary_key=True)
    #: registration number given when first proposed, e.g. CON-2026-00003
    reg_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(Text)
    work_plan: Mapped[str | None] = mapped_column(Text)
    lead_organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"),
                                                      index=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    ip_regime: Mapped[str] = mapped_column(String(30))
    voting_rule: Mapped[str] = mapped_column(String(20), default="majority")
    #: share of the parties that must attend a General Assembly, in percent
    quorum_percent: Mapped[int] = mapped_column(Integer, default=50)
    #: the consortium agreement's draft number, raised on every submission for review
    agreement_version: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: the legal user who last sent it for legal review: someone else approves (four eyes)
    review_requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    state: Mapped[str] = mapped_column(String(40), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow,
                                                    onupdate=utcnow)
    proposed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the notice a party gives of its withdrawal, in months (a term of the agreement)
    withdrawal_notice_months: Mapped[int] = mapped_column(Integer,
                                                          default=WITHDRAWAL_NOTICE_MONTHS)
    #: the earliest date a running notice of withdrawal takes effect (the scheduler's
    #: ``complete_withdrawal`` is due then); NULL while no notice runs
    withdrawal_due_on: Mapped[dt.date | None] = mapped_column(Date, index=True)

    lead: Mapped[Organization] = relationship(lazy="joined")
    members: Mapped[list[Member]] = relationship(
        back_populates="consortium", order_by="Member.position", cascade="all, delete-orphan",
        lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    @property
    def four_eyes(self) -> bool:
        """Whether approval needs someone other than who sent it for review (a setting)."""
        return four_eyes()

    @property
    def active_members(self) -> list[Member]:
        return [m for m in self.members if m.status == "active"]

    def has_active_member(self, org_id: int) -> bool:
        return any(m.organization_id == org_id for m in self.active_members)

    def active_member_count(self) -> int:
        return len(self.active_members)

    # -- what the engine asks -------------------------------------------------------------------
    # -- who may draft and edit it ------------------------------------------------------------
    @classmethod
    def can_create(cls, user) -> bool:
        return user.role == Role.legal

    def is_editor(self, user) -> bool:
        return "lead_legal" in self.relations_of(user)

    def parties(self) -> tuple[set[int], set[int]]:
        """The organisations and people :meth:`relations_of` can name (a relation holds only
        for someone of one of these organisations, or one of these people): the inbox's
        notifications look for whom a record waits for among them alone."""
        return ({m.organization_id for m in self.active_members} | {self.lead_organization_id},
                set())

    def relations_of(self, actor) -> set[str]:
        rel = set()
        member = self.has_active_member(actor.organization_id)
        if member:
            rel.add("member")
            if actor.role == "legal":
                rel.add("member_legal")
        if actor.role == "legal" and actor.organization_id == self.lead_organization_id:
            rel.add("lead_legal")
        return rel

    def signer_ids(self, group: str, produced: Admitted | None = None) -> list[int]:
        """Who signs for ``group``; the new member's signatory is of the organisation that
        the transition ``produced`` (:meth:`admit`) admitted."""
        if group == "member_signatories":
            known_signatories([m.organization for m in self.active_members])
            ids = [signatory_id(m.organization) for m in self.active_members]
        elif group in ("new_member_signatory", "accession_parties"):
            org = (db.session.get(Organization, produced.organization_id)
                   if produced is not None else None)
            ids = [signatory_id(org)] if org else []
            if group == "accession_parties":  # the new party, then the lead party
                lead = db.session.get(Organization, self.lead_organization_id)
                ids.append(signatory_id(lead) if lead else None)
        else:
            raise KeyError(group)
        out: list[int] = []
        for uid in ids:
            if uid and uid not in out:
                out.append(uid)
        return out

    def membership_problems(self) -> list[str]:
        problems = []
        members = self.active_members
        known_signatories([m.organization for m in members])
        if not any(m.role == "lead" and m.organization_id == self.lead_organization_id
                   for m in members):
            problems.append("the lead organisation must be listed as the lead member")
        if len(members) < 2:
            problems.append("a consortium needs at least two parties")
        total = sum((m.share_percent for m in members), Decimal(0))
        if total != Decimal(100):
            problems.append(f"members' shares total {total.normalize():f} %, not 100 %")
        for m in members:
            if not m.contribution_description:
                problems.append(f"{m.organization.name}: describe its contribution")
            if signatory_id(m.organization) is None:
                problems.append(f"{m.organization.name}: has no user who can sign for it")
        return problems

    # -- effects of transitions -----------------------------------------------------------------
    def mark_proposed(self, now: dt.datetime) -> None:
        self.proposed_at = now
        if not self.reg_number:
            self.reg_number = f"CON-{now.year}-{self.id:05d}"

    def next_agreement_version(self) -> None:
        self.agreement_version = (self.agreement_version or 0) + 1

    def admit(self, data: dict, now: dt.datetime) -> Admitted:
        share = Decimal(data["share_percent"]).quantize(THOUSANDTH)
        _rescale(self.active_members, Decimal(100) - share)
        self.members.append(Member(
            organization_id=int(data["organization_id"]), role=data["role"],
            contribution_type=data["contribution_type"],
            contribution_value=data["contribution_value"], currency=data["currency"].upper(),
            contribution_description=data["contribution_description"], share_percent=share,
            status="active", joined_at=now,
            position=max((m.position for m in self.members), default=0) + 1))
        return Admitted(int(data["organization_id"]))

    # -- the General Assembly's decisions (consortium.consortia.decisions) -----------------------
    def adopted_decision(self, matter: str, data: dict, now: dt.datetime):
        """None when an adopted, unused decision on ``matter`` with ``data``'s terms exists,
        else why not (the workflow's ``decided`` condition)."""
        from . import decisions
        return decisions.needs_decision(self, matter, data, now)

    def consume_decision(self, matter: str, data: dict, now: dt.datetime) -> None:
        from . import decisions
        decisions.consume(self, matter, data, now)

    def data_defaults(self, trigger: str) -> dict:
        """The terms of the adopted decision an admission or a declaration of default uses."""
        if trigger not in ("admit_member", "declare_defaulting"):
            return {}
        from . import decisions
        return decisions.defaults(self, trigger)

    def declare_defaulting(self, org_id: int, now: dt.datetime) -> None:
        member = next(m for m in self.active_members if m.organization_id == org_id)
        member.defaulting_at = now

    def withdraw(self, org_id: int, now: dt.datetime) -> None:
        leaving = next(m for m in self.active_members if m.organization_id == org_id)
        leaving.status = "withdrawn"
        leaving.withdrawn_at = now
        _rescale(self.active_members, Decimal(100))

    # -- withdrawal on notice -----------------------------------------------------------------
    @property
    def withdrawal_notices(self) -> list[Member]:
        """The active members whose notice of withdrawal is running, soonest first."""
        return sorted((m for m in self.active_members if m.withdrawal_effective_on),
                      key=lambda m: (m.withdrawal_effective_on, m.position))

    def has_withdrawal_notice(self, org_id: int) -> bool:
        return any(m.organization_id == org_id for m in self.withdrawal_notices)

    def remaining_member_count(self) -> int:
        """The parties that stay once every running notice has taken effect."""
        return sum(1 for m in self.active_members if not m.withdrawal_effective_on)

    def _notices_changed(self) -> None:
        notices = self.withdrawal_notices
        self.withdrawal_due_on = notices[0].withdrawal_effective_on if notices else None

    @property
    def notice_months(self) -> int:
        """The notice period of a withdrawal, in months: this consortium's term."""
        return self.withdrawal_notice_months or WITHDRAWAL_NOTICE_MONTHS

    def give_withdrawal_notice(self, org_id: int, now: dt.datetime, actor) -> WithdrawalNotice:
        """The member's notice starts: it takes effect after the agreement's notice period."""
        m = next(m for m in self.active_members if m.organization_id == org_id)
        m.withdrawal_notice_at = now
        m.withdrawal_notice_by_id = actor.id if actor is not None else None
        m.withdrawal_effective_on = add_months(now.astimezone(dt.UTC).date(),
                                               self.notice_months)
        self._notices_changed()
        return WithdrawalNotice(org_id, m.withdrawal_effective_on, m.withdrawal_notice_by_id)

    def cancel_withdrawal_notice(self, org_id: int) -> WithdrawalNotice:
        m = next(m for m in self.withdrawal_notices if m.organization_id == org_id)
        cancelled = WithdrawalNotice(org_id, m.withdrawal_effective_on, m.withdrawal_notice_by_id)
        m.withdrawal_notice_at = m.withdrawal_effective_on = m.withdrawal_notice_by_id = None
        self._notices_changed()
        return cancelled

    def complete_withdrawal(self, now: dt.datetime) -> Withdrawn | None:
        """The soonest notice that is due at ``now`` takes effect: the member leaves and the
        shares of the others are rescaled (one member per firing: each gets its document)."""
        today = now.astimezone(dt.UTC).date()
        due = [m for m in self.withdrawal_notices if m.withdrawal_effective_on <= today]
        if not due:
            return None
        m = due[0]
        self.withdraw(m.organization_id, now)
        m.withdrawal_effective_on = None
        self._notices_changed()
        return Withdrawn(m.organization_id, m.withdrawal_notice_by_id)

    def pending_dates(self) -> list[dict]:
        """What waits for a date, for the page and the API: each running notice."""
        return [{"kind": "withdrawal", "organization_id": m.organization_id,
                 "organization_name": m.organization.name,
                 "notice_given_at": m.withdrawal_notice_at,
                 "effective_on": m.withdrawal_effective_on}
                for m in self.withdrawal_notices]

    @property
    def display_number(self) -> str:
        # a draft's code, in no language: it is printed on documents and stored in notices
        return self.reg_number or f"CON-DRAFT-{self.id}"


@dataclass(frozen=True)
class Admitted:
    """What admitting a member produced: the organisation now a party (its signatory signs
    the accession agreement, which names it)."""

    organization_id: int


@dataclass(frozen=True)
class WithdrawalNotice:
    """A member's notice of withdrawal (given or cancelled): who, when it takes effect, and
    who gave it (the notice document names them)."""

    organization_id: int
    effective_on: dt.date | None
    given_by_id: int | None = None


@dataclass(frozen=True)
class Withdrawn:
    """What a notice that took effect produced: the member that left, and who gave notice."""

    organization_id: int
    given_by_id: int | None = None


def rescaled(members: list[Member], total: Decimal) -> list[Decimal]:
    """The shares of ``members`` scaled to ``total`` keeping their proportions, to the
    thousandth, exactly (largest remainder, then position)."""
    current = sum((m.share_percent for m in members), Decimal(0))
    if not members or current == 0:
        return [m.share_percent for m in members]
    raw = [m.share_percent * total / current for m in members]
    floors = [r.quantize(THOUSANDTH, rounding=ROUND_DOWN) for r in raw]
    left = int((total - sum(floors, Decimal(0))) / THOUSANDTH)
    order = sorted(range(len(members)), key=lambda i: (-(raw[i] - floors[i]), members[i].position))
    for i in order[:left]:
        floors[i] += THOUSANDTH
    return floors


def _rescale(members: list[Member], total: Decimal) -> None:
    """Scale shares to ``total`` keeping their proportions, to the thousandth, exactly."""
    for m, share in zip(members, rescaled(members, total), strict=True):
        m.share_percent = share


class Member(db.Model):
    __tablename__ = "consortium_members"
    __search_columns__ = ("organization_id",)

    @property
    def search_parent(self):
        return self.consortium

    __table_args__ = (
        CheckConstraint("role IN ('lead', 'member', 'associate')", name="role_valid"),
        CheckConstraint("contribution_type IN ('cash', 'in_kind', 'background_ip')",
                        name="contribution_type_valid"),
        CheckConstraint("status IN ('active', 'withdrawn')", name="status_valid"),
        CheckConstraint("share_percent >= 0 AND share_percent <= 100", name="share_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = mapped_column(
        ForeignKey("consortia.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    contribution_type: Mapped[str] = mapped_column(String(20))
    #: value of the contribution in ``currency``
    contribution_value: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    #: ISO 4217
    currency: Mapped[str] = mapped_column(String(3), default="KZT")
    contribution_description: Mapped[str] = mapped_column(Text)
    #: the member's share in results and benefits, percent to the thousandth
    share_percent: Mapped[Decimal] = mapped_column(Numeric(6, 3))
    #: the names of its affiliated entities that may receive access rights (attachment 3 of
    #: the consortium agreement); None: none listed
    affiliated_entities: Mapped[list | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="active")
    joined_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: a running notice of withdrawal: when it was given, by whom, and the date it takes
    #: effect (the member stays a party until then)
    withdrawal_notice_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    withdrawal_notice_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawal_effective_on: Mapped[dt.date | None] = mapped_column(Date)
    #: when the General Assembly declared it a defaulting party (clause 12), if it did
    defaulting_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    consortium: Mapped[Consortium] = relationship(back_populates="members")
    organization: Mapped[Organization] = relationship(lazy="joined")
