"""Sessions end server-side, redirects stay on the site, nothing is cached, throttling is fair,
and the administrator verifies the audit log from the browser (issue 11, items 5-8 and 24)."""
from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from consortium.extensions import db
from tests.helpers import PASSWORD, disclosure_payload


def browser(app, user, address: str = "127.0.0.1"):
    """A separate browser (cookie jar) signed in as ``user``."""
    client = app.test_client()
    r = client.post("/login", data={"email": user.email, "password": PASSWORD},
                    environ_base={"REMOTE_ADDR": address})
    assert r.status_code == 302, r.data[:300]
    return client


def signed_in(client) -> bool:
    r = client.get("/inbox")
    if r.status_code == 302:
        assert "/login" in r.headers["Location"]
        return False
    assert r.status_code == 200
    return True


def flashes(body: str) -> list[str]:
    return [html.unescape(m.strip()) for m in re.findall(
        r'<p class="flash [a-z]+">(.*?)</p>', body, re.S)]


def token_for(client, user, address: str = "127.0.0.1") -> dict:
    r = client.post("/api/v1/auth/token", json={"email": user.email, "password": PASSWORD},
                    environ_base={"REMOTE_ADDR": address})
    assert r.status_code == 201, r.get_json()
    return {"Authorization": f"Bearer {r.get_json()['token']}"}


def execute(app, sql: str, **params):
    with app.app_context(), db.engine.begin() as conn:
        return conn.execute(text(sql), params)


# -- item 5: sessions end on the server ---------------------------------------------------------
def test_a_saved_session_cookie_is_refused_after_logout(app, team):
    alice, phone = browser(app, team.alice), browser(app, team.alice)
    saved = alice.get_cookie("session").value
    assert signed_in(alice)
    assert alice.post("/logout").headers["Location"] == "/login"

    replay = app.test_client()
    replay.set_cookie("session", saved)
    assert not signed_in(replay)
    r = replay.get("/api/v1/me")
    assert r.status_code == 401
    assert signed_in(phone)  # signing out ends this browser's session only


def test_sign_out_everywhere_ends_every_session_and_token(app, team):
    laptop, phone = browser(app, team.alice), browser(app, team.alice)
    other = browser(app, team.bob)
    saved = phone.get_cookie("session").value
    headers = token_for(app.test_client(), team.alice)
    account = laptop.get("/account").get_data(as_text=True)
    assert 'action="/logout/everywhere"' in account  # the button is on the account page
    assert 'href="/account"' in laptop.get("/inbox").get_data(as_text=True)  # linked by logout

    r = laptop.post("/logout/everywhere")
    assert r.status_code == 302 and r.headers["Location"] == "/login"
    assert not signed_in(laptop) and not signed_in(phone)
    replay = app.test_client()
    replay.set_cookie("session", saved)
    assert not signed_in(replay)
    assert app.test_client().get("/api/v1/me", headers=headers).status_code == 401
    assert signed_in(other)  # someone else's sessions are untouched
    assert signed_in(browser(app, team.alice))  # and signing in again works


def test_sign_out_everywhere_is_a_post(app, team):
    alice = browser(app, team.alice)
    assert alice.get("/logout/everywhere").status_code == 405
    assert signed_in(alice)


def test_a_password_change_ends_the_other_sessions_but_not_this_one(app, team):
    here, there = browser(app, team.alice), browser(app, team.alice)
    headers = token_for(app.test_client(), team.alice)
    new = "a-brand-new-passphrase"

    r = here.post("/account", data={"current_password": "wrong one", "new_password": new,
                                     "confirm_password": new})
    assert r.status_code == 422 and "is not your current password" in r.get_data(as_text=True)
    r = here.post("/account", data={"current_password": PASSWORD, "new_password": "short",
                                     "confirm_password": "short"})
    assert r.status_code == 422 and "at least 10 characters" in r.get_data(as_text=True)
    r = here.post("/account", data={"current_password": PASSWORD, "new_password": new,
                                     "confirm_password": new + "x"})
    assert r.status_code == 422 and "does not match" in r.get_data(as_text=True)
    assert signed_in(there)  # nothing changed yet

    r = here.post("/account", data={"current_password": PASSWORD, "new_password": new,
                                     "confirm_password": new}, follow_redirects=True)
    assert r.status_code == 200
    assert any("password was changed" in m for m in flashes(r.get_data(as_text=True)))
    assert signed_in(here)
    assert not signed_in(there)
    assert app.test_client().get("/api/v1/me", headers=headers).status_code == 401
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": team.alice.email,
                                      "password": PASSWORD}).status_code == 200
    assert fresh.post("/login", data={"email": team.alice.email,
                                      "password": new}).status_code == 302


