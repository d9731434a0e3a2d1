"""The licence workflow: inquiry, NDA, term sheets, legal approval, signatures, royalties."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .definition import (
    Actor,
    Condition,
    DataField,
    Transition,
    TransitionInput,
    Unmet,
    Who,
    Workflow,
    four_eyes,
    review_requested,
)
from .errors import N_

LICENSE_TYPES = (("exclusive", N_("Exclusive licence")),
                 ("non_exclusive", N_("Non-exclusive licence")),
                 ("option", N_("Option agreement")))


class OtherLicense(Protocol):
    """What the exclusivity check tells of the licence in the way."""

    display_number: str
    license_type: str
    field_of_use: str | None
    territory: Sequence[str]
    state: str


class LicenseRecord(Protocol):
    """What the licence workflow's conditions and effects read and call on a record."""

    review_requested_by_id: int | None
    ended_at: dt.datetime | None

    def asset_is_owned(self) -> bool: ...
    def asset_state_label(self) -> str: ...
    def exclusivity_conflict(self) -> OtherLicense | None: ...
    def terms_problems(self) -> Sequence[str]: ...
    def term_end_problem(self, now: dt.datetime) -> Unmet | None: ...
    def apply_terms(self, data: Mapping[str, Any]) -> None: ...
    def record_royalty(self, data: Mapping[str, Any], now: dt.datetime,
                       actor: Actor | None) -> Any: ...
    def amend_royalty(self, data: Mapping[str, Any], now: dt.datetime,
                      actor: Actor | None) -> Any: ...
    def record_milestone(self, data: Mapping[str, Any], now: dt.datetime) -> Any: ...
    def mark_active(self, now: dt.datetime) -> None: ...
    def breach_notice_problem(self, running: bool) -> Unmet | None: ...
    def give_breach_notice(self, data: Mapping[str, Any], now: dt.datetime) -> None: ...
    def record_cure(self, now: dt.datetime) -> None: ...
    def termination_problem(self, ground: str, actor: Actor | None,
                            now: dt.datetime) -> Unmet | None: ...
    def give_termination_notice(self, now: dt.datetime) -> None: ...
    def termination_notice_problem(self) -> Unmet | None: ...
    def end(self, now: dt.datetime, ground: str | None) -> None: ...
    def option_problem(self, trigger: str, now: dt.datetime) -> Unmet | None: ...
    def grant_option(self, now: dt.datetime) -> None: ...
    def exercise_option(self, data: Mapping[str, Any], now: dt.datetime) -> None: ...
    def lapse_option(self, now: dt.datetime) -> None: ...


def asset_owned(record: LicenseRecord, _: TransitionInput) -> Unmet | None:
    """Only rights the licensor holds can be licensed."""
    if not record.asset_is_owned():
        return Unmet.invalid(
            N_("The invention is %(state)s: only protected, patent-pending, patented or "
               "trade-secret inventions of the licensor can be licensed."),
            {"state": record.asset_state_label()})
    return None


def no_exclusivity_conflict(record: LicenseRecord, _: TransitionInput) -> Unmet | None:
    """An overlapping licence that is signing or active blocks approval if either is exclusive."""
    other = record.exclusivity_conflict()
    if other is not None:
        return Unmet.conflict(
            N_("Licence %(number)s (%(type)s, %(field)s, %(territory)s) on the same "
               "invention overlaps in field of use and territory and is %(state)s; "
               "either is exclusive, so this licence cannot be approved."),
            {"number": other.display_number, "type": other.license_type.replace("_", "-"),
             "field": other.field_of_use or "all fields",
             "territory": ", ".join(other.territory), "state": other.state})
    return None


def terms_complete(record: LicenseRecord, _: TransitionInput) -> Unmet | None:
    problems = record.terms_problems()
    if problems:
        return Unmet.invalid(N_("The terms are not complete: %(problems)s"),
                             {"problems": "; ".join(problems)})
    return None


def term_ended(record: LicenseRecord, inp: TransitionInput) -> Unmet | None:
    """A licence expires at the end of its term (activation + term), not a day earlier."""
    return record.term_end_problem(inp.now)


def _terms(record: LicenseRecord, inp: TransitionInput) -> None:
    record.apply_terms(inp.data)


def _royalty(record: LicenseRecord, inp: TransitionInput) -> Any:
    """File the report; produces the payment it brings in."""
    return record.record_royalty(inp.data, inp.now, inp.actor)


def _royalty_amended(record: LicenseRecord, inp: TransitionInput) -> Any:
    """Correct the report; produces what the correction adds to the payment."""
    return record.amend_royalty(inp.data, inp.now, inp.actor)


