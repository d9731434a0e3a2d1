"""Licence contracts as a careful lawyer reads them: terms defined once, royalty reports per
period with the royalty due computed, underpayments flagged, the minimum annual royalty per
year, expiry only at the end of the term, and every income answered with its distribution."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from tests.helpers import activate_licence, fire, licence_world, sign


@pytest.fixture
def w(make_org, make_user, api):
    """test_licensing's world: an invention of a university, a licensee firm and a rival."""
    return licence_world(make_org, make_user, api)


def _quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _next_quarter(day: dt.date) -> str:
    q = (day.month - 1) // 3 + 1
    return f"{day.year + 1}-Q1" if q == 4 else f"{day.year}-Q{q + 1}"


def _active(w, **terms):
    """An active licence of the firm: exclusive, seed coatings, KZ and UZ, 3.5 %, 10 years."""
    lid, path = activate_licence(w, **terms)
    agreement = fire(w.api["reviewer"], path, "approve").get_json()["documents"][0]
    sign(w, agreement, "legal", "partner")
    assert w.api["legal"].get(path).get_json()["state"] == "active"
    return lid, path


def _plan_in_force(w):
    legal = w.api["legal"]
    r = legal.post("/benefit-plans", json={
        "disclosure_id": w.did, "currency": "KZT", "beneficiaries": [
            {"kind": "inventor", "user_id": w.alice.id, "share_percent": "33.333"},
            {"kind": "inventor", "user_id": w.bob.id, "share_percent": "33.333"},
            {"kind": "institution", "organization_id": w.uni.id, "share_percent": "33.334"}]})
    assert r.status_code == 201, r.get_json()
    plan = f"/benefit-plans/{r.get_json()['id']}"
    sign(w, fire(legal, plan, "propose").get_json()["documents"][0], "alice", "bob", "legal")
    r = fire(legal, plan, "approve")
    assert r.status_code == 200
    # in force once the holder and the beneficiaries have signed the agreement
    sign(w, r.get_json()["documents"][0], "legal", "alice", "bob")
    return plan


def _to_negotiation(w, licensee="partner", **terms):
    legal = w.api["legal"]
    body = {"disclosure_id": w.did, "licensee_organization_id":
            (w.firm if licensee == "partner" else w.rival).id, "license_type": "non_exclusive",
            "field_of_use": "Seed coatings", "territory": ["KG"], **terms}
    r = legal.post("/licenses", json=body)
    assert r.status_code == 201, r.get_json()
    path = f"/licenses/{r.get_json()['id']}"
    sign(w, fire(legal, path, "request_nda").get_json()["documents"][0], "legal", licensee)
    assert fire(w.api[licensee], path, "propose_terms",
                 data={"term_months": 60}).status_code == 200
    return path


# -- 16: one definition of the terms ------------------------------------------------------------
@pytest.mark.parametrize("data, field", [
    ({"territory": ["\u041aZ"]}, "territory"),  # Cyrillic К: looks like KZ, is not KZ
    ({"territory": ["ZZ"]}, "territory"),
    ({"territory": ["EU"]}, "territory"),
    ({"territory": ["QO"]}, "territory"),
    ({"territory": ["KZ", "WORLD"]}, "territory"),
    ({"royalty_rate_percent": "1000"}, "royalty_rate_percent"),
    ({"currency": "<X>"}, "currency"),
    ({"currency": "12"}, "currency"),
    ({"currency": "SUR"}, "currency"),  # withdrawn: the Soviet rouble
])
def test_term_sheet_obeys_the_licence_terms(w, data, field):
    path = _to_negotiation(w)
    r = fire(w.api["partner"], path, "propose_terms", data=data)
    assert r.status_code == 422, r.get_json()
    assert field in r.get_json()["error"]["fields"]
    # the same value is refused on create and on edit, by the same rule
    legal = w.api["legal"]
    r = legal.post("/licenses", json={"disclosure_id": w.did,
                                      "licensee_organization_id": w.firm.id,
                                      "license_type": "non_exclusive", **data})
    assert r.status_code == 422 and field in r.get_json()["error"]["fields"]
    version = legal.get(path).get_json()["version"]
    r = legal.patch(path, json={"version": version, **data})
    assert r.status_code == 422 and field in r.get_json()["error"]["fields"]


