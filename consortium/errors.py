"""The app's errors: the engine's family (``workflows.errors``) and the ones only the app
raises, each with a code, a status and a message; mapped once to JSON and to flashes."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext

from workflows.errors import N_, Forbidden, Text, WorkflowError

__all__ = ["AppError", "BadRequest", "Conflict", "Forbidden", "Invalid", "NotASigner",
           "NotFound", "TooManyAttempts", "Unauthorized", "Unavailable", "check_version",
           "translated"]


def translated(message: str) -> str:
    """A message in the reader's language; a ``Text`` is translated from its template."""
    if isinstance(message, Text):
        return gettext(message.template, **message.params)
    return gettext(message)


class AppError(WorkflowError):
    """An error only the app raises: the engine's shape, so one handler serves both, with its
    code given first (``Conflict("stale_version", message, ...)``)."""

    def __init__(self, code: str | None = None, message: str = "", fields: dict | None = None,
                 **params: Any):
        super().__init__(message, fields, **params)
        if code:
            self.code = code


class BadRequest(AppError):
    code, status = "bad_request", 400


class Unauthorized(AppError):
    code, status = "unauthorized", 401


class NotASigner(Forbidden):
    """A signature by someone the document does not wait for (403, like every refusal)."""

    code = "not_a_signer"


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
