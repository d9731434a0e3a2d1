"""Declining to sign (a required signer, with a reason): the record goes back to the state
before its signing step, the document is superseded, the history and the person who started
the step are told; and the document card (its PDF with the .docx and every CMS inside)."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from consortium.documents import pdf
from tests.functional import test_consortia as consortia
from tests.functional import test_eds_signing as eds
from tests.helpers import adopt_decision

# fixtures of the EDS and consortium tests, shared (same people, same records)
pki = eds.pki
world = eds.world
parties = consortia.parties

REASON = "Clause 4 names the wrong field of use; we cannot sign it as it stands."


def decline(client, doc, reason=REASON):
    return client.post(f"/documents/{doc['id']}/declines", json={"reason": reason})


def state_of(client, path):
    return client.get(path).get_json()


# -- licences: the NDA ---------------------------------------------------------------------------
def test_an_nda_declined_by_the_licensee_returns_the_licence_to_inquiry(world):
    w = world
    path, nda = eds.nda_of(w)
    legal, partner = w.api["legal"], w.api["partner"]
    before = state_of(legal, path)
    assert before["state"] == "nda_pending"

    r = decline(partner, nda)
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["record"]["state"] == "inquiry"
    assert body["document"]["superseded"] is True
    event = body["event"]
    assert (event["trigger"], event["from_state"], event["to_state"]) == (
        "decline", "nda_pending", "inquiry")
    assert event["actor_id"] == w.partner.id and event["comment"] == REASON
    assert event["data"]["document_id"] == nda["id"]
    assert event["document_ids"] == []  # the document stays linked to the event issuing it

    after = state_of(legal, path)
    assert after["state"] == "inquiry" and after["version"] > before["version"]
    assert legal.get(f"/documents/{nda['id']}").get_json()["superseded"] is True
    # the superseded NDA can no longer be signed; the licence can ask for a new one
    r = eds.sign_typed(legal, nda, w.legal)
    assert r.status_code == 409
    r = legal.post(f"{path}/transitions/request_nda")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["state"] == "nda_pending"
    events = legal.get(f"{path}/events").get_json()
    assert [e["trigger"] for e in events] == ["request_nda", "decline", "request_nda"]


def test_who_may_decline_and_with_what(world, make_user, api):
    w = world
    path, nda = eds.nda_of(w)
    legal, partner = w.api["legal"], w.api["partner"]
    # someone who sees the record but is not a signer: 403
    r = decline(w.api["alice"], nda)
    assert r.status_code in (403, 404)
    other_legal = api(make_user("legal", w.uni, "Lidia Legal"))
    r = decline(other_legal, nda)
    assert r.status_code == 403, r.get_json()
    assert r.get_json()["error"]["code"] == "not_a_signer"
    # no reason, an empty one, a number: 422 on reason, nothing changed
    for body in ({}, {"reason": "   "}, {"reason": 5}):
        r = partner.post(f"/documents/{nda['id']}/declines", json=body)
        assert r.status_code == 422, r.get_json()
        assert "reason" in r.get_json()["error"]["fields"]
    r = decline(partner, nda, "x" * 5001)
    assert r.status_code == 422 and "reason" in r.get_json()["error"]["fields"]
    assert state_of(legal, path)["state"] == "nda_pending"
    # already signed: 409
    assert eds.sign_typed(legal, nda, w.legal).status_code == 201
    r = decline(legal, nda)
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "already_signed"
    # once declined, it is superseded: 409 (for the other signer too)
    assert decline(partner, nda).status_code == 201
    r = decline(partner, nda)
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "superseded"


def test_the_audit_chain_still_verifies_after_a_decline(world, runner):
    w = world
    _path, nda = eds.nda_of(w)
    assert decline(w.api["partner"], nda).status_code == 201
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output


# -- consortia: the memorandum, the agreement, an accession --------------------------------------
def _consortium(p):
    lead = p.api["lead_legal"]
    r = lead.post("/consortia", json=consortia._body(p))
    assert r.status_code == 201, r.get_json()
    cid = r.get_json()["id"]
    [moi] = consortia._fire(lead, cid, "propose").get_json()["documents"]
    return cid, moi


def test_a_memorandum_declined_returns_the_consortium_to_draft(parties):
    p = parties
    cid, moi = _consortium(p)
    lead = p.api["lead_legal"]
    assert p.api["inst_legal"].post(f"/documents/{moi['id']}/signatures", json={
        "typed_name": p.inst_legal.name, "consent": True}).status_code == 201
    r = decline(p.api["firm_partner"], moi)
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["record"]["state"] == "draft"
    assert lead.get(f"/documents/{moi['id']}").get_json()["superseded"] is True
    # proposed again: a new memorandum, numbered on
    [moi2] = consortia._fire(lead, cid, "propose").get_json()["documents"]
    assert moi2["number"].endswith("MOI-2")


def test_a_consortium_agreement_declined_in_signing_returns_to_legal_review(parties):
    p = parties
    cid, moi = _consortium(p)
    lead = p.api["lead_legal"]
    consortia._sign_all(p, moi)
    assert consortia._fire(lead, cid, "submit_for_review").status_code == 200
    r = consortia._fire(p.api["lead_reviewer"], cid, "approve")
    assert r.status_code == 200, r.get_json()
    [agreement] = r.get_json()["documents"]
    assert r.get_json()["record"]["state"] == "signing"

    r = decline(p.api["inst_legal"], agreement, "The budget annex is missing.")
    assert r.status_code == 201, r.get_json()
    record = lead.get(f"/consortia/{cid}").get_json()
    assert record["state"] == "legal_review"
    # the reviewer can approve again: a new agreement to sign
    r = consortia._fire(p.api["lead_reviewer"], cid, "approve")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["documents"][0]["id"] != agreement["id"]


def test_an_accession_agreement_declined_leaves_the_consortium_active(parties):
    p = parties
    cid, moi = _consortium(p)
    lead = p.api["lead_legal"]
    consortia._sign_all(p, moi)
    consortia._fire(lead, cid, "submit_for_review")
    [agreement] = consortia._fire(p.api["lead_reviewer"], cid, "approve").get_json()["documents"]
    consortia._sign_all(p, agreement)
    assert lead.get(f"/consortia/{cid}").get_json()["state"] == "active"
    admission = {
        "organization_id": p.outsider.organization_id, "role": "associate",
        "contribution_type": "cash", "contribution_value": "5000000", "currency": "KZT",
        "contribution_description": "Seed funding", "share_percent": "10"}
    adopt_decision(None, lead, [p.api[k] for k in ("lead_legal", "inst_legal",
                                                   "firm_partner")], cid, "admit_member",
                   admission)
    r = consortia._fire(lead, cid, "admit_member", data=admission)
    assert r.status_code == 200, r.get_json()
    [accession] = r.get_json()["documents"]
    version = r.get_json()["record"]["version"]

    r = decline(p.api["outsider"], accession, "Our board has not approved it.")
    assert r.status_code == 201, r.get_json()
    event = r.get_json()["event"]
    assert (event["from_state"], event["to_state"]) == ("active", "active")
    record = lead.get(f"/consortia/{cid}").get_json()
    assert record["state"] == "active" and record["version"] > version
    assert lead.get(f"/documents/{accession['id']}").get_json()["superseded"] is True
    # the executed consortium agreement is not touched
    docs = lead.get(f"/consortia/{cid}/documents").get_json()
    assert not next(d for d in docs if d["id"] == agreement["id"])["superseded"]


# -- the web form, the history and the inbox -----------------------------------------------------
def test_declining_on_the_signing_page_asks_for_a_reason_and_a_confirmation(
        world, client, login_as):
    w = world
    path, nda = eds.nda_of(w)
    lid = path.rsplit("/", 1)[1]
    login_as(w.partner)
    page = client.get(f"/documents/{nda['id']}/sign")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Decline to sign" in html and f"/documents/{nda['id']}/decline" in html
    assert 'name="confirm"' in html

    # no confirmation: 422, the page again with the reason kept; nothing changed
    r = client.post(f"/documents/{nda['id']}/decline", data={"reason": REASON})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "cannot be undone" in html and "Clause 4 names the wrong field of use" in html
    assert state_of(w.api["legal"], path)["state"] == "nda_pending"
    # no reason: 422 naming both
    r = client.post(f"/documents/{nda['id']}/decline", data={"reason": ""})
    assert r.status_code == 422
    assert "required: say why" in r.get_data(as_text=True)
    assert state_of(w.api["legal"], path)["state"] == "nda_pending"

    r = client.post(f"/documents/{nda['id']}/decline",
                    data={"reason": REASON, "confirm": "yes"})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/licenses/{lid}")
    assert state_of(w.api["legal"], path)["state"] == "inquiry"
    html = client.get(f"/licenses/{lid}").get_data(as_text=True)
    assert "Declined to sign" in html and REASON in html

    # the licence's legal officer who requested the NDA sees it in the inbox
    client.post("/logout")
    login_as(w.legal)
    html = client.get("/inbox").get_data(as_text=True)
    assert "Declined signatures" in html and REASON in html and "Farida Firm" in html
    # someone who started nothing there does not
    client.post("/logout")
    login_as(w.alice)
    assert "Declined signatures" not in client.get("/inbox").get_data(as_text=True)


# -- the document card ---------------------------------------------------------------------------
needs_libreoffice = pytest.mark.skipif(not pdf.available(), reason="LibreOffice not installed")


@needs_libreoffice
def test_the_card_of_a_signed_document_carries_the_docx_and_every_cms(pki, world, client,
                                                                      login_as, make_user,
                                                                      api):
    w = world
    path, nda = eds.nda_of(w)
    legal = w.api["legal"]
    data = eds.content_of(legal, nda)
    sigs = []
    for client_, person in ((legal, eds.lena(pki)), (w.api["partner"], eds.farida(pki))):
        r = eds.post_eds(client_, nda, person.sign_detached(data))
        assert r.status_code == 201, r.get_json()
        sigs.append(r.get_json())

    r = legal.get(f"/documents/{nda['id']}/card")
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    assert r.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(r.data))
    attachments = reader.attachments
    assert attachments[nda["filename"]] == [data]
    for sig in sigs:
        cms = legal.get(f"/documents/{nda['id']}/signatures/{sig['id']}/cms").data
        [name] = [n for n in attachments if n.endswith(f".signature-{sig['id']}.p7s")]
        assert attachments[name] == [cms]
    assert len(attachments) == 3
    readable = len(PdfReader(io.BytesIO(legal.get(
        f"/documents/{nda['id']}/content?format=pdf").data)).pages)
    assert len(reader.pages) > readable  # the signature sheet follows the document
    sheet = "".join("".join(p.extract_text() for p in reader.pages[readable:]).split())
    for fact in (nda["sha256"], eds.LENA_IIN, eds.FARIDA_IIN, eds.FIRM_BIN,
                 sigs[0]["certificate"]["serial"], "LenaLegal", "FaridaFirm", "EDS(NCARK)"):
        assert fact in sheet, fact  # (a long hash wraps in its cell: compared without spaces)

    # the same card again comes from the cache; the web page links it and serves it too
    assert legal.get(f"/documents/{nda['id']}/card").data == r.data
    login_as(w.legal)
    lid = path.rsplit("/", 1)[1]
    assert f"/documents/{nda['id']}/card" in client.get(f"/licenses/{lid}").get_data(
        as_text=True)
    web = client.get(f"/documents/{nda['id']}/card")
    assert web.status_code == 200 and web.data == r.data
    # someone who may not see the document: 404
    stranger = api(make_user("researcher", name="Sergei Stranger"))
    assert stranger.get(f"/documents/{nda['id']}/card").status_code == 404


def test_the_card_without_libreoffice_is_a_clear_404_and_a_failed_conversion_a_503(
        world, app, tmp_path):
    w = world
    _path, nda = eds.nda_of(w)
    legal = w.api["legal"]
    saved = app.config.get("PDF_CONVERTER")
    try:
        app.config["PDF_CONVERTER"] = str(tmp_path / "no-such-converter")
        r = legal.get(f"/documents/{nda['id']}/card")
        assert r.status_code == 404
        assert "LibreOffice is not installed" in r.get_json()["error"]["message"]
        failing = tmp_path / "failing-converter"
        failing.write_text("#!/bin/sh\nexit 3\n")
        failing.chmod(0o755)
        app.config["PDF_CONVERTER"] = str(failing)
        r = legal.get(f"/documents/{nda['id']}/card")
        assert r.status_code == 503 and r.get_json()["error"]["code"] == "pdf_unavailable"
    finally:
        app.config["PDF_CONVERTER"] = saved
