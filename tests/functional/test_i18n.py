"""Translations: the catalogue holds every marked string, Russian covers all of it with the same
placeholders, the compiled catalogue matches its source, and the pages follow the language the
user picks."""
from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.helpers import disclosure_payload
from workflows import WORKFLOWS
from workflows.i18n import labels

ROOT = Path(__file__).resolve().parents[2]
POT = ROOT / "consortium" / "messages.pot"
TRANSLATIONS = ROOT / "consortium" / "translations"
LOCALES = sorted(p.name for p in TRANSLATIONS.iterdir() if p.is_dir())
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%")


def _key(m):
    """A catalogue entry's key: its msgctxt with its msgid (a state label of an offer and the
    same English label shared by other records are two entries)."""
    return m.context, m.id


def _catalog(locale: str):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=locale)


def test_russian_is_shipped():
    assert "ru" in LOCALES


@pytest.mark.sqlite_only
def test_the_template_holds_every_marked_string(tmp_path):
    """`make messages` was run after the last string changed: a fresh extraction adds nothing."""
    out = tmp_path / "fresh.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "babel.cfg", "-k", "_l", "-k", "N_", "-o", str(out), "."],
                   cwd=ROOT, check=True, capture_output=True)
    with out.open("rb") as fh:
        fresh = {_key(m) for m in read_po(fh) if m.id}
    # both extractors ran
    assert {(None, "Inbox"), (None, "Submit to the technology-transfer office")} <= fresh
    with POT.open("rb") as fh:
        committed = {_key(m) for m in read_po(fh) if m.id}
    assert fresh - committed == set(), "run `make messages`"


def test_every_workflow_label_is_in_the_template():
    with POT.open("rb") as fh:
        committed = {_key(m) for m in read_po(fh) if m.id}
    missing = {(getattr(text, "context", None), str(text)) for text, _where in labels()
               if text} - committed
    assert missing == set()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_with_the_same_placeholders(locale):
    with POT.open("rb") as fh:
        wanted = {_key(m) for m in read_po(fh) if m.id}
    catalog = _catalog(locale)
    translated = {_key(m): m for m in catalog if m.id}
    problems = [f"missing: {i!r}" for i in sorted(wanted - set(translated), key=str)]
    for key, m in translated.items():
        if key not in wanted:
            continue
        msgid = m.id
        if not m.string or m.fuzzy:
            problems.append(f"untranslated or fuzzy: {msgid if m.context is None else key!r}")
            continue
        if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(m.string)):
            problems.append(f"placeholders differ: {msgid!r} -> {m.string!r}")
        elif PLACEHOLDER.sub("", m.string).count("%"):
            problems.append(f"a bare % would break formatting: {m.string!r}")
    assert problems == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_compiled_catalogue_matches_its_source(locale):
    """The .mo the app loads is the .po compiled (`make translations`)."""
    source = {_key(m): m.string for m in _catalog(locale) if m.id and m.string and not m.fuzzy}
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo").open("rb") as fh:
        compiled = {_key(m): m.string for m in read_mo(io.BytesIO(fh.read())) if m.id}
    assert compiled == source


