"""Request parsing, bearer authentication and the one JSON error format."""
from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_babel import gettext
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from workflows.errors import N_, WorkflowError

from ..auth.models import User
from ..auth.services import user_for_token
from ..errors import BadRequest, Unauthorized, translated
from ..validation import clean, page_number, query_int


def error_response(code: str, message: str, status: int, fields: dict | None = None):
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = {k: translated(v) if isinstance(v, str) else v
                          for k, v in fields.items()}
    return jsonify({"error": body}), status


def handle_app_error(err: WorkflowError):
    return error_response(err.code, translated(err.message, err.params), err.status,
                          err.fields)


_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
               429: "too_many_attempts"}


def handle_http_error(err: HTTPException):
    status = err.code or 500
    message = {
        404: N_("Not found."),
        405: N_("This method is not allowed here."),
        413: N_("The request is too large."),
    }.get(status, err.description or err.name)
    return error_response(_HTTP_CODES.get(status, "error"), gettext(message), status)


def json_body() -> dict[str, Any]:
    """The request's JSON object; a malformed body is a 400, never a 500."""
    if not request.data:
        return {}
    try:
        # the app's request refuses deep nesting first (validation.InputRequest), 400 too
        data = request.get_json(force=True, silent=False)
    except WorkflowError:
        raise
    except Exception:  # werkzeug raises BadRequest subclasses for bad JSON and bad encodings
        raise BadRequest("malformed_json", N_("The request body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise BadRequest("malformed_json", N_("The request body must be a JSON object."))
    # Characters XML cannot hold (NUL, other C0 controls, lone surrogates, U+FFFE/F) could not
    # go into a document, and PostgreSQL refuses NUL in text: they are removed on the way in.
    return clean(data)


def query_text(name: str) -> str | None:
    """A query-string value without the characters a database or a document cannot hold."""
    return clean(request.args.get(name) or "") or None


def current_api_user() -> User:
    """The user of the bearer token, else (reads only) the user signed in to the browser; or 401.

    Only GET and HEAD accept the session cookie: they change nothing, so a cross-site request
    gains nothing, and every write still needs a token (the API takes no CSRF token)."""
    cached = request.environ.get("consortium.api_user")
    if cached is not None:
        return cached
    header = request.headers.get("Authorization")
    if header is None and request.method in ("GET", "HEAD"):
        if current_user.is_authenticated:
            user = current_user._get_current_object()
            request.environ["consortium.api_user"] = user
            return user
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("unauthorized", N_("Send an API token: Authorization: Bearer TOKEN."))
    user = user_for_token(token.strip())
    request.environ["consortium.api_user"] = user
    return user


def page_args() -> tuple[int, int]:
    """``?page=&per_page=`` of an API list (per_page 1..200, default 50), as ``page_number``."""
    return page_number(), query_int(request.args, "per_page", 50, maximum=200, clamp=True)
