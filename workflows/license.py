"""The licence workflow: inquiry, NDA, term sheets, legal approval, signatures, royalties."""
from __future__ import annotations

from .definition import (
    DataField,
    Transition,
    TransitionInput,
    Workflow,
    four_eyes,
    review_requested,
)
from .errors import N_

LICENSE_TYPES = (("exclusive", N_("Exclusive licence")),
                 ("non_exclusive", N_("Non-exclusive licence")),
                 ("option", N_("Option agreement")))


def asset_owned(record, _: TransitionInput):
    """Only rights the licensor holds can be licensed."""
    if not record.asset_is_owned():
        return (N_("The invention is %(state)s: only protected, patent-pending, patented or "
                   "trade-secret inventions of the licensor can be licensed."),
                {"state": record.asset_state_label()})
    return None


def no_exclusivity_conflict(record, _: TransitionInput):
    """An overlapping licence that is signing or active blocks approval if either is exclusive."""
    other = record.exclusivity_conflict()
    if other is not None:
        return (N_("Licence %(number)s (%(type)s, %(field)s, %(territory)s) on the same "
                   "invention overlaps in field of use and territory and is %(state)s; "
                   "either is exclusive, so this licence cannot be approved."),
                {"number": other.display_number, "type": other.license_type.replace("_", "-"),
                 "field": other.field_of_use or "all fields",
                 "territory": ", ".join(other.territory), "state": other.state}, "conflict")
    return None


def terms_complete(record, _: TransitionInput):
    problems = record.terms_problems()
    if problems:
        return N_("The terms are not complete: %(problems)s"), {"problems": "; ".join(problems)}
    return None


def term_ended(record, inp: TransitionInput):
    """A licence expires at the end of its term (activation + term), not a day earlier."""
    return record.term_end_problem(inp.now)


def _terms(record, inp: TransitionInput) -> None:
    record.apply_terms(inp.data)


def _royalty(record, inp: TransitionInput) -> None:
    record.record_royalty(inp.data, inp.now, inp.actor)


def _royalty_amended(record, inp: TransitionInput) -> None:
    record.amend_royalty(inp.data, inp.now, inp.actor)


def _milestone(record, inp: TransitionInput) -> None:
    record.record_milestone(inp.data, inp.now)


def _activated(record, inp: TransitionInput) -> None:
    record.mark_active(inp.now)


def _ended(record, inp: TransitionInput) -> None:
    record.ended_at = inp.now


LICENSOR_LEGAL = dict(roles=("legal",), relations=("licensor_legal",),
                      who=N_("legal staff of the licensor"))
#: the fields of a royalty report and of its amendment
PERIOD_FIELD = DataField("period", N_("Period: a calendar quarter such as 2026-Q3, or a "
                                      "calendar year such as 2026, within the licence term"),
                         max_length=40)

EITHER = dict(roles=("legal", "partner"), relations=("licensor_legal", "licensee"),
              who=N_("legal staff of the licensor or the licensee's signatory"))

