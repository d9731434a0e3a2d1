"""Disclosure pages: my disclosures, the review queue, the form and the record page."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from workflows import DISCLOSURE

from ..api.support import page_number
from ..auth.models import Role
from ..db import unit_of_work
from ..errors import Invalid
from ..extensions import db
from ..organizations.models import Organization
from ..web.records import editable_record, fire_from_form, record_page
from . import forms
from .models import FUNDING_LABELS
from .services import RECORD, review_queue_page, search

bp = Blueprint("disclosures", __name__, url_prefix="/disclosures")


@bp.before_request
@login_required
def _signed_in():
    pass


def _page_args() -> tuple[int, str | None, str | None]:
    page = page_number()
    state = request.args.get("state") or None
    if state and state not in DISCLOSURE.states:
        state = None
    return page, state, (request.args.get("q") or None)


@bp.get("/")
def index():
    page, state, q = _page_args()
    items, total = search(current_user, state=state, q=q, page=page, per_page=25)
    heading = _("My disclosures") if current_user.role == Role.researcher else _(
        "Disclosures of %(org)s", org=current_user.organization.name)
    return render_template("disclosures/index.html", items=items, total=total, page=page,
                           per_page=25, state=state, q=q or "", heading=heading)


@bp.get("/review")
def review_queue():
    if current_user.role != Role.legal:
        abort(403)
    page, _state, _q = _page_args()
    items, total = review_queue_page(current_user, page=page, per_page=25)
    return render_template("disclosures/review.html", items=items, total=total, page=page,
                           per_page=25, q="", state=None)


def _form_context(values, errors=None, disclosure=None):
    orgs = db.session.execute(select(Organization.id, Organization.name)
                              .order_by(Organization.name)).all()
    return {"values": values, "errors": errors or {}, "disclosure": disclosure,
            "organizations": orgs, "funding_labels": FUNDING_LABELS}


@bp.route("/new", methods=["GET", "POST"])
def new():
    if current_user.role != Role.researcher:
        abort(403)
    if request.method == "POST":
        try:
            with unit_of_work():
                d = RECORD.create(current_user, forms.payload_from_form(request.form,
                                                                        current_user))
        except Invalid as err:
            flash(_("Please correct the marked fields."), "error")
            return render_template("disclosures/form.html", **_form_context(
                forms.values_from_post(request.form), err.fields)), 422
        flash(_("Draft saved. Check the inventors' shares, then submit it to the "
                "technology-transfer office."), "success")
        return redirect(url_for("disclosures.show", record_id=d.id))
    return render_template("disclosures/form.html",
                           **_form_context(forms.form_values(None, current_user)))


@bp.route("/<int:record_id>/edit", methods=["GET", "POST"])
def edit(record_id: int):
    d = editable_record(RECORD, record_id)
    if request.method == "POST":
        try:
            with unit_of_work():
                d = editable_record(RECORD, record_id, for_update=True)
                RECORD.update(d, current_user, forms.payload_from_form(request.form,
                                                                       current_user, d))
        except Invalid as err:
            flash(_("Please correct the marked fields."), "error")
            return render_template("disclosures/form.html", **_form_context(
                forms.values_from_post(request.form), err.fields, d)), 422
        flash(_("Changes saved."), "success")
        return redirect(url_for("disclosures.show", record_id=d.id))
    return render_template("disclosures/form.html",
                           **_form_context(forms.form_values(d, current_user), disclosure=d))


@bp.get("/<int:record_id>")
def show(record_id: int):
    return record_page(RECORD, record_id, "disclosures/show.html", extra=_show_extra)


def _show_extra(d) -> dict:
    import datetime as dt
    from decimal import Decimal

    from workflows.disclosure import OWNERSHIP
    from workflows.readiness import trl_stage, wording

    from .novelty import novelty_status
    return {
        "funding_label": FUNDING_LABELS.get(d.funding_source, d.funding_source),
        "share_total": sum((i.share_percent for i in d.inventors), Decimal(0)),
        "novelty": novelty_status(d.public_disclosure_date, dt.date.today()),
        "readiness": wording, "trl_stage": trl_stage,
        "ownership_label": dict(OWNERSHIP).get(d.ownership or "", ""),
    }


@bp.post("/<int:record_id>/actions/<trigger>")
def act(record_id: int, trigger: str):
    return fire_from_form(RECORD, record_id, trigger)
