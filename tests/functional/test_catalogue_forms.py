"""The single window's forms and workflow as a user audit found them: a withdrawn offer is
corrected out of public view and asks nobody to publish it again; the request and offer forms
say "required" and give every field's error at once; why a record cannot be published, and
the states of offers and requests, read in the reader's language."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.helpers import LicenceJourney

SUMMARY = ("A biodegradable coating for wheat seeds made from sheep wool protein. It feeds "
           "the seedling during the first weeks and helps crops survive drought in arid "
           "steppe fields.")
#: words of the disclosure's confidential abstract (tests/helpers.disclosure_payload)
COPIED = ("Seed coating. A keratin-chitosan seed coating that releases nitrogen over 40 days, "
          "for dry regions.")

#: the kk and ru words these fixes ask the translators for ((msgctxt, msgid): msgstr), as the
#: report lists them: the tests put them into the catalogues the app loaded until the .po
#: files hold them, since what is tested is that the pages translate each part in its
#: context, not the words themselves
WORDS = {
    "ru": {
        (None, "choose the field"): "выберите область техники",
        (None, "give the technology readiness level"): "укажите уровень готовности технологии",
        (None, "write a summary of at least five words"):
            "напишите аннотацию не менее чем из пяти слов",
        (None, "describe the problem in at least five words"):
            "опишите задачу не менее чем в пяти словах",
        ("offer state", "Draft"): "Черновик",
        ("offer state", "Published"): "Опубликовано",
        ("offer state", "Withdrawn"): "Отозвано",
        ("request state", "Draft"): "Черновик",
        ("request state", "Open"): "Открыт",
        ("request state", "Closed"): "Закрыт",
    },
    "kk": {
        (None, "choose the field"): "саласын таңдаңыз",
        ("offer state", "Published"): "Жарияланды",
        ("offer state", "Withdrawn"): "Каталогтан алынды",
    },
}


@pytest.fixture
def journey(api, make_org, make_user):
    return LicenceJourney(api, make_org, make_user)


@pytest.fixture
def words(app, monkeypatch):
    """:data:`WORDS` in the app's loaded kk and ru catalogues, for this test only."""
    from flask_babel import get_translations
    for locale, entries in WORDS.items():
        with app.test_request_context(headers={"Accept-Language": locale}):
            catalogue = get_translations()._catalog
        for (context, msgid), msgstr in entries.items():
            monkeypatch.setitem(catalogue, f"{context}\x04{msgid}" if context else msgid,
                                msgstr)


def _offer(j, **extra):
    body = {"title": "Wool-keratin seed coating for dry steppe farming", "summary": SUMMARY,
            "kind": "technology", "field": "agriculture", "disclosure_id": j.did,
            "language": "en", **extra}
    r = j.legal.post("/offers", json=body)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _request(client, **extra):
    body = {"title": "Посевной материал для засушливых полей",
            "problem": "Всходы пшеницы гибнут в засуху; нужна защита семян и питание азотом "
                       "в первые недели после посева.",
            "field": "agriculture", "language": "ru", **extra}
    r = client.post("/requests", json=body)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _fire(client, collection, rid, trigger, lang="en", **body):
    return client.post(f"/{collection}/{rid}/transitions/{trigger}", json=body,
                       headers={"Accept-Language": lang})


def _field_error(html, name):
    """The text of the error shown under the form field ``name``, or None."""
    found = re.search(rf'<p class="field-error" id="{name}-error">(.*?)</p>', html, re.S)
    return found.group(1).strip() if found else None


