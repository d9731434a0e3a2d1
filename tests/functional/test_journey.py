"""The whole disclosure journey through the API, with documents opened and the audit verified."""
from __future__ import annotations

import datetime as dt
import io

import docx

from tests.helpers import disclosure_payload

ASSESSMENT = {"trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
              "recommendation": "File a national application and a PCT application."}


def _text(content: bytes) -> str:
    d = docx.Document(io.BytesIO(content))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_file_review_assess_protect_sign_and_file_patent(api, team):
    alice, bob, legal = api(team.alice), api(team.bob), api(team.legal)
    r = alice.post("/disclosures", json=disclosure_payload((team.alice, "60"), (team.bob, 40)))
    assert r.status_code == 201, r.get_json()
    d = r.get_json()
    assert d["state"] == "draft" and d["version"] == 1
    did = d["id"]

    r = alice.post(f"/disclosures/{did}/transitions/submit", json={"version": 1})
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["record"]["state"] == "submitted"
    assert body["record"]["reg_number"].startswith("ID-")
    assert body["event"]["trigger"] == "submit"
    [receipt] = body["documents"]
    assert receipt["template"] == "invention_disclosure_record"
    content = alice.get(f"/documents/{receipt['id']}/content")
    assert content.status_code == 200
    text = _text(content.data)
    assert "Seed coating from camel-wool keratin" in text
    assert body["record"]["reg_number"] in text

    r = legal.post(f"/disclosures/{did}/transitions/start_review")
    assert r.status_code == 200, r.get_json()
    r = legal.post(f"/disclosures/{did}/transitions/complete_assessment",
                   json={"data": ASSESSMENT})
    assert r.status_code == 200, r.get_json()
    report = _text(legal.get(f"/documents/{r.get_json()['documents'][0]['id']}/content").data)
    assert "Technology validated in lab" in report

    r = legal.post(f"/disclosures/{did}/transitions/decide_protect")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["state"] == "assignment_pending"
    [agreement] = r.get_json()["documents"]
    # the organisation's signatory (the legal officer here) and both inventors
    assert agreement["required_signers"] == [team.legal.id, team.alice.id, team.bob.id]
    r = legal.post(f"/documents/{agreement['id']}/signatures",
                   json={"typed_name": "Lena Legal", "consent": True})
    assert r.status_code == 201
    assert r.get_json().get("auto_transition") is None
    # someone else of the organisation is not a required signer
    r = api(team.outsider_legal).post(f"/documents/{agreement['id']}/signatures",
                                      json={"typed_name": "Olga Otherlegal", "consent": True})
    assert r.status_code in (403, 404)
    r = alice.post(f"/documents/{agreement['id']}/signatures",
                   json={"typed_name": "Alice Inventor", "consent": True})
    assert r.status_code == 201, r.get_json()
    sig = r.get_json()
    assert sig["document_sha256"] == agreement["sha256"] and sig["typed_name"] == "Alice Inventor"
    assert alice.get(f"/disclosures/{did}").get_json()["state"] == "assignment_pending"
    r = alice.post(f"/documents/{agreement['id']}/signatures",
                   json={"typed_name": "Alice Inventor", "consent": True})
    assert r.status_code == 409
    r = bob.post(f"/documents/{agreement['id']}/signatures",
                 json={"typed_name": "Bob Coinventor", "consent": True})
    assert r.status_code == 201
    assert r.get_json()["auto_transition"]["trigger"] == "complete_assignment"
    assert bob.get(f"/disclosures/{did}").get_json()["state"] == "protected"

    r = legal.post(f"/disclosures/{did}/transitions/file_patent", json={"data": {
        "office": "National Institute of Intellectual Property", "application_number":
        "2026/0412.1", "filing_date": dt.date.today().isoformat()}})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["state"] == "patent_pending"
    r = legal.post(f"/disclosures/{did}/transitions/grant",
                   json={"data": {"patent_number": "KZ 36123", "grant_date": dt.date.today().isoformat()}})
    assert r.get_json()["record"]["state"] == "patented"

    events = legal.get(f"/disclosures/{did}/events").get_json()
    assert [e["trigger"] for e in events] == [
        "submit", "start_review", "complete_assessment", "decide_protect", "sign", "sign",
        "sign", "complete_assignment", "file_patent", "grant"]
    assert all(e["prev_hash"] == p["hash"] for p, e in zip(events, events[1:], strict=False))
    docs = legal.get(f"/disclosures/{did}/documents").get_json()
    assert {d["template"] for d in docs} == {
        "invention_disclosure_record", "ip_assessment_report",
        "invention_assignment_agreement", "patent_filing_record"}
