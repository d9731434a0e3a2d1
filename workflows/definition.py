"""Declarative workflow tables: states, transitions, who may fire them and what they produce."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from transitions import Machine

from .errors import N_, Label, invalid
from .numbers import MAX_INT32, parse_decimal, parse_whole


class Actor(Protocol):
    """Who fires a trigger, as the engine and the conditions see a person."""

    @property
    def id(self) -> int: ...
    @property
    def role(self) -> str: ...
    @property
    def organization_id(self) -> int | None: ...


#: what a refusal is: "invalid" (422: the record or the data must change first), "conflict"
#: (409: another record is in the way) or "forbidden" (403: not this person)
UnmetKind = Literal["invalid", "conflict", "forbidden"]


@dataclass(frozen=True)
class Unmet:
    """Why a condition does not hold: a translatable message and its parameters, what kind of
    refusal it is, and the data field it is about (a 422 names it), if any."""

    message: str
    params: Mapping[str, Any] = field(default_factory=dict)
    kind: UnmetKind = "invalid"
    field: str | None = None

    @classmethod
    def invalid(cls, message: str, params: Mapping[str, Any] | None = None, *,
                field: str | None = None) -> Unmet:
        """The record or the action's data must change first (422)."""
        return cls(message, dict(params or {}), "invalid", field)

    @classmethod
    def conflict(cls, message: str, params: Mapping[str, Any] | None = None) -> Unmet:
        """Another record is in the way (409)."""
        return cls(message, dict(params or {}), "conflict")

    @classmethod
    def forbidden(cls, message: str, params: Mapping[str, Any] | None = None) -> Unmet:
        """Not this person (403), though their role and relation would do."""
        return cls(message, dict(params or {}), "forbidden")


#: A condition looks at the record and the transition's input and returns ``None`` when it
#: holds, or why it does not (:class:`Unmet`). Each workflow module types the record it reads
#: with a Protocol of its own (``LicenseRecord``...), so the tables need no model.
Condition = Callable[[Any, "TransitionInput"], "Unmet | None"]
#: An effect copies the transition's validated data onto the record after the state change and
#: returns what it produced for the rest of the transition (the income a report brought in,
#: the organisation admitted), or ``None``. The engine hands that value on in the
#: :class:`~workflows.engine.Outcome` (``produced``), to the document and to the app's
#: after-hooks: the record itself never carries it.
Effect = Callable[[Any, "TransitionInput"], Any]


#: who must sign, for each signer group a transition names (records resolve the group to people)
SIGNER_GROUPS = {
    "inventors": N_("every inventor with an account"),
    "member_signatories": N_("the authorised signatory of every active member"),
    "new_member_signatory": N_("the new member's authorised signatory"),
    "party_signatories": N_("the authorised signatories of both parties"),
    "beneficiaries": N_("every beneficiary (an organisation through its signatory)"),
    "assignors": N_("the organisation's authorised signatory and every inventor"),
    "accession_parties": N_("the new member's and the lead party's authorised signatories"),
    "plan_parties": N_("the rights holder's authorised signatory and every beneficiary"),
    "lead_signatory": N_("the lead party's authorised signatory"),
}

#: the parties whose signature blocks the document of a signer group carries, in the order
#: the document prints them: the one table that both the engine (which resolves each party to
#: people, ``signer_ids``) and contract_templates/build.py (which writes one block per party,
#: and refuses a template whose blocks differ) read. A party in the plural is one block per
#: person (``inventors``, ``members``, ``beneficiaries``).
SIGNER_PARTIES: dict[str, tuple[str, ...]] = {
    "inventors": ("inventors",),
    "member_signatories": ("members",),
    "new_member_signatory": ("new_member",),
    "party_signatories": ("licensor", "licensee"),
    "beneficiaries": ("beneficiaries",),
    "assignors": ("organisation", "inventors"),
    "accession_parties": ("new_member", "lead"),
    "plan_parties": ("rights_holder", "beneficiaries"),
    "lead_signatory": ("lead",),
}

#: documents the app issues outside a workflow transition, with the signer group of each (the
#: minutes of a General Assembly decision, signed by the chair, the lead party's signatory)
ISSUED_OUTSIDE_TRANSITIONS: dict[str, str] = {
    "general_assembly_minutes": "lead_signatory",
}


