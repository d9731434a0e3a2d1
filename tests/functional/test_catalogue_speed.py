"""What keeps the catalogue and the matches fast at 100,000 offers (timings are in
``bench/matching/speed.py``): the per-stage counts kept in step by triggers, and query plans
that read the full-text and B-tree indexes instead of scanning every offer."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import event, func, select

from tests.helpers import LicenceJourney


@pytest.fixture
def journey(api, make_org, make_user):
    return LicenceJourney(api, make_org, make_user)


def _offer(j, **extra):
    body = {"title": "Wool-keratin seed coating for dry steppe farming",
            "summary": "A biodegradable coating for wheat seeds made from sheep wool protein "
                       "that helps crops survive drought.",
            "kind": "rd_service", "field": "agriculture", "trl": 5, "language": "en",
            "sector_codes": ["01.11"], **extra}
    r = j.legal.post("/offers", json=body)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _publish(client, collection, rid, trigger="publish"):
    # withdrawing from the catalogue says why
    body = {"comment": "Licensed exclusively."} if trigger == "withdraw" else {}
    r = client.post(f"/{collection}/{rid}/transitions/{trigger}", json={"data": {}, **body})
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def _counts_match_the_offers(app):
    from consortium.catalogue.models import CatalogueCount, Offer
    from consortium.extensions import db
    with app.app_context():
        kept = {(f, s, t): n for f, s, t, n in db.session.execute(select(
            CatalogueCount.field, CatalogueCount.stage_key, CatalogueCount.trl,
            CatalogueCount.n)) if n}
        direct = {(f or "", s or "", t or 0): n for f, s, t, n in db.session.execute(
            select(Offer.field, Offer.stage_key, Offer.trl, func.count(Offer.id))
            .where(Offer.state == "published")
            .group_by(Offer.field, Offer.stage_key, Offer.trl))}
        db.session.remove()
    assert kept == direct
    return kept


def test_the_stage_counts_follow_publication_edits_and_withdrawal(journey, client, app):
    a = _offer(journey)
    b = _offer(journey, title="Solar drip irrigation controller", field="water", trl=9,
               kind="equipment", summary="A controller opening drip irrigation lines from "
                                         "soil moisture sensors in the field.")
    draft = _offer(journey, title="A draft that stays a draft", trl=2)
    assert _counts_match_the_offers(app) == {}
    _publish(journey.legal, "offers", a["id"])
    _publish(journey.legal, "offers", b["id"])
    assert _counts_match_the_offers(app) == {("agriculture", "experimental", 5): 1,
                                             ("water", "ready", 9): 1}
    # a published offer edited to another readiness moves between stages
    version = journey.legal.get(f"/offers/{b['id']}").get_json()["version"]
    r = journey.legal.patch(f"/offers/{b['id']}", json={"trl": 7, "version": version})
    assert r.status_code == 200, r.get_json()
    assert _counts_match_the_offers(app) == {("agriculture", "experimental", 5): 1,
                                             ("water", "pilot", 7): 1}
    body = client.get("/api/v1/catalogue").get_json()
    assert body["total"] == 2
    assert {s["stage"]: s["count"] for s in body["stages"]} == {
        "documentation": 0, "experimental": 1, "pilot": 1, "ready": 0}
    body = client.get("/api/v1/catalogue?field=water&stage=pilot").get_json()
    assert body["total"] == 1 and [i["id"] for i in body["items"]] == [b["id"]]
    assert client.get("/api/v1/catalogue?trl_min=6").get_json()["total"] == 1
    _publish(journey.legal, "offers", a["id"], "withdraw")
    assert _counts_match_the_offers(app) == {("water", "pilot", 7): 1}
    body = client.get("/api/v1/catalogue").get_json()
    assert body["total"] == 1 and [i["id"] for i in body["items"]] == [b["id"]]
    # with words: the same counts, over what the full-text index found
    body = client.get("/api/v1/catalogue?q=irrigation").get_json()
    assert body["total"] == 1 and {s["stage"]: s["count"] for s in body["stages"]}["pilot"] == 1
    assert client.get("/api/v1/catalogue?q=irrigation&stage=ready").get_json()["total"] == 0
    assert draft["id"] not in [i["id"] for i in client.get("/api/v1/catalogue").get_json()[
        "items"]]


def _plans(app, work) -> list[tuple[str, list[str]]]:
    """The SELECT statements ``work`` ran, each with SQLite's EXPLAIN QUERY PLAN."""
    from consortium.extensions import db
    ran: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            ran.append((statement, parameters))
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", capture)
        try:
            work()
        finally:
            event.remove(db.engine, "before_cursor_execute", capture)
            db.session.remove()
        with db.engine.connect() as conn:
            plans = [(s, [row[3] for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + s, p).all()]) for s, p in ran]
    return plans


