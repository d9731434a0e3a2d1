"""Turning pydantic validation errors into the API's ``fields`` map."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Invalid


def field_errors(err: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in err.errors():
        loc = ".".join(str(p) for p in e["loc"]) or "body"
        msg = e["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        out.setdefault(loc[:200], msg)
    return out


def parse(model: type[BaseModel], payload: Any) -> BaseModel:
    """Validate ``payload`` against ``model`` or raise a 422 naming every bad field."""
    if not isinstance(payload, dict):
        raise Invalid({"body": "must be a JSON object"})
    try:
        return model.model_validate(payload)
    except ValidationError as err:
        raise Invalid(field_errors(err)) from None
