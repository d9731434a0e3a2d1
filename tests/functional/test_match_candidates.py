"""The candidate step of matchmaking: the offers worth scoring for a request are found by the
concepts they share with it, ranked as the score would rank them, not by which are newest;
and the concept postings it reads follow every offer and request through its life."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, select


def _offer(db, org_id, user_id, title, summary, *, state="published", field="mining",
           trl=6, language="en"):
    from consortium.catalogue.models import Offer
    o = Offer(title=title, summary=summary, kind="technology", field=field, keywords=[],
              sector_codes=[], science_codes=[], trl=trl, language=language,
              organization_id=org_id, created_by_id=user_id, state=state)
    o.refresh_derived()
    db.session.add(o)
    db.session.flush()
    return o


def _request(db, org_id, user_id, title, problem, *, state="open", field="mining", trl=5):
    from consortium.catalogue.models import TechRequest
    r = TechRequest(title=title, problem=problem, field=field, keywords=[], sector_codes=[],
                    science_codes=[], trl_min=trl, language="en", organization_id=org_id,
                    created_by_id=user_id, state=state)
    r.refresh_derived()
    db.session.add(r)
    db.session.flush()
    return r


@pytest.fixture
def parties(app, make_org, make_user):
    institute = make_org("Institute of Metallurgy", "research_institute")
    plant = make_org("Copper Plant JSC", "enterprise")
    return institute.id, plant.id, make_user("legal", institute).id


def test_the_offer_sharing_most_of_a_requests_concepts_is_found_among_many_newer_ones(
        app, parties):
    """Before: the candidates were the newest 100 offers sharing any two of the request's
    concepts, so 150 newer offers sharing two broad ones crowded out the older offer that
    shares four; the score never saw it."""
    from consortium.catalogue import matching
    from consortium.db import unit_of_work
    from consortium.extensions import db
    institute, plant, user = parties
    with app.app_context(), unit_of_work():
        right = _offer(db, institute, user, "Copper recovery from old tailings",
                       "Flotation of copper tailings, then heap leaching of what is left.")
        for n in range(150):
            _offer(db, institute, user, f"Gold and copper assay service {n}",
                   "Assays of gold and copper in ore samples, with dust monitoring.")
        req = _request(db, plant, user, "Copper lost in our tailings",
                       "Our flotation leaves copper in the tailings; leaching was tried; dust "
                       "from the dam blows over the town.")
        f = matching.request_features(req)
        assert {"copper", "tailings", "oreflotation", "leaching",
                "dust"} <= f.concepts
        ids = matching.candidate_ids(type(right), f, req.search_text, offer=False,
                                     exclude_org=plant, limit=100)
        assert ids[0] == right.id
        assert matching.ranked_offers(req)[0][0].id == right.id


def _posted(model, record_id):
    from consortium.extensions import db
    return sorted(db.session.execute(select(model.concept, model.weight, model.organization_id,
                                            model.field, model.trl)
                                     .where(model.record_id == record_id)).all())


def test_the_postings_follow_publication_edits_withdrawal_and_closing(app, parties):
    from consortium.catalogue import matching
    from consortium.catalogue.models import OfferConcept, RequestConcept
    from consortium.db import unit_of_work
    from consortium.extensions import db
    institute, plant, user = parties
    with app.app_context(), unit_of_work():
        o = _offer(db, institute, user, "Copper recovery from old tailings",
                   "Flotation of copper tailings.", state="draft")
        r = _request(db, plant, user, "Copper lost in tailings",
                     "Our flotation leaves copper in the tailings dam.", state="draft")
        assert _posted(OfferConcept, o.id) == [] and _posted(RequestConcept, r.id) == []
        o.state, r.state = "published", "open"
        db.session.flush()
        want = sorted((c, w, institute, "mining", 6) for c, w in matching.postings(
            matching.offer_features(o), offer=True))
        assert {c for c, *_ in want} >= {"copper", "tailings"}
        assert [p[:1] + p[2:] for p in _posted(OfferConcept, o.id)] == [
            p[:1] + p[2:] for p in want]
        assert [p[1] for p in _posted(OfferConcept, o.id)] == pytest.approx(
            [p[1] for p in want])
        assert {p[0] for p in _posted(RequestConcept, r.id)} >= {"copper", "tailings"}
        # an edit of the text and of the readiness writes them again
        o.summary = "Heap leaching of copper tailings."
        o.trl = 8
        o.refresh_derived()
        db.session.flush()
        assert "leaching" in {p[0] for p in _posted(OfferConcept, o.id)}
        assert {p[4] for p in _posted(OfferConcept, o.id)} == {8}
        # what cannot be matched has none
        o.state, r.state = "withdrawn", "closed"
        db.session.flush()
        assert _posted(OfferConcept, o.id) == [] and _posted(RequestConcept, r.id) == []
        o.state = "published"
        db.session.flush()
        kept = _posted(OfferConcept, o.id)
        # and rebuilding every posting (after a bulk load, or a new pipeline) gives the same
        db.session.execute(delete(OfferConcept))
        assert matching.rebuild_postings(batch=1) >= 2
        assert _posted(OfferConcept, o.id) == kept


def test_a_deleted_offer_leaves_no_postings(app, parties):
    from consortium.catalogue.models import Offer, OfferConcept
    from consortium.db import unit_of_work
    from consortium.extensions import db
    institute, _plant, user = parties
    with app.app_context(), unit_of_work():
        o = _offer(db, institute, user, "Copper recovery from old tailings",
                   "Flotation of copper tailings.")
        oid = o.id
        assert _posted(OfferConcept, oid)
        db.session.delete(db.session.get(Offer, oid))
        db.session.flush()
        assert _posted(OfferConcept, oid) == []


@pytest.mark.sqlite_only
def test_the_apps_matches_of_the_judged_set_are_the_evaluated_rankers():
    """``bench/matching/evaluate`` scores every offer for every request; the app scores only
    its candidates. Loaded into a database, the judged set's matches as the app lists them
    give the evaluated figures (a candidate step that lost relevant offers would not)."""
    from bench.matching import app_quality, evaluate
    app_figures = app_quality.run()
    scored = evaluate.evaluate()
    for group in ("overall", "cross_language"):
        assert app_figures[group]["ndcg5"] == pytest.approx(
            scored[group]["ranker"]["ndcg5"], abs=0.01)
