"""Offers, requests, their matches and the interest an enterprise expressed."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows import OFFER, REQUEST, TransitionInput
from workflows.errors import N_, ValidationFailed
from workflows.errors import Text as Message
from workflows.readiness import wording

from ..auth.models import Role
from ..db import UTCDateTime, utcnow
from ..disclosures.models import Disclosure
from ..extensions import db
from ..licensing.models import OWNED_STATES
from ..organizations.models import Organization
from ..permissions import Permissions
from ..search import vector_column
from . import search
from .taxonomy import STAGES, stage_of

_OFFER_STATES = ", ".join(f"'{s}'" for s in OFFER.states)
_REQUEST_STATES = ", ".join(f"'{s}'" for s in REQUEST.states)

#: an invention in these states is no longer the organisation's (see ``publish_problems``)
_NOT_OURS = ("released", "abandoned", "withdrawn")
#: a summary sharing a run of this many words with the confidential text copies it
SHINGLE = 6
#: the positions of the secondary texts among those an offer and a request index
#: (:func:`.search.index_text`'s ``secondary``): an offer's summary (its title and keywords
#: say what it is), a request's "what the company makes" (its background, not its need)
OFFER_SECONDARY = (1,)
REQUEST_SECONDARY = (2,)


def _words(text: str | None) -> list[str]:
    return re.findall(r"[^\W_]+", (text or "").lower())


def copied_fragment(public: str | None, confidential: list[str | None]) -> str | None:
    """The first run of at least :data:`SHINGLE` words of ``public`` that any
    ``confidential`` text contains too (word shingles, case-insensitive), or None."""
    secret: set[tuple[str, ...]] = set()
    for t in confidential:
        w = _words(t)
        secret.update(tuple(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1))
    words = _words(public)
    for i in range(len(words) - SHINGLE + 1):
        if tuple(words[i:i + SHINGLE]) in secret:
            end = i + SHINGLE
            while end < len(words) and tuple(words[end - SHINGLE + 1:end + 1]) in secret:
                end += 1
            return " ".join(words[i:end])[:300]
    return None


def ip_status_of(d: Disclosure | None) -> tuple[str, str | None]:
    """The IP status an offer shows, derived from its disclosure, with public numbers."""
    if d is None:
        return "none", None
    if d.state == "patented":
        return "patented", d.patent_number
    if d.state == "patent_pending":
        return "patent_pending", d.application_number
    if d.state == "trade_secret":
        return "know_how", None
    if d.state == "protected":
        return "protected", None
    return "none", None


IP_STATUS_LABELS = {"patented": N_("Patented"), "patent_pending": N_("Patent pending"),
                    "know_how": N_("Know-how (trade secret)"),
                    "protected": N_("Rights assigned, protection in preparation"),
                    "none": N_("No registered IP")}


def slug_of(title: str) -> str:
    """The words of an offer's title as its URL's slug."""
    words = re.findall(r"[^\W_]+", title.lower())
    return "-".join(words)[:80].strip("-") or "offer"


class _Common:
    """What offers and requests share: their organisation, language and search text."""

    def parties(self) -> tuple[set[int], set[int]]:
        """The organisations and people :meth:`relations_of` can name (a relation holds only
        for someone of one of these organisations, or one of these people): the inbox's
        notifications look for whom a record waits for among them alone."""
        return {self.organization_id}, set()

    def relations_of(self, actor) -> set[str]:
        rel = set()
        if actor.organization_id == self.organization_id:
            rel.add("own_org")
            if actor.role == "legal":
                rel.add("org_legal")
        return rel

    def signer_ids(self, group: str) -> list[int]:
        raise KeyError(group)

    @property
    def stage(self) -> str | None:
        return stage_of(self.trl_level)

    @property
    def stage_label(self) -> str:
        return STAGES[self.stage][1] if self.stage else ""


class Offer(_Common, Permissions, db.Model):
    __tablename__ = "offers"
    __table_args__ = (
        CheckConstraint(f"state IN ({_OFFER_STATES})", name="state_valid"),
        CheckConstraint("kind IN ('technology', 'rd_service', 'equipment')", name="kind_valid"),
        CheckConstraint("trl IS NULL OR (trl >= 1 AND trl <= 9)", name="trl_range"),
        Index("ix_offers_state_stage", "state", "stage_key", "id"),
        # an organisation's own offers in some states (the inbox's draft and withdrawn
        # ones), found without reading every published offer
        Index("ix_offers_state_org", "state", "organization_id"),
    )
    workflow_name = "offer"
    editable_states = OFFER.editable_states
    not_creator = N_("Offers are written by an organisation's researchers or legal staff.")
    not_editor = N_("Only the offering organisation's researchers and legal staff can edit "
                    "this offer.")
    # every state of an offer is editable (a withdrawn one is corrected out of public view):
    # no ``not_editable`` refusal to give

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    field: Mapped[str | None] = mapped_column(String(40), index=True)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    sector_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    science_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    trl: Mapped[int | None] = mapped_column(Integer)
    #: the catalogue stage of ``trl`` (indexed for the per-stage counts)
    stage_key: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(2), default="en")
    region: Mapped[str | None] = mapped_column(String(60))
    disclosure_id: Mapped[int | None] = mapped_column(ForeignKey("disclosures.id"), index=True)
    ip_status: Mapped[str] = mapped_column(String(20), default="none")
    ip_numbers: Mapped[str | None] = mapped_column(String(200))
    #: legal staff confirmed at publication that text shared with the disclosure is public
    confirmed_public: Mapped[bool] = mapped_column(Boolean, default=False)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_vector: Mapped[str | None] = vector_column()
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow,
                                                    onupdate=utcnow)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization] = relationship(lazy="joined")
    disclosure: Mapped[Disclosure | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @classmethod
    def can_create(cls, user) -> bool:
        return user.role in (Role.legal, Role.researcher)

    def is_editor(self, user) -> bool:
        return user.organization_id == self.organization_id \
            and user.role in (Role.legal, Role.researcher)

    @property
    def trl_level(self) -> int | None:
        return self.trl

    @property
    def trl_wording(self) -> str:
        return wording("trl", self.trl)

    @property
    def display_number(self) -> str:
        return f"OF-{self.id:05d}"

    @property
    def slug(self) -> str:
        return slug_of(self.title)

    def refresh_derived(self) -> None:
        """Stage, IP status and search text follow the fields they come from."""
        self.stage_key = stage_of(self.trl)
        self.ip_status, self.ip_numbers = ip_status_of(self.disclosure)
        self.search_text = search.index_text(
            [self.title, self.summary, " ".join(self.keywords or [])],
            language=self.language, field=self.field, sector_codes=self.sector_codes,
            science_codes=self.science_codes, secondary=OFFER_SECONDARY)

    # -- what the workflow asks -------------------------------------------------------------
    def confidential_copy(self) -> str | None:
        d = self.disclosure
        if d is None:
            return None
        return copied_fragment(f"{self.title}\n{self.summary}",
                               [d.abstract, d.background, d.novelty])

    def check_data(self, trigger: str, data: dict, now: dt.datetime) -> dict:
        """Publishing: the public summary copies nothing of the confidential disclosure (its
        abstract, background or novelty text), unless legal staff confirm (``confirm_public``)
        that this text is public already. A 422 naming ``confirm_public``."""
        if trigger == "publish" and data.get("confirm_public") != "yes":
            copied = self.confidential_copy()
            if copied:
                message = N_("The summary repeats the confidential disclosure (“%(fragment)s”). "
                             "Rewrite it, or confirm that this text is already public.")
                raise ValidationFailed(message, fields={"confirm_public": Message(
                    message, fragment=copied)}, fragment=copied)
        return data

    def publish_problems(self) -> list[str]:
        """What keeps the offer from the catalogue, each a msgid the pages translate."""
        problems = []
        if not self.field:
            problems.append(N_("choose the field"))
        if self.trl is None:
            problems.append(N_("give the technology readiness level"))
        if len((self.summary or "").split()) < 5:
            problems.append(N_("write a summary of at least five words"))
        if self.kind == "technology" and self.disclosure_id is None:
            problems.append(N_("link the invention disclosure the technology comes from"))
        d = self.disclosure
        if d is not None and d.state not in OWNED_STATES:
            # a public summary of an invention not yet filed (or kept as know-how) could cost
            # it its novelty; one released or abandoned is not the organisation's to offer
            problems.append(N_("publish it once the invention is protected (a patent "
                               "application filed, or kept as know-how): before that, a "
                               "public description could cost it its novelty")
                            if d.state not in _NOT_OURS else
                            N_("the invention was released or abandoned: it is not the "
                               "organisation's to offer"))
        return problems

    def mark_published(self, inp: TransitionInput) -> None:
        self.published_at = inp.now
        self.confirmed_public = inp.data.get("confirm_public") == "yes"
        self.refresh_derived()

    def mark_withdrawn(self, inp: TransitionInput) -> None:
        pass


class TechRequest(_Common, Permissions, db.Model):
    __tablename__ = "tech_requests"
    __table_args__ = (
        CheckConstraint(f"state IN ({_REQUEST_STATES})", name="state_valid"),
        CheckConstraint("trl_min IS NULL OR (trl_min >= 1 AND trl_min <= 9)",
                        name="trl_min_range"),
        # the dashboard's open requests by field, read from the index alone
        Index("ix_tech_requests_state_field", "state", "field"),
    )
    workflow_name = "request"
    editable_states = REQUEST.editable_states
    not_creator = N_("Technology requests are posted by an organisation's partners or legal "
                     "staff.")
    not_editor = N_("Only the requesting organisation's partners and legal staff can edit "
                    "this request.")
    not_editable = N_("A closed request cannot be edited.")

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    problem: Mapped[str] = mapped_column(Text)
    #: the guided form: what the company makes, what fails, what it tried, what "solved" means
    context_makes: Mapped[str | None] = mapped_column(Text)
    context_fails: Mapped[str | None] = mapped_column(Text)
    context_tried: Mapped[str | None] = mapped_column(Text)
    success_criteria: Mapped[str | None] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(40), index=True)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    sector_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    science_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    trl_min: Mapped[int | None] = mapped_column(Integer)
    budget_min: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    budget_max: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    region: Mapped[str | None] = mapped_column(String(60))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(2), default="ru")
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    search_text: Mapped[str] = mapped_column(Text, default="")
    search_vector: Mapped[str | None] = vector_column()
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow,
                                                    onupdate=utcnow)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}

    @classmethod
    def can_create(cls, user) -> bool:
        return user.role in (Role.partner, Role.legal)

    def is_editor(self, user) -> bool:
        return user.organization_id == self.organization_id \
            and user.role in (Role.partner, Role.legal)

    @property
    def trl_level(self) -> int | None:
        return self.trl_min

    @property
    def display_number(self) -> str:
        return f"RQ-{self.id:05d}"

    def refresh_derived(self) -> None:
        self.search_text = search.index_text(
            [self.title, self.problem, self.context_makes, self.context_fails,
             self.context_tried, self.success_criteria, " ".join(self.keywords or [])],
            language=self.language, field=self.field, sector_codes=self.sector_codes,
            science_codes=self.science_codes, secondary=REQUEST_SECONDARY)

    def publish_problems(self) -> list[str]:
        """What keeps the request from the network, each a msgid the pages translate."""
        problems = []
        if not self.field:
            problems.append(N_("choose the field"))
        if len((self.problem or "").split()) < 5:
            problems.append(N_("describe the problem in at least five words"))
        return problems

    def mark_published(self, inp: TransitionInput) -> None:
        self.published_at = inp.now
        self.refresh_derived()

    def mark_closed(self, inp: TransitionInput) -> None:
        self.closed_at = inp.now


class Match(db.Model):
    """A scored pair of a published offer and an open request, with its reasons."""

    __tablename__ = "catalogue_matches"
    __table_args__ = (
        UniqueConstraint("offer_id", "request_id", name="uq_match_pair"),
        Index("ix_matches_request_score", "request_id", "score"),
        Index("ix_matches_offer_score", "offer_id", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))
    request_id: Mapped[int] = mapped_column(ForeignKey("tech_requests.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    #: [{"code", "message", "params"}]: ``message`` is a translatable template
    reasons: Mapped[list[dict]] = mapped_column(JSON, default=list)
    computed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    offer: Mapped[Offer] = relationship(lazy="joined")
    request: Mapped[TechRequest] = relationship(lazy="joined")


#: what the candidate step reads beside a posting's key: PostgreSQL keeps them in the primary
#: key's index (an index-only scan); SQLite's table is that index already (without rowid)
_POSTING_COLUMNS = ["weight", "organization_id", "field", "trl"]


class _ConceptPosting:
    """One glossary concept of a matchable record (a published offer, an open request) with
    its part of the match score (:func:`.matching.postings`), and the columns the candidate
    step ranks by beside it, so that it reads this table alone. Written by
    :func:`.matching.write_postings` whenever the record's text, state, organisation, field
    or readiness changes; nothing else reads or writes it."""

    concept: Mapped[str] = mapped_column(String(64))
    weight: Mapped[float] = mapped_column(Float)
    organization_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(40))
    trl: Mapped[int | None] = mapped_column(Integer)


class OfferConcept(_ConceptPosting, db.Model):
    """A published offer's concept (see :class:`_ConceptPosting`)."""

    __tablename__ = "offer_concepts"
    __table_args__ = (PrimaryKeyConstraint("concept", "record_id",
                                           postgresql_include=_POSTING_COLUMNS),
                      Index("ix_offer_concepts_record", "record_id"),
                      {"sqlite_with_rowid": False})

    record_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"))


