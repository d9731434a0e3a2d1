"""Errors the engine raises; the app maps each code to one HTTP status and one flash message."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it here (no Flask in workflows/)."""
    return text


class Text(str):
    """A message formatted in English from a translatable template, keeping both.

    It is the English string wherever a string is expected (JSON, logs, comparisons); pages
    translate ``template`` and format it with ``params`` in the reader's language.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Text:
        self = super().__new__(cls, template % params if params else template)
        self.template, self.params = template, params
        return self


class Joined(str):
    """Translatable messages joined by ``separator``, keeping each part.

    It is the English parts joined wherever a string is expected; pages translate each part
    (the problems that keep an offer from the catalogue, "choose the field; …").
    """

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: Sequence[str], separator: str = "; ") -> Joined:
        self = super().__new__(cls, separator.join(parts))
        self.parts, self.separator = tuple(parts), separator
        return self


class Label(str):
    """A label translated in a context (a gettext msgctxt), keeping both.

    It is the English label wherever a string is expected; pages translate it in
    ``context``, so that a language whose words agree with a noun tells apart the same English
    label of two records (ru: an offer «Опубликовано», neuter; a request «Открыт», masculine).
    """

    context: str

    def __new__(cls, text: str, context: str) -> Label:
        self = super().__new__(cls, text)
        self.context = context
        return self


def invalid(template: str, **params: Any) -> ValueError:
    """A field's ValueError whose message pages can translate."""
    return ValueError(Text(template, **params))


class WorkflowError(Exception):
    """Base: ``code`` for machines, ``message`` (a translatable template) and its ``params``."""

    code = "workflow_error"
    status = 400

    def __init__(self, message: str, fields: dict[str, str] | None = None, **params: Any):
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params
        self.fields = fields or {}


class UnknownTrigger(WorkflowError):
    code = "unknown_trigger"
    status = 404


class Forbidden(WorkflowError):
    """A refusal (403): the engine's (a role, a relation, a condition) and the app's (who may
    edit a record) alike."""

    code = "forbidden"
    status = 403


class TransitionNotAllowed(WorkflowError):
    """Not possible from the record's current state."""

    code = "transition_not_allowed"
    status = 409


class StaleVersion(WorkflowError):
    code = "stale_version"
    status = 409


class ValidationFailed(WorkflowError):
    code = "validation_failed"
    status = 422
