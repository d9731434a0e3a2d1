"""Patent families: filings and their costs, the docket of due dates, licence registration."""
from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import lazyload

from workflows.errors import N_

from .. import money, workflow
from ..attachments.services import Owner, owner_type
from ..audit.services import append_event
from ..auth.models import Role, User
from ..db import utcnow
from ..disclosures.models import Disclosure
from ..disclosures.services import RECORD as DISCLOSURE_RECORD
from ..documents import services as documents
from ..documents.context import person
from ..errors import Conflict, Forbidden, Invalid, NotFound, check_version
from ..extensions import db
from ..validation import parse, valid_id
from . import rules
from .models import (
    DocketEntry,
    LicenseRegistration,
    PatentCost,
    PatentFiling,
)
from .schemas import CostCreate, DoneMark, FilingCreate, FilingUpdate, RegistrationUpdate

#: disclosure states in which its patent family is kept
FAMILY_STATES = ("protected", "patent_pending", "patented")
_FIELDS = ("office", "kind", "application_number", "filing_date", "publication_number",
           "publication_date", "grant_number", "grant_date", "status", "attorney",
           "office_action_due", "office_action_note")


# -- who may see and keep a family --------------------------------------------------------------
def visible_disclosure(disclosure_id: Any, user) -> Disclosure:
    return workflow.get_visible(DISCLOSURE_RECORD, disclosure_id, user)


def can_keep(user, d: Disclosure) -> bool:
    """Legal staff of the disclosure's organisation keep its patent family."""
    return user.role == Role.legal and user.organization_id == d.organization_id


def _check_keeper(user, d: Disclosure) -> None:
    if not can_keep(user, d):
        raise Forbidden(N_("Only legal staff of the disclosure's organisation keep its patent "
                           "family."))
    if d.state not in FAMILY_STATES:
        raise Conflict("wrong_state", N_("A patent family is kept once the disclosure is "
                                         "protected (it is %(state)s)."), state=d.state)


def visible_filing(filing_id: Any, user) -> tuple[PatentFiling, Disclosure]:
    """The filing and its disclosure if ``user`` sees the disclosure; else 404."""
    if not valid_id(filing_id):
        raise NotFound(N_("No such filing."))
    f = db.session.get(PatentFiling, int(filing_id))
    if f is None:
        raise NotFound(N_("No such filing."))
    try:
        d = visible_disclosure(f.disclosure_id, user)
    except NotFound:
        raise NotFound(N_("No such filing.")) from None
    return f, d


@owner_type("filing")
def _filing_owner(filing_id: int, user) -> Owner:
    """A filing's attachments are its disclosure's: visible as it is, audited in its history."""
    f, d = visible_filing(filing_id, user)
    return Owner("disclosure", d.id, d.state, {"filing_id": f.id})


# -- filings ----------------------------------------------------------------------------------
def family(disclosure_id: int) -> list[PatentFiling]:
    return list(db.session.scalars(select(PatentFiling).where(
        PatentFiling.disclosure_id == disclosure_id).order_by(PatentFiling.id)))


def _check_dates(f: PatentFiling) -> None:
    errors = {}
    if not rules.is_office_code(f.office):
        errors["office"] = N_("KZ, EAPO, PCT, EP or an office's two-letter ISO 3166 code")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    for name in ("filing_date", "publication_date", "grant_date"):
        value = getattr(f, name)
        if value is not None and value > tomorrow:
            errors[name] = N_("must not be in the future")
    if f.filing_date and f.grant_date and f.grant_date < f.filing_date:
        errors["grant_date"] = N_("must not be before the filing date")
    if f.filing_date and f.publication_date and f.publication_date < f.filing_date:
        errors["publication_date"] = N_("must not be before the filing date")
    for n, claim in enumerate(f.priority_claims or []):
        if f.filing_date and dt.date.fromisoformat(claim["date"]) > f.filing_date:
            errors[f"priority_claims.{n}.date"] = N_("a priority must be earlier than the "
                                                     "filing")
    if errors:
        raise Invalid(errors)


