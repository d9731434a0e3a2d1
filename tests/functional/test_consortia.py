"""The consortium lifecycle through the API: proposal to dissolution, signatures, visibility."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from consortium.consortia.models import Consortium
from consortium.db import unit_of_work
from consortium.extensions import db
from consortium.scheduler import run_due
from tests.helpers import adopt_decision, disclosure_payload


def _text(content: bytes) -> str:
    d = docx.Document(io.BytesIO(content))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.fixture
def parties(make_org, make_user, api):
    uni = make_org("Steppe Polytechnic University")
    inst = make_org("Institute of Applied Polymer Chemistry", "research_institute")
    firm = make_org("KazAgroTech Solutions LLP", "enterprise")

    class P:
        pass
    p = P()
    p.uni, p.inst, p.firm = uni, inst, firm
    p.lead_legal = make_user("legal", uni, "Lena Lead")
    #: a second legal officer of the lead: who sends the agreement for review does not approve
    p.lead_reviewer = make_user("legal", uni, "Roza Reviewer")
    p.inst_legal = make_user("legal", inst, "Ivan Institute")
    p.firm_partner = make_user("partner", firm, "Farida Firm")
    p.uni_researcher = make_user("researcher", uni, "Rustem Researcher")
    p.outsider = make_user("legal", make_org("Outside Fund", "fund"), "Olga Outsider")
    p.api = {k: api(getattr(p, k)) for k in
             ("lead_legal", "lead_reviewer", "inst_legal", "firm_partner", "uni_researcher",
              "outsider")}
    return p


def _body(p, shares=("50", "30", "20"), regime="joint_ownership"):
    return {
        "name": "Steppe Agro-Polymer Consortium",
        "purpose": "Develop and bring to market biodegradable polymer seed coatings.",
        "work_plan": "Year 1: formulations. Year 2: field trials. Year 3: pilot line.",
        "lead_organization_id": p.uni.id, "start_date": "2026-12-01",
        "end_date": "2029-11-30", "ip_regime": regime, "voting_rule": "two_thirds",
        "members": [
            {"organization_id": p.uni.id, "role": "lead", "contribution_type": "in_kind",
             "contribution_value": "40000000", "currency": "KZT",
             "contribution_description": "Laboratory and staff time", "share_percent": shares[0]},
            {"organization_id": p.inst.id, "role": "member",
             "contribution_type": "background_ip", "contribution_value": "15000000",
             "currency": "KZT", "contribution_description": "Patent KZ 35511 on keratin "
             "hydrolysis", "share_percent": shares[1]},
            {"organization_id": p.firm.id, "role": "member", "contribution_type": "cash",
             "contribution_value": "25000000.50", "currency": "KZT",
             "contribution_description": "Funding of field trials", "share_percent": shares[2]},
        ]}


def _fire(client, cid, trigger, **body):
    return client.post(f"/consortia/{cid}/transitions/{trigger}", json=body)


def _sign_all(p, doc):
    by_id = {p.lead_legal.id: "lead_legal", p.inst_legal.id: "inst_legal",
             p.firm_partner.id: "firm_partner"}
    result = None
    for uid in doc["required_signers"]:
        who = by_id[uid]
        result = p.api[who].post(f"/documents/{doc['id']}/signatures",
                                 json={"typed_name": getattr(p, who).name, "consent": True})
        assert result.status_code == 201, result.get_json()
    return result


def test_lifecycle_from_proposal_to_dissolution(parties, app):
    p = parties
    lead = p.api["lead_legal"]
    r = lead.post("/consortia", json=_body(p, shares=("50", "30", "10")))
    assert r.status_code == 201, r.get_json()
    cid = r.get_json()["id"]

    r = _fire(lead, cid, "propose")
    assert r.status_code == 422
    assert "90" in r.get_json()["error"]["message"]
    version = lead.get(f"/consortia/{cid}").get_json()["version"]
    r = lead.patch(f"/consortia/{cid}", json={"version": version, **{
        "members": _body(p)["members"]}})
    assert r.status_code == 200, r.get_json()

    r = _fire(lead, cid, "propose")
    assert r.status_code == 200, r.get_json()
    [moi] = r.get_json()["documents"]
    assert moi["template"] == "memorandum_of_intent"
    assert sorted(moi["required_signers"]) == sorted(
        [p.lead_legal.id, p.inst_legal.id, p.firm_partner.id])

    # the enterprise declines; the memorandum can no longer be signed
    r = _fire(p.api["firm_partner"], cid, "decline")
    assert r.status_code == 422
    r = _fire(p.api["firm_partner"], cid, "decline", comment="Our contribution must be "
              "in kind, not cash.")
    assert r.status_code == 200 and r.get_json()["record"]["state"] == "draft"
    r = p.api["inst_legal"].post(f"/documents/{moi['id']}/signatures",
                                 json={"typed_name": "Ivan Institute", "consent": True})
    assert r.status_code == 409

    r = _fire(lead, cid, "propose")
    [moi2] = r.get_json()["documents"]
    assert moi2["number"].endswith("MOI-2")
    r = _sign_all(p, moi2)
    assert r.get_json()["auto_transition"]["trigger"] == "accept_terms"
    assert lead.get(f"/consortia/{cid}").get_json()["state"] == "negotiation"

    r = _fire(lead, cid, "submit_for_review")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["agreement_version"] == 1
    r = _fire(p.api["inst_legal"], cid, "request_changes", comment="Clause 8: add a "
              "licence-back for teaching.")
    assert r.status_code == 200 and r.get_json()["record"]["state"] == "negotiation"
    r = _fire(lead, cid, "submit_for_review")
    assert r.get_json()["record"]["agreement_version"] == 2
    # a member's legal may ask for changes but not approve
    assert _fire(p.api["inst_legal"], cid, "approve").status_code == 403
    r = _fire(p.api["lead_reviewer"], cid, "approve")
    assert r.status_code == 200, r.get_json()
    [agreement] = r.get_json()["documents"]
    assert agreement["template"] == "consortium_agreement"
    text = _text(lead.get(f"/documents/{agreement['id']}/content").data)
    assert "Steppe Agro-Polymer Consortium" in text
    assert "General Assembly" in text
    assert "jointly" in text.lower()

    r = p.api["uni_researcher"].post(f"/documents/{agreement['id']}/signatures",
                                     json={"typed_name": "Rustem", "consent": True})
    assert r.status_code == 403
    r = _sign_all(p, agreement)
    assert r.get_json()["auto_transition"]["trigger"] == "activate"
    record = lead.get(f"/consortia/{cid}").get_json()
    assert record["state"] == "active"
    docs = lead.get(f"/consortia/{cid}/documents").get_json()
    executed = next(d for d in docs if d["template"] == "executed_consortium_agreement")
    cert = _text(lead.get(f"/documents/{executed['id']}/content").data)
    assert agreement["sha256"] in cert
    for name in ("Lena Lead", "Ivan Institute", "Farida Firm"):
        assert name in cert

    # accession of a new member, as the General Assembly decided it
    new_org = p.outsider.organization_id
    admission = {
        "organization_id": new_org, "role": "associate", "contribution_type": "cash",
        "contribution_value": "5000000", "currency": "KZT",
        "contribution_description": "Seed funding", "share_percent": "10"}
    voters = [p.api[k] for k in ("lead_legal", "inst_legal", "firm_partner", "outsider")]
    assert _fire(lead, cid, "admit_member", data=admission).status_code == 422
    adopt_decision(None, lead, voters, cid, "admit_member", admission)
    r = _fire(lead, cid, "admit_member", data=admission)
    assert r.status_code == 200, r.get_json()
    [accession] = r.get_json()["documents"]
    # the new party's signatory and the lead party's, for all the parties
    assert accession["required_signers"] == [p.outsider.id, p.lead_legal.id]
    shares = {m["organization_id"]: m["share_percent"]
              for m in r.get_json()["record"]["members"] if m["status"] == "active"}
    assert shares == {p.uni.id: "45", p.inst.id: "27", p.firm.id: "18", new_org: "10"}
    assert p.api["outsider"].get(f"/consortia/{cid}").status_code == 200

    # the enterprise withdraws itself; it cannot withdraw another member
    r = _fire(p.api["firm_partner"], cid, "withdraw_member", comment="Strategy change",
              data={"organization_id": p.inst.id})
    assert r.status_code == 422
    r = _fire(p.api["firm_partner"], cid, "withdraw_member", comment="Strategy change",
              data={"organization_id": p.firm.id})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["documents"][0]["template"] == "withdrawal_notice"
    # a notice: the enterprise stays a party, with its share, until the notice period ends
    record = r.get_json()["record"]
    assert [n["organization_id"] for n in record["pending"]] == [p.firm.id]
    assert {m["organization_id"]: m["share_percent"] for m in record["members"]
            if m["status"] == "active"}[p.firm.id] == "18"
    # the notice has run its three months (its dates move back): the scheduler completes it
    with app.app_context(), unit_of_work():
        c = db.session.get(Consortium, cid)
        for m in c.withdrawal_notices:
            m.withdrawal_notice_at -= dt.timedelta(days=92)
            m.withdrawal_effective_on = c.withdrawal_due_on = dt.date.today()
    with app.app_context():
        assert run_due(only=["timed_transitions"]) == {"timed_transitions": 1}
    record = lead.get(f"/consortia/{cid}").get_json()
    assert record["pending"] == []
    members = [m for m in record["members"] if m["status"] == "active"]
    assert p.firm.id not in {m["organization_id"] for m in members}
    assert sum(float(m["share_percent"]) for m in members) == 100

    adopt_decision(None, lead, voters, cid, "amend")
    r = _fire(lead, cid, "amend", comment="Add a voting rule for budget changes.")
    assert r.status_code == 200 and r.get_json()["record"]["state"] == "negotiation"
    assert r.get_json()["documents"][0]["template"] == "amendment_proposal"
    _fire(lead, cid, "submit_for_review")
    r = _fire(p.api["lead_reviewer"], cid, "approve")
    _sign_all_members = r.get_json()["documents"][0]
    signers = {p.lead_legal.id: p.api["lead_legal"], p.inst_legal.id: p.api["inst_legal"],
               p.outsider.id: p.api["outsider"]}
    names = {u.id: u.name for u in (p.lead_legal, p.inst_legal, p.outsider)}
    assert sorted(_sign_all_members["required_signers"]) == sorted(signers)
    for uid, client in signers.items():
        assert client.post(f"/documents/{_sign_all_members['id']}/signatures",
                           json={"typed_name": names[uid], "consent": True}).status_code == 201
    assert lead.get(f"/consortia/{cid}").get_json()["state"] == "active"

    assert _fire(lead, cid, "suspend").status_code == 422
    assert _fire(lead, cid, "suspend", comment="Funding review").get_json()["record"][
        "state"] == "suspended"
    assert _fire(lead, cid, "resume").get_json()["record"]["state"] == "active"
    adopt_decision(None, lead, voters, cid, "dissolve")
    r = _fire(lead, cid, "dissolve", comment="Project completed.")
    # the consortium waits until every member has signed the dissolution act
    assert r.status_code == 200 and r.get_json()["record"]["state"] == "dissolving"
    act = r.get_json()["documents"][0]
    assert act["template"] == "dissolution_act"
    for uid in act["required_signers"]:
        assert lead.get(f"/consortia/{cid}").get_json()["state"] == "dissolving"
        assert signers[uid].post(f"/documents/{act['id']}/signatures", json={
            "typed_name": names[uid], "consent": True}).status_code == 201
    assert lead.get(f"/consortia/{cid}").get_json()["state"] == "dissolved"

    triggers = [e["trigger"] for e in lead.get(f"/consortia/{cid}/events").get_json()]
    assert triggers[:3] == ["propose", "decline", "propose"]
    # dissolved by the last signature of the act, after the members' signatures
    assert triggers[-1] == "complete_dissolution"
    assert set(triggers[triggers.index("dissolve") + 1:-1]) == {"sign"}


@pytest.mark.parametrize("regime", ["each_party_owns", "lead_owns", "joint_ownership",
                                    "contributor_owns"])
def test_agreement_clauses_differ_by_ip_regime(parties, regime):
    p = parties
    lead = p.api["lead_legal"]
    cid = lead.post("/consortia", json=_body(p, regime=regime)).get_json()["id"]
    moi = _fire(lead, cid, "propose").get_json()["documents"][0]
    _sign_all(p, moi)
    draft = _fire(lead, cid, "submit_for_review").get_json()["documents"][0]
    text = _text(lead.get(f"/documents/{draft['id']}/content").data)
    assert "DRAFT" in text.upper()
    markers = {"each_party_owns": "non-exclusive", "lead_owns": "lead",
               "joint_ownership": "jointly", "contributor_owns": "fair and reasonable"}
    assert markers[regime] in text.lower()


def test_visibility_and_who_may_create(parties):
    p = parties
    lead = p.api["lead_legal"]
    cid = lead.post("/consortia", json=_body(p)).get_json()["id"]
    assert p.api["outsider"].get(f"/consortia/{cid}").status_code == 404
    assert p.api["outsider"].get(f"/consortia/{cid}/documents").status_code == 404
    assert p.api["uni_researcher"].get(f"/consortia/{cid}").status_code == 200
    assert p.api["firm_partner"].get("/consortia").get_json()["total"] == 1
    assert p.api["outsider"].get("/consortia").get_json()["total"] == 0
    # only legal staff draft consortia, and only with their own organisation as the lead
    r = p.api["firm_partner"].post("/consortia", json=_body(p))
    assert r.status_code == 403
    r = p.api["inst_legal"].post("/consortia", json=_body(p))
    assert r.status_code == 422 and "lead_organization_id" in r.get_json()["error"]["fields"]
    # propose is for the lead's legal staff only
    assert _fire(p.api["inst_legal"], cid, "propose").status_code == 403


def test_disclosure_in_a_consortium_defaults_ownership_to_its_regime(parties):
    p = parties
    lead = p.api["lead_legal"]
    cid = lead.post("/consortia", json=_body(p, regime="lead_owns")).get_json()["id"]
    researcher = p.api["uni_researcher"]
    body = disclosure_payload((p.uni_researcher, "100"), consortium_id=cid)
    r = researcher.post("/disclosures", json=body)
    assert r.status_code == 422 and "consortium_id" in r.get_json()["error"]["fields"]
    _sign_all(p, _fire(lead, cid, "propose").get_json()["documents"][0])
    r = researcher.post("/disclosures", json=body)
    assert r.status_code == 201, r.get_json()
    did = r.get_json()["id"]
    researcher.post(f"/disclosures/{did}/transitions/submit")
    lead.post(f"/disclosures/{did}/transitions/start_review")
    r = lead.post(f"/disclosures/{did}/transitions/complete_assessment", json={"data": {
        "trl": "3", "crl": "1", "mrl": "2", "irl": "1", "recommendation": "Protect."}})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["assessment"]["ownership"] == "consortium"
    # the institute's legal staff see the consortium's disclosure but cannot act on it
    assert p.api["inst_legal"].get(f"/disclosures/{did}").status_code == 200
    r = p.api["inst_legal"].post(f"/disclosures/{did}/transitions/decide_protect")
    assert r.status_code == 403
