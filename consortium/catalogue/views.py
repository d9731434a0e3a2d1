"""Pages: offers and requests (signed in), the public catalogue, matches and interest."""
from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from workflows.offer import OFFER_KINDS
from workflows.readiness import TRL

from .. import workflow
from ..db import unit_of_work
from ..disclosures.models import Disclosure
from ..errors import Invalid
from ..extensions import db
from ..validation import page_number
from ..web.records import record_routes
from . import services
from .forms import OfferForms, RequestForms
from .matching import shown_params
from .models import IP_STATUS_LABELS, TechRequest
from .taxonomy import FIELDS, LANGUAGES, REGIONS, STAGE_KEYS, STAGES

offers_bp = Blueprint("offers", __name__, url_prefix="/offers")
requests_bp = Blueprint("requests", __name__, url_prefix="/requests")
bp = Blueprint("catalogue", __name__)


@bp.app_context_processor
def _match_reasons():
    """``reason_params(reason)``: a match reason's parameters in the reader's language."""
    return {"reason_params": lambda reason: shown_params(reason, str(get_locale()))}


@offers_bp.before_request
@login_required
def _offers_signed_in():
    pass


@requests_bp.before_request
@login_required
def _requests_signed_in():
    pass


def _choices() -> dict:
    return {"fields": FIELDS, "content_languages": LANGUAGES, "regions": REGIONS, "trl": TRL,
            "kinds": OFFER_KINDS, "stages": STAGES, "ip_labels": IP_STATUS_LABELS,
            "field_labels": dict(FIELDS)}


def _offer_form(values, errors=None, offer=None, status=200):
    disclosures = db.session.execute(
        select(Disclosure.id, Disclosure.reg_number, Disclosure.title)
        .where(Disclosure.organization_id == current_user.organization_id,
               Disclosure.state.notin_(("draft", "withdrawn")))
        .order_by(Disclosure.id.desc()).limit(200)).all()
    return render_template("catalogue/offer_form.html", values=values, errors=errors or {},
                           offer=offer, disclosures=disclosures, **_choices()), status


def _request_form(values, errors=None, req=None, status=200):
    return render_template("catalogue/request_form.html", values=values, errors=errors or {},
                           req=req, **_choices()), status


def _offer_extra(o) -> dict:
    return {"matches": services.matches_of_offer(o, current_user), **_choices()}


def _request_extra(r) -> dict:
    return {"matches": services.matches_of_request(r), **_choices()}


record_routes(offers_bp, services.OFFER_RECORD, forms=OfferForms, render_form=_offer_form,
              index_template="catalogue/offers.html", show_template="catalogue/offer.html",
              show_extra=_offer_extra, index_extra=_choices,
              created=_l("Offer saved as a draft. Legal staff publish it in the catalogue."),
              saved=_l("Offer saved."))
record_routes(requests_bp, services.REQUEST_RECORD, forms=RequestForms,
              render_form=_request_form, index_template="catalogue/requests.html",
              show_template="catalogue/request.html", show_extra=_request_extra,
              index_extra=_choices,
              created=_l("Request saved as a draft. Publish it to see its matches."),
              saved=_l("Request saved."))


@requests_bp.get("/<int:record_id>/matches")
def matches(record_id: int):
    r = workflow.get_visible(services.REQUEST_RECORD, record_id, current_user)
    return render_template("catalogue/matches.html", req=r,
                           matches=services.matches_of_request(r, limit=20), **_choices())


@offers_bp.post("/<int:record_id>/interest")
def interest(record_id: int):
    offer = services.public_offer_or_404(record_id)
    rid = request.form.get("request_id", "").strip()
    payload = {"message": request.form.get("message", ""),
               "request_id": int(rid) if rid.isdigit() else None,
               "propose": request.form.get("propose") or "licence"}
    try:
        with unit_of_work():
            i = services.express_interest(current_user, offer, payload)
            target = (url_for("licensing.show", record_id=i.license_id) if i.license_id
                      else url_for("consortia.show", record_id=i.consortium_id))
    except Invalid as err:
        for why in err.fields.values():
            flash(_(str(why)), "error")
        return redirect(url_for("offers.show", record_id=record_id))
    flash(_("Your interest was sent: the licence inquiry is open.") if i.license_id else
          _("Your interest was sent: a joint R&D consortium draft was proposed."), "success")
    return redirect(target)


# -- public: no account ------------------------------------------------------------------------
@bp.get("/catalogue")
def index():
    q = (request.args.get("q") or "").strip()[:200]
    stage = request.args.get("stage") if request.args.get("stage") in STAGE_KEYS else None
    field = request.args.get("field") or None
    sector = (request.args.get("sector") or "").strip()[:20] or None
    keyword = (request.args.get("keyword") or "").strip()[:100] or None
    result = services.catalogue(q=q or None, stage=stage, field=field, sector=sector,
                                keyword=keyword, page=page_number(), per_page=20)
    mine = []
    if current_user.is_authenticated:
        mine = list(db.session.scalars(select(TechRequest).where(
            TechRequest.organization_id == current_user.organization_id,
            TechRequest.state == "open").order_by(TechRequest.id.desc()).limit(20)))
    return render_template("catalogue/index.html", result=result, q=q, stage=stage,
                           field=field, sector=sector or "", keyword=keyword or "",
                           my_requests=mine, **_choices())


@bp.get("/catalogue/<int:offer_id>-<slug>")
@bp.get("/catalogue/<int:offer_id>")
def show(offer_id: int, slug: str | None = None):
    o = services.public_offer_or_404(offer_id)
    if slug != o.slug:
        return redirect(url_for("catalogue.show", offer_id=o.id, slug=o.slug), 301)
    mine = []
    if current_user.is_authenticated:
        mine = list(db.session.scalars(select(TechRequest).where(
            TechRequest.organization_id == current_user.organization_id,
            TechRequest.state == "open").order_by(TechRequest.id.desc()).limit(20)))
    return render_template("catalogue/public_offer.html", o=o, my_requests=mine, **_choices())


@bp.get("/sitemap.xml")
def sitemap():
    urls = [url_for("catalogue.index", _external=True)]
    urls += [url_for("catalogue.index", stage=s, _external=True) for s in STAGE_KEYS]
    body = ['<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    body += [f"<url><loc>{u}</loc></url>" for u in urls]
    for oid, slug, updated in services.sitemap_offers():
        loc = url_for("catalogue.show", offer_id=oid, slug=slug, _external=True)
        body.append(f"<url><loc>{loc}</loc><lastmod>{updated.date().isoformat()}</lastmod></url>")
    body.append("</urlset>")
    return Response("\n".join(body), mimetype="application/xml")


