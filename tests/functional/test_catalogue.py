"""The single window: offers and requests as workflow records, the public catalogue, matches
with their reasons, and an expression of interest that opens a licence inquiry."""
from __future__ import annotations

import csv
import io
import re

import pytest

from tests.helpers import LicenceJourney

SUMMARY = ("A biodegradable coating for wheat seeds made from sheep wool protein. It feeds "
           "the seedling during the first weeks and helps crops survive drought in arid "
           "steppe fields.")
#: words of the disclosure's confidential abstract (tests/helpers.disclosure_payload)
COPIED = ("Seed coating. A keratin-chitosan seed coating that releases nitrogen over 40 days, "
          "for dry regions.")


@pytest.fixture
def journey(api, make_org, make_user):
    return LicenceJourney(api, make_org, make_user)


def _offer(j, **extra):
    body = {"title": "Wool-keratin seed coating for dry steppe farming", "summary": SUMMARY,
            "kind": "technology", "field": "agriculture", "disclosure_id": j.did,
            "keywords": ["seed coating", "drought"], "sector_codes": ["01.11"],
            "science_codes": ["68.35"], "language": "en", "region": "Akmola", **extra}
    r = j.legal.post("/offers", json=body)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _request(client, **extra):
    body = {"title": "Посевной материал для засушливых полей",
            "problem": "Всходы пшеницы гибнут в засуху; нужна защита семян и питание азотом "
                       "в первые недели после посева.",
            "field": "agriculture", "sector_codes": ["01.11"], "trl_min": 4,
            "language": "ru", "region": "Akmola", "budget_min": "1000000",
            "budget_max": "5000000", **extra}
    r = client.post("/requests", json=body)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _publish(client, collection, rid, **data):
    return client.post(f"/{collection}/{rid}/transitions/publish", json={"data": data})


def test_an_offer_is_a_workflow_record_with_ip_status_and_readiness(journey):
    o = _offer(journey)
    assert o["state"] == "draft" and o["number"].startswith("OF-")
    assert o["trl"] == 4 and o["stage"] == "experimental"
    assert o["trl_wording"] == "Technology validated in lab"
    assert o["ip_status"] == "protected"
    transitions = journey.legal.get(f"/offers/{o['id']}/transitions").get_json()
    assert [t["trigger"] for t in transitions] == ["publish", "withdraw"]
    # the researcher may write it; only legal staff publish
    r = _publish(journey.alice, "offers", o["id"])
    assert r.status_code == 403
    r = _publish(journey.legal, "offers", o["id"])
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["state"] == "published"
    events = journey.legal.get(f"/offers/{o['id']}/events").get_json()
    assert [e["trigger"] for e in events] == ["publish"]


def test_publishing_refuses_a_summary_copied_from_the_confidential_disclosure(journey):
    o = _offer(journey, summary=COPIED)
    r = _publish(journey.legal, "offers", o["id"])
    assert r.status_code == 422, r.get_json()
    err = r.get_json()["error"]
    assert "confirm_public" in err["fields"]
    assert "seed coating that releases nitrogen" in err["message"]
    # legal staff confirm that the text is public already
    r = _publish(journey.legal, "offers", o["id"], confirm_public="yes")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["confirmed_public"] is True


def test_patching_a_published_offer_checks_the_copy_again(journey):
    o = _offer(journey)
    rec = _publish(journey.legal, "offers", o["id"]).get_json()["record"]
    r = journey.legal.patch(f"/offers/{o['id']}", json={"version": rec["version"],
                                                         "summary": COPIED})
    assert r.status_code == 422 and "summary" in r.get_json()["error"]["fields"]


def test_offer_field_errors_are_422_naming_the_field(journey):
    r = journey.legal.post("/offers", json={"title": "X", "summary": "", "kind": "gadget",
                                            "trl": 12, "field": "astrology",
                                            "sector_codes": ["abc"]})
    assert r.status_code == 422
    assert {"title", "summary", "kind", "trl", "field", "sector_codes"} <= set(
        r.get_json()["error"]["fields"])
    r = journey.partner.post("/offers", json={"title": "Our thing", "summary": SUMMARY,
                                              "kind": "equipment"})
    assert r.status_code == 403