# -- item 6: no open redirects ------------------------------------------------------------------
HOSTILE = [
    "//evil.example/", "///evil.example/", "https://evil.example/", "http:evil.example",
    "javascript:alert(1)", "\\\\evil.example", "/\\evil.example", "\\/evil.example",
    "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example",
    " //evil.example", "\x00//evil.example", "/\x00/evil.example",
    "/\x0b/evil.example", "evil.example", "", "\x7f//evil.example", "/\t\\evil.example",
]


def test_login_never_redirects_off_site(client, team):
    for value in HOSTILE:
        r = client.post("/login", query_string={"next": value},
                        data={"email": team.alice.email, "password": PASSWORD})
        assert r.status_code == 302, (value, r.status_code)
        assert r.headers["Location"] == "/inbox", repr(value)
        client.post("/logout")


def test_a_header_injection_in_next_stays_a_path_on_this_site(client, team):
    r = client.post("/login", query_string={"next": "/\r\nSet-Cookie: x=1"},
                    data={"email": team.alice.email, "password": PASSWORD})
    assert r.status_code == 302
    assert "x=1" not in r.headers.get("Set-Cookie", "")
    assert r.headers["Location"].startswith("/") and "\n" not in r.headers["Location"]
    assert not r.headers["Location"].startswith("//")


def test_login_next_with_an_encoded_tab_stays_on_site(client, team):
    r = client.post("/login?next=/%09/evil.example",
                    data={"email": team.alice.email, "password": PASSWORD})
    assert r.headers["Location"] == "/inbox"
    client.post("/logout")
    r = client.post("/login", query_string={"next": "/licenses/"},
                    data={"email": team.alice.email, "password": PASSWORD})
    assert r.headers["Location"] == "/licenses/"


def test_language_switcher_never_redirects_off_site(client):
    for value in HOSTILE:
        r = client.post("/language", data={"lang": "ru", "next": value})
        assert r.status_code == 302, (value, r.status_code)
        assert r.headers["Location"] == "/", repr(value)
    # a path of this site is kept as it was
    r = client.post("/language", data={"lang": "en", "next": "/disclosures/?page=2&q=a%20b"})
    assert r.headers["Location"] == "/disclosures/?page=2&q=a%20b"


def test_safe_next_reads_targets_as_a_browser_does(app):
    from consortium.web.helpers import safe_next
    for value in HOSTILE + [None, 5]:
        assert safe_next(value, "/home") == "/home", repr(value)
    # what a browser would drop anyway is dropped; the rest is kept as typed
    assert safe_next("/inbox\t", "/home") == "/inbox"
    assert safe_next("/a/%2F%2Fb", "/home") == "/a/%2F%2Fb"


# -- item 7: nothing is cached ------------------------------------------------------------------
def test_pages_api_answers_and_downloads_are_not_stored(app, api, team):
    alice_api = api(team.alice)
    did = alice_api.post("/disclosures", json=disclosure_payload(
        (team.alice, "100"))).get_json()["id"]
    doc_id = alice_api.post(f"/disclosures/{did}/transitions/submit") \
        .get_json()["documents"][0]["id"]
    alice = browser(app, team.alice)
    responses = {
        "login page": app.test_client().get("/login"),
        "inbox": alice.get("/inbox"),
        "record": alice.get(f"/disclosures/{did}"),
        "account": alice.get("/account"),
        "web download": alice.get(f"/documents/{doc_id}/download"),
        "api": alice_api.get(f"/disclosures/{did}"),
        "api download": alice_api.get(f"/documents/{doc_id}/content"),
        "api error": api().get("/me"),
    }
    for name, r in responses.items():
        assert r.status_code in (200, 401), (name, r.status_code)
        assert "no-store" in r.headers.get("Cache-Control", ""), name
        assert r.headers.get("Pragma") == "no-cache", name
    css = app.test_client().get("/static/app.css")
    assert css.status_code == 200 and "no-store" not in css.headers.get("Cache-Control", "")


