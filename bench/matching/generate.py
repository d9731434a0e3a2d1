"""Write ``judged.json``: offers, requests and graded relevance, from ``concepts.py``.

Run ``python -m bench.matching.generate`` (deterministic: a fixed seed); the JSON is kept in
the repository. Relevance: 2 for an offer of the request's topic, 1 for an offer of another
topic of the same field sharing one of its concepts, 0 otherwise.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

from consortium.glossary import CONCEPTS

from .concepts import EXTRA, OFFER_TEMPLATES, REQUEST_TEMPLATES, TOPICS

OUT = Path(__file__).with_name("judged.json")
LANGS = ("kk", "ru", "en")
OFFERS_PER_TOPIC = 8
REQUESTS_PER_TOPIC = 2
REGIONS = ("Akmola", "Karaganda", "Atyrau", "Almaty", "Pavlodar", "Turkistan")


def _term(rng: random.Random, concept: str, lang: str, avoid: set[str]) -> str:
    words = list(CONCEPTS[concept][lang])
    extra = EXTRA.get(concept, {}).get(lang, [])
    pool = [w for w in words + extra if w not in avoid] or words
    if extra and rng.random() < 0.35:
        pool = [w for w in extra if w not in avoid] or pool
    return rng.choice(pool)


def _text(rng, templates, lang, concepts, avoid):
    terms = [_term(rng, c, lang, avoid) for c in concepts]
    a, b = terms[0], terms[1 % len(terms)]
    c = f", {terms[2]}" if len(terms) > 2 else ""
    title_t, body_t = templates[lang]
    title = title_t.format(A=a[:1].upper() + a[1:], B=b)
    return title, body_t.format(a=a, b=b, c=c), set(terms)


def generate(seed: int = 18) -> dict:
    rng = random.Random(seed)
    offers, requests = [], []
    topics = [(f, division, t) for f, (division, ts) in TOPICS.items() for t in ts]
    for f, division, (name, concepts, oked, grnti) in topics:
        for n in range(OFFERS_PER_TOPIC):
            lang = LANGS[(n + len(offers)) % 3]
            order = concepts[:]
            rng.shuffle(order)
            title, summary, _ = _text(rng, OFFER_TEMPLATES, lang, order, set())
            offers.append({
                "id": len(offers) + 1, "topic": name, "field": f, "language": lang,
                "title": title, "summary": summary,
                "sector_codes": [oked] if rng.random() < 0.6 else [division],
                "science_codes": [grnti] if rng.random() < 0.5 else [],
                "trl": rng.randint(2, 9), "region": rng.choice(REGIONS),
                "concepts": concepts})
    for f, division, (name, concepts, _oked, _grnti) in topics:
        for n in range(REQUESTS_PER_TOPIC):
            lang = LANGS[(n + len(requests) + 1) % 3]
            title, problem, _ = _text(rng, REQUEST_TEMPLATES, lang, concepts[::-1], set())
            rid = len(requests) + 1
            rel = {}
            for o in offers:
                if o["topic"] == name:
                    rel[o["id"]] = 2
                elif o["field"] == f and set(o["concepts"]) & set(concepts):
                    rel[o["id"]] = 1
            requests.append({
                "id": rid, "topic": name, "field": f, "language": lang, "title": title,
                "problem": problem, "sector_codes": [division], "trl_min": rng.randint(3, 6),
                "region": rng.choice(REGIONS), "relevance": {str(k): v for k, v in rel.items()}})
    return {"about": __doc__.strip().splitlines()[0], "seed": seed, "offers": offers,
            "requests": requests}


if __name__ == "__main__":
    data = generate()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(data['offers'])} offers, {len(data['requests'])} requests -> {OUT}")
