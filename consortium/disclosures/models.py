"""Disclosure and inventor models."""
from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import Text as sa_Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows import DISCLOSURE
from workflows.errors import N_

from ..auth.models import Role, signatory_id
from ..db import UTCDateTime, utcnow
from ..extensions import db
from ..organizations.models import Organization
from ..permissions import Permissions
from ..search import vector_column


class FundingSource(enum.StrEnum):
    state_grant = "state_grant"
    institutional = "institutional"
    consortium = "consortium"
    enterprise_contract = "enterprise_contract"
    personal = "personal"


FUNDING_LABELS = {
    "state_grant": N_("State research grant"),
    "institutional": N_("Institutional funds"),
    "consortium": N_("Consortium programme"),
    "enterprise_contract": N_("Contract research for an enterprise"),
    "personal": N_("Personal time and resources"),
}

#: the owner an assessment proposes for an invention made inside a consortium
OWNERSHIP_BY_REGIME = {"each_party_owns": "institution", "contributor_owns": "institution",
                       "lead_owns": "consortium", "joint_ownership": "joint"}

_STATES = ", ".join(f"'{s}'" for s in DISCLOSURE.states)


class Disclosure(Permissions, db.Model):
    __tablename__ = "disclosures"
    #: what a list search finds it by (see consortium.search)
    #: the stemmed words and concepts of ``search_parts()``, indexed (see consortium.search)
    search_text: Mapped[str | None] = mapped_column(sa_Text, deferred=True)
    search_vector: Mapped[str | None] = vector_column()
    __search_columns__ = ("reg_number", "title", "abstract", "field", "keywords",
                          "application_number", "patent_number")

    def search_parts(self) -> list:
        return [self.reg_number, self.title, self.abstract, self.field, self.keywords,
                self.application_number, self.patent_number, self.patent_office,
                self.organization.name if self.organization else None,
                [i.name for i in self.inventors]]

    __table_args__ = (CheckConstraint(f"state IN ({_STATES})", name="state_valid"),)
    workflow_name = "disclosure"
    # who may file and edit one (see ``consortium.permissions``)
    editable_states = DISCLOSURE.editable_states
    not_creator = N_("Only researchers file invention disclosures.")
    not_editor = N_("Only the disclosure's inventors can edit it.")
    not_editable = N_("A disclosure can be edited only while it is a draft or sent back for "
                      "revision.")

    id: Mapped[int] = mapped_column(primary_key=True)
    #: registration number given on first submission, e.g. IDR-2026-00012
    reg_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    abstract: Mapped[str] = mapped_column(Text)
    #: description and background of the invention
    background: Mapped[str | None] = mapped_column(Text)
    #: what is new compared with the prior art
    novelty: Mapped[str | None] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(300))
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    funding_source: Mapped[str] = mapped_column(String(40))
    grant_numbers: Mapped[str | None] = mapped_column(String(500))
    conception_date: Mapped[dt.date | None] = mapped_column(Date)
    reduction_to_practice_date: Mapped[dt.date | None] = mapped_column(Date)
    #: first public disclosure (paper, talk, thesis), which starts the novelty grace period
    public_disclosure_date: Mapped[dt.date | None] = mapped_column(Date)
    public_disclosure_details: Mapped[str | None] = mapped_column(Text)
    interested_partners: Mapped[str | None] = mapped_column(Text)
    #: the consortium whose work produced the invention; its IP regime suggests the owner
    consortium_id: Mapped[int | None] = mapped_column(ForeignKey("consortia.id"), index=True)
    #: the filing organisation: the creating researcher's
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    state: Mapped[str] = mapped_column(String(40), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow,
                                                    onupdate=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    # assessment
    trl: Mapped[int | None] = mapped_column(Integer)
    crl: Mapped[int | None] = mapped_column(Integer)
    mrl: Mapped[int | None] = mapped_column(Integer)
    irl: Mapped[int | None] = mapped_column(Integer)
    ownership: Mapped[str | None] = mapped_column(String(20))
    recommendation: Mapped[str | None] = mapped_column(Text)
    assessed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    # protection
    patent_office: Mapped[str | None] = mapped_column(String(200))
    application_number: Mapped[str | None] = mapped_column(String(100))
    filing_date: Mapped[dt.date | None] = mapped_column(Date)
    patent_number: Mapped[str | None] = mapped_column(String(100))
    grant_date: Mapped[dt.date | None] = mapped_column(Date)

    organization: Mapped[Organization] = relationship(lazy="joined")
    inventors: Mapped[list[Inventor]] = relationship(
        back_populates="disclosure", order_by="Inventor.position",
        cascade="all, delete-orphan", lazy="selectin")

    __mapper_args__ = {"version_id_col": version}

    # -- what the engine asks -------------------------------------------------------------------
    # -- who may file and edit it ------------------------------------------------------------
    @classmethod
    def can_create(cls, user) -> bool:
        return user.role == Role.researcher

    def is_editor(self, user) -> bool:
        return "inventor" in self.relations_of(user)

    def parties(self) -> tuple[set[int], set[int]]:
        """The organisations and people :meth:`relations_of` can name (a relation holds only
        for someone of one of these organisations, or one of these people): the inbox's
        notifications look for whom a record waits for among them alone."""
        return {self.organization_id}, {i.user_id for i in self.inventors if i.user_id}

    def relations_of(self, actor) -> set[str]:
        rel = set()
        if any(i.user_id == actor.id for i in self.inventors):
            rel.add("inventor")
        if actor.role == "legal" and actor.organization_id == self.organization_id:
            rel.add("org_legal")
        return rel

    def signer_ids(self, group: str) -> list[int]:
        """Who signs for ``group`` (``workflows.definition.SIGNER_PARTIES``): every inventor
        with an account, after the organisation's signatory for ``assignors``. An inventor
        without one is invited; accepting joins them to the document
        (:func:`consortium.disclosures.signers.inventor_joined`)."""
        if group not in ("inventors", "assignors"):
            raise KeyError(group)
        seen: list[int] = []
        if group == "assignors":
            uid = signatory_id(self.organization)
            if uid:
                seen.append(uid)
        for inv in self.inventors:
            if inv.user_id and inv.user_id not in seen:
                seen.append(inv.user_id)
        return seen

    def inventors_without_account(self) -> list[str]:
        """The inventors who cannot sign yet: named by e-mail, with no account (invited)."""
        return [inv.name for inv in self.inventors if not inv.user_id]

    def data_defaults(self, trigger: str) -> dict:
        """Values a transition's form starts with: ownership follows the consortium's regime."""
        if trigger == "complete_assessment" and self.consortium_id:
            from ..consortia.models import Consortium
            c = db.session.get(Consortium, self.consortium_id)
            if c is not None:
                return {"ownership": OWNERSHIP_BY_REGIME[c.ip_regime]}
        return {}

    def inventor_shares(self) -> list[Decimal]:
        return [Decimal(i.share_percent) for i in self.inventors]

    # -- effects of transitions -----------------------------------------------------------------
    def mark_submitted(self, now: dt.datetime) -> None:
        self.submitted_at = now
        if not self.reg_number:
            self.reg_number = f"ID-{now.year}-{self.id:05d}"

    def apply_assessment(self, data: dict, now: dt.datetime) -> None:
        for scale in ("trl", "crl", "mrl", "irl"):
            setattr(self, scale, int(data[scale]))
        self.ownership = data["ownership"]
        self.recommendation = data["recommendation"]
        self.assessed_at = now

    def apply_patent_filing(self, data: dict) -> None:
        self.patent_office = data["office"]
        self.application_number = data["application_number"]
        self.filing_date = data["filing_date"]

    def apply_patent_grant(self, data: dict) -> None:
        self.patent_number = data["patent_number"]
        self.grant_date = data["grant_date"]

    @property
    def display_number(self) -> str:
        # a draft's code, in no language: it is printed on documents and stored in notices
        return self.reg_number or f"ID-DRAFT-{self.id}"


class Inventor(db.Model):
    __tablename__ = "inventors"
    __search_columns__ = ("name",)

    @property
    def search_parent(self):
        return self.disclosure

    __table_args__ = (
        UniqueConstraint("disclosure_id", "position", name="uq_inventors_position"),
        CheckConstraint("share_percent > 0 AND share_percent <= 100", name="share_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(
        ForeignKey("disclosures.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    #: the inventor's account, when they have one (only they can sign)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    #: percentage contribution, up to three decimals; all inventors total exactly 100
    share_percent: Mapped[Decimal] = mapped_column(Numeric(6, 3))
    #: the IIN of an inventor without an account (optional; one with an account has it on
    #: the account), printed where a document names the inventor
    iin: Mapped[str | None] = mapped_column(String(12))

    disclosure: Mapped[Disclosure] = relationship(back_populates="inventors")
    organization: Mapped[Organization | None] = relationship(lazy="joined")
