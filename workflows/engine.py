"""The engine: applies a workflow table to one record inside the caller's database transaction."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Any, Protocol

from .definition import Actor, DataField, Transition, TransitionInput, Unmet, Workflow
from .errors import (
    N_,
    Forbidden,
    StaleVersion,
    Text,
    TransitionNotAllowed,
    UnknownTrigger,
    ValidationFailed,
)


class Record(Protocol):
    """What a persisted record offers the engine."""

    id: int
    state: str
    version: int

    def relations_of(self, actor: Actor) -> AbstractSet[str]: ...

    def signer_ids(self, group: str) -> list[int]:
        """Who signs for ``group``. A group that depends on what the transition produced
        (the new member of an admission) also takes ``produced=``, which the engine passes
        only when the effect produced something."""


class Ports(Protocol):
    """Persistence the app supplies: documents and the audit log, in the caller's transaction."""

    def render_document(self, record: Any, transition: Transition, inp: TransitionInput,
                        actor: Actor | None, signer_ids: list[int]) -> Any:
        """Render ``transition``'s document. When the transition's effect produced something,
        the engine also passes it as ``produced=`` (ports of workflows whose effects produce
        nothing need not take it)."""

    def append_event(self, record: Any, trigger: str, from_state: str, to_state: str,
                     actor: Actor | None, inp: TransitionInput, documents: list[Any]) -> Any: ...

    def all_signed(self, document: Any) -> bool: ...

    def void_unsigned(self, record: Any, template: str) -> None: ...

    def currency_places(self, code: str) -> int:
        """Decimals of ISO 4217 ``code`` (2 for KZT); ``ValueError`` when unknown. Optional:
        without it money fields allow the decimals their definition names."""


@dataclass(frozen=True)
class Availability:
    """Whether ``actor`` may fire ``transition`` now, and if not, why."""

    transition: Transition
    allowed: bool
    reason: str | None = None
    reason_params: Mapping[str, Any] | None = None
    #: the condition that failed reports a conflict with another record (409, not 422)
    conflict: bool = False
    #: the condition that failed says this person may not do it (403, not 422)
    forbidden: bool = False
    #: the data field the failed condition is about (422 names it), if any
    field: str | None = None

    @classmethod
    def refused(cls, transition: Transition, unmet: Unmet) -> Availability:
        """Not now, because of ``unmet`` (a condition that does not hold)."""
        return cls(transition, False, unmet.message, dict(unmet.params),
                   conflict=unmet.kind == "conflict", forbidden=unmet.kind == "forbidden",
                   field=unmet.field)


@dataclass
class Outcome:
    """What one fired trigger did: the event, its documents and what its effect produced."""

    record: Any
    event: Any
    documents: list[Any]
    #: a transition the engine fired by itself afterwards (e.g. no signer was needed)
    follow_up: Outcome | None = None
    #: the trigger fired
    trigger: str = ""
    #: what the transition's effect returned (``None`` when it has no effect or produced
    #: nothing): the one way data of a transition reaches its document and the after-hooks
    produced: Any = None
    #: what the app's after-hook of this trigger returned (``None`` when none ran or it
    #: returned nothing), e.g. the income it booked: the one way a hook's result reaches
    #: the answer of the transition
    hooked: Any = None


class _StateHolder:
    """What the shared Machine moves: a state and nothing else, so no record is ever bound."""

    __slots__ = ("state",)

    def __init__(self, state: str):
        self.state = state


