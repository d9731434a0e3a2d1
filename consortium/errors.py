"""Application errors with a code, a status and a message; mapped once to JSON and to flashes."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext

from workflows.errors import N_, Text, WorkflowError


def translated(message: str) -> str:
    """A message in the reader's language; a ``Text`` is translated from its template."""
    if isinstance(message, Text):
        return gettext(message.template, **message.params)
    return gettext(message)


class AppError(WorkflowError):
    """Same shape as the engine's errors so one handler serves both."""

    def __init__(self, code: str | None = None, message: str = "", fields: dict | None = None,
                 **params: Any):
        super().__init__(message, fields, **params)
        if code:
            self.code = code


class BadRequest(AppError):
    code, status = "bad_request", 400


class Unauthorized(AppError):
    code, status = "unauthorized", 401


class Forbidden(AppError):
    code, status = "forbidden", 403


class NotFound(AppError):
    code, status = "not_found", 404

    def __init__(self, message: str = N_("Not found."), **kw: Any):
        super().__init__("not_found", message, **kw)


class Conflict(AppError):
    code, status = "conflict", 409


def check_version(record: Any, given: int, message: str) -> None:
    """An edit made on an older version is a 409 naming both (``message`` names the record)."""
    if given != record.version:
        raise Conflict("stale_version", message, yours=given, current=record.version)


class Invalid(AppError):
    code, status = "validation_failed", 422

    def __init__(self, fields: dict[str, str], message: str = N_("Some fields are missing or "
                                                                  "invalid.")):
        super().__init__("validation_failed", message, fields)


class Unavailable(AppError):
    """A service the answer needs (the PDF converter) failed; what else there is still works."""

    code, status = "unavailable", 503


class TooManyAttempts(AppError):
    code, status = "too_many_attempts", 429
    #: seconds until the next attempt is allowed (sent as ``Retry-After``)
    retry_after: int | None = None
