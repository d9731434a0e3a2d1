"""The patent offices' deadline rules: the one office table and the due dates of a family."""
from __future__ import annotations

import datetime as dt

import pytest

from consortium.docket import rules
from consortium.docket.rules import Filing, add_months, family_dues, national_phase_due

D = dt.date


def test_pct_national_phase_30_months_and_eapo_31_from_priority():
    priority = D(2026, 3, 10)
    assert national_phase_due(priority, "US") == D(2028, 9, 10)  # 30, the PCT's own limit
    assert national_phase_due(priority, "XX") == D(2028, 9, 10)  # an office not in the table
    assert national_phase_due(priority, "EAPO") == D(2028, 10, 10)  # 31
    assert rules.OFFICES["EAPO"].national_phase_months == 31
    assert rules.PCT_DEFAULT_MONTHS == 30


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2026, 1, 31), 1, D(2026, 2, 28)), (D(2027, 8, 31), 6, D(2028, 2, 29)),
    (D(2026, 3, 10), 12, D(2027, 3, 10)), (D(2026, 11, 30), 14, D(2028, 1, 30))])
def test_months_are_calendar_months_clamped_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def _by_kind(dues, kind):
    return [d for d in dues if d.kind == kind]


def test_a_pct_application_gives_30_and_31_month_entries_from_the_earliest_priority():
    family = [Filing(1, "KZ", D(2026, 3, 10)),
              Filing(2, "PCT", D(2027, 3, 1), priority_dates=(D(2026, 3, 10),))]
    phases = _by_kind(family_dues(family), "national_phase")
    assert [(d.due, d.params["months"]) for d in phases] == [(D(2028, 9, 10), 30),
                                                            (D(2028, 10, 10), 31)]
    # KZ was entered already (the national application): only the others are listed
    assert "KZ" not in phases[1].params["offices"].split(", ")
    assert "EAPO" in phases[1].params["offices"]


def test_annuities_yearly_from_the_filing_date_for_kazpatent_and_eapo_only():
    dues = family_dues([Filing(1, "KZ", D(2026, 3, 10)), Filing(2, "EAPO", D(2026, 4, 1)),
                        Filing(3, "EP", D(2026, 4, 2))])
    kz = [d.due for d in _by_kind(dues, "annuity") if d.filing_id == 1]
    assert kz[:3] == [D(2026, 3, 10), D(2027, 3, 10), D(2028, 3, 10)]
    assert len(kz) == rules.ANNUITY_YEARS
    eapo = [d for d in _by_kind(dues, "annuity") if d.filing_id == 2]
    assert eapo[0].due == D(2028, 4, 1) and eapo[0].params["year"] == 3
    assert not [d for d in _by_kind(dues, "annuity") if d.filing_id == 3]


def test_priority_year_while_nothing_was_filed_abroad():
    dues = family_dues([Filing(1, "KZ", D(2026, 3, 10))])
    [year] = _by_kind(dues, "priority_year")
    assert year.due == D(2027, 3, 10)
    abroad = family_dues([Filing(1, "KZ", D(2026, 3, 10)),
                          Filing(2, "PCT", D(2027, 3, 1), priority_dates=(D(2026, 3, 10),))])
    assert not _by_kind(abroad, "priority_year")


def test_office_action_response_date_and_closed_filings():
    dues = family_dues([Filing(1, "EP", D(2026, 3, 10), office_action_due=D(2027, 1, 15))])
    assert [d.due for d in _by_kind(dues, "office_action")] == [D(2027, 1, 15)]
    assert family_dues([Filing(1, "KZ", D(2026, 3, 10), status="withdrawn")]) == []


def test_dues_are_soonest_first():
    dues = family_dues([Filing(1, "KZ", D(2026, 3, 10)),
                        Filing(2, "PCT", D(2027, 3, 1), priority_dates=(D(2026, 3, 10),))])
    assert [d.due for d in dues] == sorted(d.due for d in dues)