class Engine:
    """Fires triggers of the registered workflows on records, with every check in one place."""

    def __init__(self, workflows: Iterable[Workflow]):
        self.workflows = {w.name: w for w in workflows}
        self._lock = threading.Lock()

    def workflow(self, name: str) -> Workflow:
        return self.workflows[name]

    # -- asking ---------------------------------------------------------------------------------
    def check(self, workflow: Workflow, record: Record, t: Transition, actor: Actor | None,
              inp: TransitionInput | None = None) -> Availability:
        """Why ``actor`` may not fire ``t`` on ``record`` now (``allowed`` when nothing stops it).

        The order is fixed: state, role, relation, then the record's own conditions, so the
        reason names the first thing a person would have to change.
        """
        gate = self._gate(workflow, record, t, actor)
        if gate is not None:
            return gate
        probe = inp or TransitionInput(comment=None, data={}, now=_now(), actor=actor)
        for condition in t.conditions:
            unmet = condition(record, probe)
            if unmet is not None:
                return Availability.refused(t, unmet)
        return Availability(t, True)

    def _gate(self, workflow: Workflow, record: Record, t: Transition,
              actor: Actor | None) -> Availability | None:
        """State, then role and relation; ``None`` when only the conditions remain to check."""
        if record.state not in t.sources:
            return Availability(t, False, N_("Not possible while the record is %(state)s."),
                                {"state": workflow.state_label(record.state)})
        if actor is None:
            if "system" not in t.roles:
                return Availability(t, False, N_("Only a person can do this."))
            return None
        if t.is_system:
            return Availability(t, False, N_("Happens by itself: %(who)s."), {"who": t.who})
        if not t.by.admits(actor, record.relations_of):
            return Availability(t, False, N_("Only %(who)s can do this."), {"who": t.who})
        return None

    def available(self, workflow_name: str, record: Record, actor: Actor) -> list[Availability]:
        """Every trigger a person could fire on this workflow, with whether ``actor`` may now."""
        wf = self.workflows[workflow_name]
        return [self.check(wf, record, t, actor) for t in wf.transitions if not t.is_system]

    def _awaited_of(self, wf: Workflow, role: str) -> list[Transition]:
        return [t for t in wf.transitions if t.awaited and not t.is_system and role in t.roles]

    def awaited_states(self, workflow_name: str, role: str) -> set[str]:
        """The states in which a record waits for someone of ``role`` to act."""
        return {s for t in self._awaited_of(self.workflows[workflow_name], role)
                for s in t.sources if t.awaited_in(s)}

    def awaited(self, workflow_name: str, record: Record, actor: Actor) -> list[Transition]:
        """The awaited triggers ``actor`` may fire on ``record`` now: what an inbox lists.

        Only the transitions out of the record's state for the actor's role are checked.
        """
        wf = self.workflows[workflow_name]
        return [t for t in self._awaited_of(wf, actor.role)
                if t.awaited_in(record.state) and self.check(wf, record, t, actor).allowed]

    # -- acting ---------------------------------------------------------------------------------
    def fire(self, workflow_name: str, record: Record, trigger: str, actor: Actor | None,
             ports: Ports, *, version: int | None = None, comment: str | None = None,
             data: Mapping[str, Any] | None = None, now: dt.datetime | None = None) -> Outcome:
        """Fire ``trigger``: check, move the state, render the document, append the event.

        Everything happens on the caller's session; the caller's unit of work commits it or
        rolls it all back. ``transitions`` never undoes a state change, so the state is moved
        last among the things that can fail for a reason the user can fix.
        """
        wf = self.workflows[workflow_name]
        t = wf.transition(trigger)
        if t is None:
            raise UnknownTrigger(N_("The %(workflow)s workflow has no action %(trigger)s."),
                                 workflow=wf.label, trigger=trigger)
        if version is not None and version != record.version:
            raise StaleVersion(
                N_("This record changed since you loaded it (your version %(yours)s, now "
                   "%(current)s). Reload it and try again."),
                yours=version, current=record.version)
        # State, role and relation come before the comment and data: someone who may not act
        # at all learns that, not what the action's form would need.
        gate = self._gate(wf, record, t, actor)
        if gate is not None and not gate.allowed:
            reason, params = gate.reason or "", dict(gate.reason_params or {})
            if record.state not in t.sources:
                raise TransitionNotAllowed(reason, **params)
            raise Forbidden(reason, **params)
        defaults = getattr(record, "data_defaults", None)
        if defaults is not None:
            data = {**defaults(trigger), **(data or {})} if isinstance(
                data or {}, Mapping) else data
        inp = TransitionInput(comment=_clean_comment(comment, t),
                              data=_parse_data(t, data, record, ports),
                              now=now or _now(), actor=actor)
        # The record's own rules for the data (a term sheet obeys the licence's terms, a
        # royalty report names a period of the licence): after the fields parse, before the
        # conditions; the record raises ValidationFailed naming the fields.
        check_data = getattr(record, "check_data", None)
        if check_data is not None and t.data:
            inp = replace(inp, data=check_data(trigger, inp.data, inp.now))
        verdict = self.check(wf, record, t, actor, inp)
        if not verdict.allowed:
            reason, params = verdict.reason or "", dict(verdict.reason_params or {})
            if verdict.conflict:
                raise TransitionNotAllowed(reason, **params)
            if verdict.forbidden:
                raise Forbidden(reason, **params)
            raise ValidationFailed(reason, fields={verdict.field or "record": Text(reason,
                                                                                  **params)},
                                   **params)

        from_state = record.state
        holder = _StateHolder(from_state)
        with self._lock:  # transitions' Machine is shared; its event processing is not reentrant
            moved = wf.machine.events[t.trigger].trigger(holder)
        if not moved:  # pragma: no cover - the checks above make this unreachable
            raise TransitionNotAllowed(N_("Not possible while the record is %(state)s."),
                                       state=wf.state_label(from_state))
        record.state = holder.state
        produced = t.effect(record, inp) if t.effect else None
        passed = {} if produced is None else {"produced": produced}
        if from_state != record.state:
            # Leaving the state in which a document's signatures were awaited (the state its
            # issuing transition leads to), other than by the trigger its signing completes:
            # what is still unsigned there is superseded and can no longer be signed.
            for template in awaited_documents(wf, from_state, t.trigger):
                ports.void_unsigned(record, template)

        documents = []
        if t.document:
            signer_ids = record.signer_ids(t.signers, **passed) if t.signers else []
            documents.append(ports.render_document(record, t, inp, actor, signer_ids, **passed))
        event = ports.append_event(record, t.trigger, from_state, record.state, actor, inp,
                                   documents)
        outcome = Outcome(record, event, documents, trigger=t.trigger, produced=produced)
        if (t.auto and documents and ports.all_signed(documents[0])
                and self._auto_ready(wf, record, t.auto, inp.now)):
            outcome.follow_up = self.fire(workflow_name, record, t.auto, None, ports, now=inp.now)
        return outcome

    @staticmethod
    def _auto_ready(wf: Workflow, record: Record, trigger: str, now: dt.datetime) -> bool:
        """Whether the conditions of the ``auto`` trigger hold once the required signers have
        signed: a signer the document names who could not be asked yet (an invited co-inventor
        without an account) keeps the record waiting, without refusing the last signature."""
        auto = wf.transition(trigger)
        if auto is None or not auto.conditions:
            return True
        probe = TransitionInput(comment=None, data={}, now=now, actor=None)
        return all(condition(record, probe) is None for condition in auto.conditions)

    def after_signature(self, workflow_name: str, record: Record, document: Any,
                        ports: Ports) -> Outcome | None:
        """Fire the ``auto`` trigger once the last required signer of ``document`` has signed."""
        wf = self.workflows[workflow_name]
        for t in wf.transitions:
            if (t.auto and t.document == document.template and t.dest == record.state
                    and ports.all_signed(document)
                    and self._auto_ready(wf, record, t.auto, _now())):
                return self.fire(workflow_name, record, t.auto, None, ports)
        return None

    # -- declining to sign ------------------------------------------------------------------------
    #: the trigger of the audit event a declined signature appends
    DECLINE = "decline"

    def decline(self, workflow_name: str, record: Record, document_template: str,
                back_to: str, actor: Actor, ports: Ports, reason: Any, *,
                data: Mapping[str, Any] | None = None,
                now: dt.datetime | None = None) -> Outcome:
        """A required signer declines ``document_template``'s document, awaited in the
        record's state: the record goes ``back_to`` the state before its signing step (a
        source of the transition that issued the document), what is still unsigned in the
        state it leaves is superseded, and a ``decline`` event records ``reason`` (its
        comment) and ``data``. Whether ``actor`` is a signer who has not signed is the
        caller's check (documents are the app's)."""
        wf = self.workflows[workflow_name]
        # the state first, as in fire(): who may not decline at all learns that, not the form
        issuing: list[Transition] = [
            t for t in wf.transitions
            # a signing step (its signing fires ``auto``) or a step that stays in its state;
            # not a decision already in effect (a release, a dissolution), which a signer's
            # refusal to confirm does not undo
            if t.document == document_template and t.signers
            and (t.auto or t.dest in t.sources)
            and t.dest == record.state and back_to in t.sources]
        if not issuing:
            raise TransitionNotAllowed(
                N_("This document's signatures are no longer awaited (the record is %(state)s), "
                   "so it cannot be declined."), state=wf.state_label(record.state))
        text = reason.strip() if isinstance(reason, str) else ""
        if not text:
            raise ValidationFailed(N_("Say why you decline to sign."),
                                   fields={"reason": N_("required: say why")})
        if len(text) > 5000:
            raise ValidationFailed(N_("The reason is too long."),
                                   fields={"reason": N_("must be at most 5000 characters")})
        inp = TransitionInput(comment=text, data=dict(data or {}), now=now or _now(),
                              actor=actor)
        from_state = record.state
        record.state = back_to
        if from_state != back_to:
            for template in awaited_documents(wf, from_state, self.DECLINE):
                ports.void_unsigned(record, template)
        event = ports.append_event(record, self.DECLINE, from_state, back_to, actor, inp, [])
        return Outcome(record, event, [], trigger=self.DECLINE)


