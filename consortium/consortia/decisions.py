"""General Assembly decisions on the matters the consortium agreement reserves to it.

A decision is proposed by legal staff of the lead party (the matter, its terms, the motion in
words and the voting period); each party's signatory or legal staff casts one vote for it;
the voting closes when every party has voted or the period ends (the scheduler's
``general_assembly`` job, :func:`settle_due`). The tally follows clause 5 of the agreement as
``contract_templates/build.py`` writes it, for the agreement's ``voting_rule`` and quorum; all
reserved matters are weighty ones:

* quorum: at least ``quorum_percent`` of the parties entitled to vote have voted (an
  abstention counts as present);
* ``majority``: at least two-thirds of the votes cast (for and against) are in favour;
* ``two_thirds``: the same, and the votes in favour are at least two-thirds of all parties
  entitled to vote, present or not;
* ``unanimity``: every party entitled to vote votes in favour.

A decision carried under ``majority`` or ``two_thirds`` may be vetoed for 15 days after its
minutes are issued by a party severely affected; it is adopted when that window ends without
a veto. Under ``unanimity`` it is adopted at once (every party voted for it). The party a
decision would declare a defaulting party neither votes, nor counts for the quorum or any
requirement of all parties, nor vetoes. Each outcome is issued as minutes
(``general_assembly_minutes``, signed by the chair: the lead party's signatory) and appended
to the audit log; an adopted decision lets exactly one transition it authorises fire (the
transition consumes it, see ``workflows.consortium.decided``).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflows import CONSORTIUM, TransitionInput, Unmet
from workflows.consortium import RESERVED_MATTERS, organization_not_member
from workflows.errors import N_
from workflows.errors import Text as Msg

from ..audit.services import append_event
from ..auth.models import Role, User, signatory_id
from ..db import UTCDateTime, utcnow
from ..documents import services as documents
from ..documents.context import long_date, multiline, person, text
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..extensions import db
from ..organizations.models import Organization
from ..validation import valid_id
from .models import Consortium

MATTERS = dict(RESERVED_MATTERS)
CHOICES = (("for", N_("For")), ("against", N_("Against")), ("abstain", N_("Abstain")))
STATUSES = (("voting", N_("Voting")), ("veto_window", N_("Carried; open to a veto")),
            ("adopted", N_("Adopted")), ("rejected", N_("Rejected")), ("vetoed", N_("Vetoed")))
#: the written procedure of clause 5: votes received within 15 days count
VOTING_DAYS = 15
#: a party severely affected may veto within 15 days after the minutes are sent
VETO_DAYS = 15
MINUTES = "general_assembly_minutes"
#: the states in which the General Assembly may be asked to decide each matter (the states
#: its transition leaves from)
_OPEN = ("voting", "veto_window")


def _sources(matter: str) -> tuple[str, ...]:
    t = CONSORTIUM.transition(matter)
    assert t is not None
    return t.sources


class Decision(db.Model):
    __tablename__ = "consortium_decisions"
    __table_args__ = (
        CheckConstraint("matter IN ('admit_member', 'declare_defaulting', 'amend', "
                        "'dissolve')", name="matter_valid"),
        CheckConstraint("status IN ('voting', 'veto_window', 'adopted', 'rejected', "
                        "'vetoed')", name="status_valid"),
        UniqueConstraint("consortium_id", "number", name="uq_decision_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = mapped_column(
        ForeignKey("consortia.id", ondelete="CASCADE"), index=True)
    #: numbered per consortium: "Decision No. 3"
    number: Mapped[int] = mapped_column(Integer)
    matter: Mapped[str] = mapped_column(String(30))
    #: the motion in words
    motion: Mapped[str] = mapped_column(Text)
    #: the terms of the matter, as the transition it authorises takes them (JSON values)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the party a declaration of default concerns: it does not vote or veto
    concerned_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id"))
    status: Mapped[str] = mapped_column(String(20), default="voting", index=True)
    #: why it was rejected, in words (a message id and its parameters)
    outcome_reason: Mapped[dict] = mapped_column(JSON, default=dict)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    voting_ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    veto_ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: when the transition it authorised fired (an adopted decision is used once)
    consumed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    votes: Mapped[list[Vote]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="Vote.id",
        lazy="selectin")
    vetoes: Mapped[list[Veto]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="Veto.id",
        lazy="selectin")

    @property
    def matter_label(self) -> str:
        return MATTERS[self.matter]

    def effective_status(self, now: dt.datetime) -> str:
        """The status as of ``now``: a period that has ended counts as closed even before the
        scheduler has written it down (see :func:`settle`)."""
        if self.status == "veto_window" and self.veto_ends_at and now >= self.veto_ends_at:
            return "adopted"
        return self.status


class Vote(db.Model):
    __tablename__ = "consortium_votes"
    __table_args__ = (
        CheckConstraint("choice IN ('for', 'against', 'abstain')", name="choice_valid"),
        UniqueConstraint("decision_id", "organization_id", name="uq_vote_per_party"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("consortium_decisions.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    choice: Mapped[str] = mapped_column(String(10))
    cast_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cast_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    decision: Mapped[Decision] = relationship(back_populates="votes")
    organization: Mapped[Organization] = relationship(lazy="joined")


class Veto(db.Model):
    __tablename__ = "consortium_vetoes"
    __table_args__ = (
        UniqueConstraint("decision_id", "organization_id", name="uq_veto_per_party"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("consortium_decisions.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    #: how the decision severely affects the party's legitimate interests
    reason: Mapped[str] = mapped_column(Text)
    cast_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cast_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    decision: Mapped[Decision] = relationship(back_populates="vetoes")
    organization: Mapped[Organization] = relationship(lazy="joined")


# -- who ----------------------------------------------------------------------------------------
def eligible_org_ids(c: Consortium, d: Decision) -> list[int]:
    """The parties entitled to vote and veto: the active members but the one a declaration of
    default concerns."""
    return [m.organization_id for m in c.active_members
            if m.organization_id != d.concerned_organization_id]


def acts_for(user: User, c: Consortium) -> int | None:
    """The member organisation ``user`` votes for: its own, if it is an active member and
    the user is its signatory or one of its legal staff; else None."""
    member = next((m for m in c.active_members if m.organization_id == user.organization_id),
                  None)
    if member is None:
        return None
    if user.role == Role.legal or signatory_id(member.organization) == user.id:
        return member.organization_id
    return None


def _voter_org(c: Consortium, d: Decision, user: User, what: str) -> int:
    org_id = acts_for(user, c)
    if org_id is None:
        raise Forbidden(N_("Only the authorised signatory or legal staff of a member can "
                           "vote for it.") if what == "vote" else
                        N_("Only the authorised signatory or legal staff of a member can "
                           "veto for it."))
    if org_id == d.concerned_organization_id:
        raise Forbidden(N_("A party may not vote on, or veto, the decision declaring it a "
                           "defaulting party."))
    return org_id


# -- reading ------------------------------------------------------------------------------------
def decisions_of(c: Consortium) -> list[Decision]:
    return list(db.session.scalars(select(Decision).where(Decision.consortium_id == c.id)
                                   .order_by(Decision.number.desc())))


def get_decision(c: Consortium, decision_id: Any) -> Decision:
    if not valid_id(decision_id):
        raise NotFound(N_("No such decision."))
    d = db.session.scalar(select(Decision).where(Decision.id == decision_id,
                                                 Decision.consortium_id == c.id))
    if d is None:
        raise NotFound(N_("No such decision."))
    return d


def tally(c: Consortium, d: Decision) -> dict[str, Any]:
    """The count of the votes of the parties entitled to vote, and whether it carries."""
    eligible = eligible_org_ids(c, d)
    counted = [v for v in d.votes if v.organization_id in eligible]
    n = {k: sum(1 for v in counted if v.choice == k) for k, _ in CHOICES}
    total, voted = len(eligible), len(counted)
    needed = -(-c.quorum_percent * total // 100)  # ceiling: "at least quorum_percent %"
    quorate = total > 0 and voted >= needed
    cast = n["for"] + n["against"]
    reason: tuple[str, dict[str, Any]] | None = None
    if not quorate:
        reason = (N_("not quorate: %(voted)s of %(total)s parties voted, %(needed)s needed"),
                  {"voted": voted, "total": total, "needed": needed})
    elif c.voting_rule == "unanimity":
        if n["for"] != total:
            reason = (N_("not every party voted in favour, as unanimity requires"), {})
    elif cast == 0 or 3 * n["for"] < 2 * cast:
        reason = (N_("fewer than two-thirds of the votes cast were in favour"), {})
    elif c.voting_rule == "two_thirds" and 3 * n["for"] < 2 * total:
        reason = (N_("fewer than two-thirds of all parties voted in favour"), {})
    return {"eligible": total, "voted": voted, "for": n["for"], "against": n["against"],
            "abstain": n["abstain"], "quorum_needed": needed, "quorate": quorate,
            "carried": reason is None, "reason": reason,
            "pending": [o for o in eligible if o not in {v.organization_id for v in counted}]}


# -- proposing ----------------------------------------------------------------------------------
def _terms(c: Consortium, matter: str, raw: Any, now: dt.datetime) -> tuple[dict, int | None]:
    """The matter's terms parsed as the transition it authorises parses them, and the party
    concerned (for a declaration of default)."""
    t = CONSORTIUM.transition(matter)
    assert t is not None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise Invalid({"data": N_("must be an object")})
    errors: dict[str, Any] = {}
    parsed: dict[str, Any] = {}
    known = {f.name for f in t.data}
    for name in raw:
        if name not in known:
            errors[f"data.{str(name)[:100]}"] = N_("not a term of this matter")
    for f in t.data:
        value = raw.get(f.name)
        if value is None or value == "":
            if f.required:
                errors[f"data.{f.name}"] = N_("required")
            continue
        try:
            parsed[f.name] = f.parse(value)
        except ValueError as exc:
            why = exc.args[0] if exc.args else ""
            errors[f"data.{f.name}"] = why if isinstance(why, str) else str(exc)
    if errors:
        raise Invalid(errors)
    concerned = None
    if "organization_id" in parsed:
        org_id = parsed["organization_id"]
        if db.session.get(Organization, org_id) is None:
            raise Invalid({"data.organization_id": N_("no such organisation")})
        if matter == "admit_member":
            # the transition's own condition, asked about each term apart to name the field
            for name in ("organization_id", "share_percent"):
                unmet = organization_not_member(
                    c, TransitionInput(None, {name: parsed.get(name)}, now))
                if unmet is not None:
                    raise Invalid({f"data.{name}": Msg(unmet.message, **unmet.params)})
        else:
            if not c.has_active_member(org_id):
                raise Invalid({"data.organization_id": N_("not an active member")})
            concerned = org_id
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in parsed.items()}, concerned


def propose(c: Consortium, user: User, body: dict, now: dt.datetime | None = None) -> Decision:
    """Put a reserved matter to the vote of the General Assembly (lead legal staff)."""
    now = now or utcnow()
    if "lead_legal" not in c.relations_of(user):
        raise Forbidden(N_("Only legal staff of the lead organisation can put a matter to "
                           "the General Assembly."))
    matter = body.get("matter")
    if matter not in MATTERS:
        raise Invalid({"matter": Msg(N_("must be one of: %(values)s"),
                                     values=", ".join(MATTERS))})
    if c.state not in _sources(matter):
        raise Conflict("not_now", N_("The General Assembly cannot decide this while the "
                                     "consortium is %(state)s."),
                       state=CONSORTIUM.state_label(c.state))
    motion = body.get("motion")
    if not isinstance(motion, str) or not motion.strip():
        raise Invalid({"motion": N_("required: the motion put to the vote")})
    if len(motion) > 5000:
        raise Invalid({"motion": N_("must be at most 5000 characters")})
    days = body.get("voting_days", VOTING_DAYS)
    if isinstance(days, str) and days.strip().isdigit():
        days = int(days)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 60:
        raise Invalid({"voting_days": N_("must be a whole number of days from 1 to 60")})
    terms, concerned = _terms(c, matter, body.get("data"), now)
    for d in decisions_of(c):
        settle(c, d, now)
        if d.matter == matter and (d.status in _OPEN or (d.status == "adopted"
                                                         and d.consumed_at is None)):
            raise Conflict("decision_pending", N_(
                "Decision No. %(number)s on this matter is still open or not yet acted on."),
                number=d.number)
    number = (db.session.scalar(select(func.max(Decision.number))
                                .where(Decision.consortium_id == c.id)) or 0) + 1
    d = Decision(consortium_id=c.id, number=number, matter=matter, motion=motion.strip(),
                 data=terms, concerned_organization_id=concerned, status="voting",
                 outcome_reason={}, proposed_by_id=user.id, proposed_at=now,
                 voting_ends_at=now + dt.timedelta(days=days))
    db.session.add(d)
    db.session.flush()
    _event(c, d, "ga_propose", user, now, motion.strip())
    _notify_members(c, d)
    return d


def _notify_members(c: Consortium, d: Decision) -> None:
    """Tell every party's signatory and legal staff that a vote is open (kind "vote")."""
    try:
        from ..notifications import notify
    except ImportError:  # pragma: no cover - the notifications package is optional
        return
    eligible = eligible_org_ids(c, d)
    ids = list(db.session.scalars(select(User.id).where(
        User.organization_id.in_(eligible),
        User.role.in_((Role.legal, Role.partner)))))
    notify(ids, "vote", N_("General Assembly of %(name)s: vote on decision No. %(decision)s "
                           "by %(deadline)s"),
           {"name": c.name, "decision": str(d.number), "number": c.reg_number or "",
            "deadline": long_date(d.voting_ends_at)},
           f"/consortia/{c.id}#assembly", "consortium", c.id,
           state=c.state, key=f"ga-vote-{d.id}", now=d.proposed_at)


