"""Amounts typed the way the pages show them and the way the locale writes them (issue 20).

The pages print amounts with ``format_money`` ("30 000 000.50" with no-break spaces); a
Russian or Kazakh user writes "30 000 000,50", often with a narrow no-break space. The one
parser, ``workflows.numbers.parse_decimal``, reads every one of these back to the same amount.
"""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consortium.money import format_money
from workflows.numbers import parse_decimal

SEPARATORS = (" ", "\u00a0", "\u202f")
amounts = st.decimals(min_value=D(0), max_value=D("999999999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(amount=amounts, sep=st.sampled_from(SEPARATORS), comma=st.booleans())
def test_what_the_pages_show_reads_back_as_the_same_amount(amount, sep, comma):
    shown = format_money(amount, thousands_sep=sep, places=2)
    if comma:  # the Russian and Kazakh decimal mark
        shown = shown.replace(".", ",")
    assert parse_decimal(shown, places=2, currency="KZT") == amount


@settings(max_examples=200, deadline=None)
@given(amount=st.decimals(min_value=D(0), max_value=D("999999999"), places=0,
                          allow_nan=False, allow_infinity=False),
       sep=st.sampled_from(SEPARATORS))
def test_whole_amounts_with_group_spaces(amount, sep):
    shown = format_money(amount, thousands_sep=sep, places=0)
    assert parse_decimal(shown, places=0, currency="JPY") == amount


@pytest.mark.parametrize("typed, value", [
    ("30 000 000,50", "30000000.50"),
    ("30 000 000.50", "30000000.50"),
    ("30\u00a0000\u00a0000.50", "30000000.50"),
    ("30\u202f000\u202f000,50", "30000000.50"),
    (" 1 500 ", "1500"),
    ("1500,5", "1500.5"),
    ("0,05", "0.05"),
])
def test_the_formats_of_the_issue(typed, value):
    assert parse_decimal(typed, places=2, currency="KZT") == D(value)


@pytest.mark.parametrize("typed", [
    "1 00",            # a group of two digits is a typo, not a thousand
    "10 00,5",
    "1 000\u00a0000",  # two kinds of separator in one number
    "1,000.50",        # a comma and a point: which one is the decimal mark is unknowable
    "1.000,50",
    "1,5,0",
    "1 000 000,505",   # still at most two decimals for KZT
])
def test_ambiguous_or_mistyped_amounts_are_still_refused(typed):
    with pytest.raises(ValueError):
        parse_decimal(typed, places=2, currency="KZT")
