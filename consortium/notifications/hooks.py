"""Who waits after each step on a record, notified in the step's own unit of work.

Recipients come from the workflow definitions, as the inbox finds them: the required signers
of the documents the step issued, and everyone the engine would let act on an awaited
transition out of the record's new state (role, relation, conditions) who sees the record.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select

from workflows import engine
from workflows.errors import N_

from .. import workflow
from ..audit.models import Event
from ..auth.models import User
from ..extensions import db
from .services import label, notify, path_for, with_channel

#: a step whose result the people who worked on the record should learn of
DECISION_PREFIXES = ("decide_", "approve", "terminate", "dissolve", "grant")
#: most people considered as recipients of one step (of the record's parties, in the roles
#: that may act: a safety bound, far above any real organisation's legal staff)
MAX_CANDIDATES = 500


def awaited_users(rt: workflow.RecordType, record: Any,
                  skip: set[int] | frozenset[int] = frozenset(), kind: str | None = None
                  ) -> tuple[dict[int, list], dict[int, tuple[User, str | None]]]:
    """The users (but ``skip``) the record now waits for, each with the awaited transitions
    they may fire: the inbox's rule (``engine.awaited``) asked the other way round. Every
    awaited transition names a relation to the record (an inventor, its organisation's
    legal staff, a member, the licensee...), which is also what lets a person see it, so
    only the people of the record's parties (``record.parties()``) are considered: the
    query reads a few people, however many the platform has. Also each candidate with
    their channel for ``kind`` (None without one), read in the same query, for
    ``notify(known=...)``, which then reads nobody again."""
    wf = engine.workflow(rt.name)
    awaited = [t for t in wf.transitions
               if t.awaited_in(record.state) and not t.is_system]
    roles = sorted({r for t in awaited for r in t.roles})
    if not roles:
        return {}, {}
    orgs, people = record.parties()
    stmt = select(User).where(User.role.in_(roles), User.active.is_(True),
                              or_(User.organization_id.in_(orgs - {None}),
                                  User.id.in_(people)))
    if kind is not None:
        stmt = with_channel(stmt, kind)
    rows = db.session.execute(stmt.order_by(User.id).limit(MAX_CANDIDATES)).all()
    known = {row[0].id: (row[0], row[1] if kind is not None else None) for row in rows}
    out: dict[int, list] = {}
    for user, _channel in known.values():
        if user.id in skip or not any(t.by.admits(user, record.relations_of)
                                      for t in awaited):
            continue  # cheap: relations are read from the loaded record
        actions = engine.awaited(rt.name, record, user)
        if actions:
            out[user.id] = actions
    return out, known


def _kind(wf, first, record) -> str:
    t = wf.transition(first.trigger)
    if t is not None and t.comment_required and record.state in wf.editable_states:
        return "revision"
    return "action"


def on_step(rt: workflow.RecordType, record: Any, outcome, user) -> None:
    """Notify whoever the record waits for after ``outcome`` (see the module docstring)."""
    if outcome is None:
        return  # a signature others must still add to: nothing new waits for anyone
    wf = engine.workflow(rt.name)
    actor_id = user.id if user is not None else None
    chain, o = [], outcome
    while o is not None:
        chain.append(o)
        o = o.follow_up
    awaits_someone = any(t.awaited_in(record.state) and not t.is_system
                         for t in wf.transitions)
    decision = chain[0].trigger.startswith(DECISION_PREFIXES)
    if not (decision or awaits_someone or any(o.documents for o in chain)):
        return  # nobody to tell (a licence expired by the scheduler): no record read either
    number = rt.key(record)
    base = {"number": number, "record": rt.describe(record)}
    page = path_for(rt.endpoint, record_id=record.id)
    notified: set[int] = set()
    if actor_id:
        notified.add(actor_id)
    for o in chain:
        for doc in o.documents:
            signers = [uid for uid in doc.required_signer_ids if uid not in notified]
            notify(signers, "signature",
                   N_("%(document)s for %(record)s waits for your signature"),
                   {**base, "document": doc.title, "document_number": doc.number},
                   path_for("documents.sign", doc_id=doc.id), rt.name, record.id,
                   state=record.state)
            notified.update(signers)
    kind = _kind(wf, chain[0], record)
    waiting, known = awaited_users(rt, record, notified, kind)
    if waiting:
        comment = chain[0].event.comment if chain[0].event is not None else None
        state = label(wf.state_label(record.state))
        by_actions: dict[tuple[str, ...], list[int]] = {}
        for uid, actions in waiting.items():
            by_actions.setdefault(tuple(t.label for t in actions), []).append(uid)
        for labels, uids in by_actions.items():
            if kind == "revision":
                notify(uids, kind, N_("%(record)s: revision requested: %(comment)s"),
                       {**base, "comment": comment or ""}, page, rt.name, record.id,
                       state=record.state, known=known)
            else:
                notify(uids, kind, N_("%(record)s is %(state)s and waits for you: "
                                      "%(actions)s"),
                       {**base, "state": state, "actions": [label(x) for x in labels]},
                       page, rt.name, record.id, state=record.state, known=known)
        notified.update(waiting)
    if decision:
        t = wf.transition(chain[0].trigger)
        worked = db.session.scalars(
            select(Event.actor_id).where(Event.record_type == rt.name,
                                         Event.record_id == record.id,
                                         Event.actor_id.is_not(None)).distinct())
        notify([uid for uid in worked if uid not in notified], "decision",
               N_("%(record)s: %(decision)s (now %(state)s)"),
               {**base, "decision": label(t.label) if t else chain[0].trigger,
                "state": label(wf.state_label(record.state))}, page, rt.name, record.id)


workflow.STEP_LISTENERS.append(on_step)
