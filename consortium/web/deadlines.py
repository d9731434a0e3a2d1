"""Due dates a user should see in the inbox: novelty deadlines, milestones, royalty periods,
licence terms ending."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workflows.errors import N_, Text

from ..disclosures.models import Disclosure
from ..disclosures.novelty import novelty_status
from ..disclosures.services import visible as disclosures_visible
from ..docket import services as docket
from ..extensions import db
from ..licensing.models import License
from ..licensing.services import visible as licences_visible
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


def deadlines(user, today: dt.date | None = None, limit: int = 100) -> list[Deadline]:
    """What falls due within a year (or is already overdue), soonest first."""
    today = today or dt.date.today()
    out: list[Deadline] = []
    stmt = disclosures_visible(select(Disclosure).where(
        Disclosure.public_disclosure_date.is_not(None),
        Disclosure.state.in_(BEFORE_FILING)), user).order_by(Disclosure.public_disclosure_date)
    for d in db.session.scalars(stmt.limit(limit)):
        status = novelty_status(d.public_disclosure_date, today)
        out.append(Deadline(status.deadline, N_("Novelty grace period ends: file the patent "
                                                "application before this date")
                            if not status.expired else N_("Novelty grace period ended"),
                            f"{d.display_number} — {d.title}", "disclosures.show", d.id))
    stmt = licences_visible(select(License).where(License.state == "active"), user) \
        .options(selectinload(License.royalty_reports))
    for lic in db.session.scalars(stmt.order_by(License.id).limit(limit)):
        label = f"{lic.display_number} — {lic.licensee.name}"
        for m in lic.milestones or []:
            if m.get("due_date"):
                out.append(Deadline(dt.date.fromisoformat(m["due_date"]),
                                    Text(N_("Milestone due: %(what)s"),
                                         what=m["description"]), label,
                                    "licensing.show", lic.id))
        # a licensee's minimum royalty is no deadline of the inventors (their income is)
        if lic.minimum_annual_royalty and user.role != "researcher":
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
                                    label, "licensing.show", lic.id))
        if lic.expires_on:
            out.append(Deadline(lic.expires_on, N_("Licence term ends"), label,
                                "licensing.show", lic.id))
    # the patent families' due dates and licences still to register (legal staff)
    for entry, label in docket.upcoming(user, today, days=HORIZON_DAYS, limit=limit):
        out.append(Deadline(entry.due, Text(entry.message, **(entry.params or {})), label,
                            "disclosures.show", entry.disclosure_id))
    if user.role == "legal":
        for lic_id, number in docket.unregistered_licences(user.organization_id):
            out.append(Deadline(today, N_("Register the licence agreement with the patent "
                                          "office"), number, "licensing.show", lic_id))
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    return sorted((d for d in out if d.due <= horizon), key=lambda d: d.due)[:limit]
