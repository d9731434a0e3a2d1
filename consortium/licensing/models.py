"""Licence model."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows import DISCLOSURE, LICENSE, Unmet
from workflows.errors import N_
from workflows.errors import Text as Message

from ..auth.models import Role, signatory_id
from ..config import four_eyes
from ..db import UTCDateTime, utcnow
from ..disclosures.models import Disclosure
from ..disclosures.novelty import _add_months
from ..errors import Invalid
from ..extensions import db
from ..organizations.models import Organization
from ..permissions import Permissions
from . import royalties
from .schemas import MONEY_TERMS, term_sheet

_STATES = ", ".join(f"'{s}'" for s in LICENSE.states)
#: disclosure states in which the licensor holds rights it can license
OWNED_STATES = ("protected", "patent_pending", "patented", "trade_secret")
#: licence states that hold the asset (an overlapping exclusive licence is refused)
HOLDING_STATES = ("signing", "active")


class License(Permissions, db.Model):
    __tablename__ = "licenses"
    __table_args__ = (
        CheckConstraint(f"state IN ({_STATES})", name="state_valid"),
        CheckConstraint("license_type IN ('exclusive', 'non_exclusive', 'option')",
                        name="type_valid"),
    )
    workflow_name = "license"
    # who may record and edit one (see ``consortium.permissions``)
    editable_states = LICENSE.editable_states
    not_creator = N_("Licence inquiries are recorded by the licensor's technology-transfer "
                     "office.")
    not_editor = N_("Only the licensor's legal staff or the licensee can edit the terms.")
    not_editable = N_("The terms can be edited only at the inquiry or during negotiation.")

    id: Mapped[int] = mapped_column(primary_key=True)
    #: registration number given when the NDA is requested, e.g. LIC-2026-00004
    reg_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), index=True)
    licensor_organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"),
                                                          index=True)
    licensee_organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"),
                                                          index=True)
    license_type: Mapped[str] = mapped_column(String(20))
    #: None or "" means every field of use
    field_of_use: Mapped[str | None] = mapped_column(String(300))
    #: ISO 3166-1 alpha-2 codes, or ["WORLD"]
    territory: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["WORLD"])
    term_months: Mapped[int | None] = mapped_column(Integer)
    upfront_fee: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    #: earned royalty, percent of net sales
    royalty_rate_percent: Mapped[Decimal | None] = mapped_column(Numeric(6, 3))
    minimum_annual_royalty: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    #: ISO 4217
    currency: Mapped[str] = mapped_column(String(3), default="KZT")
    #: [{"description", "amount", "due_date"}]
    milestones: Mapped[list[dict]] = mapped_column(JSON, default=list)
    sublicensing_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    term_sheet_version: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: the legal user who last sent it for legal review: someone else approves (four eyes)
    review_requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    state: Mapped[str] = mapped_column(String(40), default="inquiry", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow,
                                                    onupdate=utcnow)
    activated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    disclosure: Mapped[Disclosure] = relationship(lazy="joined")
    licensor: Mapped[Organization] = relationship(foreign_keys=[licensor_organization_id],
                                                  lazy="joined")
    licensee: Mapped[Organization] = relationship(foreign_keys=[licensee_organization_id],
                                                  lazy="joined")

    royalty_reports: Mapped[list[RoyaltyReport]] = relationship(
        order_by="RoyaltyReport.period_start", cascade="all, delete-orphan",
        back_populates="license")

    __mapper_args__ = {"version_id_col": version}

    @property
    def four_eyes(self) -> bool:
        """Whether approval needs someone other than who sent it for review (a setting)."""
        return four_eyes()

    # -- what the engine asks -------------------------------------------------------------------
    # -- who may record and edit it -----------------------------------------------------------
    @classmethod
    def can_create(cls, user) -> bool:
        return user.role == Role.legal

    def is_editor(self, user) -> bool:
        """The licensor's legal staff, or the licensee's legal staff and partners."""
        return bool(self.relations_of(user) & {"licensor_legal", "licensee"}) \
            and user.role in (Role.legal, Role.partner)

    def relations_of(self, actor) -> set[str]:
        rel = set()
        if actor.role == "legal" and actor.organization_id == self.licensor_organization_id:
            rel.add("licensor_legal")
        if actor.organization_id == self.licensee_organization_id:
            rel.add("licensee")
        return rel

    def signer_ids(self, group: str) -> list[int]:
        if group != "party_signatories":
            raise KeyError(group)
        ids = [signatory_id(self.licensor), signatory_id(self.licensee)]
        return [uid for n, uid in enumerate(ids) if uid and uid not in ids[:n]]

    def asset_is_owned(self) -> bool:
        d = self.disclosure
        return d.state in OWNED_STATES and d.organization_id == self.licensor_organization_id

    def asset_state_label(self) -> str:
        return DISCLOSURE.state_label(self.disclosure.state).lower()

    def terms_problems(self) -> list[str]:
        problems = []
        if not self.term_months:
            problems.append("give the term in months")
        if self.license_type != "option" and self.royalty_rate_percent is None:
            problems.append("give the royalty rate")
        if not self.territory:
            problems.append("give the territory")
        if self.term_sheet_version < 1:
            problems.append("propose the terms in a term sheet first")
        return problems

    def overlaps(self, other: License) -> bool:
        fields = {(self.field_of_use or "").strip().lower(),
                  (other.field_of_use or "").strip().lower()}
        same_field = "" in fields or len(fields) == 1
        a, b = set(self.territory or ["WORLD"]), set(other.territory or ["WORLD"])
        shared = "WORLD" in a or "WORLD" in b or bool(a & b)
        return same_field and shared

    def exclusivity_conflict(self) -> License | None:
        """A signing or active licence on the same asset that overlaps, if either is exclusive."""
        others = db.session.scalars(select(License).where(
            License.disclosure_id == self.disclosure_id, License.id != self.id,
            License.state.in_(HOLDING_STATES)).order_by(License.id)).all()
        for other in others:
            if "exclusive" in (self.license_type, other.license_type) and self.overlaps(other):
                return other
        return None

    # -- the data of transitions, checked against the licence --------------------------------
    def check_data(self, trigger: str, data: dict, now: dt.datetime) -> dict:
        """The engine asks before the conditions: the transition's data under this licence."""
        if trigger == "propose_terms":
            current = {"currency": self.currency,
                       **{name: getattr(self, name) for name in MONEY_TERMS}}
            return term_sheet(data, current)
        if trigger in ("report_royalty", "amend_royalty_report"):
            return self._check_report(trigger, data)
        return data

    def _check_report(self, trigger: str, data: dict) -> dict:
        errors: dict[str, str] = {}
        period = None
        try:
            period = royalties.parse_period(data["period"])
        except ValueError as err:
            errors["period"] = err.args[0]
        if period is not None:
            start, end = self.term_start, self.expires_on
            report = self.royalty_report(period.code)
            if start is None or end is None or not period.overlaps(
                    start, end - dt.timedelta(days=1)):
                errors["period"] = Message(N_("is outside the licence term (%(start)s to "
                                           "%(end)s)"), start=_day(start), end=_day(end))
            elif trigger == "report_royalty":
                if report is not None:
                    errors["period"] = Message(N_("%(period)s is already reported: amend that "
                                               "report to correct it"), period=period.code)
                else:
                    other = next((r for r in self.royalty_reports
                                  if period.overlaps(r.period_start, r.period_end)), None)
                    if other is not None:
                        errors["period"] = Message(N_("overlaps the report for %(period)s"),
                                                period=other.period)
            elif report is None:
                errors["period"] = Message(N_("%(period)s has no report to amend: file a royalty "
                                           "report"), period=period.code)
            elif "amount" not in errors and data["amount"] < report.amount_paid:
                errors["amount"] = Message(N_("is the total paid for the period: at least the "
                                           "%(paid)s already paid (a refund is agreed outside "
                                           "the platform)"),
                                        paid=f"{report.amount_paid:f} {self.currency}")
        if errors:
            raise Invalid(errors)
        return {**data, "period": period.code}

    def royalty_report(self, period: str) -> RoyaltyReport | None:
        return next((r for r in self.royalty_reports if r.period == period), None)

    @property
    def term_start(self) -> dt.date | None:
        return self.activated_at.astimezone(dt.UTC).date() if self.activated_at else None

    def term_end_problem(self, now: dt.datetime) -> Unmet | None:
        """Why the term has not ended at ``now`` (``None`` once it has)."""
        end = self.expires_on
        if end is None:
            return Unmet.conflict(
                N_("The licence has no term to end: terminate it, giving the ground."))
        if now.astimezone(dt.UTC).date() < end:
            return Unmet.conflict(N_("The licence term ends on %(date)s; before then the "
                                     "licence can only be terminated, giving the ground."),
                                  {"date": _day(end)})
        return None

    # -- effects of transitions -----------------------------------------------------------------
    def apply_terms(self, data: dict) -> None:
        for key in ("license_type", "field_of_use", "territory", "term_months", "upfront_fee",
                    "royalty_rate_percent", "minimum_annual_royalty", "currency"):
            if key in data:
                setattr(self, key, data[key])
        self.term_sheet_version = (self.term_sheet_version or 0) + 1

    def record_royalty(self, data: dict, now: dt.datetime, actor) -> Payment:
        """File the report of a period; its payment becomes income."""
        period = royalties.parse_period(data["period"])
        report = RoyaltyReport(
            license_id=self.id, period=period.code, period_start=period.start,
            period_end=period.last, currency=self.currency,
            reported_by_id=actor.id if actor else None, created_at=now, updated_at=now)
        report.set_figures(data["net_sales"], data["amount"], self.royalty_rate_percent)
        self.royalty_reports.append(report)
        return Payment("royalty", report.amount_paid,
                       f"Royalty report {period.code} of licence {self.display_number}", now,
                       report=report, period=period.code, net_sales=report.net_sales)

    def amend_royalty(self, data: dict, now: dt.datetime, actor) -> Payment:
        """Correct the report of a period; only what is paid on top becomes income."""
        report = self.royalty_report(data["period"])
        before = report.amount_paid
        report.set_figures(data["net_sales"], data["amount"], self.royalty_rate_percent)
        report.amendments = (report.amendments or 0) + 1
        report.updated_at = now
        return Payment("royalty", report.amount_paid - before,
                       f"Amendment {report.amendments} of royalty report {report.period} of "
                       f"licence {self.display_number}", now,
                       report=report, period=report.period, net_sales=report.net_sales)

    def record_milestone(self, data: dict, now: dt.datetime) -> Payment:
        return Payment("milestone", data["amount"],
                       f"Milestone \"{data['milestone']}\" of licence {self.display_number}",
                       now)

    def mark_active(self, now: dt.datetime) -> None:
        self.activated_at = now

    @property
    def expires_on(self) -> dt.date | None:
        if not self.activated_at or not self.term_months:
            return None
        return _add_months(self.activated_at.date(), self.term_months)

    @property
    def display_number(self) -> str:
        return self.reg_number or f"LIC-DRAFT-{self.id}"

    def royalty_years(self, today: dt.date) -> list[royalties.RoyaltyYear]:
        """Per calendar year of the term so far: minimum due, royalties due and paid."""
        if self.term_start is None or self.expires_on is None:
            return []
        return royalties.royalty_years(self.term_start, self.expires_on,
                                       self.minimum_annual_royalty, self.currency,
                                       list(self.royalty_reports), today)