def test_look_alike_territory_cannot_dodge_an_exclusive_licence(w):
    _lid, path = _active(w, territory=["KZ"])
    number = w.api["legal"].get(path).get_json()["reg_number"]
    other = _to_negotiation(w, licensee="rival_partner", license_type="exclusive",
                            territory=["UZ"])
    rival = w.api["rival_partner"]
    r = fire(rival, other, "propose_terms", data={
        "territory": ["\u041aZ"], "term_months": 60, "royalty_rate_percent": "3"})
    assert r.status_code == 422
    assert "\\u041a" in r.get_json()["error"]["fields"]["territory"]
    # the real code is accepted (lower case too) and then meets the exclusive licence
    r = fire(rival, other, "propose_terms", data={
        "territory": ["kz"], "term_months": 60, "royalty_rate_percent": "3"})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["territory"] == ["KZ"]
    legal = w.api["legal"]
    assert fire(legal, other, "submit_for_review").status_code == 200
    r = fire(w.api["reviewer"], other, "approve")
    assert r.status_code == 409 and number in r.get_json()["error"]["message"]


def test_amounts_have_the_decimals_of_the_licence_currency(w):
    legal = w.api["legal"]
    path = _to_negotiation(w)
    version = legal.get(path).get_json()["version"]
    # 3 decimals in KZT, and any decimals once the licence is in yen
    r = legal.patch(path, json={"version": version, "upfront_fee": "100.505"})
    assert r.status_code == 422 and "upfront_fee" in r.get_json()["error"]["fields"]
    r = legal.patch(path, json={"version": version, "upfront_fee": "100.50"})
    assert r.status_code == 200, r.get_json()
    r = legal.patch(path, json={"version": r.get_json()["version"], "currency": "JPY"})
    assert r.status_code == 422 and "upfront_fee" in r.get_json()["error"]["fields"]
    r = fire(w.api["partner"], path, "propose_terms", data={"currency": "JPY"})
    assert r.status_code == 422 and "upfront_fee" in r.get_json()["error"]["fields"]
    r = fire(w.api["partner"], path, "propose_terms", data={"currency": "JPY",
                                                              "upfront_fee": "101"})
    assert r.status_code == 200, r.get_json()


# -- 17: royalty reports --------------------------------------------------------------------------
def test_royalty_periods_are_real_periods_of_the_licence_term_once_each(w):
    _lid, path = _active(w)
    partner = w.api["partner"]
    today = dt.date.today()

    def report(period, net="1000000", amount="35000"):
        return fire(partner, path, "report_royalty",
                     data={"period": period, "net_sales": net, "amount": amount})

    for bad in ("banana", "2026-Q5", "2026-3", "Q3-2026", "２０２６", "0999"):
        r = report(bad)
        assert r.status_code == 422, bad
        assert "period" in r.get_json()["error"]["fields"]
    # before activation, and after the end of the 120-month term
    r = report(str(today.year - 1))
    assert r.status_code == 422 and "term" in r.get_json()["error"]["fields"]["period"]
    r = report(f"{today.year + 11}-Q1")
    assert r.status_code == 422 and "term" in r.get_json()["error"]["fields"]["period"]

    assert report(_quarter(today).lower()).status_code == 200
    r = report(_quarter(today))
    assert r.status_code == 422
    assert "amend" in r.get_json()["error"]["fields"]["period"]
    # a calendar year overlapping the quarter is the same sales reported twice
    r = report(str(today.year))
    assert r.status_code == 422 and _quarter(today) in r.get_json()["error"]["fields"]["period"]
    assert report(_next_quarter(today)).status_code == 200
    app = w.api["legal"].client.application
    from consortium.extensions import db
    from consortium.licensing.models import RoyaltyReport
    with app.app_context():
        rows = db.session.query(RoyaltyReport).order_by(RoyaltyReport.period_start).all()
        assert [r.period for r in rows] == [_quarter(today), _next_quarter(today)]


