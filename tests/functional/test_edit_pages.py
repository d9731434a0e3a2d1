"""Editing licence terms and a draft plan through their forms: saved, or refused keeping input."""
from __future__ import annotations

from tests.helpers import disclosure_payload


def _protected(api, team):
    alice, legal = api(team.alice), api(team.legal)
    did = alice.post("/disclosures", json=disclosure_payload((team.alice, "100"))) \
        .get_json()["id"]
    alice.post(f"/disclosures/{did}/transitions/submit")
    legal.post(f"/disclosures/{did}/transitions/start_review")
    legal.post(f"/disclosures/{did}/transitions/complete_assessment", json={"data": {
        "trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
        "recommendation": "Protect."}})
    doc = legal.post(f"/disclosures/{did}/transitions/decide_protect").get_json()["documents"][0]
    for client, user in ((legal, team.legal), (alice, team.alice)):  # organisation, inventor
        client.post(f"/documents/{doc['id']}/signatures",
                    json={"typed_name": user.name, "consent": True})
    return did


def test_licence_terms_form(api, team, login_as, client):
    did = _protected(api, team)
    lic = api(team.legal).post("/licenses", json={
        "disclosure_id": did, "licensee_organization_id": team.outsider_org.id,
        "license_type": "non_exclusive"}).get_json()
    login_as(team.legal)
    form = {"version": str(lic["version"]), "license_type": "exclusive", "territory": "KZ, UZ",
            "term_months": "abc", "currency": "KZT", "field_of_use": "Seed coatings"}
    r = client.post(f"/licenses/{lic['id']}/edit", data=form)
    assert r.status_code == 422
    assert b"Seed coatings" in r.data and b'aria-invalid="true"' in r.data
    form["term_months"] = "60"
    r = client.post(f"/licenses/{lic['id']}/edit", data=form)
    assert r.status_code == 302
    saved = api(team.legal).get(f"/licenses/{lic['id']}").get_json()
    assert saved["term_months"] == 60 and saved["territory"] == ["KZ", "UZ"]


def test_plan_form(api, team, login_as, client):
    did = _protected(api, team)
    plan = api(team.legal).post("/benefit-plans", json={
        "disclosure_id": did, "currency": "KZT", "beneficiaries": [
            {"kind": "inventor", "user_id": team.alice.id, "share_percent": "100"}]}).get_json()
    login_as(team.legal)
    form = {"version": str(plan["version"]), "currency": "KZT", "admin_fee_percent": "abc",
            "b-0-kind": "inventor", "b-0-email": team.alice.email, "b-0-share_percent": "60",
            "b-1-kind": "institution", "b-1-organization_id": str(team.org.id),
            "b-1-share_percent": "40"}
    r = client.post(f"/benefit-plans/{plan['id']}/edit", data=form)
    assert r.status_code == 422 and b"abc" in r.data
    form["admin_fee_percent"] = "15"
    assert client.post(f"/benefit-plans/{plan['id']}/edit", data=form).status_code == 302
    saved = api(team.legal).get(f"/benefit-plans/{plan['id']}").get_json()
    assert saved["admin_fee_percent"] == "15" and len(saved["beneficiaries"]) == 2
