"""Every workflow's state × trigger × role × relation matrix, read from its own definition.

For each workflow in ``workflows.WORKFLOWS``, each of its states, each of its triggers and each
person (every role of the app, with none or one of the relations the workflow names) or the
system, the engine's answer is the one the table gives: allowed, not possible in this state,
only a person / only the system, wrong role or wrong relation, with the reason the engine
states. The question (``engine.check``, what the buttons show) and the action
(``engine.fire``) agree. Records, actors and ports are fakes: no Flask, no database. The
fakes answer every condition as met, so only the table decides; the conditions themselves are
tested elsewhere (``test_engine.py`` and the functional tests).
"""
from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from types import SimpleNamespace

import pytest

from workflows import WORKFLOWS, Forbidden, TransitionNotAllowed, engine
from workflows.definition import DataField, Transition, Workflow

NOW = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)
#: the roles a person can have (``consortium.auth.models.Role``; a test below compares them)
ROLES = ("researcher", "legal", "partner", "admin")
LEAD_ORG, MEMBER_ORG, NEW_ORG = 10, 30, 99


# -- fakes --------------------------------------------------------------------------------------
class FakeActor:
    """A person with a role and, towards the record, exactly the relations given."""

    def __init__(self, id: int, role: str, relations: frozenset[str] = frozenset()):
        self.id = id
        self.role = role
        self.organization_id = MEMBER_ORG
        self.relations = relations

    def __repr__(self) -> str:
        return f"<{self.role} {sorted(self.relations)}>"


class FakeRecord:
    """What every workflow's engine sees: state, version, relations (the actor's own) and
    signers. Subclasses add what their workflow's conditions and effects call, each answering
    "the condition holds" and logging the effect."""

    def __init__(self, state: str):
        self.id = 77
        self.state = state
        self.version = 3
        self.review_requested_by_id: int | None = None
        self.ended_at: dt.datetime | None = None
        self.calls: list[str] = []

    def relations_of(self, actor: FakeActor) -> set[str]:
        return set(actor.relations)

    def signer_ids(self, group: str, produced: object = None) -> list[int]:
        return [101, 102]

    def _log(self, name: str, result: object = None) -> object:
        self.calls.append(name)
        return result


class FakeDisclosure(FakeRecord):
    consortium_id = None
    submitted_at = None
    filing_date = None

    def inventor_shares(self):
        return [Decimal("60"), Decimal("40")]

    def inventors_without_account(self):
        return []

    def mark_submitted(self, now):
        self._log("mark_submitted")

    def apply_assessment(self, data, now):
        self._log("apply_assessment")

    def apply_patent_filing(self, data):
        self._log("apply_patent_filing")

    def apply_patent_grant(self, data):
        self._log("apply_patent_grant")


class FakeConsortium(FakeRecord):
    lead_organization_id = LEAD_ORG
    start_date = None

    def membership_problems(self):
        return []

    def has_active_member(self, org_id):
        return org_id in (LEAD_ORG, MEMBER_ORG)

    def active_member_count(self):
        return 3

    def mark_proposed(self, now):
        self._log("mark_proposed")

    def next_agreement_version(self):
        self._log("next_agreement_version")

    def admit(self, data, now):
        return self._log("admit", SimpleNamespace(organization_id=data["organization_id"]))

    def withdraw(self, org_id, now):
        self._log("withdraw")

    def adopted_decision(self, matter, data, now):
        return None  # the General Assembly has decided (tests/functional/test_decisions.py)

    def consume_decision(self, matter, data, now):
        self._log("consume_decision")

    def declare_defaulting(self, org_id, now):
        self._log("declare_defaulting")

    #: organisations whose notice of withdrawal runs (see :meth:`prepare`)
    notices: frozenset[int] = frozenset()

    def prepare(self, trigger):
        """A notice runs for the member exactly when the trigger is about a running one."""
        if trigger == "cancel_withdrawal":
            self.notices = frozenset({MEMBER_ORG})

    def has_withdrawal_notice(self, org_id):
        return org_id in self.notices

    def remaining_member_count(self):
        return 3

    def give_withdrawal_notice(self, org_id, now, actor):
        return self._log("give_withdrawal_notice")

    def cancel_withdrawal_notice(self, org_id):
        return self._log("cancel_withdrawal_notice")

    def complete_withdrawal(self, now):
        return self._log("complete_withdrawal")


