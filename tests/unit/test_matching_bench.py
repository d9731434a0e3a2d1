"""The judged matching set of bench/matching: kept in the repo, well formed, and the ranker
measured on it as `make bench` prints it (the figures themselves are the bench's)."""
from __future__ import annotations

from bench.matching import evaluate, generate


def test_the_judged_set_is_the_generated_one_and_big_enough():
    data = evaluate.load()
    assert data == __import__("json").loads(__import__("json").dumps(generate.generate()))
    assert len(data["offers"]) >= 300 and len(data["requests"]) >= 60
    assert {o["language"] for o in data["offers"]} == {"kk", "ru", "en"}
    assert {o["field"] for o in data["offers"]} >= {
        "mining", "agriculture", "oil_gas", "medicine", "it", "materials", "energy", "water"}
    for r in data["requests"]:
        assert set(r["relevance"].values()) <= {1, 2} and 2 in r["relevance"].values()


def test_the_ranker_and_the_baseline_are_measured_overall_and_across_languages():
    out = evaluate.evaluate()
    for label in ("overall", "cross_language"):
        for name in ("bm25", "ranker", "ranker_text_only"):
            assert set(out[label][name]) == {"ndcg5", "p3", "mrr"}
            assert all(0 <= v <= 1 for v in out[label][name].values())
