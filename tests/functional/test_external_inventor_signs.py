"""An external co-inventor (no account) is invited by e-mail, joins the waiting assignment
agreement on accepting, and the disclosure is protected only once they have signed too."""
from __future__ import annotations

from tests.functional.test_notifications import _link, smtp  # noqa: F401  (the SMTP fixture)
from tests.helpers import ASSESSMENT, disclosure_payload


def test_the_invited_co_inventor_joins_and_signs_the_assignment(app, api, team, smtp,  # noqa: F811
                                                                 client):
    alice, legal = api(team.alice), api(team.legal)
    body = disclosure_payload((team.alice, "70"))
    body["inventors"].append({"name": "Dana External", "email": "dana@partner.example",
                              "organization_id": team.org.id, "share_percent": "30"})
    did = alice.post("/disclosures", json=body).get_json()["id"]
    for who, trigger, extra in ((alice, "submit", {}), (legal, "start_review", {}),
                                (legal, "complete_assessment", {"data": ASSESSMENT})):
        assert who.post(f"/disclosures/{did}/transitions/{trigger}",
                        json=extra).status_code == 200
    [agreement] = legal.post(f"/disclosures/{did}/transitions/decide_protect").get_json()[
        "documents"]
    for who, user in ((alice, team.alice), (legal, team.legal)):
        assert who.post(f"/documents/{agreement['id']}/signatures", json={
            "typed_name": user.name, "consent": True}).status_code == 201
    assert legal.get(f"/disclosures/{did}").get_json()["state"] == "assignment_pending"

    # the invitation mail (one, although several steps happened) leads to the account form
    [mail] = smtp.to("dana@partner.example")
    path = _link(mail)
    r = client.post(path, data={"name": "Dana External", "password": "a-long-new-password"})
    assert r.status_code == 302
    doc = legal.get(f"/documents/{agreement['id']}").get_json()
    assert doc["pending_signers"] and len(doc["pending_signers"]) == 1
    dana_token = client.post("/api/v1/auth/token", json={
        "email": "dana@partner.example", "password": "a-long-new-password"}).get_json()["token"]
    r = client.post(f"/api/v1/documents/{agreement['id']}/signatures",
                    json={"typed_name": "Dana External", "consent": True},
                    headers={"Authorization": f"Bearer {dana_token}"})
    assert r.status_code == 201, r.get_json()
    assert legal.get(f"/disclosures/{did}").get_json()["state"] == "protected"
