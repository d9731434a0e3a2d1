"""The patent offices' deadline rules, in one table, and the due dates of a patent family."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from workflows.errors import N_


@dataclass(frozen=True)
class Office:
    """One patent office and the rules the docket computes for it."""

    code: str
    name: str
    #: months from the earliest priority to enter the national (regional) phase of a PCT
    #: application before this office (PCT Art. 22/39: 30, many offices allow 31)
    national_phase_months: int | None
    #: annual maintenance fees (annuities), counted yearly from the filing date
    annuities: bool = False
    #: the first year for which an annuity is due (the anniversary starting it)
    first_annuity_year: int = 1


#: every office the docket knows; any other ISO 3166 code is a national office with the PCT
#: default of 30 months and no annuities computed here
OFFICES: dict[str, Office] = {o.code: o for o in (
    Office("KZ", "Kazpatent (National Institute of Intellectual Property, Kazakhstan)", 31,
           annuities=True),
    Office("EAPO", "Eurasian Patent Office", 31, annuities=True, first_annuity_year=3),
    Office("PCT", "PCT international application (WIPO)", None),
    Office("EP", "European Patent Office", 31),
    Office("RU", "Rospatent (Russia)", 31),
    Office("UZ", "Intellectual Property Agency (Uzbekistan)", 31),
    Office("KG", "Kyrgyzpatent (Kyrgyzstan)", 31),
    Office("CN", "CNIPA (China)", 30),
    Office("US", "USPTO (United States)", 30),
    Office("JP", "JPO (Japan)", 30),
    Office("KR", "KIPO (Republic of Korea)", 31),
)}
#: the PCT's own time limit for national phase entry (PCT Art. 22(1))
PCT_DEFAULT_MONTHS = 30
#: the Paris Convention's priority year (Art. 4C): 12 months to file abroad claiming priority
PRIORITY_MONTHS = 12
#: how many annuities the docket lists ahead (a patent lasts 20 years from filing)
ANNUITY_YEARS = 20

KINDS = {"invention": N_("Invention"), "utility_model": N_("Utility model")}
STATUSES = {"filed": N_("Filed"), "published": N_("Published"), "granted": N_("Granted"),
            "refused": N_("Refused"), "withdrawn": N_("Withdrawn"), "lapsed": N_("Lapsed")}
#: statuses after which a filing has no deadlines left
CLOSED = ("refused", "withdrawn", "lapsed")


def office(code: str) -> Office:
    """The office of ``code``: one of :data:`OFFICES`, else a national office by ISO code."""
    return OFFICES.get(code) or Office(code, code, PCT_DEFAULT_MONTHS)


def is_office_code(code: str) -> bool:
    return code in OFFICES or (len(code) == 2 and code.isascii() and code.isalpha()
                               and code.isupper())


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the 31st of a shorter month is its last day."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def national_phase_due(earliest_priority: dt.date, office_code: str) -> dt.date:
    """The national phase entry date of a PCT application before ``office_code``."""
    months = office(office_code).national_phase_months or PCT_DEFAULT_MONTHS
    return add_months(earliest_priority, months)


@dataclass(frozen=True)
class Filing:
    """What the rules read of one filing of a family."""

    id: int
    office: str
    filing_date: dt.date | None
    status: str = "filed"
    priority_dates: tuple[dt.date, ...] = ()
    office_action_due: dt.date | None = None

    @property
    def earliest_priority(self) -> dt.date | None:
        dates = [*self.priority_dates, *([self.filing_date] if self.filing_date else [])]
        return min(dates) if dates else None


@dataclass(frozen=True)
class Due:
    """One due date of a family: what falls due, for which filing, and the words saying so
    (an untranslated message and its parameters)."""

    filing_id: int
    due: dt.date
    kind: str  #: national_phase, annuity, office_action, priority_year
    message: str
    params: dict


def family_dues(filings: Sequence[Filing]) -> list[Due]:
    """Every due date of a patent family, soonest first; the rules are :data:`OFFICES`."""
    out: list[Due] = []
    live = [f for f in filings if f.status not in CLOSED and f.filing_date]
    entered = {f.office for f in live if f.office != "PCT"}
    for f in live:
        assert f.filing_date is not None
        if f.office == "PCT" and f.status != "granted":
            earliest = f.earliest_priority
            assert earliest is not None
            by_months: dict[int, list[str]] = {}
            for o in OFFICES.values():
                if o.national_phase_months and o.code not in entered:
                    by_months.setdefault(o.national_phase_months, []).append(o.code)
            by_months.setdefault(PCT_DEFAULT_MONTHS, [])
            for months, codes in sorted(by_months.items()):
                out.append(Due(f.id, add_months(earliest, months), "national_phase",
                               N_("PCT national phase entry at %(months)s months from "
                                  "priority (%(offices)s)"),
                               {"months": months,
                                "offices": ", ".join(codes) if months != PCT_DEFAULT_MONTHS
                                else ", ".join([*codes, "PCT Art. 22"])}))
        rules = office(f.office)
        if rules.annuities:
            for year in range(rules.first_annuity_year, ANNUITY_YEARS + 1):
                out.append(Due(f.id, add_months(f.filing_date, 12 * (year - 1)), "annuity",
                               N_("Annuity for patent year %(year)s (%(office)s)"),
                               {"year": year, "office": f.office}))
        if f.office_action_due:
            out.append(Due(f.id, f.office_action_due, "office_action",
                           N_("Office action response due (%(office)s)"),
                           {"office": f.office}))
    # The priority year of the family's first filing, while nothing was filed abroad yet.
    firsts = [f for f in live if not f.priority_dates]
    if firsts:
        first = min(firsts, key=lambda f: (f.filing_date, f.id))
        if not any(f.office != first.office for f in live):
            assert first.filing_date is not None
            out.append(Due(first.id, add_months(first.filing_date, PRIORITY_MONTHS),
                           "priority_year",
                           N_("Priority year ends: file abroad (PCT, EAPO, other offices) "
                              "claiming %(office)s priority"), {"office": first.office}))
    return sorted(out, key=lambda d: (d.due, d.filing_id, d.kind))