def test_visibility_of_drafts_and_open_requests(journey, api, make_org, make_user):
    outsider = api(make_user("partner", make_org("Unrelated Mining JSC", "enterprise")))
    o = _offer(journey)
    rq = _request(journey.partner)
    # drafts: only the organisation
    assert outsider.get(f"/offers/{o['id']}").status_code == 404
    assert outsider.get(f"/requests/{rq['id']}").status_code == 404
    assert journey.legal.get(f"/requests/{rq['id']}").status_code == 404
    assert journey.alice.get(f"/offers/{o['id']}").status_code == 200
    # a partner or legal staff of the organisation publishes the request
    assert _publish(journey.partner, "requests", rq["id"]).status_code == 200
    _publish(journey.legal, "offers", o["id"])
    # open request: the whole network; published offer: everyone
    assert outsider.get(f"/requests/{rq['id']}").status_code == 200
    assert journey.alice.get(f"/requests/{rq['id']}").status_code == 200
    assert outsider.get(f"/offers/{o['id']}").status_code == 200
    listed = outsider.get("/requests").get_json()
    assert [i["id"] for i in listed["items"]] == [rq["id"]]
    # closing the request hides it from the network again
    r = outsider.post(f"/requests/{rq['id']}/transitions/close")
    assert r.status_code == 403
    assert journey.partner.post(f"/requests/{rq['id']}/transitions/close").status_code == 200
    assert outsider.get(f"/requests/{rq['id']}").status_code == 404


def test_a_russian_request_matches_an_english_offer_with_reasons(journey, api, make_org,
                                                                  make_user):
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    # an unrelated offer of the same organisation's network
    other = journey.legal.post("/offers", json={
        "title": "Corrosion inhibitor for oil pipelines", "kind": "rd_service",
        "summary": "Laboratory testing of corrosion inhibitors for crude oil pipelines and "
                   "drilling equipment.", "field": "oil_gas", "trl": 6}).get_json()
    _publish(journey.legal, "offers", other["id"])
    rq = _request(journey.partner)
    _publish(journey.partner, "requests", rq["id"])
    r = journey.partner.get(f"/requests/{rq['id']}/matches")
    assert r.status_code == 200
    items = r.get_json()["items"]
    assert items and items[0]["offer"]["id"] == o["id"]
    assert all(i["offer"]["id"] != other["id"] for i in items)
    codes = {x["code"] for x in items[0]["reasons"]}
    assert {"concepts", "field", "codes", "readiness", "region"} <= codes
    concepts = next(x["text"] for x in items[0]["reasons"] if x["code"] == "concepts")
    assert "wheat" in concepts and "drought" in concepts and "seed" in concepts
    assert 0 < items[0]["score"] <= 100
    # and the other way round, the offer's matching requests
    back = journey.legal.get(f"/offers/{o['id']}/matches").get_json()["items"]
    assert [i["request"]["id"] for i in back] == [rq["id"]]
    # withdrawing the offer removes its matches
    journey.legal.post(f"/offers/{o['id']}/transitions/withdraw")
    assert journey.partner.get(f"/requests/{rq['id']}/matches").get_json()["items"] == []


def test_a_shared_loanword_is_named_as_written_in_the_offer_and_the_request(journey):
    o = journey.legal.post("/offers", json={
        "title": "Scandium recovery from bauxite residue", "kind": "rd_service",
        "summary": "Acid leaching and solvent extraction recover scandium oxide from the red "
                   "mud of alumina refineries.", "field": "materials", "trl": 6,
        "language": "en"}).get_json()
    _publish(journey.legal, "offers", o["id"])
    # scandium is no glossary term (vanadium became one): a loanword met across languages
    rq = _request(journey.partner, title="Скандий уходит в отвал вместе с красным шламом",
                  problem="Красный шлам нашего глинозёмного завода содержит скандий, который "
                          "мы теряем.",
                  field="materials", sector_codes=[])
    _publish(journey.partner, "requests", rq["id"])
    items = journey.partner.get(f"/requests/{rq['id']}/matches").get_json()["items"]
    match = next(i for i in items if i["offer"]["id"] == o["id"])
    terms = next(x["text"] for x in match["reasons"] if x["code"] == "shared_terms")
    # the words as the offer and the request write them, not the Latin key ("skand")
    assert "Scandium (" in terms and "skand," not in terms and not terms.endswith("skand")


