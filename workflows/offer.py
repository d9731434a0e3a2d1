"""The technology offer workflow: a non-confidential summary published in the catalogue."""
from __future__ import annotations

from typing import Protocol

from .definition import DataField, Transition, TransitionInput, Unmet, Who, Workflow
from .errors import N_, Joined

OFFER_KINDS = (("technology", N_("Technology (from an invention)")),
               ("rd_service", N_("R&D service")),
               ("equipment", N_("Equipment and facilities")))


class OfferRecord(Protocol):
    """What the offer workflow's conditions and effects read and call on a record."""

    def publish_problems(self) -> list[str]: ...
    def mark_published(self, inp: TransitionInput) -> None: ...
    def mark_withdrawn(self, inp: TransitionInput) -> None: ...


def complete(record: OfferRecord, _: TransitionInput) -> Unmet | None:
    """An offer is published with what a reader needs: summary, field, readiness."""
    problems = record.publish_problems()
    if problems:
        return Unmet.invalid(N_("The offer is not complete: %(problems)s"),
                             {"problems": Joined(problems)})
    return None


def _published(record: OfferRecord, inp: TransitionInput) -> None:
    record.mark_published(inp)


def _withdrawn(record: OfferRecord, inp: TransitionInput) -> None:
    record.mark_withdrawn(inp)


ORG_LEGAL = Who(("legal",), ("org_legal",), N_("legal staff of the offering organisation"))

OFFER = Workflow(
    name="offer",
    label=N_("Technology offer"),
    states=("draft", "published", "withdrawn"),
    initial="draft",
    # a withdrawn offer is corrected out of public view, then published again if at all
    editable_states=("draft", "published", "withdrawn"),
    state_labels={"draft": N_("Draft"), "published": N_("Published"),
                  "withdrawn": N_("Withdrawn")},
    # ru: «предложение» is neuter (Опубликовано, Отозвано); kk: withdrawn is taken out of
    # the catalogue (Каталогтан алынды), not sent back
    state_context="offer state",
    transitions=(
        Transition(
            "publish", N_("Publish in the catalogue"), ("draft", "withdrawn"), "published",
            # the record's check_data refuses a summary copied from the confidential
            # disclosure unless confirm_public says that text is public already
            conditions=(complete,), effect=_published,
            # a draft waits for legal staff to publish it; nobody is asked to put a withdrawn
            # offer back in public, though they may
            awaited_from=("draft",),
            data=(DataField("confirm_public",
                            N_("The text the summary shares with the disclosure is already "
                               "public"), "choice", required=False,
                            choices=(("yes", N_("Yes, it is public")),)),),
            by=ORG_LEGAL),
        # the reason (confidential text, an exclusive licence...) stays in the history
        Transition("withdraw", N_("Withdraw from the catalogue"), ("published",), "withdrawn",
                   effect=_withdrawn, awaited=False, comment_required=True, by=ORG_LEGAL),
    ),
)
