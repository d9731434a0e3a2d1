"""Template versions legal staff own, through the API and the browser: a valid edited
template is accepted, activated by a second legal user (never its uploader) and used by the
next document of that organisation only; a broken one is refused naming its rules; every
document records the template version and SHA-256 it was rendered from."""
from __future__ import annotations

import hashlib
import io
import re

import docx
import pytest

from consortium.documents import rendering
from tests.helpers import Journey, disclosure_payload
from tests.template_edits import default_bytes, edit

IDR = "invention_disclosure_record"
#: the version of the shipped default (contract_templates/manifest.json)
DEFAULT = rendering.manifest()[IDR]["version"]
HEADING = "Dated receipt and record of an invention disclosure"
EDITED = "Dated receipt and record of an invention disclosure (Steppe Polytechnic form)"


@pytest.fixture
def legal2(team, make_user):
    return make_user("legal", team.org, "Timur Secondlegal")


def edited_idr() -> bytes:
    return edit(IDR, HEADING, EDITED)


def upload(client_api, data: bytes, name: str = IDR, filename: str = "idr-steppe.docx"):
    return client_api.post(f"/templates/{name}/versions",
                           data={"file": (io.BytesIO(data), filename)},
                           content_type="multipart/form-data")


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def submitted_idr(journey: Journey):
    _, doc, content = journey.produce(IDR)
    return doc, content


def test_list_shows_every_template_with_default_and_own_versions(api, team):
    r = api(team.legal).get("/templates")
    assert r.status_code == 200
    items = {i["name"]: i for i in r.get_json()["items"]}
    assert items[IDR]["workflow"] == "disclosure"
    assert items[IDR]["default"]["version"] == DEFAULT
    assert items[IDR]["default"]["sha256"] == hashlib.sha256(default_bytes(IDR)).hexdigest()
    assert items[IDR]["versions"] == [] and items[IDR]["in_use"] == DEFAULT


def test_only_legal_staff_manage_templates(api, team):
    assert api(team.alice).get("/templates").status_code == 403
    assert upload(api(team.alice), edited_idr()).status_code == 403
    assert api().get("/templates").status_code == 401


def test_upload_activate_and_the_next_document_of_that_organisation_only(api, team, legal2):
    before = Journey(api, team)
    old_doc, old_content = submitted_idr(before)
    assert old_doc["template_version"] == DEFAULT
    assert old_doc["template_sha256"] == hashlib.sha256(default_bytes(IDR)).hexdigest()

    data = edited_idr()
    r = upload(api(team.legal), data)
    assert r.status_code == 201, r.get_json()
    v = r.get_json()
    assert v["state"] == "draft" and v["template"] == IDR and v["checks"] == []
    assert v["sha256"] == hashlib.sha256(data).hexdigest()

    # a draft is not used yet
    doc, content = submitted_idr(Journey(api, team))
    assert doc["template_version"] == DEFAULT and EDITED not in text_of(content)

    # four eyes: the uploader cannot activate it, a second legal user can
    r = api(team.legal).post(f"/templates/{IDR}/versions/{v['id']}/activate")
    assert r.status_code == 403, r.get_json()
    r = api(legal2).post(f"/templates/{IDR}/versions/{v['id']}/activate")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["state"] == "active" and r.get_json()["activated_by"] == legal2.id

    doc, content = submitted_idr(Journey(api, team))
    assert doc["template_version"] == v["version"]
    assert doc["template_sha256"] == v["sha256"]
    assert EDITED in text_of(content)

    # another organisation's documents keep the default
    outsider = api(team.outsider)
    r = outsider.post("/disclosures", json=disclosure_payload((team.outsider, "100")))
    assert r.status_code == 201, r.get_json()
    r = outsider.post(f"/disclosures/{r.get_json()['id']}/transitions/submit", json={})
    assert r.status_code == 200, r.get_json()
    [other] = [d for d in r.get_json()["documents"] if d["template"] == IDR]
    assert other["template_version"] == DEFAULT
    # ... and cannot see this organisation's version
    assert api(team.outsider_legal).get(f"/templates/{IDR}/versions/{v['id']}").status_code \
        == 404
    assert api(team.outsider_legal).post(
        f"/templates/{IDR}/versions/{v['id']}/activate").status_code == 404

    # the old document keeps its version, its hash and its bytes
    again = api(team.legal).get(f"/documents/{old_doc['id']}").get_json()
    assert again["template_version"] == DEFAULT
    assert again["template_sha256"] == old_doc["template_sha256"]
    assert api(team.legal).get(f"/documents/{old_doc['id']}/content").data == old_content

    listed = {i["name"]: i for i in api(team.legal).get("/templates").get_json()["items"]}
    assert listed[IDR]["in_use"] == v["version"]
    assert listed[IDR]["active_version_id"] == v["id"]

    # retiring it returns the organisation to the default
    r = api(team.legal).post(f"/templates/{IDR}/versions/{v['id']}/retire")
    assert r.status_code == 200 and r.get_json()["state"] == "retired"
    doc, content = submitted_idr(Journey(api, team))
    assert doc["template_version"] == DEFAULT and EDITED not in text_of(content)
    assert api(legal2).post(f"/templates/{IDR}/versions/{v['id']}/activate").status_code \
        == 409


def test_a_new_activation_replaces_the_active_version(api, team, legal2):
    first = upload(api(team.legal), edited_idr()).get_json()
    assert api(legal2).post(f"/templates/{IDR}/versions/{first['id']}/activate") \
        .status_code == 200
    second = upload(api(legal2), edit(IDR, HEADING, HEADING + " (second form)")).get_json()
    assert second["version"] != first["version"]
    assert api(team.legal).post(f"/templates/{IDR}/versions/{second['id']}/activate") \
        .status_code == 200
    assert api(team.legal).get(f"/templates/{IDR}/versions/{first['id']}") \
        .get_json()["state"] == "retired"
    doc, content = submitted_idr(Journey(api, team))
    assert doc["template_version"] == second["version"]
    assert "(second form)" in text_of(content)