def test_underpayment_is_recorded_distributed_as_paid_and_flagged(w, login_as,
                                                                  client):
    _lid, path = _active(w)
    plan = _plan_in_force(w)
    period = _quarter(dt.date.today())
    r = fire(w.api["partner"], path, "report_royalty",
              data={"period": period, "net_sales": "10000000", "amount": "1"})
    assert r.status_code == 200, r.get_json()
    # what was paid is distributed, not what was due
    assert sum(Decimal(x["amount"]) for x in r.get_json()["distribution"]) == Decimal("1.00")
    revenues = w.api["legal"].get(f"{plan}/revenues").get_json()
    assert [x["amount"] for x in revenues["items"]] == ["1.00"]

    login_as(w.legal)
    page = client.get(f"/licenses/{_lid}").get_data(as_text=True)
    assert "underpaid by 349\u00a0999.00 KZT" in page
    inbox = client.get("/inbox").get_data(as_text=True)
    assert "Underpaid royalty reports" in inbox and period in inbox
    assert "349\u00a0999.00" in inbox

    # the rival's legal staff, and the licensee, see no such flag in their inbox
    client.post("/logout")
    login_as(w.partner)
    assert "Underpaid royalty reports" not in client.get("/inbox").get_data(as_text=True)


def test_an_amendment_corrects_a_report_and_books_only_the_difference(w, login_as,
                                                                      client):
    _lid, path = _active(w)
    plan = _plan_in_force(w)
    partner = w.api["partner"]
    period = _quarter(dt.date.today())
    data = {"period": period, "net_sales": "10000000", "amount": "300000"}
    assert fire(partner, path, "report_royalty", data=data).status_code == 200

    r = fire(partner, path, "amend_royalty_report", data={**data, "amount": "350000"})
    assert r.status_code == 422 and "comment" in r.get_json()["error"]["fields"]
    r = fire(partner, path, "amend_royalty_report", comment="Paid less by mistake.",
              data={**data, "amount": "200000"})
    assert r.status_code == 422 and "amount" in r.get_json()["error"]["fields"]
    r = fire(partner, path, "amend_royalty_report", comment="No such report.",
              data={**data, "period": _next_quarter(dt.date.today())})
    assert r.status_code == 422 and "period" in r.get_json()["error"]["fields"]
    assert fire(w.api["legal"], path, "amend_royalty_report", comment="x",
                 data=data).status_code == 403

    r = fire(partner, path, "amend_royalty_report", comment="Paid less by mistake.",
              data={**data, "amount": "350000"})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["documents"][0]["template"] == "royalty_report"
    assert sum(Decimal(x["amount"]) for x in r.get_json()["distribution"]) == Decimal("50000")
    items = w.api["legal"].get(f"{plan}/revenues").get_json()["items"]
    assert [x["amount"] for x in items] == ["300000.00", "50000.00"]
    assert all(x["period"] == period for x in items)

    login_as(w.legal)
    page = client.get(f"/licenses/{_lid}").get_data(as_text=True)
    assert "underpaid" not in page and "paid in full" in page and "amended 1×" in page
    assert "Underpaid royalty reports" not in client.get("/inbox").get_data(as_text=True)

    # a correction of the net sales alone books nothing new
    r = fire(partner, path, "amend_royalty_report", comment="Returns deducted.",
              data={**data, "net_sales": "9000000", "amount": "350000"})
    assert r.status_code == 200 and "distribution" not in r.get_json()
    assert len(w.api["legal"].get(f"{plan}/revenues").get_json()["items"]) == 2