def _apply(f: PatentFiling, data, sent: set[str]) -> None:
    for name in _FIELDS:
        if name in sent:
            value = getattr(data, name)
            if value is None and name in ("office", "filing_date", "kind", "status"):
                raise Invalid({name: N_("required")})
            setattr(f, name, value)
    if "priority_claims" in sent:
        f.priority_claims = [{"number": c.number, "date": c.date.isoformat(),
                              "country": c.country} for c in data.priority_claims or []]
    if f.grant_number and f.grant_date and f.status in ("filed", "published"):
        f.status = "granted"
    _check_dates(f)


def add_filing(user: User, disclosure_id: Any, payload: Any) -> PatentFiling:
    """Add a filing to the disclosure's family (legal staff of its organisation)."""
    d = visible_disclosure(disclosure_id, user)
    _check_keeper(user, d)
    data = parse(FilingCreate, payload)
    f = PatentFiling(disclosure_id=d.id, organization_id=d.organization_id,
                     created_by_id=user.id, kind="invention", status="filed",
                     priority_claims=[])
    _apply(f, data, data.model_fields_set | {"office", "filing_date"})
    db.session.add(f)
    db.session.flush()
    refresh_docket(d.id, d.organization_id)
    return f


def update_filing(user: User, filing_id: Any, payload: Any) -> PatentFiling:
    """Change a filing; a stale ``version`` is a 409 naming both."""
    f, d = visible_filing(filing_id, user)
    _check_keeper(user, d)
    data = parse(FilingUpdate, payload)
    check_version(f, data.version, N_("This filing changed since you loaded it (your version "
                                      "%(yours)s, now %(current)s). Reload it and try again."))
    _apply(f, data, data.model_fields_set - {"version"})
    f.updated_at = utcnow()
    db.session.flush()
    refresh_docket(d.id, d.organization_id)
    return f


def add_cost(user: User, filing_id: Any, payload: Any) -> PatentCost:
    """Record an official or attorney fee paid for a filing."""
    f, d = visible_filing(filing_id, user)
    _check_keeper(user, d)
    data = parse(CostCreate, payload)
    try:
        places = money.minor_units(data.currency)
    except ValueError:
        raise Invalid({"currency": N_("not an ISO 4217 currency code")}) from None
    if data.amount != data.amount.quantize(Decimal(1).scaleb(-places)):
        raise Invalid({"amount": N_("more decimals than the currency has")})
    cost = PatentCost(filing_id=f.id, disclosure_id=d.id, paid_on=data.paid_on,
                      amount=data.amount, currency=data.currency, kind=data.kind,
                      note=data.note or None, created_by_id=user.id)
    f.costs.append(cost)
    db.session.flush()
    return cost


# -- costs and their recovery -------------------------------------------------------------------
def family_totals(disclosure_id: int) -> dict[str, Decimal]:
    """Every cost of the family added up, per currency."""
    rows = db.session.execute(
        select(PatentCost.currency, func.sum(PatentCost.amount))
        .where(PatentCost.disclosure_id == disclosure_id).group_by(PatentCost.currency)
        .order_by(PatentCost.currency)).all()
    return {cur: Decimal(total) for cur, total in rows}


def spend_by_year(organization_id: int) -> list[tuple[int, str, Decimal]]:
    """The organisation's patent spend: ``(year, currency, total)``, oldest year first."""
    year = func.extract("year", PatentCost.paid_on)
    rows = db.session.execute(
        select(year, PatentCost.currency, func.sum(PatentCost.amount))
        .join(PatentFiling, PatentFiling.id == PatentCost.filing_id)
        .where(PatentFiling.organization_id == organization_id)
        .group_by(year, PatentCost.currency).order_by(year, PatentCost.currency)).all()
    return [(int(y), cur, Decimal(total)) for y, cur, total in rows]