LICENSE = Workflow(
    name="license",
    label=N_("Licence"),
    states=("inquiry", "nda_pending", "evaluation", "negotiation", "legal_review", "signing",
            "active", "terminated", "expired", "abandoned"),
    initial="inquiry",
    editable_states=("inquiry", "negotiation"),
    state_labels={
        "inquiry": N_("Inquiry"), "nda_pending": N_("NDA awaiting signatures"),
        "evaluation": N_("Evaluation under NDA"), "negotiation": N_("Negotiation"),
        "legal_review": N_("Legal review"), "signing": N_("Licence awaiting signatures"),
        "active": N_("Active"), "terminated": N_("Terminated"), "expired": N_("Expired"),
        "abandoned": N_("Abandoned"),
    },
    transitions=(
        Transition("request_nda", N_("Request a non-disclosure agreement"), ("inquiry",),
                   "nda_pending", conditions=(asset_owned,), document="nda",
                   signers="party_signatories", auto="nda_signed", **EITHER),
        Transition("nda_signed", N_("NDA signed by both parties"), ("nda_pending",),
                   "evaluation", roles=("system",),
                   who=N_("the system, when both parties have signed the NDA")),
        Transition(
            "propose_terms", N_("Propose terms (term sheet)"), ("evaluation", "negotiation"),
            "negotiation", effect=_terms, document="term_sheet",
            data=(
                DataField("license_type", N_("Type"), "choice", required=False,
                          choices=LICENSE_TYPES),
                DataField("field_of_use", N_("Field of use (empty: all fields)"),
                          required=False, max_length=300),
                DataField("territory", N_("Territory (ISO 3166 codes or WORLD)"), "codes",
                          required=False),
                DataField("term_months", N_("Term, months"), "integer", required=False,
                          minimum=1, maximum=600),
                DataField("upfront_fee", N_("Upfront fee"), "decimal", required=False,
                          currency="currency"),
                DataField("royalty_rate_percent", N_("Royalty on net sales (percent)"),
                          "decimal", required=False, places=3),
                DataField("minimum_annual_royalty", N_("Minimum annual royalty"), "decimal",
                          required=False, currency="currency"),
                DataField("currency", N_("Currency (ISO 4217)"), required=False,
                          max_length=3),
            ), **EITHER),
        Transition("submit_for_review", N_("Submit the terms for legal review"),
                   ("negotiation",), "legal_review", conditions=(terms_complete,),
                   effect=review_requested, **LICENSOR_LEGAL),
        Transition("request_changes", N_("Request changes to the terms"), ("legal_review",),
                   "negotiation", comment_required=True, **LICENSOR_LEGAL),
        Transition("approve", N_("Approve the licence for signature"), ("legal_review",),
                   "signing", conditions=(four_eyes, asset_owned, no_exclusivity_conflict),
                   document="license_agreement", signers="party_signatories",
                   auto="activate", **LICENSOR_LEGAL),
        Transition("activate", N_("Licence signed by both parties"), ("signing",), "active",
                   roles=("system",), effect=_activated, document="executed_license_agreement",
                   who=N_("the system, when both parties have signed the licence")),
        Transition(
            "report_royalty", N_("File a royalty report"), ("active",), "active",
            roles=("partner",), relations=("licensee",), who=N_("the licensee's signatory"),
            data=(
                PERIOD_FIELD,
                DataField("net_sales", N_("Net sales"), "decimal", currency="currency"),
                DataField("amount", N_("Royalty paid (the royalty due is net sales x the "
                                       "royalty rate; a smaller payment is recorded as an "
                                       "underpayment)"), "decimal", currency="currency"),
            ),
            effect=_royalty, replaces_previous=False, document="royalty_report", awaited=False),
        Transition(
            "amend_royalty_report", N_("Amend a royalty report"), ("active",), "active",
            roles=("partner",), relations=("licensee",), who=N_("the licensee's signatory"),
            comment_required=True,
            data=(
                PERIOD_FIELD,
                DataField("net_sales", N_("Corrected net sales"), "decimal",
                          currency="currency"),
                DataField("amount", N_("Total paid for the period (at least what was paid "
                                       "before; only the difference is new income)"),
                          "decimal", currency="currency"),
            ),
            effect=_royalty_amended, replaces_previous=False, document="royalty_report",
            awaited=False),
        Transition(
            "reach_milestone", N_("Record a milestone payment"), ("active",), "active",
            data=(DataField("milestone", N_("Milestone"), max_length=300),
                  DataField("amount", N_("Amount paid"), "decimal", currency="currency")),
            effect=_milestone, awaited=False, **LICENSOR_LEGAL),
        Transition("terminate", N_("Terminate the licence"), ("active",), "terminated",
                   comment_required=True, effect=_ended, document="termination_notice",
                   awaited=False, irreversible=True,
                   consequence=N_("The licence ends now for good: the termination notice is "
                                  "issued and the licensee loses its rights; a new licence "
                                  "would need a new negotiation."), **EITHER),
        Transition("expire", N_("Record the end of the term"), ("active",), "expired",
                   conditions=(term_ended,), effect=_ended, awaited=False, irreversible=True,
                   consequence=N_("The licence is recorded as expired for good: the licensee's "
                                  "rights end and no royalty report can be filed any more."),
                   roles=("legal", "system"), relations=("licensor_legal",),
                   who=N_("legal staff of the licensor, or the system, once the term has "
                          "ended")),
        Transition("abandon", N_("Abandon the negotiation"),
                   ("inquiry", "nda_pending", "evaluation", "negotiation", "legal_review"),
                   "abandoned", comment_required=True, awaited=False, irreversible=True,
                   consequence=N_("The negotiation ends for good: the inquiry is closed and "
                                  "cannot be reopened; a new inquiry would start from the "
                                  "beginning."), **EITHER),
    ),
)