# -- item 8: throttling that does not lock out a campus -----------------------------------------
CAMPUS = "10.20.30.40"


def test_many_accounts_failing_from_one_address_do_not_block_another_account(app, team):
    client = app.test_client()
    for n in range(30):
        for _ in range(2):
            r = client.post("/login", data={"email": f"student{n}@example.org",
                                            "password": "wrong password"},
                            environ_base={"REMOTE_ADDR": CAMPUS})
            assert r.status_code == 200
    r = client.post("/login", data={"email": team.alice.email, "password": PASSWORD},
                    environ_base={"REMOTE_ADDR": CAMPUS})
    assert r.status_code == 302
    r = client.post("/api/v1/auth/token", json={"email": team.bob.email, "password": PASSWORD},
                    environ_base={"REMOTE_ADDR": CAMPUS})
    assert r.status_code == 201


def test_one_account_failing_from_one_address_waits_and_is_told_until_when(app, team):
    client = app.test_client()
    for _ in range(5):
        r = client.post("/login", data={"email": team.alice.email, "password": "typo typo"},
                        environ_base={"REMOTE_ADDR": CAMPUS})
        assert r.status_code == 200
    # even the right password waits now, and the page says until when
    r = client.post("/login", data={"email": team.alice.email, "password": PASSWORD},
                    environ_base={"REMOTE_ADDR": CAMPUS})
    assert r.status_code == 429
    body = r.get_data(as_text=True)
    message = " ".join(flashes(body))
    assert re.search(r"Try again in \d+ s \(after \d\d:\d\d:\d\d UTC\)", message), message
    assert f'value="{team.alice.email}"' in body  # the form keeps what was typed
    assert int(r.headers["Retry-After"]) >= 1
    api = client.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                   "password": PASSWORD},
                      environ_base={"REMOTE_ADDR": CAMPUS})
    assert api.status_code == 429 and 1 <= int(api.headers["Retry-After"]) <= 2
    assert api.get_json()["error"]["code"] == "too_many_attempts"
    assert re.search(r"after \d\d:\d\d:\d\d UTC", api.get_json()["error"]["message"])

    # the same person from another address of the campus, and a colleague, are not blocked
    assert client.post("/login", data={"email": team.alice.email, "password": PASSWORD},
                       environ_base={"REMOTE_ADDR": "10.20.30.41"}).status_code == 302
    assert client.post("/login", data={"email": team.bob.email, "password": PASSWORD},
                       environ_base={"REMOTE_ADDR": CAMPUS}).status_code == 302


def test_delays_grow_with_each_failure_and_pass(app, team):
    client = app.test_client()

    def attempt(password):
        return client.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                        "password": password},
                           environ_base={"REMOTE_ADDR": CAMPUS})

    def age(seconds):
        execute(app, "UPDATE login_failures SET at = :at WHERE at > :at",
                at=dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=seconds))

    for _ in range(5):
        assert attempt("typo typo").status_code == 401
    waits = []
    for _ in range(4):
        r = attempt("typo typo")
        assert r.status_code == 429
        waits.append(int(r.headers["Retry-After"]))
        age(waits[-1] + 1)  # as if the user waited that long
        assert attempt("typo typo").status_code == 401
    assert waits[0] <= 2 and all(b > a for a, b in zip(waits, waits[1:], strict=False)), waits
    r = attempt(PASSWORD)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > waits[-1]
    age(int(r.headers["Retry-After"]) + 1)
    assert attempt(PASSWORD).status_code == 201  # and success clears this address's count
    assert attempt("typo typo").status_code == 401


