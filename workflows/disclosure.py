"""The invention disclosure workflow: filing, review, assessment, the protection decision."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

from .definition import (
    DataField,
    Transition,
    TransitionInput,
    Unmet,
    Who,
    Workflow,
    earliest_date,
)
from .errors import N_
from .readiness import CRL, IRL, MRL, TRL

OWNERSHIP = (
    ("institution", "The institution (employer)"),
    ("consortium", "The consortium"),
    ("inventors", "The inventors"),
    ("joint", "Joint ownership"),
)


class DisclosureRecord(Protocol):
    """What the disclosure workflow's conditions and effects read and call on a record."""

    consortium_id: int | None
    submitted_at: dt.datetime | None
    filing_date: dt.date | None

    def inventor_shares(self) -> Sequence[Decimal]: ...
    def inventors_without_account(self) -> Sequence[str]: ...
    def mark_submitted(self, now: dt.datetime) -> None: ...
    def apply_assessment(self, data: Mapping[str, Any], now: dt.datetime) -> None: ...
    def apply_patent_filing(self, data: Mapping[str, Any]) -> None: ...
    def apply_patent_grant(self, data: Mapping[str, Any]) -> None: ...


def _levels(scale: dict[int, str]) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), f"{k} — {v}") for k, v in scale.items())


def shares_total_100(record: DisclosureRecord, _: TransitionInput) -> Unmet | None:
    """Inventors' contributions must add up to exactly 100 %."""
    shares = record.inventor_shares()
    if not shares:
        return Unmet.invalid(N_("List at least one inventor."))
    total = sum(shares, Decimal(0))
    if total != Decimal(100):
        return Unmet.invalid(
            N_("Inventors' shares total %(total)s %%; they must total exactly 100 %%."),
            {"total": f"{total.normalize():f}"})
    return None


def every_inventor_can_sign(record: DisclosureRecord, _: TransitionInput) -> Unmet | None:
    """The assignment takes effect when every inventor has signed it, a co-inventor outside
    the system too: one invited but without an account yet keeps it waiting."""
    waiting = record.inventors_without_account()
    if waiting:
        return Unmet.invalid(
            N_("The assignment still awaits the signature of %(names)s, invited to open an "
               "account and sign."), {"names": ", ".join(waiting)})
    return None


def consortium_ownership_needs_consortium(record: DisclosureRecord,
                                          inp: TransitionInput) -> Unmet | None:
    if inp.data.get("ownership") == "consortium" and not record.consortium_id:
        return Unmet.invalid(
            N_("Ownership by a consortium needs the disclosure to name its consortium."))
    return None


def _latest_today(now: dt.datetime) -> dt.date:
    """Today's date where it is latest on Earth (UTC+14): a date typed as "today" by an office
    east of UTC (Astana is UTC+5) is not in the future by the server's UTC clock."""
    return (now.astimezone(dt.UTC) + dt.timedelta(hours=14)).date()


def filing_date_valid(record: DisclosureRecord, inp: TransitionInput) -> Unmet | None:
    """A filing is not in the future and not before the disclosure reached the office."""
    filed: dt.date | None = inp.data.get("filing_date")
    if filed is None:
        return None
    if filed > _latest_today(inp.now):
        return Unmet.invalid(N_("the filing date cannot be in the future"),
                             field="filing_date")
    submitted: dt.datetime | None = getattr(record, "submitted_at", None)
    if submitted is not None and filed < earliest_date(submitted):
        return Unmet.invalid(
            N_("the filing date cannot be before the disclosure was submitted, %(date)s"),
            {"date": submitted.astimezone(dt.UTC).date().isoformat()}, field="filing_date")
    return None


def grant_date_valid(record: DisclosureRecord, inp: TransitionInput) -> Unmet | None:
    """A grant is not in the future and not before the filing it grants."""
    granted: dt.date | None = inp.data.get("grant_date")
    if granted is None:
        return None
    if granted > _latest_today(inp.now):
        return Unmet.invalid(N_("the grant date cannot be in the future"), field="grant_date")
    filed: dt.date | None = getattr(record, "filing_date", None)
    if filed is not None and granted < filed:
        return Unmet.invalid(N_("the grant date cannot be before the filing date, %(date)s"),
                             {"date": filed.isoformat()}, field="grant_date")
    return None


def _store_assessment(record: DisclosureRecord, inp: TransitionInput) -> None:
    record.apply_assessment(inp.data, inp.now)


def _store_filing(record: DisclosureRecord, inp: TransitionInput) -> None:
    record.apply_patent_filing(inp.data)


def _store_grant(record: DisclosureRecord, inp: TransitionInput) -> None:
    record.apply_patent_grant(inp.data)


def _store_submission(record: DisclosureRecord, inp: TransitionInput) -> None:
    record.mark_submitted(inp.now)


INVENTOR = Who(("researcher",), ("inventor",), "an inventor")
LEGAL = Who(("legal",), ("org_legal",), "legal staff of the disclosure's organisation")

