"""Country and currency codes a licence may name, from CLDR's maintained lists (via Babel)."""
from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.core import get_global
from babel.numbers import get_territory_currencies

#: two-letter codes CLDR lists that are not ISO 3166-1 countries: exceptionally reserved
#: codes (AC, CP, CQ, DG, EA, IC, TA), groupings (EU, EZ, UN, QO), pseudo-locales (XA, XB),
#: a user-assigned code (XK) and "unknown" (ZZ)
NOT_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN",
                           "XA", "XB", "XK", "ZZ"})

#: every ISO 3166-1 alpha-2 code (249 countries and territories)
COUNTRIES: frozenset[str] = frozenset(
    code for code in Locale("en").territories
    if len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()
    and code not in NOT_COUNTRIES)

#: the territory that covers every country
WORLD = "WORLD"


def current_currencies(today: dt.date | None = None) -> frozenset[str]:
    """ISO 4217 codes legal tender somewhere today (no withdrawn codes such as SUR or DEM)."""
    today = today or dt.date.today()
    out: set[str] = set()
    for territory in get_global("territory_currencies"):
        out.update(get_territory_currencies(territory, today, tender=True))
    return frozenset(out)


#: computed once per process: the list changes only with a new CLDR release
CURRENCIES: frozenset[str] = current_currencies()


def is_country(code: str) -> bool:
    return code in COUNTRIES