def test_minimum_annual_royalty_is_tracked_per_calendar_year(w, login_as,
                                                             client):
    lid, path = _active(w)  # minimum 1 000 000 KZT a year
    app = w.api["legal"].client.application
    from consortium.extensions import db
    from consortium.licensing.models import License
    from consortium.licensing.royalties import minimum_for_year
    today = dt.date.today()
    with app.app_context():
        lic = db.session.get(License, lid)
        start, end = lic.term_start, lic.expires_on
        [year] = lic.royalty_years(today)
        assert year.year == today.year
        expected = minimum_for_year(Decimal("1000000"), today.year, start, end, "KZT")
        assert year.minimum_due == expected
        assert 0 < expected <= Decimal("1000000")
        # a whole calendar year owes the whole minimum; the last part year its share
        assert minimum_for_year(Decimal("1000000"), today.year + 1, start, end,
                                "KZT") == Decimal("1000000.00")
        first = dt.date(end.year, 1, 1)
        share = Decimal(1000000) * (end - first).days / (dt.date(end.year + 1, 1, 1)
                                                         - first).days
        assert minimum_for_year(Decimal("1000000"), end.year, start, end, "KZT") \
            == share.quantize(Decimal("0.01"))
        assert minimum_for_year(Decimal("1000000"), end.year + 1, start, end, "KZT") == 0
    fire(w.api["partner"], path, "report_royalty",
          data={"period": _quarter(today), "net_sales": "1000000", "amount": "35000"})
    login_as(w.legal)
    page = client.get(f"/licenses/{lid}").get_data(as_text=True)
    assert "Minimum annual royalty per year" in page
    # (each cell carries its column's label for phones: data-label)
    assert re.search(rf"<td[^>]*>{today.year}</td>", page)
    shortfall = max(expected, Decimal("35000")) - Decimal("35000")
    assert f"{shortfall:,.2f}".replace(",", "\u00a0") + " KZT" in page
    # the inbox names the calendar year's end and what of its minimum is unpaid
    inbox = client.get("/inbox").get_data(as_text=True)
    assert f"Royalty year {today.year} ends" in inbox
    assert f"{expected:,.2f}".replace(",", "\u00a0") + " KZT" in inbox


# -- 19: expiry at the end of the term ------------------------------------------------------------
def test_expire_waits_for_the_end_of_the_term_and_the_system_fires_it(w):
    lid, path = _active(w)  # 120 months
    legal = w.api["legal"]
    end = dt.date.fromisoformat(legal.get(path).get_json()["expires_on"])
    r = fire(legal, path, "expire")
    assert r.status_code == 409
    assert f"{end.day} {end:%B} {end.year}" in r.get_json()["error"]["message"]
    listed = {t["trigger"]: t for t in legal.get(f"{path}/transitions").get_json()}
    assert not listed["expire"]["allowed"] and str(end.year) in listed["expire"]["reason"]
    # ending early is a termination, with its ground
    assert listed["terminate"]["allowed"]

    app = legal.client.application
    from consortium import workflow
    from consortium.db import unit_of_work
    from consortium.extensions import db
    from consortium.licensing.services import RECORD
    from workflows.errors import TransitionNotAllowed

    def system_expire(on: dt.date):
        with app.app_context(), unit_of_work():
            lic = db.session.get(RECORD.model, lid)
            outcome = workflow.engine.fire("license", lic, "expire", None,
                                           workflow.AppPorts(RECORD),
                                           now=dt.datetime.combine(on, dt.time(0, 5),
                                                                   tzinfo=dt.UTC))
            return outcome.record.state, outcome.event.actor_id

    with pytest.raises(TransitionNotAllowed):
        system_expire(end - dt.timedelta(days=1))
    assert system_expire(end) == ("expired", None)
    record = legal.get(path).get_json()
    assert record["state"] == "expired" and record["ended_at"].startswith(end.isoformat())


