"""The benefit-sharing plan workflow: beneficiaries, acknowledgment, approval, distributions."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from .definition import Actor, DataField, Transition, TransitionInput, Unmet, Who, Workflow
from .errors import N_


class BenefitPlanRecord(Protocol):
    """What the benefit-plan workflow's conditions and effects read and call on a record."""

    ended_at: dt.datetime | None

    def beneficiary_problems(self) -> Sequence[str]: ...
    def mark_in_force(self, now: dt.datetime) -> None: ...
    def record_revenue(self, data: Mapping[str, Any], now: dt.datetime,
                       actor: Actor | None) -> Any: ...
    def start_amendment(self, now: dt.datetime, actor: Actor | None) -> Any: ...


def beneficiaries_complete(record: BenefitPlanRecord, _: TransitionInput) -> Unmet | None:
    problems = record.beneficiary_problems()
    if problems:
        return Unmet.invalid(N_("The plan is not complete: %(problems)s"),
                             {"problems": "; ".join(problems)})
    return None


def _approved(record: BenefitPlanRecord, inp: TransitionInput) -> None:
    record.mark_in_force(inp.now)


def _distribute(record: BenefitPlanRecord, inp: TransitionInput) -> Any:
    """Produces the income recorded and its distribution under the plan."""
    return record.record_revenue(inp.data, inp.now, inp.actor)


def _amend(record: BenefitPlanRecord, inp: TransitionInput) -> Any:
    """Produces who started the amendment, and when (the new version is drafted after)."""
    return record.start_amendment(inp.now, inp.actor)


def _terminated(record: BenefitPlanRecord, inp: TransitionInput) -> None:
    record.ended_at = inp.now


LEGAL = Who(("legal",), ("owner_legal",),
            N_("legal staff of the organisation that holds the rights"))

BENEFIT_PLAN = Workflow(
    name="benefit_plan",
    label=N_("Benefit-sharing plan"),
    states=("draft", "acknowledgment", "acknowledged", "awaiting_signatures", "in_force",
            "superseded", "terminated"),
    initial="draft",
    editable_states=("draft",),
    state_labels={
        "draft": N_("Draft"), "acknowledgment": N_("Awaiting beneficiaries' acknowledgment"),
        "acknowledged": N_("Acknowledged by every beneficiary"), "in_force": N_("In force"),
        "awaiting_signatures": N_("Approved: the agreement awaits every party's signature"),
        "superseded": N_("Superseded by a newer version"), "terminated": N_("Terminated"),
    },
    transitions=(
        Transition("propose", N_("Send the plan to the beneficiaries"), ("draft",),
                   "acknowledgment", conditions=(beneficiaries_complete,),
                   document="benefit_sharing_plan_draft", signers="beneficiaries",
                   auto="acknowledge", by=LEGAL),
        Transition("acknowledge", N_("Acknowledged by every beneficiary"),
                   ("acknowledgment",), "acknowledged",
                   by=Who.system(N_("the system, when every beneficiary has signed"))),
        Transition("approve", N_("Approve the plan"), ("acknowledged",),
                   "awaiting_signatures", document="benefit_sharing_agreement",
                   signers="plan_parties", auto="bring_into_force", by=LEGAL),
        Transition("bring_into_force", N_("Agreement signed by every party"),
                   ("awaiting_signatures",), "in_force", effect=_approved,
                   by=Who.system(N_("the system, when the rights holder and every beneficiary "
                                    "have signed the benefit-sharing agreement"))),
        Transition(
            "record_revenue", N_("Record income and distribute it"), ("in_force",),
            "in_force",
            data=(DataField("amount", N_("Gross income"), "decimal", places=3,
                            currency="currency"),
                  DataField("costs", N_("Recoverable costs"), "decimal", required=False,
                            places=3, currency="currency"),
                  DataField("source", N_("Source (e.g. licence, grant, sale)"),
                            max_length=300)),
            effect=_distribute, replaces_previous=False, document="distribution_statement",
            awaited=False,
            by=Who(("legal", "system"), ("owner_legal",),
                   N_("legal staff of the rights holder, or the system for licence income"))),
        Transition("amend", N_("Amend (prepare a new version)"), ("in_force",), "in_force",
                   comment_required=True, effect=_amend, awaited=False, by=LEGAL),
        Transition("supersede", N_("Replaced by the approved new version"), ("in_force",),
                   "superseded",
                   by=Who.system(N_("the system, when the plan's next version is approved"))),
        Transition("terminate", N_("Terminate the plan"), ("in_force",), "terminated",
                   comment_required=True, effect=_terminated, awaited=False,
                   irreversible=True,
                   consequence=N_("The plan stops for good: income booked from now on is "
                                  "held, not distributed under it, until a new plan is in "
                                  "force."), by=LEGAL),
    ),
)
