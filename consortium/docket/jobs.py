"""Docket reminders: due dates of patent families coming up, licences still to register.

Plain functions of ``now`` returning how many reminders they sent; the scheduler runs them
daily, tests call them directly."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select

from workflows.errors import N_

from .. import workflow
from ..auth.models import Role, User
from ..db import unit_of_work
from ..disclosures.models import Disclosure
from ..extensions import db
from ..notifications.services import notify, path_for
from ..scheduler import periodic
from .models import DocketEntry, LicenseRegistration
from .services import REGISTRABLE

#: days before a due date at which the organisation's legal staff are reminded
REMIND_DAYS = (60, 30, 7, 1)
#: days between reminders to register a licence, until it is registered
REGISTRATION_EVERY_DAYS = 7


def _legal_of(organization_id: int) -> list[int]:
    return list(db.session.scalars(select(User.id).where(
        User.organization_id == organization_id, User.role == Role.legal,
        User.active.is_(True))))


def _threshold(days_left: int) -> int | None:
    """The smallest reminder step ``days_left`` has reached (None: not yet the first)."""
    reached = [d for d in REMIND_DAYS if days_left <= d]
    return min(reached) if reached else None


@periodic("docket_reminders", every=dt.timedelta(days=1))
def remind_due_dates(now: dt.datetime) -> int:
    """Remind legal staff of each due date at 60, 30, 7 and 1 days before it, once per step,
    until it is marked done."""
    today = now.date()
    sent = 0
    with unit_of_work():
        rows = db.session.execute(
            select(DocketEntry, Disclosure.reg_number)
            .join(Disclosure, Disclosure.id == DocketEntry.disclosure_id)
            .where(DocketEntry.due >= today,
                   DocketEntry.due <= today + dt.timedelta(days=max(REMIND_DAYS)),
                   DocketEntry.done_at.is_(None),  # a due date marked done is not reminded
                   or_(DocketEntry.reminded_days.is_(None),
                       DocketEntry.reminded_days > 1))
            .order_by(DocketEntry.due, DocketEntry.id).limit(5000)).all()
        legal: dict[int, list[int]] = {}
        for entry, number in rows:
            step = _threshold((entry.due - today).days)
            if step is None or (entry.reminded_days is not None
                                and entry.reminded_days <= step):
                continue
            if entry.organization_id not in legal:
                legal[entry.organization_id] = _legal_of(entry.organization_id)
            notify(legal[entry.organization_id], "deadline",
                   N_("%(number)s: %(what)s on %(date)s"),
                   {"number": number or "",
                    "what": entry.message % (entry.params or {}),
                    "date": entry.due.isoformat()},
                   path_for("disclosures.show", record_id=entry.disclosure_id),
                   "disclosure", entry.disclosure_id,
                   key=f"docket:{entry.filing_id}:{entry.kind}:{entry.due}:{step}", now=now)
            entry.reminded_days = step
            sent += 1
    return sent


@periodic("licence_registration_reminders", every=dt.timedelta(days=1))
def remind_registration(now: dt.datetime) -> int:
    """Remind the licensor's legal staff, weekly, of every active licence not registered with
    the patent office yet."""
    today = now.date()
    model = workflow.REGISTRY["license"].model
    sent = 0
    with unit_of_work():
        # one query: the active licences without a registration, or with one neither
        # registered nor reminded of in the last week (each licence has one registration)
        rows = db.session.execute(
            select(model.id, model.reg_number, model.licensor_organization_id,
                   LicenseRegistration)
            .outerjoin(LicenseRegistration, LicenseRegistration.license_id == model.id)
            .where(model.state.in_(REGISTRABLE),
                   or_(LicenseRegistration.id.is_(None),
                       and_(LicenseRegistration.state != "registered",
                            or_(LicenseRegistration.reminded_on.is_(None),
                                LicenseRegistration.reminded_on <= today - dt.timedelta(
                                    days=REGISTRATION_EVERY_DAYS)))))
            .order_by(model.id).limit(5000)).all()
        legal: dict[int, list[int]] = {}
        for lic_id, reg_number, licensor_id, reg in rows:
            if reg is None:
                reg = LicenseRegistration(license_id=lic_id, state="not_submitted")
                db.session.add(reg)
            if licensor_id not in legal:
                legal[licensor_id] = _legal_of(licensor_id)
            notify(legal[licensor_id], "deadline",
                   N_("%(number)s: register the licence agreement with the patent office"),
                   {"number": reg_number or ""},
                   path_for("licensing.show", record_id=lic_id), "license", lic_id,
                   key=f"registration:{lic_id}:{today.isoformat()}", now=now)
            reg.reminded_on = today
            sent += 1
    return sent
