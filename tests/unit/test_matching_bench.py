"""The judged matching set of bench/matching: kept in the repo, written by hand (the JSON is
what ``bench.matching.assemble`` writes from ``bench/matching/hand``), well formed, and the
ranker measured on it as `make bench` prints it (the figures themselves are the bench's)."""
from __future__ import annotations

import re

from bench.matching import assemble, evaluate
from consortium.catalogue import matching, search

_KK = re.compile("[әғқңөұүһі]")


def test_the_judged_set_is_the_hand_written_one_and_big_enough():
    data = evaluate.load()
    assert evaluate.JUDGED.read_text() == assemble.dump(assemble.assemble())
    assert len(data["offers"]) >= 300 and len(data["requests"]) >= 60
    assert {o["field"] for o in data["offers"]} >= {
        "mining", "agriculture", "oil_gas", "medicine", "it", "materials", "energy", "water",
        "other"}
    # roughly a third in each language, and the Kazakh ones are Kazakh
    for rows in (data["offers"], data["requests"]):
        for lang in ("kk", "ru", "en"):
            assert len([x for x in rows if x["language"] == lang]) >= len(rows) // 4
    assert all(_KK.search(o["title"] + o["summary"]) for o in data["offers"]
               if o["language"] == "kk")
    offers = {o["id"]: o for o in data["offers"]}
    cross = 0
    for r in data["requests"]:
        assert set(r["relevance"].values()) <= {1, 2} and 2 in r["relevance"].values()
        assert all(str(i) not in r["relevance"] for i in r["hard_negatives"])
        best = [offers[int(i)]["language"] for i, g in r["relevance"].items() if g == 2]
        cross += all(lang != r["language"] for lang in best)
    # at least a third of the requests are solved only by offers in another language
    assert cross * 3 >= len(data["requests"])


def test_the_ranker_and_the_baseline_are_measured_overall_and_across_languages():
    out = evaluate.evaluate()
    for label in ("overall", "cross_language"):
        assert out[f"{label}_requests"] > 0
        for name in ("bm25", "ranker", "ranker_text_only"):
            assert set(out[label][name]) == {"ndcg5", "p3", "mrr"}
            assert all(0 <= v <= 1 for v in out[label][name].values())


def test_a_concept_of_the_requests_background_counts_less():
    parts = ["Recovery at the flotation plant fell", "", "We make copper concentrate"]
    offer = matching.features_of(search.index_text(
        ["Copper smelting slag cleaning"], language="en", field=None),
        field=None, trl=None, region=None)
    as_need = matching.features_of(search.index_text(parts, language="en", field=None),
                                   field=None, trl=None, region=None)
    as_background = matching.features_of(search.index_text(
        parts, language="en", field=None, secondary=(2,)), field=None, trl=None, region=None)
    assert as_background.secondary == {"copper"} and not as_need.secondary
    assert matching.score(as_background, offer)[0] < matching.score(as_need, offer)[0]
