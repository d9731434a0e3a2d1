"""Turning pydantic validation errors into the API's ``fields`` map."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Invalid

#: the largest id a table can hold (ids are INTEGER: 32-bit on PostgreSQL); larger numbers
#: name nothing, and binding them would be a database error rather than a "not found"
MAX_ID = 2**31 - 1


def valid_id(value: Any) -> bool:
    """Whether ``value`` could be a row id: an int (not a bool) the database can compare."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


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