# -- the first filing, from the disclosure workflow ---------------------------------------------
_OFFICE_WORDS = (("EAPO", ("eapo", "eurasian", "евраз", "еапв")),
                 ("PCT", ("pct", "wipo", "вопис")),
                 ("EP", ("european patent", "epo")),
                 ("KZ", ("kazpatent", "kazakhstan", "national institute of intellectual",
                         "казпатент", "казахстан", "нии ис")))


def office_code(text: str | None) -> str:
    """The office code of what ``file_patent`` was given (a code or the office's name)."""
    raw = (text or "").strip()
    if rules.is_office_code(raw.upper()):
        return raw.upper()
    low = raw.lower()
    for code, words in _OFFICE_WORDS:
        if any(w in low for w in words):
            return code
    return "KZ"


def _first_filing_recorded(d: Disclosure, outcome, user) -> None:
    """``file_patent`` records the family's first filing (or updates it)."""
    first = db.session.scalar(select(PatentFiling).options(lazyload(PatentFiling.costs)).where(
        PatentFiling.disclosure_id == d.id).order_by(PatentFiling.id).limit(1))
    if first is None:
        first = PatentFiling(disclosure_id=d.id, organization_id=d.organization_id,
                             created_by_id=user.id if user else None, kind="invention",
                             status="filed", priority_claims=[])
        db.session.add(first)
    first.office = office_code(d.patent_office)
    first.application_number = d.application_number
    first.filing_date = d.filing_date
    db.session.flush()
    refresh_docket(d.id, d.organization_id)


