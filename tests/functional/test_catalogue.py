"""The single window: offers and requests as workflow records, the public catalogue, matches
with their reasons, and an expression of interest that opens a licence inquiry."""
from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers import PASSWORD, LicenceJourney, disclosure_payload

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
    journey.legal.post(f"/offers/{o['id']}/transitions/withdraw",
                       json={"comment": "Licensed exclusively."})
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


# -- the public catalogue as a visitor reads it ---------------------------------------------------
def _service(j, title, **extra):
    """A published R&D service offer (no invention behind it): TRL 7, industrial pilot."""
    body = {"title": title, "kind": "rd_service", "trl": 7, "field": "agriculture",
            "summary": "Our agronomy station runs field trials of seed treatments in dry steppe.",
            "language": "en", **extra}
    r = j.legal.post("/offers", json=body)
    assert r.status_code == 201, r.get_json()
    assert _publish(j.legal, "offers", r.get_json()["id"]).status_code == 200
    return r.get_json()


def _link(html, text):
    """The address of the one link reading ``text`` on a page, unescaped."""
    [href] = re.findall(rf'<a [^>]*href="([^"]*)"[^>]*>{re.escape(text)}</a>', html)
    return unescape(href)


def _query(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _cards(html):
    return html.count('<article class="card">')


#: every filter of the catalogue on at once
FILTERS = {"q": "trials", "stage": "pilot", "field": "agriculture", "sector": "01",
           "keyword": "drought"}


def test_the_catalogue_pager_counts_the_page_and_keeps_every_filter(journey, client):
    for n in range(21):
        _service(journey, f"Field trials of seed treatments, plot {n}", keywords=["drought"],
                 sector_codes=["01.11"])
    _service(journey, "Irrigation trials, plot 99", field="water", keywords=["drought"],
             sector_codes=["01.11"])  # another field: filtered out
    html = client.get("/catalogue", query_string=FILTERS).get_data(as_text=True)
    assert "21 offers" in html and "1–20 of 21" in html and _cards(html) == 20
    following = _link(html, "Next")
    assert _query(following) == {**FILTERS, "page": "2"}
    html = client.get(following).get_data(as_text=True)
    assert "21–21 of 21" in html and _cards(html) == 1
    assert _query(_link(html, "Previous")) == {**FILTERS, "page": "1"}
    # past the end: said, with the way back to the last page (the filters kept)
    html = client.get("/catalogue", query_string={**FILTERS, "page": "7"}).get_data(
        as_text=True)
    assert _cards(html) == 0 and "This page is past the end of the list." in html
    assert _query(_link(html, "Go to the last page")) == {**FILTERS, "page": "2"}
    assert "–" not in html.split('class="empty"')[1]  # no "121–120 of 21"
    # without filters the links carry none
    html = client.get("/catalogue").get_data(as_text=True)
    assert "1–20 of 22" in html and _query(_link(html, "Next")) == {"page": "2"}


def test_a_page_number_that_is_not_one_shows_a_visitor_the_first_page(journey, client):
    o = _service(journey, "Field trials of seed treatments")
    for bad in ("abc", "²", "-"):
        r = client.get("/catalogue", query_string={"page": bad})
        assert r.status_code == 200, bad
        assert o["title"] in r.get_data(as_text=True)
    # the API still says what is wrong
    assert client.get("/api/v1/catalogue?page=abc").status_code == 422


def test_the_stage_links_keep_the_other_filters_and_open_what_they_count(journey, client):
    for n in range(2):
        _service(journey, f"Field trials of seed treatments, plot {n}", keywords=["drought"],
                 sector_codes=["01.11"])
    _service(journey, "Field trials of seed treatments for oil fields", keywords=["drought"],
             sector_codes=["06.20"])  # another OKED sector
    _service(journey, "Field trials, ready", trl=9, keywords=["drought"],
             sector_codes=["01.11"])
    others = {k: v for k, v in FILTERS.items() if k != "stage"}
    for on in ({"sector": "01"}, others):
        html = client.get("/catalogue", query_string=on).get_data(as_text=True)
        counts = dict(re.findall(r'data-stage="(\w+)"[^>]*>(\d+)<', html))
        assert counts == {"documentation": "0", "experimental": "0", "pilot": "2",
                          "ready": "1"}, on
        pilot = _link(html, "Passed industrial pilot")
        assert _query(pilot) == {**on, "stage": "pilot"}
        opened = client.get(pilot).get_data(as_text=True)
        assert "2 offers" in opened and _cards(opened) == 2


def test_kazakh_words_find_kazakh_offers_on_the_page_and_in_the_api(journey, client):
    """The catalogue does not know the language of the words typed: a Cyrillic word is also
    stemmed as Kazakh, so бидай and тамшылатып find the Kazakh offers that have them."""
    wheat = _service(journey, "Құрғақшылыққа төзімді бидай тұқымын өңдеу", language="kk",
                     summary="Тұқымды қорғайтын жабын: өскіндер құрғақшылықта аман қалады.")
    drip = _service(journey, "Тамшылатып суаруға арналған контроллер", language="kk",
                    field="water", trl=9,
                    summary="Топырақ ылғалына қарай суару желілерін ашатын күн контроллері.")
    for word, offer in (("бидай", wheat), ("тамшылатып", drip), ("бидай тұқымы", wheat)):
        body = client.get("/api/v1/catalogue", query_string={"q": word}).get_json()
        assert [i["id"] for i in body["items"]] == [offer["id"]], word
        html = client.get("/catalogue", query_string={"q": word},
                          headers={"Accept-Language": "kk"}).get_data(as_text=True)
        assert offer["title"] in html and _cards(html) == 1, word
    body = client.get("/api/v1/catalogue", query_string={"keyword": "бидай"}).get_json()
    assert [i["id"] for i in body["items"]] == [wheat["id"]]
    # the stored texts are as the Kazakh stemmer wrote them: nothing was indexed again
    from consortium.catalogue import search
    assert search.query_groups("бидай") == [["бида"]]


def test_a_visitor_signs_in_from_the_header_and_errors_lead_back_to_the_catalogue(
        journey, client):
    o = _service(journey, "Field trials of seed treatments")
    html = client.get("/catalogue?stage=pilot").get_data(as_text=True)
    sign_in = _link(html, "Sign in")
    assert urlsplit(sign_in).path == "/login"
    assert _query(sign_in) == {"next": "/catalogue?stage=pilot"}
    assert "Inbox" not in html
    # a missing offer (by its number or its address): back to the catalogue, not to an inbox
    for path in ("/catalogue/999999", f"/catalogue/{o['id'] + 1000}-x"):
        r = client.get(path, headers={"Accept-Language": "kk"})
        page = r.get_data(as_text=True)
        assert r.status_code == 404 and "Кіріс жәшігіне" not in page, path
        assert _link(page, "Каталогқа оралу") == "/catalogue", path
    # once signed in, the header leads to their pages; the login brings them back
    r = client.post(sign_in, data={"email": journey.legal_user.email, "password": PASSWORD})
    assert r.status_code == 302 and r.headers["Location"] == "/catalogue?stage=pilot"
    html = client.get("/catalogue").get_data(as_text=True)
    assert ">Sign in<" not in html and ">Inbox<" in html
    page = client.get("/catalogue/999999").get_data(as_text=True)
    assert _link(page, "Back to the catalogue") == "/catalogue"


def test_no_result_says_which_filters_are_on_and_offers_to_clear_them(journey, client):
    _service(journey, "Field trials of seed treatments")
    html = client.get("/catalogue", query_string={**FILTERS, "q": "vineyards"},
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    empty = html.split('class="empty"')[1]
    assert "No offer matches these filters:" in empty
    for shown in ("Search: <q>vineyards</q>", "Stage: Passed industrial pilot",
                  "Field: Agriculture and food", "OKED code: 01", "Keyword: <q>drought</q>"):
        assert shown in empty, shown
    assert _link(html, "Clear the filters") == "/catalogue"
    html = client.get("/catalogue?q=vineyards", headers={"Accept-Language": "ru"}).get_data(
        as_text=True)
    assert "Сбросить фильтры" in html and "Stage:" not in html


def test_new_offers_and_requests_are_written_in_the_interface_language(journey, login_as):
    web = login_as(journey.legal_user)
    for lang in ("kk", "ru", "en"):
        for path in ("/offers/new", "/requests/new"):
            html = web.get(path, headers={"Accept-Language": lang}).get_data(as_text=True)
            chosen = re.search(r'<select id="language".*?</select>', html, re.S).group(0)
            assert re.findall(r'<option value="(\w+)" selected>', chosen) == [lang], (
                path, lang)


def test_robots_txt_lets_crawlers_read_the_catalogue_and_nothing_signed_in(app, client):
    from urllib.robotparser import RobotFileParser
    r = client.get("/robots.txt")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    robots = RobotFileParser()
    robots.parse(r.get_data(as_text=True).splitlines())
    assert robots.site_maps() == ["http://localhost/sitemap.xml"]
    for public in ("/catalogue", "/catalogue?stage=pilot&page=2", "/catalogue/4-seed-coating",
                   "/sitemap.xml", "/static/app.css"):
        assert robots.can_fetch("*", f"http://localhost{public}"), public
    # every other address of the app, from its URL map
    signed_in = [re.sub(r"<[^>]+>", "1", rule.rule) for rule in app.url_map.iter_rules()
                 if not rule.endpoint.startswith("catalogue.") and rule.endpoint != "static"
                 and rule.rule != "/"]
    assert len(signed_in) > 100
    for path in signed_in:
        assert not robots.can_fetch("*", f"http://localhost{path}"), path


def _partner_user(journey):
    return next(u for _c, u in journey.clients.values() if u.role.value == "partner")


def test_interest_tells_the_offering_organisation_and_is_not_asked_twice(journey, app):
    """The licensor's legal staff are notified of the inquiry an interest opened; a second
    interest of the same enterprise in the same invention while the first inquiry goes on is
    a 409 naming it (API), not a second inquiry."""
    from consortium.extensions import db
    from consortium.notifications.models import Notification
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    r = journey.partner.post(f"/offers/{o['id']}/interest",
                             json={"message": "We farm 20,000 ha."})
    assert r.status_code == 201, r.get_json()
    lic = r.get_json()["license"]
    with app.app_context():
        told = db.session.scalars(db.select(Notification).where(
            Notification.kind == "interest")).all()
        assert {n.user_id for n in told} >= {journey.legal_user.id}
        assert all(n.url == f"/licenses/{lic['id']}" for n in told)
        assert told[0].params["number"] == lic["reg_number"]
    again = journey.partner.post(f"/offers/{o['id']}/interest",
                                 json={"message": "Still interested."})
    assert again.status_code == 409, again.get_json()
    err = again.get_json()["error"]
    assert err["code"] == "already_inquired" and lic["reg_number"] in err["message"]
    assert len(journey.partner.get("/licenses").get_json()["items"]) == 1


def test_a_refused_interest_form_comes_back_with_what_was_typed(journey, login_as):
    """On the public page, in Russian: a message over the limit comes back in the form with
    its reason in Russian under it, on the page it was sent from; a second interest leads to
    the first inquiry; the licence page names the offer it came from."""
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    web = login_as(_partner_user(journey))
    ru = {"Accept-Language": "ru"}
    page_url = web.get(f"/catalogue/{o['id']}", headers=ru).headers["Location"]
    long_text = "Нам нужна эта технология. " * 200
    r = web.post(f"/offers/{o['id']}/interest", headers=ru,
                 data={"message": long_text, "propose": "licence", "back": page_url})
    assert r.status_code == 302 and r.headers["Location"] == page_url
    html = web.get(page_url, headers=ru).get_data(as_text=True)
    assert "Нам нужна эта технология." in html  # kept
    assert "не более 4000 символов" in html and "at most" not in html
    assert "Нам нужна эта технология." not in web.get(page_url, headers=ru).get_data(
        as_text=True)  # shown once
    r = web.post(f"/offers/{o['id']}/interest", headers=ru,
                 data={"message": "Давайте обсудим.", "propose": "licence", "back": page_url})
    assert r.status_code == 302 and "/licenses/" in r.headers["Location"]
    first = r.headers["Location"]
    html = web.get(first, headers=ru).get_data(as_text=True)
    assert o["number"] in html and o["title"] in html  # the offer it came from
    r = web.post(f"/offers/{o['id']}/interest", headers=ru,
                 data={"message": "Ещё раз.", "propose": "licence", "back": page_url})
    assert r.status_code == 302 and r.headers["Location"] == first


def test_an_offer_of_an_invention_not_yet_protected_stays_out_of_the_catalogue(
        journey, login_as):
    """A public summary of an invention only submitted (nothing filed, not kept as know-how)
    could cost it its novelty: publishing its offer is refused, saying why, until the
    invention is protected; the public page then offers a licence."""
    r = journey.alice.post("/disclosures", json=disclosure_payload(
        (journey.alice_user, "100"), title="A newer idea"))
    did = r.get_json()["id"]
    journey.alice.post(f"/disclosures/{did}/transitions/submit")
    r = journey.legal.post("/offers", json={
        "title": "Newer idea for seed coating", "summary": SUMMARY, "kind": "technology",
        "field": "agriculture", "disclosure_id": did, "language": "en", "trl": 4})
    assert r.status_code == 201, r.get_json()
    other = r.get_json()
    r = _publish(journey.legal, "offers", other["id"], confirm_public="yes")
    assert r.status_code == 422, r.get_json()
    assert "once the invention is protected" in r.get_json()["error"]["message"]
    assert journey.legal.get(f"/offers/{other['id']}").get_json()["state"] == "draft"
    # the protected one is published, and a licence is what the visitor may ask for
    o = _offer(journey)
    _publish(journey.legal, "offers", o["id"])
    web = login_as(_partner_user(journey))
    html = web.get(f"/catalogue/{o['id']}", follow_redirects=True).get_data(as_text=True)
    assert 'value="licence"' in html and 'value="consortium"' in html


def test_the_request_form_says_who_will_read_the_answers(journey, login_as):
    """An open request is read by the whole network, competitors included: the guided form
    says so before the company writes its volumes, failure rates and budget."""
    web = login_as(_partner_user(journey))
    html = web.get("/requests/new", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert 'id="who-reads"' in html and "в том числе другие предприятия" in html
