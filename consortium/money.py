"""Exact money arithmetic and income distribution for benefit-sharing plans, and the one
formatter of amounts for people (pages, documents, policy texts).

Pure Python, no Flask and no database. Amounts enter and leave as :class:`~decimal.Decimal`
in major units of an ISO 4217 currency (``Decimal("1234.50")`` KZT) and are computed as
``int`` minor units in between; no ``float`` is ever used, and no step depends on the
decimal context's precision.

Rounding rules (all deterministic: the same input always gives the same output):

* :func:`split` -- largest remainder (Hamilton): every part is its exact proportional
  value rounded down to the minor unit; the units left over go one each to the parts with
  the largest remainders, ties to the part listed first. Parts always add up to the total
  and each differs from its exact value by less than one minor unit.
* Administration fee -- gross income is split between the fee (weight ``fee%``) and the
  rest (weight ``100 - fee%``), fee listed first. The fee is thus the exact fee rounded
  down, plus one minor unit when the dropped fraction is at least one half (an exact half
  goes to the fee); fee and rest add up exactly to gross.
* Tiered inventors' pool -- the tier percents are applied exactly (as rationals) to the
  parts of this payment's slice of cumulative income that fall in each tier, summed, and
  the sum is rounded down once to the minor unit; the fraction of a unit left over stays
  with the other beneficiaries. Rounding the exact total once (not each tier) keeps the
  pool within one minor unit of the policy, and monotonic: with decreasing tier percents,
  more cumulative income before a payment never gives the inventors more.
* Each group's pool is then :func:`split` among its members by their share percents.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from math import lcm
from types import MappingProxyType
from typing import Any, TypeVar

__all__ = [
    "KINDS",
    "MINOR_UNITS",
    "Beneficiary",
    "Distribution",
    "Line",
    "Policy",
    "Tier",
    "describe_policy",
    "distribute",
    "format_money",
    "from_minor",
    "minor_units",
    "split",
    "to_minor",
]

K = TypeVar("K", bound=Hashable)

#: ISO 4217 currency code -> number of minor-unit decimals
MINOR_UNITS: Mapping[str, int] = MappingProxyType({
    # the region and the usual partners
    "KZT": 2, "UZS": 2, "KGS": 2, "TJS": 2, "TMT": 2, "AZN": 2, "AMD": 2, "GEL": 2,
    "RUB": 2, "BYN": 2, "UAH": 2, "MNT": 2, "CNY": 2, "TRY": 2,
    "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "SEK": 2,
    "NOK": 2, "DKK": 2, "PLN": 2, "CZK": 2, "HUF": 2, "RON": 2, "BGN": 2, "ILS": 2,
    "INR": 2, "PKR": 2, "SGD": 2, "HKD": 2, "MYR": 2, "THB": 2, "IDR": 2, "PHP": 2,
    "AED": 2, "SAR": 2, "QAR": 2, "EGP": 2, "ZAR": 2, "BRL": 2, "MXN": 2, "ARS": 2,
    # no minor unit
    "JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "PYG": 0, "UGX": 0, "XOF": 0,
    "XAF": 0, "XPF": 0, "RWF": 0,
    # three decimals
    "KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "IQD": 3, "LYD": 3, "TND": 3,
})

#: the kinds of beneficiary a plan can name
KINDS: tuple[str, ...] = ("inventor", "department", "institution", "consortium_member")
_KIND_WORDS = {
    "inventor": "inventor",
    "department": "department",
    "institution": "institution",
    "consortium_member": "consortium member",
}

#: amounts and weights beyond these are refused as nonsense rather than computed slowly
_MAX_DIGITS_BEFORE_POINT = 24
_MAX_WEIGHT_DECIMALS = 40
_HUNDRED = Decimal(100)


# -- Decimal helpers ---------------------------------------------------------------------

def _decimal(value: Any, what: str) -> Decimal:
    """``value`` as a finite Decimal; ints are accepted, floats and bools are not."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be a Decimal (or int), not {type(value).__name__}")
    d = Decimal(value)
    if not d.is_finite():
        raise ValueError(f"{what} must be a finite number, not {d}")
    return d


