"""Pages: offers and requests (signed in), the public catalogue, matches and interest."""
from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
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
from ..errors import Conflict, Invalid, translated
from ..extensions import db
from ..validation import page_number
from ..web.helpers import safe_next
from ..web.records import record_routes
from . import services
from .forms import OfferForms, RequestForms
from .matching import shown_params
from .models import IP_STATUS_LABELS, TechRequest
from .taxonomy import FIELD_LABELS, FIELDS, LANGUAGES, REGIONS, STAGE_KEYS, STAGES

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
        # with its state: an offer is published only once the invention is protected
        select(Disclosure.id, Disclosure.reg_number, Disclosure.title, Disclosure.state)
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


#: ``session`` key of an interest form that was refused: what was typed and why, shown again
#: once on the page it was sent from
_INTEREST_DRAFT = "catalogue.interest_draft"


@offers_bp.post("/<int:record_id>/interest")
def interest(record_id: int):
    offer = services.public_offer_or_404(record_id)
    rid = request.form.get("request_id", "").strip()
    payload = {"message": request.form.get("message", ""),
               "request_id": int(rid) if rid.isdigit() else None,
               "propose": request.form.get("propose") or "licence"}
    back = safe_next(request.form.get("back"), url_for("catalogue.show", offer_id=offer.id,
                                                       slug=offer.slug))
    try:
        with unit_of_work():
            i = services.express_interest(current_user, offer, payload)
            target = (url_for("licensing.show", record_id=i.license_id) if i.license_id
                      else url_for("consortia.show", record_id=i.consortium_id))
    except Invalid as err:
        # back to the page it was sent from, with what was typed and each field's reason
        session[_INTEREST_DRAFT] = {
            "offer_id": offer.id, "message": payload["message"][:20_000],
            "request_id": payload["request_id"], "propose": payload["propose"],
            "errors": {k: translated(v) for k, v in err.fields.items()}}
        flash(translated(err.message), "error")
        return redirect(back)
    except Conflict as err:  # asked already: where the first inquiry goes on
        flash(translated(err.message), "error")
        existing = (url_for("licensing.show", record_id=err.params["license_id"])
                    if "license_id" in err.params
                    else url_for("consortia.show", record_id=err.params["consortium_id"])
                    if "consortium_id" in err.params else back)
        return redirect(existing)
    flash(_("Your interest was sent: the licence inquiry is open.") if i.license_id else
          _("Your interest was sent: a joint R&D consortium draft was proposed."), "success")
    return redirect(target)


@offers_bp.app_context_processor
def _interest_form_context() -> dict:
    def interest_draft(offer_id: int) -> dict:
        """The refused interest form of this offer, once (then it is forgotten)."""
        draft = session.get(_INTEREST_DRAFT)
        if not draft or draft.get("offer_id") != offer_id:
            return {}
        return session.pop(_INTEREST_DRAFT)

    def licensable(offer) -> bool:
        """A licence inquiry may be opened on this offer now (its invention is owned)."""
        return services.licensable(offer)
    return {"interest_draft": interest_draft, "licensable": licensable}


# -- public: no account ------------------------------------------------------------------------
def _catalogue_filters() -> dict[str, str]:
    """The filters of ``/catalogue`` that are on (``q``, ``stage``, ``field``, ``sector``,
    ``keyword``; a stage or field the catalogue does not know is off): what the page's
    stage links and pager carry on to the next page."""
    args = request.args
    on = {"q": (args.get("q") or "").strip()[:200],
          "stage": args.get("stage") if args.get("stage") in STAGE_KEYS else "",
          "field": args.get("field") if args.get("field") in FIELD_LABELS else "",
          "sector": (args.get("sector") or "").strip()[:20],
          "keyword": (args.get("keyword") or "").strip()[:100]}
    return {name: value for name, value in on.items() if value}


@bp.get("/catalogue")
def index():
    filters = _catalogue_filters()
    # a visitor who typed ?page=abc sees the first page, not an error (the API says 422)
    result = services.catalogue(**filters, page=page_number(or_first=True), per_page=20)
    mine = []
    if current_user.is_authenticated:
        mine = list(db.session.scalars(select(TechRequest).where(
            TechRequest.organization_id == current_user.organization_id,
            TechRequest.state == "open").order_by(TechRequest.id.desc()).limit(20)))
    return render_template("catalogue/index.html", result=result, filters=filters,
                           q=filters.get("q", ""), stage=filters.get("stage"),
                           field=filters.get("field"), sector=filters.get("sector", ""),
                           keyword=filters.get("keyword", ""), my_requests=mine, **_choices())


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


def _signed_in_paths() -> list[str]:
    """The first segment of every address outside the public catalogue (``/offers``,
    ``/api``, ``/login``...), from the app's URL map: a blueprint added later is covered."""
    public: set[str] = set()
    private: set[str] = set()
    for rule in current_app.url_map.iter_rules():
        first = rule.rule.split("/")[1]
        if rule.endpoint.startswith(f"{bp.name}.") or rule.endpoint == "static":
            public.add(first)
        elif first and not first.startswith("<"):
            private.add(first)
    return sorted(f"/{first}" for first in private - public)


@bp.get("/robots.txt")
def robots():
    """For crawlers: the catalogue and its sitemap, and none of the signed-in app's pages."""
    lines = ["User-agent: *", f"Allow: {url_for('catalogue.index')}"]
    lines += [f"Disallow: {path}" for path in _signed_in_paths()]
    lines += ["", f"Sitemap: {url_for('catalogue.sitemap', _external=True)}"]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")