@dataclass(frozen=True)
class Payment:
    """What a royalty report, its amendment or a milestone brought in: the effect of the
    transition returns it, its document prints it, and its after-hook books it as income."""

    kind: str  #: royalty, milestone
    #: what is new income (an amendment: only what it adds to the payment for the period)
    amount: Decimal
    source: str
    at: dt.datetime
    #: the royalty report filed or amended (its figures as they now stand go in the document)
    report: RoyaltyReport | None = None
    period: str | None = None
    net_sales: Decimal | None = None


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%B} {value.year}" if value else "?"


class RoyaltyReport(db.Model):
    """The licensee's report of one period: net sales, the royalty due on them, what it paid."""

    __tablename__ = "royalty_reports"
    __table_args__ = (
        UniqueConstraint("license_id", "period", name="uq_royalty_reports_license_period"),
        CheckConstraint("period_start <= period_end", name="period_order"),
        CheckConstraint("net_sales >= 0 AND royalty_due >= 0 AND amount_paid >= 0",
                        name="amounts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    license_id: Mapped[int] = mapped_column(ForeignKey("licenses.id", ondelete="CASCADE"),
                                            index=True)
    #: "2026-Q3" (a calendar quarter) or "2026" (a calendar year)
    period: Mapped[str] = mapped_column(String(7))
    period_start: Mapped[dt.date] = mapped_column(Date)
    #: the period's last day
    period_end: Mapped[dt.date] = mapped_column(Date)
    net_sales: Mapped[Decimal] = mapped_column(Numeric(20, 4))
    #: the rate the royalty was computed at (the licence's, when the report was filed)
    royalty_rate_percent: Mapped[Decimal] = mapped_column(Numeric(6, 3))
    #: net sales x rate, rounded half up to the minor unit
    royalty_due: Mapped[Decimal] = mapped_column(Numeric(20, 4))
    #: what the licensee paid for the period in all (the report and its amendments)
    amount_paid: Mapped[Decimal] = mapped_column(Numeric(20, 4))
    currency: Mapped[str] = mapped_column(String(3))
    #: how many times the report was amended
    amendments: Mapped[int] = mapped_column(Integer, default=0)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    license: Mapped[License] = relationship(back_populates="royalty_reports")

    def set_figures(self, net_sales: Decimal, amount: Decimal, rate: Decimal | None) -> None:
        self.net_sales = net_sales
        self.amount_paid = amount
        self.royalty_rate_percent = rate or Decimal(0)
        self.royalty_due = royalties.royalty_due(net_sales, rate, self.currency)

    @property
    def shortfall(self) -> Decimal:
        """How much of the royalty due is unpaid (0 when paid in full or more)."""
        return max(Decimal(self.royalty_due) - Decimal(self.amount_paid), Decimal(0))