def awaited_documents(wf: Workflow, state: str, leaving_by: str) -> list[str]:
    """Templates whose signatures are awaited in ``state`` and end when the record leaves it
    by ``leaving_by``: those of every transition with signers whose destination is ``state``,
    except the one whose completed signing fires ``leaving_by``."""
    out: list[str] = []
    for u in wf.transitions:
        if (u.dest == state and u.document and u.signers and u.auto != leaving_by
                and u.document not in out):
            out.append(u.document)
    return out


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _clean_comment(comment: Any, t: Transition) -> str | None:
    if comment is not None and not isinstance(comment, str):
        raise ValidationFailed(N_("The comment must be text."),
                               fields={"comment": N_("must be a string")})
    text = (comment or "").strip()
    if len(text) > 5000:
        raise ValidationFailed(N_("The comment is too long."),
                               fields={"comment": N_("must be at most 5000 characters")})
    if t.comment_required and not text:
        raise ValidationFailed(N_("A comment is required for this action."),
                               fields={"comment": N_("required: say why")})
    return text or None


def _money_unit(f: DataField, parsed: Mapping[str, Any], record: Any,
                ports: Any) -> dict[str, Any]:
    """The currency of money field ``f`` and its decimals: from the action's own data when it
    names one, else from the record; nothing when unknown (the currency field says why)."""
    if f.currency is None:
        return {}
    code = parsed.get(f.currency) if f.currency in parsed else getattr(record, f.currency, None)
    places_of = getattr(ports, "currency_places", None)
    if not isinstance(code, str) or places_of is None:
        return {}
    try:
        return {"places": places_of(code.strip().upper()), "currency": code.strip().upper()}
    except ValueError:
        return {}


def _parse_data(t: Transition, data: Mapping[str, Any] | None, record: Any = None,
                ports: Any = None) -> dict[str, Any]:
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ValidationFailed(N_("The data must be an object."),
                               fields={"data": N_("must be an object")})
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    known = {f.name for f in t.data}
    for name in data:
        if name not in known:
            errors[str(name)[:100]] = N_("not a field of this action")
    # money last, so that an amount is read in the currency the same action names
    for f in sorted(t.data, key=lambda f: f.currency is not None):
        raw = data.get(f.name)
        if raw is None or raw == "":
            if f.required:
                errors[f.name] = N_("required")
            continue
        try:
            unit = _money_unit(f, out, record, ports) if f.currency else {}
            out[f.name] = f.parse(raw, **unit)
        except ValueError as exc:
            why = exc.args[0] if exc.args else ""
            if isinstance(why, dict):  # a list field: each row's reasons ("0.amount")
                errors.update({f"{f.name}.{k}": v for k, v in why.items()})
            else:
                errors[f.name] = why if isinstance(why, str) else str(exc)
    if errors:
        raise ValidationFailed(N_("Some fields are missing or invalid."), fields=errors)
    return {f.name: out[f.name] for f in t.data if f.name in out}
