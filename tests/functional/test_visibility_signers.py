"""Who sees what: required signers, former members, superseded documents, private drafts.

The signing scenarios are built from the workflow definitions: every transition that asks
for signatures is fired on a record brought to its source state, and every required signer
of the document it produces must be able to open the record and the document and sign it.
"""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from consortium.consortia.models import Consortium
from consortium.db import unit_of_work
from consortium.extensions import db
from consortium.scheduler import run_due
from tests.helpers import (
    SCENARIOS,
    World,
    body_for,
    disclosure_payload,
    issue_for_signature,
)
from workflows import WORKFLOWS

SIGNING = sorted((wf.name, t.trigger) for wf in WORKFLOWS for t in wf.transitions if t.signers)


@pytest.fixture
def world(make_org, make_user, api, app):
    return World(make_org, make_user, api, app)


def _can_open(w, who, collection, rid, doc_id):
    c = w.api[who]
    r = c.get(f"/{collection}/{rid}")
    assert r.status_code == 200, (who, "record", r.get_json())
    listed = {d["id"] for d in c.get(f"/{collection}/{rid}/documents").get_json()}
    assert doc_id in listed, (who, "documents list")
    assert rid in {i["id"] for i in c.get(f"/{collection}").get_json()["items"]}, (who, "list")
    assert c.get(f"/documents/{doc_id}").status_code == 200, (who, "document")
    assert c.get(f"/documents/{doc_id}/content").status_code == 200, (who, "content")
    web = w.web(who)
    page = web.get(f"/{collection}/{rid}")
    assert page.status_code == 200, (who, "page", page.status_code)
    assert f"/documents/{doc_id}/sign".encode() in page.data, (who, "sign link on the page")
    assert web.get(f"/documents/{doc_id}/download").status_code == 200, (who, "download")
    assert web.get(f"/documents/{doc_id}/sign").status_code == 200, (who, "sign page")
    inbox = web.get("/inbox")
    assert f"/documents/{doc_id}/sign".encode() in inbox.data, (who, "inbox")


def _cannot_open(w, who, collection, rid, doc_id):
    c = w.api[who]
    assert c.get(f"/{collection}/{rid}").status_code == 404, (who, "record")
    assert c.get(f"/{collection}/{rid}/documents").status_code == 404, (who, "documents")
    assert rid not in {i["id"] for i in c.get(f"/{collection}").get_json()["items"]}
    assert c.get(f"/documents/{doc_id}").status_code == 404, (who, "document")
    assert c.get(f"/documents/{doc_id}/content").status_code == 404, (who, "content")
    assert w.sign(who, doc_id).status_code == 404, (who, "sign")
    web = w.web(who)
    assert web.get(f"/{collection}/{rid}").status_code == 404, (who, "page")
    assert web.get(f"/documents/{doc_id}/download").status_code == 404, (who, "download")
    assert web.get(f"/documents/{doc_id}/sign").status_code == 404, (who, "sign page")
    assert web.post(f"/documents/{doc_id}/sign", data={
        "typed_name": w.users[who].name, "consent": "yes"}).status_code == 404


@pytest.mark.parametrize(("workflow", "trigger"), SIGNING)
def test_every_required_signer_can_open_and_sign_what_it_must(world, workflow, trigger):
    w = world
    assert sorted(SCENARIOS) == SIGNING, "every signing transition needs its scenario here"
    collection, rid, docs = issue_for_signature(w, workflow, trigger)
    for doc in docs:
        for uid in doc["required_signers"]:
            _can_open(w, w.by_id[uid], collection, rid, doc["id"])
        for who in ("other_researcher", "other_legal", "other_partner", "other_admin"):
            _cannot_open(w, who, collection, rid, doc["id"])
        for uid in doc["required_signers"]:
            r = w.sign(w.by_id[uid], doc["id"])
            assert r.status_code == 201, (w.by_id[uid], r.get_json())


def test_the_licensors_partner_signatory_signs_the_nda_and_sees_the_licence_read_only(world):
    """The reported dead end: the licence no longer waits in nda_pending for ever."""
    w = world
    lid = w.license("inquiry")
    nda = w.fire("legal", "licenses", lid, "request_nda")["documents"][0]
    assert w.users["uni_partner"].id in nda["required_signers"]
    partner = w.api["uni_partner"]
    assert partner.get(f"/licenses/{lid}").status_code == 200
    w.sign_all(nda)
    assert w.api["legal"].get(f"/licenses/{lid}").get_json()["state"] == "evaluation"
    # read-only: no transition, no edit (API and form), and only what it signs is listed
    moves = partner.get(f"/licenses/{lid}/transitions").get_json()
    assert moves and not any(m["allowed"] for m in moves)
    version = partner.get(f"/licenses/{lid}").get_json()["version"]
    r = partner.patch(f"/licenses/{lid}", json={"version": version, "notes": "mine"})
    assert r.status_code == 403
    r = partner.post(f"/licenses/{lid}/transitions/propose_terms",
                     json={"data": {"term_months": 12}})
    assert r.status_code == 403
    web = w.web("uni_partner")
    assert web.get(f"/licenses/{lid}/edit").status_code == 403
    assert web.post(f"/licenses/{lid}/edit", data={"version": str(version),
                                                  "notes": "mine"}).status_code == 403
    page = web.get(f"/licenses/{lid}").data.decode()
    assert f"/licenses/{lid}/edit" not in page and "/actions/" not in page
    # the licensee proposes a term sheet: the signatory does not sign it, so does not read it
    sheet = w.fire("firm_partner", "licenses", lid, "propose_terms",
                   data={"term_months": 60})["documents"][0]
    assert partner.get(f"/documents/{sheet['id']}").status_code == 404
    assert sheet["id"] not in {d["id"] for d in
                               partner.get(f"/licenses/{lid}/documents").get_json()}