def test_pages_follow_the_browser_language(client, team, login_as):
    login_as(team.alice)
    page = client.get("/inbox", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
    html = page.get_data(as_text=True)
    assert '<html lang="ru">' in html
    assert "Входящие" in html and "Inbox" not in html
    english = client.get("/inbox", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Inbox" in english


def test_the_switcher_overrides_the_browser_and_returns_to_the_page(client, team, login_as):
    login_as(team.alice)
    r = client.post("/language", data={"lang": "ru", "next": "/disclosures/?state=draft"},
                    headers={"Accept-Language": "en"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/disclosures/?state=draft")
    html = client.get("/inbox", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Входящие" in html
    client.post("/language", data={"lang": "en", "next": "/inbox"})
    assert "Inbox" in client.get("/inbox", headers={"Accept-Language": "ru"}).get_data(
        as_text=True)


def test_the_switcher_is_on_the_sign_in_page_too(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'action="/language"' in html and "Русский" in html
    client.post("/language", data={"lang": "ru", "next": "/login"})
    assert "Войти" in client.get("/login").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["de", "", "../../etc"])
def test_an_unknown_language_is_refused(client, lang):
    assert client.post("/language", data={"lang": lang}).status_code == 400


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example",
                                    "javascript:alert(1)"])
def test_the_switcher_never_leaves_the_site(client, target):
    r = client.post("/language", data={"lang": "ru", "next": target})
    assert r.status_code == 302
    assert r.headers["Location"] in ("/", "http://localhost/")


def test_workflow_labels_dates_and_refusals_are_translated(client, team, login_as, api):
    body = api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, "60"), (team.bob, "30"))).get_json()
    login_as(team.alice)
    client.post("/language", data={"lang": "ru", "next": "/"})
    html = client.get(f"/disclosures/{body['id']}").get_data(as_text=True)
    disclosure = next(w for w in WORKFLOWS if w.name == "disclosure")
    from flask_babel import force_locale, gettext
    with client.application.test_request_context(), force_locale("ru"):
        draft = gettext(disclosure.state_label("draft"))
        submit = gettext(disclosure.transition("submit").label)
    assert draft != "Draft" and draft in html
    assert submit in html
    # a blocked action says why, in Russian: the shares total 90 %
    assert "90" in html and "Inventors' shares total" not in html
    # the API answers in the language asked for
    refused = api(team.alice).post(f"/disclosures/{body['id']}/transitions/submit", json={},
                                   headers={"Accept-Language": "ru"})
    assert refused.status_code == 422
    assert re.search("[а-яА-Я]", refused.get_json()["error"]["message"])


def test_field_notes_are_translated_with_their_values(team, api):
    alice, legal = api(team.alice), api(team.legal)
    d = alice.post("/disclosures", json=disclosure_payload((team.alice, "100"))).get_json()
    assert alice.post(f"/disclosures/{d['id']}/transitions/submit", json={}).status_code == 200
    assert legal.post(f"/disclosures/{d['id']}/transitions/start_review",
                      json={}).status_code == 200
    bad = {"data": {"trl": "12", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
                    "recommendation": "x" * 5001}}
    path = f"/disclosures/{d['id']}/transitions/complete_assessment"
    english = legal.post(path, json=bad).get_json()["error"]["fields"]
    russian = legal.post(path, json=bad, headers={"Accept-Language": "ru"}).get_json()[
        "error"]["fields"]
    assert english["trl"] == "must be one of: 1, 2, 3, 4, 5, 6, 7, 8, 9"
    assert russian["trl"] == "допустимые значения: 1, 2, 3, 4, 5, 6, 7, 8, 9"
    assert "characters" in english["recommendation"]
    assert "символов" in russian["recommendation"]
    assert re.sub(r"\D", "", english["recommendation"]) == re.sub(
        r"\D", "", russian["recommendation"])


@pytest.mark.parametrize("locale", ["ru", "kk"])
def test_no_pydantic_english_reaches_an_api_error(team, api, locale):
    """Every type error pydantic finds is said in the app's own words, in the reader's
    language: wrong types, a choice outside the list, too many items, an unknown field."""
    alice = api(team.alice)
    bad = disclosure_payload((team.alice, "100"))
    bad.update({"title": 12345, "funding_source": "lottery", "keywords": ["k"] * 40,
                "conception_date": "yesterday", "unexpected": True})
    r = alice.post("/disclosures", json=bad, headers={"Accept-Language": locale})
    assert r.status_code == 422
    fields = r.get_json()["error"]["fields"]
    assert fields, r.get_json()
    for field, message in fields.items():
        assert re.search(r"[а-яәғқңөұүһі]", message, re.IGNORECASE), (field, message)
        for english in ("Input should", "should have", "Field required", "Extra inputs",
                        "valid string", "after validation"):
            assert english not in message, (field, message)
