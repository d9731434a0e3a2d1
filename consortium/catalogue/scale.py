"""Many offers and requests at once, for ``demo load --scale N`` and the bench.

Rows are written with bulk inserts (their search text computed by the same pipeline), not
through the workflow: a scale load is data, not a history of publications.
"""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select

from ..db import utcnow
from ..extensions import db
from ..glossary import CONCEPTS
from . import search
from .matching import rebuild_postings
from .models import Offer, TechRequest
from .taxonomy import stage_of

#: glossary concepts by field (the glossary's order)
FIELD_CONCEPTS = {
    "mining": ["ore_flotation", "tailings", "leaching", "copper", "gold", "rock_stability", "dust"],
    "agriculture": ["seed", "wheat", "drought", "fertilizer", "soil", "livestock", "veterinary",
                    "pest", "greenhouse", "biodegradable"],
    "oil_gas": ["oil_recovery", "oil", "gas", "corrosion", "pipeline", "drilling", "paraffin",
                "oil_spill", "sulfur"],
    "medicine": ["diagnostics", "tuberculosis", "vaccine", "antibiotic", "implant", "wound",
                 "diabetes", "cancer", "telemedicine"],
    "it": ["machine_learning", "computer_vision", "sensor", "cybersecurity", "drone",
           "language_tech", "predictive_maintenance"],
    "materials": ["polymer", "composite", "coating", "ceramic", "concrete", "nanomaterial",
                  "wool_keratin"],
    "energy": ["solar", "wind", "battery", "coal", "power_grid", "heat", "hydrogen",
               "energy_efficiency"],
    "water": ["water_treatment", "desalination", "irrigation", "wastewater", "heavy_metals",
              "groundwater", "water"],
}
OKED = {"mining": "07.29", "agriculture": "01.11", "oil_gas": "06.10", "medicine": "21.20",
        "it": "62.01", "materials": "20.30", "energy": "35.11", "water": "36.00"}
_LANGS = ("kk", "ru", "en")
_JOIN = {"en": " and ", "ru": " и ", "kk": " және "}


def _texts(rng: random.Random, field: str) -> tuple[str, str, str, list[str]]:
    lang = rng.choice(_LANGS)
    keys = rng.sample(FIELD_CONCEPTS[field], 3)
    terms = [rng.choice(CONCEPTS[k][lang]) for k in keys]
    title = terms[0][:1].upper() + terms[0][1:] + _JOIN[lang] + terms[1]
    body = f"{title}. {terms[2]}. {field} {rng.randint(1, 99999)}"
    return lang, title, body, keys


def load_catalogue(offers: int, requests: int, organization_ids: list[int], user_id: int,
                   *, seed: int = 18, batch: int = 5000, postings: bool = True) -> None:
    """Insert ``offers`` published offers and ``requests`` open requests, spread over
    ``organization_ids`` and the fields, in the current transaction (``postings``: and write
    every record's concept postings again, which a caller loading in parts does once)."""
    rng = random.Random(seed)
    now = utcnow()
    fields = list(FIELD_CONCEPTS)
    rows: list[dict] = []

    def flush(model) -> None:
        if rows:
            db.session.execute(insert(model), rows)
            rows.clear()
    for n in range(offers):
        f = fields[n % len(fields)]
        lang, title, body, _ = _texts(rng, f)
        trl = rng.randint(1, 9)
        rows.append({
            "title": title, "summary": body, "kind": "technology" if n % 3 else "rd_service",
            "field": f, "keywords": [], "sector_codes": [OKED[f]], "science_codes": [],
            "trl": trl, "stage_key": stage_of(trl), "language": lang, "region": None,
            "ip_status": "none", "confirmed_public": False,
            "organization_id": organization_ids[n % len(organization_ids)],
            "created_by_id": user_id, "state": "published", "version": 1,
            "search_text": search.index_text([title, body], language=lang, field=f,
                                             sector_codes=[OKED[f]]),
            "created_at": now, "updated_at": now, "published_at": now - dt.timedelta(
                minutes=n)})
        if len(rows) >= batch:
            flush(Offer)
    flush(Offer)
    for n in range(requests):
        f = fields[n % len(fields)]
        lang, title, body, _ = _texts(rng, f)
        rows.append({
            "title": title, "problem": body, "field": f, "keywords": [],
            "sector_codes": [OKED[f][:2]], "science_codes": [], "trl_min": rng.randint(3, 7),
            "language": lang, "organization_id": organization_ids[(n + 1) % len(
                organization_ids)], "created_by_id": user_id, "state": "open", "version": 1,
            "search_text": search.index_text([title, body], language=lang, field=f,
                                             sector_codes=[OKED[f][:2]]),
            "created_at": now, "updated_at": now, "published_at": now})
        if len(rows) >= batch:
            flush(TechRequest)
    flush(TechRequest)
    db.session.flush()
    if postings:  # bulk inserts pass by the ORM's flush, which keeps them otherwise
        rebuild_postings(batch)


def published_count() -> int:
    return len(db.session.scalars(select(Offer.id).where(Offer.state == "published")).all())
