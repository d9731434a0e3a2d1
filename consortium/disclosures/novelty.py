"""The novelty deadline that a public disclosure starts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: months of grace many patent laws (Kazakhstan's, the US's, Eurasian) give after an
#: inventor's own public disclosure
GRACE_MONTHS = 12


@dataclass(frozen=True)
class NoveltyStatus:
    deadline: dt.date
    days_left: int
    sentence: str

    @property
    def expired(self) -> bool:
        return self.days_left < 0


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
            30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))


def novelty_status(public_disclosure: dt.date | None, today: dt.date) -> NoveltyStatus | None:
    """When the grace period ends, or None when nothing was disclosed."""
    if public_disclosure is None:
        return None
    deadline = _add_months(public_disclosure, GRACE_MONTHS)
    days = (deadline - today).days
    if days < 0:
        sentence = (f"Grace period ended on {deadline.isoformat()}: absolute novelty is lost "
                    "where no grace period applies, and the 12-month grace period has passed.")
    else:
        sentence = (f"File by {deadline.isoformat()} ({days} days left) to keep the 12-month "
                    "grace period; absolute novelty is already lost where no grace period "
                    "applies (e.g. under the European Patent Convention).")
    return NoveltyStatus(deadline, days, sentence)
