"""Who signs is written once: the signature blocks of every template are the parties the
workflow asks to sign it (``workflows.definition.SIGNER_PARTIES``), and the engine collects
every signature a document names before its record moves on (issue 15, part 1)."""
from __future__ import annotations

import importlib.util
import io
import re
import sys

import docx
import pytest

from consortium.documents import rendering
from tests.helpers import (
    ASSESSMENT,
    CONSORTIUM_STEPS,
    LICENCE_STEPS,
    ConsortiumJourney,
    Journey,
    LicenceJourney,
    disclosure_payload,
)
from workflows import WORKFLOWS
from workflows.definition import SIGNER_PARTIES

_spec = importlib.util.spec_from_file_location("build", rendering.TEMPLATE_DIR / "build.py")
build = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("build", build)
_spec.loader.exec_module(build)

#: the parties who sign each template, as the lawyer reads them in the document (and the
#: closing table of issue 15): () for a document no one is asked to sign
SIGNED_BY = {
    "invention_disclosure_record": (),
    "ip_assessment_report": (),
    "invention_assignment_agreement": ("organisation", "inventors"),
    "know_how_regime_order": ("inventors",),
    "rights_release_letter": ("organisation", "inventors"),
    "patent_filing_record": (),
    "memorandum_of_intent": ("members",),
    "consortium_agreement_draft": (),
    "consortium_agreement": ("members",),
    "executed_consortium_agreement": (),
    "accession_agreement": ("new_member", "lead"),
    "withdrawal_notice": (),
    "amendment_proposal": (),
    "dissolution_act": ("members",),
    "nda": ("licensor", "licensee"),
    "term_sheet": (),
    "license_agreement": ("licensor", "licensee"),
    "executed_license_agreement": (),
    "royalty_report": (),
    "termination_notice": (),
    "benefit_sharing_plan_draft": ("beneficiaries",),
    "benefit_sharing_agreement": ("rights_holder", "beneficiaries"),
    "distribution_statement": (),
    "general_assembly_minutes": ("lead",),
}
#: executed documents: whose signatures they reproduce
REPRODUCES = {"executed_consortium_agreement": ("members",),
              "executed_license_agreement": ("licensor", "licensee")}


def built(name: str):
    spec = next(s for s in build.SPECS if s.name == name)
    builder = build.Builder(spec.code, header_note=spec.header_note)
    spec.write(builder)
    return builder


def issuing(name: str):
    return [t for wf in WORKFLOWS for t in wf.transitions if t.document == name]


# -- the one definition, over every template ---------------------------------------------------
@pytest.mark.parametrize("name", [s.name for s in build.SPECS])
def test_the_signature_blocks_are_the_parties_the_workflow_asks_to_sign(name):
    builder = built(name)
    build.check_signers(name, builder)  # what `build.py` refuses to write otherwise
    signs, _ = build.expected_signers(name)
    assert tuple(builder.signing_parties) == signs
    for t in issuing(name):
        assert (SIGNER_PARTIES[t.signers] if t.signers else ()) == signs, t.trigger
    if name in SIGNED_BY:  # and what the lawyer reads, for the templates of issue 15
        assert signs == SIGNED_BY[name]
        assert tuple(builder.reproduced_parties) == REPRODUCES.get(name, ())


def test_the_table_names_only_templates_that_exist():
    assert set(SIGNED_BY) <= {s.name for s in build.SPECS}


def test_a_template_without_the_organisation_block_is_refused():
    builder = build.Builder("IAA")
    builder.signatures([build.inventor_signatory()])
    with pytest.raises(SystemExit, match="organisation"):
        build.check_signers("invention_assignment_agreement", builder)


def test_an_issuing_block_has_no_signature_line():
    builder = build.Builder("AR")
    builder.signatures([build.officer_signatory("Assessed by")])
    text = "\n".join(c.text for t in builder.document.tables for r in t.rows for c in r.cells)
    assert "Signature:" not in text and "Issued:" in text
    assert builder.signing_parties == []


# -- rendered: one signature line per required signer -------------------------------------------
def signature_lines(content: bytes) -> int:
    d = docx.Document(io.BytesIO(content))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return sum(1 for text in cells for line in text.split("\n")
               if re.match(r"Signature:\t_{10,}", line))


def reproduced_lines(content: bytes) -> int:
    d = docx.Document(io.BytesIO(content))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return sum(1 for text in cells for line in text.split("\n")
               if line == "Signature:\tsigned electronically")


@pytest.fixture
def produce(api, team, make_org, make_user):
    def run(name):
        if name in LICENCE_STEPS:
            return LicenceJourney(api, make_org, make_user).produce(name)
        if name in CONSORTIUM_STEPS:
            return ConsortiumJourney(api, make_org, make_user).produce(name)
        return Journey(api, team).produce(name)
    return run


@pytest.mark.parametrize("name", [n for n in SIGNED_BY if n != "general_assembly_minutes"])
def test_the_rendered_document_has_a_signature_line_per_required_signer(produce, name):
    _record, doc, content = produce(name)
    if name in REPRODUCES:
        # the executed copy is the signed text (its signature lines as signed), then the
        # execution page reproducing each signature; no one is asked to sign it again
        assert doc["required_signers"] == []
        assert reproduced_lines(content) == signature_lines(content) >= len(REPRODUCES[name])
        return
    # a person who signs in two capacities signs once: in these journeys the institution
    # that is a beneficiary of its own plan signs through the rights holder's signatory
    twice = 1 if name == "benefit_sharing_agreement" else 0
    assert signature_lines(content) == len(doc["required_signers"]) + twice


