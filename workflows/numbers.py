"""The one reading of numbers typed into forms and query strings or sent in JSON bodies.

Pure Python, no Flask: the workflow tables, the API schemas and the web forms all call these,
so "4", 4 and " 4 " mean the same everywhere and "²", "١٢٣", "1_000", "+5" or "1 000" mean
nothing anywhere (``str.isdigit`` accepts the first two and ``int`` all but "+5" is refused by
neither, which is why neither is used on input). Each function raises ``ValueError`` whose
message is a translatable ``Text`` without the field's name; callers put it under the field.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import N_, invalid

#: the largest value of an INTEGER column (32-bit on PostgreSQL): ids, versions, counts
MAX_INT32 = 2**31 - 1
#: amounts of money from 10**15 up are refused as typing errors, not stored
MONEY_LIMIT = Decimal(10) ** 15

_WHOLE = re.compile(r"-?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
#: digits beyond these are out of every range we use; not handed to ``int`` (it is quadratic)
_MAX_DIGITS = 40


def parse_whole(raw: Any, *, minimum: int | None = None, maximum: int | None = None,
                clamp: bool = False) -> int:
    """``raw`` (a JSON integer or a string of ASCII digits, optionally signed with ``-``,
    spaces around allowed) as an int within ``minimum``..``maximum``.

    With ``clamp`` a number out of range becomes the nearest bound instead of an error
    (list paging: page 10**20 is the last page there could be).
    """
    if isinstance(raw, bool):
        raise invalid(N_("must be a whole number"))
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and _WHOLE.fullmatch(text := raw.strip()):
        if len(text.lstrip("-")) > _MAX_DIGITS:
            value = -(10 ** _MAX_DIGITS) if text.startswith("-") else 10 ** _MAX_DIGITS
        else:
            value = int(text)
    else:
        raise invalid(N_("must be a whole number"))
    if minimum is not None and value < minimum:
        if clamp:
            return minimum
        raise invalid(N_("must be at least %(n)s"), n=minimum)
    if maximum is not None and value > maximum:
        if clamp:
            return maximum
        raise invalid(N_("must be at most %(n)s"), n=maximum)
    return value


def whole_or_raw(raw: str | None) -> int | str | None:
    """A form value for a schema that checks integers itself: the int it spells, ``None``
    when empty, else the text as typed (the schema then refuses it under its own field path)."""
    if raw is None or not raw.strip():
        return None
    try:
        return parse_whole(raw)
    except ValueError:
        return raw


def parse_decimal(raw: Any, *, places: int | None, currency: str | None = None,
                  limit: Decimal | None = MONEY_LIMIT, maximum: Decimal | None = None) -> Decimal:
    """``raw`` (a decimal string such as ``"1500.50"`` or a JSON number) as a Decimal that is
    finite, not negative (``-0`` included: a sign on nothing is a typing error), below
    ``limit``, at most ``maximum``, with at most ``places`` decimals (trailing zeros do not
    count: ``5.000`` JPY is 5 yen). ``currency`` names the currency whose minor unit
    ``places`` is, for the message. ``places=None`` allows any number of decimals.
    """
    if isinstance(raw, bool):
        raise invalid(N_("must be a decimal number"))
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        if not math.isfinite(raw):
            raise invalid(N_("must be a decimal number"))
        value = Decimal(repr(raw))  # the shortest decimal that reads back as this float
    elif isinstance(raw, str) and _DECIMAL.fullmatch(text := raw.strip()) and len(text) <= 64:
        try:
            value = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            raise invalid(N_("must be a decimal number")) from None
    else:
        raise invalid(N_("must be a decimal number"))
    if not value.is_finite():
        raise invalid(N_("must be a decimal number"))
    if value.is_signed():
        raise invalid(N_("must be a non-negative amount"))
    if limit is not None and value >= limit:
        raise invalid(N_("is too large"))
    if maximum is not None and value > maximum:
        raise invalid(N_("must be at most %(n)s"), n=f"{maximum.normalize():f}")
    if places is not None:
        exponent = value.normalize().as_tuple().exponent
        assert isinstance(exponent, int)
        if -exponent > places:
            if currency:
                raise invalid(N_("at most %(n)s decimal places for %(currency)s"), n=places,
                              currency=currency)
            raise invalid(N_("must have at most %(n)s decimals"), n=places)
    return value
