"""API of the patent docket and of attachments: filings, costs, due dates (JSON, CSV,
iCalendar), files attached to records, licence registration."""
from __future__ import annotations

import base64
import binascii
import datetime as dt

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext

from workflows.errors import N_

from ..attachments import services as attachments
from ..attachments.views import download_response
from ..db import unit_of_work
from ..docket import services as docket
from ..docket.schemas import (
    CostCreate,
    DoneMark,
    FilingCreate,
    FilingUpdate,
    RegistrationUpdate,
)
from ..errors import BadRequest, Invalid, NotFound
from ..extensions import csrf
from ..validation import query_int
from .support import current_api_user, json_body, page_args

bp = Blueprint("docket_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

#: the API collections whose records take attachments, by record type
ATTACHABLE = {"disclosures": "disclosure", "consortia": "consortium", "licenses": "license",
              "benefit-plans": "benefit_plan", "filings": "filing"}


# -- filings and costs ------------------------------------------------------------------------
@bp.get("/disclosures/<int:record_id>/filings")
def filings(record_id: int):
    user = current_api_user()
    d = docket.visible_disclosure(record_id, user)
    items = docket.family(d.id)
    dues = docket.record_dues(d.id, dt.date.today())
    names = docket.done_by_names(dues)
    return jsonify({"items": [docket.filing_dict(f) for f in items], "total": len(items),
                    "costs": docket.totals_list(docket.family_totals(d.id)),
                    "deadlines": [docket.entry_dict(e, gettext, names) for e in dues]})


@bp.post("/disclosures/<int:record_id>/filings")
def add_filing(record_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        f = docket.add_filing(user, record_id, body)
        answer = docket.filing_dict(f)
    return jsonify(answer), 201


@bp.get("/filings/<int:filing_id>")
def filing(filing_id: int):
    f, _d = docket.visible_filing(filing_id, current_api_user())
    return jsonify(docket.filing_dict(f))


@bp.patch("/filings/<int:filing_id>")
def update_filing(filing_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        f = docket.update_filing(user, filing_id, body)
        answer = docket.filing_dict(f)
    return jsonify(answer)


@bp.post("/filings/<int:filing_id>/costs")
def add_cost(filing_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        cost = docket.add_cost(user, filing_id, body)
        answer = docket.cost_dict(cost)
    return jsonify(answer), 201


# -- the docket -------------------------------------------------------------------------------
@bp.get("/docket")
def due_dates():
    user = current_api_user()
    sort = request.args.get("sort") or "due"
    if sort not in docket.SORTS:
        sort = "due"
    days = query_int(request.args, "days", 365, maximum=3650, clamp=True)
    page, per_page = page_args()
    fmt = request.args.get("format") or "json"
    if fmt in ("csv", "ics"):
        page, per_page = 1, 10000
    status = request.args.get("status") or "all"
    if status not in docket.STATUSES:
        raise Invalid({"status": N_("one of all, open, done")})
    rows, total = docket.docket(user, today=dt.date.today(), days=days, sort=sort,
                                descending=request.args.get("order") == "desc", page=page,
                                per_page=per_page, status=status)
    if fmt == "csv":
        return Response("\ufeff" + docket.docket_csv(rows, gettext), mimetype="text/csv")
    if fmt == "ics":
        return Response(docket.docket_ics(rows, gettext, request.host or "localhost"),
                        mimetype="text/calendar")
    names = docket.done_by_names(e for e, _reg, _title in rows)
    return jsonify({"items": [docket.entry_dict(e, gettext, names) | {"record": reg,
                                                                       "title": title}
                              for e, reg, title in rows],
                    "total": total, "page": page, "per_page": per_page, "status": status})


@bp.post("/filings/<int:filing_id>/deadlines/<kind>/<due>/done")
def mark_done(filing_id: int, kind: str, due: str):
    """Mark the filing's due date ``kind`` on ``due`` done (legal staff of its organisation):
    body ``{"note"?}``; 200 the due date; 409 if it is done already."""
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        e = docket.mark_done(user, filing_id, kind, due, body)
        answer = docket.entry_dict(e, gettext, {user.id: user.name})
    return jsonify(answer)


@bp.delete("/filings/<int:filing_id>/deadlines/<kind>/<due>/done")
def undo_done(filing_id: int, kind: str, due: str):
    """The due date is still to do after all; 409 if it is not marked done."""
    user = current_api_user()
    with unit_of_work():
        e = docket.undo_done(user, filing_id, kind, due)
        answer = docket.entry_dict(e, gettext)
    return jsonify(answer)


# -- attachments ------------------------------------------------------------------------------
def _record_type(collection: str) -> str:
    if collection not in ATTACHABLE:
        raise NotFound(N_("No such collection."))
    return ATTACHABLE[collection]


@bp.get("/<collection>/<int:record_id>/attachments")
def list_attachments(collection: str, record_id: int):
    user = current_api_user()
    record_type = _record_type(collection)
    attachments.owner_of(record_type, record_id, user)
    items = attachments.attachments_of(record_type, record_id)
    names = attachments.uploader_names(items)
    return jsonify({"items": [attachments.to_dict(a, names.get(a.uploaded_by_id))
                              for a in items], "total": len(items)})


@bp.post("/<collection>/<int:record_id>/attachments")
def add_attachment(collection: str, record_id: int):
    """Multipart (``file``, ``kind``, ``note``) or JSON (``filename``, ``content_base64``,
    ``kind``, ``note``)."""
    user = current_api_user()
    record_type = _record_type(collection)
    if request.files or request.form:
        upload = request.files.get("file")
        fields = {"kind": request.form.get("kind"), "note": request.form.get("note"),
                  "filename": upload.filename if upload else None,
                  "data": upload.read() if upload else None}
    else:
        body = json_body()
        raw = body.get("content_base64")
        try:
            data = base64.b64decode(raw, validate=True) if isinstance(raw, str) else None
        except (binascii.Error, ValueError):
            raise BadRequest("malformed_base64", N_("content_base64 is not base64.")) from None
        fields = {"kind": body.get("kind"), "note": body.get("note"),
                  "filename": body.get("filename"), "data": data}
    with unit_of_work():
        a = attachments.attach(user, record_type, record_id, **fields)
        answer = attachments.to_dict(a, user.name)
    return jsonify(answer), 201


@bp.get("/attachments/<int:attachment_id>")
def attachment(attachment_id: int):
    a = attachments.visible_attachment(attachment_id, current_api_user())
    return jsonify(attachments.to_dict(a, attachments.uploader_names([a]).get(a.uploaded_by_id)))


@bp.get("/attachments/<int:attachment_id>/content")
def attachment_content(attachment_id: int):
    return download_response(attachments.visible_attachment(attachment_id, current_api_user()))


# -- licence registration ---------------------------------------------------------------------
@bp.get("/licenses/<int:record_id>/registration")
def registration(record_id: int):
    user = current_api_user()
    lic = docket.visible_license(record_id, user)
    return jsonify(docket.registration_dict(docket.registration_of(lic.id), lic.id))


@bp.put("/licenses/<int:record_id>/registration")
def update_registration(record_id: int):
    user = current_api_user()
    body = json_body()
    with unit_of_work():
        reg = docket.update_registration(user, record_id, body)
        answer = docket.registration_dict(reg, reg.license_id)
    return jsonify(answer)


@bp.post("/licenses/<int:record_id>/registration/application")
def registration_application(record_id: int):
    user = current_api_user()
    with unit_of_work():
        doc = docket.registration_application(user, record_id)
        answer = {"id": doc.id, "template": doc.template, "title": doc.title,
                  "filename": doc.filename, "sha256": doc.sha256}
    return jsonify(answer), 201


# -- the OpenAPI description of the endpoints above -----------------------------------------
def _docket_responses(responses: dict) -> dict:
    """The docket answers JSON, or CSV / iCalendar with ``?format=csv`` / ``?format=ics``."""
    ok = responses["200"]
    ok["content"] = {**ok.get("content", {}), "text/csv": {"schema": {"type": "string"}},
                     "text/calendar": {"schema": {"type": "string"}}}
    return responses


def openapi_paths(resp, body, ident, obj) -> dict:
    """The paths of this module for ``openapi.spec`` (its helpers passed in)."""
    filing = {"type": "object", "additionalProperties": True, "properties": {
        "id": {"type": "integer"}, "office": {"type": "string"}, "version": {"type": "integer"},
        "status": {"type": "string"}, "costs": {"type": "array", "items": obj}}}
    attachment = {"type": "object", "additionalProperties": True, "properties": {
        "id": {"type": "integer"}, "filename": {"type": "string"},
        "content_type": {"type": "string"}, "sha256": {"type": "string"},
        "size": {"type": "integer"}, "kind": {"type": "string"},
        "uploaded_at": {"type": "string", "format": "date-time"}}}
    upload = {"required": True, "content": {
        "multipart/form-data": {"schema": {"type": "object", "required": ["file", "kind"],
                                           "properties": {
                                               "file": {"type": "string", "format": "binary"},
                                               "kind": {"type": "string"},
                                               "note": {"type": "string"}}}},
        "application/json": {"schema": {"type": "object", "required": ["filename", "kind",
                                                                       "content_base64"],
                                        "properties": {"filename": {"type": "string"},
                                                       "kind": {"type": "string"},
                                                       "note": {"type": "string"},
                                                       "content_base64": {
                                                           "type": "string"}}}}}}
    done_params = [ident("id"),
                   {"name": "kind", "in": "path", "required": True, "schema": {
                       "type": "string", "enum": ["national_phase", "annuity", "office_action",
                                                  "priority_year"]}},
                   {"name": "due", "in": "path", "required": True,
                    "schema": {"type": "string", "format": "date"}}]
    paths = {
        "/disclosures/{id}/filings": {
            "get": {"summary": "The disclosure's patent family: filings, family cost totals "
                               "and due dates", "parameters": [ident("id")],
                    "responses": resp("Filings", obj, (404,))},
            "post": {"summary": "Add a filing (legal staff of the disclosure's organisation)",
                     "parameters": [ident("id")],
                     "requestBody": body(FilingCreate.model_json_schema()),
                     "responses": resp("Created filing", filing, (400, 403, 404, 409, 422))}},
        "/filings/{id}": {
            "get": {"summary": "A filing", "parameters": [ident("id")],
                    "responses": resp("The filing", filing, (404,))},
            "patch": {"summary": "Change a filing; a stale version is a 409",
                      "parameters": [ident("id")],
                      "requestBody": body(FilingUpdate.model_json_schema()),
                      "responses": resp("The filing", filing, (400, 403, 404, 409, 422))}},
        "/filings/{id}/costs": {
            "post": {"summary": "Record an official or attorney fee",
                     "parameters": [ident("id")],
                     "requestBody": body(CostCreate.model_json_schema()),
                     "responses": resp("Created cost", obj, (400, 403, 404, 409, 422))}},
        "/docket": {
            "get": {"summary": "The organisation's due dates (legal staff), sortable; "
                               "?format=csv or ?format=ics (RFC 5545)",
                    "parameters": [
                        {"name": "sort", "in": "query", "schema": {
                            "type": "string", "enum": ["due", "office", "kind", "record"]}},
                        {"name": "order", "in": "query", "schema": {
                            "type": "string", "enum": ["asc", "desc"]}},
                        {"name": "days", "in": "query", "schema": {"type": "integer"}},
                        {"name": "status", "in": "query", "schema": {
                            "type": "string", "enum": ["all", "open", "done"]}},
                        {"name": "format", "in": "query", "schema": {
                            "type": "string", "enum": ["json", "csv", "ics"]}}],
                    "responses": _docket_responses(resp("Due dates", obj, (403, 422)))}},
        "/filings/{id}/deadlines/{kind}/{due}/done": {
            "post": {"summary": "Mark a due date of the filing done (an annuity paid, an office "
                                "action's response filed); it leaves the inbox and reminders "
                                "(legal staff of its organisation); 409 if done already",
                     "parameters": done_params,
                     "requestBody": body(DoneMark.model_json_schema()),
                     "responses": resp("The due date", obj, (400, 403, 404, 409, 422))},
            "delete": {"summary": "Mark a due date still to do again; 409 if it is not done",
                       "parameters": done_params,
                       "responses": resp("The due date", obj, (403, 404, 409, 422))}},
        "/attachments/{id}": {
            "get": {"summary": "An attachment's metadata", "parameters": [ident("id")],
                    "responses": resp("The attachment", attachment, (404,))}},
        "/attachments/{id}/content": {
            "get": {"summary": "The attached file, always as a download (never inline)",
                    "parameters": [ident("id")],
                    "responses": {"200": {"description": "The file's bytes"},
                                  "404": {"description": "Not found or not visible"}}}},
        "/licenses/{id}/registration": {
            "get": {"summary": "The licence's registration with the patent office",
                    "parameters": [ident("id")], "responses": resp("Registration", obj, (404,))},
            "put": {"summary": "Record its progress (the licensor's legal staff)",
                    "parameters": [ident("id")],
                    "requestBody": body(RegistrationUpdate.model_json_schema()),
                    "responses": resp("Registration", obj, (400, 403, 404, 409, 422))}},
        "/licenses/{id}/registration/application": {
            "post": {"summary": "Generate the application for registration (a document)",
                     "parameters": [ident("id")],
                     "responses": resp("Created document", obj, (403, 404, 409))}},
    }
    for collection in ATTACHABLE:
        paths[f"/{collection}/{{id}}/attachments"] = {
            "get": {"summary": "Files attached to the record, newest first",
                    "parameters": [ident("id")],
                    "responses": resp("Attachments", obj, (404,))},
            "post": {"summary": "Attach a file (PDF, PNG, JPEG, .docx, .xlsx or text, checked "
                                "by content; size-limited)", "parameters": [ident("id")],
                     "requestBody": upload,
                     "responses": resp("Created attachment", attachment,
                                       (400, 404, 413, 422))}}
    return paths