def _milestone(record: LicenseRecord, inp: TransitionInput) -> Any:
    """Produces the milestone payment."""
    return record.record_milestone(inp.data, inp.now)


def _activated(record: LicenseRecord, inp: TransitionInput) -> None:
    record.mark_active(inp.now)


def _ended(record: LicenseRecord, inp: TransitionInput) -> None:
    record.ended_at = inp.now


#: the grounds of an early termination, as the licence's clause 12 gives them: by the
#: parties' agreement, for a breach not cured within the cure period after a notice of it
#: (12.3), the licensee's insolvency or challenge of the patent (12.4); the licensee's own
#: termination on notice (12.2, ``termination_notice_days``) is ``give_termination_notice``
TERMINATION_GROUNDS = (
    ("agreement", N_("By agreement of the parties")),
    ("breach", N_("For a breach not cured within the cure period after notice (12.3)")),
    ("insolvency", N_("The licensee's insolvency or challenge of the patent (12.4)")),
)


def no_breach_notice(record: LicenseRecord, _: TransitionInput) -> Unmet | None:
    return record.breach_notice_problem(False)


def breach_notice_running(record: LicenseRecord, _: TransitionInput) -> Unmet | None:
    return record.breach_notice_problem(True)


def ground_holds(record: LicenseRecord, inp: TransitionInput) -> Unmet | None:
    """The ground named holds now and is the actor's to invoke (a breach only after the cure
    period has run out uncured)."""
    return record.termination_problem(inp.data.get("ground", "agreement"), inp.actor, inp.now)


def no_termination_notice(record: LicenseRecord, _: TransitionInput) -> Unmet | None:
    return record.termination_notice_problem()


def _breach_notice(record: LicenseRecord, inp: TransitionInput) -> None:
    record.give_breach_notice(inp.data, inp.now)


def _cured(record: LicenseRecord, inp: TransitionInput) -> None:
    record.record_cure(inp.now)


def _terminated(record: LicenseRecord, inp: TransitionInput) -> None:
    record.end(inp.now, inp.data.get("ground", "agreement"))


def _termination_notice(record: LicenseRecord, inp: TransitionInput) -> None:
    record.give_termination_notice(inp.now)


def _terminated_on_notice(record: LicenseRecord, inp: TransitionInput) -> None:
    record.end(inp.now, "licensee_notice")


def _option_rule(trigger: str) -> Condition:
    """A condition asking the record whether ``trigger`` fits its option (an option is
    approved, signed, exercised and lapses by its own transitions; a licence by the others)."""
    def condition(record: LicenseRecord, inp: TransitionInput) -> Unmet | None:
        return record.option_problem(trigger, inp.now)
    condition.__name__ = f"option_rule_{trigger}"
    return condition


def _option_granted(record: LicenseRecord, inp: TransitionInput) -> None:
    record.grant_option(inp.now)


def _option_exercised(record: LicenseRecord, inp: TransitionInput) -> None:
    record.exercise_option(inp.data, inp.now)


def _option_lapsed(record: LicenseRecord, inp: TransitionInput) -> None:
    record.lapse_option(inp.now)


#: the licence types an option may lead to on exercise
EXERCISE_TYPES = LICENSE_TYPES[:2]

#: an option's own terms (a term sheet of an option sets them; ignored for a licence)
OPTION_TERMS = (
    DataField("option_period_months", N_("Option period, months"), "integer", required=False,
              minimum=1, maximum=120),
    DataField("option_fee", N_("Option fee"), "decimal", required=False, currency="currency"),
    DataField("exercise_notice_days", N_("Exercise notice: days before the end of the option "
                                         "period by which the holder gives it"), "integer",
              required=False, minimum=0, maximum=365),
    DataField("exercise_license_type", N_("Licence the holder may take on exercise"),
              "choice", required=False, choices=EXERCISE_TYPES),
    DataField("exercise_terms", N_("Key terms of that licence (empty: to be negotiated in "
                                   "good faith)"), "text", required=False, max_length=5000),
    DataField("negotiation_days", N_("Days to sign the licence after exercise"), "integer",
              required=False, minimum=1, maximum=365),
)

#: the periods of the termination clause (12.2, 12.3): terms of the licence, which its
#: agreement states and the engine dates the notices by (empty: the model licence's defaults)
NOTICE_TERMS = (
    DataField("cure_period_days", N_("Cure period after a notice of breach, days"), "integer",
              required=False, minimum=1, maximum=365),
    DataField("termination_notice_days", N_("Licensee's notice of termination, days"),
              "integer", required=False, minimum=1, maximum=365),
)

