"""Royalty periods, the royalty due on net sales, and the minimum annual royalty per year.

Rules (the licence page and the report form's field note say the same):

* A period is a calendar quarter ``2026-Q3`` or a calendar year ``2026``. It must overlap
  the licence term (from the activation day to the day the term ends) and may be reported
  once: no two reports of a licence cover the same day. A correction is an amendment of
  that report.
* The royalty due is net sales x the licence's royalty rate, rounded half up to the minor
  unit of the licence's currency.
* The minimum annual royalty applies per calendar year of the term; a year the term covers
  only in part owes it pro rata to the days covered (rounded half up to the minor unit).
  Royalties paid for the periods of a year are credited against it; the year's shortfall is
  what remains unpaid of the larger of the royalties due and the minimum.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from workflows.errors import N_, invalid

from .. import money

_PERIOD = re.compile(r"(\d{4})(?:-Q([1-4]))?", re.ASCII)


@dataclass(frozen=True)
class Period:
    code: str  #: "2026-Q3" or "2026"
    start: dt.date
    last: dt.date  #: the period's last day

    @property
    def year(self) -> int:
        return self.start.year

    def overlaps(self, start: dt.date, last: dt.date) -> bool:
        return self.start <= last and start <= self.last


#: the licence agreement's reporting clause: a royalty report for each calendar quarter,
#: within this many days after the quarter ends (the clause prints the same number: a test
#: compares them)
REPORT_DUE_DAYS = 60


def quarter_of(day: dt.date) -> Period:
    """The calendar quarter ``day`` falls in."""
    return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")


def report_due(today: dt.date) -> tuple[Period, dt.date]:
    """The quarter whose royalty report is due next as of ``today``, and its due date: the
    last quarter that ended, while its reporting time runs; after it, the current one."""
    current = quarter_of(today)
    previous = quarter_of(current.start - dt.timedelta(days=1))
    due = previous.last + dt.timedelta(days=REPORT_DUE_DAYS)
    if today <= due:
        return previous, due
    return current, current.last + dt.timedelta(days=REPORT_DUE_DAYS)


def parse_period(raw: str) -> Period:
    """``"2026-Q3"`` or ``"2026"`` as a period, or ``ValueError`` saying what is expected."""
    m = _PERIOD.fullmatch(raw.strip().upper()) if isinstance(raw, str) else None
    if m is None or not 1900 <= int(m.group(1)) <= 9999:
        raise invalid(N_("must be a calendar quarter such as 2026-Q3 or a calendar year "
                         "such as 2026"))
    year = int(m.group(1))
    if m.group(2) is None:
        return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))
    q = int(m.group(2))
    start = dt.date(year, 3 * q - 2, 1)
    last = (dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)) \
        - dt.timedelta(days=1)
    return Period(f"{year}-Q{q}", start, last)


def _rounded(value: Decimal, currency: str) -> Decimal:
    places = money.minor_units(currency)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def royalty_due(net_sales: Decimal, rate_percent: Decimal | None, currency: str) -> Decimal:
    """Net sales x rate, rounded half up to the currency's minor unit."""
    return _rounded(Decimal(net_sales) * Decimal(rate_percent or 0) / 100, currency)


def royalty_due_with_sublicences(net_sales: Decimal, rate_percent: Decimal | None,
                                 sublicence_income: Decimal | None,
                                 share_percent: Decimal | None, currency: str) -> Decimal:
    """Net sales x rate plus sublicence income x the licensor's share, each rounded half up
    to the currency's minor unit."""
    due = royalty_due(net_sales, rate_percent, currency)
    if sublicence_income:
        due += _rounded(Decimal(sublicence_income) * Decimal(share_percent or 0) / 100,
                        currency)
    return due


def parse_sales_by_country(raw: str, currency: str) -> list[dict]:
    """``"KZ 120 1500000.00; UZ 10 200000"`` (country, units, amount per line or ``;``)
    as ``[{"country", "units", "amount"}]``, or ``ValueError`` saying what is expected."""
    out: list[dict] = []
    seen: set[str] = set()
    places = money.minor_units(currency)
    for line in re.split(r"[;\n]+", raw or ""):
        parts = line.replace(",", " ").split()
        if not parts:
            continue
        if len(parts) != 3 or not re.fullmatch(r"[A-Za-z]{2}", parts[0]) \
                or not parts[1].isascii() or not parts[1].isdigit():
            raise invalid(N_("each line must be a country code, the units sold and the "
                             "amount invoiced, such as: KZ 120 1500000.00"))
        code = parts[0].upper()
        if code in seen:
            raise invalid(N_("%(code)s is listed twice"), code=code)
        seen.add(code)
        try:
            amount = Decimal(parts[2])
        except ArithmeticError:
            raise invalid(N_("each line must be a country code, the units sold and the "
                             "amount invoiced, such as: KZ 120 1500000.00")) from None
        if not amount.is_finite() or amount < 0 or -amount.as_tuple().exponent > places:
            raise invalid(N_("%(code)s: the amount must be a sum of money of at most "
                             "%(places)s decimals"), code=code, places=places)
        out.append({"country": code, "units": int(parts[1]), "amount": f"{amount:.{places}f}"})
    if not out:
        raise invalid(N_("list at least one country"))
    return out


def minimum_for_year(minimum: Decimal | None, year: int, start: dt.date, end: dt.date,
                     currency: str) -> Decimal:
    """The minimum annual royalty owed for ``year`` of a term from ``start`` to ``end``
    (exclusive), pro rata to the days of the year the term covers."""
    if not minimum:
        return _rounded(Decimal(0), currency)
    first, after = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    covered = (min(after, end) - max(first, start)).days
    if covered <= 0:
        return _rounded(Decimal(0), currency)
    return _rounded(Decimal(minimum) * covered / (after - first).days, currency)


@dataclass(frozen=True)
class RoyaltyYear:
    year: int
    minimum_due: Decimal
    royalties_due: Decimal
    paid: Decimal

    @property
    def shortfall(self) -> Decimal:
        return max(max(self.minimum_due, self.royalties_due) - self.paid, Decimal(0))


def royalty_years(start: dt.date, end: dt.date, minimum: Decimal | None, currency: str,
                  reports, today: dt.date) -> list[RoyaltyYear]:
    """Each calendar year of the term up to ``today``'s (and any year already reported)."""
    reported = {r.period_start.year for r in reports}
    last_year = min((end - dt.timedelta(days=1)).year, max(today.year, start.year))
    years = sorted({y for y in range(start.year, last_year + 1)} | reported)
    out = []
    for year in years:
        mine = [r for r in reports if r.period_start.year == year]
        out.append(RoyaltyYear(
            year, minimum_for_year(minimum, year, start, end, currency),
            sum((Decimal(r.royalty_due) for r in mine), Decimal(0)),
            sum((Decimal(r.amount_paid) for r in mine), Decimal(0))))
    return out
