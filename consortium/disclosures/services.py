"""Filing, editing, listing and showing invention disclosures."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Select, false, func, select

from workflows import DISCLOSURE
from workflows.errors import N_

from ..auth.models import Role, User
from ..consortia.models import Consortium, Member
from ..consortia.services import visible as consortium_visible
from ..errors import Invalid, check_version
from ..extensions import db
from ..organizations.models import Organization
from ..validation import parse
from ..workflow import RecordType, register, visibility
from ..workflow import search as workflow_search
from . import people
from .documents import disclosure_context
from .models import Disclosure, Inventor
from .schemas import DisclosureCreate, DisclosureUpdate, InventorIn


@visibility("disclosure", Disclosure)
def visible(stmt: Select, user) -> Select:
    """Least privilege: inventors see theirs; legal staff their organisation's and those made
    in consortia their organisation belongs to, once submitted: a draft that never reached
    the office is its inventors' alone (one sent back for revision was submitted: it stays)."""
    if user.role == Role.researcher:
        return stmt.where(Disclosure.id.in_(
            select(Inventor.disclosure_id).where(Inventor.user_id == user.id)))
    if user.role == Role.legal:
        # A union of two index lookups, not an OR: with an OR the database scans the table.
        own = select(Disclosure.id).where(Disclosure.organization_id == user.organization_id)
        via_consortia = select(Disclosure.id).where(Disclosure.consortium_id.in_(
            select(Member.consortium_id).where(Member.organization_id == user.organization_id,
                                               Member.status == "active")))
        return stmt.where(Disclosure.id.in_(own.union(via_consortia)),
                          Disclosure.submitted_at.is_not(None))
    return stmt.where(false())


def _inventors(items: list[InventorIn], creator: User, parties: set[int],
               already: set[int] | frozenset[int] = frozenset()) -> list[Inventor]:
    """The inventor rows; a ``user_id`` must be a person who can be named (see ``people``)."""
    errors: dict[str, str] = {}
    out: list[Inventor] = []
    seen_users: set[int] = set()
    users = people.nameable([i.user_id for i in items if i.user_id is not None], parties,
                            already)
    org_ids = [i.organization_id for i in items if i.organization_id is not None]
    orgs = set(db.session.scalars(select(Organization.id).where(Organization.id.in_(org_ids)))) \
        if org_ids else set()
    for n, item in enumerate(items):
        key = f"inventors.{n}"
        if item.user_id is not None:
            user = users.get(item.user_id)
            if user is None:
                errors[f"{key}.user_id"] = people.NOT_NAMEABLE
                continue
            if user.id in seen_users:
                errors[f"{key}.user_id"] = N_("this person is listed twice")
                continue
            seen_users.add(user.id)
            out.append(Inventor(position=n + 1, user_id=user.id, name=user.name,
                                email=user.email, organization_id=user.organization_id,
                                share_percent=item.share_percent))
        else:
            if not item.name:
                errors[f"{key}.name"] = N_("give the inventor's name, or the e-mail of a colleague with an account")
                continue
            if item.organization_id is not None and item.organization_id not in orgs:
                errors[f"{key}.organization_id"] = N_("no such organisation")
                continue
            out.append(Inventor(position=n + 1, name=item.name, email=item.email or None,
                                organization_id=item.organization_id,
                                share_percent=item.share_percent, iin=item.iin))
    if not errors and creator.id not in seen_users:
        errors["inventors"] = N_("you must be one of the inventors of a disclosure you file")
    if errors:
        raise Invalid(errors)
    return out


def _check_consortium(consortium_id: int | None, user: User) -> None:
    """The consortium must be one the researcher's organisation belongs to, past its draft."""
    if consortium_id is None:
        return
    found = db.session.scalar(consortium_visible(
        select(Consortium.state).where(Consortium.id == consortium_id), user))
    if found is None:
        raise Invalid({"consortium_id": N_("no such consortium among your organisation's")})
    if found == "draft":
        raise Invalid({"consortium_id": N_("that consortium has not been proposed yet")})


_SIMPLE = ("title", "abstract", "background", "novelty", "field", "keywords", "funding_source",
           "grant_numbers", "conception_date", "reduction_to_practice_date",
           "public_disclosure_date", "public_disclosure_details", "interested_partners")


def create(user: User, payload: Any) -> Disclosure:
    """File a new draft disclosure; the creating researcher must be an inventor."""
    Disclosure.check_create(user)
    data = parse(DisclosureCreate, payload)
    _check_consortium(data.consortium_id, user)
    d = Disclosure(organization_id=user.organization_id, created_by_id=user.id,
                   state=DISCLOSURE.initial, keywords=[])
    for name in _SIMPLE:
        value = getattr(data, name)
        if value is not None:
            setattr(d, name, value.value if name == "funding_source" else value)
    d.consortium_id = data.consortium_id
    d.inventors = _inventors(data.inventors, user, people.party_organization_ids(
        user.organization_id, data.consortium_id))
    db.session.add(d)
    db.session.flush()
    return d


