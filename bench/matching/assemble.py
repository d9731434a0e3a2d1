"""Write ``judged.json`` from the hand-written modules of ``bench/matching/hand``.

Nothing is generated: every offer, request and grade is written by hand in those modules;
this only numbers them, checks them (unique keys, judged offers that exist, known regions,
TRL 1–9, well-formed codes) and writes the JSON the evaluator reads. Run
``python -m bench.matching.assemble`` after editing a module; the JSON is kept in the
repository and a test checks that the two agree.
"""
from __future__ import annotations

import importlib
import json
from pathlib import Path

from consortium.catalogue.taxonomy import FIELD_LABELS, REGIONS, valid_grnti, valid_oked

OUT = Path(__file__).with_name("judged.json")
MODULES = ("mining", "agriculture", "oil_gas", "medicine", "it", "materials", "energy",
           "water", "other", "more", "held_out", "held_out_2", "held_out_3", "held_out_4")
#: the modules of held-out requests, each reported as its own group by ``evaluate``
HELD_OUT = ("held_out", "held_out_2", "held_out_3", "held_out_4")
ABOUT = ("Hand-written judged set for matchmaking (issue 18): offers and requests written "
         "with an LLM by the team, graded 0/1/2 by meaning by the authors; not generated from "
         "the glossary. Needs review by domain experts. See bench/matching/README.md.")


def _parts():
    for name in MODULES:
        mod = importlib.import_module(f"bench.matching.hand.{name}")
        if hasattr(mod, "BY_FIELD"):
            for field, (offers, requests) in mod.BY_FIELD.items():
                yield name, field, offers, requests
        else:
            yield name, mod.FIELD, mod.OFFERS, mod.REQUESTS


def _codes(text: str, valid) -> list[str]:
    codes = text.split()
    bad = [c for c in codes if not valid(c)]
    assert not bad, f"bad codes {bad}"
    return codes


def assemble() -> dict:
    offers: list[dict] = []
    raw_requests: list[tuple[str, tuple, bool]] = []
    ids: dict[str, int] = {}
    for _module, field, offer_rows, request_rows in _parts():
        assert field in FIELD_LABELS, field
        for key, lang, trl, region, oked, grnti, title, summary, keywords in offer_rows:
            assert key not in ids, f"duplicate offer {key}"
            assert lang in ("kk", "ru", "en") and 1 <= trl <= 9 and region in REGIONS, key
            ids[key] = len(offers) + 1
            offers.append({
                "id": ids[key], "key": key, "field": field, "language": lang, "title": title,
                "summary": summary, "keywords": [k.strip() for k in keywords.split(",")],
                "sector_codes": _codes(oked, valid_oked),
                "science_codes": _codes(grnti, valid_grnti), "trl": trl, "region": region})
        batch = _module if _module in HELD_OUT else "development"
        raw_requests += [(field, row, batch) for row in request_rows]
    requests: list[dict] = []
    seen: set[str] = set()
    for field, (key, lang, trl, region, oked, title, problem, makes, tried, solved,
                judged), batch in raw_requests:
        assert key not in seen, f"duplicate request {key}"
        assert lang in ("kk", "ru", "en") and 1 <= trl <= 9 and region in REGIONS, key
        seen.add(key)
        relevance: dict[str, int] = {}
        negatives: list[int] = []
        for item in judged.split():
            okey, grade = item.rsplit(":", 1)
            assert okey in ids, f"{key}: no offer {okey}"
            if int(grade):
                assert int(grade) in (1, 2), item
                relevance[str(ids[okey])] = int(grade)
            else:
                negatives.append(ids[okey])
        assert 2 in relevance.values(), f"{key}: no offer solves it"
        requests.append({
            "id": len(requests) + 1, "key": key, "field": field, "language": lang,
            "title": title, "problem": problem, "makes": makes, "tried": tried,
            "solved": solved, "sector_codes": _codes(oked, valid_oked), "trl_min": trl,
            "region": region, "relevance": relevance, "hard_negatives": negatives,
            "held_out": batch in HELD_OUT, "batch": batch})
    return {"about": ABOUT, "offers": offers, "requests": requests}


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    data = assemble()
    OUT.write_text(dump(data))
    print(f"{len(data['offers'])} offers, {len(data['requests'])} requests -> {OUT}")
