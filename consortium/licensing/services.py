"""Recording licence inquiries, editing terms, listing licences, and booking their income."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Select, false, or_, select, true
from sqlalchemy.orm import contains_eager

from workflows import LICENSE
from workflows.errors import N_

from ..auth.models import Role, User
from ..disclosures.models import Disclosure, Inventor
from ..documents.models import Document
from ..errors import Invalid, check_version
from ..extensions import db
from ..organizations.models import Organization
from ..validation import parse
from ..workflow import RecordType, pending_json, register, visibility
from ..workflow import search as workflow_search
from .documents import license_context
from .models import CURE_PERIOD_DAYS, LICENSEE_NOTICE_DAYS, OWNED_STATES, License, RoyaltyReport
from .schemas import (
    MONEY_TERMS,
    NOTICE_TERM_NAMES,
    OPTION_TERM_NAMES,
    LicenseCreate,
    LicenseUpdate,
    money_errors,
    option_errors,
)
from .transitions import hooks


@visibility("license", License)
def visible(stmt: Select, user) -> Select:
    """The licensor's legal staff, the licensee's people, and the invention's inventors."""
    if user.role == Role.admin:
        return stmt.where(false())
    conditions = [License.licensee_organization_id == user.organization_id,
                  License.disclosure_id.in_(select(Inventor.disclosure_id)
                                            .where(Inventor.user_id == user.id))]
    if user.role == Role.legal:
        conditions.append(License.licensor_organization_id == user.organization_id)
    return stmt.where(or_(*conditions))


def document_filter(user):
    """Inventors read the licence's documents but its royalty reports: those state the
    licensee's net sales, its business; an inventor's income is on the licence page."""
    if user.role == Role.researcher:
        return Document.template != "royalty_report"
    return true()


_TERMS = ("license_type", "field_of_use", "territory", "term_months", "upfront_fee",
          "royalty_rate_percent", "minimum_annual_royalty", "currency", "sublicensing_allowed",
          "sublicence_share_percent", "notes", *OPTION_TERM_NAMES, *NOTICE_TERM_NAMES)
#: what an empty period of the termination clause goes back to (the model licence's)
_NOTICE_DEFAULTS = {"cure_period_days": CURE_PERIOD_DAYS,
                    "termination_notice_days": LICENSEE_NOTICE_DAYS}


def _apply(lic: License, data, sent: set[str]) -> None:
    for name in _TERMS:
        if name in sent:
            value = getattr(data, name)
            if value is None and name in ("license_type", "territory", "currency"):
                raise Invalid({name: N_("required")})
            if value is None and name in _NOTICE_DEFAULTS:
                value = _NOTICE_DEFAULTS[name]
            setattr(lic, name, value)
    if "milestones" in sent:
        lic.milestones = [{"description": m.description, "amount": f"{m.amount:.2f}",
                           "due_date": m.due_date.isoformat() if m.due_date else None}
                          for m in (data.milestones or [])]
    # amounts in the licence's currency, which the same request may have changed
    errors = money_errors({name: getattr(lic, name) for name in MONEY_TERMS}, lic.currency)
    errors.update(option_errors({name: getattr(lic, name) for name in OPTION_TERM_NAMES}))
    errors.update(money_errors({f"milestones.{n}.amount": m["amount"]
                                for n, m in enumerate(lic.milestones or [])}, lic.currency))
    if errors:
        raise Invalid(errors)


def create(user: User, payload: Any) -> License:
    """Record an enterprise's inquiry about an invention the user's organisation owns."""
    License.check_create(user)
    data = parse(LicenseCreate, payload)
    d = db.session.get(Disclosure, data.disclosure_id)
    if d is None or d.organization_id != user.organization_id:
        raise Invalid({"disclosure_id": N_("no such invention of your organisation")})
    if d.state not in OWNED_STATES:
        raise Invalid({"disclosure_id": N_(
            "the invention is %(state)s: only protected, patent-pending, patented or "
            "trade-secret inventions can be licensed") % {"state": d.state.replace("_", " ")}})
    if db.session.get(Organization, data.licensee_organization_id) is None:
        raise Invalid({"licensee_organization_id": N_("no such organisation")})
    if data.licensee_organization_id == user.organization_id:
        raise Invalid({"licensee_organization_id": N_("the licensee must be another "
                                                      "organisation")})
    lic = License(disclosure_id=d.id, licensor_organization_id=d.organization_id,
                  licensee_organization_id=data.licensee_organization_id,
                  created_by_id=user.id, state=LICENSE.initial, territory=["WORLD"],
                  currency="KZT", milestones=[])
    _apply(lic, data, data.model_fields_set | {"license_type"})
    db.session.add(lic)
    db.session.flush()
    lic.reg_number = f"LIC-{lic.created_at.year}-{lic.id:05d}"
    db.session.flush()
    return lic


