"""Docket pages: the patent family on the disclosure page, the filing form, the docket of
due dates (CSV, iCalendar) and the licence's registration card."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

from babel.dates import format_date
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf

from workflows.errors import N_

from ..auth.models import Role
from ..db import unit_of_work
from ..errors import Invalid
from ..validation import page_number, query_int
from ..web.helpers import message_of, safe_next
from . import rules, services
from .models import COST_KINDS

bp = Blueprint("docket", __name__, url_prefix="/docket")


@bp.before_request
@login_required
def _signed_in():
    pass


def _today() -> dt.date:
    return dt.date.today()


def _done_words() -> dict:
    """The words and the form parts of a page's done marks, translated once per page (a page
    lists many due dates)."""
    return {"labels": {k: _(v) for k, v in services.DONE_LABELS.items()},
            "actions": {k: _(v) for k, v in services.DONE_ACTIONS.items()},
            "again": _("To do again"), "note": _("Note (optional)"),
            "csrf": generate_csrf(),
            # /docket/filings/: + <id>/deadlines/<kind>/<due>/done (see mark_done below)
            "base": url_for("docket.index") + "filings/"}


@bp.app_template_global()
def family_for(d) -> dict:
    """What the disclosure page's patent-family card shows (visibility checked by the page)."""
    dues = services.record_dues(d.id, _today())
    return {"filings": services.family(d.id), "dues": dues,
            "done_by": services.done_by_names(dues), "words": _done_words(),
            "totals": services.family_totals(d.id), "can_keep": services.can_keep(
                current_user, d) and d.state in services.FAMILY_STATES,
            "offices": rules.OFFICES, "kinds": rules.KINDS, "statuses": rules.STATUSES,
            "cost_kinds": COST_KINDS, "today": _today()}


@bp.app_template_global()
def registration_for(lic) -> dict:
    """What the licence page's registration card shows."""
    return {"registration": services.registration_of(lic.id),
            "can_register": services.can_register(current_user, lic)
            and lic.state in services.REGISTRABLE, "active": lic.state in services.REGISTRABLE}


def _payload(form, names) -> dict:
    """The filled-in fields of a form (an empty field is not sent)."""
    out = {n: form.get(n, "").strip() for n in names}
    out = {k: v for k, v in out.items() if v}
    if form.get("priority_number") or form.get("priority_date"):
        out["priority_claims"] = [{"number": form.get("priority_number", "").strip(),
                                   "date": form.get("priority_date", "").strip(),
                                   "country": form.get("priority_country", "").strip()}]
    return out


def _flash_invalid(err) -> None:
    flash(message_of(err) + " " + "; ".join(f"{k}: {_(v)}" for k, v in (err.fields or {})
                                            .items()), "error")


def _back(disclosure_id: int):
    return redirect(url_for("disclosures.show", record_id=disclosure_id) + "#filings")


@bp.post("/disclosures/<int:record_id>/filings")
def add_filing(record_id: int):
    try:
        with unit_of_work():
            f = services.add_filing(current_user, record_id, _payload(
                request.form, ("office", "kind", "application_number", "filing_date",
                               "attorney", "status")))
    except Invalid as err:
        _flash_invalid(err)
        return _back(record_id)
    flash(_("Filing %(office)s %(number)s added to the patent family.", office=f.office,
            number=f.application_number or ""), "success")
    return _back(record_id)


_EDITABLE = ("office", "kind", "application_number", "filing_date", "publication_number",
             "publication_date", "grant_number", "grant_date", "status", "attorney",
             "office_action_due", "office_action_note")


