"""Kazakh individual (IIN) and business (BIN) identification numbers: 12 digits, the last a check digit.

The check digit is the weighted sum of the first eleven digits modulo 11, with weights 1..11; when
that gives 10, the sum is taken again with weights 3..11, 1, 2; a second 10 means the number is not
valid (such numbers are never issued).
"""
from __future__ import annotations

_FIRST = tuple(range(1, 12))
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven: str) -> int | None:
    """The check digit for eleven digits, or None when no valid number starts with them."""
    digits = [int(c) for c in first_eleven]
    for weights in (_FIRST, _SECOND):
        result = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if result != 10:
            return result
    return None


def _valid(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 12 or not value.isascii() or not value.isdigit():
        return False
    return check_digit(value[:11]) == int(value[11])


def valid_iin(value: object) -> bool:
    """Whether ``value`` is a well-formed IIN (12 ASCII digits with a correct check digit)."""
    return _valid(value)


def valid_bin(value: object) -> bool:
    """Whether ``value`` is a well-formed BIN (12 ASCII digits with a correct check digit)."""
    return _valid(value)
