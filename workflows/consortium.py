"""The consortium workflow: proposal, memorandum, negotiation, agreement, membership changes."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from decimal import Decimal
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

IP_REGIMES = (
    ("each_party_owns", N_("Each party owns its results; all get a non-exclusive licence")),
    ("lead_owns", N_("Results vest in the lead party, which shares the revenue")),
    ("joint_ownership", N_("Results made together are jointly owned")),
    ("contributor_owns", N_("Each party owns its results; others get project-only access")),
)
VOTING_RULES = (
    ("majority", N_("Simple majority")),
    ("two_thirds", N_("Two-thirds majority")),
    ("unanimity", N_("Unanimity")),
)
MEMBER_ROLES = (("lead", N_("Lead")), ("member", N_("Member")), ("associate", N_("Associate")))
CONTRIBUTION_TYPES = (("cash", N_("Cash")), ("in_kind", N_("In kind")),
                      ("background_ip", N_("Background IP")))
#: the matters the consortium agreement reserves to the General Assembly (all weighty), each
#: named by the trigger an adopted decision on it lets fire (see :func:`decided`)
RESERVED_MATTERS = (
    ("admit_member", N_("Admitting a new party")),
    ("declare_defaulting", N_("Declaring a defaulting party")),
    ("amend", N_("Amending the consortium agreement")),
    ("dissolve", N_("Dissolving the consortium")),
)


class ConsortiumRecord(Protocol):
    """What the consortium workflow's conditions and effects read and call on a record."""

    review_requested_by_id: int | None
    lead_organization_id: int
    start_date: dt.date | None

    def relations_of(self, actor: Actor) -> AbstractSet[str]: ...
    def membership_problems(self) -> Sequence[str]: ...
    def has_active_member(self, org_id: int) -> bool: ...
    def active_member_count(self) -> int: ...
    def mark_proposed(self, now: dt.datetime) -> None: ...
    def next_agreement_version(self) -> None: ...
    def admit(self, data: Mapping[str, Any], now: dt.datetime) -> Any: ...
    def withdraw(self, org_id: int, now: dt.datetime) -> None: ...
    def remaining_member_count(self) -> int: ...
    def has_withdrawal_notice(self, org_id: int) -> bool: ...
    def give_withdrawal_notice(self, org_id: int, now: dt.datetime,
                               actor: Actor | None) -> Any: ...
    def cancel_withdrawal_notice(self, org_id: int) -> Any: ...
    def complete_withdrawal(self, now: dt.datetime) -> Any: ...
    def adopted_decision(self, matter: str, data: Mapping[str, Any],
                         now: dt.datetime) -> Unmet | None: ...
    def consume_decision(self, matter: str, data: Mapping[str, Any],
                         now: dt.datetime) -> None: ...
    def declare_defaulting(self, org_id: int, now: dt.datetime) -> None: ...


def members_complete(record: ConsortiumRecord, _: TransitionInput) -> Unmet | None:
    """A proposal needs a lead, a second party, complete contributions and shares of 100 %."""
    problems = record.membership_problems()
    if problems:
        return Unmet.invalid(N_("The membership is not complete: %(problems)s"),
                             {"problems": "; ".join(problems)})
    return None


def organization_not_member(record: ConsortiumRecord, inp: TransitionInput) -> Unmet | None:
    org_id = inp.data.get("organization_id")
    if org_id is not None and record.has_active_member(int(org_id)):
        return Unmet.invalid(N_("That organisation is already a member."))
    share = inp.data.get("share_percent")
    if share is not None and not (Decimal(0) < share < Decimal(100)):
        return Unmet.invalid(
            N_("The new member's share must be more than 0 and less than 100 percent."))
    return None


def withdrawing_member_valid(record: ConsortiumRecord, inp: TransitionInput) -> Unmet | None:
    org_id = inp.data.get("organization_id")
    if org_id is None:
        return None
    if not record.has_active_member(int(org_id)):
        return Unmet.invalid(N_("That organisation is not an active member."))
    if int(org_id) == record.lead_organization_id:
        return Unmet.invalid(
            N_("The lead party cannot withdraw; dissolve the consortium instead."))
    own = _own_notice(record, inp, int(org_id))
    if own is not None:
        return own
    if record.has_withdrawal_notice(int(org_id)):
        return Unmet.invalid(N_("That member has already given notice of its withdrawal."),
                             field="organization_id")
    if record.remaining_member_count() <= 2:
        return Unmet.invalid(
            N_("A consortium needs at least two parties; dissolve it instead."))
    return None


def _own_notice(record: ConsortiumRecord, inp: TransitionInput, org_id: int) -> Unmet | None:
    """A member gives (or cancels) notice only of its own withdrawal; the lead's legal staff
    of any member's."""
    actor = inp.actor
    if actor is not None and "lead_legal" not in record.relations_of(actor) \
            and org_id != actor.organization_id:
        return Unmet.invalid(N_("A member may give notice only of its own withdrawal."))
    return None


