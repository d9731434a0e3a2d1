"""What stays signed: an executed agreement is the signed document's body, unchanged to the
byte, followed by its execution page and signature certificate (issue 15, part 4)."""
from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from lxml import etree

from consortium.documents import executed
from tests.helpers import ConsortiumJourney, LicenceJourney

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body(content: bytes) -> list[etree._Element]:
    return executed.body_elements(content)


def paragraphs(elements) -> list[str]:
    return ["".join(t.text or "" for t in e.iter(f"{W}t")) for e in elements]


def part(content: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read(name)


def journey(name, api, make_org, make_user):
    if name == "executed_license_agreement":
        j = LicenceJourney(api, make_org, make_user)
        _record, doc, content = j.produce(name)
        path, client = f"/licenses/{_record['id']}", j.legal
        signed_template = "license_agreement"
    else:
        j = ConsortiumJourney(api, make_org, make_user)
        _record, doc, content = j.produce(name)
        path, client = f"/consortia/{_record['id']}", j.lead
        signed_template = "consortium_agreement"
    docs = client.get(f"{path}/documents").get_json()
    signed = next(d for d in docs if d["template"] == signed_template)
    assert signed["pending_signers"] == [] and signed["signatures"]
    signed_content = client.get(f"/documents/{signed['id']}/content").data
    return doc, content, signed, signed_content


@pytest.mark.parametrize("name", sorted(executed.SIGNED_TEMPLATE))
def test_the_executed_body_is_the_signed_body_byte_for_byte(api, make_org, make_user, name):
    doc, content, signed, signed_content = journey(name, api, make_org, make_user)
    mine, theirs = body(content), body(signed_content)
    assert len(mine) > len(theirs)
    # paragraph by paragraph, then element by element in canonical XML
    assert paragraphs(mine[:len(theirs)]) == paragraphs(theirs)
    for a, b in zip(mine, theirs, strict=False):
        assert etree.tostring(a, method="c14n") == etree.tostring(b, method="c14n")
    # the section (header, footer, page) is the signed document's, as are its styles
    assert part(content, "word/styles.xml") == part(signed_content, "word/styles.xml")
    assert part(content, "word/footer1.xml") == part(signed_content, "word/footer1.xml")
    # what is added: the execution page, then the certificate, naming the signed document
    added = "\n".join(paragraphs(mine[len(theirs):]))
    assert "EXECUTION PAGE" in added and "SIGNATURE CERTIFICATE" in added
    assert signed["number"] in added and doc["number"] in added
    assert signed["sha256"] in added
    docx.Document(io.BytesIO(content))  # and it opens


def test_the_executed_licence_does_not_change_its_term_after_signature(api, make_org,
                                                                       make_user):
    """The old executed licence printed "until <date>" in its term (clause 2.3) once the
    licence was active, although the signed text had no such date."""
    doc, content, signed, signed_content = journey("executed_license_agreement", api,
                                                   make_org, make_user)
    theirs = paragraphs(body(signed_content))
    mine = paragraphs(body(content))[:len(theirs)]
    clause = [p for p in mine if p.startswith("2.3Licence Term.")]
    assert clause and clause == [p for p in theirs if p.startswith("2.3Licence Term.")]
    # the licence is active now, its end date known; the signed text gave none
    assert all(not re.search(r"until \d{1,2} \w+ \d{4}", p) for p in mine)


def test_an_agreement_not_signed_by_everyone_cannot_be_composed(app, api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    record, doc, _content = j.produce("license_agreement")
    assert doc["pending_signers"]
    with app.app_context():
        assert executed.signed_document("license", record["id"],
                                        "executed_license_agreement") is None


def test_compose_refuses_a_page_that_refers_to_its_own_parts():
    d = docx.Document()
    d.add_paragraph("signed")
    signed = io.BytesIO()
    d.save(signed)
    page = docx.Document()
    p = page.add_paragraph()
    p._p.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
             "rId99")
    extra = io.BytesIO()
    page.save(extra)
    with pytest.raises(ValueError):
        executed.compose(signed.getvalue(), extra.getvalue())
