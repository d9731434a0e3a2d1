"""Hostile text in every free-text field of every workflow: refused clearly or stored and
printed literally; never a 500, and every generated document still opens."""
from __future__ import annotations

import io
import re

import docx
import pytest

from tests.helpers import disclosure_payload

CORPUS = [
    "R&D <Alpha> {{ 7*7 }} {% for x in y %}",  # XML and Jinja syntax
    "ctrl \x00\x01\x08\x0b\x0c\x1f chars",  # characters XML cannot hold
    "lone \ud800 surrogate",  # not even valid UTF-16
    "\u202eRTL override \u200f mark \u200e",  # bidi controls
    "Қазақстан 🧪 ]]> <![CDATA[ &amp; &#0;",
]
HUGE = "x" * (1024 * 1024)


@pytest.mark.parametrize("text", CORPUS)
def test_every_workflow_takes_hostile_text_and_its_documents_open(api, team, make_org,
                                                                   make_user, text):
    firm = make_org("Hostile Enterprise LLP", "enterprise")
    make_user("partner", firm)
    alice, legal = api(team.alice), api(team.legal)
    r = alice.post("/disclosures", json=disclosure_payload((team.alice, "100"),
                                                           title=text, abstract=text,
                                                           background=text, novelty=text))
    assert r.status_code == 201, r.get_json()
    did = r.get_json()["id"]
    docs = [alice.post(f"/disclosures/{did}/transitions/submit",
                       json={"comment": text}).get_json()["documents"][0]]
    r = legal.post("/consortia", json={
        "name": text, "purpose": text, "work_plan": text,
        "lead_organization_id": team.org.id, "ip_regime": "each_party_owns",
        "members": [{"organization_id": o, "role": role, "contribution_type": "cash",
                     "contribution_value": "1", "currency": "KZT",
                     "contribution_description": text, "share_percent": share}
                    for o, role, share in ((team.org.id, "lead", "50"),
                                           (firm.id, "member", "50"))]})
    assert r.status_code == 201, r.get_json()
    cid = r.get_json()["id"]
    r = legal.post(f"/consortia/{cid}/transitions/propose", json={"comment": text})
    assert r.status_code == 200, r.get_json()
    docs.append(r.get_json()["documents"][0])
    for doc in docs:
        content = legal.get(f"/documents/{doc['id']}/content")
        assert content.status_code == 200
        opened = docx.Document(io.BytesIO(content.data))
        body = "\n".join(p.text for p in opened.paragraphs)
        # {{ 7*7 }} is printed, never evaluated: no 49 standing alone (the people's
        # generated names and the years carry digits of their own, e.g. "Person 2449")
        assert not re.search(r"(?<!\d)49(?!\d)", body)


@pytest.mark.parametrize("path,field", [("/disclosures", "title"), ("/consortia", "name"),
                                        ("/disclosures", "abstract")])
def test_a_one_megabyte_field_is_refused_clearly(api, team, path, field):
    client = api(team.alice if path == "/disclosures" else team.legal)
    body = disclosure_payload((team.alice, "100")) if path == "/disclosures" else {
        "name": "C", "purpose": "P", "lead_organization_id": team.org.id,
        "ip_regime": "each_party_owns", "members": []}
    body[field] = HUGE
    r = client.post(path, json=body)
    assert r.status_code in (413, 422), r.status_code
    assert r.is_json and "error" in r.get_json()
