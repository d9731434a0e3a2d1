"""The OpenAPI 3 document of /api/v1, built from the same schemas and workflow tables."""
from __future__ import annotations

from functools import cache
from typing import Any

from workflows import WORKFLOWS

from ..admin.operations import openapi_paths as admin_operation_paths
from ..notifications.openapi import notification_paths
from ..templates_admin.openapi import openapi_paths as template_paths
from ..workflow import REGISTRY
from .catalogue import openapi_paths as catalogue_paths
from .docket import openapi_paths as docket_paths

ERROR = {"$ref": "#/components/schemas/Error"}
OBJ = {"type": "object", "additionalProperties": True}


def _resp(desc: str, schema: dict | None = None, codes: tuple[int, ...] = ()) -> dict:
    out: dict[str, Any] = {}
    ok = {"description": desc}
    if schema is not None:
        ok["content"] = {"application/json": {"schema": schema}}
    out["200" if "created" not in desc.lower() else "201"] = ok
    for code in (401, *codes):
        out[str(code)] = {"description": _WHY[code],
                          "content": {"application/json": {"schema": ERROR}}}
    return out


_WHY = {400: "Malformed body", 401: "Not authenticated", 403: "Not allowed",
        404: "Not found or not visible", 409: "Conflict: wrong state, stale version, "
        "already signed", 413: "Too large", 422: "Invalid fields", 429: "Too many attempts"}


def _body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


LIST_PARAMS = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                    "maximum": 200}},
    {"name": "state", "in": "query", "schema": {"type": "string"}},
    {"name": "q", "in": "query", "schema": {"type": "string"}},
]