# -- voting and vetoing ---------------------------------------------------------------------------
def vote(c: Consortium, d: Decision, user: User, body: dict,
         now: dt.datetime | None = None) -> Vote:
    now = now or utcnow()
    settle(c, d, now)
    if d.status != "voting":
        raise Conflict("voting_closed", N_("The voting on decision No. %(number)s has "
                                           "closed."), number=d.number)
    org_id = _voter_org(c, d, user, "vote")
    choice = body.get("choice")
    if choice not in dict(CHOICES):
        raise Invalid({"choice": N_("must be one of: for, against, abstain")})
    if any(v.organization_id == org_id for v in d.votes):
        raise Conflict("already_voted", N_("Your organisation has already voted on this "
                                           "decision."))
    v = Vote(organization_id=org_id, choice=choice, cast_by_id=user.id, cast_at=now)
    d.votes.append(v)
    db.session.flush()
    _event(c, d, "ga_vote", user, now, None, {"organization_id": org_id, "choice": choice})
    if not tally(c, d)["pending"]:
        close_voting(c, d, now)  # every party has voted: no need to wait for the deadline
    return v


def veto(c: Consortium, d: Decision, user: User, body: dict,
         now: dt.datetime | None = None) -> Veto:
    now = now or utcnow()
    settle(c, d, now)
    if d.status != "veto_window":
        raise Conflict("no_veto", N_("Decision No. %(number)s cannot be vetoed: it is "
                                     "%(status)s."), number=d.number,
                       status=Msg(dict(STATUSES)[d.status]))
    org_id = _voter_org(c, d, user, "veto")
    reason = body.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise Invalid({"reason": N_("required: say how the decision severely affects your "
                                    "organisation")})
    if len(reason) > 5000:
        raise Invalid({"reason": N_("must be at most 5000 characters")})
    x = Veto(organization_id=org_id, reason=reason.strip(), cast_by_id=user.id, cast_at=now)
    d.vetoes.append(x)
    d.status, d.decided_at = "vetoed", now
    db.session.flush()
    _event(c, d, "ga_veto", user, now, reason.strip(), {"organization_id": org_id},
           minutes=True)
    return x