def _trimmed(d: Decimal) -> tuple[int, tuple[int, ...], int]:
    """Sign, digits and exponent of ``d`` without trailing fractional zeros (exact)."""
    sign, digits, exp = d.as_tuple()
    assert isinstance(exp, int)
    digits = tuple(digits)
    while len(digits) > 1 and digits[-1] == 0 and exp < 0:
        digits = digits[:-1]
        exp += 1
    if digits == (0,):
        return 0, (0,), 0
    return sign, digits, exp


def _scaled(d: Decimal, places: int) -> int | None:
    """``d * 10**places`` as an int when that is exact, else None."""
    sign, digits, exp = _trimmed(d)
    if exp < -places:
        return None
    n: int = int("".join(map(str, digits))) * 10 ** (exp + places)
    return -n if sign else n


def _decimals(d: Decimal) -> int:
    """How many significant decimal places ``d`` has (``1.50`` has 1)."""
    return max(0, -_trimmed(d)[2])


def _plain(d: Decimal) -> str:
    """``d`` without exponent or trailing fractional zeros: ``15``, ``33.333``."""
    sign, digits, exp = _trimmed(d)
    return format(Decimal((sign, digits, exp)), "f")


def _check_size(d: Decimal, what: str) -> None:
    if d != 0 and d.adjusted() >= _MAX_DIGITS_BEFORE_POINT:
        raise ValueError(f"{what} {d} is too large")


def _percent(value: Any, what: str) -> Decimal:
    """A percentage between 0 and 100 inclusive, as Decimal."""
    d = _decimal(value, what)
    if not 0 <= d <= _HUNDRED:
        raise ValueError(f"{what} must be between 0 and 100, not {_plain(d)}")
    if _decimals(d) > _MAX_WEIGHT_DECIMALS:
        raise ValueError(f"{what} {d} has too many decimals")
    return d


def _integer_weights(values: list[Decimal]) -> list[int]:
    """The Decimals scaled by one common power of ten so that all are ints (exact)."""
    places = max((_decimals(v) for v in values), default=0)
    out = []
    for v in values:
        n = _scaled(v, places)
        assert n is not None
        out.append(n)
    return out


# -- currencies ----------------------------------------------------------------------------

def minor_units(code: str) -> int:
    """Number of decimals of ISO 4217 currency ``code``; ``ValueError`` if unknown."""
    if not isinstance(code, str) or code not in MINOR_UNITS:
        raise ValueError(
            f"unknown currency {code!r}: give an ISO 4217 code in capitals, such as KZT, USD or EUR"
        )
    return MINOR_UNITS[code]


def to_minor(amount: Decimal, currency: str, *, what: str = "amount") -> int:
    """``amount`` (major units) as an int number of minor units of ``currency``.

    Refuses negative amounts and amounts more precise than the currency
    (``1.005`` KZT); trailing zeros are not precision (``5.000`` JPY is 5 yen).
    """
    places = minor_units(currency)
    d = _decimal(amount, what)
    if d < 0:
        raise ValueError(f"{what} must not be negative: {_plain(d)} {currency}")
    _check_size(d, what)
    units = _scaled(d, places)
    if units is None:
        raise ValueError(
            f"{what} {d} {currency} has more decimals than {currency} allows ({places})"
        )
    return units


def from_minor(units: int, currency: str) -> Decimal:
    """``units`` minor units of ``currency`` as a Decimal with exactly its decimals."""
    places = minor_units(currency)
    if isinstance(units, bool) or not isinstance(units, int):
        raise TypeError(f"minor units must be an int, not {type(units).__name__}")
    return Decimal(f"{units}E-{places}") if places else Decimal(units)