# -- 1. a withdrawn offer ----------------------------------------------------------------------
def test_a_withdrawn_offer_is_corrected_out_of_public_view_and_awaits_nobody(
        journey, make_user, login_as, client):
    """Before: withdrawing needed no reason; a withdrawn offer answered 409 to its edit form
    ("publish it again first"), and the inbox and an e-mail told the other legal staff that
    it waited for them to publish it."""
    from workflows import engine
    second = make_user("legal", journey.org, "Saule Second")
    o = _offer(journey)
    assert _fire(journey.legal, "offers", o["id"], "publish").status_code == 200
    # withdrawing says why, and the reason stays in the history
    r = _fire(journey.legal, "offers", o["id"], "withdraw")
    assert r.status_code == 422 and "comment" in r.get_json()["error"]["fields"]
    assert journey.legal.get(f"/offers/{o['id']}").get_json()["state"] == "published"
    r = _fire(journey.legal, "offers", o["id"], "withdraw",
              comment="The summary quotes the confidential novelty.")
    assert r.status_code == 200, r.get_json()
    events = journey.legal.get(f"/offers/{o['id']}/events").get_json()
    assert events[-1]["trigger"] == "withdraw"
    assert events[-1]["comment"] == "The summary quotes the confidential novelty."
    # legal staff and researchers of the organisation correct it where nobody else sees it
    version = r.get_json()["record"]["version"]
    r = journey.legal.patch(f"/offers/{o['id']}", json={
        "version": version, "summary": "A seed coating for dry steppe fields, described "
                                       "without its composition."})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["state"] == "withdrawn"
    r = journey.alice.patch(f"/offers/{o['id']}", json={"version": r.get_json()["version"],
                                                         "title": "Seed coating for steppe"})
    assert r.status_code == 200, r.get_json()
    assert client.get("/api/v1/catalogue").get_json()["total"] == 0
    # nobody is asked to put it back in public: no inbox row, no notification, no e-mail
    assert "draft" in engine.awaited_states("offer", "legal")
    assert "withdrawn" not in engine.awaited_states("offer", "legal")
    told = journey.reviewer.get("/notifications?per_page=100").get_json()["items"]
    assert not [n for n in told if o["number"] in n["text"]], told
    draft = _offer(journey, title="Drip irrigation controller for small farms")
    web = login_as(second)
    assert web.get(f"/offers/{o['id']}/edit").status_code == 200
    saved = journey.legal.get(f"/offers/{o['id']}").get_json()
    r = web.post(f"/offers/{o['id']}/edit", data={
        "version": str(saved["version"]), "title": saved["title"], "kind": "technology",
        "summary": "A seed coating for dry steppe fields, tested on two farms.",
        "field": "agriculture", "trl": "4", "language": "en",
        "disclosure_id": str(journey.did)})
    assert r.status_code == 302, r.get_data(as_text=True)[:1000]
    inbox = web.get("/inbox").get_data(as_text=True)
    assert draft["number"] in inbox and o["number"] not in inbox
    page = web.get(f"/offers/{o['id']}").get_data(as_text=True)
    assert "The summary quotes the confidential novelty." in page
    # it may still be published again, with the same trigger, from a draft as from withdrawn
    assert _fire(journey.reviewer, "offers", o["id"], "publish").status_code == 200
    assert client.get("/api/v1/catalogue").get_json()["total"] == 1


# -- 2. the forms' validation --------------------------------------------------------------------
def test_the_request_form_says_required_and_gives_every_error_at_once(journey, login_as, app):
    """Before: an empty title said "must be text", the errors came one at a time, the budget
    error named "budget_min" and a deadline in 2020 was accepted."""
    bad = {"title": "", "problem": "  ", "budget_min": "5000000", "budget_max": "1000000",
           "deadline": "2020-01-01", "field": "agriculture"}
    r = journey.partner.post("/requests", json=bad)
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {
        "title": "is required", "problem": "is required",
        "budget_max": "must not be less than the minimum budget",
        "deadline": "must not be before today"}
    assert journey.partner.post("/requests", json={**bad, "title": None}).get_json()[
        "error"]["fields"]["title"] == "is required"
    partner = next(u for _c, u in journey.clients.values() if u.role == "partner")
    web = login_as(partner)
    form = web.get("/requests/new").get_data(as_text=True)
    assert '<label for="field">Field <span class="req">*</span></label>' in form
    page = web.post("/requests/new", data={**bad, "problem": ""},
                    headers={"Accept-Language": "ru"})
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    shown = {name: _field_error(html, name)
             for name in ("title", "problem", "budget_max", "deadline")}
    assert shown["title"] == shown["problem"] == "обязательное поле", shown
    assert shown["budget_max"] and "budget_min" not in shown["budget_max"], shown
    assert shown["deadline"], shown
    assert "должно быть текстом" not in html

    # the deadline: today is fine; an edit to a past day is refused, as is publishing a
    # draft whose deadline has passed since; a deadline kept as it was may stay
    today = dt.date.today().isoformat()
    rq = _request(journey.partner, deadline=today)
    r = journey.partner.patch(f"/requests/{rq['id']}", json={"version": rq["version"],
                                                             "deadline": "2020-01-01"})
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {"deadline": "must not be before today"}
    _deadline_passed(app, rq["id"])
    r = _fire(journey.partner, "requests", rq["id"], "publish")
    assert r.status_code == 422 and list(r.get_json()["error"]["fields"]) == ["deadline"]
    current = journey.partner.get(f"/requests/{rq['id']}").get_json()
    assert current["state"] == "draft"
    r = journey.partner.patch(f"/requests/{rq['id']}", json={
        "version": current["version"], "deadline": "2020-01-01", "region": "Akmola"})
    assert r.status_code == 200, r.get_json()
    r = journey.partner.patch(f"/requests/{rq['id']}", json={"version": r.get_json()["version"],
                                                             "deadline": None})
    assert r.status_code == 200, r.get_json()
    assert _fire(journey.partner, "requests", rq["id"], "publish").status_code == 200


def _deadline_passed(app, rid):
    """The request's deadline as a draft kept since 2020 would have it."""
    from sqlalchemy import update

    from consortium.catalogue.models import TechRequest
    from consortium.extensions import db
    with app.app_context():
        db.session.execute(update(TechRequest).where(TechRequest.id == rid)
                           .values(deadline=dt.date(2020, 1, 1)))
        db.session.commit()