# -- closing ------------------------------------------------------------------------------------
def close_voting(c: Consortium, d: Decision, now: dt.datetime) -> None:
    """Count the votes: rejected, adopted (unanimity) or carried subject to a veto."""
    result = tally(c, d)
    d.closed_at = now
    if not result["carried"]:
        message, params = result["reason"]
        d.status, d.decided_at = "rejected", now
        d.outcome_reason = {"message": message, "params": params}
    elif c.voting_rule == "unanimity":
        d.status, d.decided_at = "adopted", now
    else:
        d.status, d.veto_ends_at = "veto_window", now + dt.timedelta(days=VETO_DAYS)
    db.session.flush()
    _event(c, d, "ga_close", None, now, None, {k: result[k] for k in (
        "eligible", "voted", "for", "against", "abstain", "quorum_needed")}, minutes=True)


def settle(c: Consortium, d: Decision, now: dt.datetime) -> bool:
    """Close what has run out at ``now``: the voting period, then the veto window; say
    whether anything changed."""
    changed = False
    if d.status == "voting" and now >= d.voting_ends_at:
        close_voting(c, d, max(d.voting_ends_at, d.proposed_at))
        changed = True
    if d.status == "veto_window" and d.veto_ends_at and now >= d.veto_ends_at:
        d.status, d.decided_at = "adopted", d.veto_ends_at
        db.session.flush()
        _event(c, d, "ga_adopt", None, d.veto_ends_at, None, minutes=True)
        changed = True
    return changed


