"""Creating, editing, listing and showing consortia."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Select, exists, or_, select

from workflows import CONSORTIUM
from workflows.errors import N_

from ..auth.models import Role, User
from ..documents.models import Document
from ..errors import Invalid, check_version
from ..extensions import db
from ..organizations.models import Organization
from ..validation import parse
from ..workflow import RecordType, pending_json, register, visibility
from ..workflow import search as workflow_search
from .documents import consortium_context
from .models import WITHDRAWAL_NOTICE_MONTHS, Consortium, Member
from .schemas import ConsortiumCreate, ConsortiumUpdate, MemberIn


@visibility("consortium", Consortium)
def visible(stmt: Select, user) -> Select:
    """Every user of a member organisation (present or past) sees the consortium: a former
    member keeps its record of what it took part in; which of its documents it may still
    read is :func:`document_filter`'s."""
    if user.role == Role.admin:
        return stmt.where(Consortium.id.is_(None))
    return stmt.where(or_(
        Consortium.lead_organization_id == user.organization_id,
        Consortium.id.in_(select(Member.consortium_id)
                          .where(Member.organization_id == user.organization_id))))


def document_filter(user):
    """A party reads the documents issued while it was a party (and those from before it
    joined, which it acceded to), none issued after it left: a document is readable when the
    user's organisation has a membership that is still current or ended no earlier than the
    document was issued (the withdrawal notice is issued at the instant of leaving)."""
    return exists().where(Member.consortium_id == Document.record_id,
                          Member.organization_id == user.organization_id,
                          or_(Member.withdrawn_at.is_(None),
                              Member.withdrawn_at >= Document.created_at))


def _members(items: list[MemberIn], lead_id: int) -> list[Member]:
    errors: dict[str, str] = {}
    ids = [m.organization_id for m in items]
    known = set(db.session.scalars(select(Organization.id).where(Organization.id.in_(ids))))
    seen: set[int] = set()
    for n, m in enumerate(items):
        if m.organization_id not in known:
            errors[f"members.{n}.organization_id"] = N_("no such organisation")
        elif m.organization_id in seen:
            errors[f"members.{n}.organization_id"] = N_("this organisation is listed twice")
        seen.add(m.organization_id)
        if m.role == "lead" and m.organization_id != lead_id:
            errors[f"members.{n}.role"] = N_("only the lead organisation can be the lead")
    if lead_id not in seen:
        errors["members"] = N_("list the lead organisation among the members")
    if errors:
        raise Invalid(errors)
    return [Member(organization_id=m.organization_id, position=n + 1,
                   role="lead" if m.organization_id == lead_id else m.role,
                   contribution_type=m.contribution_type,
                   contribution_value=m.contribution_value, currency=m.currency,
                   contribution_description=m.contribution_description,
                   affiliated_entities=m.affiliated_entities or None,
                   share_percent=m.share_percent, status="active")
            for n, m in enumerate(items)]


_SIMPLE = ("name", "purpose", "work_plan", "start_date", "end_date", "ip_regime",
           "voting_rule", "quorum_percent", "withdrawal_notice_months")


def create(user: User, payload: Any) -> Consortium:
    """Draft a consortium; only legal staff of the lead organisation may."""
    Consortium.check_create(user)
    data = parse(ConsortiumCreate, payload)
    if data.lead_organization_id != user.organization_id:
        raise Invalid({"lead_organization_id": N_("you can draft a consortium only with your "
                                                  "own organisation as the lead")})
    c = Consortium(lead_organization_id=data.lead_organization_id, created_by_id=user.id,
                   state=CONSORTIUM.initial, voting_rule="majority", quorum_percent=50,
                   withdrawal_notice_months=WITHDRAWAL_NOTICE_MONTHS)
    for name in _SIMPLE:
        value = getattr(data, name)
        if value is not None:
            setattr(c, name, value)
    c.members = _members(data.members, data.lead_organization_id)
    db.session.add(c)
    db.session.flush()
    return c


def update(c: Consortium, user: User, payload: Any) -> Consortium:
    c.check_editor(user)
    data = parse(ConsortiumUpdate, payload)
    check_version(c, data.version,
                  N_("This consortium changed since you loaded it (your version "
                     "%(yours)s, now %(current)s). Reload it and try again."))
    c.check_editable()
    sent = data.model_fields_set
    if "lead_organization_id" in sent and data.lead_organization_id != c.lead_organization_id:
        raise Invalid({"lead_organization_id": N_("the lead cannot change; draft a new "
                                                  "consortium")})
    for name in _SIMPLE:
        if name in sent:
            value = getattr(data, name)
            if value is None and name in ("name", "purpose", "ip_regime", "voting_rule",
                                          "quorum_percent", "withdrawal_notice_months"):
                raise Invalid({name: N_("required")})
            setattr(c, name, value)
    if c.start_date and c.end_date and c.end_date <= c.start_date:
        raise Invalid({"end_date": N_("must be after the start date")})
    if "members" in sent:
        if data.members is None:
            raise Invalid({"members": N_("required")})
        new = _members(data.members, c.lead_organization_id)
        c.members.clear()
        db.session.flush()
        c.members.extend(new)
    db.session.flush()
    return c


def search(user: User, *, state: str | None = None, q: str | None = None, page: int = 1,
           per_page: int = 50, **options) -> tuple[list[Consortium], int]:
    """The page of records ``user`` may see and how many match (``options``: sort, since,
    until; see :func:`consortium.workflow.search`)."""
    return workflow_search(Consortium, visible, user, state=state, q=q, page=page,
                           per_page=per_page, **options)


def to_dict(c: Consortium) -> dict:
    return {
        "id": c.id, "reg_number": c.reg_number, "state": c.state, "version": c.version,
        "name": c.name, "purpose": c.purpose, "work_plan": c.work_plan,
        "lead_organization_id": c.lead_organization_id,
        "start_date": c.start_date.isoformat() if c.start_date else None,
        "end_date": c.end_date.isoformat() if c.end_date else None,
        "ip_regime": c.ip_regime, "voting_rule": c.voting_rule,
        "quorum_percent": c.quorum_percent, "agreement_version": c.agreement_version,
        "withdrawal_notice_months": c.withdrawal_notice_months,
        "pending": pending_json(c),
        "members": [{
            "organization_id": m.organization_id, "organization_name": m.organization.name,
            "role": m.role, "contribution_type": m.contribution_type,
            "contribution_value": f"{m.contribution_value:.2f}", "currency": m.currency,
            "contribution_description": m.contribution_description,
            "affiliated_entities": list(m.affiliated_entities or []),
            "share_percent": f"{m.share_percent.normalize():f}", "status": m.status,
            "joined_at": m.joined_at.isoformat() if m.joined_at else None,
            "withdrawn_at": m.withdrawn_at.isoformat() if m.withdrawn_at else None,
        } for m in c.members],
        "created_at": c.created_at.isoformat(), "updated_at": c.updated_at.isoformat(),
    }


RECORD = register(RecordType(
    name="consortium", collection="consortia", model=Consortium,
    context=consortium_context, key=lambda c: c.display_number,
    visible=visible, endpoint="consortia.show", create=create, update=update, search=search,
    document_filter=document_filter,
    serialize=to_dict, create_schema=ConsortiumCreate, update_schema=ConsortiumUpdate,
    describe=lambda c: f"{c.display_number} — {c.name}"))

from . import decisions as _decisions  # noqa: E402,F401  (its tables and the minutes)