def test_matches_are_recomputed_when_a_request_changes(journey):
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    rq = _request(journey.partner, title="Сервис для нефтяных скважин", field="oil_gas",
                  problem="Коррозия труб и парафин в скважинах снижают добычу нефти.",
                  sector_codes=["06.10"])
    rec = _publish(journey.partner, "requests", rq["id"]).get_json()["record"]
    assert journey.partner.get(f"/requests/{rq['id']}/matches").get_json()["items"] == []
    r = journey.partner.patch(f"/requests/{rq['id']}", json={
        "version": rec["version"], "field": "agriculture", "sector_codes": ["01.11"],
        "problem": "Семена пшеницы не всходят в засуху: нужно покрытие семян."})
    assert r.status_code == 200, r.get_json()
    items = journey.partner.get(f"/requests/{rq['id']}/matches").get_json()["items"]
    assert [i["offer"]["id"] for i in items] == [o["id"]]


def test_interest_opens_a_licence_inquiry_naming_the_offer(journey):
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    rq = _request(journey.partner)
    _publish(journey.partner, "requests", rq["id"])
    r = journey.partner.post(f"/offers/{o['id']}/interest",
                             json={"request_id": rq["id"], "message": "We farm 20,000 ha."})
    assert r.status_code == 201, r.get_json()
    lic = r.get_json()["license"]
    assert lic["state"] == "inquiry" and lic["offer_id"] == o["id"]
    assert lic["request_id"] == rq["id"] and lic["disclosure_id"] == journey.did
    assert o["number"] in lic["notes"] and o["title"] in lic["notes"]
    # the licence is a real licence record, seen by both parties
    assert journey.legal.get(f"/licenses/{lic['id']}").get_json()["state"] == "inquiry"
    assert journey.partner.get(f"/licenses/{lic['id']}").status_code == 200
    # wrong bodies are 422 naming the field; a researcher may not
    r = journey.partner.post(f"/offers/{o['id']}/interest", json={"message": ""})
    assert r.status_code == 422 and "message" in r.get_json()["error"]["fields"]
    r = journey.partner.post(f"/offers/{o['id']}/interest",
                             json={"message": "x", "request_id": 999999})
    assert r.status_code == 422 and "request_id" in r.get_json()["error"]["fields"]
    r = journey.legal.post(f"/offers/{o['id']}/interest", json={"message": "mine"})
    assert r.status_code == 422
    assert journey.alice.post(f"/offers/{o['id']}/interest",
                              json={"message": "hi"}).status_code == 403


def test_interest_in_a_service_proposes_a_joint_consortium(journey):
    r = journey.legal.post("/offers", json={
        "title": "Field trials of seed treatments", "kind": "rd_service", "trl": 7,
        "summary": "Our agronomy station runs field trials of seed treatments in dry steppe.",
        "field": "agriculture"})
    oid = r.get_json()["id"]
    _publish(journey.legal, "offers", oid)
    r = journey.partner.post(f"/offers/{oid}/interest", json={"message": "Trials in 2027?"})
    assert r.status_code == 201, r.get_json()
    c = r.get_json()["consortium"]
    assert c["state"] == "draft"
    assert {m["organization_id"] for m in c["members"]} == {journey.org.id, journey.firm.id}


