"""Match quality on the judged set: the app's ranker against plain BM25.

nDCG@5 (graded 0/1/2), precision@3 and MRR (an offer of grade 1 or 2 is relevant), over all
requests and over cross-language pairs only (each request ranked against the offers written
in the other two languages). The ranker is the app's: the same text pipeline
(:mod:`consortium.catalogue.search`) and the same score (:mod:`consortium.catalogue.matching`).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from consortium.catalogue import matching, search
from consortium.catalogue.models import OFFER_SECONDARY, REQUEST_SECONDARY

JUDGED = Path(__file__).with_name("judged.json")
#: the held-out batches (``hand/held_out.py``: written after the glossary was frozen;
#: ``hand/held_out_2.py``: written before the stemmer's short-stem rules were changed;
#: ``hand/held_out_3.py``: written by a helper who had seen neither the ranker nor a figure)
HELD_OUT = ("held_out", "held_out_2", "held_out_3", "held_out_4")
#: group -> ranked against the offers in the other languages only
GROUPS = (("overall", False), ("cross_language", True)) + tuple((h, False) for h in HELD_OUT)
_WORD = re.compile(r"[^\W_]+")


def load() -> dict:
    return json.loads(JUDGED.read_text())


class BM25:
    """Okapi BM25 over lower-cased words (the same stop words dropped), no stemming."""

    def __init__(self, docs: dict[int, str], k1: float = 1.2, b: float = 0.75):
        self.tf = {i: Counter(self.tokens(t)) for i, t in docs.items()}
        self.len = {i: sum(c.values()) for i, c in self.tf.items()}
        self.avg = sum(self.len.values()) / max(1, len(self.len))
        df = Counter(w for c in self.tf.values() for w in c)
        n = len(docs)
        self.idf = {w: math.log(1 + (n - d + 0.5) / (d + 0.5)) for w, d in df.items()}
        self.k1, self.b = k1, b

    @staticmethod
    def tokens(text: str) -> list[str]:
        return [w for w in _WORD.findall(text.lower()) if w not in search.STOPWORDS]

    def score(self, query: str, i: int) -> float:
        tf, dl = self.tf[i], self.len[i]
        s = 0.0
        for w in set(self.tokens(query)):
            f = tf.get(w)
            if f:
                s += self.idf[w] * f * (self.k1 + 1) / (
                    f + self.k1 * (1 - self.b + self.b * dl / self.avg))
        return s


def _offer_parts(o: dict) -> list[str]:
    # what the app indexes of an offer (Offer.refresh_derived)
    return [o["title"], o["summary"], " ".join(o.get("keywords") or [])]


def _request_parts(r: dict) -> list[str]:
    # what the app indexes of a request (TechRequest.refresh_derived): the problem and the
    # guided form's answers (what it makes, what it tried, what "solved" means)
    return [r["title"], r["problem"], r.get("makes") or "", r.get("tried") or "",
            r.get("solved") or ""]


def _offer_text(o: dict) -> str:
    return " ".join(_offer_parts(o))


def _request_text(r: dict) -> str:
    return " ".join(_request_parts(r))


def offer_features(o: dict) -> matching.Features:
    text = search.index_text(_offer_parts(o), language=o["language"],
                             field=o["field"], sector_codes=o["sector_codes"],
                             science_codes=o["science_codes"], secondary=OFFER_SECONDARY)
    return matching.features_of(text, field=o["field"], trl=o["trl"], region=o["region"])


def request_features(r: dict) -> matching.Features:
    # "what it makes" is the request's background, as the app indexes it
    text = search.index_text(_request_parts(r), language=r["language"],
                             field=r["field"], sector_codes=r["sector_codes"],
                             secondary=REQUEST_SECONDARY)
    return matching.features_of(text, field=r["field"], trl=r["trl_min"], region=r["region"])


def _ndcg(grades: list[int], ideal: list[int], k: int = 5) -> float:
    def dcg(gs):
        return sum((2 ** g - 1) / math.log2(n + 2) for n, g in enumerate(gs[:k]))
    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best else 0.0


def _metrics(ranked: list[int], rel: dict[int, int], pool: list[int]) -> dict:
    grades = [rel.get(i, 0) for i in ranked]
    first = next((n for n, g in enumerate(grades) if g > 0), None)
    return {"ndcg5": _ndcg(grades, [rel.get(i, 0) for i in pool]),
            "p3": sum(1 for g in grades[:3] if g > 0) / 3,
            "mrr": 1 / (first + 1) if first is not None else 0.0}


def _mean(rows: list[dict]) -> dict:
    return {k: round(sum(r[k] for r in rows) / len(rows), 3) for k in rows[0]} if rows else {}


def evaluate(data: dict | None = None,
             extra: dict[str, Callable[[dict, list[int]], list[int]]] | None = None) -> dict:
    """Every group's figures for BM25, the ranker and the ranker on text only; ``extra``: more
    rankings to measure the same way, by name (``fn(request, pool)`` -> the pool's offer ids
    best first; see ``embedding.py``)."""
    data = data or load()
    extra = extra or {}
    offers = {o["id"]: o for o in data["offers"]}
    bm25 = BM25({i: _offer_text(o) for i, o in offers.items()})
    feats = {i: offer_features(o) for i, o in offers.items()}
    out: dict = {"offers": len(offers), "requests": len(data["requests"])}
    for label, cross in GROUPS:
        rows: dict[str, list[dict]] = {
            name: [] for name in ("bm25", "ranker", "ranker_text_only", *extra)}
        for r in data["requests"]:
            if label in HELD_OUT and r.get("batch") != label:
                continue  # only the requests of that held-out batch
            rel = {int(k): v for k, v in r["relevance"].items()}
            pool = [i for i, o in offers.items() if not cross or o["language"] != r["language"]]
            if not any(rel.get(i) for i in pool):
                continue  # nothing relevant in the other languages: nothing to measure
            query = _request_text(r)
            base = sorted(pool, key=lambda i: (-bm25.score(query, i), i))
            rf = request_features(r)
            ours = sorted(pool, key=lambda i: (-matching.score(rf, feats[i])[0], i))
            # the same ranker without the field and the codes: what the text and glossary do
            bare = matching.Features(rf.stems, rf.concepts, None, set(), set(), rf.trl, None,
                                     loans=rf.loans, secondary=rf.secondary)
            text_only = sorted(pool, key=lambda i: (-matching.score(bare, feats[i])[0], i))
            rows["bm25"].append(_metrics(base, rel, pool))
            rows["ranker"].append(_metrics(ours, rel, pool))
            rows["ranker_text_only"].append(_metrics(text_only, rel, pool))
            for name, rank in extra.items():
                rows[name].append(_metrics(rank(r, pool), rel, pool))
        out[label] = {name: _mean(v) for name, v in rows.items()}
        out[f"{label}_requests"] = len(rows["bm25"])
    return out


if __name__ == "__main__":
    print(json.dumps(evaluate(), indent=2))