def test_the_offer_form_says_required_and_marks_what_publishing_needs(journey, login_as):
    r = journey.legal.post("/offers", json={"title": "", "summary": "", "kind": None,
                                            "trl": 12})
    assert r.status_code == 422
    fields = r.get_json()["error"]["fields"]
    assert fields["title"] == fields["summary"] == fields["kind"] == "is required", fields
    assert fields["trl"] == "must be at most 9", fields
    web = login_as(journey.legal_user)
    form = web.get("/offers/new").get_data(as_text=True)
    assert '<label for="field">Field <span class="req">*</span></label>' in form
    assert '<label for="trl">Technology readiness level <span class="req">*</span></label>' \
        in form
    page = web.post("/offers/new", data={"title": "", "summary": "", "kind": "technology"},
                    headers={"Accept-Language": "kk"})
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert _field_error(html, "title") == _field_error(html, "summary") == "міндетті өріс"
    assert "мәтін болуы тиіс" not in html


# -- 3. why a record cannot be published, in the reader's language ------------------------------
def test_why_an_offer_or_a_request_is_incomplete_reads_in_the_readers_language(
        journey, login_as, words):
    """Before: the problems were English text joined into the kk or ru message, and the edit
    of a published offer said "repeats the confidential disclosure" in English."""
    o = journey.legal.post("/offers", json={"title": "Field trials", "summary": "Trials.",
                                            "kind": "rd_service"}).get_json()
    r = _fire(journey.legal, "offers", o["id"], "publish", lang="ru")
    assert r.status_code == 422
    message = r.get_json()["error"]["message"]
    assert message == ("Предложение не заполнено: выберите область техники; укажите уровень "
                       "готовности технологии; напишите аннотацию не менее чем из пяти слов"), \
        message
    page = login_as(journey.legal_user).get(f"/offers/{o['id']}",
                                            headers={"Accept-Language": "kk"})
    html = page.get_data(as_text=True)
    assert "Ұсыныс толық емес: саласын таңдаңыз; " in html and "choose the field" not in html

    rq = _request(journey.partner, field=None, problem="Засуха.")
    r = _fire(journey.partner, "requests", rq["id"], "publish", lang="ru")
    assert r.status_code == 422
    assert r.get_json()["error"]["message"] == (
        "Запрос не заполнен: выберите область техники; опишите задачу не менее чем в пяти "
        "словах")

    # editing a published offer: the same checks, in words of the reader's language
    o = _offer(journey)
    rec = _fire(journey.legal, "offers", o["id"], "publish").get_json()["record"]
    r = journey.legal.patch(f"/offers/{o['id']}", json={"version": rec["version"],
                                                         "summary": COPIED},
                            headers={"Accept-Language": "ru"})
    assert r.status_code == 422
    summary = r.get_json()["error"]["fields"]["summary"]
    assert summary.startswith("повторяет конфиденциальное уведомление об изобретении («"), summary
    r = journey.legal.patch(f"/offers/{o['id']}", json={"version": rec["version"],
                                                         "field": None},
                            headers={"Accept-Language": "ru"})
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {"summary": "выберите область техники"}


# -- 4. the states of offers and requests -------------------------------------------------------
def test_the_states_of_offers_and_requests_agree_with_their_nouns(journey, login_as, words):
    """Before: an offer's states shared their msgids with other records, so ru showed a
    published offer as «Опубликована» (feminine) beside «Отозвано» (neuter), and kk called a
    withdrawn offer «Кері қайтарылды» (sent back)."""
    from workflows import OFFER, REQUEST
    from workflows.i18n import labels
    published, withdrawn = _offer(journey), _offer(journey, title="Solar drip controller")
    for o in (published, withdrawn):
        assert _fire(journey.legal, "offers", o["id"], "publish").status_code == 200
    r = _fire(journey.legal, "offers", withdrawn["id"], "withdraw", comment="Licensed.")
    assert r.status_code == 200
    web = login_as(journey.legal_user)
    listing = web.get("/offers/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Опубликовано" in listing and "Отозвано" in listing
    assert "Опубликована" not in listing
    page = web.get(f"/offers/{withdrawn['id']}", headers={"Accept-Language": "kk"})
    html = page.get_data(as_text=True)
    assert "Каталогтан алынды" in html and "Кері қайтарылды" not in html
    # the flash after an action names the state in the same words
    r = web.post(f"/offers/{published['id']}/actions/withdraw",
                 data={"version": str(journey.legal.get(f"/offers/{published['id']}")
                                      .get_json()["version"]), "comment": "Licensed."},
                 headers={"Accept-Language": "ru"}, follow_redirects=True)
    assert "Текущее состояние записи: Отозвано." in r.get_data(as_text=True)
    rq = _request(journey.partner)
    assert _fire(journey.partner, "requests", rq["id"], "publish").status_code == 200
    partner = next(u for _c, u in journey.clients.values() if u.role == "partner")
    mine = login_as(partner).get("/requests/", headers={"Accept-Language": "ru"})
    assert ">Открыт</span>" in mine.get_data(as_text=True)
    # the labels are English as before, and the catalogue has them in their own context
    assert OFFER.state_label("published") == "Published"
    assert REQUEST.state_label("open").context == "request state"
    contexts = {(getattr(text, "context", None), str(text)) for text, _where in labels()}
    assert {("offer state", "Published"), ("offer state", "Withdrawn"),
            ("request state", "Open"), ("request state", "Closed")} <= contexts
