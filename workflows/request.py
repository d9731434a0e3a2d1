"""The technology request workflow: an enterprise's problem, published to the network."""
from __future__ import annotations

import datetime as dt
from typing import Protocol

from .definition import Transition, TransitionInput, Unmet, Who, Workflow, earliest_date
from .errors import N_, Joined


class RequestRecord(Protocol):
    """What the request workflow's conditions and effects read and call on a record."""

    #: the day by which the enterprise needs an answer, if it gives one
    deadline: dt.date | None

    def publish_problems(self) -> list[str]: ...
    def mark_published(self, inp: TransitionInput) -> None: ...
    def mark_closed(self, inp: TransitionInput) -> None: ...


def complete(record: RequestRecord, _: TransitionInput) -> Unmet | None:
    """A request is published with a problem statement and a field."""
    problems = record.publish_problems()
    if problems:
        return Unmet.invalid(N_("The request is not complete: %(problems)s"),
                             {"problems": Joined(problems)})
    return None


def deadline_ahead(deadline: dt.date | None, now: dt.datetime) -> bool:
    """Whether ``deadline`` (if any) is today or later, today anywhere on Earth: what a
    request is created, edited and published with."""
    return deadline is None or deadline >= earliest_date(now)


def deadline_not_past(record: RequestRecord, inp: TransitionInput) -> Unmet | None:
    """A request is not published with a deadline that has passed (a draft kept since)."""
    if not deadline_ahead(record.deadline, inp.now):
        return Unmet.invalid(N_("The deadline is in the past: set a later one, or leave it "
                                "empty."), field="deadline")
    return None


def _published(record: RequestRecord, inp: TransitionInput) -> None:
    record.mark_published(inp)


def _closed(record: RequestRecord, inp: TransitionInput) -> None:
    record.mark_closed(inp)


ORG_PEOPLE = Who(("partner", "legal"), ("own_org",),
                 N_("a partner or legal staff of the requesting organisation"))

REQUEST = Workflow(
    name="request",
    label=N_("Technology request"),
    states=("draft", "open", "closed"),
    initial="draft",
    editable_states=("draft", "open"),
    state_labels={"draft": N_("Draft"), "open": N_("Open"), "closed": N_("Closed")},
    # ru: «запрос» is masculine (Открыт, Закрыт)
    state_context="request state",
    transitions=(
        Transition("publish", N_("Publish to the network"), ("draft",), "open",
                   conditions=(complete, deadline_not_past), effect=_published,
                   by=ORG_PEOPLE),
        # a closed request is final (nothing reopens it), like every other terminal step
        Transition("close", N_("Close the request"), ("open",), "closed", effect=_closed,
                   awaited=False, irreversible=True,
                   consequence=N_("A closed request cannot be edited."), by=ORG_PEOPLE),
    ),
)
