"""The browser journey through HTML pages and forms, and how errors look on pages and in the API."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from sqlalchemy import select

from consortium.extensions import db
from tests.helpers import PASSWORD, disclosure_payload

ASSESSMENT = {"trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
              "recommendation": "File a national application."}


# -- helpers ------------------------------------------------------------------------------------
def browser(app, user):
    """A separate browser (cookie jar) signed in as ``user``."""
    client = app.test_client()
    r = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert r.status_code == 302, r.data[:300]
    return client


def page(r) -> str:
    assert r.mimetype == "text/html", r.mimetype
    return r.get_data(as_text=True)


def flashes(body: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<p class="flash [a-z]+">(.*?)</p>', body)]


def action_triggers(body: str, record_id: int) -> set[str]:
    return set(re.findall(rf'action="/disclosures/{record_id}/actions/([a-z_]+)"', body))


def version_on(body: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', body).group(1))


def input_tag(body: str, name: str) -> str:
    m = re.search(rf'<(?:input|select|textarea)[^>]*name="{re.escape(name)}"[^>]*>', body)
    assert m, f"no field {name}"
    return m.group(0)


def disclosure_form(team, **overrides) -> dict:
    form = {
        "title": "Seed coating from camel-wool keratin",
        "abstract": "A keratin-chitosan seed coating that releases nitrogen over 40 days.",
        "field": "Agricultural biotechnology",
        "keywords": "seed coating, keratin",
        "funding_source": "state_grant",
        "grant_numbers": "AP19677451",
        "conception_date": "2025-03-14",
        "inventors-0-email": team.alice.email, "inventors-0-name": "",
        "inventors-0-organization_id": "", "inventors-0-share_percent": "60",
        "inventors-1-email": team.bob.email.upper(), "inventors-1-name": "",
        "inventors-1-organization_id": "", "inventors-1-share_percent": "40",
        "inventors-2-email": "", "inventors-2-name": "", "inventors-2-organization_id": "",
        "inventors-2-share_percent": "",
    }
    form.update(overrides)
    return form


def file_disclosure(app, team) -> int:
    alice = browser(app, team.alice)
    r = alice.post("/disclosures/new", data=disclosure_form(team))
    assert r.status_code == 302, r.data[:500]
    return int(re.search(r"/disclosures/(\d+)$", r.headers["Location"]).group(1))


def act(client, record_id, trigger, **form):
    """Press an action's button on the record page, with the version the page shows."""
    body = page(client.get(f"/disclosures/{record_id}"))
    assert trigger in action_triggers(body, record_id), f"no {trigger} button"
    form.setdefault("version", str(version_on(body)))
    return client.post(f"/disclosures/{record_id}/actions/{trigger}", data=form,
                       headers={"Referer": f"http://localhost/disclosures/{record_id}"})


def record_state(app, record_id) -> str:
    from consortium.disclosures.models import Disclosure
    with app.app_context():
        return db.session.get(Disclosure, record_id).state


# -- signing in ---------------------------------------------------------------------------------
def test_unauthenticated_pages_redirect_to_login(client, team):
    for path in ("/inbox", "/disclosures/", "/disclosures/new", "/disclosures/review",
                 "/disclosures/1", "/documents/1/download", "/documents/1/sign"):
        r = client.get(path)
        assert r.status_code == 302, path
        assert r.headers["Location"].startswith("/login"), (path, r.headers["Location"])
    r = client.post("/disclosures/1/actions/submit", data={})
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")
    assert client.get("/").headers["Location"] == "/login"
    login = client.get("/login")
    assert login.status_code == 200 and 'name="password"' in page(login)


def test_wrong_password_shows_an_error_and_does_not_sign_in(client, team):
    r = client.post("/login", data={"email": team.alice.email, "password": "wrong-password-1"})
    assert r.status_code == 200
    body = page(r)
    assert "Wrong e-mail or password." in flashes(body)
    assert f'value="{team.alice.email}"' in body  # the e-mail is kept
    r = client.post("/login", data={"email": "nobody@example.org", "password": PASSWORD})
    assert "Wrong e-mail or password." in flashes(page(r))
    assert client.get("/inbox").status_code == 302


