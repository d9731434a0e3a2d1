"""API: the public catalogue, matches of a request or an offer, and expressions of interest."""
from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask_babel import get_locale, gettext

from .. import workflow
from ..catalogue import services
from ..catalogue.matching import shown_params
from ..db import unit_of_work
from ..extensions import csrf
from ..validation import query_int
from .support import current_api_user, json_body, page_args, query_text

bp = Blueprint("catalogue_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


def _reasons(reasons: list[dict]) -> list[dict]:
    lang = str(get_locale())
    return [{"code": r["code"], "text": gettext(r["message"], **shown_params(r, lang))}
            for r in reasons]


@bp.get("/catalogue")
def catalogue():
    """Public, no token: published offers, with the count per stage."""
    page, per_page = page_args()
    trl_min = request.args.get("trl_min")
    result = services.catalogue(
        q=query_text("q"), stage=query_text("stage"), field=query_text("field"),
        sector=query_text("sector"), keyword=query_text("keyword"),
        trl_min=query_int(request.args, "trl_min", 1, minimum=1, maximum=9) if trl_min else None,
        page=page, per_page=per_page)
    return jsonify({**result, "items": [services.public_offer(o) for o in result["items"]],
                    "stages": [{**s, "label": gettext(s["label"])} for s in result["stages"]]})


@bp.get("/requests/<int:record_id>/matches")
def request_matches(record_id: int):
    user = current_api_user()
    r = workflow.get_visible(services.REQUEST_RECORD, record_id, user)
    limit = query_int(request.args, "limit", 10, minimum=1, maximum=50)
    return jsonify({"items": [{"offer": services.public_offer(m.offer), "score": m.score,
                               "reasons": _reasons(m.reasons)}
                              for m in services.matches_of_request(r, limit)]})


@bp.get("/offers/<int:record_id>/matches")
def offer_matches(record_id: int):
    user = current_api_user()
    o = workflow.get_visible(services.OFFER_RECORD, record_id, user)
    limit = query_int(request.args, "limit", 10, minimum=1, maximum=50)
    return jsonify({"items": [{"request": services.request_dict(m.request), "score": m.score,
                               "reasons": _reasons(m.reasons)}
                              for m in services.matches_of_offer(o, user, limit)]})


@bp.post("/offers/<int:record_id>/interest")
def offer_interest(record_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        offer = workflow.get_visible(services.OFFER_RECORD, record_id, user)
        interest = services.express_interest(user, offer, body)
        answer = services.interest_dict(interest)
    return jsonify(answer), 201


def openapi_paths(resp, body, ident, obj) -> dict:
    """The paths of this module for ``openapi.spec`` (its helpers passed in)."""
    reason = {"type": "object", "required": ["code", "text"],
              "properties": {"code": {"type": "string"}, "text": {"type": "string"}}}
    limit = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                        "maximum": 50}}

    def matches(side: str) -> dict:
        return {"type": "object", "required": ["items"], "properties": {"items": {
            "type": "array", "items": {"type": "object", "required": [side, "score", "reasons"],
                                       "properties": {side: obj, "score": {"type": "number"},
                                                      "reasons": {"type": "array",
                                                                  "items": reason}}}}}}
    text = {"type": "string"}
    return {
        "/catalogue": {"get": {
            "summary": "The public innovation catalogue: published offers, nothing "
                       "confidential, with the count per readiness stage (no token)",
            "security": [],
            "parameters": [{"name": n, "in": "query", "schema": s} for n, s in (
                ("q", text), ("stage", {"type": "string", "enum": [
                    "documentation", "experimental", "pilot", "ready"]}),
                ("field", text), ("sector", text), ("keyword", text),
                ("trl_min", {"type": "integer", "minimum": 1, "maximum": 9}),
                ("page", {"type": "integer", "minimum": 1}),
                ("per_page", {"type": "integer", "minimum": 1, "maximum": 200}))],
            "responses": {"200": {"description": "A page of offers and the stage counts",
                                  "content": {"application/json": {"schema": {
                                      "type": "object",
                                      "required": ["items", "total", "page", "per_page",
                                                   "stages"],
                                      "properties": {
                                          "items": {"type": "array", "items": obj},
                                          "total": {"type": "integer"},
                                          "page": {"type": "integer"},
                                          "per_page": {"type": "integer"},
                                          "stages": {"type": "array", "items": obj}}}}}},
                          "422": {"description": "Invalid query"}}}},
        "/requests/{id}/matches": {"get": {
            "summary": "Published offers matching an open request, best first, with the "
                       "score and its reasons", "parameters": [ident("id"), limit],
            "responses": resp("Matches", matches("offer"), (404, 422))}},
        "/offers/{id}/matches": {"get": {
            "summary": "Open requests matching a published offer, best first",
            "parameters": [ident("id"), limit],
            "responses": resp("Matches", matches("request"), (404, 422))}},
        "/offers/{id}/interest": {"post": {
            "summary": "Express interest in an offer (a partner or legal staff of another "
                       "organisation): opens a licence inquiry on its invention, or proposes "
                       "a joint R&D consortium draft",
            "parameters": [ident("id")],
            "requestBody": body({"type": "object", "required": ["message"], "properties": {
                "message": text, "request_id": {"type": "integer"},
                "propose": {"type": "string", "enum": ["licence", "consortium"]}}}),
            "responses": resp("Created: the interest with its license or consortium", obj,
                              (400, 403, 404, 409, 422))}},
    }
