"""What comes in, checked once: request bodies and form values, numbers and money, and
pydantic's validation errors turned into the API's ``fields`` map.

Every request goes through :class:`InputRequest`: form fields and query strings lose the
characters a document or PostgreSQL cannot hold, exactly as JSON bodies do in
``api.support.json_body``, and a JSON body nested deeper than :data:`MAX_JSON_DEPTH` is a 400
before anything walks it. Numbers are read by :mod:`workflows.numbers`, the same rules for the
API, the forms and transition data.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any

from flask import Request, request
from pydantic import BaseModel, BeforeValidator, ValidationError
from werkzeug.datastructures import ImmutableMultiDict, MultiDict

from workflows.errors import N_, Text
from workflows.numbers import MAX_INT32, parse_decimal, parse_whole, whole_or_raw

from . import money
from .errors import BadRequest, Invalid

#: the largest id a table can hold (ids are INTEGER: 32-bit on PostgreSQL); larger numbers
#: name nothing, and binding them would be a database error rather than a "not found"
MAX_ID = MAX_INT32
#: JSON bodies nest at most this deep (ours need 4); deeper ones would make the parser and
#: every walk over the value recurse towards Python's limit
MAX_JSON_DEPTH = 32

__all__ = ["MAX_ID", "MAX_JSON_DEPTH", "MAX_PAGE", "DecimalIn", "InputRequest", "clean",
           "decimal_input", "field_errors", "form_int", "money_error", "page_number", "parse",
           "query_int", "valid_id", "whole_or_raw"]

#: characters XML 1.0 cannot hold (C0 controls except tab/newline/CR, surrogates, U+FFFE/F)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value: Any) -> Any:
    """Remove characters XML cannot hold from every string in ``value`` (recursively): no
    document could hold them, and PostgreSQL refuses NUL in text."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