def format_money(amount: Decimal, currency: str = "", *, thousands_sep: str = " ",
                 places: int | None = None) -> str:
    """``amount`` for people: ``"1 234 567.50 KZT"``, ``"1 235 JPY"``, ``"-0.50 USD"``.

    Without ``places`` the amount has its currency's decimals and must be exact to them
    (``ValueError`` otherwise). With ``places`` (pages and contract documents print two) it
    is rounded to them, half to even, and ``currency`` may be empty: digits only.
    """
    if places is None:
        places = minor_units(currency)
        d = _decimal(amount, "amount")
        if not to_minor(abs(d), currency):  # refuses more decimals than the currency has
            d = abs(d)  # "-0" is 0
    else:
        d = amount
    text = f"{d:,.{places}f}".replace(",", thousands_sep)
    return f"{text} {currency}" if currency else text


# -- apportionment -------------------------------------------------------------------------

def split(total_minor: int, weights: Iterable[tuple[K, Decimal]]) -> dict[K, int]:
    """Apportion ``total_minor`` units exactly among keys by non-negative ``weights``.

    Largest remainder: each part is rounded down, then the leftover units go one each to
    the largest remainders, ties to the earlier entry. The result keeps the order of
    ``weights``, sums exactly to the total and depends on nothing but the input.
    """
    if isinstance(total_minor, bool) or not isinstance(total_minor, int):
        raise TypeError(f"total must be an int number of minor units, not {type(total_minor).__name__}")
    if total_minor < 0:
        raise ValueError(f"cannot split a negative total ({total_minor})")
    pairs = list(weights)
    if not pairs:
        raise ValueError("nothing to split among: no weights given")
    keys = [k for k, _ in pairs]
    seen: set[Any] = set()
    for k in keys:
        if k in seen:
            raise ValueError(f"key {k!r} appears more than once in the weights")
        seen.add(k)
    values = []
    for k, w in pairs:
        d = _decimal(w, f"weight of {k!r}")
        if d < 0:
            raise ValueError(f"weight of {k!r} must not be negative ({_plain(d)})")
        _check_size(d, f"weight of {k!r}")
        if _decimals(d) > _MAX_WEIGHT_DECIMALS:
            raise ValueError(f"weight of {k!r} has too many decimals")
        values.append(d)
    ints = _integer_weights(values)
    whole = sum(ints)
    if whole == 0:
        raise ValueError("cannot split by weights that are all zero")
    parts: list[int] = []
    remainders: list[int] = []
    for n in ints:
        q, r = divmod(total_minor * n, whole)
        parts.append(q)
        remainders.append(r)
    left = total_minor - sum(parts)  # < len(parts), since each remainder < whole
    for i in sorted(range(len(parts)), key=lambda i: (-remainders[i], i))[:left]:
        parts[i] += 1
    return dict(zip(keys, parts, strict=True))


# -- policy and beneficiaries ------------------------------------------------------------

@dataclass(frozen=True)
class Tier:
    """Inventors get ``percent`` of cumulative income up to ``up_to`` (None: no limit)."""

    up_to: Decimal | None
    percent: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "percent", _percent(self.percent, "tier percent"))
        if self.up_to is not None:
            up_to = _decimal(self.up_to, "tier limit")
            if up_to <= 0:
                raise ValueError(f"tier limit must be positive, not {_plain(up_to)}")
            _check_size(up_to, "tier limit")
            object.__setattr__(self, "up_to", up_to)


