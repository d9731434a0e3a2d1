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
    and_,
    or_,
    select,
)
from sqlalchemy import Text as sa_Text
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
from ..search import vector_column
from . import royalties
from .schemas import MONEY_TERMS, NOTICE_TERM_NAMES, OPTION_TERM_NAMES, term_sheet

_STATES = ", ".join(f"'{s}'" for s in LICENSE.states)
#: disclosure states in which the licensor holds rights it can license
OWNED_STATES = ("protected", "patent_pending", "patented", "trade_secret")
#: licence states that hold the asset (an overlapping exclusive licence is refused)
HOLDING_STATES = ("signing", "active", "option_active")
#: an option's defaults: the exercise notice is given this many days before the option period
#: ends, and the licence is signed within this many days after the exercise
EXERCISE_NOTICE_DAYS = 30
NEGOTIATION_DAYS = 90
#: the licence template's periods: the cure period after a notice of breach (clause 12.3,
#: a licence term, this by default) and the licensee's notice of termination (12.2)
CURE_PERIOD_DAYS = 60
LICENSEE_NOTICE_DAYS = 90


class License(Permissions, db.Model):
    __tablename__ = "licenses"
    #: what a list search finds it by (see consortium.search)
    #: the stemmed words and concepts of ``search_parts()``, indexed (see consortium.search)
    search_text: Mapped[str | None] = mapped_column(sa_Text, deferred=True)
    search_vector: Mapped[str | None] = vector_column()
    __search_columns__ = ("reg_number", "field_of_use", "territory", "disclosure_id",
                          "licensee_organization_id", "license_type")

    def search_parts(self) -> list:
        # a new licence has ids but not yet its loaded relations: the identity map has them
        d = self.disclosure or db.session.get(Disclosure, self.disclosure_id)
        licensor = self.licensor or db.session.get(Organization, self.licensor_organization_id)
        licensee = self.licensee or db.session.get(Organization, self.licensee_organization_id)
        return [self.reg_number, self.field_of_use, self.territory, self.license_type,
                d.title if d else None, d.reg_number if d else None,
                licensor.name if licensor else None, licensee.name if licensee else None]

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
    #: the licensor's share of sublicence income, percent (a licence term; 25 unless agreed)
    sublicence_share_percent: Mapped[Decimal] = mapped_column(
        Numeric(6, 3), default=Decimal(25), server_default="25")
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
    #: the day the term ends (activation + term), stored at activation so that the
    #: scheduler finds the licences to expire with one indexed query
    term_ends_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    #: days the licensee has to cure a breach after the licensor's notice of it (clause 12.3)
    cure_period_days: Mapped[int] = mapped_column(Integer, default=CURE_PERIOD_DAYS)
    #: days of notice by which the licensee may terminate (clause 12.2), a term of the licence
    termination_notice_days: Mapped[int] = mapped_column(
        Integer, default=LICENSEE_NOTICE_DAYS, server_default=str(LICENSEE_NOTICE_DAYS))
    #: a notice of breach that is running: when given, the breach, the end of the cure period
    breach_notified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    breach_description: Mapped[str | None] = mapped_column(Text)
    cure_ends_on: Mapped[dt.date | None] = mapped_column(Date)
    #: why the licence ended early: agreement, breach, insolvency or licensee_notice
    termination_ground: Mapped[str | None] = mapped_column(String(30))
    #: the licensee's notice of termination takes effect on this day (the scheduler's
    #: ``complete_termination`` is due then)
    termination_effective_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    #: an option's own terms (``workflows.license.OPTION_TERMS``): its period, fee, the
    #: exercise notice (days before the period ends), the licence the holder may take on
    #: exercise and its key terms, and the days to sign that licence after the exercise
    option_period_months: Mapped[int | None] = mapped_column(Integer)
    option_fee: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    exercise_notice_days: Mapped[int | None] = mapped_column(Integer)
    exercise_license_type: Mapped[str | None] = mapped_column(String(20))
    exercise_terms: Mapped[str | None] = mapped_column(Text)
    negotiation_days: Mapped[int | None] = mapped_column(Integer)
    #: the option period's last day, set when both parties have signed the option agreement
    option_ends_on: Mapped[dt.date | None] = mapped_column(Date)
    #: the day the option lapses unless exercised (then: unless the licence is signed):
    #: the scheduler's ``lapse_option`` is due then
    option_lapses_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    option_exercised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    exercise_notice: Mapped[str | None] = mapped_column(Text)
    #: the catalogue offer and the enterprise's request an expression of interest opened it from
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("tech_requests.id"))

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

    def parties(self) -> tuple[set[int], set[int]]:
        """The organisations and people :meth:`relations_of` can name (a relation holds only
        for someone of one of these organisations, or one of these people): the inbox's
        notifications look for whom a record waits for among them alone."""
        return {self.licensor_organization_id, self.licensee_organization_id}, set()

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
        if self.license_type == "option":
            if not self.option_period_months:
                problems.append("give the option period in months")
            if not self.exercise_license_type:
                problems.append("give the licence the holder may take on exercise")
        elif not self.term_months:
            problems.append("give the term in months")
        if self.license_type != "option" and self.royalty_rate_percent is None:
            problems.append("give the royalty rate")
        if not self.territory:
            problems.append("give the territory")
        if self.term_sheet_version < 1:
            problems.append("propose the terms in a term sheet first")
        return problems

    def data_defaults(self, trigger: str) -> dict:
        """What a transition's form starts with: a new term sheet starts from the current
        terms, so a counter-offer changes only what it changes."""
        if trigger != "propose_terms":
            return {}

        def plain(value) -> str:
            return "" if value is None else f"{Decimal(value).normalize():f}"
        return {"license_type": self.license_type, "field_of_use": self.field_of_use or "",
                "territory": ", ".join(self.territory or []),
                "term_months": str(self.term_months) if self.term_months else "",
                "upfront_fee": plain(self.upfront_fee),
                "royalty_rate_percent": plain(self.royalty_rate_percent),
                "minimum_annual_royalty": plain(self.minimum_annual_royalty),
                "currency": self.currency or "KZT",
                "option_period_months": str(self.option_period_months or ""),
                "option_fee": plain(self.option_fee),
                "exercise_notice_days": "" if self.exercise_notice_days is None
                else str(self.exercise_notice_days),
                "exercise_license_type": self.exercise_license_type or "",
                "exercise_terms": self.exercise_terms or "",
                "negotiation_days": str(self.negotiation_days or ""),
                "cure_period_days": str(self.cure_days),
                "termination_notice_days": str(self.licensee_notice_days),
                "milestones": [{"description": m.get("description") or "",
                                "amount": plain(m.get("amount")),
                                "due_date": m.get("due_date") or ""}
                               for m in self.milestones or []]}

    def overlaps(self, other: License) -> bool:
        fields = {(self.field_of_use or "").strip().lower(),
                  (other.field_of_use or "").strip().lower()}
        same_field = "" in fields or len(fields) == 1
        a, b = set(self.territory or ["WORLD"]), set(other.territory or ["WORLD"])
        shared = "WORLD" in a or "WORLD" in b or bool(a & b)
        return same_field and shared

    def exclusivity_conflict(self) -> License | None:
        """A signing or active licence on the same asset that overlaps, if either is exclusive.
        An option reserves its licence exclusively (its clause 2.2): while it is signing or in
        force, and after its exercise while the licence on exercise is negotiated."""
        others = db.session.scalars(select(License).where(
            License.disclosure_id == self.disclosure_id, License.id != self.id,
            or_(License.state.in_(HOLDING_STATES),
                and_(License.state.in_(("negotiation", "legal_review")),
                     License.option_exercised_at.is_not(None),
                     License.option_lapses_on.is_not(None)))).order_by(License.id)).all()
        reserving = ("exclusive", "option")
        for other in others:
            exclusive = (self.license_type in reserving or other.license_type in reserving
                         or other.option_exercised_at is not None)
            if exclusive and self.overlaps(other):
                return other
        return None

    # -- the data of transitions, checked against the licence --------------------------------
    def check_data(self, trigger: str, data: dict, now: dt.datetime) -> dict:
        """The engine asks before the conditions: the transition's data under this licence."""
        if trigger == "propose_terms":
            current = {"currency": self.currency,
                       **{name: getattr(self, name) for name in MONEY_TERMS},
                       **{name: getattr(self, name) for name in OPTION_TERM_NAMES}}
            checked = term_sheet(data, current)
            if self.option_exercised_at is not None and checked.get("license_type") == "option":
                raise Invalid({"license_type": N_(
                    "the option was exercised: the terms are those of the licence, exclusive "
                    "or non-exclusive")})
            return checked
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
        figures = self._report_figures(data, errors)
        if errors:
            raise Invalid(errors)
        return {**data, **figures, "period": period.code}

    def _report_figures(self, data: dict, errors: dict) -> dict:
        """What the reporting clause asks for, checked and computed: net sales are the gross
        amounts invoiced less the deductions (when they are given, the net sales sent, if
        any, must agree), and the sales by country add up to the gross amounts invoiced."""
        out: dict = {}
        gross, deductions = data.get("gross_invoiced"), data.get("deductions")
        if deductions is not None and gross is None:
            errors["gross_invoiced"] = N_("required with the deductions")
        if gross is not None:
            computed = gross - (deductions or Decimal(0))
            if computed < 0:
                errors["deductions"] = N_("cannot exceed the gross amounts invoiced")
            elif data.get("net_sales") is not None and data["net_sales"] != computed:
                errors["net_sales"] = Message(N_("must be the gross amounts invoiced less "
                                                 "the deductions, %(net)s"),
                                              net=f"{computed:f} {self.currency}")
            else:
                out["net_sales"] = computed
        elif data.get("net_sales") is None:
            errors["net_sales"] = N_("required: the net sales, or the gross amounts invoiced "
                                     "and the deductions")
        raw = data.get("sales_by_country")
        if raw is not None:
            try:
                countries = royalties.parse_sales_by_country(raw, self.currency)
            except ValueError as err:
                errors["sales_by_country"] = err.args[0]
            else:
                out["sales_by_country"] = countries
                total = sum((Decimal(c["amount"]) for c in countries), Decimal(0))
                if gross is not None and total != gross:
                    errors["sales_by_country"] = Message(
                        N_("the amounts by country add up to %(total)s, not to the gross "
                           "amounts invoiced"), total=f"{total:f} {self.currency}")
        if data.get("sublicence_income") and not self.sublicensing_allowed:
            errors["sublicence_income"] = N_("the licence does not permit sublicensing")
        return out

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

    # -- notices: breach and cure, termination on notice ---------------------------------------
    @property
    def cure_days(self) -> int:
        """The cure period after a notice of breach, in days: this licence's term (what the
        engine dates the cure by and the agreement states)."""
        return self.cure_period_days or CURE_PERIOD_DAYS

    @property
    def licensee_notice_days(self) -> int:
        """The licensee's notice of termination, in days: this licence's term."""
        return self.termination_notice_days or LICENSEE_NOTICE_DAYS

    def breach_notice_problem(self, running: bool) -> Unmet | None:
        """Why a notice of breach cannot be given (``running`` False) or its cure recorded
        (``running`` True) now."""
        if running and self.breach_notified_at is None:
            return Unmet.invalid(N_("No notice of breach is running."))
        if not running and self.breach_notified_at is not None:
            return Unmet.invalid(N_("A notice of breach is already running: its cure period "
                                    "ends on %(date)s."), {"date": _day(self.cure_ends_on)})
        return None

    def give_breach_notice(self, data: dict, now: dt.datetime) -> None:
        """The cure period runs from the notice: its last day is ``cure_ends_on``."""
        self.breach_notified_at = now
        self.breach_description = data["breach"]
        self.cure_ends_on = now.astimezone(dt.UTC).date() + dt.timedelta(days=self.cure_days)

    def record_cure(self, now: dt.datetime) -> None:
        self.breach_notified_at = None
        self.breach_description = None
        self.cure_ends_on = None

    def termination_problem(self, ground: str, actor, now: dt.datetime) -> Unmet | None:
        """Why the licence cannot be terminated on ``ground`` by ``actor`` now: a breach and
        insolvency are the licensor's grounds, and a breach only once the cure period after
        its notice has run out uncured (clause 12.3)."""
        if ground in ("breach", "insolvency") and actor is not None \
                and "licensor_legal" not in self.relations_of(actor):
            return Unmet.invalid(N_("Only the licensor may terminate on this ground; the "
                                    "licensee terminates by notice."), field="ground")
        if ground != "breach":
            return None
        if self.breach_notified_at is None or self.cure_ends_on is None:
            return Unmet.invalid(
                N_("A licence can be terminated for breach only after a notice of the breach "
                   "and a cure period of %(days)s days: give notice of the breach first."),
                {"days": self.cure_days}, field="ground")
        if now.astimezone(dt.UTC).date() <= self.cure_ends_on:
            return Unmet.invalid(
                N_("The cure period ends on %(date)s: only after it, if the breach is not "
                   "cured, can the licence be terminated for it."),
                {"date": _day(self.cure_ends_on)}, field="ground")
        return None

    def termination_notice_problem(self) -> Unmet | None:
        if self.termination_effective_on is not None:
            return Unmet.invalid(N_("Notice of termination was given already: it takes effect "
                                    "on %(date)s."), {"date": _day(self.termination_effective_on)})
        return None

    def give_termination_notice(self, now: dt.datetime) -> None:
        """The licensee's notice (clause 12.2): the licence ends when it runs out."""
        self.termination_effective_on = now.astimezone(dt.UTC).date() + dt.timedelta(
            days=self.licensee_notice_days)
        self.termination_ground = "licensee_notice"

    def end(self, now: dt.datetime, ground: str | None) -> None:
        self.ended_at = now
        self.termination_ground = ground

    def pending_dates(self) -> list[dict]:
        """What waits for a date, for the page and the API."""
        out = []
        if self.state == "active" and self.breach_notified_at is not None:
            out.append({"kind": "cure_period", "notice_given_at": self.breach_notified_at,
                        "breach": self.breach_description, "effective_on": self.cure_ends_on})
        if self.state == "active" and self.termination_effective_on is not None:
            out.append({"kind": "termination_notice", "effective_on":
                        self.termination_effective_on})
        if self.state == "active" and self.term_ends_on is not None:
            out.append({"kind": "term_end", "effective_on": self.term_ends_on})
        if self.state == "option_active" and self.option_lapses_on is not None:
            out.append({"kind": "option_exercise", "effective_on": self.exercise_deadline})
            out.append({"kind": "option_lapse", "effective_on": self.option_lapses_on})
        elif self.option_lapses_on is not None and self.state in ("negotiation",
                                                                  "legal_review"):
            out.append({"kind": "option_lapse", "effective_on": self.option_lapses_on})
        return out

    # -- the option: its period, exercise and lapse --------------------------------------------
    @property
    def exercise_deadline(self) -> dt.date | None:
        """The last day the holder may give notice of exercise: the option period's end less
        the exercise notice days."""
        if self.option_ends_on is None:
            return None
        return self.option_ends_on - dt.timedelta(days=self.exercise_notice_days or 0)

    def option_problem(self, trigger: str, now: dt.datetime) -> Unmet | None:
        """Why ``trigger`` does not fit the option (or the licence) now."""
        today = now.astimezone(dt.UTC).date()
        is_option = self.license_type == "option"
        if trigger == "approve" and is_option:
            return Unmet.invalid(N_("This is an option: approve the option agreement for "
                                    "signature instead."))
        if trigger == "approve_option" and not is_option:
            return Unmet.invalid(N_("This is a licence, not an option: approve the licence "
                                    "for signature."))
        if trigger == "exercise_option":
            deadline = self.exercise_deadline
            if deadline is not None and today > deadline:
                return Unmet.invalid(
                    N_("The notice of exercise was due by %(date)s (%(days)s days before the "
                       "option period ends on %(end)s): the option can no longer be "
                       "exercised."), {"date": _day(deadline), "end": _day(self.option_ends_on),
                                        "days": self.exercise_notice_days or 0})
        if trigger == "lapse_option":
            if self.option_lapses_on is None:
                return Unmet.invalid(N_("No option period or negotiation period is running."))
            if today < self.option_lapses_on:
                return Unmet.conflict(N_("The option lapses on %(date)s, not before."),
                                      {"date": _day(self.option_lapses_on)})
        return None

    def grant_option(self, now: dt.datetime) -> None:
        """Both parties signed: the option period runs from today."""
        self.activated_at = now
        self.option_ends_on = _add_months(now.astimezone(dt.UTC).date(),
                                          self.option_period_months or 1)
        self.option_lapses_on = self.option_ends_on
        if self.exercise_notice_days is None:
            self.exercise_notice_days = EXERCISE_NOTICE_DAYS

    def exercise_option(self, data: dict, now: dt.datetime) -> None:
        """The holder's notice: the licence it may take is negotiated now, and must be
        signed within the negotiation period or the option lapses."""
        self.option_exercised_at = now
        self.exercise_notice = data.get("notice")
        self.license_type = self.exercise_license_type or "non_exclusive"
        self.option_lapses_on = now.astimezone(dt.UTC).date() + dt.timedelta(
            days=self.negotiation_days or NEGOTIATION_DAYS)
        self.activated_at = None

    def lapse_option(self, now: dt.datetime) -> None:
        self.ended_at = now
        self.option_lapses_on = None

    def option_json(self) -> dict:
        def day(value):
            return value.isoformat() if value else None
        return {
            "option_period_months": self.option_period_months,
            "option_fee": f"{self.option_fee:.2f}" if self.option_fee is not None else None,
            "exercise_notice_days": self.exercise_notice_days,
            "exercise_license_type": self.exercise_license_type,
            "exercise_terms": self.exercise_terms,
            "negotiation_days": self.negotiation_days,
            "option_ends_on": day(self.option_ends_on),
            "exercise_deadline": day(self.exercise_deadline),
            "option_lapses_on": day(self.option_lapses_on),
            "option_exercised_at": self.option_exercised_at.isoformat()
            if self.option_exercised_at else None,
            "exercise_notice": self.exercise_notice,
        }

    # -- effects of transitions -----------------------------------------------------------------
    def apply_terms(self, data: dict) -> None:
        for key in ("license_type", "field_of_use", "territory", "term_months", "upfront_fee",
                    "royalty_rate_percent", "minimum_annual_royalty", "currency",
                    *OPTION_TERM_NAMES):
            if key in data:
                setattr(self, key, data[key])
        for key, default in zip(NOTICE_TERM_NAMES, (CURE_PERIOD_DAYS, LICENSEE_NOTICE_DAYS),
                                strict=True):
            if key in data:  # empty: back to the model licence's period
                setattr(self, key, default if data[key] is None else data[key])
        if "milestones" in data:  # the term sheet's whole list of milestone payments
            rows = [m if isinstance(m, dict) else m.model_dump()
                    for m in data["milestones"] or []]
            self.milestones = [{"description": m["description"], "amount": f"{m['amount']:.2f}",
                                "due_date": m["due_date"].isoformat() if m["due_date"] else None}
                               for m in rows]
        self.term_sheet_version = (self.term_sheet_version or 0) + 1

    def record_royalty(self, data: dict, now: dt.datetime, actor) -> Payment:
        """File the report of a period; its payment becomes income."""
        period = royalties.parse_period(data["period"])
        report = RoyaltyReport(
            license_id=self.id, period=period.code, period_start=period.start,
            period_end=period.last, currency=self.currency,
            reported_by_id=actor.id if actor else None, created_at=now, updated_at=now)
        report.set_figures(data["net_sales"], data["amount"], self.royalty_rate_percent,
                           data, self.sublicence_share_percent)
        self.royalty_reports.append(report)
        return Payment("royalty", report.amount_paid,
                       f"Royalty report {period.code} of licence {self.display_number}", now,
                       report=report, period=period.code, net_sales=report.net_sales)

    def amend_royalty(self, data: dict, now: dt.datetime, actor) -> Payment:
        """Correct the report of a period; only what is paid on top becomes income."""
        report = self.royalty_report(data["period"])
        before = report.amount_paid
        report.set_figures(data["net_sales"], data["amount"], self.royalty_rate_percent,
                           data, self.sublicence_share_percent)
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
        self.term_ends_on = self.expires_on
        self.option_lapses_on = None  # an exercised option's licence is signed

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

    #: what the licence's reporting clause asks for (None: not reported, an older report)
    gross_invoiced: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    deductions: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    #: [{"country": "KZ", "units": 120, "amount": "1500000.00"}]
    sales_by_country: Mapped[list | None] = mapped_column(JSON)
    sublicence_income: Mapped[Decimal | None] = mapped_column(Numeric(20, 4))
    #: the licensor's share of sublicence income the report was computed at
    sublicence_share_percent: Mapped[Decimal | None] = mapped_column(Numeric(6, 3))

    def set_figures(self, net_sales: Decimal, amount: Decimal, rate: Decimal | None,
                    data: dict | None = None, share: Decimal | None = None) -> None:
        """The report's figures; the royalty due is net sales x rate plus the licensor's
        share of sublicence income (``royalties.royalty_due_with_sublicences``)."""
        data = data or {}
        self.net_sales = net_sales
        self.amount_paid = amount
        self.royalty_rate_percent = rate or Decimal(0)
        self.gross_invoiced = data.get("gross_invoiced")
        self.deductions = data.get("deductions")
        self.sales_by_country = data.get("sales_by_country")
        self.sublicence_income = data.get("sublicence_income")
        self.sublicence_share_percent = share if self.sublicence_income is not None else None
        self.royalty_due = royalties.royalty_due_with_sublicences(
            net_sales, rate, self.sublicence_income, share, self.currency)

    def to_dict(self) -> dict:
        def m(v):
            return f"{Decimal(v):.2f}" if v is not None else None
        return {"period": self.period, "gross_invoiced": m(self.gross_invoiced),
                "deductions": m(self.deductions), "net_sales": m(self.net_sales),
                "sales_by_country": list(self.sales_by_country or []),
                "sublicence_income": m(self.sublicence_income),
                "sublicence_share_percent": f"{Decimal(self.sublicence_share_percent).normalize():f}"
                if self.sublicence_share_percent is not None else None,
                "royalty_rate_percent": f"{Decimal(self.royalty_rate_percent).normalize():f}",
                "royalty_due": m(self.royalty_due), "amount_paid": m(self.amount_paid),
                "shortfall": m(self.shortfall), "amendments": self.amendments}

    @property
    def shortfall(self) -> Decimal:
        """How much of the royalty due is unpaid (0 when paid in full or more)."""
        return max(Decimal(self.royalty_due) - Decimal(self.amount_paid), Decimal(0))