class RequestConcept(_ConceptPosting, db.Model):
    """An open request's concept (see :class:`_ConceptPosting`)."""

    __tablename__ = "request_concepts"
    __table_args__ = (PrimaryKeyConstraint("concept", "record_id",
                                           postgresql_include=_POSTING_COLUMNS),
                      Index("ix_request_concepts_record", "record_id"),
                      {"sqlite_with_rowid": False})

    record_id: Mapped[int] = mapped_column(ForeignKey("tech_requests.id", ondelete="CASCADE"))


class CatalogueCount(db.Model):
    """How many offers are published per field, stage and TRL (``''`` and ``0`` for none),
    kept in step with ``offers`` by database triggers (migration d01f00000006): the
    catalogue's count per stage reads these few rows instead of every published offer."""

    __tablename__ = "catalogue_counts"

    field: Mapped[str] = mapped_column(String(40), primary_key=True)
    stage_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    trl: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(Integer)


class Interest(db.Model):
    """An enterprise's expression of interest in an offer, and what it opened."""

    __tablename__ = "catalogue_interests"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("tech_requests.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    message: Mapped[str] = mapped_column(Text)
    license_id: Mapped[int | None] = mapped_column(ForeignKey("licenses.id"), index=True)
    consortium_id: Mapped[int | None] = mapped_column(ForeignKey("consortia.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    offer: Mapped[Offer] = relationship(lazy="joined")
