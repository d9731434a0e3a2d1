"""Disclosure pages: my disclosures, the review queue, the form and the record page."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from workflows.disclosure import OWNERSHIP
from workflows.readiness import trl_stage, wording

from ..auth.models import Role
from ..extensions import db
from ..organizations.models import Organization
from ..validation import page_number
from ..web.records import record_routes
from . import forms
from .models import FUNDING_LABELS
from .novelty import novelty_status
from .services import RECORD, review_queue_page

bp = Blueprint("disclosures", __name__, url_prefix="/disclosures")


@bp.before_request
@login_required
def _signed_in():
    pass


@bp.get("/review")
def review_queue():
    if current_user.role != Role.legal:
        abort(403)
    page = page_number()
    items, total = review_queue_page(current_user, page=page, per_page=25)
    return render_template("disclosures/review.html", items=items, total=total, page=page,
                           per_page=25, q="", state=None)


def _form(values, errors=None, disclosure=None, status=200):
    orgs = db.session.execute(select(Organization.id, Organization.name)
                              .order_by(Organization.name)).all()
    return render_template("disclosures/form.html", values=values, errors=errors or {},
                           disclosure=disclosure, organizations=orgs,
                           funding_labels=FUNDING_LABELS), status


def _show_extra(d) -> dict:
    return {
        "funding_label": FUNDING_LABELS.get(d.funding_source, d.funding_source),
        "share_total": sum((i.share_percent for i in d.inventors), Decimal(0)),
        "novelty": novelty_status(d.public_disclosure_date, dt.date.today()),
        "readiness": wording, "trl_stage": trl_stage,
        "ownership_label": dict(OWNERSHIP).get(d.ownership or "", ""),
    }

def _index_extra() -> dict:
    """The list's heading: a researcher's own disclosures, or the organisation's."""
    return {"heading": _("My disclosures") if current_user.role == Role.researcher else _(
        "Disclosures of %(org)s", org=current_user.organization.name)}


record_routes(bp, RECORD, forms=forms, render_form=_form,
              index_template="disclosures/index.html", show_template="disclosures/show.html",
              show_extra=_show_extra,
              index_extra=_index_extra,
              created=_l("Draft saved. Check the inventors' shares, then submit it to the "
                     "technology-transfer office."),
              saved=_l("Changes saved."))