# -- requests -------------------------------------------------------------------------------------
class CleanMultiDict(ImmutableMultiDict):
    """Query-string and form values (and names) without the characters ``clean`` removes."""

    def __init__(self, mapping: Any = None):
        if mapping is None:
            super().__init__()
            return
        if isinstance(mapping, MultiDict):
            items = list(mapping.items(multi=True))
        elif isinstance(mapping, Mapping):
            items = [(k, v) for k, vs in mapping.items()
                     for v in (vs if isinstance(vs, list | tuple) else [vs])]
        else:
            items = list(mapping)
        super().__init__([(clean(k), clean(v)) for k, v in items])


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def json_too_deep(data: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text ``data`` opens more than ``limit`` arrays or objects inside one
    another: one linear pass over the brackets outside strings, no parsing, no recursion."""
    try:
        text = data.decode(json.detect_encoding(data), "surrogatepass")
    except (UnicodeDecodeError, LookupError):
        return False  # the parser refuses it as malformed, without recursing
    depth = 0
    for ch in _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)):
        if ch in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


class InputRequest(Request):
    """The app's request: cleaned form fields and query strings, bounded JSON nesting."""

    parameter_storage_class = CleanMultiDict

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        if (force or self.is_json) and json_too_deep(self.get_data(cache=True)):
            if silent:
                return None
            raise BadRequest("malformed_json", N_("The request body is nested more than "
                                                  "%(n)s levels deep."), n=MAX_JSON_DEPTH)
        return super().get_json(force=force, silent=silent, cache=cache)


# -- numbers from query strings and forms ---------------------------------------------------------
def query_int(args: Mapping[str, str], name: str, default: int, *, minimum: int = 1,
              maximum: int = MAX_INT32, clamp: bool = False) -> int:
    """The whole number ``args[name]`` (``default`` when absent), or 422 naming ``name``."""
    raw = args.get(name)
    if raw is None:
        return default
    try:
        return parse_whole(raw, minimum=minimum, maximum=maximum, clamp=clamp)
    except ValueError as err:
        raise Invalid({name: err.args[0]}) from None


#: the last page a list offers (page 10**20 is that page, not an error)
MAX_PAGE = 1_000_000


def page_number(*, or_first: bool = False) -> int:
    """``?page=`` of a list, for the API and the web pages alike: ASCII digits (else 422
    naming ``page``: "²" and "١٢٣" are not page numbers), out of range moved to 1..MAX_PAGE.
    ``or_first``: what is not a page number is the first page instead (a public page, whose
    visitor has no form to correct and should not meet an error for a typed address)."""
    try:
        return query_int(request.args, "page", 1, maximum=MAX_PAGE, clamp=True)
    except Invalid:
        if or_first:
            return 1
        raise


#: the orders a list can be sorted in (``?sort=``); "relevance" applies when searching
LIST_SORTS = ("relevance", "newest", "oldest", "updated", "number", "state")


def list_options(args: Mapping[str, str]) -> dict:
    """``?sort=&from=&to=`` of a list (web page or API): the order, and the first and last day
    of creation to keep; or 422 naming the parameter and why."""
    import datetime as dt
    errors: dict[str, str] = {}
    options: dict = {}
    sort = (args.get("sort") or "").strip()
    if sort:
        if sort in LIST_SORTS:
            options["sort"] = sort
        else:
            errors["sort"] = Text(N_("must be one of: %(values)s"), values=", ".join(LIST_SORTS))
    for name, key in (("from", "since"), ("to", "until")):
        raw = (args.get(name) or "").strip()
        if not raw:
            continue
        try:
            options[key] = dt.date.fromisoformat(raw)
        except ValueError:
            errors[name] = N_("must be a date as YYYY-MM-DD")
    if not errors and options.get("since") and options.get("until") and \
            options["since"] > options["until"]:
        errors["to"] = N_("must not be before the first day (from)")
    if errors:
        raise Invalid(errors)
    return options


def form_int(form: Mapping[str, str], name: str) -> int | str | None:
    """The form field ``name`` for a schema that checks integers itself (see
    :func:`workflows.numbers.whole_or_raw`)."""
    return whole_or_raw(form.get(name))


# -- decimals and money in API schemas ------------------------------------------------------------
def decimal_input(value: Any) -> Any:
    """Before pydantic's Decimal: a decimal string or a JSON number, finite, not negative
    (``-0`` included); the field's own constraints then bound it."""
    if value is None:
        return None
    return parse_decimal(value, places=None, limit=None)


#: a decimal from a JSON body or a form; add ``Field(...)`` constraints as the field needs
DecimalIn = Annotated[Decimal, BeforeValidator(decimal_input)]


def money_error(amount: Decimal | None, currency: str | None, *,
                max_places: int | None = None) -> str | None:
    """Why ``amount`` cannot be an amount of ``currency`` (too many decimals: "1.005" KZT),
    or None; an unknown currency is the currency field's problem, not the amount's.
    ``max_places``: fewer decimals still, where the column holds fewer than the currency."""
    if amount is None or not currency:
        return None
    try:
        places = money.minor_units(currency.strip().upper())
    except ValueError:
        places = 2 if max_places is None else max_places  # at least what the column holds
    if max_places is not None:
        places = min(places, max_places)
    try:
        parse_decimal(amount, places=places, currency=currency.strip().upper(), limit=None)
    except ValueError as err:
        return err.args[0]
    return None


# -- pydantic -------------------------------------------------------------------------------------


def valid_id(value: Any) -> bool:
    """Whether ``value`` could be a row id: an int (not a bool) the database can compare."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


#: pydantic's error types in the app's own words (translatable, with pydantic's context
#: values as parameters), so no pydantic English reaches a page or an API answer
PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": N_("is required"),
    "string_type": N_("must be text"),
    "string_too_short": N_("must be at least %(min_length)s characters long"),
    "string_too_long": N_("must be at most %(max_length)s characters long"),
    "string_pattern_mismatch": N_("is not in the expected format"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "decimal_type": N_("must be a number"),
    "decimal_parsing": N_("must be a number"),
    "decimal_max_places": N_("must have at most %(decimal_places)s decimal places"),
    "decimal_max_digits": N_("has too many digits"),
    "decimal_whole_digits": N_("has too many digits before the decimal point"),
    "finite_number": N_("must be a finite number"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "literal_error": N_("must be one of: %(expected)s"),
    "enum": N_("must be one of: %(expected)s"),
    "greater_than": N_("must be greater than %(gt)s"),
    "greater_than_equal": N_("must be at least %(ge)s"),
    "less_than": N_("must be less than %(lt)s"),
    "less_than_equal": N_("must be at most %(le)s"),
    "too_short": N_("must have at least %(min_length)s items"),
    "too_long": N_("must have at most %(max_length)s items, not %(actual_length)s"),
    "list_type": N_("must be a list"),
    "tuple_type": N_("must be a list"),
    "set_type": N_("must be a list"),
    "dict_type": N_("must be an object"),
    "model_type": N_("must be an object"),
    "model_attributes_type": N_("must be an object"),
    "date_type": N_("must be a date as YYYY-MM-DD"),
    "date_parsing": N_("must be a date as YYYY-MM-DD"),
    "date_from_datetime_parsing": N_("must be a date as YYYY-MM-DD"),
    "date_from_datetime_inexact": N_("must be a date as YYYY-MM-DD"),
    "datetime_type": N_("must be a date and time (ISO 8601)"),
    "datetime_parsing": N_("must be a date and time (ISO 8601)"),
    "datetime_from_date_parsing": N_("must be a date and time (ISO 8601)"),
    "extra_forbidden": N_("is not a field of this form"),
    "url_parsing": N_("must be a valid web address"),
    "url_scheme": N_("must be a valid web address"),
    "json_invalid": N_("is not valid JSON"),
    "union_tag_invalid": N_("is not one of the allowed kinds"),
    "none_required": N_("must be empty"),
}
#: what an error of a type not listed above says
PYDANTIC_DEFAULT = N_("is not valid")


def _left_empty(e: Any) -> bool:
    """Whether the error is a field of the body left empty where it needs a value: a form's
    blank input (which the forms send as None) or JSON null, or text of spaces alone; not a
    value of the wrong kind ("must be text" would tell a person nothing they could do)."""
    kind, value = e.get("type", ""), e.get("input")
    if len(e.get("loc") or ()) != 1:
        return False  # an item of a list or of an object: its own message says what is wrong
    if value is None:
        return kind.endswith("_type") or kind in ("literal_error", "enum")
    return kind == "string_too_short" and isinstance(value, str) and not value.strip()


def _pydantic_message(e: Any) -> str:
    kind = e.get("type", "")
    ctx = e.get("ctx") or {}
    if _left_empty(e):
        return Text(PYDANTIC_MESSAGES["missing"])
    if kind in ("value_error", "assertion_error"):
        cause = ctx.get("error")
        if isinstance(cause, Text):  # the app's own message, with its parameters
            return cause
        msg = e["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        return msg  # the app's own msgid (validators raise N_ messages)
    template = PYDANTIC_MESSAGES.get(kind, PYDANTIC_DEFAULT)
    params = {k: str(v) for k, v in ctx.items() if f"%({k})s" in template}
    try:
        return Text(template, **params) if params else Text(template)
    except (KeyError, ValueError):  # pydantic gave fewer values than the words need
        return Text(PYDANTIC_DEFAULT)


def field_errors(err: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in err.errors():
        loc = ".".join(str(p) for p in e["loc"]) or "body"
        out.setdefault(loc[:200], _pydantic_message(e))
    return out


def parse(model: type[BaseModel], payload: Any, context: Any = None) -> BaseModel:
    """Validate ``payload`` against ``model`` or raise a 422 naming every bad field;
    ``context``: what the model's validators may read beside the payload (the record an edit
    changes), as pydantic's validation context."""
    if not isinstance(payload, dict):
        raise Invalid({"body": "must be a JSON object"})
    try:
        return model.model_validate(payload, context=context)
    except ValidationError as err:
        raise Invalid(field_errors(err)) from None
