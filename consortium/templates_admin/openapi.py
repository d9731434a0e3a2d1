"""The OpenAPI paths of the templates API (API.md "Templates")."""
from __future__ import annotations

from typing import Any

from .check import RULES


def openapi_paths(_resp, _body, _id, OBJ) -> dict[str, Any]:
    name = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"},
            "description": "The template's name, e.g. license_agreement"}
    version = {"type": "object", "properties": {
        "id": {"type": "integer"}, "template": {"type": "string"},
        "version": {"type": "string"}, "sha256": {"type": "string"},
        "state": {"type": "string", "enum": ["draft", "active", "retired"]},
        "checks": {"type": "array", "items": OBJ}, "organization_id": {"type": "integer"},
        "uploaded_by": {"type": "integer"}, "activated_by": {"type": ["integer", "null"]}},
        "additionalProperties": True}
    ids = [name, _id("id")]
    upload = {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary"},
                       "language": {"type": "string", "enum": ["kk", "ru", "en"],
                                    "default": "en",
                                    "description": "the language of the template's text: "
                                                   "documents in that language (alone or "
                                                   "as a column of a pair) use it"}}}}}}
    return {
        "/templates": {"get": {
            "summary": "Every contract template with its title, workflow, default version and "
                       "this organisation's versions (legal staff)",
            "responses": _resp("Templates", {"type": "object", "properties": {
                "items": {"type": "array", "items": OBJ}}}, (403,))}},
        "/templates/{name}/versions": {"post": {
            "summary": "Upload a new version (.docx) of a template for this organisation "
                       "(legal staff)",
            "description": "The archive is checked before parsing (size, zip bombs, external "
                           "relationships, macros, paths), then the template with every rule "
                           f"of `templates check` ({', '.join(RULES)}). 422 names each rule "
                           "broken in `fields`; 201 is a draft a second legal user activates. "
                           "The check, preview, diff and activation are per `language`: "
                           "activating a kk version replaces only the active kk one.",
            "parameters": [name], "requestBody": upload,
            "responses": _resp("Created: the draft version", version, (403, 404, 413, 422))}},
        "/templates/{name}/history": {"get": {
            "summary": "The audit events of this organisation's versions of the template "
                       "(upload, activation, retirement: who, when, version, SHA-256), "
                       "newest first",
            "parameters": [name], "responses": _resp("The history", {
                "type": "object", "properties": {"template": {"type": "string"},
                                                 "items": {"type": "array", "items": OBJ}}},
                (403, 404))}},
        "/templates/{name}/versions/{id}": {"get": {
            "summary": "One version of this organisation", "parameters": ids,
            "responses": _resp("The version", version, (403, 404))}},
        "/templates/{name}/versions/{id}/preview": {"get": {
            "summary": "The version rendered with sample data: text, or ?format=pdf "
                       "(where LibreOffice is installed) or ?format=docx",
            "parameters": [*ids, {"name": "format", "in": "query", "schema": {
                "type": "string", "enum": ["text", "pdf", "docx"]}}],
            "responses": _resp("The preview", OBJ, (403, 404))}},
        "/templates/{name}/versions/{id}/diff": {"get": {
            "summary": "The unified text difference from the version in use",
            "parameters": ids, "responses": _resp("The difference", OBJ, (403, 404))}},
        "/templates/{name}/versions/{id}/file": {"get": {
            "summary": "The uploaded .docx", "parameters": ids,
            "responses": _resp("The file", None, (403, 404))}},
        "/templates/{name}/versions/{id}/activate": {"post": {
            "summary": "Activate a draft (legal of the same organisation, not the uploader): "
                       "its new documents of that template use it from now on",
            "parameters": ids, "responses": _resp("The active version", version,
                                                  (403, 404, 409))}},
        "/templates/{name}/versions/{id}/retire": {"post": {
            "summary": "Retire a version; when it was in use the default is used again",
            "parameters": ids, "responses": _resp("The retired version", version,
                                                  (403, 404, 409))}},
    }
