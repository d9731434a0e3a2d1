"""The one reading of numbers typed into forms and query strings or sent in JSON bodies.

Pure Python, no Flask: the workflow tables, the API schemas and the web forms all call these,
so "4", 4 and " 4 " mean the same everywhere and "²", "١٢٣", "1_000" or "+5" mean nothing
anywhere (``str.isdigit`` accepts the first two and ``int`` all but "+5" is refused by neither,
which is why neither is used on input). Decimals and amounts are also read the way the pages
write them and the way Russian and Kazakh write them: groups of three digits apart by a space,
a no-break space or a narrow no-break space, and a decimal point or comma ("30 000 000.50",
"30 000 000,50"); whole numbers (ids, counts) take no separators. Each function raises ``ValueError`` whose
message is a translatable ``Text`` without the field's name; callers put it under the field.
"""
from __future__ import annotations

import datetime as dt
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
#: digits grouped by threes with one kind of space (what ``format_money`` writes), then decimals
_GROUPED = re.compile(r"-?[0-9]{1,3}(?:([ \u00a0\u202f\u2009])[0-9]{3})(?:\1[0-9]{3})*"
                      r"(?:[.,][0-9]*)?")


def _plain_decimal(text: str) -> str:
    """``text`` with its digit-group spaces dropped and a decimal comma made a point, when it is
    written that way; anything else unchanged (and then refused by ``_DECIMAL``)."""
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[ \u00a0\u202f\u2009]", "", text)
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    return text

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
    """``raw`` (a decimal string such as ``"1500.50"``, ``"1 500,50"`` or a JSON number) as a Decimal that is
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
    elif isinstance(raw, str) and len(raw) <= 128 \
            and _DECIMAL.fullmatch(text := _plain_decimal(raw.strip())) and len(text) <= 64:
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


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, on the month's last day where it is shorter
    (31 January + 1 month = 28 or 29 February): how notice and term periods count."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
            30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))