def update(d: Disclosure, user: User, payload: Any) -> Disclosure:
    """Change a draft (or a disclosure sent back for revision); only its inventors may."""
    d.check_editor(user)
    data = parse(DisclosureUpdate, payload)
    check_version(d, data.version,
                  N_("This disclosure changed since you loaded it (your version "
                     "%(yours)s, now %(current)s). Reload it and try again."))
    d.check_editable()
    sent = data.model_fields_set
    for name in _SIMPLE:
        if name in sent:
            value = getattr(data, name)
            if value is None and name in ("title", "abstract", "funding_source"):
                raise Invalid({name: N_("required")})
            if name == "funding_source":
                value = value.value
            setattr(d, name, value if value is not None or name != "keywords" else [])
    if "consortium_id" in sent:
        _check_consortium(data.consortium_id, user)
    if "inventors" in sent:
        if data.inventors is None:
            raise Invalid({"inventors": N_("required")})
        consortium_id = data.consortium_id if "consortium_id" in sent else d.consortium_id
        new = _inventors(data.inventors, user,
                         people.party_organization_ids(d.organization_id, consortium_id),
                         {i.user_id for i in d.inventors if i.user_id is not None})
        d.inventors.clear()
        db.session.flush()
        d.inventors.extend(new)
    db.session.flush()
    return d


def search(user: User, *, state: str | None = None, q: str | None = None, page: int = 1,
           per_page: int = 50, **options) -> tuple[list[Disclosure], int]:
    """The page of records ``user`` may see and how many match (``options``: sort, since,
    until; see :func:`consortium.workflow.search`)."""
    return workflow_search(Disclosure, visible, user, state=state, q=q, page=page,
                           per_page=per_page, **options)


REVIEW_STATES = ("submitted", "under_review", "assessed")


def review_queue_page(user: User, *, page: int = 1, per_page: int = 25
                      ) -> tuple[list[Disclosure], int]:
    """Disclosures of the user's organisation waiting for the office, oldest submission first."""
    stmt = select(Disclosure).where(Disclosure.organization_id == user.organization_id,
                                    Disclosure.state.in_(REVIEW_STATES))
    total = db.session.scalar(stmt.with_only_columns(func.count(Disclosure.id)))
    items = db.session.scalars(stmt.order_by(Disclosure.submitted_at, Disclosure.id)
                               .offset((page - 1) * per_page).limit(per_page)).all()
    return list(items), total or 0


def to_dict(d: Disclosure) -> dict:
    return {
        "id": d.id, "reg_number": d.reg_number, "state": d.state, "version": d.version,
        "title": d.title, "abstract": d.abstract, "background": d.background,
        "novelty": d.novelty, "field": d.field, "keywords": list(d.keywords or []),
        "funding_source": d.funding_source, "grant_numbers": d.grant_numbers,
        "conception_date": _iso(d.conception_date),
        "reduction_to_practice_date": _iso(d.reduction_to_practice_date),
        "public_disclosure_date": _iso(d.public_disclosure_date),
        "public_disclosure_details": d.public_disclosure_details,
        "interested_partners": d.interested_partners, "consortium_id": d.consortium_id,
        "organization_id": d.organization_id, "created_by_id": d.created_by_id,
        "inventors": [{"user_id": i.user_id, "name": i.name, "email": i.email,
                       "organization_id": i.organization_id,
                       "share_percent": f"{i.share_percent.normalize():f}", "iin": i.iin}
                      for i in d.inventors],
        "assessment": {"trl": d.trl, "crl": d.crl, "mrl": d.mrl, "irl": d.irl,
                       "ownership": d.ownership, "recommendation": d.recommendation,
                       "assessed_at": _iso(d.assessed_at)} if d.assessed_at else None,
        "patent": {"office": d.patent_office, "application_number": d.application_number,
                   "filing_date": _iso(d.filing_date), "patent_number": d.patent_number,
                   "grant_date": _iso(d.grant_date)} if d.patent_office else None,
        "created_at": d.created_at.isoformat(), "updated_at": d.updated_at.isoformat(),
        "submitted_at": _iso(d.submitted_at),
    }


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


RECORD = register(RecordType(
    name="disclosure", collection="disclosures", model=Disclosure,
    context=disclosure_context, key=lambda d: d.display_number,
    visible=visible, endpoint="disclosures.show", create=create, update=update,
    search=search, serialize=to_dict, create_schema=DisclosureCreate,
    update_schema=DisclosureUpdate, describe=lambda d: f"{d.display_number} — {d.title}"))
