"""Fields, languages, regions and readiness stages of the catalogue."""
from __future__ import annotations

import re

from workflows.errors import N_
from workflows.readiness import TRL_STAGES

FIELDS = (("mining", N_("Mining and metallurgy")), ("agriculture", N_("Agriculture and food")),
          ("oil_gas", N_("Oil and gas")), ("medicine", N_("Medicine and health")),
          ("it", N_("Information technology")), ("materials", N_("Materials and chemistry")),
          ("energy", N_("Energy")), ("water", N_("Water")), ("other", N_("Other")))
FIELD_LABELS = dict(FIELDS)
LANGUAGES = (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English"))
#: regions of Kazakhstan (and the cities of republican significance)
REGIONS = ("Abai", "Akmola", "Aktobe", "Almaty region", "Atyrau", "East Kazakhstan", "Zhambyl",
           "Zhetisu", "West Kazakhstan", "Karaganda", "Kostanay", "Kyzylorda", "Mangystau",
           "Pavlodar", "North Kazakhstan", "Turkistan", "Ulytau", "Astana", "Almaty",
           "Shymkent")
#: the four stages of the catalogue: key -> (TRL levels, label)
STAGES = {key: (levels, label) for levels, key, label in TRL_STAGES}
STAGE_KEYS = tuple(STAGES)

_OKED = re.compile(r"^\d{2}(\.\d{1,2}(\.\d{1,2})?)?$")
_GRNTI = re.compile(r"^\d{2}(\.\d{2}(\.\d{2})?)?$")


def stage_of(trl: int | None) -> str | None:
    for key, (levels, _) in STAGES.items():
        if trl in levels:
            return key
    return None


def valid_oked(code: str) -> bool:
    return bool(_OKED.match(code))


def valid_grnti(code: str) -> bool:
    return bool(_GRNTI.match(code))
