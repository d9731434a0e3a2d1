"""The OpenAPI description of the notification, invitation and password-reset endpoints."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import CHANNELS
from .services import KINDS

NOTIFICATION = {"type": "object", "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"},
    "text": {"type": "string", "description": "in the reader's language"},
    "url": {"type": "string", "description": "the page it is about, site-relative"},
    "record_type": {"type": ["string", "null"]}, "record_id": {"type": ["integer", "null"]},
    "created_at": {"type": "string", "format": "date-time"},
    "read_at": {"type": ["string", "null"], "format": "date-time"}}}
PREFERENCES = {"type": "object", "properties": {
    "channels": {"type": "array", "items": {"type": "string", "enum": list(CHANNELS)}},
    "kinds": {"type": "object", "properties": {
        k: {"type": "string", "enum": list(CHANNELS)} for k in KINDS}},
    "language": {"type": ["string", "null"]}}}


def notification_paths(resp: Callable, body: Callable, id_: Callable,
                       obj: dict) -> dict[str, Any]:
    public = {"security": []}
    return {
        "/notifications": {"get": {
            "summary": "This user's notifications, newest first",
            "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer",
                                                                     "minimum": 1}},
                           {"name": "per_page", "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 200}}],
            "responses": resp("A page of notifications, with the unread count", {
                "type": "object", "properties": {
                    "items": {"type": "array", "items": NOTIFICATION},
                    "total": {"type": "integer"}, "unread": {"type": "integer"}}}, (422,))}},
        "/notifications/{id}/read": {"post": {
            "summary": "Mark one of my notifications read", "parameters": [id_("id")],
            "responses": {"204": {"description": "Marked read"},
                          **{k: v for k, v in resp("", None, (404,)).items()
                             if k != "200"}}}},
        "/notifications/preferences": {
            "get": {"summary": "How each kind of notification reaches me",
                    "responses": resp("Channels by kind", PREFERENCES)},
            "patch": {"summary": "Choose a channel per kind (app, email, digest, off) and "
                                 "the language of my e-mails",
                      "requestBody": body({"type": "object", "properties": {
                          "kinds": {"type": "object", "additionalProperties": {
                              "type": "string", "enum": list(CHANNELS)}},
                          "language": {"type": "string"}}}),
                      "responses": resp("Channels by kind", PREFERENCES, (400, 422))}},
        "/auth/password-reset": {"post": {
            **public, "summary": "Mail a password reset link (the same answer for any "
                                 "address; throttled)",
            "requestBody": body({"type": "object", "properties": {
                "email": {"type": "string"}}}),
            "responses": {"202": {"description": "Sent, if the address has an account"},
                          "400": {"description": "Malformed body"}}}},
        "/auth/password-reset/confirm": {"post": {
            **public, "summary": "Set a new password with the link's token; every session "
                                 "and API token of the account ends",
            "requestBody": body({"type": "object", "required": ["token", "new_password"],
                                 "properties": {"token": {"type": "string"},
                                                "new_password": {"type": "string"}}}),
            "responses": {"204": {"description": "Changed"},
                          "400": {"description": "Malformed body"},
                          "422": {"description": "Invalid, used or expired token, or a "
                                                 "weak password"}}}},
        "/invitations": {"post": {
            "summary": "(legal) Invite a person without an account who must act on a record "
                       "(a new member's signatory, an external co-inventor); the mail holds a "
                       "single-use link valid for 7 days",
            "requestBody": body({"type": "object", "required": [
                "email", "name", "organization_id", "role", "record_type", "record_id",
                "purpose"], "properties": {
                "email": {"type": "string"}, "name": {"type": "string"},
                "organization_id": {"type": "integer"},
                "role": {"type": "string", "enum": ["researcher", "partner", "legal"]},
                "record_type": {"type": "string"}, "record_id": {"type": "integer"},
                "purpose": {"type": "string", "enum": ["inventor", "signatory"]}}}),
            "responses": resp("Created invitation", obj, (400, 403, 404, 422))}},
        "/invitations/accept": {"post": {
            **public, "summary": "Accept an invitation: create the account it is for",
            "requestBody": body({"type": "object", "required": ["token", "password"],
                                 "properties": {"token": {"type": "string"},
                                                "password": {"type": "string"},
                                                "name": {"type": "string"}}}),
            "responses": {"201": {"description": "The account", "content": {
                "application/json": {"schema": obj}}},
                "400": {"description": "Malformed body"},
                "404": {"description": "No such invitation"},
                "409": {"description": "Already used or expired"},
                "422": {"description": "Invalid fields"}}}},
    }