# -- former members ---------------------------------------------------------------------------
def test_a_former_member_reads_what_was_issued_while_it_was_a_party_and_nothing_later(world):
    w = world
    cid = w.consortium("active")
    firm = w.api["firm_partner"]
    before = {d["id"] for d in firm.get(f"/consortia/{cid}/documents").get_json()}
    assert before
    notice = w.fire("legal", "consortia", cid, "withdraw_member",
                    data={"organization_id": w.firm.id}, comment="Leaves the project.")
    notice = notice["documents"][0]
    # the notice has run its three months (its dates move back): the scheduler completes it
    with w.app.app_context(), unit_of_work():
        c = db.session.get(Consortium, cid)
        for m in c.withdrawal_notices:
            m.withdrawal_notice_at -= dt.timedelta(days=92)
            m.withdrawal_effective_on = c.withdrawal_due_on = dt.date.today()
    with w.app.app_context():
        assert run_due(only=["timed_transitions"]) == {"timed_transitions": 1}
    amendment = w.fire("legal", "consortia", cid, "amend",
                       comment="Add a work package.")["documents"][0]
    # the consortium itself stays visible to its former member (its own history)
    assert firm.get(f"/consortia/{cid}").status_code == 200
    listed = {d["id"] for d in firm.get(f"/consortia/{cid}/documents").get_json()}
    assert before <= listed and notice["id"] in listed
    assert amendment["id"] not in listed
    assert firm.get(f"/documents/{notice['id']}").status_code == 200
    assert firm.get(f"/documents/{amendment['id']}").status_code == 404
    assert firm.get(f"/documents/{amendment['id']}/content").status_code == 404
    web = w.web("firm_partner")
    page = web.get(f"/consortia/{cid}").data.decode()
    assert f"/documents/{notice['id']}/download" in page
    assert f"/documents/{amendment['id']}/" not in page
    assert web.get(f"/documents/{amendment['id']}/download").status_code == 404
    # a current member reads the amendment
    inst = w.api["inst_legal"]
    assert inst.get(f"/documents/{amendment['id']}").status_code == 200
    assert amendment["id"] in {d["id"] for d in inst.get(f"/consortia/{cid}/documents")
                               .get_json()}


# -- superseded when the step ends --------------------------------------------------------------
def _leaving_active():
    from workflows import CONSORTIUM
    return sorted(t.trigger for t in CONSORTIUM.transitions
                  if "active" in t.sources and t.dest != "active")


def _admit(w, cid):
    return w.fire("legal", "consortia", cid, "admit_member", **body_for(
        w, SCENARIOS[("consortium", "admit_member")][2]))["documents"][0]


@pytest.mark.parametrize("leave", _leaving_active())
def test_an_accession_agreement_is_superseded_when_the_consortium_leaves_active(
        world, make_org, make_user, api, leave):
    w = world
    cid = w.consortium("active")
    # an earlier accession, signed by its member: it stays valid whatever happens next
    first_org = make_org("Kyzylorda Agro LLP", "enterprise")
    first = make_user("partner", first_org, "Kamila First")
    body = body_for(w, SCENARIOS[("consortium", "admit_member")][2])
    body["data"]["organization_id"] = first_org.id
    signed = w.fire("legal", "consortia", cid, "admit_member", **body)["documents"][0]
    assert api(first).post(f"/documents/{signed['id']}/signatures", json={
        "typed_name": first.name, "consent": True}).status_code == 201
    assert w.sign("uni_partner", signed["id"]).status_code == 201  # and the lead party
    accession = _admit(w, cid)
    assert accession["template"] == "accession_agreement"
    assert w.api["legal"].get(f"/documents/{signed['id']}").get_json()["superseded"] is False
    web = w.web("new_partner")
    assert f"/documents/{accession['id']}/sign".encode() in web.get("/inbox").data
    w.fire("legal", "consortia", cid, leave, comment="Because.")
    r = w.sign("new_partner", accession["id"])
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "superseded"
    doc = w.api["new_partner"].get(f"/documents/{accession['id']}").get_json()
    assert doc["superseded"] is True and doc["signatures"] == []
    page = web.get(f"/consortia/{cid}").data.decode()
    assert f"/documents/{accession['id']}/sign" not in page and 'class="tag">superseded<' in page
    assert f"/documents/{accession['id']}/sign" not in web.get("/inbox").data.decode()
    form = web.get(f"/documents/{accession['id']}/sign").data.decode()
    assert 'name="typed_name"' not in form
    r = web.post(f"/documents/{accession['id']}/sign",
                 data={"typed_name": w.users["new_partner"].name, "consent": "yes"})
    assert r.status_code in (302, 409)
    assert w.api["new_partner"].get(f"/documents/{accession['id']}").get_json()[
        "signatures"] == []
    assert w.api["legal"].get(f"/documents/{signed['id']}").get_json()["superseded"] is False