def _grant_recorded(d: Disclosure, outcome, user) -> None:
    """``grant`` records the grant on the family's first filing."""
    first = select(func.min(PatentFiling.id)).where(
        PatentFiling.disclosure_id == d.id).scalar_subquery()
    db.session.execute(update(PatentFiling).where(PatentFiling.id == first).values(
        grant_number=d.patent_number, grant_date=d.grant_date, status="granted",
        version=PatentFiling.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    refresh_docket(d.id, d.organization_id)


def _ended(d: Disclosure, outcome, user) -> None:
    """An abandoned disclosure has no due dates left."""
    db.session.execute(delete(DocketEntry).where(DocketEntry.disclosure_id == d.id))


def _add_hook(trigger: str, hook) -> None:
    """Run ``hook`` after ``trigger`` of disclosures, after any hook already there."""
    hooks = DISCLOSURE_RECORD.hooks
    before = hooks.get(trigger)
    if before is None:
        hooks[trigger] = hook  # type: ignore[index]
        return

    def both(record, outcome, user):
        before(record, outcome, user)
        hook(record, outcome, user)
    hooks[trigger] = both  # type: ignore[index]


_add_hook("file_patent", _first_filing_recorded)
_add_hook("grant", _grant_recorded)
_add_hook("abandon", _ended)


def backfill_first_filings(batch: int = 5000) -> int:
    """Give every disclosure whose ``file_patent`` predates patent families its first filing
    and due dates (in bulk; the caller commits). Returns how many filings it made."""
    made = 0
    last = 0
    while True:
        rows = db.session.execute(
            select(Disclosure.id, Disclosure.organization_id, Disclosure.patent_office,
                   Disclosure.application_number, Disclosure.filing_date,
                   Disclosure.patent_number, Disclosure.grant_date)
            .where(Disclosure.id > last, Disclosure.filing_date.is_not(None),
                   Disclosure.state.in_(FAMILY_STATES),
                   ~select(PatentFiling.id).where(
                       PatentFiling.disclosure_id == Disclosure.id).exists())
            .order_by(Disclosure.id).limit(batch)).all()
        if not rows:
            return made
        last = rows[-1].id
        now = utcnow()
        filings = [{"disclosure_id": r.id, "organization_id": r.organization_id,
                    "office": office_code(r.patent_office), "kind": "invention",
                    "application_number": r.application_number, "filing_date": r.filing_date,
                    "grant_number": r.patent_number, "grant_date": r.grant_date,
                    "status": "granted" if r.patent_number else "filed",
                    "priority_claims": [], "version": 1, "created_at": now, "updated_at": now}
                   for r in rows]
        db.session.execute(insert(PatentFiling), filings)
        ids = dict(db.session.execute(select(PatentFiling.disclosure_id, PatentFiling.id).where(
            PatentFiling.disclosure_id.in_([r.id for r in rows]))).all())
        entries = []
        for f in filings:
            fid = ids[f["disclosure_id"]]
            facts = rules.Filing(fid, f["office"], f["filing_date"], f["status"])
            entries.extend({"organization_id": f["organization_id"],
                            "disclosure_id": f["disclosure_id"], "filing_id": fid,
                            "due": due.due, "kind": due.kind, "office": f["office"],
                            "message": due.message, "params": due.params}
                           for due in rules.family_dues([facts]))
        if entries:
            db.session.execute(insert(DocketEntry), entries)
        made += len(filings)


# -- the docket -------------------------------------------------------------------------------
def refresh_docket(disclosure_id: int, organization_id: int) -> None:
    """Compute the family's due dates again (a reminder already sent stays sent), in three
    statements whatever the family's size."""
    rows = db.session.execute(
        select(PatentFiling.id, PatentFiling.office, PatentFiling.filing_date,
               PatentFiling.status, PatentFiling.priority_claims,
               PatentFiling.office_action_due)
        .where(PatentFiling.disclosure_id == disclosure_id).order_by(PatentFiling.id)).all()
    offices = {r.id: r.office for r in rows}
    # what is kept of a due date computed again: its reminders and whether it was done
    old = {(f, k, d): kept for f, k, d, *kept in db.session.execute(
        delete(DocketEntry).where(DocketEntry.disclosure_id == disclosure_id)
        .returning(DocketEntry.filing_id, DocketEntry.kind, DocketEntry.due,
                   DocketEntry.reminded_days, DocketEntry.done_at, DocketEntry.done_by_id,
                   DocketEntry.done_note)) if any(v is not None for v in kept)}
    none = (None, None, None, None)
    facts = [rules.Filing(
        id=r.id, office=r.office, filing_date=r.filing_date, status=r.status,
        priority_dates=tuple(dt.date.fromisoformat(c["date"]) for c in r.priority_claims or []),
        office_action_due=r.office_action_due) for r in rows]
    entries = [{"organization_id": organization_id, "disclosure_id": disclosure_id,
                "filing_id": due.filing_id, "due": due.due, "kind": due.kind,
                "office": offices[due.filing_id], "message": due.message,
                "params": due.params,
                **dict(zip(("reminded_days", "done_at", "done_by_id", "done_note"),
                           old.get((due.filing_id, due.kind, due.due), none), strict=True))}
               for due in rules.family_dues(facts)]
    if entries:
        db.session.execute(insert(DocketEntry), entries)


#: what the docket reads of an entry (its rows answer ``e.due``, ``e.kind`` ... as an entry does)
ENTRY_COLUMNS = tuple(DocketEntry.__table__.c[name] for name in (
    "id", "organization_id", "disclosure_id", "filing_id", "due", "kind", "office", "message",
    "params", "reminded_days", "done_at", "done_by_id", "done_note"))
#: the columns the docket page sorts by
SORTS = {"due": DocketEntry.due, "office": DocketEntry.office, "kind": DocketEntry.kind,
         "record": Disclosure.reg_number}
#: how far back the docket shows what is overdue
OVERDUE_DAYS = 90


#: the docket's filter of due dates done or still to do
STATUSES = ("all", "open", "done")


def docket(user, *, today: dt.date, days: int = 365, sort: str = "due", descending: bool = False,
           page: int = 1, per_page: int = 100,
           status: str = "all") -> tuple[list[tuple[DocketEntry, str, str]], int]:
    """The due dates of the organisation's portfolio from ``OVERDUE_DAYS`` ago to ``days``
    ahead: ``(entry, registration number, title)``, and how many there are (legal only);
    ``status`` "open" or "done" keeps only those still to do or marked done."""
    if user.role != Role.legal:
        raise Forbidden(N_("The docket is kept by legal staff."))
    where = [DocketEntry.organization_id == user.organization_id,
             DocketEntry.due >= today - dt.timedelta(days=OVERDUE_DAYS),
             DocketEntry.due <= today + dt.timedelta(days=days)]
    if status == "open":
        where.append(DocketEntry.done_at.is_(None))
    elif status == "done":
        where.append(DocketEntry.done_at.is_not(None))
    # plain rows of the entry's columns, not ORM objects: a page reads each once, and an
    # export reads thousands (see :data:`ENTRY_COLUMNS`)
    stmt = (select(*ENTRY_COLUMNS, Disclosure.reg_number, Disclosure.title)
            .join(Disclosure, Disclosure.id == DocketEntry.disclosure_id).where(*where))
    # the count reads the (organization_id, due) index only
    total = db.session.scalar(select(func.count(DocketEntry.id)).where(*where)) or 0
    column = SORTS.get(sort, DocketEntry.due)
    order = [column.desc() if descending else column.asc()]
    if column is not DocketEntry.due:
        order.append(DocketEntry.due)
    rows = db.session.execute(stmt.order_by(*order, DocketEntry.id)
                              .offset((page - 1) * per_page).limit(per_page)).all()
    return [(r, r.reg_number or "", r.title) for r in rows], total


def upcoming(user, today: dt.date, *, days: int, limit: int) -> list[tuple[DocketEntry, str]]:
    """The organisation's due dates from today to ``days`` ahead (the inbox), for legal."""
    if user.role != Role.legal:
        return []
    rows = db.session.execute(
        select(DocketEntry, Disclosure.reg_number, Disclosure.title)
        .join(Disclosure, Disclosure.id == DocketEntry.disclosure_id)
        .where(DocketEntry.organization_id == user.organization_id,
               DocketEntry.due >= today, DocketEntry.due <= today + dt.timedelta(days=days),
               DocketEntry.done_at.is_(None))
        .order_by(DocketEntry.due, DocketEntry.id).limit(limit)).all()
    return [(e, f"{reg or ''} — {title}") for e, reg, title in rows]


# -- marking a due date done --------------------------------------------------------------------
#: what marking each kind of due date done means, in the docket's words
DONE_LABELS = {"national_phase": N_("National phase entered"),
               "annuity": N_("Annuity paid"),
               "office_action": N_("Response filed"),
               "priority_year": N_("Filed abroad")}
#: the button that marks each kind done
DONE_ACTIONS = {"national_phase": N_("Mark the national phase entered"),
                "annuity": N_("Mark the annuity paid"),
                "office_action": N_("Mark the response filed"),
                "priority_year": N_("Mark filed abroad")}


def _due_entry(user, filing_id: Any, kind: Any, due: Any) -> tuple[DocketEntry, Disclosure]:
    """The due date ``kind`` on ``due`` of the filing, which ``user`` keeps (legal staff of
    the disclosure's organisation): 404 for a filing they do not see or a date it does not
    have, 403 for anyone else who sees it, 422 for a kind or a date that is not one."""
    f, d = visible_filing(filing_id, user)
    if not can_keep(user, d):
        raise Forbidden(N_("Only legal staff of the disclosure's organisation keep its patent "
                           "family."))
    errors = {}
    if kind not in DONE_LABELS:
        errors["kind"] = N_("one of national_phase, annuity, office_action, priority_year")
    try:
        day = dt.date.fromisoformat(due) if isinstance(due, str) else None
    except ValueError:
        day = None
    if day is None:
        errors["due"] = N_("a date as YYYY-MM-DD")
    if errors:
        raise Invalid(errors)
    entry = db.session.scalar(select(DocketEntry).where(
        DocketEntry.filing_id == f.id, DocketEntry.kind == kind, DocketEntry.due == day)
        .with_for_update())
    if entry is None:
        raise NotFound(N_("This filing has no such due date (it may have been computed again "
                          "since the page was loaded)."))
    return entry, d


def _done_event(trigger: str, entry: DocketEntry, d: Disclosure, user, note: str | None):
    append_event("disclosure", d.id, trigger, d.state, d.state, user.id, note,
                 data={"filing_id": entry.filing_id, "kind": entry.kind,
                       "due": entry.due.isoformat(), "office": entry.office,
                       "what": entry.message % (entry.params or {}),
                       "message": entry.message, "params": entry.params or {}})


def mark_done(user: User, filing_id: Any, kind: Any, due: Any, payload: Any = None
              ) -> DocketEntry:
    """Mark a due date done (legal staff of the disclosure's organisation), with an optional
    note: it leaves the inbox and the reminders and stays on the docket as done. Recorded in
    the disclosure's history (the audit chain)."""
    entry, d = _due_entry(user, filing_id, kind, due)
    data = parse(DoneMark, payload or {})
    if entry.done_at is not None:
        raise Conflict("already_done", N_("This due date was already marked done."))
    entry.done_at, entry.done_by_id, entry.done_note = utcnow(), user.id, data.note or None
    db.session.flush()
    _done_event("docket_done", entry, d, user, entry.done_note)
    return entry


def undo_done(user: User, filing_id: Any, kind: Any, due: Any) -> DocketEntry:
    """Mark a due date done by mistake as still to do again (audited as well)."""
    entry, d = _due_entry(user, filing_id, kind, due)
    if entry.done_at is None:
        raise Conflict("not_done", N_("This due date is not marked done."))
    entry.done_at = entry.done_by_id = entry.done_note = None
    db.session.flush()
    _done_event("docket_undone", entry, d, user, None)
    return entry


def done_by_names(entries) -> dict[int, str]:
    """The names of who marked these entries done, in one query."""
    ids = {e.done_by_id for e in entries if e.done_by_id}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all())


def record_dues(disclosure_id: int, today: dt.date) -> list[DocketEntry]:
    """A family's due dates from ``OVERDUE_DAYS`` ago on, soonest first (the record page)."""
    return list(db.session.scalars(select(DocketEntry).where(
        DocketEntry.disclosure_id == disclosure_id,
        DocketEntry.due >= today - dt.timedelta(days=OVERDUE_DAYS))
        .order_by(DocketEntry.due, DocketEntry.id).limit(50)))


def entry_text(e: DocketEntry, translate) -> str:
    return translate(e.message, **(e.params or {}))


def entry_texts(rows, translate) -> dict[int, str]:
    """The words of each entry by id, each message translated once (a page lists many
    annuities of one wording)."""
    templates: dict[str, str] = {}
    out = {}
    for e, *_rest in rows:
        if e.message not in templates:
            templates[e.message] = translate(e.message)
        out[e.id] = templates[e.message] % (e.params or {})
    return out


def docket_csv(rows, translate) -> str:
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_ALL)
    w.writerow(["due", "kind", "office", "record", "title", "what", "filing_id", "done_on"])
    for e, reg, title in rows:
        w.writerow([e.due.isoformat(), e.kind, e.office, reg, _cell(title),
                    _cell(entry_text(e, translate)), e.filing_id,
                    e.done_at.date().isoformat() if e.done_at else ""])
    return out.getvalue()