def withdrawal_notice_given(record: ConsortiumRecord, inp: TransitionInput) -> Unmet | None:
    """Only a notice still running can be cancelled, by the member or the lead's legal staff."""
    org_id = inp.data.get("organization_id")
    if org_id is None:
        return None
    if not record.has_withdrawal_notice(int(org_id)):
        return Unmet.invalid(N_("That member has given no notice of withdrawal that is still "
                                "running."), field="organization_id")
    return _own_notice(record, inp, int(org_id))


def decided(matter: str) -> Condition:
    """A condition: the General Assembly has adopted a decision on ``matter`` (the trigger
    it authorises) that no transition has used yet, and its terms are this action's data.
    The record answers ``None`` or why not (it reads the decisions and their votes)."""
    def condition(record: ConsortiumRecord, inp: TransitionInput) -> Unmet | None:
        return record.adopted_decision(matter, inp.data, inp.now)
    condition.__name__ = f"decided_{matter}"
    return condition


def _consume(matter: str, record: ConsortiumRecord, inp: TransitionInput) -> None:
    record.consume_decision(matter, inp.data, inp.now)


def _admit(record: ConsortiumRecord, inp: TransitionInput) -> Any:
    """Admit the member; produces which organisation it admitted (its signatory signs)."""
    _consume("admit_member", record, inp)
    return record.admit(inp.data, inp.now)


def _amend(record: ConsortiumRecord, inp: TransitionInput) -> None:
    _consume("amend", record, inp)


def not_before_start(record: ConsortiumRecord, inp: TransitionInput) -> Unmet | None:
    """The dissolution act takes effect on its date, which cannot precede the consortium's
    start date."""
    start = record.start_date
    if start is not None and inp.now.astimezone(dt.UTC).date() < start:
        return Unmet.invalid(
            N_("The dissolution date cannot precede the consortium's start date, %(date)s."),
            {"date": start.isoformat()}, field="dissolution_date")
    return None


def _dissolve(record: ConsortiumRecord, inp: TransitionInput) -> None:
    _consume("dissolve", record, inp)


def _declare_defaulting(record: ConsortiumRecord, inp: TransitionInput) -> None:
    _consume("declare_defaulting", record, inp)
    record.declare_defaulting(int(inp.data["organization_id"]), inp.now)


def _give_notice(record: ConsortiumRecord, inp: TransitionInput) -> Any:
    """The member's notice runs: it stays a party until the notice period ends (a term of
    the agreement); produces the notice, whose document states the effective date."""
    return record.give_withdrawal_notice(int(inp.data["organization_id"]), inp.now, inp.actor)


def _cancel_notice(record: ConsortiumRecord, inp: TransitionInput) -> Any:
    return record.cancel_withdrawal_notice(int(inp.data["organization_id"]))


def _complete_withdrawal(record: ConsortiumRecord, inp: TransitionInput) -> Any:
    """On the effective date: the member leaves and the shares are rescaled; produces who
    left (the document records it)."""
    return record.complete_withdrawal(inp.now)


def _number_draft(record: ConsortiumRecord, inp: TransitionInput) -> None:
    record.next_agreement_version()
    review_requested(record, inp)


def _proposed(record: ConsortiumRecord, inp: TransitionInput) -> None:
    record.mark_proposed(inp.now)


LEAD_LEGAL = Who(("legal",), ("lead_legal",), N_("legal staff of the lead organisation"))
ORG = DataField("organization_id", N_("Organisation"), "integer", minimum=1)
WITHDRAWING = Who(("legal", "partner"), ("lead_legal", "member"),
                  N_("legal staff of the lead, or the withdrawing member"))