class FakeLicence(FakeRecord):
    def asset_is_owned(self):
        return True

    def asset_state_label(self):
        return "protected (assigned)"

    def exclusivity_conflict(self):
        return None

    def terms_problems(self):
        return []

    def term_end_problem(self, now):
        return None

    def apply_terms(self, data):
        self._log("apply_terms")

    def record_royalty(self, data, now, actor):
        return self._log("record_royalty", SimpleNamespace(amount=data["amount"]))

    def amend_royalty(self, data, now, actor):
        return self._log("amend_royalty", SimpleNamespace(amount=data["amount"]))

    def record_milestone(self, data, now):
        return self._log("record_milestone", SimpleNamespace(amount=data["amount"]))

    def mark_active(self, now):
        self._log("mark_active")

    def breach_notice_problem(self, running):
        return None

    def give_breach_notice(self, data, now):
        self._log("give_breach_notice")

    def record_cure(self, now):
        self._log("record_cure")

    def termination_problem(self, ground, actor, now):
        return None

    def termination_notice_problem(self):
        return None

    def give_termination_notice(self, now):
        self._log("give_termination_notice")

    def end(self, now, ground):
        self._log("end")

    def option_problem(self, trigger, now):
        return None

    def grant_option(self, now):
        self._log("grant_option")

    def exercise_option(self, data, now):
        self._log("exercise_option")

    def lapse_option(self, now):
        self._log("lapse_option")


class FakeBenefitPlan(FakeRecord):
    def beneficiary_problems(self):
        return []

    def mark_in_force(self, now):
        self._log("mark_in_force")

    def record_revenue(self, data, now, actor):
        return self._log("record_revenue", SimpleNamespace(amount=data["amount"]))

    def start_amendment(self, now, actor):
        return self._log("start_amendment", SimpleNamespace(by=actor))


class FakeOffer(FakeRecord):
    def publish_problems(self):
        return []

    def mark_published(self, inp):
        self._log("mark_published")

    def mark_withdrawn(self, inp):
        self._log("mark_withdrawn")


class FakeRequest(FakeRecord):
    deadline = None

    def publish_problems(self):
        return []

    def mark_published(self, inp):
        self._log("mark_published")

    def mark_closed(self, inp):
        self._log("mark_closed")


#: the fake record of each workflow: a new workflow in ``WORKFLOWS`` needs one here
FAKES: dict[str, type[FakeRecord]] = {
    "disclosure": FakeDisclosure,
    "consortium": FakeConsortium,
    "license": FakeLicence,
    "benefit_plan": FakeBenefitPlan,
    "offer": FakeOffer,
    "request": FakeRequest,
}


class FakePorts:
    """Records documents and events; nothing is ever signed, so no auto trigger follows."""

    def __init__(self):
        self.documents: list[str] = []
        self.events: list[tuple[str, str, str]] = []

    def render_document(self, record, transition, inp, actor, signer_ids, produced=None):
        self.documents.append(transition.document)
        return SimpleNamespace(template=transition.document)

    def append_event(self, record, trigger, from_state, to_state, actor, inp, documents):
        self.events.append((trigger, from_state, to_state))
        return self.events[-1]

    def all_signed(self, document) -> bool:
        return False

    def void_unsigned(self, record, template) -> None:
        pass


# -- valid input, from the definitions ----------------------------------------------------------
#: values by field name where the field's type alone does not give a valid one
NAMED_VALUES = {"currency": "KZT", "period": "2026-Q1", "organization_id": str(MEMBER_ORG)}
#: values for one transition's field: the organisation admitted is not yet a member
TRANSITION_VALUES = {("consortium", "admit_member", "organization_id"): str(NEW_ORG)}


def sample_value(wf: Workflow, t: Transition, f: DataField) -> str:
    """A value that ``f`` parses and the workflow's data conditions accept."""
    if (wf.name, t.trigger, f.name) in TRANSITION_VALUES:
        return TRANSITION_VALUES[wf.name, t.trigger, f.name]
    if f.name in NAMED_VALUES:
        return NAMED_VALUES[f.name]
    by_type = {"string": "Stated", "text": "Described in a few words.",
               "integer": str(f.minimum or 1), "decimal": "10", "date": "2026-03-01",
               "codes": "KZ", "choice": f.choices[0][0] if f.choices else "",
               "milestones": [{"description": "First sale", "amount": "10",
                               "due_date": "2026-03-01"}]}
    return by_type[f.type]