@bp.route("/filings/<int:filing_id>/edit", methods=["GET", "POST"])
def edit_filing(filing_id: int):
    f, d = services.visible_filing(filing_id, current_user)
    if not services.can_keep(current_user, d):
        abort(403)
    errors: dict = {}
    if request.method == "POST":
        payload = _payload(request.form, _EDITABLE)
        # a date or a number emptied on the form is cleared
        for name in _EDITABLE:
            if name in request.form and name not in payload and name not in (
                    "office", "kind", "status", "filing_date"):
                payload[name] = None
        payload["version"] = query_int(request.form, "version", 0, minimum=0)
        try:
            with unit_of_work():
                services.update_filing(current_user, filing_id, payload)
        except Invalid as err:
            errors = err.fields or {}
            flash(_("Please correct the marked fields."), "error")
            return render_template("docket/filing_form.html", filing=f, disclosure=d,
                                   errors=errors, values=request.form, kinds=rules.KINDS,
                                   statuses=rules.STATUSES, offices=rules.OFFICES), 422
        flash(_("Changes saved."), "success")
        return _back(d.id)
    return render_template("docket/filing_form.html", filing=f, disclosure=d, errors=errors,
                           values=None, kinds=rules.KINDS, statuses=rules.STATUSES,
                           offices=rules.OFFICES)


@bp.post("/disclosures/<int:record_id>/costs")
def add_cost(record_id: int):
    filing_id = query_int(request.form, "filing_id", 0, minimum=0)
    f, d = services.visible_filing(filing_id, current_user)
    if d.id != record_id:
        abort(404)
    try:
        with unit_of_work():
            services.add_cost(current_user, filing_id, _payload(
                request.form, ("paid_on", "amount", "currency", "kind", "note")))
    except Invalid as err:
        _flash_invalid(err)
        return _back(d.id)
    flash(_("Cost recorded."), "success")
    return _back(d.id)


# -- the docket ---------------------------------------------------------------------------
def _docket_args():
    if current_user.role != Role.legal:
        abort(403)
    sort = request.args.get("sort") or "due"
    if sort not in services.SORTS:
        sort = "due"
    descending = request.args.get("order") == "desc"
    days = query_int(request.args, "days", 365, maximum=3650, clamp=True)
    status = request.args.get("status") or "all"
    if status not in services.STATUSES:
        status = "all"
    return sort, descending, days, status


#: due dates per page of the docket (a page of 25 renders in a few ms at any portfolio size;
#: the API pages 50 by default, up to 200)
PER_PAGE = 25


class DocketRow(NamedTuple):
    """One printed row of the docket page (a tuple: the template reads its fields fast)."""

    due: str
    overdue: bool
    what: str
    office: str
    href: str
    reg: str
    title: str
    done: bool
    label: str
    button: str
    who: str
    done_on: str
    note: str | None
    #: the due date as the page's one form names it: filing id/kind/due
    key: str


@lru_cache(maxsize=4096)
def _medium_date(locale: str, day: dt.date) -> str:
    """``day`` as the pages write it in ``locale`` (a docket lists the same dates on every
    request: formatted once per process)."""
    return format_date(day, "medium", locale=locale)


def docket_rows(rows, today: dt.date, words: dict) -> list[dict]:
    """The docket page's rows ready to print: each message translated once per page, each
    date formatted once per process, the record's link and the done mark's form written
    here rather than per row in the template (the page lists up to ``PER_PAGE`` of them)."""
    texts = services.entry_texts(rows, _)
    names = services.done_by_names(e for e, _r, _t in rows)
    locale = str(get_locale())
    show = url_for("disclosures.index")
    return [DocketRow(
        due=_medium_date(locale, e.due), overdue=e.due < today and not e.done_at,
        what=texts[e.id], office=e.office, href=f"{show}{e.disclosure_id}#filings", reg=reg,
        title=title, done=e.done_at is not None, label=words["labels"][e.kind],
        button=words["actions"][e.kind],
        who=names.get(e.done_by_id, "") if e.done_by_id else "",
        done_on=_medium_date(locale, e.done_at.date()) if e.done_at else "", note=e.done_note,
        key=f"{e.filing_id}/{e.kind}/{e.due.isoformat()}")
        for e, reg, title in rows]


@bp.get("/")
def index():
    sort, descending, days, status = _docket_args()
    page = page_number()
    today = _today()
    rows, total = services.docket(current_user, today=today, days=days, sort=sort,
                                  descending=descending, page=page, per_page=PER_PAGE,
                                  status=status)
    words = _done_words()
    return render_template("docket/index.html", rows=docket_rows(rows, today, words),
                           total=total, page=page, per_page=PER_PAGE, sort=sort,
                           descending=descending, days=days, status=status, words=words)


