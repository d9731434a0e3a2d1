"""The data path of a transition: an effect returns what it produced, the engine carries it in
the outcome to the document and the signer group, and after-hooks are registered per trigger
and checked against the workflow when a record type is registered."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from workflows import Engine
from workflows.definition import Transition, Who, Workflow

NOW = dt.datetime(2026, 3, 14, 9, 30, tzinfo=dt.UTC)


class _Record:
    def __init__(self):
        self.id, self.state, self.version = 1, "open", 1
        self.signer_calls: list[tuple] = []

    def relations_of(self, actor):
        return set()

    def signer_ids(self, group, produced=None):
        self.signer_calls.append((group, produced))
        return [produced["signer"]] if produced else []


class _Ports:
    def __init__(self):
        self.rendered: list[dict] = []

    def render_document(self, record, t, inp, actor, signer_ids, produced=None):
        self.rendered.append({"signers": signer_ids, "produced": produced})
        return t.document

    def append_event(self, *a):
        return {"trigger": a[1]}

    def all_signed(self, document):
        return False

    def void_unsigned(self, record, template):
        pass


def _engine(effect):
    wf = Workflow(name="w", label="W", states=("open", "done"), initial="open", transitions=(
        Transition("finish", "Finish", ("open",), "done", Who(("legal",)), effect=effect,
                   document="paper", signers="inventors"),
    ))
    return Engine([wf])


class _Actor:
    id, role, organization_id = 7, "legal", 1


def test_what_an_effect_returns_reaches_the_outcome_the_document_and_the_signers():
    rec, ports = _Record(), _Ports()
    outcome = _engine(lambda r, inp: {"signer": 42}).fire("w", rec, "finish", _Actor(), ports,
                                                          now=NOW)
    assert outcome.trigger == "finish" and outcome.produced == {"signer": 42}
    assert ports.rendered == [{"signers": [42], "produced": {"signer": 42}}]
    assert rec.signer_calls == [("inventors", {"signer": 42})]
    assert not [k for k in vars(rec) if k.startswith("_")]  # nothing left on the record


def test_an_effect_that_produces_nothing_leaves_the_ports_call_as_before():
    rec, ports = _Record(), _Ports()
    outcome = _engine(lambda r, inp: None).fire("w", rec, "finish", _Actor(), ports, now=NOW)
    assert outcome.produced is None and ports.rendered == [{"signers": [], "produced": None}]


def test_hooks_are_one_per_trigger():
    from consortium.workflow import Hooks
    hooks = Hooks()

    @hooks.after("approve")
    def first(record, outcome, user):
        pass

    with pytest.raises(ValueError, match="two after-hooks for approve"):
        @hooks.after("approve")
        def second(record, outcome, user):
            pass


def test_a_hook_for_a_trigger_the_workflow_lacks_fails_at_registration(app):
    from consortium import workflow
    licence = workflow.REGISTRY["license"]
    typo = dataclasses.replace(licence, hooks={"report_royalties": lambda *a: None})
    with pytest.raises(ValueError, match="license: after-hooks for triggers the workflow does "
                                         "not have: report_royalties"):
        workflow.register(typo)
    assert workflow.REGISTRY["license"] is licence


def test_every_registered_hook_names_a_trigger_of_its_workflow(app):
    from consortium import workflow
    from workflows import engine
    hooked = {(name, trigger) for name, rt in workflow.REGISTRY.items() for trigger in rt.hooks}
    assert hooked == {("license", "report_royalty"), ("license", "amend_royalty_report"),
                      ("license", "reach_milestone"), ("benefit_plan", "record_revenue"),
                      # the option fee is booked when the option agreement is in force
                      ("license", "grant_option"),
                      ("benefit_plan", "amend"), ("benefit_plan", "bring_into_force"),
                      # the patent docket follows a disclosure's filing, grant and abandonment
                      ("disclosure", "file_patent"), ("disclosure", "grant"),
                      ("disclosure", "abandon"),
                      # the single window's matches follow what is published
                      ("offer", "publish"), ("offer", "withdraw"),
                      ("request", "publish"), ("request", "close")}
    for name, trigger in hooked:
        assert engine.workflow(name).transition(trigger) is not None
    assert workflow.REGISTRY[workflow.INCOME_WORKFLOW].receive_income is not None