def test_login_goes_to_the_inbox_or_a_safe_next_page_and_logout_ends_it(client, team):
    r = client.post("/login", data={"email": team.alice.email, "password": PASSWORD})
    assert r.headers["Location"] == "/inbox"
    assert client.get("/").headers["Location"] == "/inbox"
    r = client.post("/logout")
    assert r.status_code == 302 and r.headers["Location"] == "/login"
    assert client.get("/inbox").status_code == 302
    r = client.post("/login?next=/disclosures/", data={"email": team.alice.email,
                                                       "password": PASSWORD})
    assert r.headers["Location"] == "/disclosures/"
    client.post("/logout")
    for evil in ("//evil.example/", "https://evil.example/"):
        r = client.post(f"/login?next={evil}", data={"email": team.alice.email,
                                                    "password": PASSWORD})
        assert r.headers["Location"] == "/inbox", evil
        client.post("/logout")


# -- filing a disclosure ------------------------------------------------------------------------
def test_new_form_is_prefilled_with_me_as_inventor(app, team):
    alice = browser(app, team.alice)
    body = page(alice.get("/disclosures/new"))
    assert f'value="{team.alice.email}"' in input_tag(body, "inventors-0-email")
    assert 'value="100"' in input_tag(body, "inventors-0-share_percent")
    assert 'name="csrf_token"' in body


def test_researcher_files_a_disclosure_with_a_coinventor_by_email(app, team):
    alice = browser(app, team.alice)
    r = alice.post("/disclosures/new", data=disclosure_form(team), follow_redirects=True)
    assert r.status_code == 200
    body = page(r)
    assert any("Draft saved" in f for f in flashes(body))
    assert "Seed coating from camel-wool keratin" in body
    assert "Alice Inventor" in body and "Bob Coinventor" in body

    from consortium.disclosures.models import Disclosure
    with app.app_context():
        d = db.session.scalars(select(Disclosure)).one()
        assert d.state == "draft" and d.created_by_id == team.alice.id
        assert [(i.user_id, f"{i.share_percent.normalize():f}") for i in d.inventors] == [
            (team.alice.id, "60"), (team.bob.id, "40")]
        assert d.keywords == ["seed coating", "keratin"]
        assert d.funding_source == "state_grant"
    # the co-inventor sees it in their list
    bob_list = page(browser(app, team.bob).get("/disclosures/"))
    assert "Seed coating from camel-wool keratin" in bob_list


def test_an_inventor_without_an_account_is_listed_by_name(app, team):
    alice = browser(app, team.alice)
    r = alice.post("/disclosures/new", data=disclosure_form(
        team, **{"inventors-1-email": "guest@elsewhere.example", "inventors-1-name":
                 "Gulnara Guest", "inventors-1-organization_id": str(team.outsider_org.id)}))
    assert r.status_code == 302
    body = page(alice.get(r.headers["Location"]))
    assert "Gulnara Guest" in body and "no account" in body


def test_a_bad_form_keeps_what_was_typed_and_marks_the_bad_fields(app, team):
    alice = browser(app, team.alice)
    form = disclosure_form(team, title="", **{"inventors-0-share_percent": "abc",
                                              "abstract": "Kept <abstract> & text Қ"})
    r = alice.post("/disclosures/new", data=form)
    assert r.status_code == 422
    body = page(r)
    assert "Please correct the marked fields." in flashes(body)
    assert 'aria-invalid="true"' in input_tag(body, "title")
    assert 'aria-invalid="true"' in input_tag(body, "inventors-0-share_percent")
    assert 'value="abc"' in input_tag(body, "inventors-0-share_percent")
    assert 'aria-invalid' not in input_tag(body, "abstract")
    assert "Kept &lt;abstract&gt; &amp; text Қ</textarea>" in body
    assert f'value="{team.bob.email.upper()}"' in input_tag(body, "inventors-1-email")
    assert 'value="40"' in input_tag(body, "inventors-1-share_percent")
    assert 'value="AP19677451"' in input_tag(body, "grant_numbers")
    assert 'value="state_grant" selected' in body
    # the error text is tied to the field for screen readers
    assert 'aria-describedby="title-error"' in input_tag(body, "title")
    assert 'id="title-error"' in body
    from consortium.disclosures.models import Disclosure
    with app.app_context():
        assert db.session.scalars(select(Disclosure)).all() == []