@dataclass(frozen=True)
class Who:
    """Who may fire a transition: their roles, the relation one of them must have to the
    record, and that rule in words (the "who" of pages and docs, and of a refusal)."""

    #: roles that may fire it; ``("system",)`` means only the engine fires it (auto triggers)
    roles: tuple[str, ...]
    #: relations to the record of which the actor needs one (e.g. "inventor", "org_legal");
    #: none: the role is enough
    relations: tuple[str, ...] = ()
    #: the rule in words, e.g. "an inventor"
    label: str = ""

    @classmethod
    def system(cls, label: str) -> Who:
        """Only the engine fires it, for the reason ``label`` gives."""
        return cls(("system",), (), label)

    @property
    def is_system(self) -> bool:
        return self.roles == ("system",)

    def admits(self, actor: Actor, relations_of: Callable[[Actor], AbstractSet[str]]) -> bool:
        """Whether ``actor`` is one of them: their role, then (asked only when the role fits)
        their relations to the record."""
        if actor.role not in self.roles:
            return False
        return not self.relations or bool(relations_of(actor) & set(self.relations))


class ReviewedRecord(Protocol):
    """A record that goes through a legal review which a second person approves."""

    review_requested_by_id: int | None


def four_eyes(record: ReviewedRecord, inp: TransitionInput) -> Unmet | None:
    """Whoever sent the record for legal review does not also approve it.

    The record says who sent it (``review_requested_by_id``, set by :func:`review_requested`)
    and whether the deployment asks for a second person (``four_eyes``: a one-person office
    may relax it); the engine answers 403 with the reason.
    """
    actor = inp.actor
    if (actor is not None and getattr(record, "four_eyes", True)
            and getattr(record, "review_requested_by_id", None) == actor.id):
        return Unmet.forbidden(N_("You sent this for legal review; another member of the "
                                  "legal staff must approve it."))
    return None


def review_requested(record: ReviewedRecord, inp: TransitionInput) -> None:
    """Remember who sent the record for legal review (see :func:`four_eyes`)."""
    record.review_requested_by_id = inp.actor.id if inp.actor is not None else None


def earliest_date(moment: dt.datetime) -> dt.date:
    """The date of ``moment`` where it is earliest on Earth (UTC-12): a day before it is past
    everywhere, so a date typed as "today" by an office east of UTC (Astana is UTC+5), or
    just after midnight, is never refused as past by the server's UTC clock."""
    return (moment.astimezone(dt.UTC) - dt.timedelta(hours=12)).date()


@dataclass(frozen=True)
class TransitionInput:
    """What the caller supplies with a trigger, after validation."""

    comment: str | None
    data: dict[str, Any]
    now: dt.datetime
    #: who fires the trigger (None for the system)
    actor: Actor | None = None


@dataclass(frozen=True)
class DataField:
    """One field of a transition's ``data``; drives validation, the web form and OpenAPI."""

    name: str
    label: str
    #: string, text, integer, date, decimal, choice, codes, milestones (a list of
    #: {"description", "amount", "due_date"}; amounts in ``currency``)
    type: str = "string"
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()  #: (value, label) pairs for type "choice"
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 500
    #: decimals allowed for "decimal" fields (for money: when its currency is not known)
    places: int = 2
    #: a "decimal" field that is money: the name of the data field, else of the record's
    #: attribute, holding its ISO 4217 currency, whose minor unit bounds the decimals
    currency: str | None = None

    def parse(self, raw: Any, *, places: int | None = None, currency: str | None = None) -> Any:
        """Return the value converted to its type, or raise ``ValueError`` saying why not.

        For money (a "decimal" field with ``currency``) the engine passes the ``currency``
        code and its decimals (``places``); without them the field's own ``places`` apply.
        """
        if self.type in ("string", "text"):
            if not isinstance(raw, str):
                raise invalid(N_("must be a string"))
            value = raw.strip()
            if not value:
                raise invalid(N_("must not be empty"))
            if len(value) > self.max_length:
                raise invalid(N_("must be at most %(n)s characters"), n=self.max_length)
            return value
        if self.type == "integer":
            return parse_whole(raw, minimum=self.minimum,
                               maximum=MAX_INT32 if self.maximum is None else self.maximum)
        if self.type == "decimal":
            return parse_decimal(raw, places=self.places if places is None else places,
                                 currency=currency if self.currency else None)
        if self.type == "date":
            if not isinstance(raw, str):
                raise invalid(N_("must be a date as YYYY-MM-DD"))
            try:
                return dt.date.fromisoformat(raw.strip())
            except ValueError:
                raise invalid(N_("must be a date as YYYY-MM-DD")) from None
        if self.type == "codes":
            items = raw.replace(";", ",").split(",") if isinstance(raw, str) else raw
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise invalid(N_("must be a list of ISO 3166 country codes or WORLD"))
            codes = [i.strip().upper() for i in items if i.strip()]
            if not codes or any(not (c == "WORLD" or (len(c) == 2 and c.isalpha()))
                                for c in codes):
                raise invalid(N_("must be ISO 3166 country codes such as KZ, UZ, or WORLD"))
            return sorted(set(codes))
        if self.type == "choice":
            allowed = [value for value, _ in self.choices]
            if isinstance(raw, int) and not isinstance(raw, bool) and str(raw) in allowed:
                return str(raw)  # a level answered as a JSON number is accepted back as one
            if raw not in allowed:
                raise invalid(N_("must be one of: %(values)s"), values=", ".join(allowed))
            return raw
        if self.type == "milestones":
            return _milestones(raw, places=self.places if places is None else places,
                               currency=currency if self.currency else None)
        raise TypeError(f"unsupported field type {self.type}")  # pragma: no cover

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "label": self.label, "type": self.type,
                               "required": self.required}
        if self.choices:
            out["choices"] = [value for value, _ in self.choices]
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


