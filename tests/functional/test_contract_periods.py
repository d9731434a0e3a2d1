"""The periods a contract states are the terms the engine dates by: change the term on the
record, and both the document's words and the engine's effective date change (the licence's
cure period and the licensee's notice of termination, set through the term sheet; the
consortium's notice of withdrawal)."""
from __future__ import annotations

import datetime as dt
import io

import docx
from sqlalchemy import update

from tests.helpers import ConsortiumJourney, LicenceJourney
from workflows.numbers import add_months


def _docx_text(content: bytes) -> str:
    d = docx.Document(io.BytesIO(content))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _licence_with_periods(api, make_org, make_user, **periods):
    """An active licence whose term sheet set ``periods`` (cure, notice of termination)."""
    j = LicenceJourney(api, make_org, make_user)
    record, _doc, _ = j.produce("term_sheet")
    path = f"/licenses/{record['id']}"
    answer = j._fire(j.partner, path, "propose_terms", data={
        "term_months": 60, "upfront_fee": "5000000", "royalty_rate_percent": "3.5",
        **periods})
    assert {k: answer["record"][k] for k in periods} == periods
    j._fire(j.legal, path, "submit_for_review")
    agreement = j._fire(j.reviewer, path, "approve")["documents"][0]
    for uid in agreement["required_signers"]:
        client, user = j.clients[uid]
        r = client.post(f"/documents/{agreement['id']}/signatures",
                        json={"typed_name": user.name, "consent": True})
        assert r.status_code == 201, r.get_json()
    assert j.legal.get(path).get_json()["state"] == "active"
    return j, path, agreement


def test_the_licence_states_and_the_engine_dates_the_periods_of_its_term_sheet(
        app, api, make_org, make_user):
    j, path, agreement = _licence_with_periods(api, make_org, make_user,
                                               cure_period_days=45, termination_notice_days=30)
    text = _docx_text(j.legal.get(f"/documents/{agreement['id']}/content").data)
    assert "by 30 days’ written notice" in text
    assert "within 45 days after the notice" in text
    assert "at any time by 90 days" not in text and "within 60 days after the notice" not in text

    # the cure period the engine runs is the one the agreement states
    r = j.legal.post(f"{path}/transitions/notify_breach",
                     json={"data": {"breach": "The Q3 royalty report was not sent."}})
    assert r.status_code == 200, r.get_json()
    today = dt.date.fromisoformat(r.get_json()["event"]["at"][:10])
    [cure] = [p for p in r.get_json()["record"]["pending"] if p["kind"] == "cure_period"]
    assert cure["effective_on"] == (today + dt.timedelta(days=45)).isoformat()

    # and so is the licensee's notice of termination, which its notice states
    r = j.partner.post(f"{path}/transitions/give_termination_notice",
                       json={"comment": "We stop selling the product."})
    assert r.status_code == 200, r.get_json()
    effective = today + dt.timedelta(days=30)
    [pending] = [p for p in r.get_json()["record"]["pending"]
                 if p["effective_on"] == effective.isoformat()]
    assert pending
    notice = _docx_text(j.legal.get(
        f"/documents/{r.get_json()['documents'][0]['id']}/content").data)
    assert _long(effective) in notice
    assert "notice period of 30 days" in notice


def test_the_model_licence_periods_are_the_defaults(app, api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    record, _doc, content = j.produce("license_agreement")
    assert (record["cure_period_days"], record["termination_notice_days"]) == (60, 90)
    text = _docx_text(content)
    assert "by 90 days’ written notice" in text and "within 60 days after the notice" in text


def test_bad_periods_are_refused_naming_the_field(app, api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    record, _doc, _ = j.produce("term_sheet")
    path = f"/licenses/{record['id']}"
    for bad in ({"cure_period_days": 0}, {"termination_notice_days": 366},
                {"cure_period_days": "sixty"}):
        r = j.partner.post(f"{path}/transitions/propose_terms", json={"data": bad})
        assert r.status_code == 422, (bad, r.get_json())
        [field] = bad
        assert field in r.get_json()["error"]["fields"], r.get_json()
    # the licence's own edit takes them too, checked the same way
    version = j.legal.get(path).get_json()["version"]
    r = j.legal.patch(path, json={"version": version, "cure_period_days": -1})
    assert r.status_code == 422 and "cure_period_days" in r.get_json()["error"]["fields"]


def test_the_withdrawal_notice_states_the_consortiums_own_notice_period(app, api, make_org,
                                                                         make_user):
    from consortium.consortia.models import Consortium
    from consortium.extensions import db
    c = ConsortiumJourney(api, make_org, make_user, app=app)
    c.produce("executed_consortium_agreement")
    with app.app_context():  # the General Assembly amended the notice period to five months
        db.session.execute(update(Consortium).where(Consortium.id == c.id)
                           .values(withdrawal_notice_months=5))
        db.session.commit()
    answer = c.fire(c.firm, "withdraw_member", data={"organization_id": c.firm_org.id},
                    comment="Strategy change.")
    given = dt.date.fromisoformat(answer["event"]["at"][:10])
    effective = add_months(given, 5)
    [pending] = answer["record"]["pending"]
    assert pending["effective_on"] == effective.isoformat()
    [notice] = answer["documents"]
    text = _docx_text(c.lead.get(f"/documents/{notice['id']}/content").data)
    assert _long(effective) in text
    assert "notice period of 5 months under clause 13" in text


def test_a_signing_request_shows_when_it_expires_and_who_can_still_sign(app, api, make_org,
                                                                        make_user, client):
    j = LicenceJourney(api, make_org, make_user)
    record, doc, _ = j.produce("license_agreement")
    assert record["state"] == "signing"
    [waiting] = [p for p in record["pending"] if p["kind"] == "signing_expiry"]
    issued = dt.date.fromisoformat(doc["created_at"][:10])
    days = app.config["SIGNING_EXPIRY_DAYS"]
    assert waiting["effective_on"] == (issued + dt.timedelta(days=days)).isoformat()
    assert waiting["document_id"] == doc["id"]
    assert set(waiting["signers"]) == {"Lena Legal", "Farida Firm"}
    # one of them signs: only the other can still act
    r = j.partner.post(f"/documents/{doc['id']}/signatures",
                       json={"typed_name": "Farida Firm", "consent": True})
    assert r.status_code == 201, r.get_json()
    record = j.legal.get(f"/licenses/{record['id']}").get_json()
    [waiting] = [p for p in record["pending"] if p["kind"] == "signing_expiry"]
    assert waiting["signers"] == ["Lena Legal"]
    # the record page says the same
    from tests.helpers import PASSWORD
    assert client.post("/login", data={"email": j.legal_user.email,
                                       "password": PASSWORD}).status_code == 302
    page = client.get(f"/licenses/{record['id']}").get_data(as_text=True)
    assert "awaits the signatures of Lena Legal" in page