def test_the_public_catalogue_by_stage_field_and_words(journey, client):
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    ready = journey.legal.post("/offers", json={
        "title": "Solar-powered drip irrigation controller", "kind": "equipment", "trl": 9,
        "summary": "A controller that opens drip irrigation lines from soil moisture sensors.",
        "field": "water", "language": "en"}).get_json()
    _publish(journey.legal, "offers", ready["id"])
    draft = _offer(journey, title="Secret draft offer never published")
    body = client.get("/api/v1/catalogue").get_json()  # no token
    assert body["total"] == 2
    assert {s["stage"]: s["count"] for s in body["stages"]} == {
        "documentation": 0, "experimental": 1, "pilot": 0, "ready": 1}
    body = client.get("/api/v1/catalogue?stage=ready").get_json()
    assert [i["id"] for i in body["items"]] == [ready["id"]]
    body = client.get("/api/v1/catalogue?field=agriculture").get_json()
    assert [i["id"] for i in body["items"]] == [o["id"]]
    # words in another language find it through the glossary: полив = irrigation
    body = client.get("/api/v1/catalogue?q=капельное орошение").get_json()
    assert [i["id"] for i in body["items"]] == [ready["id"]]
    body = client.get("/api/v1/catalogue?q=тұқым").get_json()
    assert [i["id"] for i in body["items"]] == [o["id"]]
    body = client.get("/api/v1/catalogue?sector=01.11").get_json()
    assert [i["id"] for i in body["items"]] == [o["id"]]
    assert client.get("/api/v1/catalogue?trl_min=10").status_code == 422
    # pages: no account needed, clean URLs, titles and descriptions, a sitemap
    page = client.get("/catalogue?stage=experimental", headers={"Accept-Language": "kk"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert o["title"] in html and ready["title"] not in html and draft["title"] not in html
    assert '<meta name="description"' in html
    assert f'/catalogue/{o["id"]}-wool-keratin-seed-coating' in html
    r = client.get(f"/catalogue/{o['id']}")
    assert r.status_code == 301 and r.headers["Location"].endswith(
        f"/catalogue/{o['id']}-{o['slug']}")
    r = client.get(f"/catalogue/{o['id']}-{o['slug']}")
    assert r.status_code == 200 and f"<title>{o['title']}" in r.get_data(as_text=True)
    assert client.get(f"/catalogue/{draft['id']}-x").status_code == 404
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert f"/catalogue/{o['id']}-{o['slug']}" in sitemap and f"/catalogue/{draft['id']}-" not in sitemap


def test_nothing_confidential_of_a_disclosure_ever_appears_publicly(journey, client, app):
    """Every text field of the disclosure behind a published offer, looked for in every public
    answer: the catalogue API, its pages and the sitemap."""
    from consortium.disclosures.models import Disclosure
    from consortium.extensions import db
    secrets = {"abstract": "SECRET-ABSTRACT keratin chitosan ratio 3:1 at 80C",
               "background": "SECRET-BACKGROUND prior art weakness",
               "novelty": "SECRET-NOVELTY crosslinked with citric acid",
               "grant_numbers": "SECRET-GRANT AP-0000",
               "interested_partners": "SECRET-PARTNERS KazAgro",
               "public_disclosure_details": "SECRET-PUBLIC-DETAILS talk",
               "recommendation": "SECRET-RECOMMENDATION file PCT"}
    with app.app_context():
        d = db.session.get(Disclosure, journey.did)
        for name, value in secrets.items():
            setattr(d, name, value)
        confidential = {c.name: getattr(d, c.name) for c in Disclosure.__table__.columns
                        if isinstance(getattr(d, c.name), str) and len(getattr(d, c.name)) > 5
                        and c.name not in ("state", "field", "funding_source", "ownership")}
        db.session.commit()
    confidential["inventor"] = "Alice Inventor"
    o = _offer(journey)
    assert _publish(journey.legal, "offers", o["id"]).status_code == 200
    answers = [client.get("/api/v1/catalogue").get_data(as_text=True),
               client.get("/catalogue").get_data(as_text=True),
               client.get(f"/catalogue/{o['id']}-{o['slug']}").get_data(as_text=True),
               client.get("/sitemap.xml").get_data(as_text=True)]
    item = client.get("/api/v1/catalogue").get_json()["items"][0]
    assert "disclosure_id" not in item and "abstract" not in item
    assert len(confidential) >= 8
    for name, value in confidential.items():
        for answer in answers:
            assert value not in answer, name
            if name in secrets:
                assert re.escape(value.split()[0]) not in answer, name


def test_web_journey_request_matches_and_interest(journey, app, login_as, client):
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    web = login_as(journey.clients[next(k for k, (c, u) in journey.clients.items()
                                        if u.role == "partner")][1])
    r = web.post("/requests/new", data={
        "title": "Семена для засушливых полей", "field": "agriculture", "trl_min": "4",
        "problem": "Всходы пшеницы гибнут в засуху, нужна защита семян.",
        "context_makes": "Зерно", "language": "ru", "keywords": "засуха, семена"})
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    rid = int(r.headers["Location"].rstrip("/").split("/")[-1])
    page = web.get(f"/requests/{rid}")
    assert page.status_code == 200
    r = web.post(f"/requests/{rid}/actions/publish", data={})
    assert r.status_code == 302
    page = web.get(f"/requests/{rid}/matches").get_data(as_text=True)
    assert o["title"] in page and "Shared concepts" in page
    r = web.post(f"/offers/{o['id']}/interest", data={"request_id": str(rid),
                                                     "message": "Let us talk.",
                                                     "propose": "licence"})
    assert r.status_code == 302 and "/licenses/" in r.headers["Location"]
    page = web.get(r.headers["Location"]).get_data(as_text=True)
    assert "Inquiry" in page
    for path in ("/offers/", "/requests/", f"/offers/{o['id']}", "/catalogue",
                 f"/offers/{o['id']}/edit", "/requests/new"):
        assert web.get(path).status_code in (200, 403), path


def test_both_sides_are_notified_of_a_strong_new_match_once(journey):
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    rq = _request(journey.partner)
    rec = _publish(journey.partner, "requests", rq["id"]).get_json()["record"]

    def matches_notified(client):
        items = client.get("/notifications").get_json()["items"]
        return [n for n in items if n["kind"] == "match"]
    for client in (journey.partner, journey.legal):
        found = matches_notified(client)
        assert len(found) == 1 and o["title"] in found[0]["text"], found
        assert found[0]["url"].endswith(f"/requests/{rq['id']}/matches")
    # recomputing the same pair does not notify again
    journey.partner.patch(f"/requests/{rq['id']}", json={"version": rec["version"],
                                                         "region": "Akmola"})
    assert len(matches_notified(journey.partner)) == 1


def test_the_dashboard_shows_the_catalogue_and_the_funnel(journey, login_as, client):
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    rq = _request(journey.partner)
    _publish(journey.partner, "requests", rq["id"])
    journey.partner.post(f"/offers/{o['id']}/interest", json={"message": "Talk?"})
    login_as(journey.legal_user)
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Innovation catalogue by stage" in page and "From offers to licences" in page
    def table(name):
        text = client.get(f"/dashboard?csv={name}").get_data(as_text=True)
        return [tuple(r) for r in csv.reader(io.StringIO(text))]
    funnel = table("catalogue_funnel")
    assert funnel[0] == ("step", "count")
    assert {("Published offers", "1"), ("Interests expressed", "1"),
            ("Licence inquiries opened", "1")} <= set(funnel)
    assert ("Passed experimental stage", "1", "1") in table("catalogue_stages")
    assert ("Agriculture and food", "1") in table("requests_by_field")


def test_search_reindex_rewrites_offers_and_requests_and_their_matches(journey, app):
    """After an upgrade that changed the text pipeline, ``search reindex`` writes every offer's
    and request's search text again and recomputes the open requests' matches from it."""
    from sqlalchemy import delete, update

    from consortium.catalogue.models import Match, Offer, TechRequest
    from consortium.extensions import db
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    rq = _request(journey.partner)
    _publish(journey.partner, "requests", rq["id"])
    with app.app_context():
        want = {m: db.session.get(m, i).search_text
                for m, i in ((Offer, o["id"]), (TechRequest, rq["id"]))}
        # as an earlier version left them: another index text and no matches
        for model, rid in ((Offer, o["id"]), (TechRequest, rq["id"])):
            db.session.execute(update(model).where(model.id == rid)
                               .values(search_text="stale"))
        db.session.execute(delete(Match))
        db.session.commit()
    assert journey.partner.get(f"/requests/{rq['id']}/matches").get_json()["items"] == []
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "2 offer(s) and request(s)" in result.output
    assert "the matches of 1 open request(s)" in result.output
    with app.app_context():
        assert {m: db.session.get(m, i).search_text
                for m, i in ((Offer, o["id"]), (TechRequest, rq["id"]))} == want
    items = journey.partner.get(f"/requests/{rq['id']}/matches").get_json()["items"]
    assert [i["offer"]["id"] for i in items] == [o["id"]]


def test_after_an_upgrade_of_the_text_pipeline_the_scheduler_indexes_everything_once(
        journey, app):
    """The stored search texts are only as good as the stemmer and glossary that wrote them:
    a database indexed by another pipeline (its fingerprint differs) is indexed again by the
    ``search_index`` job, records and catalogue with the open requests' matches, a batch a
    transaction; then the job has nothing to do until the pipeline changes again."""
    import datetime as dt

    from sqlalchemy import delete, update

    from consortium.catalogue.jobs import search_index
    from consortium.catalogue.models import Match, Offer, TechRequest
    from consortium.disclosures.models import Disclosure
    from consortium.extensions import db
    from consortium.search import SearchPipeline, index_is_current, pipeline_fingerprint
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    rq = _request(journey.partner)
    _publish(journey.partner, "requests", rq["id"])
    now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    with app.app_context():
        models = [(Offer, o["id"]), (TechRequest, rq["id"]), (Disclosure, journey.did)]
        want = {m: db.session.get(m, i).search_text for m, i in models}
        # as the earlier pipeline left them
        for model, rid in models:
            db.session.execute(update(model).where(model.id == rid).values(search_text="old"))
        db.session.execute(delete(Match))
        db.session.merge(SearchPipeline(id=1, fingerprint="0" * 64, indexed_at=now))
        db.session.commit()
        assert not index_is_current()
        assert search_index(now) >= 3
        db.session.expire_all()
        assert {m: db.session.get(m, i).search_text for m, i in models} == want
        assert db.session.get(SearchPipeline, 1).fingerprint == pipeline_fingerprint()
        assert search_index(now) == 0  # current: nothing to write
    items = journey.partner.get(f"/requests/{rq['id']}/matches").get_json()["items"]
    assert [i["offer"]["id"] for i in items] == [o["id"]]


def test_a_match_that_goes_and_comes_back_is_not_notified_twice(journey):
    """Editing a request so that a notified match drops out and then back in saves (200) and
    tells nobody a second time."""
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    rq = _request(journey.partner)
    rec = _publish(journey.partner, "requests", rq["id"]).get_json()["record"]

    def told():
        items = journey.partner.get("/notifications?per_page=100").get_json()["items"]
        return [n for n in items if n["kind"] == "match"]
    assert len(told()) == 1
    away = journey.partner.patch(f"/requests/{rq['id']}", json={
        "version": rec["version"], "field": "oil_gas", "sector_codes": ["06.10"],
        "title": "Сервис для нефтяных скважин",
        "problem": "Коррозия труб и парафин в скважинах снижают добычу нефти."})
    assert away.status_code == 200, away.get_json()
    assert journey.partner.get(f"/requests/{rq['id']}/matches").get_json()["items"] == []
    back = journey.partner.patch(f"/requests/{rq['id']}", json={
        "version": away.get_json()["version"], "field": "agriculture",
        "sector_codes": ["01.11"], "title": "Посевной материал для засушливых полей",
        "problem": "Всходы пшеницы гибнут в засуху; нужна защита семян и питание азотом "
                   "в первые недели после посева."})
    assert back.status_code == 200, back.get_json()
    assert [i["offer"]["id"] for i in journey.partner.get(
        f"/requests/{rq['id']}/matches").get_json()["items"]] == [o["id"]]
    assert len(told()) == 1


def _matched(journey):
    """A published offer and a published request that it matches (the same region)."""
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    rq = _request(journey.partner)
    _publish(journey.partner, "requests", rq["id"])
    return o, rq


def _reason(journey, rq, code):
    """``reason(lang)``: the text of the first match's reason ``code`` for a reader of lang."""
    def reason(lang):
        items = journey.partner.get(f"/requests/{rq['id']}/matches",
                                    headers={"Accept-Language": lang}).get_json()["items"]
        return next(x["text"] for x in items[0]["reasons"] if x["code"] == code)
    return reason


def test_a_region_is_named_in_the_readers_language(journey, login_as, app):
    """Regions are stored by their English names; a Kazakh or Russian reader sees the
    region's own name in the match's reasons (API and page), on the offer's public page and
    in the form's choices, whose values stay the stored names."""
    o, rq = _matched(journey)
    region = _reason(journey, rq, "region")
    assert region("en") == "Same region: Akmola"
    assert "Ақмола облысы" in region("kk") and "Akmola" not in region("kk")
    assert "Акмолинская область" in region("ru")
    client = app.test_client()
    page = client.get(f"/catalogue/{o['id']}", headers={"Accept-Language": "kk"},
                      follow_redirects=True)  # to its clean URL, with the title's slug
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Ақмола облысы" in html and ">Akmola<" not in html
    partner_user = next(u for _c, u in journey.clients.values() if u.role.value == "partner")
    form = login_as(partner_user).get("/requests/new", headers={"Accept-Language": "ru"})
    assert form.status_code == 200
    assert '<option value="Akmola" >Акмолинская область</option>' in form.get_data(
        as_text=True)


def test_shared_concepts_are_named_in_the_readers_language(journey, login_as, app):
    """A Russian reader of a match sees the shared concepts in Russian, on the page and in
    the API; an English reader in English."""
    from consortium.glossary import CONCEPTS
    _o, rq = _matched(journey)
    concepts = _reason(journey, rq, "concepts")
    assert "wheat" in concepts("en")
    ru = concepts("ru")
    assert CONCEPTS["wheat"]["ru"][0] in ru and "wheat" not in ru and "drought" not in ru
    assert CONCEPTS["wheat"]["kk"][0] in concepts("kk")
    partner_user = next(u for _c, u in journey.clients.values() if u.role.value == "partner")
    page = login_as(partner_user).get(
        f"/requests/{rq['id']}/matches", headers={"Accept-Language": "ru"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert CONCEPTS["wheat"]["ru"][0] in html and "wheat, " not in html
