"""Licences and benefit plans through the API: from inquiry to royalties distributed exactly."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.helpers import activate_licence, disclosure_payload, fire, licence_world, sign
from tests.helpers import docx_text as _text

ASSESS = {"trl": "5", "crl": "3", "mrl": "4", "irl": "3", "ownership": "institution",
          "recommendation": "Protect and license."}



@pytest.fixture
def world(make_org, make_user, api):
    return licence_world(make_org, make_user, api)


def _quarter(ahead: int) -> str:
    """A royalty period of a licence activated today: this calendar quarter, or a later one."""
    today = dt.date.today()
    n = today.year * 4 + (today.month - 1) // 3 + ahead
    return f"{n // 4}-Q{n % 4 + 1}"


def test_licence_from_inquiry_to_royalties_distributed(world):
    w = world
    legal = w.api["legal"]
    lid, path = activate_licence(w)
    r = fire(w.api["reviewer"], path, "approve")
    assert r.status_code == 200, r.get_json()
    agreement = r.get_json()["documents"][0]
    assert agreement["template"] == "license_agreement"
    text = _text(legal.get(f"/documents/{agreement['id']}/content").data)
    assert "exclusive" in text.lower() and "3.5" in text
    r = sign(w, agreement, "legal", "partner")
    assert r.get_json()["auto_transition"]["trigger"] == "activate"
    assert legal.get(path).get_json()["state"] == "active"

    # royalty before any plan: held
    r = fire(w.api["partner"], path, "report_royalty",
              data={"period": _quarter(0), "net_sales": "40000000", "amount": "1400000.00"})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["documents"][0]["template"] == "royalty_report"

    # a plan with a 15 % fee and tiers; the held income is distributed on approval
    r = legal.post("/benefit-plans", json={
        "disclosure_id": w.did, "currency": "KZT", "cost_recovery": True,
        "admin_fee_percent": "15",
        "inventor_tiers": [{"up_to": "1000000", "percent": "50"}, {"percent": "25"}],
        "beneficiaries": [
            {"kind": "inventor", "user_id": w.alice.id, "share_percent": "30"},
            {"kind": "inventor", "user_id": w.bob.id, "share_percent": "20"},
            {"kind": "department", "label": "Department of Chemical Engineering",
             "share_percent": "25"},
            {"kind": "institution", "organization_id": w.uni.id, "share_percent": "25"}]})
    assert r.status_code == 201, r.get_json()
    pid = r.get_json()["id"]
    plan = f"/benefit-plans/{pid}"
    r = fire(legal, plan, "propose")
    assert r.status_code == 200, r.get_json()
    draft = r.get_json()["documents"][0]
    assert sorted(draft["required_signers"]) == sorted([w.alice.id, w.bob.id, w.legal.id])
    sign(w, draft, "alice", "bob", "legal")
    assert legal.get(plan).get_json()["state"] == "acknowledged"
    r = fire(legal, plan, "approve")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["state"] == "awaiting_signatures"
    # in force, and the held income distributed, when every party has signed the agreement
    sign(w, r.get_json()["documents"][0], "legal", "alice", "bob")
    events = legal.get(f"{plan}/events").get_json()
    assert [e["trigger"] for e in events][-2:] == ["bring_into_force", "record_revenue"]
    docs = legal.get(f"{plan}/documents").get_json()
    statement = next(d for d in docs if d["template"] == "distribution_statement")
    text = _text(legal.get(f"/documents/{statement['id']}/content").data)
    assert "1 400 000.00" in text

    # a second royalty is distributed at once, in the same unit of work
    r = fire(w.api["partner"], path, "report_royalty",
              data={"period": _quarter(1), "net_sales": "20000000", "amount": "700000.00"})
    assert r.status_code == 200
    events = legal.get(f"{plan}/events").get_json()
    assert events[-1]["trigger"] == "record_revenue" and events[-1]["actor_id"] is None

    # reports and statements stand side by side: none replaces the one before
    docs = legal.get(f"{path}/documents").get_json()
    reports = [d for d in docs if d["template"] == "royalty_report"]
    assert len(reports) == 2 and not any(d["superseded"] for d in reports)
    statements = [d for d in legal.get(f"{plan}/documents").get_json()
                  if d["template"] == "distribution_statement"]
    assert len(statements) == 2 and not any(d["superseded"] for d in statements)

    # manual income with costs: exact to the tiyn
    r = fire(legal, plan, "record_revenue", data={"amount": "100000.01", "costs": "10000",
                                                   "source": "Sale of prototypes"})
    assert r.status_code == 200, r.get_json()
    [statement] = r.get_json()["documents"]
    assert statement["template"] == "distribution_statement"

    from consortium.benefits.models import Revenue
    from consortium.extensions import db
    app = w.api["legal"].client.application
    with app.app_context():
        rows = db.session.query(Revenue).order_by(Revenue.id).all()
        assert [r.status for r in rows] == ["distributed"] * 3
        for row in rows:
            lines = row.distribution["lines"]
            assert sum(Decimal(x["amount"]) for x in lines) == \
                Decimal(row.distribution["distributable"])
            assert Decimal(row.distribution["admin_fee"]) + \
                Decimal(row.distribution["recovered_costs"]) + \
                Decimal(row.distribution["distributable"]) == Decimal(row.distribution["gross"])

    # milestone and termination
    r = fire(legal, path, "reach_milestone", data={"milestone": "First sale",
                                                    "amount": "2000000"})
    assert r.status_code == 200, r.get_json()
    assert fire(w.api["partner"], path, "terminate").status_code == 422
    r = fire(w.api["partner"], path, "terminate", comment="Market withdrawn.")
    assert r.get_json()["record"]["state"] == "terminated"
    assert r.get_json()["documents"][0]["template"] == "termination_notice"


def test_overlapping_exclusive_licence_is_refused_naming_the_other(world):
    w = world
    legal = w.api["legal"]
    _lid, path = activate_licence(w)
    first = fire(w.api["reviewer"], path, "approve").get_json()["documents"][0]
    sign(w, first, "legal", "partner")
    number = legal.get(path).get_json()["reg_number"]
    _lid2, path2 = activate_licence(w, licensee="rival_partner", license_type="non_exclusive",
                             territory=["UZ"])
    r = fire(w.api["reviewer"], path2, "approve")
    assert r.status_code == 409
    assert number in r.get_json()["error"]["message"]
    # a different territory does not overlap
    r = legal.patch(path2, json={"version": legal.get(path2).get_json()["version"],
                                 "territory": ["KG"]})
    assert r.status_code == 409  # legal_review is not editable
    fire(legal, path2, "request_changes", comment="Limit to Kyrgyzstan.")
    version = legal.get(path2).get_json()["version"]
    assert legal.patch(path2, json={"version": version, "territory": ["KG"]}).status_code == 200
    fire(legal, path2, "submit_for_review")
    assert fire(w.api["reviewer"], path2, "approve").status_code == 200


def test_only_owned_inventions_can_be_licensed(world, api):
    w = world
    legal = w.api["legal"]
    draft = w.api["alice"].post("/disclosures", json=disclosure_payload((w.alice, "100"))) \
        .get_json()["id"]
    r = legal.post("/licenses", json={"disclosure_id": draft,
                                      "licensee_organization_id": w.firm.id,
                                      "license_type": "exclusive"})
    assert r.status_code == 422
    assert "disclosure_id" in r.get_json()["error"]["fields"]
    assert w.api["partner"].post("/licenses", json={
        "disclosure_id": w.did, "licensee_organization_id": w.firm.id,
        "license_type": "exclusive"}).status_code == 403
    # the rival sees no licence of the firm; the inventors see licences of their invention
    lid, path = activate_licence(w)
    assert w.api["rival_partner"].get("/licenses").get_json()["total"] == 0
    assert w.api["rival_partner"].get(path).status_code == 404
    assert w.api["rival_partner"].get(f"{path}/documents").status_code == 404
    assert w.api["alice"].get("/licenses").get_json()["total"] == 1
    # the licensee sees its licence, never the confidential disclosure behind it
    assert w.api["partner"].get(path).status_code == 200
    assert w.api["partner"].get(f"/disclosures/{w.did}").status_code == 404
    assert "abstract" not in w.api["partner"].get(path).get_json()


def test_plan_shares_must_total_100_and_amendment_keeps_the_old_plan_in_force(world):
    w = world
    legal = w.api["legal"]
    body = {"disclosure_id": w.did, "currency": "KZT",
            "beneficiaries": [{"kind": "inventor", "user_id": w.alice.id, "share_percent": "60"},
                              {"kind": "institution", "organization_id": w.uni.id,
                               "share_percent": "30"}]}
    pid = legal.post("/benefit-plans", json=body).get_json()["id"]
    plan = f"/benefit-plans/{pid}"
    r = fire(legal, plan, "propose")
    assert r.status_code == 422 and "90" in r.get_json()["error"]["message"]
    version = legal.get(plan).get_json()["version"]
    body["beneficiaries"][1]["share_percent"] = "40"
    assert legal.patch(plan, json={"version": version,
                                   "beneficiaries": body["beneficiaries"]}).status_code == 200
    sign(w, fire(legal, plan, "propose").get_json()["documents"][0], "alice", "legal")
    r = fire(legal, plan, "approve")
    assert r.get_json()["record"]["state"] == "awaiting_signatures"
    sign(w, r.get_json()["documents"][0], "legal", "alice")
    assert legal.get(plan).get_json()["state"] == "in_force"
    r = fire(legal, plan, "amend", comment="Add the department.")
    assert r.status_code == 200 and r.get_json()["record"]["state"] == "in_force"
    plans = legal.get("/benefit-plans").get_json()["items"]
    new = next(p for p in plans if p["plan_version"] == 2)
    assert new["state"] == "draft" and new["previous_id"] == pid
    new_path = f"/benefit-plans/{new['id']}"
    sign(w, fire(legal, new_path, "propose").get_json()["documents"][0], "alice", "legal")
    agreement = fire(legal, new_path, "approve").get_json()["documents"][0]
    # the old plan stays in force until every party has signed the new one's agreement
    assert legal.get(plan).get_json()["state"] == "in_force"
    sign(w, agreement, "legal", "alice")
    assert legal.get(plan).get_json()["state"] == "superseded"
    assert legal.get(new_path).get_json()["state"] == "in_force"
