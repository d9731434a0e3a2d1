"""The invention disclosure workflow: filing, review, assessment, the protection decision."""
from __future__ import annotations

from decimal import Decimal

from .definition import DataField, Transition, TransitionInput, Workflow
from .errors import N_
from .readiness import CRL, IRL, MRL, TRL

OWNERSHIP = (
    ("institution", "The institution (employer)"),
    ("consortium", "The consortium"),
    ("inventors", "The inventors"),
    ("joint", "Joint ownership"),
)


def _levels(scale: dict[int, str]) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), f"{k} — {v}") for k, v in scale.items())


def shares_total_100(record, _: TransitionInput) -> str | None:
    """Inventors' contributions must add up to exactly 100 %."""
    shares = record.inventor_shares()
    if not shares:
        return N_("List at least one inventor."), {}
    total = sum(shares, Decimal(0))
    if total != Decimal(100):
        return (N_("Inventors' shares total %(total)s %%; they must total exactly 100 %%."),
                {"total": f"{total.normalize():f}"})
    return None


def consortium_ownership_needs_consortium(record, inp: TransitionInput) -> str | None:
    if inp.data.get("ownership") == "consortium" and not record.consortium_id:
        return N_("Ownership by a consortium needs the disclosure to name its consortium."), {}
    return None


def _store_assessment(record, inp: TransitionInput) -> None:
    record.apply_assessment(inp.data, inp.now)


def _store_filing(record, inp: TransitionInput) -> None:
    record.apply_patent_filing(inp.data)


def _store_grant(record, inp: TransitionInput) -> None:
    record.apply_patent_grant(inp.data)


def _store_submission(record, inp: TransitionInput) -> None:
    record.mark_submitted(inp.now)


INVENTOR = dict(roles=("researcher",), relations=("inventor",), who="an inventor")
LEGAL = dict(roles=("legal",), relations=("org_legal",),
             who="legal staff of the disclosure's organisation")

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
                   **INVENTOR),
        Transition("withdraw", "Withdraw the disclosure",
                   ("draft", "submitted", "revision_requested"), "withdrawn", awaited=False,
                   **INVENTOR),
        Transition("start_review", "Start review", ("submitted",), "under_review", **LEGAL),
        Transition("request_revision", "Request revision", ("under_review",),
                   "revision_requested", comment_required=True, **LEGAL),
        Transition("resubmit", "Resubmit after revision", ("revision_requested",),
                   "submitted", conditions=(shares_total_100,),
                   document="invention_disclosure_record", effect=_store_submission,
                   **INVENTOR),
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
            document="ip_assessment_report", effect=_store_assessment, **LEGAL),
        Transition("decide_protect", "Decide to protect (assignment)", ("assessed",),
                   "assignment_pending", document="invention_assignment_agreement",
                   signers="inventors", auto="complete_assignment", **LEGAL),
        Transition("complete_assignment", "Assignment signed by all inventors",
                   ("assignment_pending",), "protected", roles=("system",),
                   who="the system, when every inventor has signed"),
        Transition("decide_trade_secret", "Keep as know-how (trade secret)", ("assessed",),
                   "trade_secret", document="know_how_regime_order", **LEGAL),
        Transition("decide_release", "Release the rights to the inventors", ("assessed",),
                   "released", document="rights_release_letter", **LEGAL),
        Transition(
            "file_patent", "Record patent filing", ("protected",), "patent_pending",
            data=(
                DataField("office", "Patent office", max_length=200),
                DataField("application_number", "Application number", max_length=100),
                DataField("filing_date", "Filing date", "date"),
            ),
            document="patent_filing_record", effect=_store_filing, **LEGAL),
        Transition(
            "grant", "Record patent grant", ("patent_pending",), "patented",
            data=(
                DataField("patent_number", "Patent number", max_length=100),
                DataField("grant_date", "Grant date", "date"),
            ),
            effect=_store_grant, awaited=False, **LEGAL),
        Transition("abandon", "Abandon protection",
                   ("protected", "patent_pending", "patented", "trade_secret"), "abandoned",
                   comment_required=True, awaited=False, **LEGAL),
    ),
)