def test_awaited_documents_are_derived_from_the_definitions():
    from workflows import CONSORTIUM, DISCLOSURE, LICENSE
    from workflows.engine import awaited_documents
    assert awaited_documents(CONSORTIUM, "active", "dissolve") == ["accession_agreement"]
    assert awaited_documents(CONSORTIUM, "active", "suspend") == ["accession_agreement"]
    assert awaited_documents(CONSORTIUM, "signing", "activate") == []
    assert awaited_documents(CONSORTIUM, "proposed", "decline") == ["memorandum_of_intent"]
    assert awaited_documents(LICENSE, "nda_pending", "abandon") == ["nda"]
    assert awaited_documents(LICENSE, "nda_pending", "nda_signed") == []
    assert awaited_documents(DISCLOSURE, "assessed", "decide_protect") == []


# -- drafts are private ---------------------------------------------------------------------------
def test_drafts_are_their_inventors_alone_until_submitted(world):
    w = world
    alice, legal = w.api["alice"], w.api["legal"]
    did = alice.post("/disclosures", json=disclosure_payload(
        (w.users["alice"], "60"), (w.users["bob"], "40"))).get_json()["id"]
    assert w.api["bob"].get(f"/disclosures/{did}").status_code == 200
    assert legal.get(f"/disclosures/{did}").status_code == 404
    assert did not in {i["id"] for i in legal.get("/disclosures").get_json()["items"]}
    web = w.web("legal")
    assert web.get(f"/disclosures/{did}").status_code == 404
    assert web.get(f"/disclosures/{did}/edit").status_code == 404
    assert web.post(f"/disclosures/{did}/edit", data={"title": "x"}).status_code == 404
    assert f"/disclosures/{did}\"".encode() not in web.get("/disclosures/").data
    rows = csv.DictReader(io.StringIO(web.get("/dashboard?csv=states").data.decode()))
    drafts = [r for r in rows if r["workflow"] == "Invention disclosure"
              and r["state"] == "Draft"]
    assert [str(r["count"]) for r in drafts] == ["0"]
    # a withdrawn draft never reached the office either
    other = alice.post("/disclosures", json=disclosure_payload(
        (w.users["alice"], "100"), title="Never sent")).get_json()["id"]
    w.fire("alice", "disclosures", other, "withdraw")
    assert legal.get(f"/disclosures/{other}").status_code == 404
    # submitted, then sent back for revision: the office keeps seeing it, but cannot edit it
    w.fire("alice", "disclosures", did, "submit")
    assert legal.get(f"/disclosures/{did}").status_code == 200
    w.fire("legal", "disclosures", did, "start_review")
    w.fire("legal", "disclosures", did, "request_revision", comment="Add data.")
    assert legal.get(f"/disclosures/{did}").status_code == 200
    assert web.get(f"/disclosures/{did}/edit").status_code == 403
    assert web.post(f"/disclosures/{did}/edit", data={"title": "x"}).status_code == 403
    assert f"/disclosures/{did}/edit" not in web.get(f"/disclosures/{did}").data.decode()
    version = legal.get(f"/disclosures/{did}").get_json()["version"]
    assert legal.patch(f"/disclosures/{did}", json={"version": version,
                                                   "title": "x"}).status_code == 403
    assert w.web("alice").get(f"/disclosures/{did}/edit").status_code == 200


def test_every_edit_form_is_404_to_outsiders_and_403_to_viewers_who_cannot_edit(world):
    w = world
    cid = w.consortium("draft")
    lid = w.license("inquiry")
    pid = w.plan()
    did = w.api["alice"].post("/disclosures", json=disclosure_payload(
        (w.users["alice"], "100"))).get_json()["id"]
    w.fire("alice", "disclosures", did, "submit")
    cases = [  # (edit path, someone who sees it but may not edit, an outsider)
        (f"/disclosures/{did}/edit", "legal", "other_legal"),
        (f"/consortia/{cid}/edit", "inst_legal", "other_legal"),
        (f"/licenses/{lid}/edit", "alice", "other_partner"),
        (f"/benefit-plans/{pid}/edit", "alice", "other_legal"),
    ]
    for path, viewer, outsider in cases:
        for method in ("get", "post"):
            r = getattr(w.web(viewer), method)(path, data={"version": "1", "title": "x"})
            assert r.status_code == 403, (path, viewer, method, r.status_code)
            r = getattr(w.web(outsider), method)(path, data={"version": "1", "title": "x"})
            assert r.status_code == 404, (path, outsider, method, r.status_code)