def _all_rows(sort, descending, days, status="all"):
    rows, _total = services.docket(current_user, today=_today(), days=days, sort=sort,
                                   descending=descending, page=1, per_page=10000,
                                   status=status)
    return rows


@bp.get("/docket.csv")
def export_csv():
    sort, descending, days, status = _docket_args()
    body = services.docket_csv(_all_rows(sort, descending, days, status), _)
    resp = Response("\ufeff" + body, mimetype="text/csv")
    resp.headers["Content-Disposition"] = 'attachment; filename="docket.csv"'
    return resp


@bp.get("/docket.ics")
def export_ics():
    sort, descending, days, status = _docket_args()
    body = services.docket_ics(_all_rows(sort, descending, days, status), _,
                               request.host or "localhost")
    resp = Response(body, mimetype="text/calendar")
    resp.headers["Content-Disposition"] = 'attachment; filename="docket.ics"'
    return resp


def _after_done(disclosure_id: int):
    """Back where the button was: the docket page (its filters kept) or the record."""
    return redirect(safe_next(request.form.get("next"),
                              url_for("disclosures.show", record_id=disclosure_id) + "#filings"))


@bp.post("/filings/<int:filing_id>/deadlines/<kind>/<due>/done")
def mark_done(filing_id: int, kind: str, due: str):
    note = (request.form.get("note") or "").strip()
    with unit_of_work():
        e = services.mark_done(current_user, filing_id, kind, due,
                               {"note": note} if note else {})
    flash(_("%(what)s: marked done.", what=_(services.DONE_LABELS[e.kind])), "success")
    return _after_done(e.disclosure_id)


@bp.post("/marks")
def marks():
    """The docket page's buttons: ``done`` or ``undone`` = "<filing id>/<kind>/<due>"."""
    undo = "undone" in request.form
    parts = (request.form.get("undone" if undo else "done") or "").split("/")
    if len(parts) != 3:
        raise Invalid({"done": N_("which due date: filing id/kind/date")})
    filing, kind, due = parts
    filing_id = int(filing) if filing.isascii() and filing.isdigit() else filing
    with unit_of_work():
        if undo:
            e = services.undo_done(current_user, filing_id, kind, due)
        else:
            e = services.mark_done(current_user, filing_id, kind, due, {})
    if undo:
        flash(_("The due date of %(date)s is to do again.", date=e.due.isoformat()), "success")
    else:
        flash(_("%(what)s: marked done.", what=_(services.DONE_LABELS[e.kind])), "success")
    return _after_done(e.disclosure_id)


@bp.post("/filings/<int:filing_id>/deadlines/<kind>/<due>/undone")
def undo_done(filing_id: int, kind: str, due: str):
    with unit_of_work():
        e = services.undo_done(current_user, filing_id, kind, due)
    flash(_("The due date of %(date)s is to do again.", date=e.due.isoformat()), "success")
    return _after_done(e.disclosure_id)


# -- licence registration -------------------------------------------------------------------
def _licence_page(record_id: int):
    return redirect(url_for("licensing.show", record_id=record_id) + "#registration")


@bp.post("/licenses/<int:record_id>/registration")
def registration(record_id: int):
    payload = _payload(request.form, ("state", "submitted_on", "registration_number",
                                      "registered_on"))
    if request.form.get("version"):
        payload["version"] = query_int(request.form, "version", 0, minimum=0)
    try:
        with unit_of_work():
            services.update_registration(current_user, record_id, payload)
    except Invalid as err:
        _flash_invalid(err)
        return _licence_page(record_id)
    flash(_("Registration recorded."), "success")
    return _licence_page(record_id)


@bp.post("/licenses/<int:record_id>/registration/application")
def registration_application(record_id: int):
    with unit_of_work():
        doc = services.registration_application(current_user, record_id)
    flash(_("Document %(number)s was generated.", number=doc.number), "success")
    return _licence_page(record_id)