def update(lic: License, user: User, payload: Any) -> License:
    lic.check_editor(user)
    data = parse(LicenseUpdate, payload)
    check_version(lic, data.version,
                  N_("This licence changed since you loaded it (your version "
                     "%(yours)s, now %(current)s). Reload it and try again."))
    lic.check_editable()
    _apply(lic, data, data.model_fields_set)
    db.session.flush()
    return lic


def search(user: User, *, state: str | None = None, q: str | None = None, page: int = 1,
           per_page: int = 50, **options) -> tuple[list[License], int]:
    """The page of records ``user`` may see and how many match (``options``: sort, since,
    until; see :func:`consortium.workflow.search`)."""
    return workflow_search(License, visible, user, state=state, q=q, page=page,
                           per_page=per_page, **options)


def _money(v) -> str | None:
    return f"{v:.2f}" if v is not None else None


def _viewer_is_researcher() -> bool:
    """The API's or the page's user is a researcher (an inventor): they are not shown the
    licensee's business data (net sales in the royalty reports, the minimum royalty)."""
    from flask import has_request_context, request
    from flask_login import current_user
    if not has_request_context():
        return False
    user = request.environ.get("consortium.api_user")
    if user is None and current_user.is_authenticated:
        user = current_user
    return user is not None and user.role == Role.researcher


def to_dict(lic: License) -> dict:
    if _viewer_is_researcher():
        return {**_to_dict(lic), "royalty_reports": [], "minimum_annual_royalty": None}
    return _to_dict(lic)


def _to_dict(lic: License) -> dict:
    return {
        "id": lic.id, "reg_number": lic.reg_number, "state": lic.state, "version": lic.version,
        "disclosure_id": lic.disclosure_id,
        "licensor_organization_id": lic.licensor_organization_id,
        "licensee_organization_id": lic.licensee_organization_id,
        "license_type": lic.license_type, "field_of_use": lic.field_of_use,
        "territory": list(lic.territory or []), "term_months": lic.term_months,
        "upfront_fee": _money(lic.upfront_fee),
        "royalty_rate_percent": f"{lic.royalty_rate_percent.normalize():f}"
        if lic.royalty_rate_percent is not None else None,
        "minimum_annual_royalty": _money(lic.minimum_annual_royalty),
        "currency": lic.currency, "milestones": list(lic.milestones or []),
        "sublicensing_allowed": lic.sublicensing_allowed, "notes": lic.notes,
        "sublicence_share_percent": f"{lic.sublicence_share_percent.normalize():f}"
        if lic.sublicence_share_percent is not None else None,
        "royalty_reports": [r.to_dict() for r in lic.royalty_reports],
        "term_sheet_version": lic.term_sheet_version,
        "activated_at": lic.activated_at.isoformat() if lic.activated_at else None,
        "expires_on": lic.expires_on.isoformat() if lic.expires_on else None,
        "ended_at": lic.ended_at.isoformat() if lic.ended_at else None,
        "cure_period_days": lic.cure_days,
        "termination_notice_days": lic.licensee_notice_days,
        "termination_ground": lic.termination_ground,
        **lic.option_json(),
        "pending": pending_json(lic),
        "created_at": lic.created_at.isoformat(), "updated_at": lic.updated_at.isoformat(),
    }


def underpaid_reports(user: User) -> list[RoyaltyReport]:
    """Royalty reports paying less than the royalty due, on licences ``user`` grants as
    legal staff of the licensor (what its inbox flags)."""
    if user.role != Role.legal:
        return []
    return list(db.session.scalars(
        select(RoyaltyReport).join(License, License.id == RoyaltyReport.license_id)
        .options(contains_eager(RoyaltyReport.license))
        .where(License.licensor_organization_id == user.organization_id,
               RoyaltyReport.amount_paid < RoyaltyReport.royalty_due)
        .order_by(RoyaltyReport.period_start, RoyaltyReport.id).limit(100)))


RECORD = register(RecordType(
    name="license", collection="licenses", model=License, context=license_context,
    key=lambda lic: lic.display_number, visible=visible, endpoint="licensing.show",
    create=create, update=update, search=search, serialize=to_dict, hooks=hooks,
    create_schema=LicenseCreate, update_schema=LicenseUpdate, document_filter=document_filter,
    describe=lambda lic: f"{lic.display_number} — {lic.licensee.name}: "
                         f"{lic.disclosure.title}"))