def settle_due(now: dt.datetime) -> int:
    """The scheduler's job: settle every decision whose voting period or veto window has
    ended (each in its own unit of work); how many it settled."""
    from ..db import unit_of_work
    due = list(db.session.scalars(select(Decision.id).where(or_(
        (Decision.status == "voting") & (Decision.voting_ends_at <= now),
        (Decision.status == "veto_window") & (Decision.veto_ends_at <= now)))
        .order_by(Decision.id)))
    done = 0
    for decision_id in due:
        with unit_of_work():
            d = db.session.get(Decision, decision_id)
            c = db.session.scalar(select(Consortium).where(Consortium.id == d.consortium_id)
                                  .with_for_update(of=Consortium))
            if settle(c, d, now):
                c.updated_at = now
                done += 1
    return done


# -- what the workflow asks -----------------------------------------------------------------------
def _matches(d: Decision, data: dict) -> bool:
    org = d.data.get("organization_id")
    if org is not None and data.get("organization_id") is not None \
            and int(data["organization_id"]) != int(org):
        return False
    share = d.data.get("share_percent")
    return not (share is not None and data.get("share_percent") is not None
                and Decimal(str(data["share_percent"])) != Decimal(str(share)))


def usable(c: Consortium, matter: str, data: dict, now: dt.datetime) -> Decision | None:
    """The adopted, unused decision on ``matter`` whose terms are ``data``'s."""
    for d in db.session.scalars(select(Decision).where(
            Decision.consortium_id == c.id, Decision.matter == matter,
            Decision.status.in_(("adopted", "veto_window")), Decision.consumed_at.is_(None))
            .order_by(Decision.number)):
        if d.effective_status(now) == "adopted" and _matches(d, data):
            return d
    return None