def test_only_researchers_may_file(app, team):
    legal = browser(app, team.legal)
    assert legal.get("/disclosures/new").status_code == 403
    r = legal.post("/disclosures/new", data=disclosure_form(team))
    assert r.status_code == 403 and "not allowed" in page(r)


def test_editing_a_draft_through_the_form(app, team):
    did = file_disclosure(app, team)
    alice = browser(app, team.alice)
    body = page(alice.get(f"/disclosures/{did}/edit"))
    assert 'value="Seed coating from camel-wool keratin"' in input_tag(body, "title")
    form = disclosure_form(team, title="A better title", version=str(version_on(body)))
    r = alice.post(f"/disclosures/{did}/edit", data=form, follow_redirects=True)
    assert "Changes saved." in flashes(page(r)) and "A better title" in page(r)


# -- the record page and its actions ------------------------------------------------------------
def test_record_page_shows_state_and_only_the_allowed_buttons(app, team):
    did = file_disclosure(app, team)
    alice, legal = browser(app, team.alice), browser(app, team.legal)
    body = page(alice.get(f"/disclosures/{did}"))
    assert "state-draft" in body and ">Draft<" in body
    assert action_triggers(body, did) == {"submit", "withdraw"}
    assert "Submit to the technology-transfer office" in body
    assert "Start review</button>" not in body
    assert 'id="documents"' in body and 'id="history"' in body
    assert "Nothing has happened yet." in body

    # a draft is its inventors' alone: legal staff do not see it before submission
    assert legal.get(f"/disclosures/{did}").status_code == 404

    r = act(alice, did, "submit")
    assert r.status_code == 302 and r.headers["Location"] == f"/disclosures/{did}"
    body = page(alice.get(r.headers["Location"]))
    [message] = flashes(body)
    assert message.startswith("Done:") and "Submitted" in message and "IDR-1" in message
    assert "state-submitted" in body
    assert action_triggers(body, did) == {"withdraw"}
    # the receipt is listed with a download link, and the history has the step
    assert re.search(r'href="/documents/\d+/download"', body)
    assert "Invention Disclosure Record" in body
    assert "Submit to the technology-transfer office" in body  # history label

    body = page(legal.get(f"/disclosures/{did}"))
    assert action_triggers(body, did) == {"start_review"}
    assert "Start review</button>" in body
    assert "Alice Inventor" in body  # who did it, in the history


def test_a_stale_form_is_refused_with_a_message_and_changes_nothing(app, team):
    did = file_disclosure(app, team)
    alice = browser(app, team.alice)
    r = alice.post(f"/disclosures/{did}/actions/submit", data={"version": "99"},
                   headers={"Referer": f"http://localhost/disclosures/{did}"})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/disclosures/{did}")
    messages = flashes(page(alice.get(f"/disclosures/{did}")))
    assert any("changed since you loaded it" in m for m in messages), messages
    assert record_state(app, did) == "draft"


def test_a_refused_action_flashes_why(app, team):
    did = file_disclosure(app, team)
    alice = browser(app, team.alice)
    # not possible in this state
    r = alice.post(f"/disclosures/{did}/actions/start_review", data={},
                   headers={"Referer": f"http://localhost/disclosures/{did}"})
    assert r.status_code == 302
    messages = flashes(page(alice.get(f"/disclosures/{did}")))
    assert any("Not possible while the record is Draft" in m for m in messages), messages
    assert record_state(app, did) == "draft"
    # possible in this state, but not for a researcher
    assert act(alice, did, "submit").status_code == 302
    alice.get(f"/disclosures/{did}")  # consume the flash
    r = alice.post(f"/disclosures/{did}/actions/start_review", data={},
                   headers={"Referer": f"http://localhost/disclosures/{did}"})
    assert r.status_code == 302
    messages = flashes(page(alice.get(f"/disclosures/{did}")))
    assert any("Only legal staff" in m for m in messages), messages
    assert record_state(app, did) == "submitted"
    # an unknown action is refused too, without a 500
    r = alice.post(f"/disclosures/{did}/actions/explode", data={})
    assert r.status_code in (302, 404)