CONSORTIUM = Workflow(
    name="consortium",
    label=N_("Industrial-scientific technological consortium"),
    states=("draft", "proposed", "negotiation", "legal_review", "signing", "active",
            "suspended", "dissolving", "dissolved"),
    initial="draft",
    editable_states=("draft", "negotiation"),
    state_labels={
        "draft": N_("Draft"), "proposed": N_("Proposed: memorandum awaiting signatures"),
        "negotiation": N_("Negotiation"), "legal_review": N_("Legal review"),
        "signing": N_("Agreement awaiting signatures"), "active": N_("Active"),
        "suspended": N_("Suspended"),
        "dissolving": N_("Dissolving: the act awaits every member's signature"),
        "dissolved": N_("Dissolved"),
    },
    transitions=(
        Transition("propose", N_("Propose the consortium to its members"), ("draft",),
                   "proposed", conditions=(members_complete,), effect=_proposed,
                   document="memorandum_of_intent", signers="member_signatories",
                   auto="accept_terms", by=LEAD_LEGAL),
        Transition("accept_terms", N_("Memorandum signed by every member"), ("proposed",),
                   "negotiation",
                   by=Who.system(N_("the system, when every member has signed the memorandum"))),
        Transition("decline", N_("Decline the proposal"), ("proposed",), "draft",
                   by=Who(("partner",), ("member",), N_("the authorised signatory of a member")),
                   comment_required=True, awaited=False),
        Transition("submit_for_review", N_("Submit the agreement for legal review"),
                   ("negotiation",), "legal_review", effect=_number_draft,
                   conditions=(members_complete,),
                   document="consortium_agreement_draft", by=LEAD_LEGAL),
        Transition("request_changes", N_("Request changes to the agreement"),
                   ("legal_review",), "negotiation",
                   by=Who(("legal",), ("member_legal",), N_("legal staff of a member")),
                   comment_required=True),
        Transition("approve", N_("Approve the agreement for signature"), ("legal_review",),
                   "signing", conditions=(four_eyes,), document="consortium_agreement",
                   signers="member_signatories", auto="activate", by=LEAD_LEGAL),
        Transition("activate", N_("Agreement signed by every member"), ("signing",),
                   "active", document="executed_consortium_agreement",
                   by=Who.system(N_("the system, when every member has signed the agreement"))),
        Transition(
            "admit_member", N_("Admit a new member"), ("active",), "active",
            data=(
                ORG,
                DataField("role", N_("Role"), "choice", choices=MEMBER_ROLES[1:]),
                DataField("contribution_type", N_("Contribution"), "choice",
                          choices=CONTRIBUTION_TYPES),
                DataField("contribution_value", N_("Contribution value"), "decimal",
                          currency="currency"),
                DataField("currency", N_("Currency (ISO 4217)"), max_length=3),
                DataField("contribution_description", N_("Contribution description"), "text",
                          max_length=2000),
                DataField("share_percent", N_("Share of the new member (percent)"), "decimal"),
                # who signs the accession for the new member when nobody there has an
                # account who can: invited by e-mail, bound to this consortium
                DataField("signatory_name", N_("Signatory of the new member to invite (name)"),
                          required=False, max_length=200),
                DataField("signatory_email", N_("Signatory of the new member to invite "
                                                "(e-mail)"), required=False, max_length=254),
            ),
            conditions=(organization_not_member, decided("admit_member")), effect=_admit,
            replaces_previous=False, document="accession_agreement",
            signers="accession_parties", awaited=False,
            by=LEAD_LEGAL),
        Transition("withdraw_member", N_("Give notice of a member's withdrawal"), ("active",),
                   "active", by=WITHDRAWING,
                   data=(ORG,), conditions=(withdrawing_member_valid,), effect=_give_notice,
                   comment_required=True, replaces_previous=False,
                   document="withdrawal_notice", awaited=False),
        Transition("cancel_withdrawal", N_("Cancel a notice of withdrawal"), ("active",),
                   "active", by=WITHDRAWING, data=(ORG,),
                   conditions=(withdrawal_notice_given,), effect=_cancel_notice,
                   awaited=False),
        Transition("complete_withdrawal", N_("Withdrawal takes effect"), ("active",),
                   "active", due="withdrawal_due_on", effect=_complete_withdrawal,
                   replaces_previous=False, document="withdrawal_notice",
                   by=Who.system(N_("the system, on the date a notice of withdrawal takes "
                                    "effect"))),
        Transition("declare_defaulting", N_("Declare a defaulting party"), ("active",),
                   "active", data=(ORG,), conditions=(decided("declare_defaulting"),),
                   effect=_declare_defaulting, comment_required=True,
                   replaces_previous=False, awaited=False, by=LEAD_LEGAL),
        Transition("amend", N_("Propose an amendment"), ("active",), "negotiation",
                   conditions=(decided("amend"),), effect=_amend,
                   comment_required=True, replaces_previous=False,
                   document="amendment_proposal", awaited=False,
                   by=LEAD_LEGAL),
        Transition("suspend", N_("Suspend the consortium"), ("active",), "suspended",
                   comment_required=True, awaited=False, by=LEAD_LEGAL),
        Transition("resume", N_("Resume the consortium"), ("suspended",), "active",
                   by=LEAD_LEGAL),
        Transition("dissolve", N_("Dissolve the consortium"), ("active", "suspended"),
                   "dissolving", conditions=(decided("dissolve"), not_before_start),
                   effect=_dissolve,
                   comment_required=True, document="dissolution_act",
                   signers="member_signatories", auto="complete_dissolution",
                   awaited=False, irreversible=True,
                   consequence=N_("The consortium ends for good once every member has signed "
                                  "the dissolution act: no member can be admitted or amend "
                                  "the agreement, and the consortium cannot be resumed."),
                   by=LEAD_LEGAL),
        Transition("complete_dissolution", N_("Dissolution act signed by every member"),
                   ("dissolving",), "dissolved",
                   by=Who.system(N_("the system, when every member has signed the "
                                    "dissolution act"))),
    ),
)