@cache
def spec() -> dict:
    schemas: dict[str, Any] = {
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {
            "type": "object", "required": ["code", "message"], "properties": {
                "code": {"type": "string"}, "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}}},
        "List": {"type": "object", "required": ["items", "total", "page", "per_page"],
                 "properties": {"items": {"type": "array", "items": OBJ},
                                "total": {"type": "integer"}, "page": {"type": "integer"},
                                "per_page": {"type": "integer"}}},
        "TransitionRequest": {"type": "object", "properties": {
            "version": {"type": "integer"}, "comment": {"type": "string"},
            "data": {"type": "object"}}},
        "DistributionLine": {
            "type": "object", "required": ["beneficiary", "share_percent", "amount"],
            "properties": {"beneficiary": {"type": "string"}, "kind": {"type": "string"},
                           "share_percent": {"type": "string"},
                           "amount": {"type": "string"}}},
        "TransitionResult": {
            "type": "object", "required": ["record", "event", "documents"],
            "properties": {
                "record": OBJ, "event": OBJ, "events": {"type": "array", "items": OBJ},
                "documents": {"type": "array", "items": OBJ},
                "distribution": {
                    "description": "when the transition booked income and a plan is in "
                                   "force: who gets what; the amounts add up exactly to "
                                   "the distributable sum",
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/DistributionLine"}},
                "revenue_id": {"type": "integer"}}},
        "Revenue": {
            "type": "object",
            "required": ["id", "kind", "source", "amount", "currency", "status",
                         "distribution"],
            "properties": {
                "id": {"type": "integer"}, "kind": {"type": "string",
                                                    "enum": ["royalty", "milestone",
                                                             "manual"]},
                "source": {"type": "string"}, "license_id": {"type": ["integer", "null"]},
                "plan_id": {"type": ["integer", "null"]},
                "event_id": {"type": ["integer", "null"]},
                "period": {"type": ["string", "null"]},
                "net_sales": {"type": ["string", "null"]}, "amount": {"type": "string"},
                "costs": {"type": "string"}, "currency": {"type": "string"},
                "status": {"type": "string", "enum": ["held", "distributed"]},
                "received_at": {"type": ["string", "null"], "format": "date-time"},
                "distributed_at": {"type": ["string", "null"], "format": "date-time"},
                "distributable": {"type": ["string", "null"]},
                "admin_fee": {"type": ["string", "null"]},
                "recovered_costs": {"type": ["string", "null"]},
                "distribution": {"oneOf": [
                    {"type": "array",
                     "items": {"$ref": "#/components/schemas/DistributionLine"}},
                    {"type": "null"}]}}},
        "RevenueList": {
            "type": "object", "required": ["items", "total", "page", "per_page"],
            "properties": {"items": {"type": "array",
                                     "items": {"$ref": "#/components/schemas/Revenue"}},
                           "total": {"type": "integer"}, "page": {"type": "integer"},
                           "per_page": {"type": "integer"}}},
        "DeclineRequest": {"type": "object", "required": ["reason"], "properties": {
            "reason": {"type": "string", "minLength": 1, "maxLength": 5000,
                       "description": "why the signer declines (the history and the "
                                      "person who started the step read it)"}}},
        "DeclineResult": {"type": "object", "required": ["event", "record", "document"],
                          "properties": {"event": OBJ, "record": OBJ, "document": OBJ}},
        "SignatureRequest": {"type": "object", "properties": {
            "method": {"type": "string", "enum": ["typed", "eds"], "default": "typed"},
            "typed_name": {"type": "string", "description": "typed: the signer's own name"},
            "consent": {"type": "boolean"},
            "consent_locale": {"type": "string", "description": "typed: the language the "
                               "consent statement was shown in (stored as shown)"},
            "cms": {"type": "string", "format": "byte", "description": "eds: base64 of a "
                    "detached DER CMS SignedData over the document's exact bytes"}}},
    }
    for model in [m for rt in REGISTRY.values() for m in (rt.create_schema, rt.update_schema)
                  if m is not None]:
        js = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in js.pop("$defs", {}).items():
            schemas[name] = sub
        schemas[model.__name__] = js

    paths: dict[str, Any] = {
        "/auth/token": {"post": {
            "summary": "Exchange e-mail and password for a bearer token", "security": [],
            "requestBody": _body({"type": "object", "required": ["email", "password"],
                                  "properties": {"email": {"type": "string"},
                                                 "password": {"type": "string"}}}),
            "responses": _resp("Token created", OBJ, (400, 429))},
            "delete": {"summary": "Revoke the token of this request",
                       "responses": {"204": {"description": "Revoked"},
                                     "401": {"description": _WHY[401]}}}},
        "/me": {"get": {"summary": "The current user", "responses": _resp("The user", OBJ)}},
        "/organizations": {
            "get": {"summary": "List organisations", "parameters": LIST_PARAMS[:2],
                    "responses": _resp("Organisations",
                                       {"$ref": "#/components/schemas/List"}, (422,))},
            "post": {"summary": "Create an organisation (admin)", "requestBody": _body(OBJ),
                     "responses": _resp("Created organisation", OBJ, (400, 403, 422))}},
        "/organizations/{id}": {"patch": {
            "summary": "Change an organisation, e.g. its signatory", "parameters": [_id("id")],
            "description": "Admins, or the organisation's legal staff. Fields: "
                           "signatory_user_id, signatory_title, bin (12 digits with its "
                           "check digit for KZ), address (the legal address), legal_form, "
                           "iban (ISO 13616 check; 20 characters for KZ), bik, bank_name, "
                           "kbe (two digits), signatory_basis (e.g. \"the Charter\"), "
                           "document_languages (one or two of kk, ru, en: [\"kk\", \"ru\"] "
                           "issues documents in parallel columns, the first controlling; "
                           "default [\"en\"]). A bad value is a 422 naming the field.",
            "requestBody": _body(OBJ), "responses": _resp("The organisation", OBJ,
                                                          (400, 403, 404, 422))}},
        "/users": {
            "get": {"summary": "List people (admin), by q, organization_id, role, active",
                    "parameters": [*LIST_PARAMS[:2],
                                   {"name": "q", "in": "query", "schema": {"type": "string"}},
                                   {"name": "organization_id", "in": "query",
                                    "schema": {"type": "integer"}},
                                   {"name": "role", "in": "query", "schema": {
                                       "type": "string",
                                       "enum": ["researcher", "legal", "partner", "admin"]}},
                                   {"name": "active", "in": "query", "schema": {
                                       "type": "string", "enum": ["true", "false"]}}],
                    "responses": _resp("People", {"$ref": "#/components/schemas/List"},
                                       (403, 422))},
            "post": {"summary": "Create a user (admin)", "requestBody": _body(OBJ),
                     "responses": _resp("Created user", OBJ, (400, 403, 422))}},
        "/users/{id}": {
            "get": {"summary": "A person (admin)", "parameters": [_id("id")],
                    "responses": _resp("The person", OBJ, (403, 404))},
            "patch": {"summary": "Change a person's name, role, title, IIN or active (admin); "
                                 "deactivating ends their sessions and tokens",
                      "parameters": [_id("id")], "requestBody": _body(OBJ),
                      "responses": _resp("The person", OBJ, (400, 403, 404, 422))}},
        "/workflows": {"get": {"summary": "Workflow definitions",
                               "responses": _resp("Definitions", {"type": "array",
                                                                  "items": OBJ})}},
        "/audit/verify": {"get": {"summary": "Verify the audit chain and document store "
                                             "(admin)",
                                  "responses": _resp("Verification result", OBJ, (403,))}},
        "/documents/{id}": {"get": {"summary": "A document's metadata and signatures",
                                    "parameters": [_id("id")],
                                    "responses": _resp("The document", OBJ, (404,))}},
        "/documents/{id}/content": {"get": {
            "summary": "The document's bytes (.docx)", "parameters": [_id("id"), {
                "name": "format", "in": "query", "schema": {"type": "string",
                                                            "enum": ["docx", "pdf"]}}],
            "responses": {"200": {"description": "The file (.docx, or PDF with format=pdf)",
                                  "content": {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                    "schema": {"type": "string", "format": "binary"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
                "401": {"description": _WHY[401]}, "404": {"description": _WHY[404]},
                "503": {"description": "The PDF conversion failed or timed out "
                                       "(pdf_unavailable); the .docx is still served",
                        "content": {"application/json": {"schema": ERROR}}}}}},
        "/documents/{id}/signatures": {"post": {
            "summary": "Sign a document as one of its required signers",
            "parameters": [_id("id")],
            "requestBody": _body({"$ref": "#/components/schemas/SignatureRequest"}),
            "responses": _resp("Signature created", OBJ, (400, 403, 404, 409, 422))}},
        "/documents/{id}/declines": {"post": {
            "summary": "Decline to sign a document as one of its required signers",
            "description": "Only a required signer who has not signed, of a document that "
                           "is not superseded and whose signatures the record's state "
                           "awaits. The record returns to the state before its signing "
                           "step (the from-state of the transition that issued the "
                           "document), the document is superseded, and a `decline` event "
                           "with the reason as its comment is added to the audit chain.",
            "parameters": [_id("id")],
            "requestBody": _body({"$ref": "#/components/schemas/DeclineRequest"}),
            "responses": _resp("Decline recorded (created): the event, the record and the "
                               "superseded document",
                               {"$ref": "#/components/schemas/DeclineResult"},
                               (400, 403, 404, 409, 422))}},
        "/documents/{id}/card": {"get": {
            "summary": "The document card: the document's PDF with the original .docx and "
                       "every CMS signature file attached inside it, and a last page "
                       "listing the signatures",
            "parameters": [_id("id")],
            "responses": {"200": {"description": "The card (PDF with embedded files)",
                                  "content": {"application/pdf": {
                                      "schema": {"type": "string", "format": "binary"}}}},
                          "401": {"description": _WHY[401]},
                          "404": {"description": _WHY[404] + ", or LibreOffice is not "
                                  "installed on this server",
                                  "content": {"application/json": {"schema": ERROR}}},
                          "503": {"description": "A PDF conversion failed or timed out "
                                                 "(pdf_unavailable)",
                                  "content": {"application/json": {"schema": ERROR}}}}}},
    }
    for rt in REGISTRY.values():
        collection = rt.collection
        create, update = rt.create_schema.__name__, rt.update_schema.__name__
        ref = {"$ref": f"#/components/schemas/{create}"}
        paths[f"/{collection}"] = {
            "get": {"summary": f"List {collection} visible to you", "parameters": LIST_PARAMS,
                    "responses": _resp("A page", {"$ref": "#/components/schemas/List"},
                                       (422,))},
            "post": {"summary": f"Create one of {collection}", "requestBody": _body(ref),
                     "responses": _resp("Created record", OBJ, (400, 403, 422))}}
        paths[f"/{collection}/{{id}}"] = {
            "get": {"summary": "One record", "parameters": [_id("id")],
                    "responses": _resp("The record", OBJ, (404,))},
            "patch": {"summary": "Change a record in an editable state",
                      "parameters": [_id("id")],
                      "requestBody": _body({"$ref": f"#/components/schemas/{update}"}),
                      "responses": _resp("The record", OBJ, (400, 403, 404, 409, 422))}}
        paths[f"/{collection}/{{id}}/transitions"] = {"get": {
            "summary": "Actions and whether you may take them now",
            "parameters": [_id("id")],
            "responses": _resp("Availability", {"type": "array", "items": OBJ}, (404,))}}
        triggers = sorted({t.trigger for w in WORKFLOWS if w.name == rt.name
                           for t in w.transitions if not t.is_system})
        paths[f"/{collection}/{{id}}/transitions/{{trigger}}"] = {"post": {
            "summary": "Fire a workflow action",
            "description": "Actions marked irreversible in GET /workflows (with their "
                           "consequence) ask for a confirmation on the web form only; the "
                           "API fires them without one: a client that sends the request "
                           "means it.",
            "parameters": [_id("id"), {"name": "trigger", "in": "path", "required": True,
                                       "schema": {"type": "string", "enum": triggers}}],
            "requestBody": {"required": False, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/TransitionRequest"}}}},
            "responses": _resp("The record, its event and documents (and the "
                               "distribution of income it booked)",
                               {"$ref": "#/components/schemas/TransitionResult"},
                               (400, 403, 404, 409, 422))}}
        paths[f"/{collection}/{{id}}/events"] = {"get": {
            "summary": "Audit events, oldest first", "parameters": [_id("id")],
            "responses": _resp("Events", {"type": "array", "items": OBJ}, (404,))}}
        paths[f"/{collection}/{{id}}/documents"] = {"get": {
            "summary": "Documents, newest first", "parameters": [_id("id")],
            "responses": _resp("Documents", {"type": "array", "items": OBJ}, (404,))}}
    paths["/benefit-plans/{id}/revenues"] = {"get": {
        "summary": "Every income of the plan's subject, oldest first, with its distribution "
                   "(held income: distribution null)",
        "parameters": [_id("id"), *LIST_PARAMS[:2]],
        "responses": _resp("A page of revenues", {"$ref": "#/components/schemas/RevenueList"},
                           (404, 422))}}
    paths.update(_assembly_paths())
    paths.update(docket_paths(_resp, _body, _id, OBJ))
    paths.update(catalogue_paths(_resp, _body, _id, OBJ))
    paths.update(notification_paths(_resp, _body, _id, OBJ))
    paths.update(template_paths(_resp, _body, _id, OBJ))
    paths.update(admin_operation_paths(_resp, _body, _id, OBJ))
    paths["/openapi.json"] = {"get": {"summary": "This document", "security": [],
                                      "responses": {"200": {"description": "OpenAPI"}}}}
    return {
        # 3.1: its schema dialect is JSON Schema 2020-12, which is what pydantic emits
        # (numeric exclusiveMinimum, {"type": "null"}); under 3.0 those are invalid.
        "openapi": "3.1.0",
        "info": {"title": "Consortium API", "version": "1.0.0",
                 "description": "Technology-transfer workflows: consortia, invention "
                                "disclosures, benefit sharing and licensing."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}],
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                       "schemas": schemas},
        "paths": paths,
    }


def _assembly_paths() -> dict[str, Any]:
    """The General Assembly's decisions on a consortium's reserved matters."""
    from ..consortia.decisions import CHOICES, MATTERS, STATUSES, VOTING_DAYS
    decision = {"type": "object", "properties": {
        "id": {"type": "integer"}, "number": {"type": "integer"},
        "matter": {"type": "string", "enum": list(MATTERS)},
        "motion": {"type": "string"}, "data": OBJ,
        "status": {"type": "string", "enum": [s for s, _ in STATUSES]},
        "voting_ends_at": {"type": "string", "format": "date-time"},
        "veto_ends_at": {"type": ["string", "null"], "format": "date-time"},
        "consumed_at": {"type": ["string", "null"], "format": "date-time"},
        "tally": OBJ, "reason": {"type": ["string", "null"]},
        "votes": {"type": "array", "items": OBJ}, "vetoes": {"type": "array", "items": OBJ}},
        "additionalProperties": True}
    ids = [_id("id"), _id("did")]
    return {
        "/consortia/{id}/decisions": {
            "get": {"summary": "Decisions of the General Assembly, newest first",
                    "parameters": [_id("id")],
                    "responses": _resp("Decisions", {"type": "array", "items": decision},
                                       (404,))},
            "post": {"summary": "Put a reserved matter to the vote (legal staff of the lead)",
                     "description": "The matter is the trigger an adopted decision lets fire "
                                    "once (admit_member, declare_defaulting, amend, "
                                    "dissolve); data holds its terms as that transition "
                                    "takes them. Voting closes when every party has voted "
                                    f"or after voting_days (default {VOTING_DAYS}).",
                     "parameters": [_id("id")],
                     "requestBody": _body({"type": "object", "required": ["matter", "motion"],
                                           "properties": {
                                               "matter": {"type": "string",
                                                          "enum": list(MATTERS)},
                                               "motion": {"type": "string", "maxLength": 5000},
                                               "voting_days": {"type": "integer", "minimum": 1,
                                                               "maximum": 60},
                                               "data": OBJ}}),
                     "responses": _resp("Created decision", decision,
                                        (400, 403, 404, 409, 422))}},
        "/consortia/{id}/decisions/{did}": {
            "get": {"summary": "One decision with its tally", "parameters": ids,
                    "responses": _resp("The decision", decision, (404,))}},
        "/consortia/{id}/decisions/{did}/votes": {
            "post": {"summary": "Cast your organisation's vote (its signatory or legal staff)",
                     "parameters": ids,
                     "requestBody": _body({"type": "object", "required": ["choice"],
                                           "properties": {"choice": {
                                               "type": "string",
                                               "enum": [c for c, _ in CHOICES]}}}),
                     "responses": _resp("Created vote; the decision", decision,
                                        (400, 403, 404, 409, 422))}},
        "/consortia/{id}/decisions/{did}/vetoes": {
            "post": {"summary": "Veto a carried decision within its veto window (a party "
                                "severely affected; not the defaulting party concerned)",
                     "parameters": ids,
                     "requestBody": _body({"type": "object", "required": ["reason"],
                                           "properties": {"reason": {"type": "string",
                                                                     "maxLength": 5000}}}),
                     "responses": _resp("Created veto; the decision", decision,
                                        (400, 403, 404, 409, 422))}},
    }
