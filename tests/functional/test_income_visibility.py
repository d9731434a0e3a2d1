"""Who sees what of a licence's money (issue 20): an inventor sees their own share of each
income of their invention (amount and effective share of the income), on the licence page,
the plan page and the inbox, and through the API; not the licensee's business data (net
sales, minimum royalties, the royalty reports and their documents). Legal staff of the
licensor and the licensee still see the royalty reports."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers import PASSWORD, activate_licence, fire, licence_world, sign

NET_SALES = "40000000"  # 40 000 000.00 KZT: the licensee's business
ROYALTY = "1400000.00"


@pytest.fixture
def world(make_org, make_user, api):
    w = licence_world(make_org, make_user, api)
    legal = w.api["legal"]
    lid, path = activate_licence(w)
    agreement = fire(w.api["reviewer"], path, "approve").get_json()["documents"][0]
    sign(w, agreement, "legal", "partner")
    r = legal.post("/benefit-plans", json={
        "disclosure_id": w.did, "currency": "KZT", "admin_fee_percent": "10",
        "beneficiaries": [
            {"kind": "inventor", "user_id": w.alice.id, "share_percent": "30"},
            {"kind": "inventor", "user_id": w.bob.id, "share_percent": "20"},
            {"kind": "institution", "organization_id": w.uni.id, "share_percent": "50"}]})
    assert r.status_code == 201, r.get_json()
    w.pid = r.get_json()["id"]
    plan = f"/benefit-plans/{w.pid}"
    sign(w, fire(legal, plan, "propose").get_json()["documents"][0], "alice", "bob", "legal")
    r = fire(legal, plan, "approve")
    assert r.status_code == 200, r.get_json()
    # the plan comes into force once its parties have signed the benefit-sharing agreement
    by_id = {w.alice.id: "alice", w.bob.id: "bob", w.legal.id: "legal"}
    for doc in r.get_json()["documents"]:
        sign(w, doc, *[by_id[uid] for uid in doc["required_signers"]])
    today = dt.date.today()
    r = fire(w.api["partner"], path, "report_royalty", data={
        "period": f"{today.year}-Q{(today.month - 1) // 3 + 1}", "net_sales": NET_SALES,
        "amount": ROYALTY})
    assert r.status_code == 200, r.get_json()
    w.lid, w.path = lid, path
    return w


def _web(client, user):
    c = client.application.test_client()
    r = c.post("/login", data={"email": user.email, "password": PASSWORD})
    assert r.status_code == 302
    return c


def _page(client, path) -> str:
    r = client.get(path)
    assert r.status_code == 200, (path, r.status_code)
    return r.get_data(as_text=True).replace("\xa0", " ")


def test_an_inventor_sees_their_share_not_the_licensees_figures(world, client):
    w = world
    alice = _web(client, w.alice)
    body = _page(alice, f"/licenses/{w.lid}")
    # the gross 1 400 000.00 less a 10 % fee = 1 260 000.00 distributable; Alice's 30 %
    # of the pool is 378 000.00, which is 27.00 % of the income received
    assert 'id="my-income"' in body
    assert "378 000.00 KZT" in body and "27.00 %" in body
    assert "40 000 000.00" not in body  # net sales
    assert "Net sales</th>" not in body and "Minimum annual royalty" not in body
    assert 'id="royalties"' not in body
    assert "1 000 000.00" not in body  # the minimum annual royalty of the terms
    # and the plan page and the inbox say the same
    plan = _page(alice, f"/benefit-plans/{w.pid}")
    assert 'id="my-income"' in plan and "378 000.00 KZT" in plan and "27.00 %" in plan
    inbox = _page(alice, "/inbox")
    assert 'id="my-income"' in inbox and "378 000.00 KZT" in inbox
    assert "minimum annual royalty" not in inbox.lower()
    # Bob sees his own line, not Alice's
    bob = _page(_web(client, w.bob), f"/licenses/{w.lid}")
    assert "252 000.00 KZT" in bob and "378 000.00 KZT" not in bob


def test_the_inventors_api_answers_carry_no_net_sales(world):
    w = world
    alice = w.api["alice"]
    licence = alice.get(w.path).get_json()
    assert licence["royalty_reports"] == [] and licence["minimum_annual_royalty"] is None
    docs = alice.get(f"{w.path}/documents").get_json()
    assert "royalty_report" not in {d["template"] for d in docs}
    events = alice.get(f"{w.path}/events").get_json()
    report = next(e for e in events if e["trigger"] == "report_royalty")
    assert "net_sales" not in str(report["data"])
    revenues = alice.get(f"/benefit-plans/{w.pid}/revenues").get_json()["items"]
    assert revenues and all(r["net_sales"] is None for r in revenues)
    # the royalty report's document itself is out of reach
    legal_docs = w.api["legal"].get(f"{w.path}/documents").get_json()
    report_doc = next(d for d in legal_docs if d["template"] == "royalty_report")
    assert alice.get(f"/documents/{report_doc['id']}").status_code == 404


@pytest.mark.parametrize("who", ["legal", "partner"])
def test_the_parties_to_the_licence_still_see_the_royalty_reports(world, client, who):
    w = world
    body = _page(_web(client, getattr(w, who)), f"/licenses/{w.lid}")
    assert 'id="royalties"' in body and "40 000 000.00" in body
    licence = w.api[who].get(w.path).get_json()
    assert licence["royalty_reports"] and licence["minimum_annual_royalty"] == "1000000.00"
    docs = w.api[who].get(f"{w.path}/documents").get_json()
    assert "royalty_report" in {d["template"] for d in docs}
    if who == "partner":  # the licensee is no beneficiary: no "your share" card
        assert 'id="my-income"' not in body
