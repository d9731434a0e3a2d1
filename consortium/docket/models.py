"""Patent filings of a disclosure's family, their costs and due dates, licence registrations."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db
from .rules import KINDS, STATUSES

_KINDS = ", ".join(f"'{k}'" for k in KINDS)
_STATUSES = ", ".join(f"'{k}'" for k in STATUSES)
COST_KINDS = ("official_fee", "attorney_fee")
REGISTRATION_STATES = ("not_submitted", "submitted", "registered")


class PatentFiling(db.Model):
    """One application of a disclosure's patent family (national, regional, PCT)."""

    __tablename__ = "patent_filings"
    __table_args__ = (CheckConstraint(f"kind IN ({_KINDS})", name="kind_valid"),
                      CheckConstraint(f"status IN ({_STATUSES})", name="status_valid"))

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), index=True)
    #: the disclosure's organisation, kept here so the docket reads one index
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    #: KZ, EAPO, PCT, EP or another office's ISO 3166 code (see ``rules.OFFICES``)
    office: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20), default="invention")
    application_number: Mapped[str | None] = mapped_column(String(100))
    filing_date: Mapped[dt.date | None] = mapped_column(Date)
    #: [{"number", "date", "country"}], the earlier applications whose priority it claims
    priority_claims: Mapped[list[dict]] = mapped_column(JSON, default=list)
    publication_number: Mapped[str | None] = mapped_column(String(100))
    publication_date: Mapped[dt.date | None] = mapped_column(Date)
    grant_number: Mapped[str | None] = mapped_column(String(100))
    grant_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="filed")
    attorney: Mapped[str | None] = mapped_column(String(300))
    #: the date by which the last office action must be answered, while one is open
    office_action_due: Mapped[dt.date | None] = mapped_column(Date)
    office_action_note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow,
                                                    onupdate=utcnow)

    costs: Mapped[list[PatentCost]] = relationship(
        back_populates="filing", order_by="PatentCost.paid_on", cascade="all, delete-orphan",
        lazy="selectin")

    __mapper_args__ = {"version_id_col": version}


class PatentCost(db.Model):
    """An official or attorney fee paid for a filing."""

    __tablename__ = "patent_costs"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),
                      CheckConstraint("kind IN ('official_fee', 'attorney_fee')",
                                      name="kind_valid"))

    id: Mapped[int] = mapped_column(primary_key=True)
    filing_id: Mapped[int] = mapped_column(ForeignKey("patent_filings.id"), index=True)
    #: the family's disclosure, so that cost recovery reads one index
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), index=True)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Numeric(20, 4))
    #: ISO 4217
    currency: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(300))
    #: the revenue whose distribution took this cost into cost recovery (None: not yet)
    recovery_revenue_id: Mapped[int | None] = mapped_column(ForeignKey("revenues.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    filing: Mapped[PatentFiling] = relationship(back_populates="costs")


class DocketEntry(db.Model):
    """A due date of a family, computed by ``rules.family_dues`` whenever a filing changes
    (stored, so that the docket of a large portfolio is one index range)."""

    __tablename__ = "docket_entries"
    __table_args__ = (Index("ix_docket_entries_org_due", "organization_id", "due"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), index=True)
    filing_id: Mapped[int] = mapped_column(ForeignKey("patent_filings.id"), index=True)
    due: Mapped[dt.date] = mapped_column(Date, index=True)
    #: national_phase, annuity, office_action, priority_year
    kind: Mapped[str] = mapped_column(String(20))
    office: Mapped[str] = mapped_column(String(8))
    #: the untranslated message and its parameters
    message: Mapped[str] = mapped_column(String(300))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the smallest number of days before ``due`` at which a reminder went out (None: none)
    reminded_days: Mapped[int | None] = mapped_column(Integer)
    #: when legal staff marked it done (an annuity paid, the national phase entered, an office
    #: action's response filed), by whom, with their note; None: still to do. Kept when the
    #: family's due dates are computed again, for the same filing, kind and date.
    done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    done_note: Mapped[str | None] = mapped_column(String(300))


class LicenseRegistration(db.Model):
    """The registration of a licence agreement with the patent office (Kazakh law requires
    licences on patents to be registered to take effect against third parties)."""

    __tablename__ = "license_registrations"
    __table_args__ = (CheckConstraint(
        "state IN ('not_submitted', 'submitted', 'registered')", name="state_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    license_id: Mapped[int] = mapped_column(ForeignKey("licenses.id"), unique=True)
    state: Mapped[str] = mapped_column(String(20), default="not_submitted")
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    registration_number: Mapped[str | None] = mapped_column(String(100))
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    #: the last day a reminder went out (one a week until it is registered)
    reminded_on: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow,
                                                    onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}


def unrecovered_costs(disclosure_id: int, currency: str) -> tuple[Decimal, list[int]]:
    """The family's costs in ``currency`` that no distribution has taken into cost recovery
    yet, and their ids (costs in another currency wait for a plan in theirs)."""
    rows = db.session.execute(select(PatentCost.id, PatentCost.amount).where(
        PatentCost.disclosure_id == disclosure_id, PatentCost.currency == currency,
        PatentCost.recovery_revenue_id.is_(None)).order_by(PatentCost.id)).all()
    return sum((Decimal(a) for _, a in rows), Decimal(0)), [i for i, _ in rows]


def has_costs(disclosure_id: int) -> bool:
    """Whether any fee of the family was recorded (then cost recovery reads them)."""
    return db.session.scalar(select(PatentCost.id).where(
        PatentCost.disclosure_id == disclosure_id).limit(1)) is not None


def mark_recovered(cost_ids: list[int], revenue_id: int) -> None:
    """The distribution of the revenue ``revenue_id`` took these costs into recovery."""
    for cost in db.session.scalars(select(PatentCost).where(PatentCost.id.in_(cost_ids))):
        cost.recovery_revenue_id = revenue_id
