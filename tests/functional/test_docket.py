"""Patent families, the docket, family costs in cost recovery, and attachments (issue 19)."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from tests.helpers import Journey

TODAY = dt.date.today()


def _patent_pending(api, team) -> Journey:
    j = Journey(api, team)
    j.to("patent_filing_record")
    return j


# -- the family ---------------------------------------------------------------------------
def test_file_patent_and_grant_keep_working_and_make_the_first_filing(api, team):
    j = _patent_pending(api, team)
    r = j.legal.get(f"/disclosures/{j.id}/filings")
    assert r.status_code == 200
    [first] = r.get_json()["items"]
    assert first["office"] == "KZ" and first["application_number"] == "2026/0412.1"
    assert first["filing_date"] == TODAY.isoformat()
    kinds = {d["kind"] for d in r.get_json()["deadlines"]}
    assert {"annuity", "priority_year"} <= kinds
    j.fire(j.legal, "grant", data={"patent_number": "KZ 36512", "grant_date":
                                   TODAY.isoformat()})
    first = j.legal.get(f"/filings/{first['id']}").get_json()
    assert first["grant_number"] == "KZ 36512" and first["status"] == "granted"


def test_legal_adds_and_edits_filings_stale_version_is_409(api, team):
    j = _patent_pending(api, team)
    body = {"office": "pct", "application_number": "PCT/KZ2026/000017",
            "filing_date": TODAY.isoformat(),
            "priority_claims": [{"number": "2026/0412.1", "date": TODAY.isoformat(),
                                 "country": "KZ"}], "attorney": "A. Patentova"}
    assert j.alice.post(f"/disclosures/{j.id}/filings", json=body).status_code == 403
    outsider = api(team.outsider_legal)
    assert outsider.post(f"/disclosures/{j.id}/filings", json=body).status_code == 404
    assert outsider.get(f"/disclosures/{j.id}/filings").status_code == 404
    r = j.legal.post(f"/disclosures/{j.id}/filings", json=body)
    assert r.status_code == 201, r.get_json()
    pct = r.get_json()
    assert pct["office"] == "PCT" and pct["version"] == 1
    assert outsider.get(f"/filings/{pct['id']}").status_code == 404
    bad = j.legal.post(f"/disclosures/{j.id}/filings", json={**body, "office": "Mars"})
    assert bad.status_code == 422 and "office" in bad.get_json()["error"]["fields"]
    r = j.legal.patch(f"/filings/{pct['id']}", json={"version": 1, "status": "published",
                                                     "publication_number": "WO2027/123"})
    assert r.status_code == 200 and r.get_json()["version"] == 2
    stale = j.legal.patch(f"/filings/{pct['id']}", json={"version": 1, "attorney": "X"})
    assert stale.status_code == 409
    assert stale.get_json()["error"]["code"] == "stale_version"
    dues = j.legal.get(f"/disclosures/{j.id}/filings").get_json()["deadlines"]
    phases = [d for d in dues if d["kind"] == "national_phase"]
    from consortium.docket.rules import add_months
    assert [d["due"] for d in phases] == [add_months(TODAY, 30).isoformat(),
                                          add_months(TODAY, 31).isoformat()]
    # filed abroad: the priority year is no longer a deadline
    assert not [d for d in dues if d["kind"] == "priority_year"]


def test_the_docket_page_csv_and_icalendar(api, team, login_as, client):
    from icalendar import Calendar
    j = _patent_pending(api, team)
    filing_id = j.legal.get(f"/disclosures/{j.id}/filings").get_json()["items"][0]["id"]
    due = TODAY + dt.timedelta(days=20)
    assert j.legal.patch(f"/filings/{filing_id}", json={
        "version": 1, "office_action_due": due.isoformat()}).status_code == 200
    r = j.legal.get("/docket?sort=due")
    assert r.status_code == 200
    items = r.get_json()["items"]
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)
    assert any(i["kind"] == "office_action" and i["due"] == due.isoformat() for i in items)
    assert j.alice.get("/docket").status_code == 403
    assert api(team.outsider_legal).get("/docket").get_json()["items"] == []

    login_as(team.legal)
    page = client.get("/docket/?sort=office&order=desc")
    assert page.status_code == 200 and b"Office action response due" in page.data
    csv_text = client.get("/docket/docket.csv").data.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == ('"due","kind","office","record","title","what","filing_id",'
                                       '"done_on"')
    assert due.isoformat() in csv_text
    ics = client.get("/docket/docket.ics")
    assert ics.mimetype == "text/calendar"
    cal = Calendar.from_ical(ics.data)
    events = [c for c in cal.walk("VEVENT")]
    assert any(e.decoded("dtstart") == due for e in events)
    assert all(e.get("uid") for e in events)
    # the record page shows the family and its due dates; the researcher sees no form
    show = client.get(f"/disclosures/{j.id}")
    assert b'id="filings"' in show.data and b"Add a filing" in show.data


def test_web_forms_add_a_filing_and_a_cost(api, team, login_as, client):
    j = _patent_pending(api, team)
    login_as(team.legal)
    r = client.post(f"/docket/disclosures/{j.id}/filings", data={
        "office": "EAPO", "kind": "invention", "application_number": "202690001",
        "filing_date": TODAY.isoformat()})
    assert r.status_code == 302
    items = j.legal.get(f"/disclosures/{j.id}/filings").get_json()["items"]
    assert [f["office"] for f in items] == ["KZ", "EAPO"]
    r = client.post(f"/docket/disclosures/{j.id}/costs", data={
        "filing_id": items[1]["id"], "paid_on": TODAY.isoformat(), "amount": "120000",
        "currency": "KZT", "kind": "official_fee"})
    assert r.status_code == 302
    body = j.legal.get(f"/disclosures/{j.id}/filings").get_json()
    assert body["costs"] == [{"currency": "KZT", "amount": "120000.00"}]
    page = client.get(f"/docket/filings/{items[1]['id']}/edit")
    assert page.status_code == 200
    r = client.post(f"/docket/filings/{items[1]['id']}/edit", data={
        "version": "1", "office": "EAPO", "kind": "invention", "status": "filed",
        "filing_date": TODAY.isoformat(), "grant_date": (TODAY - dt.timedelta(days=400))
        .isoformat()})
    assert r.status_code == 422  # granted before it was filed


# -- costs in cost recovery -----------------------------------------------------------------
def _plan_in_force(api, team, did, cost_recovery=True) -> str:
    legal = api(team.legal)
    r = legal.post("/benefit-plans", json={
        "disclosure_id": did, "currency": "KZT", "cost_recovery": cost_recovery,
        "beneficiaries": [{"kind": "inventor", "user_id": team.alice.id, "share_percent": "33.333"},
                          {"kind": "inventor", "user_id": team.bob.id, "share_percent": "33.333"},
                          {"kind": "institution", "organization_id": team.org.id,
                           "label": "University", "share_percent": "33.334"}]})
    assert r.status_code == 201, r.get_json()
    plan = f"/benefit-plans/{r.get_json()['id']}"
    draft = legal.post(f"{plan}/transitions/propose", json={}).get_json()["documents"][0]
    for user in (team.alice, team.bob, team.legal):
        if user.id in draft["required_signers"]:
            assert api(user).post(f"/documents/{draft['id']}/signatures", json={
                "typed_name": user.name, "consent": True}).status_code == 201
    r = legal.post(f"{plan}/transitions/approve", json={})
    assert r.status_code == 200
    agreement = r.get_json()["documents"][0]  # in force once every party has signed it
    for user in (team.alice, team.bob, team.legal):
        if user.id in agreement["required_signers"]:
            assert api(user).post(f"/documents/{agreement['id']}/signatures", json={
                "typed_name": user.name, "consent": True}).status_code == 201
    return plan


def test_family_costs_feed_cost_recovery_and_the_parts_add_up_exactly(api, team):
    j = _patent_pending(api, team)
    filing_id = j.legal.get(f"/disclosures/{j.id}/filings").get_json()["items"][0]["id"]
    for amount, kind in (("45000.10", "official_fee"), ("150000", "attorney_fee")):
        r = j.legal.post(f"/filings/{filing_id}/costs", json={
            "paid_on": TODAY.isoformat(), "amount": amount, "currency": "KZT", "kind": kind})
        assert r.status_code == 201, r.get_json()
    assert j.legal.post(f"/filings/{filing_id}/costs", json={
        "paid_on": TODAY.isoformat(), "amount": "1.001", "currency": "KZT",
        "kind": "official_fee"}).status_code == 422
    plan = _plan_in_force(api, team, j.id)
    typed = j.legal.post(f"{plan}/transitions/record_revenue", json={
        "data": {"amount": "1000000", "costs": "5", "source": "sale"}})
    assert typed.status_code == 422 and "costs" in typed.get_json()["error"]["fields"]
    r = j.legal.post(f"{plan}/transitions/record_revenue", json={
        "data": {"amount": "1000000.01", "source": "licence income"}})
    assert r.status_code == 200, r.get_json()
    revenues = j.legal.get(f"{plan}/revenues").get_json()
    rev = revenues["items"][0] if isinstance(revenues, dict) else revenues[0]
    assert Decimal(rev["recovered_costs"]) == Decimal("195000.10")
    dist = r.get_json()["distribution"]
    parts = sum(Decimal(p["amount"]) for p in dist)
    assert parts == Decimal("1000000.01") - Decimal("195000.10") - sum(
        Decimal(rev.get(k) or 0) for k in ("admin_fee",))
    # recovered once: the next income recovers nothing more
    r = j.legal.post(f"{plan}/transitions/record_revenue", json={
        "data": {"amount": "1000", "source": "sale"}})
    second = j.legal.get(f"{plan}/revenues").get_json()
    second = second["items"] if isinstance(second, dict) else second
    assert sorted(Decimal(x["recovered_costs"] or 0) for x in second) == [
        Decimal(0), Decimal("195000.10")]
    assert all(c["recovered"] for c in j.legal.get(f"/filings/{filing_id}").get_json()["costs"])


def test_the_dashboard_shows_patent_spend_per_year(app, api, team):
    j = _patent_pending(api, team)
    filing_id = j.legal.get(f"/disclosures/{j.id}/filings").get_json()["items"][0]["id"]
    last_year = TODAY.replace(year=TODAY.year - 1, day=1)
    for day, amount in ((last_year, "1000"), (TODAY, "250.50"), (TODAY, "49.50")):
        assert j.legal.post(f"/filings/{filing_id}/costs", json={
            "paid_on": day.isoformat(), "amount": amount, "currency": "KZT",
            "kind": "official_fee"}).status_code == 201
    from consortium.web.dashboard import TABLES, patent_spend_table
    assert "patent_spend" in TABLES
    with app.app_context():
        rows = patent_spend_table(team.org.id)
        assert rows == [{"year": last_year.year, "amount": Decimal("1000.00"), "currency": "KZT"},
                        {"year": TODAY.year, "amount": Decimal("300.00"), "currency": "KZT"}]
        assert patent_spend_table(team.outsider_org.id) == []


# -- attachments ------------------------------------------------------------------------------
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(client, path, data, name, kind="drawing", note=None):
    form = {"file": (io.BytesIO(data), name), "kind": kind}
    if note:
        form["note"] = note
    return client.post(f"/api/v1{path}/attachments", data=form,
                       content_type="multipart/form-data", headers=client._h)


@pytest.fixture
def legal_client(app, api, team):
    c = app.test_client()
    c._h = api(team.legal).headers
    return c


def test_attachments_are_checked_by_content_and_never_served_inline(app, api, team,
                                                                    legal_client):
    j = Journey(api, team)
    j.fire(j.alice, "submit")
    path = f"/disclosures/{j.id}"
    r = _upload(legal_client, path, PDF, "Сызба — қазақша.pdf", note="Figure 1")
    assert r.status_code == 201, r.get_json()
    a = r.get_json()
    assert a["content_type"] == "application/pdf" and a["uploaded_by"] == team.legal.name
    # an executable, or HTML, is refused whatever its name says
    assert _upload(legal_client, path, b"MZ\x90\x00\x03", "drawing.pdf").status_code == 422
    html = b"<!doctype html><script>alert(1)</script>"
    r = _upload(legal_client, path, html, "notes.txt")
    assert r.status_code == 422 and "file" in r.get_json()["error"]["fields"]
    # text named like a path to an HTML file: the path is stripped and it stays text
    r = _upload(legal_client, path, b"lab notes <b>not markup first</b>\n", "..\\..\\x.html",
                kind="lab_notebook")
    assert r.status_code == 201, r.get_json()
    txt = r.get_json()
    assert txt["filename"] == "x.html.txt" and "\\" not in txt["filename"]
    got = legal_client.get(f"/api/v1/attachments/{txt['id']}/content", headers=legal_client._h)
    assert got.status_code == 200
    assert got.headers["Content-Disposition"].startswith("attachment;")
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.mimetype == "text/plain"
    assert "sandbox" in got.headers["Content-Security-Policy"]
    got = legal_client.get(f"/api/v1/attachments/{a['id']}/content", headers=legal_client._h)
    assert got.data == PDF
    assert "filename*=UTF-8''%D0%A1%D1%8B%D0%B7%D0%B1%D0%B0" in got.headers["Content-Disposition"]
    # the list, and its record's history
    items = legal_client.get(f"/api/v1{path}/attachments", headers=legal_client._h).get_json()
    assert [i["id"] for i in items["items"]] == [txt["id"], a["id"]]
    events = api(team.legal).get(f"{path}/events").get_json()
    events = events["items"] if isinstance(events, dict) else events
    assert [e["data"]["sha256"] for e in events if e["trigger"] == "attach"] == [
        a["sha256"], txt["sha256"]]


def test_size_limit_and_visibility(app, api, team, legal_client):
    j = Journey(api, team)
    j.fire(j.alice, "submit")
    path = f"/disclosures/{j.id}"
    app.config["ATTACHMENT_MAX_BYTES"] = 1000
    try:
        r = _upload(legal_client, path, PDF + b"0" * 1000, "big.pdf")
        assert r.status_code == 413, r.get_json()
    finally:
        app.config.pop("ATTACHMENT_MAX_BYTES")
    a = _upload(legal_client, path, PDF, "ok.pdf").get_json()
    for user in (team.outsider, team.outsider_legal):
        other = api(user)
        assert other.get(f"/attachments/{a['id']}").status_code == 404
        assert other.get(f"/attachments/{a['id']}/content").status_code == 404
        assert other.get(f"{path}/attachments").status_code == 404
    # an inventor sees it, as they see the disclosure
    assert api(team.alice).get(f"/attachments/{a['id']}/content").data == PDF
    other = app.test_client()
    other.post("/login", data={"email": team.outsider.email, "password": "correct-horse-battery"})
    assert other.get(f"/attachments/{a['id']}").status_code == 404


def test_audit_verify_detects_a_changed_attachment_byte(app, api, team, legal_client):
    from consortium.documents.storage import Storage
    j = Journey(api, team)
    j.fire(j.alice, "submit")
    a = _upload(legal_client, f"/disclosures/{j.id}", PDF, "ok.pdf").get_json()
    admin_token = None
    with app.app_context():
        from consortium.audit.services import verify
        assert verify(Storage(app.config["STORAGE_DIR"]))["ok"]
        path = Storage(app.config["STORAGE_DIR"]).path(a["sha256"])
        data = bytearray(path.read_bytes())
        data[3] ^= 1
        path.write_bytes(bytes(data))
        result = verify(Storage(app.config["STORAGE_DIR"]))
    assert admin_token is None
    assert not result["ok"]
    assert result["first_bad"]["kind"] == "attachment" and result["first_bad"]["id"] == a["id"]


def test_web_upload_on_every_record_page(api, team, login_as, client):
    j = Journey(api, team)
    j.fire(j.alice, "submit")
    login_as(team.alice)
    r = client.post(f"/attachments/disclosure/{j.id}", data={
        "file": (io.BytesIO(b"\x89PNG\r\n\x1a\n0000"), "sketch.png"), "kind": "drawing"},
        content_type="multipart/form-data")
    assert r.status_code == 302
    page = client.get(f"/disclosures/{j.id}")
    assert b"sketch.png" in page.data and b'id="attachments"' in page.data
    assert team.alice.name.encode() in page.data
    r = client.post(f"/attachments/disclosure/{j.id + 999}", data={
        "file": (io.BytesIO(b"\x89PNG\r\n\x1a\n0000"), "sketch.png"), "kind": "drawing"},
        content_type="multipart/form-data")
    assert r.status_code == 404