#: at most this many milestone rows in one set of terms
MAX_MILESTONES = 50


def _milestones(raw: Any, *, places: int | None, currency: str | None) -> list[dict[str, Any]]:
    """A "milestones" field: each row's description, amount (money) and due date (or None).

    A wrong row raises ``ValueError`` whose argument is a dict of "<row>.<field>" -> reason
    (row 0 first), so a form shows each reason next to its own input."""
    if not isinstance(raw, list):
        raise invalid(N_("must be a list of milestones, each with a description, an amount "
                         "and a due date"))
    if len(raw) > MAX_MILESTONES:
        raise invalid(N_("must be at most %(n)s milestones"), n=MAX_MILESTONES)
    rows: list[dict[str, Any]] = []
    errors: dict[str, Any] = {}
    for n, item in enumerate(raw):
        if not isinstance(item, dict):
            errors[str(n)] = invalid(N_("must be an object with description, amount and "
                                        "due_date")).args[0]
            continue
        description = item.get("description")
        if not isinstance(description, str) or not description.strip():
            errors[f"{n}.description"] = N_("required")
        elif len(description.strip()) > 300:
            errors[f"{n}.description"] = invalid(N_("must be at most %(n)s characters"),
                                                 n=300).args[0]
        amount = item.get("amount")
        value = None
        if amount is None or amount == "":
            errors[f"{n}.amount"] = N_("required")
        else:
            try:
                value = parse_decimal(amount, places=places, currency=currency)
            except ValueError as exc:
                errors[f"{n}.amount"] = exc.args[0] if exc.args else str(exc)
        due = item.get("due_date")
        when = None
        if due not in (None, ""):
            try:
                when = dt.date.fromisoformat(due.strip()) if isinstance(due, str) else None
            except ValueError:
                when = None
            if when is None:
                errors[f"{n}.due_date"] = N_("must be a date as YYYY-MM-DD")
        if isinstance(description, str) and not any(k.startswith(f"{n}.") for k in errors):
            rows.append({"description": description.strip(), "amount": value,
                         "due_date": when})
    if errors:
        raise ValueError(errors)
    return rows


@dataclass(frozen=True)
class Transition:
    """One row of a workflow table."""

    trigger: str
    label: str
    sources: tuple[str, ...]
    dest: str
    #: who may fire it: roles, relation to the record, and the rule in words
    by: Who
    conditions: tuple[Condition, ...] = ()
    data: tuple[DataField, ...] = ()
    comment_required: bool = False
    #: name of the template in contract_templates/ rendered by this transition
    document: str | None = None
    #: name of the signer group whose signatures the document needs (resolved by the record)
    signers: str | None = None
    #: trigger the engine fires by itself once every required signer has signed
    auto: str | None = None
    effect: Effect | None = None
    #: whether this document replaces the record's earlier one of the same template (a new
    #: version); False for documents that stand side by side (reports, statements, notices)
    replaces_previous: bool = True
    #: whether a record in a source state is waiting for this action (inbox); False for
    #: actions that are merely possible, such as withdrawing or abandoning
    awaited: bool = True
    #: the sources in which a record waits for it, when not all of them (``None``: every
    #: source): publishing a draft offer is awaited, publishing a withdrawn one again is not
    awaited_from: tuple[str, ...] | None = None
    #: whether the action cannot be undone: the web form says ``consequence`` and asks the
    #: person to confirm (the API does not ask: a client that sends the request means it)
    irreversible: bool = False
    #: what happens, in words, for the confirmation of an irreversible action
    consequence: str = ""
    #: a timed transition: the record's date (or date-time) attribute from which it is due;
    #: the scheduler fires it as the system once that date has come (its ``by`` names
    #: "system" among its roles), and the record's page shows the date
    due: str | None = None

    @property
    def roles(self) -> tuple[str, ...]:
        return self.by.roles

    @property
    def relations(self) -> tuple[str, ...]:
        return self.by.relations

    @property
    def who(self) -> str:
        """Who may fire it, in words (``by.label``)."""
        return self.by.label

    @property
    def is_system(self) -> bool:
        return self.by.is_system

    def awaited_in(self, state: str) -> bool:
        """Whether a record in ``state`` waits for this action (an inbox lists it, its people
        are told): one of its sources, and one of ``awaited_from`` when it names them."""
        return (self.awaited and state in self.sources
                and (self.awaited_from is None or state in self.awaited_from))

    @property
    def signers_label(self) -> str:
        return SIGNER_GROUPS[self.signers] if self.signers else ""

    def describe(self) -> dict[str, Any]:
        return {
            "trigger": self.trigger,
            "label": self.label,
            "sources": list(self.sources),
            "dest": self.dest,
            "roles": list(self.roles),
            "relations": list(self.relations),
            "who": self.who,
            "document": self.document,
            "signers": self.signers,
            "signers_label": self.signers_label,
            "auto": self.auto,
            "replaces_previous": self.replaces_previous,
            "comment_required": self.comment_required,
            "irreversible": self.irreversible,
            "consequence": self.consequence,
            "due": self.due,
            "data": [f.describe() for f in self.data],
        }


