"""Every route, generated from the app's own URL map, refuses the anonymous and the outsider.

A new route without an authentication or visibility check fails here."""
from __future__ import annotations

import re

import pytest

from tests.helpers import disclosure_payload

#: routes that are meant to answer without a session or a token
PUBLIC = {"/login", "/language", "/api/v1/auth/token", "/api/v1/openapi.json", "/api/v1/workflows",
          "/static/<path:filename>", "/",
          # the public innovation catalogue (published offers only)
          "/catalogue", "/catalogue/<int:offer_id>-<slug>", "/catalogue/<int:offer_id>",
          "/sitemap.xml", "/robots.txt", "/api/v1/catalogue",
          # no account yet, or its password forgotten: the link in the mail is the proof
          # (tests/functional/test_notifications.py)
          "/invitations/<token>", "/password/forgot", "/password/reset/<token>",
          "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm",
          "/api/v1/invitations/accept"}


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
    from tests.helpers import PASSWORD
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


# -- signers: every required signer can open what it must sign, and no one else can ----------
def _signing_rules(app, collection: str):
    """The app's own routes of one record and of a document, from its URL map."""
    for rule in app.url_map.iter_rules():
        path = rule.rule
        if "<int:doc_id>" in path:
            pass
        elif "<int:record_id>" in path and (path.startswith("/api/v1/<collection>/")
                                            or path.startswith(f"/{collection}/")):
            pass
        else:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield path, method


def _path(rule: str, collection: str, rid: int, doc_id: int) -> str:
    path = rule.replace("<collection>", collection).replace("<int:record_id>", str(rid))
    path = path.replace("<int:doc_id>", str(doc_id)).replace("<trigger>", "approve")
    return re.sub(r"<[^>]+>", "x", path)


def _open(world, who, rule, method, path):
    if rule.startswith("/api/"):
        return world.api[who]._call(method.lower(), path.removeprefix("/api/v1"),
                                    json={} if method != "GET" else None)
    return world.web(who).open(path, method=method, data={})


#: what the document card answers where LibreOffice is not installed
_NO_LIBREOFFICE = b"LibreOffice is not installed"


@pytest.mark.parametrize(("workflow", "trigger"), sorted(
    (wf.name, t.trigger) for wf in __import__("workflows").WORKFLOWS for t in wf.transitions
    if t.signers))
def test_every_required_signer_can_open_what_it_must_sign_and_no_one_else_can(
        app, make_org, make_user, api, workflow, trigger):
    """Built from the definitions: each signing transition's document, for each of its signers
    (the licensor's signatory being a partner user), by every GET route of the record and the
    document; then every route, every method, for users of an unrelated organisation: 404."""
    from consortium.documents import pdf
    from tests.helpers import World, issue_for_signature
    pdf_here = pdf.available(app.config.get("PDF_CONVERTER"))
    w = World(make_org, make_user, api, app)
    collection, rid, docs = issue_for_signature(w, workflow, trigger)
    rules = list(_signing_rules(app, collection))
    assert any("<int:doc_id>" in r for r, _m in rules) and len(rules) > 8
    for doc in docs:
        for uid in doc["required_signers"]:
            who = w.by_id[uid]
            for rule, method in rules:
                # a signature's own routes (its CMS) need a signature, which comes next
                if method != "GET" or rule.endswith("/edit") or "<int:sig_id>" in rule:
                    continue
                r = _open(w, who, rule, method, _path(rule, collection, rid, doc["id"]))
                if rule.endswith("/card") and not pdf_here:
                    # the card needs LibreOffice: without it, the signer is told so (a 404
                    # that names the reason, unlike the bare 404 of a hidden document)
                    assert r.status_code == 404 and _NO_LIBREOFFICE in r.data, (who, rule)
                    continue
                assert r.status_code == 200, (who, method, rule, r.status_code)
        for who in ("other_researcher", "other_legal", "other_partner", "other_admin"):
            for rule, method in rules:
                r = _open(w, who, rule, method, _path(rule, collection, rid, doc["id"]))
                assert r.status_code == 404, (who, method, rule, r.status_code)
                assert _NO_LIBREOFFICE not in r.data, (who, method, rule)
        for uid in doc["required_signers"]:
            r = w.sign(w.by_id[uid], doc["id"])
            assert r.status_code == 201, (w.by_id[uid], r.get_json())