# -- the assignment: the organisation and every inventor, an outside co-inventor too -------------
def test_assignment_waits_for_the_organisation_and_an_invited_co_inventor(app, api, team,
                                                                          make_user):
    alice, bob, legal = api(team.alice), api(team.bob), api(team.legal)
    body = disclosure_payload((team.alice, 40), (team.bob, 30))
    body["inventors"].append({"name": "Dana External", "email": "dana@partner.example",
                              "share_percent": 30})
    did = alice.post("/disclosures", json=body).get_json()["id"]
    for client, trigger, extra in ((alice, "submit", {}), (legal, "start_review", {}),
                                   (legal, "complete_assessment", {"data": ASSESSMENT})):
        assert client.post(f"/disclosures/{did}/transitions/{trigger}",
                           json=extra).status_code == 200
    r = legal.post(f"/disclosures/{did}/transitions/decide_protect").get_json()
    [agreement] = r["documents"]
    assert agreement["required_signers"] == [team.legal.id, team.alice.id, team.bob.id]
    content = legal.get(f"/documents/{agreement['id']}/content").data
    assert signature_lines(content) == 4  # the organisation and three inventors, Dana too
    d = docx.Document(io.BytesIO(content))
    assert "Dana External" in [c.text.split("\n")[0].split("\t")[-1]
                               for t in d.tables for r in t.rows for c in r.cells]

    for client, user in ((alice, team.alice), (bob, team.bob)):
        assert client.post(f"/documents/{agreement['id']}/signatures",
                           json={"typed_name": user.name, "consent": True}).status_code == 201
    # the inventors alone do not complete it: the organisation has not signed
    assert legal.get(f"/disclosures/{did}").get_json()["state"] == "assignment_pending"
    r = legal.post(f"/documents/{agreement['id']}/signatures",
                   json={"typed_name": team.legal.name, "consent": True})
    assert r.status_code == 201 and r.get_json().get("auto_transition") is None
    # nor is Dana's signature waived: she has no account yet
    record = legal.get(f"/disclosures/{did}").get_json()
    assert record["state"] == "assignment_pending"
    r = legal.post(f"/disclosures/{did}/transitions/file_patent", json={"data": {
        "office": "KZ", "application_number": "2026/1", "filing_date": "2026-12-01"}})
    assert r.status_code == 409

    # Dana accepts her invitation: her new account joins the agreement as a signer
    dana = make_user("researcher", team.org, "Dana External")
    from consortium.db import unit_of_work
    from consortium.disclosures.models import Inventor
    from consortium.disclosures.signers import inventor_joined
    from consortium.extensions import db
    with app.app_context(), unit_of_work():
        inv = db.session.query(Inventor).filter_by(disclosure_id=did,
                                                   name="Dana External").one()
        joined = inventor_joined(inv, dana.id)
        assert [d.id for d in joined] == [agreement["id"]]
    doc = legal.get(f"/documents/{agreement['id']}").get_json()
    assert doc["pending_signers"] == [dana.id]
    r = api(dana).post(f"/documents/{agreement['id']}/signatures",
                       json={"typed_name": "Dana External", "consent": True})
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["auto_transition"]["trigger"] == "complete_assignment"
    assert legal.get(f"/disclosures/{did}").get_json()["state"] == "protected"


def test_the_rights_release_is_accepted_by_signing_but_not_declined_back(api, team):
    j = Journey(api, team)
    body = j.to("rights_release_letter")
    [letter] = body["documents"]
    assert body["record"]["state"] == "released"
    assert letter["required_signers"] == [team.legal.id, team.alice.id, team.bob.id]
    r = j.alice.post(f"/documents/{letter['id']}/declines", json={"reason": "No."})
    assert r.status_code == 409  # the release is the organisation's; it does not go back
    j.sign_all(letter["id"])
    doc = j.legal.get(f"/documents/{letter['id']}").get_json()
    assert doc["pending_signers"] == []
    assert j.legal.get(f"/disclosures/{j.id}").get_json()["state"] == "released"


# -- consortium: the accession by both parties, the dissolution by every party -------------------
def test_accession_is_signed_by_the_new_party_and_the_lead(api, make_org, make_user):
    j = ConsortiumJourney(api, make_org, make_user)
    _record, doc, _content = j.produce("accession_agreement")
    new, lead = (next(u for _c, u in j.clients.values() if u.organization_id == org.id
                      and u.role in ("legal", "partner"))
                 for org in (j.newcomer_org, j.lead_org))
    assert doc["required_signers"] == [new.id, lead.id]


def test_the_dissolution_act_is_signed_by_every_party(api, make_org, make_user):
    j = ConsortiumJourney(api, make_org, make_user)
    record, doc, _content = j.produce("dissolution_act")
    assert record["state"] == "dissolving"  # until every party has signed it
    members = j.lead.get(f"/consortia/{j.id}").get_json()["members"]
    active = [m for m in members if m.get("status", "active") == "active"]
    assert len(doc["required_signers"]) == len(active) == 3


# -- benefit sharing: the rights holder and the authors -----------------------------------------
def test_the_benefit_sharing_agreement_is_signed_by_the_holder_and_the_beneficiaries(
        api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    _record, doc, content = j.produce("benefit_sharing_agreement")
    assert doc["required_signers"] == [j.legal_user.id, j.alice_user.id]
    assert signature_lines(content) == 3  # the holder, the inventor, the institution


# -- declarations are made by submitting, and say so ---------------------------------------------
def test_the_disclosure_record_declaration_is_made_by_submitting(api, team):
    _record, doc, content = Journey(api, team).produce("invention_disclosure_record")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "By submitting this disclosure through their account, Alice Inventor" in text
    assert "By signing below" not in text
    assert doc["required_signers"] == [] and signature_lines(content) == 0
