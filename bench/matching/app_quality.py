"""Match quality as the app shows it: the judged set loaded into a real database.

``evaluate`` scores every offer of the set against every request, which measures the score
alone. The app does not: a request's matches are the best of the *candidates* full-text search
finds for it (:func:`consortium.catalogue.search.candidates`: tiers of glossary concepts, then
any token, newest first, 100 at most), scored, cut at ``MIN_SCORE`` and kept to the best 20
(:func:`consortium.catalogue.matching.ranked_offers`). This loads the 300 offers (published,
by one organisation) and the requests (open, by another) into a database of the app's own
schema, each row's search text from the model's own ``refresh_derived``, and measures what
``ranked_offers`` returns, with the same metrics as ``evaluate``:

- ``overall``: the app's list as it is;
- ``cross_language``: the app's list without the offers in the request's own language (what a
  reader who skips those would see);
- ``recall_candidates``: of the request's relevant offers (grade 1 or 2), the share that the
  candidate step (:func:`consortium.catalogue.matching.candidate_ids`) hands to the score at
  all (a miss there can never be shown).

``haystack=N`` first publishes N synthetic offers (``catalogue.scale``: two or three glossary
terms of a field each, the same rows as ``demo load --scale``) interleaved with the judged ones
in id order, so that the candidate step's "newest first" favours neither: a check that the
judged offers are still found, and still ranked, among many that share their words. The
synthetic offers are not graded, so each one ranked in the top five counts as irrelevant.
"""
from __future__ import annotations

import random
import tempfile
from pathlib import Path

from . import evaluate as E

#: the app's limit of candidates per request (``ranked_offers``' default)
CANDIDATES = 100


def _offer(o: dict, org_id: int, user_id: int, now):
    from consortium.catalogue.models import Offer
    offer = Offer(title=o["title"], summary=o["summary"], kind="technology", field=o["field"],
                  keywords=o["keywords"], sector_codes=o["sector_codes"],
                  science_codes=o["science_codes"], trl=o["trl"], language=o["language"],
                  region=o["region"], confirmed_public=False, organization_id=org_id,
                  created_by_id=user_id, state="published", version=1, created_at=now,
                  updated_at=now, published_at=now)
    offer.refresh_derived()
    return offer


def _request(r: dict, org_id: int, user_id: int, now):
    from consortium.catalogue.models import TechRequest
    req = TechRequest(title=r["title"], problem=r["problem"], context_makes=r.get("makes"),
                      context_tried=r.get("tried"), success_criteria=r.get("solved"),
                      field=r["field"], keywords=[], sector_codes=r["sector_codes"],
                      science_codes=[], trl_min=r["trl_min"], region=r["region"],
                      language=r["language"], organization_id=org_id, created_by_id=user_id,
                      state="open", version=1, created_at=now, updated_at=now,
                      published_at=now)
    req.refresh_derived()
    return req


def _load(data: dict, haystack: int, org_ids: list[int], user_id: int) -> tuple[dict, dict]:
    """Insert the judged offers (interleaved with ``haystack`` synthetic ones) and requests;
    returns judged offer id -> database id and request id -> database id."""
    from consortium.catalogue.matching import rebuild_postings
    from consortium.catalogue.scale import load_catalogue
    from consortium.db import utcnow
    from consortium.extensions import db
    now = utcnow()
    offers = data["offers"]
    # where each judged offer goes among the synthetic ones: a seeded shuffle of the slots
    rng = random.Random(18)
    slots = sorted(rng.sample(range(haystack + len(offers)), len(offers))) if haystack else \
        list(range(len(offers)))
    offer_ids: dict[int, int] = {}
    done = 0
    for n, (slot, o) in enumerate(zip(slots, offers, strict=True)):
        if slot - n > done:  # the synthetic offers that come before this one
            load_catalogue(slot - n - done, 0, org_ids[:1], user_id, seed=n, postings=False)
            done = slot - n
        row = _offer(o, org_ids[0], user_id, now)
        db.session.add(row)
        db.session.flush()
        offer_ids[o["id"]] = row.id
    if haystack > done:
        load_catalogue(haystack - done, 0, org_ids[:1], user_id, seed=len(offers),
                       postings=False)
    request_ids: dict[int, int] = {}
    for r in data["requests"]:
        row = _request(r, org_ids[1], user_id, now)
        db.session.add(row)
        db.session.flush()
        request_ids[r["id"]] = row.id
    if haystack:
        rebuild_postings()
    return offer_ids, request_ids


def run(data: dict | None = None, *, haystack: int = 0, url: str | None = None) -> dict:
    """The app's figures over the judged set (SQLite, or the database at ``url``)."""
    from bench.run import _app
    from consortium.auth.services import create_user
    from consortium.catalogue import matching
    from consortium.catalogue.models import Offer, TechRequest
    from consortium.db import unit_of_work
    from consortium.extensions import db
    from consortium.organizations.services import create_organization

    data = data or E.load()
    language = {o["id"]: o["language"] for o in data["offers"]}
    groups = ("overall", "cross_language", *E.HELD_OUT)
    rows: dict[str, list[dict]] = {g: [] for g in groups}
    recall: list[float] = []
    with tempfile.TemporaryDirectory() as tmpdir:
        app = _app(Path(tmpdir), url)
        with app.app_context():
            with unit_of_work():
                orgs = [create_organization(name, kind, "KZ", None, None) for name, kind in
                        (("Judged offers institute", "university"),
                         ("Judged requests enterprise", "enterprise"))]
                user = create_user("judged@example.org", "Judged Set", "judged-password-2026",
                                   "legal", orgs[0].id, None)
            with unit_of_work():
                offer_ids, request_ids = _load(data, haystack, [o.id for o in orgs], user.id)
            judged_of = {v: k for k, v in offer_ids.items()}
            if db.engine.dialect.name == "postgresql":
                db.session.execute(db.text("ANALYZE offers"))
                db.session.commit()
            for r in data["requests"]:
                rel = {int(k): v for k, v in r["relevance"].items()}
                req = db.session.get(TechRequest, request_ids[r["id"]])
                found = set(matching.candidate_ids(
                    Offer, matching.request_features(req), req.search_text, offer=False,
                    exclude_org=req.organization_id, limit=CANDIDATES))
                relevant = [offer_ids[i] for i, g in rel.items() if g]
                recall.append(sum(1 for i in relevant if i in found) / len(relevant))
                shown = [judged_of.get(o.id, -o.id) for o, _s, _why in matching.ranked_offers(
                    req, limit=CANDIDATES)]
                pool = list(language)
                rows["overall"].append(E._metrics(shown, rel, pool))
                if r.get("batch") in E.HELD_OUT:
                    rows[r["batch"]].append(E._metrics(shown, rel, pool))
                other = [i for i in pool if language[i] != r["language"]]
                if any(rel.get(i) for i in other):
                    rows["cross_language"].append(E._metrics(
                        [i for i in shown if language.get(i) != r["language"]], rel, other))
            db.session.remove()
            db.engine.dispose()
    out = {g: E._mean(v) for g, v in rows.items() if v}
    out["recall_candidates"] = round(sum(recall) / len(recall), 3)
    out["haystack"] = haystack
    out["dialect"] = "postgresql" if url else "sqlite"
    return out


if __name__ == "__main__":
    import json
    import os
    print(json.dumps(run(haystack=int(os.environ.get("BENCH_MATCHING_HAYSTACK", "0"))),
                     indent=2))
