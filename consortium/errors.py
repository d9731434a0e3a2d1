"""The app's errors: the engine's family (``workflows.errors``) and the ones only the app
raises, each with a code, a status and a message; mapped once to JSON and to flashes."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext, pgettext

from workflows.errors import N_, Forbidden, Joined, Label, Text, WorkflowError

__all__ = ["AppError", "BadRequest", "Conflict", "Forbidden", "Invalid", "NotASigner",
           "NotFound", "TooManyAttempts", "Unauthorized", "Unavailable", "check_version",
           "translated", "translated_params"]


def translated(message: str, params: Mapping[str, Any] | None = None) -> str:
    """A message in the reader's language, with ``params``: a ``Text`` is translated from its
    template with its own parameters, a ``Joined`` part by part, a ``Label`` in its context;
    a parameter that is one of these is translated too, names and numbers stay as they are."""
    if isinstance(message, Joined):
        return message.separator.join(translated(part) for part in message.parts)
    if isinstance(message, Label):
        return pgettext(message.context, str(message))
    if isinstance(message, Text):
        message, params = message.template, {**message.params, **(params or {})}
    values = translated_params(params)
    return gettext(message, **values) if values else gettext(message)


def translated_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """``params`` for a message in the reader's language: those that are messages themselves
    (``Text``, ``Joined``, ``Label``) translated, the others as they are."""
    return {k: translated(v) if isinstance(v, Text | Joined | Label) else v
            for k, v in (params or {}).items()}


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
