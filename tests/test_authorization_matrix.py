"""Every route, generated from the app's own URL map, refuses the anonymous and the outsider.

A new route without an authentication or visibility check fails here."""
from __future__ import annotations

import re

import pytest

from tests.conftest import disclosure_payload

#: routes that are meant to answer without a session or a token
PUBLIC = {"/login", "/language", "/api/v1/auth/token", "/api/v1/openapi.json", "/api/v1/workflows",
          "/static/<path:filename>", "/"}


def _rules(app):
    for rule in app.url_map.iter_rules():
        if rule.rule in PUBLIC:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.rule, method


def _fill(rule: str, record_id: int = 1) -> str:
    path = re.sub(r"<int:[a-z_]+>", str(record_id), rule)
    path = path.replace("<collection>", "disclosures").replace("<trigger>", "submit")
    return re.sub(r"<[^>]+>", "x", path)


def test_every_route_refuses_the_anonymous(app, client):
    checked = 0
    for rule, method in _rules(app):
        r = client.open(_fill(rule), method=method, json={} if method != "GET" else None)
        if rule.startswith("/api/"):
            assert r.status_code == 401, (method, rule, r.status_code)
            assert r.get_json()["error"]["code"] in ("unauthorized",)
        else:
            assert r.status_code in (302, 401), (method, rule, r.status_code)
            if r.status_code == 302:
                assert "/login" in r.headers["Location"], (method, rule)
        checked += 1
    assert checked > 40


ROLES = ("researcher", "legal", "partner", "admin")


@pytest.mark.parametrize("role", ROLES)
def test_every_record_route_hides_another_organisations_record(app, api, team, make_user,
                                                                role, client):
    """A user of another organisation gets 404 (or 403 for role-gated pages), never the data."""
    did = api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, "100"))).get_json()["id"]
    doc_id = api(team.alice).post(f"/disclosures/{did}/transitions/submit") \
        .get_json()["documents"][0]["id"]
    outsider = make_user(role, team.outsider_org)
    token = api(outsider).headers
    from tests.conftest import PASSWORD
    web = app.test_client()
    web.post("/login", data={"email": outsider.email, "password": PASSWORD})
    for rule, method in _rules(app):
        if "<int:record_id>" not in rule and "<int:doc_id>" not in rule:
            continue
        if "/disclosures/" not in rule and "<collection>" not in rule and \
                "<int:doc_id>" not in rule:
            continue
        path = _fill(rule, did)
        if "<int:doc_id>" in rule:
            path = _fill(rule, doc_id)
        if rule.startswith("/api/"):
            r = client.open(path, method=method, headers=token,
                            json={} if method != "GET" else None)
        else:
            r = web.open(path, method=method, data={})
        assert r.status_code in (403, 404), (role, method, rule, r.status_code)
        assert b"Seed coating" not in r.data, (role, method, rule)
