"""Tests for consortium.money: exact splits and income distributions."""
from __future__ import annotations

import json
import random
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from consortium.money import (
    MINOR_UNITS,
    Beneficiary,
    Policy,
    Tier,
    describe_policy,
    distribute,
    format_money,
    from_minor,
    minor_units,
    split,
    to_minor,
)

SETTINGS = settings(max_examples=200, deadline=None)
TIERS_50_25 = (Tier(D("100000"), D("50")), Tier(None, D("25")))


# -- strategies ----------------------------------------------------------------------------

@st.composite
def shares(draw, min_size: int = 1, max_size: int = 30) -> list[D]:
    """Share percents with up to 3 decimals, summing to exactly 100 (from thousandths)."""
    n = draw(st.integers(min_size, max_size))
    cuts = sorted(draw(st.lists(st.integers(0, 100_000), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, 100_000]
    return [D(b - a) / 1000 for a, b in zip(bounds, bounds[1:], strict=False)]


totals = st.one_of(
    st.sampled_from([0, 1, 2, 99, 100, 10**15, 10**15 + 1]),
    st.integers(0, 10**6),
    st.integers(0, 10**15),
)

KIND_CHOICES = ["inventor", "department", "institution", "consortium_member"]


@st.composite
def beneficiary_lists(draw) -> list[Beneficiary]:
    pcts = draw(shares())
    kinds = draw(st.lists(st.sampled_from(KIND_CHOICES), min_size=len(pcts), max_size=len(pcts)))
    return [Beneficiary(i, k, f"B{i}", p) for i, (k, p) in enumerate(zip(kinds, pcts, strict=True))]


@st.composite
def decreasing_tiers(draw) -> tuple[Tier, ...]:
    n = draw(st.integers(1, 4))
    limits = sorted(set(draw(st.lists(st.integers(1, 10**7), min_size=n - 1, max_size=n - 1))))
    pcts = sorted(draw(st.lists(st.integers(0, 100_0), min_size=len(limits) + 1,
                                max_size=len(limits) + 1)), reverse=True)
    return tuple(
        Tier(D(lim) if i < len(limits) else None, D(p) / 10)
        for i, (lim, p) in enumerate(zip([*limits, None], pcts, strict=True))
    )


@st.composite
def policies(draw) -> Policy:
    fee = D(draw(st.integers(0, 30_00))) / 100
    tiers = draw(st.one_of(st.just(()), decreasing_tiers(),
                           st.lists(st.integers(0, 100), min_size=1, max_size=3).map(
                               lambda ps: tuple(Tier(D(10**(i + 3)) if i < len(ps) - 1 else None, D(p))
                                                for i, p in enumerate(ps)))))
    return Policy(admin_fee_percent=fee, cost_recovery=draw(st.booleans()), inventor_tiers=tiers)


def money(max_units: int = 10**13) -> st.SearchStrategy[D]:
    return st.integers(0, max_units).map(lambda u: from_minor(u, "KZT"))


# -- currencies ----------------------------------------------------------------------------

def test_minor_units_table():
    expected = {"KZT": 2, "USD": 2, "EUR": 2, "RUB": 2, "GBP": 2, "CNY": 2, "UZS": 2, "KGS": 2,
                "JPY": 0, "KRW": 0, "KWD": 3, "BHD": 3, "CHF": 2, "TRY": 2}
    for code, places in expected.items():
        assert MINOR_UNITS[code] == places
        assert minor_units(code) == places


@pytest.mark.parametrize("code", ["XYZ", "kzt", "", "KZTT", None])
def test_unknown_currency(code):
    with pytest.raises(ValueError, match="unknown currency"):
        minor_units(code)
    with pytest.raises(ValueError, match="unknown currency"):
        to_minor(D("1"), code)


def test_to_minor_and_back():
    assert to_minor(D("1234.56"), "KZT") == 123456
    assert to_minor(D("1234.5"), "KZT") == 123450
    assert to_minor(D("1234"), "JPY") == 1234
    assert to_minor(D("5.000"), "JPY") == 5  # trailing zeros are not precision
    assert to_minor(D("1.234"), "KWD") == 1234
    assert to_minor(7, "USD") == 700
    assert to_minor(D("0"), "KZT") == 0
    assert str(from_minor(123456, "KZT")) == "1234.56"
    assert str(from_minor(5, "KZT")) == "0.05"
    assert str(from_minor(0, "KZT")) == "0.00"
    assert str(from_minor(1234, "JPY")) == "1234"
    assert str(from_minor(1, "BHD")) == "0.001"
    assert str(from_minor(10**17, "USD")) == "1000000000000000.00"


def test_to_minor_refuses_too_many_decimals():
    with pytest.raises(ValueError, match=r"1\.005 KZT has more decimals than KZT allows \(2\)"):
        to_minor(D("1.005"), "KZT")
    with pytest.raises(ValueError, match="JPY"):
        to_minor(D("1.5"), "JPY")
    with pytest.raises(ValueError, match="KWD"):
        to_minor(D("0.0001"), "KWD")


def test_to_minor_refuses_negative_and_nonsense():
    with pytest.raises(ValueError, match="must not be negative"):
        to_minor(D("-0.01"), "USD")
    with pytest.raises(ValueError, match="finite"):
        to_minor(D("NaN"), "USD")
    with pytest.raises(ValueError, match="finite"):
        to_minor(D("Infinity"), "USD")
    with pytest.raises(ValueError, match="too large"):
        to_minor(D("1E+400"), "USD")
    with pytest.raises(TypeError, match="float"):
        to_minor(1.5, "USD")  # type: ignore[arg-type]


@given(st.sampled_from(sorted(MINOR_UNITS)), st.integers(0, 10**18))
@SETTINGS
def test_minor_round_trip(code, units):
    d = from_minor(units, code)
    assert -d.as_tuple().exponent == minor_units(code)
    assert to_minor(d, code) == units


def test_format_money():
    assert format_money(D("1234567.5"), "KZT") == "1 234 567.50 KZT"
    assert format_money(D("0"), "USD") == "0.00 USD"
    assert format_money(D("999"), "JPY") == "999 JPY"
    assert format_money(D("1000000"), "JPY") == "1 000 000 JPY"
    assert format_money(D("12.345"), "KWD") == "12.345 KWD"
    assert format_money(D("-1500.5"), "EUR") == "-1 500.50 EUR"
    with pytest.raises(ValueError, match="KZT"):
        format_money(D("1.001"), "KZT")


# -- split ---------------------------------------------------------------------------------

def test_split_examples():
    assert split(100, [("a", D(1)), ("b", D(1)), ("c", D(1))]) == {"a": 34, "b": 33, "c": 33}
    assert split(2, [("a", D(1)), ("b", D(1)), ("c", D(1))]) == {"a": 1, "b": 1, "c": 0}
    # the largest remainder wins over order
    assert split(10, [("a", D("33")), ("b", D("67"))]) == {"a": 3, "b": 7}
    assert split(0, [("a", D(50)), ("b", D(50))]) == {"a": 0, "b": 0}
    assert split(5, [("a", D(0)), ("b", D(1))]) == {"a": 0, "b": 5}
    assert list(split(7, [("z", D(1)), ("a", D(1))])) == ["z", "a"]


def test_split_rejects_bad_input():
    with pytest.raises(ValueError, match="all zero"):
        split(10, [("a", D(0)), ("b", D(0))])
    with pytest.raises(ValueError, match="no weights"):
        split(10, [])
    with pytest.raises(ValueError, match="negative"):
        split(10, [("a", D(-1)), ("b", D(2))])
    with pytest.raises(ValueError, match="negative total"):
        split(-1, [("a", D(1))])
    with pytest.raises(ValueError, match="more than once"):
        split(10, [("a", D(1)), ("a", D(1))])
    with pytest.raises(TypeError):
        split(10, [("a", 0.5)])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        split(D(10), [("a", D(1))])  # type: ignore[arg-type]


@given(totals, shares())
@SETTINGS
def test_split_properties(total, pcts):
    weights = [(i, p) for i, p in enumerate(pcts)]
    parts = split(total, weights)
    assert list(parts) == [k for k, _ in weights]  # keeps the order of the weights
    assert sum(parts.values()) == total
    whole = sum(Fraction(p) for p in pcts)
    for i, p in weights:
        exact = Fraction(total) * Fraction(p) / whole
        assert abs(parts[i] - exact) < 1
        assert parts[i] >= 0
    assert split(total, list(weights)) == parts  # deterministic
    # reordering only moves tie-broken units: each part within one unit, same total
    shuffled = list(weights)
    random.Random(total).shuffle(shuffled)
    again = split(total, shuffled)
    assert sum(again.values()) == total
    assert all(abs(again[k] - parts[k]) <= 1 for k in parts)


@given(totals, st.lists(st.integers(0, 10**6), min_size=1, max_size=30))
@SETTINGS
def test_split_any_weights(total, ints):
    assume(any(ints))
    weights = [(i, D(w) / 7 if w % 3 else D(w)) for i, w in enumerate(ints)]  # non-terminating too
    parts = split(total, weights)
    assert sum(parts.values()) == total
    whole = sum(Fraction(w) for _, w in weights)
    for i, w in weights:
        assert abs(parts[i] - Fraction(total) * Fraction(w) / whole) < 1


# -- distribute: examples --------------------------------------------------------------------

def thirds() -> list[Beneficiary]:
    return [
        Beneficiary("inv", "inventor", "Inventors", D("33.334")),
        Beneficiary("dept", "department", "Department of Physics", D("33.333")),
        Beneficiary("uni", "institution", "University", D("33.333")),
    ]


def test_fee_then_costs_then_thirds():
    policy = Policy(admin_fee_percent=D(15), cost_recovery=True)
    d = distribute(D("100000.00"), D("10000"), "KZT", policy, thirds())
    assert d.gross == D("100000.00")
    assert d.admin_fee == D("15000.00")
    assert d.recovered_costs == D("10000.00")
    assert d.unrecovered_costs == D("0.00")
    assert d.distributable == D("75000.00")
    assert d.inventor_pool is None
    assert [ln.amount for ln in d.lines] == [D("25000.50"), D("24999.75"), D("24999.75")]
    assert sum(ln.amount for ln in d.lines) == d.distributable
    names = [name for name, _ in d.steps]
    assert names[:4] == ["Gross income", "Administration fee (15% of gross income)",
                         "Recovery of patent and other costs", "Distributable income"]
    assert d.steps[-3:] == [
        ("Inventors (inventor, 33.334%)", D("25000.50")),
        ("Department of Physics (department, 33.333%)", D("24999.75")),
        ("University (institution, 33.333%)", D("24999.75")),
    ]
    out = d.to_dict()
    json.dumps(out)
    assert out["admin_fee"] == "15000.00"
    assert out["inventor_pool"] is None
    assert out["lines"][0] == {"key": "inv", "kind": "inventor", "label": "Inventors",
                               "share_percent": "33.334", "amount": "25000.50"}
    assert out["steps"][0] == {"step": "Gross income", "amount": "100000.00"}


def test_thirds_with_remainder_units():
    # 100.01 KZT: 10001 units; exact thirds 3333.67 -> one leftover unit goes by remainder
    d = distribute(D("100.01"), D(0), "KZT", Policy(), [
        Beneficiary(1, "inventor", "I", D("33.33")),
        Beneficiary(2, "department", "D", D("33.33")),
        Beneficiary(3, "institution", "U", D("33.34")),
    ])
    assert [ln.amount for ln in d.lines] == [D("33.33"), D("33.33"), D("33.35")]
    assert sum(ln.amount for ln in d.lines) == D("100.01")


def test_costs_exceeding_income_are_carried_forward():
    policy = Policy(admin_fee_percent=D(10), cost_recovery=True)
    d = distribute(D("1000.00"), D("5000.00"), "USD", policy, thirds())
    assert d.admin_fee == D("100.00")
    assert d.recovered_costs == D("900.00")
    assert d.unrecovered_costs == D("4100.00")
    assert d.distributable == D("0.00")
    assert all(ln.amount == D("0.00") for ln in d.lines)
    assert ("Costs not yet recovered, carried forward", D("4100.00")) in d.steps


def test_costs_ignored_without_cost_recovery():
    d = distribute(D("1000.00"), D("300.00"), "USD", Policy(), thirds())
    assert d.recovered_costs == D("0.00") and d.unrecovered_costs == D("0.00")
    assert d.distributable == D("1000.00")


def test_jpy_has_no_decimals():
    policy = Policy(admin_fee_percent=D(15), cost_recovery=True)
    d = distribute(D("1000001"), D("1"), "JPY", policy, thirds())
    # fee: 150000.15 -> 150000 (fraction below one half stays with the rest)
    assert d.admin_fee == D("150000")
    assert d.recovered_costs == D("1")
    assert d.distributable == D("850000")
    assert [ln.amount for ln in d.lines] == [D("283339"), D("283331"), D("283330")]
    assert sum(ln.amount for ln in d.lines) == d.distributable
    assert d.to_dict()["lines"][0]["amount"] == "283339"
    with pytest.raises(ValueError, match="JPY"):
        distribute(D("10.5"), D(0), "JPY", Policy(), thirds())


def test_kwd_has_three_decimals():
    policy = Policy(admin_fee_percent=D("12.5"))
    d = distribute(D("10.003"), D(0), "KWD", policy, thirds())
    # fee: 1.250375 -> 1.250 ; distributable 8.753
    assert d.admin_fee == D("1.250")
    assert d.distributable == D("8.753")
    assert sum(ln.amount for ln in d.lines) == D("8.753")
    assert all(-ln.amount.as_tuple().exponent == 3 for ln in d.lines)
    assert d.to_dict()["gross"] == "10.003"


def test_fee_rounding_half_goes_to_fee():
    # 15% of 0.10 KZT = 0.015 -> exact half: fee listed first gets the unit
    d = distribute(D("0.10"), D(0), "KZT", Policy(admin_fee_percent=D(15)), thirds())
    assert d.admin_fee == D("0.02")
    # 15% of 0.09 = 0.0135 -> 0.01
    d = distribute(D("0.09"), D(0), "KZT", Policy(admin_fee_percent=D(15)), thirds())
    assert d.admin_fee == D("0.01")


def tiered_people() -> list[Beneficiary]:
    return [
        Beneficiary("a", "inventor", "A. Inventor", D(30)),
        Beneficiary("b", "inventor", "B. Inventor", D(20)),
        Beneficiary("dept", "department", "Department", D(25)),
        Beneficiary("uni", "institution", "University", D(25)),
    ]


def test_tier_crossing():
    policy = Policy(inventor_tiers=TIERS_50_25)
    d = distribute(D("20000"), D(0), "KZT", policy, tiered_people(), cumulative_before=D("90000"))
    # 10,000 at 50% + 10,000 at 25%
    assert d.inventor_pool == D("7500.00")
    amounts = {ln.key: ln.amount for ln in d.lines}
    assert amounts == {"a": D("4500.00"), "b": D("3000.00"),
                       "dept": D("6250.00"), "uni": D("6250.00")}
    assert d.cumulative_after == D("110000.00")
    assert ("Income at 50% to inventors (cumulative income up to 100 000.00 KZT)",
            D("10000.00")) in d.steps
    assert ("Income at 25% to inventors (cumulative income above 100 000.00 KZT)",
            D("10000.00")) in d.steps
    assert ("Inventors' pool", D("7500.00")) in d.steps
    assert d.to_dict()["inventor_pool"] == "7500.00"


def test_tiers_within_one_tier_and_rounding_down():
    policy = Policy(inventor_tiers=TIERS_50_25)
    d = distribute(D("0.03"), D(0), "KZT", policy, tiered_people())
    assert d.inventor_pool == D("0.01")  # 0.015 rounded down; the fraction stays with the others
    d = distribute(D("1000"), D(0), "KZT", policy, tiered_people(), cumulative_before=D("500000"))
    assert d.inventor_pool == D("250.00")


def test_tiers_with_only_inventors_or_no_inventors():
    policy = Policy(inventor_tiers=TIERS_50_25)
    only_inv = [Beneficiary(1, "inventor", "A", D(60)), Beneficiary(2, "inventor", "B", D(40))]
    d = distribute(D("1000"), D(0), "KZT", policy, only_inv)
    assert d.inventor_pool == D("1000.00")
    assert [ln.amount for ln in d.lines] == [D("600.00"), D("400.00")]
    no_inv = [Beneficiary(1, "consortium_member", "M1", D(70)),
              Beneficiary(2, "consortium_member", "M2", D(30))]
    d = distribute(D("1000"), D(0), "KZT", policy, no_inv)
    assert d.inventor_pool == D("0.00")
    assert [ln.amount for ln in d.lines] == [D("700.00"), D("300.00")]


def test_zero_gross():
    d = distribute(D(0), D(0), "KZT", Policy(admin_fee_percent=D(15), cost_recovery=True,
                                            inventor_tiers=TIERS_50_25), tiered_people())
    assert d.distributable == D("0.00")
    assert all(ln.amount == D("0.00") for ln in d.lines)


# -- invalid input -------------------------------------------------------------------------------

def test_shares_must_total_100():
    bad = [Beneficiary(1, "inventor", "A", D("33.33")), Beneficiary(2, "department", "B", D("33.33")),
           Beneficiary(3, "institution", "C", D("33.33"))]
    with pytest.raises(ValueError, match=r"shares must total exactly 100%, not 99\.99%"):
        distribute(D(100), D(0), "KZT", Policy(), bad)
    with pytest.raises(ValueError, match="total exactly 100"):
        distribute(D(100), D(0), "KZT", Policy(), [Beneficiary(1, "inventor", "A", D("50.0001")),
                                                  Beneficiary(2, "department", "B", D(50))])


def test_invalid_distribute_inputs():
    people = thirds()
    with pytest.raises(ValueError, match="unknown currency 'ABC'"):
        distribute(D(100), D(0), "ABC", Policy(), people)
    with pytest.raises(ValueError, match="gross income must not be negative"):
        distribute(D(-100), D(0), "KZT", Policy(), people)
    with pytest.raises(ValueError, match="costs must not be negative"):
        distribute(D(100), D(-1), "KZT", Policy(cost_recovery=True), people)
    with pytest.raises(ValueError, match=r"gross income 100\.001 KZT has more decimals than KZT"):
        distribute(D("100.001"), D(0), "KZT", Policy(), people)
    with pytest.raises(ValueError, match="cumulative income"):
        distribute(D(100), D(0), "KZT", Policy(), people, cumulative_before=D(-5))
    with pytest.raises(ValueError, match="at least one beneficiary"):
        distribute(D(100), D(0), "KZT", Policy(), [])
    with pytest.raises(ValueError, match="only once"):
        distribute(D(100), D(0), "KZT", Policy(), [Beneficiary(1, "inventor", "A", D(50)),
                                                  Beneficiary(1, "inventor", "B", D(50))])
    with pytest.raises(ValueError, match="tier limit"):
        distribute(D(100), D(0), "JPY", Policy(inventor_tiers=(Tier(D("10.5"), D(50)),
                                                               Tier(None, D(25)))), people)


def test_invalid_policy_and_beneficiary():
    with pytest.raises(ValueError, match="between 0 and 100"):
        Policy(admin_fee_percent=D(101))
    with pytest.raises(ValueError, match="between 0 and 100"):
        Policy(admin_fee_percent=D(-1))
    with pytest.raises(ValueError, match="last inventor tier"):
        Policy(inventor_tiers=(Tier(D(100), D(50)),))
    with pytest.raises(ValueError, match="only the last"):
        Policy(inventor_tiers=(Tier(None, D(50)), Tier(None, D(25))))
    with pytest.raises(ValueError, match="increase"):
        Policy(inventor_tiers=(Tier(D(100), D(50)), Tier(D(100), D(40)), Tier(None, D(25))))
    with pytest.raises(ValueError, match="positive"):
        Tier(D(0), D(10))
    with pytest.raises(ValueError, match="between 0 and 100"):
        Tier(None, D(120))
    with pytest.raises(ValueError, match="kind"):
        Beneficiary(1, "friend", "X", D(100))
    with pytest.raises(ValueError, match="between 0 and 100"):
        Beneficiary(1, "inventor", "X", D(-5))
    with pytest.raises(TypeError, match="float"):
        Policy(admin_fee_percent=15.0)  # type: ignore[arg-type]


# -- distribute: properties --------------------------------------------------------------------

@given(policies(), beneficiary_lists(), money(), money(), money())
@SETTINGS
def test_distribute_properties(policy, people, gross, costs, before):
    d = distribute(gross, costs, "KZT", policy, people, cumulative_before=before)
    assert d.admin_fee + d.recovered_costs + d.distributable == d.gross == gross
    assert sum(ln.amount for ln in d.lines) == d.distributable
    assert all(ln.amount >= 0 for ln in d.lines)
    assert [ln.key for ln in d.lines] == [b.key for b in people]
    # the fee is within one minor unit of its exact value
    assert abs(Fraction(d.admin_fee) - Fraction(gross) * Fraction(policy.admin_fee_percent) / 100) <= D("0.01")
    if policy.cost_recovery:
        assert d.recovered_costs + d.unrecovered_costs == costs
        assert d.recovered_costs == min(costs, gross - d.admin_fee)
    else:
        assert d.recovered_costs == 0 and d.unrecovered_costs == 0
    if policy.inventor_tiers:
        assert d.inventor_pool is not None and 0 <= d.inventor_pool <= d.distributable
        inv = sum(ln.amount for ln in d.lines if ln.kind == "inventor")
        assert inv == d.inventor_pool
    else:
        assert d.inventor_pool is None
    assert d.steps[0] == ("Gross income", gross)
    assert [a for _, a in d.steps[-len(people):]] == [ln.amount for ln in d.lines]
    assert distribute(gross, costs, "KZT", policy, people, cumulative_before=before) == d
    json.dumps(d.to_dict())


@given(decreasing_tiers(), money(10**11), money(10**11), money(10**11))
@SETTINGS
def test_tiered_pool_monotonic(tiers, amount, before_a, before_b):
    lo, hi = sorted([before_a, before_b])
    policy = Policy(inventor_tiers=tiers)
    people = tiered_people()
    early = distribute(amount, D(0), "KZT", policy, people, cumulative_before=lo)
    late = distribute(amount, D(0), "KZT", policy, people, cumulative_before=hi)
    assert late.inventor_pool <= early.inventor_pool
    # and the pool is the exact tiered amount rounded down
    exact = Fraction(0)
    start, end = Fraction(lo), Fraction(lo) + Fraction(amount)
    floor_ = Fraction(0)
    for t in tiers:
        top = Fraction(t.up_to) if t.up_to is not None else end
        exact += max(Fraction(0), min(end, top) - max(start, floor_)) * Fraction(t.percent) / 100
        floor_ = top
    assert Fraction(early.inventor_pool) <= exact < Fraction(early.inventor_pool) + Fraction(1, 100)


@given(decreasing_tiers(), money(10**10), money(10**10), money(10**10))
@SETTINGS
def test_tiered_payments_add_up(tiers, first, second, before):
    """Paying in two parts never gives the inventors more than one cent per part over paying at once."""
    policy = Policy(inventor_tiers=tiers)
    people = tiered_people()
    one = distribute(first + second, D(0), "KZT", policy, people, cumulative_before=before)
    a = distribute(first, D(0), "KZT", policy, people, cumulative_before=before)
    b = distribute(second, D(0), "KZT", policy, people, cumulative_before=a.cumulative_after)
    assert abs(a.inventor_pool + b.inventor_pool - one.inventor_pool) <= D("0.01")


# -- words ---------------------------------------------------------------------------------

def test_describe_policy():
    text = describe_policy(Policy(D(15), True, TIERS_50_25), "KZT")
    assert text.startswith(
        "An administration fee of 15% of gross income is retained by the technology-transfer office. "
        "Patent and other recoverable costs are then deducted"
    )
    assert ("Of the remaining income the inventors receive 50% of the first 100 000.00 KZT of "
            "cumulative income and 25% above that, divided among them in proportion to their "
            "contributions; the rest is divided among the other beneficiaries in proportion to "
            "their shares.") in text
    steps3 = (Tier(D(100000), D(40)), Tier(D(500000), D(35)), Tier(None, D(30)))
    text = describe_policy(Policy(inventor_tiers=steps3), "USD")
    assert "No administration fee" in text
    assert "40% of the first 100 000.00 USD of cumulative income, 35% of the part from " \
           "100 000.00 USD to 500 000.00 USD and 30% above that" in text
    text = describe_policy(Policy(admin_fee_percent=D("12.5")), "JPY")
    assert "12.5%" in text and "in proportion to their shares" in text
    with pytest.raises(ValueError, match="unknown currency"):
        describe_policy(Policy(), "XXX")
