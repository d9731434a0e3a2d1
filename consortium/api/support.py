"""Request parsing, bearer authentication and the one JSON error format."""
from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from workflows.errors import N_, WorkflowError

from ..auth.models import User
from ..auth.services import user_for_token
from ..errors import BadRequest, Unauthorized, translated


def error_response(code: str, message: str, status: int, fields: dict | None = None):
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = {k: translated(v) if isinstance(v, str) else v
                          for k, v in fields.items()}
    return jsonify({"error": body}), status


def handle_app_error(err: WorkflowError):
    message = gettext(err.message, **err.params) if err.params else gettext(err.message)
    return error_response(err.code, message, err.status, err.fields)


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
        data = request.get_json(force=True, silent=False)
    except Exception:  # werkzeug raises BadRequest subclasses for bad JSON and bad encodings
        raise BadRequest("malformed_json", N_("The request body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise BadRequest("malformed_json", N_("The request body must be a JSON object."))
    # Characters XML cannot hold (NUL, other C0 controls, lone surrogates, U+FFFE/F) could not
    # go into a document, and PostgreSQL refuses NUL in text: they are removed on the way in.
    from ..documents.context import clean
    return clean(data)


def query_text(name: str) -> str | None:
    """A query-string value without the characters a database or a document cannot hold."""
    from ..documents.context import clean
    return clean(request.args.get(name) or "") or None


def current_api_user() -> User:
    """The user of the bearer token, or 401."""
    cached = request.environ.get("consortium.api_user")
    if cached is not None:
        return cached
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("unauthorized", N_("Send an API token: Authorization: Bearer TOKEN."))
    user = user_for_token(token.strip())
    request.environ["consortium.api_user"] = user
    return user


def page_args() -> tuple[int, int]:
    def number(name: str, default: int, lo: int, hi: int) -> int:
        raw = request.args.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            from ..errors import Invalid
            raise Invalid({name: N_("must be a whole number")}) from None
        return max(lo, min(hi, value))
    return number("page", 1, 1, 1_000_000), number("per_page", 50, 1, 200)