def needs_decision(c: Consortium, matter: str, data: dict, now: dt.datetime) -> Unmet | None:
    if usable(c, matter, data, now) is not None:
        return None
    return Unmet.invalid(N_("This needs an adopted decision of the General Assembly "
                            "(%(matter)s) with these terms, not yet acted on."),
                         {"matter": Msg(MATTERS[matter])})


def consume(c: Consortium, matter: str, data: dict, now: dt.datetime) -> None:
    d = usable(c, matter, data, now)
    assert d is not None, "the condition checked it"
    settle(c, d, now)
    d.consumed_at = now


def defaults(c: Consortium, matter: str) -> dict[str, Any]:
    """The terms of the adopted decision the transition will use: its data's defaults."""
    d = usable(c, matter, {}, utcnow())
    return {k: str(v) for k, v in d.data.items()} if d is not None else {}


# -- minutes and audit ---------------------------------------------------------------------------
def _event(c: Consortium, d: Decision, trigger: str, user: User | None, now: dt.datetime,
           comment: str | None, data: dict | None = None, *, minutes: bool = False) -> None:
    docs = [_minutes(c, d, now)] if minutes else []
    append_event("consortium", c.id, trigger, c.state, c.state, user.id if user else None,
                 comment, {"decision_id": d.id, "decision_number": d.number,
                           "matter": d.matter, "status": d.status, **(data or {})},
                 docs, at=now)


def _org_name(org_id: int | None) -> str:
    org = db.session.get(Organization, org_id) if org_id else None
    return org.name if org else ""