def _cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def docket_ics(rows, translate, host: str) -> bytes:
    """The due dates as an RFC 5545 calendar: one all-day event each."""
    cal = Calendar()
    cal.add("prodid", "-//Consortium//Patent docket//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Patent docket")
    stamp = utcnow()
    for e, reg, title in rows:
        ev = CalendarEvent()
        ev.add("uid", f"docket-{e.filing_id}-{e.kind}-{e.due.isoformat()}@{host}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.due)
        ev.add("dtend", e.due + dt.timedelta(days=1))
        ev.add("summary", f"{reg}: {entry_text(e, translate)}")
        ev.add("description", title)
        ev.add("categories", [e.kind])
        cal.add_component(ev)
    return cal.to_ical()


# -- serialising ------------------------------------------------------------------------------
def _iso(v) -> str | None:
    return v.isoformat() if v is not None else None


def cost_dict(c: PatentCost) -> dict:
    return {"id": c.id, "filing_id": c.filing_id, "paid_on": c.paid_on.isoformat(),
            "amount": _amount(Decimal(c.amount), c.currency),
            "currency": c.currency, "kind": c.kind, "note": c.note,
            "recovered": c.recovery_revenue_id is not None}


def filing_dict(f: PatentFiling) -> dict:
    return {"id": f.id, "disclosure_id": f.disclosure_id, "office": f.office, "kind": f.kind,
            "application_number": f.application_number, "filing_date": _iso(f.filing_date),
            "priority_claims": list(f.priority_claims or []),
            "publication_number": f.publication_number,
            "publication_date": _iso(f.publication_date), "grant_number": f.grant_number,
            "grant_date": _iso(f.grant_date), "status": f.status, "attorney": f.attorney,
            "office_action_due": _iso(f.office_action_due),
            "office_action_note": f.office_action_note, "version": f.version,
            "costs": [cost_dict(c) for c in f.costs],
            "created_at": f.created_at.isoformat(), "updated_at": f.updated_at.isoformat()}


def entry_dict(e: DocketEntry, translate, names: dict[int, str] | None = None) -> dict:
    """A due date as the API gives it; ``done`` is None while it is still to do."""
    done = None
    if e.done_at is not None:
        done = {"at": e.done_at.isoformat(), "by_id": e.done_by_id,
                "by": (names or {}).get(e.done_by_id) if e.done_by_id else None,
                "note": e.done_note, "label": translate(DONE_LABELS.get(e.kind, N_("Done")))}
    return {"due": e.due.isoformat(), "kind": e.kind, "office": e.office,
            "filing_id": e.filing_id, "disclosure_id": e.disclosure_id,
            "text": entry_text(e, translate), "done": done}


def totals_list(totals: dict[str, Decimal]) -> list[dict]:
    return [{"currency": cur, "amount": _amount(amount, cur)} for cur, amount in totals.items()]


def _amount(value: Decimal, currency: str) -> str:
    """A decimal string with the currency's decimals (the API's money)."""
    places = money.minor_units(currency)
    return f"{value.quantize(Decimal(1).scaleb(-places)):.{places}f}"


# -- licence registration ---------------------------------------------------------------------
#: licence states in which the agreement is signed and must be registered
REGISTRABLE = ("active",)


def visible_license(license_id: Any, user):
    return workflow.get_visible(workflow.REGISTRY["license"], license_id, user)


def registration_of(license_id: int) -> LicenseRegistration | None:
    return db.session.scalar(select(LicenseRegistration).where(
        LicenseRegistration.license_id == license_id))


def can_register(user, lic) -> bool:
    return user.role == Role.legal and user.organization_id == lic.licensor_organization_id


def update_registration(user: User, license_id: Any, payload: Any) -> LicenseRegistration:
    """Record the registration's progress with the patent office (the licensor's legal)."""
    lic = visible_license(license_id, user)
    if not can_register(user, lic):
        raise Forbidden(N_("Only the licensor's legal staff record the licence's "
                           "registration."))
    if lic.state not in REGISTRABLE:
        raise Conflict("wrong_state", N_("A licence is registered once it is active (it is "
                                         "%(state)s)."), state=lic.state)
    data = parse(RegistrationUpdate, payload)
    reg = registration_of(lic.id)
    if reg is None:
        reg = LicenseRegistration(license_id=lic.id, state="not_submitted")
        db.session.add(reg)
        db.session.flush()
    elif data.version is not None:
        check_version(reg, data.version, N_("This registration changed since you loaded it "
                                            "(your version %(yours)s, now %(current)s)."))
    errors = {}
    if data.state in ("submitted", "registered") and not (data.submitted_on or
                                                         reg.submitted_on):
        errors["submitted_on"] = N_("required")
    if data.state == "registered":
        if not data.registration_number:
            errors["registration_number"] = N_("required")
        if not data.registered_on:
            errors["registered_on"] = N_("required")
    submitted = data.submitted_on or reg.submitted_on
    if data.registered_on and submitted and data.registered_on < submitted:
        errors["registered_on"] = N_("must not be before the submission")
    if errors:
        raise Invalid(errors)
    before = reg.state
    reg.state = data.state
    reg.submitted_on = submitted if data.state != "not_submitted" else None
    reg.registration_number = data.registration_number if data.state == "registered" else None
    reg.registered_on = data.registered_on if data.state == "registered" else None
    db.session.flush()
    append_event("license", lic.id, "registration", lic.state, lic.state, user.id,
                 data={"registration": {"from": before, "to": reg.state,
                                        "submitted_on": _iso(reg.submitted_on),
                                        "number": reg.registration_number,
                                        "registered_on": _iso(reg.registered_on)}})
    return reg


def registration_context(lic, filings: list[PatentFiling], user) -> dict[str, Any]:
    """What the application for registration prints: the licence's context, the protection
    titles of its invention's family and who applies (no signer in the app: the licensor
    signs the paper it files). The template check builds its sample application with this
    too."""
    context = workflow.REGISTRY["license"].context(lic, None)
    context["filings"] = [{"office": rules.office(f.office).name,
                           "application_number": f.application_number or "",
                           "filing_date": _iso(f.filing_date) or "",
                           "grant_number": f.grant_number or ""} for f in filings]
    context["actor"] = person(user)
    context["comment"] = ""
    context["signers"] = []
    return context


def registration_application(user: User, license_id: Any):
    """Issue the application for registration of the licence from its data (a document
    of the ``license_registration_application`` template, recorded in its history)."""
    lic = visible_license(license_id, user)
    if not can_register(user, lic):
        raise Forbidden(N_("Only the licensor's legal staff record the licence's "
                           "registration."))
    if lic.state not in REGISTRABLE:
        raise Conflict("wrong_state", N_("A licence is registered once it is active (it is "
                                         "%(state)s)."), state=lic.state)
    rt = workflow.REGISTRY["license"]
    context = registration_context(lic, family(lic.disclosure_id), user)
    now = utcnow()
    doc = documents.create_document("license", lic.id, rt.key(lic),
                                    "license_registration_application", context, [],
                                    replaces_previous=True, at=now, issuer=lic.licensor)
    append_event("license", lic.id, "registration_application", lic.state, lic.state,
                 user.id, data={"document_id": doc.id}, documents=[doc], at=now)
    return doc


def registration_dict(reg: LicenseRegistration | None, license_id: int) -> dict:
    if reg is None:
        return {"license_id": license_id, "state": "not_submitted", "submitted_on": None,
                "registration_number": None, "registered_on": None, "version": None}
    return {"license_id": reg.license_id, "state": reg.state,
            "submitted_on": _iso(reg.submitted_on),
            "registration_number": reg.registration_number,
            "registered_on": _iso(reg.registered_on), "version": reg.version}


def unregistered_licences(organization_id: int, limit: int = 50) -> list[tuple[int, str]]:
    """Active licences of the licensor ``organization_id`` not registered yet."""
    model = workflow.REGISTRY["license"].model
    registered = select(LicenseRegistration.license_id).where(
        LicenseRegistration.state == "registered")
    rows = db.session.execute(
        select(model.id, model.reg_number).where(
            model.licensor_organization_id == organization_id, model.state.in_(REGISTRABLE),
            model.id.not_in(registered)).order_by(model.id).limit(limit)).all()
    return [(i, reg or "") for i, reg in rows]