LICENSOR_LEGAL = Who(("legal",), ("licensor_legal",), N_("legal staff of the licensor"))
#: the fields of a royalty report and of its amendment
PERIOD_FIELD = DataField("period", N_("Period: a calendar quarter such as 2026-Q3, or a "
                                      "calendar year such as 2026, within the licence term"),
                         max_length=40)

#: what the licence's reporting clause asks a royalty report for, besides net sales (all
#: optional, for reports filed before; the licence record checks and computes from them)
REPORT_FIGURES = (
    DataField("gross_invoiced", N_("Gross amounts invoiced for Licensed Products"), "decimal",
              currency="currency", required=False),
    DataField("deductions", N_("Deductions the licence allows (returns, discounts, taxes, "
                               "freight)"), "decimal", currency="currency", required=False),
    DataField("sales_by_country", N_("Sales by country: one line per country with its code, "
                                     "the units sold and the amount invoiced, e.g. "
                                     "KZ 120 1500000.00"), "text", required=False,
              max_length=5000),
    DataField("sublicence_income", N_("Sublicence income received in the period"),
              "decimal", currency="currency", required=False),
)

EITHER = Who(("legal", "partner"), ("licensor_legal", "licensee"),
             N_("legal staff of the licensor or the licensee's signatory"))

LICENSE = Workflow(
    name="license",
    label=N_("Licence"),
    states=("inquiry", "nda_pending", "evaluation", "negotiation", "legal_review", "signing",
            "active", "terminated", "expired", "abandoned", "option_active", "option_lapsed"),
    initial="inquiry",
    editable_states=("inquiry", "negotiation"),
    state_labels={
        "inquiry": N_("Inquiry"), "nda_pending": N_("NDA awaiting signatures"),
        "evaluation": N_("Evaluation under NDA"), "negotiation": N_("Negotiation"),
        "legal_review": N_("Legal review"), "signing": N_("Licence awaiting signatures"),
        "active": N_("Active"), "terminated": N_("Terminated"), "expired": N_("Expired"),
        "abandoned": N_("Abandoned"), "option_active": N_("Option in force"),
        "option_lapsed": N_("Option lapsed"),
    },
    transitions=(
        Transition("request_nda", N_("Request a non-disclosure agreement"), ("inquiry",),
                   "nda_pending", conditions=(asset_owned,), document="nda",
                   signers="party_signatories", auto="nda_signed", by=EITHER),
        Transition("nda_signed", N_("NDA signed by both parties"), ("nda_pending",),
                   "evaluation",
                   by=Who.system(N_("the system, when both parties have signed the NDA"))),
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
                *OPTION_TERMS,
                *NOTICE_TERMS,
                # the whole list: rows left out are removed, an empty list removes them all
                DataField("milestones", N_("Milestone payments"), "milestones",
                          required=False, currency="currency"),
            ), by=EITHER),
        Transition("submit_for_review", N_("Submit the terms for legal review"),
                   ("negotiation",), "legal_review", conditions=(terms_complete,),
                   effect=review_requested, by=LICENSOR_LEGAL),
        Transition("request_changes", N_("Request changes to the terms"), ("legal_review",),
                   "negotiation", comment_required=True, by=LICENSOR_LEGAL),
        Transition("approve", N_("Approve the licence for signature"), ("legal_review",),
                   "signing", conditions=(four_eyes, asset_owned, no_exclusivity_conflict,
                                          _option_rule("approve")),
                   document="license_agreement", signers="party_signatories",
                   auto="activate", by=LICENSOR_LEGAL),
        Transition("approve_option", N_("Approve the option agreement for signature"),
                   ("legal_review",), "signing",
                   conditions=(four_eyes, asset_owned, no_exclusivity_conflict,
                               _option_rule("approve_option")),
                   document="option_agreement", signers="party_signatories",
                   auto="grant_option", by=LICENSOR_LEGAL),
        Transition("grant_option", N_("Option agreement signed by both parties"), ("signing",),
                   "option_active", effect=_option_granted,
                   by=Who.system(N_("the system, when both parties have signed the option "
                                    "agreement"))),
        Transition(
            "exercise_option", N_("Exercise the option"), ("option_active",), "negotiation",
            data=(DataField("notice", N_("Notice of exercise: the licence sought and the plan "
                                         "for developing and marketing products"), "text",
                            max_length=5000),),
            conditions=(_option_rule("exercise_option"),), effect=_option_exercised,
            by=Who(("partner", "legal"), ("licensee",),
                   N_("the option holder's signatory or legal staff"))),
        Transition(
            "lapse_option", N_("Record that the option lapsed"),
            ("option_active", "negotiation", "legal_review"), "option_lapsed",
            conditions=(_option_rule("lapse_option"),), effect=_option_lapsed, awaited=False,
            due="option_lapses_on", irreversible=True,
            consequence=N_("The option ends for good: the holder can no longer exercise it "
                           "and the licensor is free to license the invention to others."),
            by=Who(("legal", "system"), ("licensor_legal",),
                   N_("the system, or legal staff of the licensor, once the option period "
                      "(or the negotiation period after its exercise) has ended"))),
        Transition("activate", N_("Licence signed by both parties"), ("signing",), "active",
                   by=Who.system(N_("the system, when both parties have signed the licence")),
                   effect=_activated, document="executed_license_agreement"),
        Transition(
            "report_royalty", N_("File a royalty report"), ("active",), "active",
            by=Who(("partner",), ("licensee",), N_("the licensee's signatory")),
            data=(
                PERIOD_FIELD,
                *REPORT_FIGURES,
                DataField("net_sales", N_("Net sales (computed from the gross amounts and "
                                          "deductions when they are given)"), "decimal",
                          currency="currency", required=False),
                DataField("amount", N_("Royalty paid (the royalty due is net sales x the "
                                       "royalty rate; a smaller payment is recorded as an "
                                       "underpayment)"), "decimal", currency="currency"),
            ),
            effect=_royalty, replaces_previous=False, document="royalty_report", awaited=False),
        Transition(
            "amend_royalty_report", N_("Amend a royalty report"), ("active",), "active",
            by=Who(("partner",), ("licensee",), N_("the licensee's signatory")),
            comment_required=True,
            data=(
                PERIOD_FIELD,
                *REPORT_FIGURES,
                DataField("net_sales", N_("Corrected net sales"), "decimal",
                          currency="currency", required=False),
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
            effect=_milestone, awaited=False, by=LICENSOR_LEGAL),
        Transition("notify_breach", N_("Give notice of a breach"), ("active",), "active",
                   data=(DataField("breach", N_("The breach, and what the licensee must do "
                                                "to cure it"), "text", max_length=5000),),
                   conditions=(no_breach_notice,), effect=_breach_notice, awaited=False,
                   by=LICENSOR_LEGAL),
        Transition("record_cure", N_("Record that the breach was cured"), ("active",),
                   "active", comment_required=True, conditions=(breach_notice_running,),
                   effect=_cured, awaited=False, by=LICENSOR_LEGAL),
        Transition("give_termination_notice", N_("Give notice of termination"),
                   ("active",), "active", comment_required=True,
                   effect=_termination_notice, replaces_previous=False,
                   conditions=(no_termination_notice,),
                   document="termination_notice", awaited=False,
                   by=Who(("partner",), ("licensee",), N_("the licensee's signatory"))),
        Transition("complete_termination", N_("Termination on notice takes effect"),
                   ("active",), "terminated", effect=_terminated_on_notice,
                   due="termination_effective_on",
                   by=Who.system(N_("the system, when the licensee's notice of termination "
                                    "runs out"))),
        Transition("terminate", N_("Terminate the licence"), ("active",), "terminated",
                   data=(DataField("ground", N_("Ground of termination"), "choice",
                                   required=False, choices=TERMINATION_GROUNDS),),
                   conditions=(ground_holds,),
                   comment_required=True, effect=_terminated, document="termination_notice",
                   awaited=False, irreversible=True,
                   consequence=N_("The licence ends now for good: the termination notice is "
                                  "issued and the licensee loses its rights; a new licence "
                                  "would need a new negotiation."), by=EITHER),
        Transition("expire", N_("Record the end of the term"), ("active",), "expired",
                   conditions=(term_ended,), effect=_ended, awaited=False, irreversible=True,
                   due="term_ends_on",
                   consequence=N_("The licence is recorded as expired for good: the licensee's "
                                  "rights end and no royalty report can be filed any more."),
                   by=Who(("legal", "system"), ("licensor_legal",),
                          N_("legal staff of the licensor, or the system, once the term has "
                             "ended"))),
        Transition("abandon", N_("Abandon the negotiation"),
                   ("inquiry", "nda_pending", "evaluation", "negotiation", "legal_review"),
                   "abandoned", comment_required=True, awaited=False, irreversible=True,
                   consequence=N_("The negotiation ends for good: the inquiry is closed and "
                                  "cannot be reopened; a new inquiry would start from the "
                                  "beginning."), by=EITHER),
    ),
)
