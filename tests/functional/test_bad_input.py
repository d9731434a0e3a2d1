"""Bad input through the API: malformed bodies, wrong types, huge bodies, hostile text in
documents, unknown paths and ids. Every answer is the JSON error format; never a 500."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import docx
import pytest

from consortium.auth.models import User
from consortium.db import unit_of_work
from consortium.extensions import db
from tests.helpers import disclosure_payload

ASSESSMENT = {"trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
              "recommendation": "File a national application."}


def assert_json_error(r, status: int | None = None, code: str | None = None) -> dict:
    """A well-formed JSON error (never a 500): ``{"error": {"code", "message", ...}}``."""
    assert r.status_code < 500, (r.status_code, r.data[:1000])
    if status is not None:
        assert r.status_code == status, (r.status_code, r.get_json(silent=True))
    assert r.status_code >= 400, r.status_code
    assert r.mimetype == "application/json", (r.mimetype, r.data[:300])
    body = r.get_json()
    assert isinstance(body, dict) and set(body) == {"error"}, body
    err = body["error"]
    assert isinstance(err["code"], str) and err["code"]
    assert isinstance(err["message"], str) and err["message"]
    if "fields" in err:
        assert isinstance(err["fields"], dict) and err["fields"]
        assert all(isinstance(v, str) for v in err["fields"].values())
    if code is not None:
        assert err["code"] == code, err
    return err


def ok(r, status=200):
    assert r.status_code == status, (r.status_code, r.get_json(silent=True))
    return r.get_json()


@pytest.fixture
def alice(api, team):
    return api(team.alice)


@pytest.fixture
def legal(api, team):
    return api(team.legal)


@pytest.fixture
def admin(api, make_user, team):
    return api(make_user("admin", team.org))


@pytest.fixture
def draft(alice, team):
    return ok(alice.post("/disclosures", json=disclosure_payload((team.alice, 100))), 201)


def raw(client, method, path, data, content_type="application/json", headers=None):
    return getattr(client.client, method)(
        f"/api/v1{path}", data=data, content_type=content_type,
        headers={**client.headers, **(headers or {})})


# -- malformed bodies ---------------------------------------------------------------------------
MALFORMED = [b"{", b"{'title': 'single quotes'}", b"not json at all", b'{"a": 1,}',
             b"\xff\xfe\x00garbage", b'{"title": "unterminated', b"NaN-ish {", b"\x00"]


@pytest.mark.parametrize(("method", "path"), [
    ("post", "/disclosures"), ("patch", "/disclosures/{id}"),
    ("post", "/disclosures/{id}/transitions/submit"), ("post", "/organizations"),
    ("post", "/users")])
def test_malformed_json_is_400(alice, admin, draft, method, path):
    who = admin if path in ("/organizations", "/users") else alice
    for body in MALFORMED:
        r = raw(who, method, path.format(id=draft["id"]), body)
        err = assert_json_error(r, 400, "malformed_json")
        assert "JSON" in err["message"], body
    assert ok(alice.get(f"/disclosures/{draft['id']}"))["state"] == "draft"


def test_malformed_json_to_token_is_400(client):
    r = client.post("/api/v1/auth/token", data=b"{email", content_type="application/json")
    assert_json_error(r, 400, "malformed_json")


@pytest.mark.parametrize("body", [[], [1, 2], "a string", 42, None, True])
def test_non_object_json_is_400(alice, draft, body):
    data = json.dumps(body).encode()
    for method, path in [("post", "/disclosures"), ("patch", f"/disclosures/{draft['id']}"),
                         ("post", f"/disclosures/{draft['id']}/transitions/submit")]:
        r = raw(alice, method, path, data)
        err = assert_json_error(r, 400, "malformed_json")
        assert "object" in err["message"]
    assert ok(alice.get(f"/disclosures/{draft['id']}"))["state"] == "draft"


def test_non_object_json_to_token_is_400(client, team):
    r = client.post("/api/v1/auth/token", json=[team.alice.email, "x"])
    assert_json_error(r, 400)


def test_json_without_a_json_content_type_is_still_parsed(alice, team):
    body = json.dumps(disclosure_payload((team.alice, 100))).encode()
    r = raw(alice, "post", "/disclosures", body, content_type="text/plain")
    assert ok(r, 201)["state"] == "draft"


# -- wrong types --------------------------------------------------------------------------------
def _with(team, **changes):
    body = disclosure_payload((team.alice, 100))
    body.update(changes)
    return body


WRONG_TYPES = [
    ({"title": 123}, "title"),
    ({"title": ["a"]}, "title"),
    ({"title": None}, "title"),
    ({"title": ""}, "title"),
    ({"title": "x" * 501}, "title"),
    ({"abstract": {"text": "x"}}, "abstract"),
    ({"keywords": "seed, keratin"}, "keywords"),
    ({"keywords": [1, 2]}, "keywords.0"),
    ({"keywords": ["k"] * 31}, "keywords"),
    ({"inventors": "alice"}, "inventors"),
    ({"inventors": {"user_id": 1}}, "inventors"),
    ({"inventors": [42]}, "inventors.0"),
    ({"funding_source": 1}, "funding_source"),
    ({"public_disclosure_date": "yesterday"}, "public_disclosure_date"),
    ({"public_disclosure_date": 20240101}, "public_disclosure_date"),
    ({"consortium_id": "1"}, "consortium_id"),
    ({"consortium_id": 1.5}, "consortium_id"),
    ({"consortium_id": 2 ** 70}, "consortium_id"),
]


def test_wrong_types_on_create_are_422_naming_the_field(alice, team):
    for change, field in WRONG_TYPES:
        r = alice.post("/disclosures", json=_with(team, **change))
        err = assert_json_error(r, 422, "validation_failed")
        assert field in err["fields"], (change, err["fields"])
    assert ok(alice.get("/disclosures"))["total"] == 0


WRONG_INVENTORS = [
    ({"share_percent": "abc"}, "inventors.0.share_percent"),
    ({"share_percent": True}, "inventors.0.share_percent"),
    ({"share_percent": False}, "inventors.0.share_percent"),
    ({"share_percent": None}, "inventors.0.share_percent"),
    ({"share_percent": "NaN"}, "inventors.0.share_percent"),
    ({"share_percent": "Infinity"}, "inventors.0.share_percent"),
    ({"share_percent": "1e400"}, "inventors.0.share_percent"),
    ({"share_percent": -5}, "inventors.0.share_percent"),
    ({"share_percent": "12.3456"}, "inventors.0.share_percent"),
    ({"share_percent": [100]}, "inventors.0.share_percent"),
    ({"user_id": "{alice}"}, "inventors.0.user_id"),
    ({"user_id": True}, "inventors.0.user_id"),
    ({"user_id": 1.0}, "inventors.0.user_id"),
    ({"user_id": 2 ** 70}, "inventors.0.user_id"),
    ({"user_id": 0}, "inventors.0.user_id"),
    ({"organization_id": "1", "user_id": None, "name": "X"}, "inventors.0.organization_id"),
    ({"organization_id": 2 ** 64, "user_id": None, "name": "X"}, "inventors.0.organization_id"),
    ({"unexpected": 1}, "inventors.0.unexpected"),
]


def test_wrong_inventor_types_are_422_naming_the_field(alice, team):
    for inventor, field in WRONG_INVENTORS:
        item = {"user_id": team.alice.id, "share_percent": 100}
        item.update({k: (str(team.alice.id) if v == "{alice}" else v)
                     for k, v in inventor.items()})
        r = alice.post("/disclosures", json=_with(team, inventors=[item]))
        err = assert_json_error(r, 422, "validation_failed")
        assert field in err["fields"], (inventor, err["fields"])
    assert ok(alice.get("/disclosures"))["total"] == 0


def test_bad_version_on_patch_is_422(alice, draft):
    for version in ("x", "1", 1.0, True, None, [1], {"v": 1}):
        r = alice.patch(f"/disclosures/{draft['id']}", json={"version": version, "title": "New"})
        err = assert_json_error(r, 422, "validation_failed")
        assert "version" in err["fields"], version
    assert ok(alice.get(f"/disclosures/{draft['id']}"))["title"] == draft["title"]


def test_bad_version_on_transition_is_422(alice, draft):
    for version in ("x", "1", 1.5, True, [1], {"v": 1}):
        r = alice.post(f"/disclosures/{draft['id']}/transitions/submit",
                       json={"version": version})
        err = assert_json_error(r, 422, "validation_failed")
        assert "version" in err["fields"], version
    assert ok(alice.get(f"/disclosures/{draft['id']}"))["state"] == "draft"


def test_bad_comment_or_data_on_transition_is_422(alice, legal, team):
    d = ok(alice.post("/disclosures", json=disclosure_payload((team.alice, 100))), 201)
    ok(alice.post(f"/disclosures/{d['id']}/transitions/submit"))
    ok(legal.post(f"/disclosures/{d['id']}/transitions/start_review"))
    for body, field in [({"comment": 5}, "comment"), ({"comment": ["why"]}, "comment"),
                        ({"comment": "x" * 5001}, "comment"),
                        ({"comment": "ok", "data": "trl=4"}, "data"),
                        ({"comment": "ok", "data": [1]}, "data"),
                        ({"comment": "ok", "data": {"x": 1}}, "x")]:
        r = legal.post(f"/disclosures/{d['id']}/transitions/request_revision", json=body)
        err = assert_json_error(r, 422, "validation_failed")
        assert field in err["fields"], body
    assert ok(legal.get(f"/disclosures/{d['id']}"))["state"] == "under_review"


def test_bad_assessment_data_is_422(alice, legal, team):
    d = ok(alice.post("/disclosures", json=disclosure_payload((team.alice, 100))), 201)
    ok(alice.post(f"/disclosures/{d['id']}/transitions/submit"))
    ok(legal.post(f"/disclosures/{d['id']}/transitions/start_review"))
    for field, value in [("trl", 4.5), ("trl", 10), ("trl", None), ("trl", ["4"]), ("trl", {"4": 1}),
                         ("recommendation", {"x": 1}), ("ownership", 1), ("mrl", "11"),
                         ("irl", "0"), ("crl", True)]:
        r = legal.post(f"/disclosures/{d['id']}/transitions/complete_assessment",
                       json={"data": {**ASSESSMENT, field: value}})
        err = assert_json_error(r, 422, "validation_failed")
        assert set(err["fields"]) == {field}, (field, value, err)
    assert ok(legal.get(f"/disclosures/{d['id']}"))["state"] == "under_review"


def test_bad_login_bodies_are_401_not_500(client):
    for body in [
    {"email": 5, "password": "x"}, {"email": ["a@b.c"], "password": "x"},
    {"email": "a@b.c", "password": 12345}, {"email": None, "password": None}, {},
    {"email": "a" * 10000 + "@example.org", "password": "p" * 10000},
    {"email": "a\x00@example.org", "password": "x\x00"}, {"email": "\ud800", "password": "x"}]:
        r = client.post("/api/v1/auth/token", json=body)
        assert_json_error(r, 401, "invalid_credentials")


def test_bad_signature_bodies_are_422(alice, legal, team):
    d = ok(alice.post("/disclosures", json=disclosure_payload((team.alice, 100))), 201)
    ok(alice.post(f"/disclosures/{d['id']}/transitions/submit"))
    ok(legal.post(f"/disclosures/{d['id']}/transitions/start_review"))
    ok(legal.post(f"/disclosures/{d['id']}/transitions/complete_assessment",
                  json={"data": ASSESSMENT}))
    doc = ok(legal.post(f"/disclosures/{d['id']}/transitions/decide_protect"))["documents"][0]
    for body, fields in [
            ({"typed_name": 5, "consent": True}, {"typed_name"}),
            ({"typed_name": "", "consent": True}, {"typed_name"}),
            ({"typed_name": "   ", "consent": True}, {"typed_name"}),
            ({"typed_name": "\x00\x01", "consent": True}, {"typed_name"}),
            ({"typed_name": "A" * 201, "consent": True}, {"typed_name"}),
            ({"typed_name": "Alice Inventor", "consent": "yes"}, {"consent"}),
            ({"typed_name": "Alice Inventor", "consent": 1}, {"consent"}),
            ({"typed_name": "Alice Inventor"}, {"consent"}), ({}, {"typed_name", "consent"})]:
        r = alice.post(f"/documents/{doc['id']}/signatures", json=body)
        err = assert_json_error(r, 422, "validation_failed")
        assert set(err["fields"]) == fields, (body, err)
    assert ok(alice.get(f"/documents/{doc['id']}"))["signatures"] == []


def test_bad_organization_patch_is_422(legal, team):
    for body in [{"signatory_user_id": "1"}, {"signatory_user_id": True},
                 {"signatory_user_id": 1.0}, {"signatory_user_id": 2 ** 70},
                 {"signatory_user_id": -1}, {"address": 5}, {"bin": ["1"]},
                 {"signatory_title": "x" * 501}]:
        r = legal.patch(f"/organizations/{team.org.id}", json=body)
        err = assert_json_error(r, 422, "validation_failed")
        assert set(err["fields"]) == set(body), (body, err)
    org = next(o for o in ok(legal.get("/organizations"))["items"] if o["id"] == team.org.id)
    assert org["signatory_user_id"] == team.legal.id and org["address"] == "1 Test Street, Astana"


# -- huge bodies --------------------------------------------------------------------------------
def _huge(team) -> bytes:
    body = disclosure_payload((team.alice, 100))
    body["abstract"] = "A" * (2 * 1024 * 1024 + 10)
    return json.dumps(body).encode()


@pytest.mark.parametrize(("method", "path"), [
    ("post", "/disclosures"), ("patch", "/disclosures/{id}"),
    ("post", "/disclosures/{id}/transitions/withdraw"), ("post", "/organizations")])
def test_huge_body_is_413_json(alice, admin, team, draft, method, path):
    who = admin if path == "/organizations" else alice
    r = raw(who, method, path.format(id=draft["id"]), _huge(team))
    err = assert_json_error(r, 413, "too_large")
    assert "large" in err["message"]
    after = ok(alice.get(f"/disclosures/{draft['id']}"))
    assert after["state"] == "draft" and after["abstract"] == draft["abstract"]
    assert ok(alice.get("/disclosures"))["total"] == 1


def test_huge_login_body_is_413_json(client):
    r = client.post("/api/v1/auth/token", data=b'{"email": "' + b"a" * (3 * 1024 * 1024) +
                    b'"}', content_type="application/json")
    assert_json_error(r, 413, "too_large")


def test_long_but_allowed_abstract_is_accepted(alice, team):
    body = disclosure_payload((team.alice, 100))
    body["abstract"] = "Ω" * 20000  # at the limit, 2-byte characters
    d = ok(alice.post("/disclosures", json=body), 201)
    assert len(d["abstract"]) == 20000
    body["abstract"] = "Ω" * 20001
    assert "abstract" in assert_json_error(alice.post("/disclosures", json=body), 422)["fields"]


# -- hostile text into documents ----------------------------------------------------------------
XML_SPECIAL = "R&D <Alpha> \"quotes\" & 'apos'"
JINJA = "{{ 7*7 }} {% for x in range(3) %}loop{% endfor %} {% for %} {{ config }} {#c#}"
CONTROL = "\x00\x01\x0b\ufffe\uffff\ud800"  # NUL, C0 controls, non-characters, a lone surrogate


def _docx_text(content: bytes) -> str:
    d = docx.Document(io.BytesIO(content))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    for section in d.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def _check_document(client, doc: dict, reg_number: str, *, expect: tuple[str, ...]) -> str:
    """Open the .docx, find each ``expect`` literally, and no trace of evaluation or controls."""
    r = client.get(f"/documents/{doc['id']}/content")
    assert r.status_code == 200
    content = r.data
    # a valid zip whose XML parts are well-formed (python-docx parses them)
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        assert z.testzip() is None
        xml = z.read("word/document.xml").decode("utf-8")
    text = _docx_text(content)
    for literal in expect:
        assert literal in text, (literal, doc["template"], text[:2000])
    assert not re.search(r"(?<!\d)49(?!\d)", text.replace(reg_number, "")), \
        "a user's {{ 7*7 }} was evaluated"
    assert "looploop" not in text, "a user's {% for %} loop was run"
    assert "<Config" not in text and "SECRET_KEY" not in text
    for ch in CONTROL:
        assert ch not in text and ch not in xml, repr(ch)
    if "R&D <Alpha>" in text:
        assert "&lt;Alpha&gt;" in xml and "R&amp;D" in xml
    return text


HOSTILE = (XML_SPECIAL, "{{ 7*7 }}", "{% for %}")


@pytest.mark.parametrize("where", ["title", "abstract"])
def test_hostile_text_in_disclosure_reaches_documents_literally(api, app, team, where):
    alice, bob, legal = api(team.alice), api(team.bob), api(team.legal)
    hostile = f"{XML_SPECIAL} {JINJA} end{CONTROL}"
    body = disclosure_payload((team.alice, 60), (team.bob, 40))
    body[where] = hostile
    body["field"] = f"Agro{CONTROL} {XML_SPECIAL}"
    body["keywords"] = ["{{ 7*7 }}", "R&D <Alpha>"]
    d = ok(alice.post("/disclosures", json=body), 201)
    did = d["id"]
    shown = ok(alice.get(f"/disclosures/{did}"))
    # the API keeps the text (control characters may be removed, nothing else changes)
    assert "{{ 7*7 }}" in shown[where] and XML_SPECIAL in shown[where]
    assert shown[where].endswith(" end")
    for ch in CONTROL:
        assert ch not in shown[where] and ch not in shown["field"], repr(ch)

    submit = ok(alice.post(f"/disclosures/{did}/transitions/submit"))
    reg = submit["record"]["reg_number"]
    _check_document(alice, submit["documents"][0], reg, expect=HOSTILE)

    ok(legal.post(f"/disclosures/{did}/transitions/start_review"))
    data = {**ASSESSMENT, "recommendation": f"Recommend {XML_SPECIAL} {JINJA}{CONTROL}"}
    r = ok(legal.post(f"/disclosures/{did}/transitions/complete_assessment",
                      json={"data": data, "comment": f"Note {XML_SPECIAL} {JINJA}{CONTROL}"}))
    report = _check_document(legal, r["documents"][0], reg,
                             expect=("Recommend R&D <Alpha>", *HOSTILE))
    assert "Technology validated in lab" in report

    r = ok(legal.post(f"/disclosures/{did}/transitions/decide_protect"))
    agreement = r["documents"][0]
    _check_document(legal, agreement, reg, expect=HOSTILE if where == "title" else ())

    # a typed name must be the signer's own: give them hostile registered names
    with app.app_context(), unit_of_work():
        db.session.get(User, team.alice.id).name = f"Alice {XML_SPECIAL} {{{{ 7*7 }}}}"
        db.session.get(User, team.bob.id).name = "Bob {% for %}"
    sig = ok(alice.post(f"/documents/{agreement['id']}/signatures", json={
        "typed_name": f"Alice {XML_SPECIAL} {{{{ 7*7 }}}}{CONTROL}", "consent": True}), 201)
    assert sig["typed_name"].startswith("Alice R&D <Alpha>")
    assert "{{ 7*7 }}" in sig["typed_name"]
    assert not any(ch in sig["typed_name"] for ch in CONTROL)
    ok(bob.post(f"/documents/{agreement['id']}/signatures",
                json={"typed_name": "Bob {% for %}", "consent": True}), 201)
    ok(legal.post(f"/documents/{agreement['id']}/signatures",  # for the organisation
                  json={"typed_name": team.legal.name, "consent": True}), 201)
    assert ok(alice.get(f"/disclosures/{did}"))["state"] == "protected"

    r = ok(legal.post(f"/disclosures/{did}/transitions/file_patent", json={"data": {
        "office": f"Office {XML_SPECIAL}", "application_number": "{{ 7*7 }}",
        "filing_date": dt.date.today().isoformat()}}))
    _check_document(legal, r["documents"][0], reg, expect=("Office R&D <Alpha>", "{{ 7*7 }}"))

    events = ok(legal.get(f"/disclosures/{did}/events"))
    assert [e["trigger"] for e in events][:3] == ["submit", "start_review",
                                                   "complete_assessment"]
    assert "{{ 7*7 }}" in events[2]["comment"]


@pytest.mark.parametrize("trigger", ["decide_trade_secret", "decide_release"])
def test_hostile_comment_in_decision_documents(api, team, trigger):
    alice, legal = api(team.alice), api(team.legal)
    d = ok(alice.post("/disclosures", json=disclosure_payload(
        (team.alice, 100), title=f"{XML_SPECIAL} {JINJA}")), 201)
    reg = ok(alice.post(f"/disclosures/{d['id']}/transitions/submit"))["record"]["reg_number"]
    ok(legal.post(f"/disclosures/{d['id']}/transitions/start_review"))
    ok(legal.post(f"/disclosures/{d['id']}/transitions/complete_assessment",
                  json={"data": ASSESSMENT}))
    r = ok(legal.post(f"/disclosures/{d['id']}/transitions/{trigger}",
                      json={"comment": f"Because {XML_SPECIAL} {JINJA}{CONTROL}"}))
    _check_document(legal, r["documents"][0], reg, expect=HOSTILE)


def test_filename_of_hostile_title_is_safe(api, team):
    alice = api(team.alice)
    d = ok(alice.post("/disclosures", json=disclosure_payload(
        (team.alice, 100), title='Файл "quoted" <a>/..\\b\r\nX-Injected: 1')), 201)
    doc = ok(alice.post(f"/disclosures/{d['id']}/transitions/submit"))["documents"][0]
    r = alice.get(f"/documents/{doc['id']}/content")
    assert r.status_code == 200
    disposition = r.headers["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert "X-Injected" not in r.headers
    assert "/" not in doc["filename"] and "\\" not in doc["filename"]


# -- unknown paths and ids ----------------------------------------------------------------------
@pytest.mark.parametrize(("method", "path"), [
    ("get", "/widgets"), ("post", "/widgets"), ("get", "/widgets/1"),
    ("get", "/widgets/1/transitions"), ("post", "/widgets/1/transitions/submit"),
    ("get", "/widgets/1/events"), ("get", "/widgets/1/documents"),
    ("patch", "/widgets/1"), ("get", "/no/such/path"), ("get", "/"),
])
def test_unknown_collection_or_path_is_404_json(alice, method, path):
    r = getattr(alice, method)(path, json={})
    assert_json_error(r, 404, "not_found")


def test_unknown_trigger_is_404_json(alice, draft):
    for trigger in ("launch", "SUBMIT", "submit%20", "__init__", "to_draft", "may_submit",
                    "trigger", "complete_assignment_"):
        r = alice.post(f"/disclosures/{draft['id']}/transitions/{trigger}", json={})
        err = assert_json_error(r, 404)
        assert err["code"] in ("unknown_trigger", "not_found")
    err = assert_json_error(alice.post(f"/disclosures/{draft['id']}/transitions/launch"), 404,
                            "unknown_trigger")
    assert "launch" in err["message"]
    assert ok(alice.get(f"/disclosures/{draft['id']}"))["state"] == "draft"


def test_system_trigger_through_the_api_is_refused(alice, draft):
    r = alice.post(f"/disclosures/{draft['id']}/transitions/complete_assignment", json={})
    assert_json_error(r, 409, "transition_not_allowed")


BAD_IDS = ["abc", "1.5", "-1", "0x10", "1e3", "%20", "None", "null", "true", "1;DROP",
           "99999999999999999999999", "9223372036854775808", "2147483648", "0"]


def test_non_integer_or_out_of_range_ids_are_404(alice, draft):
    for bad in BAD_IDS:
        for method, path in [
                ("get", f"/disclosures/{bad}"), ("patch", f"/disclosures/{bad}"),
                ("get", f"/disclosures/{bad}/transitions"),
                ("post", f"/disclosures/{bad}/transitions/submit"),
                ("get", f"/disclosures/{bad}/events"),
                ("get", f"/disclosures/{bad}/documents"),
                ("get", f"/documents/{bad}"), ("get", f"/documents/{bad}/content"),
                ("post", f"/documents/{bad}/signatures"),
                ("patch", f"/organizations/{bad}")]:
            r = getattr(alice, method)(path, json={"version": 1})
            assert_json_error(r, 404)
    assert ok(alice.get(f"/disclosures/{draft['id']}"))["state"] == "draft"


def test_odd_query_strings_never_500(alice, draft):
    for args in ["page=99999999999999999999999", "per_page=-1e9", "state=%00", "q=%00",
                 "q=" + "x" * 5000, "q=%27%3B--", "state[]=a", "page=%F0%9F%98%80",
                 "q=%FF%FE", "state=" + "s" * 1000]:
        r = alice.get(f"/disclosures?{args}")
        assert r.status_code < 500, (args, r.data[:500])
        if r.status_code == 200:
            assert set(r.get_json()) == {"items", "total", "page", "per_page"}
        else:
            assert_json_error(r, 422)


def test_wrong_method_is_405_json(alice, draft):
    r = alice.client.delete(f"/api/v1/disclosures/{draft['id']}", headers=alice.headers)
    assert_json_error(r, 405, "method_not_allowed")
    r = alice.client.put("/api/v1/disclosures", headers=alice.headers, json={})
    assert_json_error(r, 405)


def test_unauthenticated_bad_input_is_401_not_400_or_500(client):
    r = client.post("/api/v1/disclosures", data=b"{", content_type="application/json")
    assert r.status_code in (400, 401)
    assert_json_error(r)
    assert_json_error(client.get("/api/v1/disclosures/abc"), 404)
