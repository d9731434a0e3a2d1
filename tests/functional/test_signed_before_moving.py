"""A record does not move on before the parties have signed what it rests on (issue 15.1):
a consortium is *dissolving* until every member has signed the dissolution act, and a
benefit plan is *awaiting signatures* until the rights holder and every beneficiary have
signed the benefit-sharing agreement; the last signature moves it on (an ``auto``
transition), and a plan not yet in force distributes nothing."""
from __future__ import annotations

from tests.helpers import ConsortiumJourney, fire, licence_world, sign
from workflows import BENEFIT_PLAN, CONSORTIUM


def test_the_tables_wait_for_the_signatures():
    dissolve = CONSORTIUM.transition("dissolve")
    assert (dissolve.dest, dissolve.auto) == ("dissolving", "complete_dissolution")
    assert CONSORTIUM.transition("complete_dissolution").dest == "dissolved"
    approve = BENEFIT_PLAN.transition("approve")
    assert (approve.dest, approve.auto) == ("awaiting_signatures", "bring_into_force")
    assert BENEFIT_PLAN.transition("bring_into_force").dest == "in_force"


def test_the_consortium_is_dissolved_when_the_last_member_signs(api, make_org, make_user):
    j = ConsortiumJourney(api, make_org, make_user)
    record, doc, _content = j.produce("dissolution_act")
    assert record["state"] == "dissolving"
    assert j.lead.get(f"/consortia/{j.id}").get_json()["state"] == "dissolving"
    *first, last = doc["required_signers"]
    for uid in first:
        client, user = j.clients[uid]
        r = client.post(f"/documents/{doc['id']}/signatures",
                        json={"typed_name": user.name, "consent": True})
        assert r.status_code == 201 and r.get_json().get("auto_transition") is None
        assert j.lead.get(f"/consortia/{j.id}").get_json()["state"] == "dissolving"
    client, user = j.clients[last]
    r = client.post(f"/documents/{doc['id']}/signatures",
                    json={"typed_name": user.name, "consent": True})
    assert r.get_json()["auto_transition"]["trigger"] == "complete_dissolution"
    assert j.lead.get(f"/consortia/{j.id}").get_json()["state"] == "dissolved"
    # nothing more can happen to a consortium that is being dissolved or is dissolved
    assert j.lead.post(f"/consortia/{j.id}/transitions/suspend",
                       json={"comment": "x"}).status_code == 409


def test_the_plan_comes_into_force_when_every_party_has_signed(make_org, make_user, api):
    w = licence_world(make_org, make_user, api)
    legal = w.api["legal"]
    r = legal.post("/benefit-plans", json={
        "disclosure_id": w.did, "currency": "KZT", "beneficiaries": [
            {"kind": "inventor", "user_id": w.alice.id, "share_percent": "60"},
            {"kind": "inventor", "user_id": w.bob.id, "share_percent": "40"}]})
    assert r.status_code == 201, r.get_json()
    plan = f"/benefit-plans/{r.get_json()['id']}"
    sign(w, fire(legal, plan, "propose").get_json()["documents"][0], "alice", "bob")
    r = fire(legal, plan, "approve")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["state"] == "awaiting_signatures"
    agreement = r.get_json()["documents"][0]
    assert agreement["template"] == "benefit_sharing_agreement"
    assert sorted(agreement["required_signers"]) == sorted([w.legal.id, w.alice.id, w.bob.id])
    # not in force yet: income cannot be distributed under it
    r = fire(legal, plan, "record_revenue", data={"amount": "1000", "source": "Sale"})
    assert r.status_code == 409
    sign(w, agreement, "legal", "alice")
    assert legal.get(plan).get_json()["state"] == "awaiting_signatures"
    r = sign(w, agreement, "bob")
    assert r.get_json()["auto_transition"]["trigger"] == "bring_into_force"
    record = legal.get(plan).get_json()
    assert record["state"] == "in_force"
    r = fire(legal, plan, "record_revenue", data={"amount": "1000", "source": "Sale"})
    assert r.status_code == 200, r.get_json()