def test_full_browser_journey_to_protected(app, team):
    did = file_disclosure(app, team)
    alice, bob, legal = (browser(app, u) for u in (team.alice, team.bob, team.legal))
    assert act(alice, did, "submit").status_code == 302

    # the review queue lists it for legal, and refuses researchers
    queue = legal.get("/disclosures/review")
    assert queue.status_code == 200 and "Seed coating from camel-wool keratin" in page(queue)
    refused = alice.get("/disclosures/review")
    assert refused.status_code == 403 and "not allowed" in page(refused)

    # legal's inbox shows what waits
    inbox = page(legal.get("/inbox"))
    assert "Seed coating from camel-wool keratin" in inbox and "Start review" in inbox

    assert act(legal, did, "start_review").status_code == 302
    # a comment is required to request a revision: the form is refused with the reason
    act(legal, did, "request_revision", comment="")
    assert any("comment is required" in m for m in flashes(page(legal.get(f"/disclosures/{did}"))))
    assert record_state(app, did) == "under_review"

    assert act(legal, did, "complete_assessment", **ASSESSMENT).status_code == 302
    body = page(legal.get(f"/disclosures/{did}"))
    assert "state-assessed" in body and "Technology validated in lab" in body
    assert act(legal, did, "decide_protect").status_code == 302
    assert record_state(app, did) == "assignment_pending"

    # the inventors are asked to sign, in their inbox and on the record page
    inbox = page(alice.get("/inbox"))
    assert "Invention Assignment Agreement" in inbox
    sign_url = re.search(r'href="(/documents/\d+/sign)"', inbox).group(1)
    record_page = page(alice.get(f"/disclosures/{did}"))
    assert sign_url in record_page and "pending" in record_page

    form = page(alice.get(sign_url))
    assert "SHA-256" in form and 'name="typed_name"' in form and 'name="consent"' in form
    # no consent: refused, with the box marked
    r = alice.post(sign_url, data={"typed_name": "Alice Inventor"})
    assert r.status_code == 422
    assert re.search(r'<input type="checkbox" name="consent"[^>]*aria-invalid="true"', page(r))
    r = alice.post(sign_url, data={"typed_name": "Alice Inventor", "consent": "yes"},
                   headers={"User-Agent": "WebTest/1.0"})
    assert r.status_code == 302 and r.headers["Location"] == f"/disclosures/{did}"
    body = page(alice.get(r.headers["Location"]))
    assert any(m.startswith("You signed") for m in flashes(body))
    assert "You have signed this document." in page(alice.get(sign_url))
    assert record_state(app, did) == "assignment_pending"
    # the legal officer is the organisation's signatory: the agreement has its block
    r = legal.post(sign_url, data={"typed_name": "Lena Legal", "consent": "yes"})
    assert r.status_code == 302
    assert record_state(app, did) == "assignment_pending"

    r = bob.post(sign_url, data={"typed_name": "Bob Coinventor", "consent": "yes"},
                 follow_redirects=True)
    messages = flashes(page(r))
    assert any("All required signatures are in" in m for m in messages), messages
    assert record_state(app, did) == "protected"
    body = page(r)
    assert "state-protected" in body and "Signed by Bob Coinventor" in body

    from consortium.documents.models import Signature
    with app.app_context():
        sig = db.session.scalars(select(Signature).where(
            Signature.signer_id == team.alice.id)).one()
        assert sig.user_agent == "WebTest/1.0" and sig.ip == "127.0.0.1"

    assert act(legal, did, "file_patent", office="KazPatent", application_number="2026/1",
               filing_date=dt.date.today().isoformat()).status_code == 302
    assert record_state(app, did) == "patent_pending"
    from consortium.audit.services import verify
    from consortium.documents.services import storage
    with app.app_context():
        assert verify(storage())["ok"]


def test_a_user_of_another_organisation_gets_a_404_page(app, team):
    did = file_disclosure(app, team)
    for user in (team.outsider, team.outsider_legal):
        other = browser(app, user)
        r = other.get(f"/disclosures/{did}")
        assert r.status_code == 404
        assert "<h1>404</h1>" in page(r)
        r = other.post(f"/disclosures/{did}/actions/withdraw", data={})
        assert r.status_code == 404 and r.mimetype == "text/html"
        assert other.get(f"/disclosures/{did}/edit").status_code == 404
        assert "Seed coating" not in page(other.get("/disclosures/"))
    assert record_state(app, did) == "draft"


