"""One search per list: every field a person would type, through the full-text index."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers import World, disclosure_payload


@pytest.fixture
def world(make_org, make_user, api, app):
    return World(make_org, make_user, api, app)


def _found(api, collection, q, **params):
    r = api.get(f"/{collection}", query_string={"q": q, **params})
    assert r.status_code == 200, r.get_json()
    return [item["id"] for item in r.get_json()["items"]]


def test_disclosures_are_found_by_inventor_abstract_keyword_and_number(world):
    alice, legal = world.api["alice"], world.api["legal"]
    body = disclosure_payload((world.users["alice"], "70"), title="Low-temperature catalyst",
                              keywords=["hydrogenation", "nickel"])
    body["abstract"] = "A nickel-alumina catalyst that works at 180 degrees."
    body["inventors"].append({"name": "Daniyar Omarov", "email": "d.omarov@example.kz",
                              "organization_id": world.uni.id, "share_percent": "30"})
    did = alice.post("/disclosures", json=body).get_json()["id"]
    other = alice.post("/disclosures", json=disclosure_payload(
        (world.users["alice"], "100"))).get_json()["id"]
    assert _found(alice, "disclosures", "Omarov") == [did]
    assert _found(alice, "disclosures", "omar") == [did]          # the last word as a prefix
    assert _found(alice, "disclosures", "alumina 180") == [did]   # every word must match
    assert _found(alice, "disclosures", "hydrogenation") == [did]
    assert set(_found(alice, "disclosures", "Alice")) == {did, other}
    assert _found(alice, "disclosures", "catalysts") == [did]     # stemmed
    world.fire("alice", "disclosures", did, "submit")
    number = legal.get(f"/disclosures/{did}").get_json()["reg_number"]
    assert _found(legal, "disclosures", number) == [did]
    # nobody finds what they may not see
    assert _found(world.api["other_legal"], "disclosures", "Omarov") == []


def test_russian_words_are_stemmed_and_meet_english_ones_through_the_glossary(world):
    alice = world.api["alice"]
    did = alice.post("/disclosures", json=disclosure_payload(
        (world.users["alice"], "100"), title="Катализаторы гидрирования для нефтепереработки"
    )).get_json()["id"]
    assert _found(alice, "disclosures", "катализатор") == [did]
    assert _found(alice, "disclosures", "катализаторами") == [did]


def test_licences_are_found_by_licensee_and_invention(world):
    lid = world.license("inquiry")
    legal = world.api["legal"]
    assert _found(legal, "licenses", "KazAgro") == [lid]           # a prefix of the licensee
    assert _found(legal, "licenses", "keratin") == [lid]           # the invention's title
    assert _found(legal, "licenses", "seed coatings") == [lid]     # the field of use
    number = legal.get(f"/licenses/{lid}").get_json()["reg_number"]
    assert _found(legal, "licenses", number) == [lid]
    assert _found(legal, "licenses", "catalyst") == []
    assert _found(world.api["firm_partner"], "licenses", "steppe") == [lid]


def test_consortia_are_found_by_member_and_plans_by_subject(world):
    cid = world.consortium("draft")
    legal = world.api["legal"]
    assert _found(legal, "consortia", "Institute of Applied Polymer") == [cid]
    assert _found(legal, "consortia", "biodegradable") == [cid]
    pid = world.plan()
    assert _found(legal, "benefit-plans", "keratin") == [pid]
    assert _found(legal, "benefit-plans", "Alice") == [pid]        # a beneficiary


def test_an_edit_is_found_at_once_and_the_old_words_are_gone(world):
    alice = world.api["alice"]
    did = alice.post("/disclosures", json=disclosure_payload(
        (world.users["alice"], "100"))).get_json()["id"]
    record = alice.get(f"/disclosures/{did}").get_json()
    r = alice.patch(f"/disclosures/{did}", json={"version": record["version"],
                                                 "title": "Saltwater desalination membrane"})
    assert r.status_code == 200, r.get_json()
    assert _found(alice, "disclosures", "desalination") == [did]
    assert _found(alice, "disclosures", "camel") == []


def test_sorting_date_filters_and_their_errors(world):
    alice = world.api["alice"]
    ids = [alice.post("/disclosures", json=disclosure_payload(
        (world.users["alice"], "100"), title=f"Membrane {n}")).get_json()["id"] for n in (1, 2, 3)]
    assert _found(alice, "disclosures", "", sort="oldest") == ids
    assert _found(alice, "disclosures", "", sort="newest") == ids[::-1]
    today = dt.date.today().isoformat()
    assert len(_found(alice, "disclosures", "", **{"from": today, "to": today})) == 3
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert _found(alice, "disclosures", "", **{"from": tomorrow}) == []
    for params, field in (({"sort": "colour"}, "sort"), ({"from": "01.12.2026"}, "from"),
                          ({"from": tomorrow, "to": today}, "to")):
        r = alice.get("/disclosures", query_string=params)
        assert r.status_code == 422 and field in r.get_json()["error"]["fields"], params


def test_the_list_pages_search_the_same_way(world):
    world.license("inquiry")
    page = world.web("legal").get("/licenses/?q=KazAgro").get_data(as_text=True)
    assert "KazAgroTech Solutions LLP" in page
    page = world.web("legal").get("/licenses/?q=nonexistentword").get_data(as_text=True)
    assert "No licence matches this search." in page
    r = world.web("legal").get("/licenses/?sort=colour")
    assert r.status_code == 422


def test_words_that_are_not_words_find_nothing_and_break_nothing(world):
    alice = world.api["alice"]
    alice.post("/disclosures", json=disclosure_payload((world.users["alice"], "100")))
    for q in ('"', "*", "AND OR NOT", "NEAR(", "a:b", "'; DROP TABLE x; --", "(((", "-", "&|!"):
        r = alice.get("/disclosures", query_string={"q": q})
        assert r.status_code == 200, q


def test_every_searchable_table_keeps_its_index_triggers_after_every_migration(app):
    """A migration that rebuilds a searchable table on SQLite ("move and copy") drops its FTS5
    triggers; each such migration must create them again, or new records are never found."""
    from sqlalchemy import text

    from consortium.extensions import db
    from consortium.search import INDEXED
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("the FTS5 triggers are SQLite's")
        names = set(db.session.scalars(text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    missing = [f"{fts}_{s}" for fts in INDEXED.values() for s in ("ai", "ad", "au")
               if f"{fts}_{s}" not in names]
    assert missing == []