#: a full pass over a table that grows with the catalogue (the FTS5 tables' own "SCAN ...
#: VIRTUAL TABLE" is their index; a materialised CTE or subquery holds only what it found;
#: the few rows of catalogue_counts are read whole by design)
_TABLE_SCAN = re.compile(r"^SCAN (offers|tech_requests|catalogue_matches|organizations|t)"
                         r"(_\d+)?\b")


def _no_table_scan(plans):
    for statement, plan in plans:
        assert not [p for p in plan if _TABLE_SCAN.match(p)], (statement, plan)
        # the old count per stage: every published offer through the (state, ...) index
        assert not [p for p in plan if re.search(r"INDEX ix_offers_state\w* \(state=\?\)", p)
                    and "count(" in statement.lower()], (statement, plan)


@pytest.mark.sqlite_only
def test_catalogue_and_matches_read_the_indexes(journey, app):
    from consortium.catalogue import matching, services
    from consortium.catalogue.models import Offer, TechRequest
    from consortium.extensions import db
    offers = [_offer(journey, title=f"Wool-keratin seed coating {n}") for n in range(3)]
    for o in offers:
        _publish(journey.legal, "offers", o["id"])
    r = journey.partner.post("/requests", json={
        "title": "Посевной материал для засушливых полей", "field": "agriculture",
        "problem": "Всходы пшеницы гибнут в засуху; нужна защита семян и питание азотом.",
        "sector_codes": ["01.11"], "trl_min": 4, "language": "ru"})
    assert r.status_code == 201, r.get_json()
    rid = r.get_json()["id"]
    _publish(journey.partner, "requests", rid)

    # with words: the FTS5 table drives, each offer is reached by its primary key
    plans = _plans(app, lambda: services.catalogue(q="seed coating", stage="experimental"))
    _no_table_scan(plans)
    counting = [p for s, p in plans if "count(" in s.lower()]
    assert counting and all(any("offers_fts VIRTUAL TABLE" in line for line in p)
                            for p in counting), plans
    # without words: the counts come from catalogue_counts, the page walks an index
    for kwargs in ({}, {"stage": "experimental", "page": 2}, {"field": "agriculture"}):
        plans = _plans(app, lambda kw=kwargs: services.catalogue(**kw))
        _no_table_scan(plans)
        assert not [s for s, _ in plans if re.search(r"(count|sum)\(", s.lower())
                    and "catalogue_counts" not in s], plans
    # the candidates of a match come from the full-text index in its own order (no sort)
    for rank in (lambda: matching.ranked_offers(db.session.get(TechRequest, rid)),
                 lambda: matching.ranked_requests(db.session.get(Offer, offers[0]["id"]))):
        plans = _plans(app, rank)
        _no_table_scan(plans)
        candidates = [p for s, p in plans if " MATCH " in s]
        assert candidates and not [p for p in candidates
                                   if any("TEMP B-TREE" in line for line in p)], plans


@pytest.mark.postgres_only
def test_the_catalogue_gin_indexes_keep_no_pending_list(app):
    """A GIN index with ``fastupdate`` keeps new entries in an unsorted pending list that
    every search reads whole (~20 ms at 100,000 offers): the catalogue's indexes have none."""
    from consortium.extensions import db
    with app.app_context():
        options = dict(db.session.execute(db.text(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN "
            "('ix_offers_search', 'ix_tech_requests_search')")).all())
        db.session.remove()
    assert options == {"ix_offers_search": ["fastupdate=off"],
                       "ix_tech_requests_search": ["fastupdate=off"]}