def test_record_page_escapes_hostile_text(app, api, team):
    r = api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, 100), title="R&D <Alpha> {{ 7*7 }} <script>alert(1)</script>"))
    did = r.get_json()["id"]
    body = page(browser(app, team.alice).get(f"/disclosures/{did}"))
    assert "R&amp;D &lt;Alpha&gt; {{ 7*7 }} &lt;script&gt;" in body
    assert "<script>" not in body and "R&D <Alpha> 49" not in body


def test_pages_send_security_headers(app, team):
    r = browser(app, team.alice).get("/inbox")
    assert r.status_code == 200
    assert r.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"


# -- errors: JSON for the API, HTML for pages ---------------------------------------------------
def test_api_errors_are_json_and_page_errors_are_html(app, api, team, client):
    r = client.get("/api/v1/me")
    assert r.status_code == 401 and r.is_json and r.get_json()["error"]["code"] == "unauthorized"
    r = client.get("/api/v1/no-such-thing/1")
    assert r.status_code == 404 and r.is_json
    r = api(team.alice).get("/disclosures/999999")
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"
    r = api(team.alice).post("/disclosures", data="{not json",
                             headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.is_json
    r = client.delete("/api/v1/me")
    assert r.status_code == 405 and r.is_json

    r = client.get("/no-such-page")
    assert r.status_code == 404 and "<h1>404</h1>" in page(r)
    signed_in = browser(app, team.alice)
    r = signed_in.get("/disclosures/999999")
    assert r.status_code == 404 and "<h1>404</h1>" in page(r)
    r = signed_in.delete("/inbox")
    assert r.status_code == 405 and "<h1>405</h1>" in page(r)


# -- CSRF ---------------------------------------------------------------------------------------
@pytest.fixture
def csrf_app(database_url, tmp_path):
    from consortium import create_app
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-for-csrf",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "STORAGE_DIR": str(tmp_path / "documents"),
        "WTF_CSRF_ENABLED": True,
        "PASSWORD_HASH_TIME_COST": 1,
        "PASSWORD_HASH_MEMORY_COST": 1024,
    })
    yield app
    with app.app_context():
        db.engine.dispose()


def test_a_post_without_a_csrf_token_is_refused_with_a_page(csrf_app, team):
    client = csrf_app.test_client()
    r = client.post("/login", data={"email": team.alice.email, "password": PASSWORD})
    assert r.status_code == 400
    body = page(r)
    assert "<h1>400</h1>" in body and "reload it and try again" in body
    assert client.get("/inbox").status_code == 302  # not signed in

    # with the token from the form, the same login works
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                      r'name="csrf_token" value="([^"]+)"|value="([^"]+)" name="csrf_token"',
                      page(client.get("/login")))
    value = next(g for g in token.groups() if g)
    r = client.post("/login", data={"email": team.alice.email, "password": PASSWORD,
                                    "csrf_token": value})
    assert r.status_code == 302 and r.headers["Location"] == "/inbox"

    # signed in, an action form without its token is refused as well
    r = client.post("/disclosures/1/actions/submit", data={"version": "1"})
    assert r.status_code == 400 and "<h1>400</h1>" in page(r)
    # the API is not protected by CSRF (it needs a bearer token instead)
    r = client.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                "password": PASSWORD})
    assert r.status_code == 201


def test_login_throttle_is_shared_by_every_worker(app, team):
    """Failures counted by one app instance (one worker) stop the next attempt on another."""
    from consortium import create_app
    other = create_app({**{k: app.config[k] for k in (
        "SQLALCHEMY_DATABASE_URI", "STORAGE_DIR", "PASSWORD_HASH_TIME_COST",
        "PASSWORD_HASH_MEMORY_COST")}, "TESTING": True, "SECRET_KEY": "another worker",
        "WTF_CSRF_ENABLED": False})
    first, second = app.test_client(), other.test_client()
    for _ in range(5):
        r = first.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                   "password": "wrong password 1"})
        assert r.status_code == 401
    r = second.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                "password": "wrong password 1"})
    assert r.status_code == 429
    with other.app_context():
        from consortium.extensions import db
        db.engine.dispose()
