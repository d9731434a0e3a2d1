"""Due dates a user should see in the inbox: novelty deadlines, milestones, royalty periods,
licence terms ending."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select, true
from sqlalchemy.orm import selectinload

from workflows.errors import N_, Text

from ..disclosures.models import Disclosure
from ..disclosures.novelty import GRACE_MONTHS, _add_months, novelty_status
from ..disclosures.services import visible as disclosures_visible
from ..docket import services as docket
from ..extensions import db
from ..licensing import royalties
from ..licensing.models import License, RoyaltyReport
from ..licensing.services import visible as licences_visible
from ..organizations.models import Organization
from .helpers import money

#: disclosure states in which a patent application has not been filed yet
BEFORE_FILING = ("draft", "submitted", "under_review", "revision_requested", "assessed",
                 "assignment_pending", "protected")
HORIZON_DAYS = 365


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    what: str
    record: str
    endpoint: str
    record_id: int

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days


def deadlines(user, today: dt.date | None = None, limit: int | None = 100,
              days: int = HORIZON_DAYS) -> list[Deadline]:
    """What falls due within ``days`` (or is already overdue), soonest first, at most
    ``limit`` (None: all of them, for the scheduler's notices).

    Each kind of due date is one query over what ``user`` sees, filtered by its date up to
    the horizon and ordered by it, so a licence or disclosure beyond the first ``limit`` by
    id is still listed when its date comes near."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=days)
    out: list[Deadline] = []

    def bounded(stmt):
        return stmt if limit is None else stmt.limit(limit)
    # the novelty deadline runs from the public disclosure: only those near or past it
    latest_public = _add_months(horizon, -GRACE_MONTHS) + dt.timedelta(days=1)
    stmt = disclosures_visible(select(Disclosure).where(
        Disclosure.public_disclosure_date.is_not(None),
        Disclosure.public_disclosure_date <= latest_public,
        Disclosure.state.in_(BEFORE_FILING)), user).order_by(
        Disclosure.public_disclosure_date, Disclosure.id)
    for d in db.session.scalars(bounded(stmt)):
        status = novelty_status(d.public_disclosure_date, today)
        out.append(Deadline(status.deadline, N_("Novelty grace period ends: file the patent "
                                                "application before this date")
                            if not status.expired else N_("Novelty grace period ended"),
                            f"{d.display_number} — {d.title}", "disclosures.show", d.id))
    active = License.state == "active"
    # licence terms ending: the indexed ``term_ends_on``
    stmt = licences_visible(select(License.id, License.reg_number, Organization.name,
                                   License.term_ends_on)
                            .join(Organization, Organization.id
                                  == License.licensee_organization_id)
                            .where(active, License.term_ends_on.is_not(None),
                                   License.term_ends_on <= horizon), user) \
        .order_by(License.term_ends_on, License.id)
    for lic_id, reg, licensee, ends in db.session.execute(bounded(stmt)):
        out.append(Deadline(ends, N_("Licence term ends"), _label(lic_id, reg, licensee),
                            "licensing.show", lic_id))
    # milestones: the rows of the licence's JSON list, filtered and ordered by their date in
    # SQL (ISO dates compare as text)
    rows, due = _milestone_rows()
    stmt = licences_visible(select(License.id, License.reg_number, Organization.name, due,
                                   _milestone_what(rows))
                            .select_from(License).join(rows, true())
                            .join(Organization, Organization.id
                                  == License.licensee_organization_id)
                            .where(active, due.is_not(None), due <= horizon.isoformat()),
                            user).order_by(due, License.id)
    for lic_id, reg, licensee, when, what in db.session.execute(bounded(stmt)):
        out.append(Deadline(dt.date.fromisoformat(when),
                            Text(N_("Milestone due: %(what)s"), what=what or ""),
                            _label(lic_id, reg, licensee), "licensing.show", lic_id))
    # a licensee's minimum royalty is no deadline of the inventors (their income is); the
    # year ends on 31 December, so this waits only for a horizon that reaches it
    year_end = dt.date(today.year, 12, 31)
    if user.role != "researcher" and year_end <= horizon:
        stmt = licences_visible(select(License).where(
            active, License.minimum_annual_royalty > 0), user) \
            .options(selectinload(License.royalty_reports)).order_by(License.id)
        for lic in db.session.scalars(bounded(stmt)):
            # the minimum is owed per calendar year of the term (pro rata in a part year)
            year = next((y for y in lic.royalty_years(today) if y.year == today.year), None)
            # a minimum the year's royalties already cover is no deadline any more
            if year is not None and year.minimum_due and year.paid < year.minimum_due:
                out.append(Deadline(dt.date(year.year, 12, 31),
                                    Text(N_("Royalty year %(year)s ends: minimum annual "
                                            "royalty %(amount)s, of which %(unpaid)s is not "
                                            "paid yet"), year=year.year,
                                         amount=money(year.minimum_due, lic.currency),
                                         unpaid=money(max(year.minimum_due - year.paid, 0),
                                                      lic.currency)),
                                    f"{lic.display_number} — {lic.licensee.name}",
                                    "licensing.show", lic.id))
    # the quarter's royalty report (the reporting clause): licences with an earned royalty
    # whose term covers the quarter and that have no report covering it yet
    if user.role != "researcher":
        quarter, report_due = royalties.report_due(today)
        after_quarter = dt.datetime.combine(quarter.last + dt.timedelta(days=1), dt.time(),
                                            tzinfo=dt.UTC)
        if report_due <= horizon:
            covered = exists().where(RoyaltyReport.license_id == License.id,
                                     RoyaltyReport.period_start <= quarter.start,
                                     RoyaltyReport.period_end >= quarter.last)
            stmt = licences_visible(select(License.id, License.reg_number, Organization.name)
                                    .join(Organization, Organization.id
                                          == License.licensee_organization_id)
                                    .where(active, License.royalty_rate_percent > 0,
                                           License.activated_at < after_quarter,
                                           or_(License.term_ends_on.is_(None),
                                               License.term_ends_on >= quarter.start),
                                           ~covered), user).order_by(License.id)
            for lic_id, reg, licensee in db.session.execute(bounded(stmt)):
                out.append(Deadline(report_due,
                                    Text(N_("Royalty report for %(period)s due"),
                                         period=quarter.code),
                                    _label(lic_id, reg, licensee), "licensing.show", lic_id))
    # the patent families' due dates and licences still to register (legal staff)
    for entry, label in docket.upcoming(user, today, days=days,
                                        limit=limit if limit is not None else 100_000):
        out.append(Deadline(entry.due, Text(entry.message, **(entry.params or {})), label,
                            "disclosures.show", entry.disclosure_id))
    if user.role == "legal":
        for lic_id, number in docket.unregistered_licences(user.organization_id):
            out.append(Deadline(today, N_("Register the licence agreement with the patent "
                                          "office"), number, "licensing.show", lic_id))
    found = sorted((d for d in out if d.due <= horizon), key=lambda d: d.due)
    return found if limit is None else found[:limit]


def _label(lic_id: int, reg: str | None, licensee: str) -> str:
    return f"{reg or f'LIC-DRAFT-{lic_id}'} — {licensee}"


def _milestone_rows():
    """The elements of ``licenses.milestones`` as a table joined to each licence, and the
    expression of an element's due date (SQLite ``json_each``, PostgreSQL
    ``json_array_elements``)."""
    if db.session.get_bind().dialect.name == "postgresql":
        rows = func.json_array_elements(License.milestones).table_valued("value").lateral()
        return rows, rows.c.value.op("->>")("due_date")
    rows = func.json_each(License.milestones).table_valued("value")
    return rows, func.json_extract(rows.c.value, "$.due_date")


def _milestone_what(rows):
    if db.session.get_bind().dialect.name == "postgresql":
        return rows.c.value.op("->>")("description")
    return func.json_extract(rows.c.value, "$.description")