def test_an_address_guessing_at_many_accounts_is_stopped_far_higher(app, team):
    from consortium.db import unit_of_work
    from consortium.throttle import ADDRESS_LIMIT, record_login_failure
    assert ADDRESS_LIMIT >= 100
    with app.app_context(), unit_of_work():
        for n in range(ADDRESS_LIMIT):
            record_login_failure(f"victim{n}@example.org", CAMPUS)
    r = app.test_client().post("/api/v1/auth/token", json={
        "email": team.alice.email, "password": PASSWORD}, environ_base={"REMOTE_ADDR": CAMPUS})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 800
    assert "min" in r.get_json()["error"]["message"]
    r = app.test_client().post("/api/v1/auth/token", json={
        "email": team.alice.email, "password": PASSWORD}, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert r.status_code == 201


# -- item 24: the audit page and the session on the API's reads ----------------------------------
def _submitted(api, team) -> tuple[int, int]:
    alice = api(team.alice)
    did = alice.post("/disclosures", json=disclosure_payload(
        (team.alice, "100"))).get_json()["id"]
    doc = alice.post(f"/disclosures/{did}/transitions/submit").get_json()["documents"][0]
    return did, doc


def test_the_admin_audit_page_explains_an_intact_chain(app, api, team, make_user):
    _submitted(api, team)
    admin = make_user("admin", team.org, "Ada Admin")
    web = browser(app, admin)
    assert 'href="/audit"' in web.get("/inbox").get_data(as_text=True)
    expected = api(admin).get("/audit/verify").get_json()
    assert expected["ok"] and expected["events"] >= 1 and expected["documents"] >= 1
    r = web.get("/audit")
    assert r.status_code == 200
    body = html.unescape(r.get_data(as_text=True))
    assert 'data-ok="true"' in body
    assert (f"The chain is intact over {expected['events']} events and "
            f"{expected['documents']} documents") in body


def test_the_admin_audit_page_says_where_the_chain_breaks(app, api, team, make_user):
    _did, doc = _submitted(api, team)
    admin = make_user("admin", team.org)
    web = browser(app, admin)
    path = Path(app.config["STORAGE_DIR"]) / doc["sha256"][:2] / doc["sha256"]
    path.write_bytes(path.read_bytes() + b"\0")
    body = html.unescape(web.get("/audit").get_data(as_text=True))
    assert 'data-ok="false"' in body
    assert f"The file of document #{doc['id']} was changed" in body

    with app.app_context():
        from consortium.audit.models import Event
        first = db.session.scalars(db.select(Event).order_by(Event.id)).first()
        first_id, record_id = first.id, first.record_id
    execute(app, "UPDATE events SET comment = 'edited' WHERE id = :id", id=first_id)
    body = html.unescape(web.get("/audit").get_data(as_text=True))
    assert f"Event #{first_id} was changed after it was recorded" in body
    assert f"disclosure #{record_id}" in body
    assert "restore the database from a backup" in body


@pytest.mark.parametrize("role", ["researcher", "legal", "partner"])
def test_only_administrators_see_the_audit_page(app, team, make_user, role):
    user = make_user(role, team.org)
    web = browser(app, user)
    assert web.get("/audit").status_code == 403
    assert 'href="/audit"' not in web.get("/inbox").get_data(as_text=True)
    assert app.test_client().get("/audit").status_code == 302


def test_the_browser_session_reads_the_api(app, team, make_user):
    admin = make_user("admin", team.org)
    web = browser(app, admin)
    r = web.get("/api/v1/audit/verify")
    assert r.status_code == 200 and r.get_json()["ok"] is True
    alice = browser(app, team.alice)
    assert alice.get("/api/v1/me").get_json()["id"] == team.alice.id
    assert alice.get("/api/v1/audit/verify").status_code == 403
    # writes still need a token: a cross-site form cannot act with the cookie
    r = alice.post("/api/v1/disclosures", json=disclosure_payload((team.alice, "100")))
    assert r.status_code == 401
    r = alice.delete("/api/v1/auth/token")
    assert r.status_code == 401
    # a bad token is not rescued by the cookie
    r = alice.get("/api/v1/me", headers={"Authorization": "Bearer garbage"})
    assert r.status_code == 401
