"""Docket reminders: due dates of patent families coming up, licences still to register.

Plain functions of ``now`` returning how many reminders they sent; the scheduler runs them
daily, tests call them directly."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select

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
    """Remind legal staff of each due date at 60, 30, 7 and 1 days before it, once per step."""
    today = now.date()
    sent = 0
    with unit_of_work():
        rows = db.session.execute(
            select(DocketEntry, Disclosure.reg_number)
            .join(Disclosure, Disclosure.id == DocketEntry.disclosure_id)
            .where(DocketEntry.due >= today,
                   DocketEntry.due <= today + dt.timedelta(days=max(REMIND_DAYS)),
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
        registered = select(LicenseRegistration.license_id).where(
            LicenseRegistration.state == "registered")
        for lic in db.session.scalars(select(model).where(
                model.state.in_(REGISTRABLE), model.id.not_in(registered))
                .order_by(model.id).limit(5000)):
            reg = db.session.scalar(select(LicenseRegistration).where(
                LicenseRegistration.license_id == lic.id))
            if reg is not None and reg.reminded_on and \
                    (today - reg.reminded_on).days < REGISTRATION_EVERY_DAYS:
                continue
            if reg is None:
                reg = LicenseRegistration(license_id=lic.id, state="not_submitted")
                db.session.add(reg)
            notify(_legal_of(lic.licensor_organization_id), "deadline",
                   N_("%(number)s: register the licence agreement with the patent office"),
                   {"number": lic.reg_number or ""},
                   path_for("licensing.show", record_id=lic.id), "license", lic.id,
                   key=f"registration:{lic.id}:{today.isoformat()}", now=now)
            reg.reminded_on = today
            sent += 1
    return sent
