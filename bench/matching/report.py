"""The matching section of ``make bench``: quality on the judged set, then speed."""
from __future__ import annotations

import json
import os
from pathlib import Path

from . import app_quality, evaluate, speed

RESULTS = Path(__file__).with_name("results.json")


def run_matching(pg_database=None) -> dict:
    offers = int(os.environ.get("BENCH_MATCHING_OFFERS", 100_000))
    requests = int(os.environ.get("BENCH_MATCHING_REQUESTS", 10_000))
    runs = int(os.environ.get("BENCH_MATCHING_RUNS", 40))
    # BENCH_MATCHING_PARTS=speed (or quality) runs one part; the other keeps its last figures
    parts = set(os.environ.get("BENCH_MATCHING_PARTS", "quality,speed").split(","))
    out: dict = {}
    if "quality" in parts:
        out["quality"] = evaluate.evaluate()
        # the same set as the app lists it: alone, and among many synthetic offers
        haystack = int(os.environ.get("BENCH_MATCHING_HAYSTACK", 10_000))
        out["app_quality"] = [app_quality.run(haystack=n) for n in sorted({0, haystack})]
    if "speed" in parts:
        out["speed_sqlite"] = speed.run(offers, requests, runs=runs)
        url = pg_database("consortium_bench_matching") if pg_database else None
        if url:
            out["speed_postgresql"] = speed.run(offers, requests, url=url, runs=runs)
    if parts != {"quality", "speed"} and RESULTS.exists():
        out = {**json.loads(RESULTS.read_text()), **out}  # read now: the last figures
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    return out


def print_matching(m: dict) -> None:
    q = m["quality"]
    print(f"matching quality on {q['offers']} offers and {q['requests']} judged requests "
          "(bench/matching/judged.json):")
    for label in ("overall", "cross_language", *evaluate.HELD_OUT):
        if label not in q:
            continue
        for name, f in q[label].items():
            print(f"  {label:15} {name:17} nDCG@5 {f['ndcg5']:.3f}  P@3 {f['p3']:.3f}  "
                  f"MRR {f['mrr']:.3f}")
        if f"{label}_requests" in q:
            print(f"  {label:15} ({q[f'{label}_requests']} requests)")
    gain = q["overall"]["ranker"]["ndcg5"] - q["overall"]["bm25"]["ndcg5"]
    p3 = q["cross_language"]["ranker"]["p3"]
    print(f"  nDCG@5 over BM25 {gain:+.3f} (target +0.10: {'met' if gain >= 0.10 else 'NOT met'})"
          f"; cross-language P@3 {p3:.3f} (target 0.6: {'met' if p3 >= 0.6 else 'NOT met'})")
    for a in m.get("app_quality", []):
        among = (f"among {a['haystack']} synthetic offers" if a["haystack"]
                 else "alone")
        print(f"matching quality as the app lists it (candidates, then the score), the judged "
              f"offers {among}: candidates hold {a['recall_candidates']:.3f} of the relevant "
              "offers")
        for label in ("overall", "cross_language", *evaluate.HELD_OUT):
            if label in a:
                f = a[label]
                print(f"  {label:15} app               nDCG@5 {f['ndcg5']:.3f}  P@3 "
                      f"{f['p3']:.3f}  MRR {f['mrr']:.3f}")
    for key in ("speed_sqlite", "speed_postgresql"):
        s = m.get(key)
        if not s:
            continue
        print(f"matching speed, {key.split('_')[1]}, {s['offers']} offers, {s['requests']} "
              f"open requests (loaded in {s['load_s']} s):")
        for name, target in (("matches_of_one_request", 50), ("catalogue_search", 50),
                             ("catalogue_by_stage", 50), ("publish_and_recompute", 1000)):
            f = s[name]
            cpu = (f", CPU p50 {f['cpu_p50_ms']} ms, p95 {f['cpu_p95_ms']} ms, load average "
                   f"{f['load_average']}" if "cpu_p50_ms" in f else "")
            print(f"  {name:24} p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms{cpu} (target "
                  f"{target} ms: {'met' if f['p95_ms'] < target else 'NOT met'})")


if __name__ == "__main__":
    from bench.run import _pg_database
    print_matching(run_matching(pg_database=_pg_database))