def test_expired_licence_takes_no_reports(w):
    lid, path = _active(w)
    app = w.api["legal"].client.application
    from consortium import workflow
    from consortium.db import unit_of_work
    from consortium.extensions import db
    from consortium.licensing.services import RECORD
    with app.app_context(), unit_of_work():
        lic = db.session.get(RECORD.model, lid)
        later = dt.datetime.combine(lic.expires_on + dt.timedelta(days=3), dt.time(9),
                                    tzinfo=dt.UTC)
        workflow.engine.fire("license", lic, "expire", None, workflow.AppPorts(RECORD),
                             now=later)
    r = fire(w.api["partner"], path, "report_royalty", data={
        "period": _quarter(dt.date.today()), "net_sales": "1", "amount": "0"})
    assert r.status_code == 409


# -- 23: distributions in answers and the revenues list ------------------------------------------
def test_income_answers_carry_their_distribution_and_plans_list_revenues(w, api,
                                                                         make_user):
    legal = w.api["legal"]
    _lid, path = _active(w)
    # income before any plan is held: no distribution in the answer
    r = fire(w.api["partner"], path, "report_royalty", data={
        "period": _quarter(dt.date.today()), "net_sales": "1000000", "amount": "35000"})
    assert r.status_code == 200 and "distribution" not in r.get_json()
    plan = _plan_in_force(w)

    r = fire(legal, plan, "record_revenue", data={"amount": "100.01", "source": "Prototype"})
    assert r.status_code == 200, r.get_json()
    dist = r.get_json()["distribution"]
    assert [d["beneficiary"] for d in dist] == [w.alice.name, w.bob.name, w.uni.name]
    assert {tuple(sorted(d)) for d in dist} == {("amount", "beneficiary", "kind",
                                                 "share_percent")}
    assert sum(Decimal(d["amount"]) for d in dist) == Decimal("100.01")

    r = fire(legal, path, "reach_milestone", data={"milestone": "First sale",
                                                    "amount": "2000000"})
    assert r.status_code == 200
    assert sum(Decimal(d["amount"]) for d in r.get_json()["distribution"]) \
        == Decimal("2000000")
    r = fire(w.api["partner"], path, "report_royalty", data={
        "period": _next_quarter(dt.date.today()), "net_sales": "1000000", "amount": "35000"})
    assert sum(Decimal(d["amount"]) for d in r.get_json()["distribution"]) == Decimal("35000")

    listing = legal.get(f"{plan}/revenues").get_json()
    assert listing["total"] == 4 and listing["page"] == 1
    kinds = [x["kind"] for x in listing["items"]]
    assert kinds == ["royalty", "manual", "milestone", "royalty"]
    for item in listing["items"]:
        assert item["status"] == "distributed"
        assert sum(Decimal(d["amount"]) for d in item["distribution"]) \
            == Decimal(item["distributable"])
    page2 = legal.get(f"{plan}/revenues?per_page=3&page=2").get_json()
    assert page2["total"] == 4 and [x["id"] for x in page2["items"]] \
        == [listing["items"][3]["id"]]
    assert legal.get(f"{plan}/revenues?page=x").status_code in (400, 422)
    # beneficiaries see it; others get 404 as for the plan itself
    assert w.api["alice"].get(f"{plan}/revenues").status_code == 200
    assert w.api["rival_partner"].get(f"{plan}/revenues").status_code == 404
    assert legal.get("/benefit-plans/999999/revenues").status_code == 404


def test_openapi_describes_revenues_and_distribution(api, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/benefit-plans/{id}/revenues" in spec["paths"]
    result = spec["components"]["schemas"]["TransitionResult"]
    assert "distribution" in result["properties"]
    line = spec["components"]["schemas"]["DistributionLine"]
    assert set(line["required"]) == {"beneficiary", "share_percent", "amount"}
    triggers = spec["paths"]["/licenses/{id}/transitions/{trigger}"]["post"]["parameters"][1]
    assert "amend_royalty_report" in triggers["schema"]["enum"]