def test_a_broken_upload_is_refused_naming_each_rule(api, team):
    data = edit(IDR, "{{ disclosure.reg_number }}", "{{ disclosure.reg_number|shell }}")
    r = upload(api(team.legal), data)
    assert r.status_code == 422, r.get_json()
    fields = r.get_json()["error"]["fields"]
    assert "unknown_filter" in fields and "shell" in fields["unknown_filter"]
    r = upload(api(team.legal), edit(IDR, "{{ disclosure.reg_number }}", "{{ ''.__class__ }}"))
    assert r.status_code == 422 and "sandbox" in r.get_json()["error"]["fields"]
    assert api(team.legal).get("/templates").get_json()["items"][0]["versions"] == []


def test_a_hostile_archive_is_refused(api, team):
    from tests.template_edits import rezip
    r = upload(api(team.legal), rezip(default_bytes(IDR), add={"../evil.xml": b"<x/>"}))
    assert r.status_code == 422 and "archive" in r.get_json()["error"]["fields"]
    r = upload(api(team.legal), b"not a zip", filename="x.docx")
    assert r.status_code == 422 and "archive" in r.get_json()["error"]["fields"]
    r = upload(api(team.legal), default_bytes(IDR), filename="macro.docm")
    assert r.status_code == 422 and "file" in r.get_json()["error"]["fields"]
    r = api(team.legal).post(f"/templates/{IDR}/versions", json={})
    assert r.status_code == 422 and "file" in r.get_json()["error"]["fields"]
    assert upload(api(team.legal), default_bytes(IDR), name="no_such").status_code == 404
    garbage = rezip(default_bytes(IDR), {"word/document.xml": b"<w:document><unclosed>"})
    r = upload(api(team.legal), garbage)
    assert r.status_code == 422 and "archive" in r.get_json()["error"]["fields"]
    assert api(team.legal).get(f"/templates/{IDR}/versions/{2**70}").status_code == 404
    assert api(team.legal).get(f"/templates/{IDR}/versions/0/diff").status_code == 404


def test_preview_and_difference_from_the_version_in_use(app, api, team):
    v = upload(api(team.legal), edited_idr()).get_json()
    r = api(team.legal).get(f"/templates/{IDR}/versions/{v['id']}/preview")
    assert r.status_code == 200
    text = "\n".join(r.get_json()["text"])
    assert EDITED in text and "{{" not in text and "KZNU-2026-0042" in text
    r = api(team.legal).get(f"/templates/{IDR}/versions/{v['id']}/diff")
    diff = r.get_json()["diff"]
    assert any(line.startswith("+") and EDITED in line for line in diff)
    assert any(line.startswith("-") and line[1:].strip() == HEADING for line in diff)
    r = api(team.legal).get(f"/templates/{IDR}/versions/{v['id']}/preview?format=docx")
    assert r.status_code == 200 and EDITED in text_of(r.data)
    r = api(team.legal).get(f"/templates/{IDR}/versions/{v['id']}/file")
    assert r.data == edited_idr()
    # PDF where LibreOffice is installed; a clear 404 where it is not
    from consortium.documents import pdf
    r = api(team.legal).get(f"/templates/{IDR}/versions/{v['id']}/preview?format=pdf")
    if pdf.available(app.config.get("PDF_CONVERTER")):
        assert r.status_code == 200 and r.data.startswith(b"%PDF")
    else:
        assert r.status_code == 404 and "LibreOffice" in r.get_json()["error"]["message"]


# -- the browser ---------------------------------------------------------------------------------
def test_browser_upload_check_report_and_four_eyes_activation(app, team, legal2, login_as,
                                                              api):
    client = login_as(team.legal)
    page = client.get("/templates")
    assert page.status_code == 200 and b"Invention Disclosure Record" in page.data
    page = client.get(f"/templates/{IDR}")
    assert page.status_code == 200 and b'type="file"' in page.data

    # a broken version: the page shows each rule and where
    bad = edit(IDR, "{{ disclosure.reg_number }}", "{{ secret_key }}")
    r = client.post(f"/templates/{IDR}/versions", data={"file": (io.BytesIO(bad), "bad.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 422
    assert b"check-report" in r.data and b"variables" in r.data and b"secret_key" in r.data

    r = client.post(f"/templates/{IDR}/versions",
                    data={"file": (io.BytesIO(edited_idr()), "idr.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    version_url = r.headers["Location"]
    page = client.get(version_url)
    assert page.status_code == 200
    body = page.data.decode()
    assert EDITED in body  # the preview and the difference
    assert "second legal user" in body and "/activate" not in body  # not for the uploader
    vid = int(re.search(r"/versions/(\d+)", version_url).group(1))
    r = client.post(f"/templates/{IDR}/versions/{vid}/activate")
    assert r.status_code in (302, 403)
    assert api(team.legal).get(f"/templates/{IDR}/versions/{vid}").get_json()["state"] \
        == "draft"

    client.get("/logout")
    client = login_as(legal2)
    page = client.get(version_url)
    assert "/activate" in page.data.decode()
    r = client.post(f"/templates/{IDR}/versions/{vid}/activate")
    assert r.status_code == 302
    assert api(team.legal).get(f"/templates/{IDR}/versions/{vid}").get_json()["state"] \
        == "active"
    doc, content = submitted_idr(Journey(api, team))
    assert EDITED in text_of(content)