@dataclass(frozen=True)
class Policy:
    """How a plan turns gross income into payments (see :func:`describe_policy`).

    ``inventor_tiers`` apply to cumulative distributable income in major units of the plan
    currency; limits must rise and the last tier must be open (``up_to=None``).
    """

    admin_fee_percent: Decimal = Decimal(0)
    cost_recovery: bool = False
    inventor_tiers: tuple[Tier, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "admin_fee_percent", _percent(self.admin_fee_percent, "administration fee percent")
        )
        if not isinstance(self.cost_recovery, bool):
            raise TypeError("cost_recovery must be True or False")
        tiers = tuple(self.inventor_tiers)
        for t in tiers:
            if not isinstance(t, Tier):
                raise TypeError(f"inventor_tiers must hold Tier objects, not {type(t).__name__}")
        if tiers:
            if tiers[-1].up_to is not None:
                raise ValueError(
                    "the last inventor tier must have no upper limit (up_to=None); "
                    "add Tier(None, 0) if inventors get nothing above it"
                )
            limits = [t.up_to for t in tiers[:-1]]
            if any(u is None for u in limits):
                raise ValueError("only the last inventor tier may have no upper limit")
            if any(a >= b for a, b in zip(limits, limits[1:], strict=False)):  # type: ignore[operator]
                raise ValueError("inventor tier limits must increase from one tier to the next")
        object.__setattr__(self, "inventor_tiers", tiers)


@dataclass(frozen=True)
class Beneficiary:
    """A payee of a plan and its share in percent (all shares of a plan total 100)."""

    key: Hashable
    kind: str
    label: str
    share_percent: Decimal

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"beneficiary kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        object.__setattr__(
            self, "share_percent", _percent(self.share_percent, f"share of {self.label or self.key!r}")
        )


@dataclass(frozen=True)
class Line:
    """One payee's amount in a distribution."""

    key: Hashable
    kind: str
    label: str
    share_percent: Decimal
    amount: Decimal


@dataclass
class Distribution:
    """The result of :func:`distribute`: every step from gross income to each payee."""

    currency: str
    gross: Decimal
    admin_fee: Decimal
    recovered_costs: Decimal
    unrecovered_costs: Decimal
    distributable: Decimal
    inventor_pool: Decimal | None
    lines: list[Line] = field(default_factory=list)
    steps: list[tuple[str, Decimal]] = field(default_factory=list)
    cumulative_before: Decimal = Decimal(0)
    cumulative_after: Decimal = Decimal(0)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; amounts are strings with the currency's decimals."""
        def s(d: Decimal | None) -> str | None:
            return None if d is None else format(d, "f")

        return {
            "currency": self.currency,
            "gross": s(self.gross),
            "admin_fee": s(self.admin_fee),
            "recovered_costs": s(self.recovered_costs),
            "unrecovered_costs": s(self.unrecovered_costs),
            "distributable": s(self.distributable),
            "inventor_pool": s(self.inventor_pool),
            "cumulative_before": s(self.cumulative_before),
            "cumulative_after": s(self.cumulative_after),
            "lines": [
                {
                    "key": ln.key,
                    "kind": ln.kind,
                    "label": ln.label,
                    "share_percent": _plain(ln.share_percent),
                    "amount": s(ln.amount),
                }
                for ln in self.lines
            ],
            "steps": [{"step": name, "amount": s(amount)} for name, amount in self.steps],
        }


def _check_beneficiaries(beneficiaries: Iterable[Beneficiary]) -> list[Beneficiary]:
    bens = list(beneficiaries)
    if not bens:
        raise ValueError("a distribution needs at least one beneficiary")
    for b in bens:
        if not isinstance(b, Beneficiary):
            raise TypeError(f"beneficiaries must be Beneficiary objects, not {type(b).__name__}")
    keys = [b.key for b in bens]
    if len(set(keys)) != len(keys):
        raise ValueError("each beneficiary must appear only once (duplicate key)")
    shares = [b.share_percent for b in bens]
    ints = _integer_weights([*shares, _HUNDRED])
    if sum(ints[:-1]) != ints[-1]:
        total = sum(shares, Decimal(0))  # display only
        raise ValueError(f"beneficiary shares must total exactly 100%, not {_plain(total)}%")
    return bens