@dataclass
class Workflow:
    """A named state machine built once on ``transitions`` and shared by every record."""

    name: str
    label: str
    states: tuple[str, ...]
    initial: str
    transitions: Sequence[Transition]
    #: states in which the record's own fields may still be edited
    editable_states: tuple[str, ...] = ()
    #: human labels for states
    state_labels: dict[str, str] = field(default_factory=dict)
    #: the translation context (msgctxt) of the state labels, where the same English label
    #: of another workflow would need other words (ru: an offer is neuter, «Опубликовано»;
    #: a request masculine, «Открыт»); ``None``: the labels are shared
    state_context: str | None = None
    machine: Machine = field(init=False, repr=False)
    _by_trigger: dict[str, Transition] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_trigger: dict[str, Transition] = {}
        for t in self.transitions:
            if t.trigger in by_trigger:
                raise ValueError(f"{self.name}: trigger {t.trigger} defined twice")
            unknown = [s for s in (*t.sources, t.dest) if s not in self.states]
            if unknown:
                raise ValueError(f"{self.name}.{t.trigger}: unknown states {unknown}")
            if t.signers and t.signers not in SIGNER_GROUPS:
                raise ValueError(f"{self.name}.{t.trigger}: unknown signer group {t.signers}")
            if t.auto and t.auto not in {x.trigger for x in self.transitions}:
                raise ValueError(f"{self.name}.{t.trigger}: unknown auto trigger {t.auto}")
            if t.irreversible and not t.consequence:
                raise ValueError(f"{self.name}.{t.trigger}: an irreversible action must say "
                                 "its consequence")
            if t.awaited_from is not None and not set(t.awaited_from) <= set(t.sources):
                raise ValueError(f"{self.name}.{t.trigger}: awaited from states that are not "
                                 "among its sources")
            if t.due and "system" not in t.roles:
                raise ValueError(f"{self.name}.{t.trigger}: a timed transition is fired by "
                                 "the system: name it among its roles")
            by_trigger[t.trigger] = t
        self._by_trigger = by_trigger
        # One Machine per workflow, built once. Records are never added to it: the engine runs
        # each trigger on a throw-away holder of the state, so the machine stays the single
        # source of what moves are legal without carrying per-record state between requests.
        self.machine = Machine(
            model=None,
            states=list(self.states),
            transitions=[
                {"trigger": t.trigger, "source": list(t.sources), "dest": t.dest}
                for t in self.transitions
            ],
            initial=self.initial,
            auto_transitions=False,
            send_event=True,
        )

    def transition(self, trigger: str) -> Transition | None:
        return self._by_trigger.get(trigger)

    @property
    def timed(self) -> list[Transition]:
        """The transitions the scheduler fires when their date comes (``due``)."""
        return [t for t in self.transitions if t.due]

    def state_label(self, state: str) -> str:
        """The English label of ``state``; a :class:`~workflows.errors.Label` in
        ``state_context`` when the workflow has one (pages translate it in that context)."""
        text = self.state_labels.get(state, state.replace("_", " ").capitalize())
        return Label(text, self.state_context) if self.state_context else text

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "initial": self.initial,
            "states": list(self.states),
            "state_labels": {s: self.state_label(s) for s in self.states},
            "editable_states": list(self.editable_states),
            "transitions": [t.describe() for t in self.transitions],
        }