DISCLOSURE = Workflow(
    name="disclosure",
    label="Invention disclosure",
    states=("draft", "submitted", "under_review", "revision_requested", "assessed",
            "assignment_pending", "protected", "trade_secret", "released", "patent_pending",
            "patented", "withdrawn", "abandoned"),
    initial="draft",
    editable_states=("draft", "revision_requested"),
    state_labels={
        "draft": "Draft",
        "submitted": "Submitted",
        "under_review": "Under review",
        "revision_requested": "Revision requested",
        "assessed": "Assessed",
        "assignment_pending": "Assignment pending signatures",
        "protected": "Protected (assigned)",
        "trade_secret": "Know-how (trade secret)",
        "released": "Rights released",
        "patent_pending": "Patent pending",
        "patented": "Patented",
        "withdrawn": "Withdrawn",
        "abandoned": "Abandoned",
    },
    transitions=(
        Transition("submit", "Submit to the technology-transfer office", ("draft",),
                   "submitted", conditions=(shares_total_100,),
                   document="invention_disclosure_record", effect=_store_submission,
                   by=INVENTOR),
        Transition("withdraw", "Withdraw the disclosure",
                   ("draft", "submitted", "revision_requested"), "withdrawn", awaited=False,
                   irreversible=True,
                   consequence="The disclosure is withdrawn for good: the office stops "
                               "working on it and it cannot be submitted again; to go on, "
                               "file a new disclosure.",
                   by=INVENTOR),
        Transition("start_review", "Start review", ("submitted",), "under_review", by=LEGAL),
        Transition("request_revision", "Request revision", ("under_review",),
                   "revision_requested", comment_required=True, by=LEGAL),
        Transition("resubmit", "Resubmit after revision", ("revision_requested",),
                   "submitted", conditions=(shares_total_100,),
                   document="invention_disclosure_record", effect=_store_submission,
                   by=INVENTOR),
        Transition(
            "complete_assessment", "Complete assessment", ("under_review",), "assessed",
            data=(
                DataField("trl", "Technology readiness level (TRL)", "choice",
                          choices=_levels(TRL)),
                DataField("crl", "Commercial readiness level (CRL)", "choice",
                          choices=_levels(CRL)),
                DataField("mrl", "Manufacturing readiness level (MRL)", "choice",
                          choices=_levels(MRL)),
                DataField("irl", "Investment readiness level (IRL)", "choice",
                          choices=_levels(IRL)),
                DataField("ownership", "Ownership of the rights", "choice", choices=OWNERSHIP),
                DataField("recommendation", "Recommendation", "text", max_length=5000),
            ),
            conditions=(consortium_ownership_needs_consortium,),
            document="ip_assessment_report", effect=_store_assessment, by=LEGAL),
        Transition("decide_protect", "Decide to protect (assignment)", ("assessed",),
                   "assignment_pending", document="invention_assignment_agreement",
                   signers="assignors", auto="complete_assignment", by=LEGAL),
        Transition("complete_assignment", "Assignment signed by all inventors",
                   ("assignment_pending",), "protected", conditions=(every_inventor_can_sign,),
                   by=Who.system("the system, when every inventor has signed")),
        # the inventors on the access list acknowledge the order; it is in force from its date
        Transition("decide_trade_secret", "Keep as know-how (trade secret)", ("assessed",),
                   "trade_secret", document="know_how_regime_order", signers="inventors",
                   by=LEGAL),
        # the release is the organisation's, from its date; the inventors accept its
        # conditions by signing the letter beside the organisation's signatory
        Transition("decide_release", "Release the rights to the inventors", ("assessed",),
                   "released", document="rights_release_letter", signers="assignors",
                   irreversible=True,
                   consequence="The organisation gives up its rights in the invention for "
                               "good: the rights release letter is issued to the inventors, "
                               "and the invention can no longer be protected or licensed "
                               "here.",
                   by=LEGAL),
        Transition(
            "file_patent", "Record patent filing", ("protected",), "patent_pending",
            data=(
                DataField("office", "Patent office", max_length=200),
                DataField("application_number", "Application number", max_length=100),
                DataField("filing_date", "Filing date", "date"),
            ),
            conditions=(filing_date_valid,),
            document="patent_filing_record", effect=_store_filing, by=LEGAL),
        Transition(
            "grant", "Record patent grant", ("patent_pending",), "patented",
            data=(
                DataField("patent_number", "Patent number", max_length=100),
                DataField("grant_date", "Grant date", "date"),
            ),
            conditions=(grant_date_valid,), effect=_store_grant, awaited=False, by=LEGAL),
        Transition("abandon", "Abandon protection",
                   ("protected", "patent_pending", "patented", "trade_secret"), "abandoned",
                   comment_required=True, awaited=False, irreversible=True,
                   consequence="Protection ends for good: the invention is no longer "
                               "maintained, it cannot be licensed, and a lapsed application "
                               "or patent cannot be revived here.",
                   by=LEGAL),
    ),
)