def _tier_pool(
    tiers: tuple[Tier, ...], start: int, amount: int, currency: str
) -> tuple[int, list[tuple[str, Decimal]]]:
    """Inventors' pool (minor units) for income ``start .. start + amount``, with its steps.

    The exact tiered amount is rounded down once to the minor unit.
    """
    end = start + amount
    numerator = 0
    denominator = 1
    pieces: list[tuple[int, Decimal, int, int | None]] = []  # (part, percent, lo, hi)
    lo = 0
    for t in tiers:
        hi = None if t.up_to is None else to_minor(t.up_to, currency, what="tier limit")
        part = max(0, (end if hi is None else min(end, hi)) - max(start, lo))
        if part:
            pieces.append((part, t.percent, lo, hi))
        if hi is not None:
            lo = hi
    steps: list[tuple[str, Decimal]] = []
    for part, pct, lo, hi in pieces:
        n, d = pct.as_integer_ratio()
        common = lcm(denominator, d)
        numerator = numerator * (common // denominator) + part * n * (common // d)
        denominator = common
        if hi is None:
            where = f"above {format_money(from_minor(lo, currency), currency)}" if lo else "in the single tier"
        elif lo == 0:
            where = f"up to {format_money(from_minor(hi, currency), currency)}"
        else:
            where = (f"from {format_money(from_minor(lo, currency), currency)} "
                     f"to {format_money(from_minor(hi, currency), currency)}")
        steps.append((f"Income at {_plain(pct)}% to inventors (cumulative income {where})",
                      from_minor(part, currency)))
    return numerator // (denominator * 100), steps


def _payee_step(b: Beneficiary) -> str:
    return f"{b.label} ({_KIND_WORDS[b.kind]}, {_plain(b.share_percent)}%)"


def distribute(
    gross: Decimal,
    costs: Decimal,
    currency: str,
    policy: Policy,
    beneficiaries: Iterable[Beneficiary],
    cumulative_before: Decimal = Decimal(0),
) -> Distribution:
    """Distribute one payment of ``gross`` income under ``policy``, exactly.

    Gross -> administration fee -> cost recovery (``min(costs, what remains)`` when the
    policy recovers costs; the rest of the costs is reported as ``unrecovered_costs`` for
    the caller to carry forward) -> distributable -> inventors' tiered pool (when the
    policy has tiers) and the other beneficiaries' pool -> each payee by share.
    ``cumulative_before`` is the distributable income of earlier payments under the plan.
    Line amounts always sum exactly to the distributable income.
    """
    minor_units(currency)
    if not isinstance(policy, Policy):
        raise TypeError(f"policy must be a Policy, not {type(policy).__name__}")
    bens = _check_beneficiaries(beneficiaries)
    gross_m = to_minor(gross, currency, what="gross income")
    costs_m = to_minor(costs, currency, what="costs")
    before_m = to_minor(cumulative_before, currency, what="cumulative income before this payment")

    def m(units: int) -> Decimal:
        return from_minor(units, currency)

    fee_pct = policy.admin_fee_percent
    fee_m = split(gross_m, [("fee", fee_pct), ("rest", _HUNDRED - fee_pct)])["fee"]
    after_fee = gross_m - fee_m
    if policy.cost_recovery:
        recovered_m = min(costs_m, after_fee)
        unrecovered_m = costs_m - recovered_m
    else:
        recovered_m = unrecovered_m = 0
    dist_m = after_fee - recovered_m

    steps: list[tuple[str, Decimal]] = [
        ("Gross income", m(gross_m)),
        (f"Administration fee ({_plain(fee_pct)}% of gross income)", m(fee_m)),
    ]
    if policy.cost_recovery:
        steps.append(("Recovery of patent and other costs", m(recovered_m)))
        if unrecovered_m:
            steps.append(("Costs not yet recovered, carried forward", m(unrecovered_m)))
    else:
        steps.append(("Recovery of costs (not applied under this plan)", m(0)))
    steps.append(("Distributable income", m(dist_m)))

    amounts: dict[Hashable, int] = {}
    inventor_pool: Decimal | None = None
    if policy.inventor_tiers:
        inventors = [b for b in bens if b.kind == "inventor"]
        others = [b for b in bens if b.kind != "inventor"]
        has_inv = any(b.share_percent > 0 for b in inventors)
        has_oth = any(b.share_percent > 0 for b in others)
        if has_inv and has_oth:
            pool_m, tier_steps = _tier_pool(policy.inventor_tiers, before_m, dist_m, currency)
            steps.extend(tier_steps)
        elif has_inv:
            pool_m = dist_m
        else:
            pool_m = 0
        inventor_pool = m(pool_m)
        steps.append(("Inventors' pool", m(pool_m)))
        steps.append(("Other beneficiaries' pool", m(dist_m - pool_m)))
        for group, pool, present in ((inventors, pool_m, has_inv), (others, dist_m - pool_m, has_oth)):
            if present:
                amounts.update(split(pool, [(b.key, b.share_percent) for b in group]))
    else:
        amounts = split(dist_m, [(b.key, b.share_percent) for b in bens])

    lines = [Line(b.key, b.kind, b.label, b.share_percent, m(amounts.get(b.key, 0))) for b in bens]
    steps.extend((_payee_step(b), ln.amount) for b, ln in zip(bens, lines, strict=True))
    assert sum(amounts.values()) == dist_m and fee_m + recovered_m + dist_m == gross_m
    return Distribution(
        currency=currency,
        gross=m(gross_m),
        admin_fee=m(fee_m),
        recovered_costs=m(recovered_m),
        unrecovered_costs=m(unrecovered_m),
        distributable=m(dist_m),
        inventor_pool=inventor_pool,
        lines=lines,
        steps=steps,
        cumulative_before=m(before_m),
        cumulative_after=m(before_m + dist_m),
    )


# -- words -----------------------------------------------------------------------------------

def describe_policy(policy: Policy, currency: str) -> str:
    """The policy in plain words, for the plan document."""
    minor_units(currency)
    fee = policy.admin_fee_percent
    sentences: list[str] = []
    if fee:
        sentences.append(
            f"An administration fee of {_plain(fee)}% of gross income is retained by the "
            "technology-transfer office."
        )
    else:
        sentences.append("No administration fee is retained.")
    if policy.cost_recovery:
        sentences.append(
            f"Patent and other recoverable costs are {'then' if fee else 'first'} deducted; "
            "costs that exceed the income are carried forward to later income."
        )
    rest = "the remaining income" if fee or policy.cost_recovery else "the income"
    tiers = policy.inventor_tiers
    if not tiers:
        sentences.append(
            f"{rest[0].upper()}{rest[1:]} is divided among all beneficiaries, inventors "
            "included, in proportion to their shares."
        )
        return " ".join(sentences)

    def money(x: Decimal) -> str:
        return format_money(x, currency)

    if len(tiers) == 1:
        parts = f"{_plain(tiers[0].percent)}%"
    else:
        bits = []
        prev: Decimal | None = None
        for t in tiers:
            if prev is None:
                assert t.up_to is not None
                bits.append(f"{_plain(t.percent)}% of the first {money(t.up_to)} of cumulative income")
            elif t.up_to is None:
                bits.append(f"{_plain(t.percent)}% above that")
            else:
                bits.append(f"{_plain(t.percent)}% of the part from {money(prev)} to {money(t.up_to)}")
            prev = t.up_to
        parts = ", ".join(bits[:-1]) + " and " + bits[-1]
    sentences.append(
        f"Of {rest} the inventors receive {parts}, divided among them in proportion to "
        "their contributions; the rest is divided among the other beneficiaries in "
        "proportion to their shares."
    )
    return " ".join(sentences)
