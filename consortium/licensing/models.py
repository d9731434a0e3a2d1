"""Licence model."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows import DISCLOSURE, LICENSE

from ..db import UTCDateTime, utcnow
from ..disclosures.models import Disclosure
from ..extensions import db
from ..organizations.models import Organization

_STATES = ", ".join(f"'{s}'" for s in LICENSE.states)
#: disclosure states in which the licensor holds rights it can license
OWNED_STATES = ("protected", "patent_pending", "patented", "trade_secret")
#: licence states that hold the asset (an overlapping exclusive licence is refused)
HOLDING_STATES = ("signing", "active")


class License(db.Model):
    __tablename__ = "licenses"
    __table_args__ = (
        CheckConstraint(f"state IN ({_STATES})", name="state_valid"),
        CheckConstraint("license_type IN ('exclusive', 'non_exclusive', 'option')",
                        name="type_valid"),
    )
    workflow_name = "license"

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

    __mapper_args__ = {"version_id_col": version}

    #: the income the transition being applied brought in (read by the licensing service)
    _income = None

    # -- what the engine asks -------------------------------------------------------------------
    def relations_of(self, actor) -> set[str]:
        rel = set()
        if actor.role == "legal" and actor.organization_id == self.licensor_organization_id:
            rel.add("licensor_legal")
        if actor.organization_id == self.licensee_organization_id:
            rel.add("licensee")
        return rel

    def signer_ids(self, group: str) -> list[int]:
        from ..organizations.services import signatory_id
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

    # -- effects of transitions -----------------------------------------------------------------
    def apply_terms(self, data: dict) -> None:
        for key in ("license_type", "field_of_use", "territory", "term_months", "upfront_fee",
                    "royalty_rate_percent", "minimum_annual_royalty"):
            if key in data:
                setattr(self, key, data[key])
        if "currency" in data:
            self.currency = data["currency"].upper()
        self.term_sheet_version = (self.term_sheet_version or 0) + 1

    def record_royalty(self, data: dict, now: dt.datetime) -> None:
        self._income = {"kind": "royalty", "amount": data["amount"],
                        "source": f"Royalty report {data['period']} of licence "
                                  f"{self.display_number}", "period": data["period"],
                        "net_sales": data["net_sales"], "at": now}

    def record_milestone(self, data: dict, now: dt.datetime) -> None:
        self._income = {"kind": "milestone", "amount": data["amount"],
                        "source": f"Milestone \"{data['milestone']}\" of licence "
                                  f"{self.display_number}", "at": now}

    def mark_active(self, now: dt.datetime) -> None:
        self.activated_at = now

    @property
    def expires_on(self) -> dt.date | None:
        if not self.activated_at or not self.term_months:
            return None
        from ..disclosures.novelty import _add_months
        return _add_months(self.activated_at.date(), self.term_months)

    @property
    def display_number(self) -> str:
        return self.reg_number or f"LIC-DRAFT-{self.id}"