def valid_input(wf: Workflow, t: Transition) -> dict:
    """A comment and a value for every field of ``t`` (optional ones too)."""
    out: dict = {"comment": "Reason given."}
    if t.data:
        out["data"] = {f.name: sample_value(wf, t, f) for f in t.data}
    return out


# -- the people of each workflow ----------------------------------------------------------------
def people(wf: Workflow) -> dict[str, FakeActor | None]:
    """Every role with no relation or with one of the relations ``wf`` names, and the system."""
    relations = sorted({r for t in wf.transitions for r in t.relations})
    out: dict[str, FakeActor | None] = {}
    for n, (role, rel) in enumerate(itertools.product(ROLES, [None, *relations]), start=1):
        out[f"{role}+{rel or 'no_relation'}"] = FakeActor(
            n, role, frozenset({rel}) if rel else frozenset())
    out["system"] = None
    return out


PEOPLE = {wf.name: people(wf) for wf in WORKFLOWS}


# -- what the table says ------------------------------------------------------------------------
def expected(wf: Workflow, state: str, t: Transition, actor: FakeActor | None):
    """The engine's answer according to ``t``'s row: ``None`` when allowed, else the error type,
    the reason (its translatable template) and the reason's parameters."""
    if state not in t.sources:
        return (TransitionNotAllowed, "Not possible while the record is %(state)s.",
                {"state": wf.state_label(state)})
    if actor is None:
        if "system" in t.roles:
            return None
        return Forbidden, "Only a person can do this.", {}
    if t.is_system:
        return Forbidden, "Happens by itself: %(who)s.", {"who": t.who}
    if actor.role not in t.roles:  # wrong role
        return Forbidden, "Only %(who)s can do this.", {"who": t.who}
    if t.relations and not actor.relations & set(t.relations):  # wrong relation
        return Forbidden, "Only %(who)s can do this.", {"who": t.who}
    return None


MATRIX = [
    pytest.param(wf, state, t, who, id=f"{wf.name}-{state}-{t.trigger}-{who}")
    for wf in WORKFLOWS
    for state, t, who in itertools.product(wf.states, wf.transitions, PEOPLE[wf.name])
]


@pytest.mark.parametrize(("wf", "state", "t", "who"), MATRIX)
def test_every_state_trigger_role_and_relation(wf, state, t, who):
    actor = PEOPLE[wf.name][who]
    rec = FAKES[wf.name](state)
    if hasattr(rec, "prepare"):
        rec.prepare(t.trigger)
    ports = FakePorts()
    want = expected(wf, state, t, actor)

    verdict = engine.check(wf, rec, t, actor)
    assert verdict.allowed is (want is None)

    if want is None:
        assert verdict.reason is None
        outcome = engine.fire(wf.name, rec, t.trigger, actor, ports, version=rec.version,
                              now=NOW, **valid_input(wf, t))
        assert rec.state == t.dest
        assert ports.events == [(t.trigger, state, t.dest)]
        assert ports.documents == ([t.document] if t.document else [])
        assert outcome.trigger == t.trigger and outcome.follow_up is None
        return

    error, reason, params = want
    assert (verdict.reason, dict(verdict.reason_params or {})) == (reason, params)
    with pytest.raises(error) as info:
        engine.fire(wf.name, rec, t.trigger, actor, ports, version=rec.version, now=NOW,
                    **valid_input(wf, t))
    assert type(info.value) is error  # Forbidden is no TransitionNotAllowed, nor the reverse
    assert (info.value.message, info.value.params) == (reason, params)
    assert str(info.value) == (reason % params if params else reason)
    assert info.value.status == {TransitionNotAllowed: 409, Forbidden: 403}[error]
    assert rec.state == state and rec.calls == [], "a refused trigger must not move the record"
    assert ports.events == [] and ports.documents == []


@pytest.mark.parametrize("wf", WORKFLOWS, ids=lambda w: w.name)
def test_every_row_can_be_fired_from_each_of_its_sources(wf):
    """No dead row: from each source someone of the matrix may fire each trigger, and a system
    trigger only the system."""
    for t in wf.transitions:
        for state in t.sources:
            allowed = {who for who, actor in PEOPLE[wf.name].items()
                       if expected(wf, state, t, actor) is None}
            assert allowed, (t.trigger, state)
            if t.is_system:
                assert allowed == {"system"}, t.trigger


def test_every_workflow_has_a_fake_record():
    assert set(FAKES) == {wf.name for wf in WORKFLOWS}


def test_the_roles_are_the_apps():
    from consortium.auth.models import Role

    assert set(ROLES) == {r.value for r in Role}
