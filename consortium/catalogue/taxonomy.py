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
#: regions of Kazakhstan (and the cities of republican significance): what is stored, and its
#: name as a page shows it, translated (the message is the stored name)
REGIONS = (N_("Abai"), N_("Akmola"), N_("Aktobe"), N_("Almaty region"), N_("Atyrau"),
           N_("East Kazakhstan"), N_("Zhambyl"), N_("Zhetisu"), N_("West Kazakhstan"),
           N_("Karaganda"), N_("Kostanay"), N_("Kyzylorda"), N_("Mangystau"), N_("Pavlodar"),
           N_("North Kazakhstan"), N_("Turkistan"), N_("Ulytau"), N_("Astana"), N_("Almaty"),
           N_("Shymkent"))
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