def decision_context(c: Consortium, d: Decision) -> dict[str, Any]:
    from flask_babel import force_locale, gettext
    result = tally(c, d)
    with force_locale("en"):
        reason = (gettext(d.outcome_reason["message"], **d.outcome_reason.get("params", {}))
                  if d.outcome_reason.get("message") else "")
    choice_label = {"for": "for", "against": "against", "abstain": "abstained"}
    votes = {v.organization_id: v for v in d.votes}
    rows = []
    for m in c.active_members:
        v = votes.get(m.organization_id)
        if m.organization_id == d.concerned_organization_id:
            how = "does not vote (the party concerned)"
        else:
            how = choice_label[v.choice] if v else "did not vote"
        rows.append({"party": text(m.organization.name), "vote": how,
                     "by": text(db.session.get(User, v.cast_by_id).name) if v else "",
                     "at": long_date(v.cast_at) if v else ""})
    terms = []
    t = CONSORTIUM.transition(d.matter)
    for f in t.data if t else ():
        if f.name in d.data:
            value = d.data[f.name]
            if f.name == "organization_id":
                value = _org_name(int(value))
            terms.append({"label": text(f.label), "value": text(value)})
    veto = d.vetoes[0] if d.vetoes else None
    return {
        "number": str(d.number), "matter": d.matter, "matter_label": text(d.matter_label),
        "motion": multiline(d.motion), "status": d.status,
        "proposed_by": person(db.session.get(User, d.proposed_by_id)),
        "proposed_at": long_date(d.proposed_at), "voting_ends_at": long_date(d.voting_ends_at),
        "closed_at": long_date(d.closed_at), "veto_ends_at": long_date(d.veto_ends_at),
        "decided_at": long_date(d.decided_at), "terms": terms, "votes": rows,
        "eligible": str(result["eligible"]), "voted": str(result["voted"]),
        "for": str(result["for"]), "against": str(result["against"]),
        "abstain": str(result["abstain"]), "quorum_needed": str(result["quorum_needed"]),
        "reason": text(reason), "concerned": text(_org_name(d.concerned_organization_id)),
        "vetoed_by": text(veto.organization.name) if veto else "",
        "veto_reason": multiline(veto.reason) if veto else "",
    }


def minutes_context(c: Consortium, d: Decision) -> dict[str, Any]:
    """What the minutes of decision ``d`` print: the consortium's context and the decision,
    signed by the chair (the lead party's signatory). The template check builds its sample
    minutes with this too."""
    # the consortium's record type by name (its services register it): the tables of this
    # module are read by the consortium model, which never reaches the services
    from ..workflow import REGISTRY
    context = REGISTRY["consortium"].context(c, None)
    context["decision"] = decision_context(c, d)
    context["actor"] = person(None)
    context["comment"] = ""
    chair = signatory_id(c.lead)
    context["signers"] = documents.signer_people([chair] if chair else [])
    return context


def _minutes(c: Consortium, d: Decision, now: dt.datetime):
    from ..workflow import REGISTRY
    RECORD = REGISTRY["consortium"]  # noqa: N806
    context = minutes_context(c, d)
    chair = signatory_id(c.lead)
    return documents.create_document("consortium", c.id, RECORD.key(c), MINUTES, context,
                                     [chair] if chair else [], replaces_previous=False, at=now,
                                     issuer=c.lead)


def to_dict(c: Consortium, d: Decision, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    result = tally(c, d)
    reason = d.outcome_reason.get("message")
    return {
        "id": d.id, "number": d.number, "matter": d.matter, "motion": d.motion,
        "data": d.data, "status": d.effective_status(now),
        "concerned_organization_id": d.concerned_organization_id,
        "proposed_by_id": d.proposed_by_id, "proposed_at": d.proposed_at.isoformat(),
        "voting_ends_at": d.voting_ends_at.isoformat(),
        "closed_at": d.closed_at.isoformat() if d.closed_at else None,
        "veto_ends_at": d.veto_ends_at.isoformat() if d.veto_ends_at else None,
        "decided_at": d.decided_at.isoformat() if d.decided_at else None,
        "consumed_at": d.consumed_at.isoformat() if d.consumed_at else None,
        "voting_rule": c.voting_rule, "quorum_percent": c.quorum_percent,
        "tally": {k: result[k] for k in ("eligible", "voted", "for", "against", "abstain",
                                         "quorum_needed", "quorate", "carried", "pending")},
        "reason": reason and _translate(reason, d.outcome_reason.get("params", {})),
        "votes": [{"organization_id": v.organization_id, "choice": v.choice,
                   "cast_by_id": v.cast_by_id, "cast_at": v.cast_at.isoformat()}
                  for v in d.votes],
        "vetoes": [{"organization_id": x.organization_id, "reason": x.reason,
                    "cast_by_id": x.cast_by_id, "cast_at": x.cast_at.isoformat()}
                   for x in d.vetoes],
    }


def _translate(message: str, params: dict) -> str:
    from flask_babel import gettext
    return gettext(message, **params)


__all__ = ["CHOICES", "MATTERS", "STATUSES", "Decision", "Veto", "Vote", "propose",
           "settle_due", "tally", "utcnow", "veto", "vote"]
