"""Contract documents: templates, rendering, hostile text, storage, downloads and signatures."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from consortium.documents import rendering
from consortium.documents.context import long_date
from consortium.documents.rendering import TEMPLATE_DIR, jinja_env, manifest
from tests.helpers import (
    ASSESSMENT,
    BRANCH,
    CONSORTIUM_STEPS,
    FILING,
    LICENCE_STEPS,
    TITLE,
    ConsortiumJourney,
    Journey,
    LicenceJourney,
)

#: every nasty thing a user could type: markup, template code, characters XML cannot hold,
#: emoji, a right-to-left mark and Kazakh Cyrillic
HOSTILE = "R&D <Alpha> {{ 7*7 }} a\x01b\x0bc 🧪🚀 \u200f Қазақстан"
HOSTILE_CLEAN = "R&D <Alpha> {{ 7*7 }} abc 🧪🚀 \u200f Қазақстан"

def test_every_manifest_template_has_a_path_in_these_tests():
    assert set(manifest()) == set(BRANCH) | set(CONSORTIUM_STEPS) | set(LICENCE_STEPS)


def test_every_document_a_workflow_issues_is_in_the_manifest():
    from workflows import WORKFLOWS
    issued = {t.document for w in WORKFLOWS for t in w.transitions if t.document}
    assert issued <= set(manifest())


# -- helpers ------------------------------------------------------------------------------------
def docx_text(content: bytes) -> str:
    """The text of every paragraph of the body, tables, headers and footers of a .docx."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = sorted(n for n in z.namelist()
                       if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n))
        for name in names:
            root = parse_xml(z.read(name))
            parts.extend(Paragraph(p, None).text for p in root.iter(qn("w:p")))
    return "\n".join(parts)


def assert_valid_docx(content: bytes) -> docx.document.Document:
    """python-docx opens it and every XML part of the package is well-formed."""
    opened = docx.Document(io.BytesIO(content))
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))
    return opened


@pytest.fixture
def producer(api, team, make_org, make_user):
    """produce(template, hostile=False) -> (record, doc, bytes, record title, org name)."""
    def produce(template, hostile=False):
        if template in LICENCE_STEPS:
            if hostile:
                j = LicenceJourney(api, make_org, make_user, title=HOSTILE,
                                   lead_name=HOSTILE + " University", comment=HOSTILE)
                return (*j.produce(template), HOSTILE_CLEAN, HOSTILE_CLEAN + " University")
            j = LicenceJourney(api, make_org, make_user)
            return (*j.produce(template), TITLE, j.org.name)
        if template not in BRANCH and template not in CONSORTIUM_STEPS:
            # test_every_manifest_template_has_a_path_in_these_tests fails for it, once
            pytest.skip(f"no journey in these tests produces {template} yet")
        if template in BRANCH:
            if hostile:
                org = make_org(HOSTILE + " University")
                t = type("T", (), {
                    "org": org, "alice": make_user("researcher", org, "Alice " + HOSTILE),
                    "bob": make_user("researcher", org, "Bob Coinventor"),
                    "legal": make_user("legal", org, "Lena Legal")})
                j = Journey(api, t, title=HOSTILE, comment=HOSTILE,
                            recommendation=HOSTILE + "\nSecond line " + HOSTILE)
                return (*j.produce(template), HOSTILE_CLEAN, HOSTILE_CLEAN + " University")
            return (*Journey(api, team).produce(template), TITLE, team.org.name)
        if hostile:
            j = ConsortiumJourney(api, make_org, make_user, name=HOSTILE,
                                  lead_name=HOSTILE + " University", comment=HOSTILE)
            return (*j.produce(template), HOSTILE_CLEAN, HOSTILE_CLEAN + " University")
        j = ConsortiumJourney(api, make_org, make_user)
        return (*j.produce(template), j.name, j.lead_org.name)
    return produce


# -- templates and their declared variables -----------------------------------------------------
@pytest.mark.parametrize("name", sorted(manifest()))
def test_manifest_variables_are_exactly_what_the_template_uses(name):
    info = manifest()[name]
    assert (TEMPLATE_DIR / info["file"]).is_file()
    assert info["title"] and info["code"] and info["version"]
    tpl = DocxTemplate(TEMPLATE_DIR / info["file"])
    undeclared = tpl.get_undeclared_template_variables(jinja_env())
    assert sorted(undeclared) == sorted(info["variables"])


def test_manifest_codes_are_unique():
    codes = [info["code"] for info in manifest().values()]
    assert len(codes) == len(set(codes))


# -- rendering with a realistic context ---------------------------------------------------------
@pytest.mark.parametrize("name", sorted(manifest()))
def test_each_template_renders_a_real_record(producer, name):
    record, doc, content, title, org_name = producer(name)
    assert_valid_docx(content)
    text = docx_text(content)
    assert title in text
    assert doc["number"] in text
    assert doc["number"].startswith(record["reg_number"] + "/" + manifest()[name]["code"])
    assert org_name in text
    # docxtpl left no template syntax behind
    assert "{{" not in text and "{%" not in text
    assert doc["template_version"] == manifest()[name]["version"]
    assert doc["title"].startswith(manifest()[name]["title"])


def test_inventors_and_shares_are_printed(api, team):
    _record, _doc, content = Journey(api, team).produce("invention_assignment_agreement")
    text = docx_text(content)
    assert "Alice Inventor" in text and "Bob Coinventor" in text
    assert "60" in text and "40" in text


def test_assessment_report_prints_the_readiness_wording(api, team):
    _record, _doc, content = Journey(api, team).produce("ip_assessment_report")
    text = docx_text(content)
    assert "Technology validated in lab" in text  # TRL 4
    assert ASSESSMENT["recommendation"] in text


def test_patent_filing_record_prints_the_filing(api, team):
    _record, _doc, content = Journey(api, team).produce("patent_filing_record")
    text = docx_text(content)
    assert FILING["application_number"] in text
    assert FILING["office"] in text
    assert long_date(dt.date.fromisoformat(FILING["filing_date"])) in text


def test_missing_context_variable_is_an_error_not_an_empty_blank():
    with pytest.raises(UndefinedError):
        rendering.render("invention_disclosure_record", {"doc": {"number": "X"}})


# -- hostile text -------------------------------------------------------------------------------
@pytest.fixture
def hostile_team(make_org, make_user):
    org = make_org(HOSTILE + " University")
    return type("T", (), {"org": org,
                          "alice": make_user("researcher", org, "Alice " + HOSTILE),
                          "bob": make_user("researcher", org, "Bob Coinventor"),
                          "legal": make_user("legal", org, "Lena Legal")})


@pytest.mark.parametrize("name", sorted(manifest()))
def test_hostile_text_is_printed_literally_and_never_evaluated(producer, name):
    _record, _doc, content, title, org_name = producer(name, hostile=True)
    assert_valid_docx(content)
    text = docx_text(content)
    assert title == HOSTILE_CLEAN and title in text
    assert org_name in text
    assert "R&D <Alpha> 49" not in text
    assert "\x01" not in text and "\x0b" not in text
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "R&amp;D &lt;Alpha&gt; {{ 7*7 }}" in xml
    assert "<Alpha>" not in xml
    assert "Қазақстан" in xml and "🧪🚀" in xml and "\u200f" in xml


def test_hostile_recommendation_keeps_its_line_break(api, hostile_team):
    journey = Journey(api, hostile_team, recommendation=HOSTILE + "\nSecond line")
    _record, _doc, content = journey.produce("ip_assessment_report")
    text = docx_text(content)
    assert HOSTILE_CLEAN + "\nSecond line" in text


def test_hostile_values_rendered_directly_are_escaped():
    """The renderer itself, without the service: a value can never become template code."""
    context = _direct_context(HOSTILE)
    content = rendering.render("invention_disclosure_record", context)
    assert_valid_docx(content)
    text = docx_text(content)
    assert HOSTILE_CLEAN in text and "R&D <Alpha> 49" not in text


def test_clean_removes_only_what_xml_cannot_hold():
    from consortium.documents.context import clean
    keep = "tab\tnew\nline\rcr é Қ 🧪 \u200f\u00a0"
    assert clean(keep) == keep
    assert clean("a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh\uffff") == "abcdefgh"
    assert clean({"x": ["\x01y", ("z\x0b",)]}) == {"x": ["y", ["z"]]}


# -- the rendering environment ------------------------------------------------------------------
def test_environment_is_sandboxed_autoescaping_and_strict():
    env = jinja_env()
    assert isinstance(env, SandboxedEnvironment)
    assert env.autoescape is True or (callable(env.autoescape) and env.autoescape("x.xml"))
    assert env.undefined is StrictUndefined
    assert env.from_string("{{ v }}").render(v="<a href='x'>&") == \
        "&lt;a href=&#39;x&#39;&gt;&amp;"
    # a value is data: rendering it never evaluates what it contains
    assert env.from_string("{{ v }}").render(v="{{ 7*7 }}") == "{{ 7*7 }}"
    with pytest.raises(UndefinedError):
        env.from_string("{{ nothing_here }}").render()
    with pytest.raises(UndefinedError):
        env.from_string("{{ d.missing }}").render(d={})
    # the sandbox: no way from a value to Python internals
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__ }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ f.__globals__ }}").render(f=lambda: 1)
    with pytest.raises(SecurityError):
        env.from_string("{{ '{0.__class__}'.format(v) }}").render(v="")


def _direct_context(title: str) -> dict:
    from consortium.documents.context import clean
    return clean({
        "disclosure": {k: title for k in (
            "reg_number", "title", "abstract", "background", "novelty", "field", "keywords",
            "funding_source", "grant_numbers", "conception_date", "reduction_to_practice_date",
            "public_disclosure_date", "public_disclosure_details", "novelty_deadline",
            "interested_partners", "consortium_name", "submitted_at", "state")},
        "inventors": [{"position": "1", "name": title, "email": "a@example.org",
                       "organization": title, "share": "100", "has_account": "yes",
                       "iin": ""}],
        "org": {k: title for k in ("name", "kind", "country", "bin", "address",
                                   "signatory_name", "signatory_title")},
        "actor": {k: title for k in ("name", "title", "organization", "email")},
        "doc": {"number": "ID-1/IDR-1", "title": "t", "date": "1 January 2026",
                "sequence": "1", "template_version": "1.0"},
    })


def test_rendering_in_parallel_threads_keeps_each_documents_own_text():
    """The environment and compiled templates are shared: no thread sees another's values."""
    import threading
    assert jinja_env() is jinja_env()
    titles = [f"Invention number {n} Қ" for n in range(6)]
    out: dict[str, bytes] = {}
    barrier = threading.Barrier(len(titles))

    def work(title):
        barrier.wait()
        out[title] = rendering.render("invention_disclosure_record", _direct_context(title))
    threads = [threading.Thread(target=work, args=(t,)) for t in titles]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for title in titles:
        text = docx_text(out[title])
        assert title in text
        assert not [other for other in titles if other != title and other in text]


# -- storage ------------------------------------------------------------------------------------
def test_storage_is_content_addressed(app, api, team):
    _record, doc, content = Journey(api, team).produce("invention_disclosure_record")
    sha = doc["sha256"]
    path = Path(app.config["STORAGE_DIR"]) / sha[:2] / sha
    assert path.is_file()
    on_disk = path.read_bytes()
    assert hashlib.sha256(on_disk).hexdigest() == sha
    assert len(on_disk) == doc["size"]
    assert on_disk == content
    assert hashlib.sha256(content).hexdigest() == sha
    # nothing but documents and their two-letter folders in the store
    files = [p for p in Path(app.config["STORAGE_DIR"]).rglob("*") if p.is_file()]
    assert all(p.name == hashlib.sha256(p.read_bytes()).hexdigest() and p.parent.name ==
               p.name[:2] for p in files)
    assert not [p for p in files if p.name.startswith(".tmp-")]


def test_storage_put_is_idempotent_and_refuses_bad_names(tmp_path):
    from consortium.documents.storage import Storage
    s = Storage(tmp_path)
    sha = s.put(b"hello")
    assert sha == hashlib.sha256(b"hello").hexdigest()
    assert s.put(b"hello") == sha
    assert s.get(sha) == b"hello" and s.exists(sha)
    assert s.digest_of_stored(sha) == sha
    assert s.digest_of_stored("0" * 64) is None
    for bad in ("../../etc/passwd", "A" * 64, "abc", "g" * 64):
        with pytest.raises(ValueError):
            s.path(bad)


def test_storage_put_later_shows_a_file_only_once_it_is_on_disk(tmp_path):
    import threading

    from consortium.documents import storage as store_mod
    from consortium.documents.storage import Storage
    s = Storage(tmp_path)
    gate = threading.Event()
    real_write = store_mod._write

    def held_write(target, data):  # the disk's flush, held until the test lets it go
        gate.wait(10)
        real_write(target, data)
    store_mod._write = held_write
    try:
        sha, pending = s.put_later(b"contract text")
        assert pending is not None and not pending.done()
        assert not s.path(sha).exists()  # nothing partial under its name
        assert s.put_later(b"contract text") == (sha, pending)  # the same write, once
        reader = threading.Thread(target=lambda: results.append(s.get(sha)))
        results: list[bytes] = []
        reader.start()
        reader.join(0.2)
        assert reader.is_alive() and not results  # get() waits for the write
        gate.set()
        reader.join(10)
        assert results == [b"contract text"] and pending.done()
    finally:
        store_mod._write = real_write
    assert s.put_later(b"contract text") == (sha, None)  # there already
    assert not [p for p in tmp_path.rglob(".tmp-*")]


def test_a_document_that_cannot_be_stored_commits_nothing(app, api, team):
    """The commit waits for the document's file: a failed write fails the transition and
    leaves the record as it was, with no document row naming a missing file."""
    from consortium.documents import storage as store_mod
    from consortium.documents.models import Document
    from consortium.extensions import db
    journey = Journey(api, team)
    real_write = store_mod._write

    def failing_write(target, data):
        raise OSError(28, "No space left on device")
    store_mod._write = failing_write
    try:
        with pytest.raises(OSError):
            journey.alice.post(f"/disclosures/{journey.id}/transitions/submit", json={})
    finally:
        store_mod._write = real_write
    with app.app_context():
        assert db.session.query(Document).filter_by(record_id=journey.id).count() == 0
    assert journey.alice.get(f"/disclosures/{journey.id}").get_json()["state"] == "draft"
    journey.fire(journey.alice, "submit")  # once the disk takes it again, it goes through


def test_every_document_row_matches_its_file(app, api, team):
    Journey(api, team).to("patent_filing_record")
    from consortium.documents.models import Document
    from consortium.documents.services import storage
    from consortium.extensions import db
    with app.app_context():
        docs = db.session.query(Document).all()
        assert len(docs) == 4
        for d in docs:
            data = storage().get(d.sha256)
            assert hashlib.sha256(data).hexdigest() == d.sha256 and len(data) == d.size
            assert d.event_id is not None


# -- downloads ----------------------------------------------------------------------------------
def _disposition_name(header: str) -> str:
    m = re.search(r"filename\*=UTF-8''([^;\s]+)", header)
    assert m, header
    return unquote(m.group(1), encoding="utf-8", errors="strict")


def _set_filename(app, doc_id, filename):
    from sqlalchemy import text

    from consortium.extensions import db
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(text("UPDATE documents SET filename = :f WHERE id = :i"),
                      {"f": filename, "i": doc_id})


CYRILLIC_NAME = "Договор об уступке — Қазақстан №5.docx"


def test_api_download_sends_an_rfc5987_filename(app, api, team):
    _record, doc, _content = Journey(api, team).produce("invention_disclosure_record")
    r = api(team.alice).get(f"/documents/{doc['id']}/content")
    assert r.status_code == 200
    assert r.mimetype == ("application/vnd.openxmlformats-officedocument."
                          "wordprocessingml.document")
    assert r.headers["X-Content-SHA256"] == doc["sha256"]
    cd = r.headers["Content-Disposition"]
    assert cd.startswith("attachment;")
    assert _disposition_name(cd) == doc["filename"]
    assert doc["filename"].endswith(".docx") and "/" not in doc["filename"]

    _set_filename(app, doc["id"], CYRILLIC_NAME)
    r = api(team.alice).get(f"/documents/{doc['id']}/content")
    cd = r.headers["Content-Disposition"]
    cd.encode("latin-1")  # a header must be sendable as it is
    assert _disposition_name(cd) == CYRILLIC_NAME
    fallback = re.search(r'filename="([^"]*)"', cd).group(1)
    assert fallback.isascii()
    assert hashlib.sha256(r.data).hexdigest() == doc["sha256"]


def test_display_filename_keeps_letters_and_drops_path_characters():
    from consortium.documents.services import display_filename
    assert display_filename("Договор Қазақстан") == "Договор Қазақстан.docx"
    name = display_filename('a/b\\c:d*e?f"g<h>i|j\x01k')
    assert not set('/\\:*?"<>|\x01') & set(name)
    assert display_filename("///") == "document.docx"
    assert len(display_filename("x" * 1000)) <= 185


def test_web_download_sends_the_same_file_and_name(app, api, team, login_as):
    _record, doc, content = Journey(api, team).produce("invention_disclosure_record")
    _set_filename(app, doc["id"], CYRILLIC_NAME)
    client = login_as(team.alice)
    r = client.get(f"/documents/{doc['id']}/download")
    assert r.status_code == 200
    assert r.data == content
    assert _disposition_name(r.headers["Content-Disposition"]) == CYRILLIC_NAME


def test_download_of_an_invisible_document_is_404(api, team, login_as):
    _record, doc, _content = Journey(api, team).produce("invention_disclosure_record")
    r = api(team.outsider).get(f"/documents/{doc['id']}/content")
    assert r.status_code == 404
    assert r.get_json()["error"]["code"] == "not_found"
    r = api(team.outsider_legal).get(f"/documents/{doc['id']}")
    assert r.status_code == 404
    r = api(team.alice).get("/documents/999999999/content")
    assert r.status_code == 404
    client = login_as(team.outsider)
    r = client.get(f"/documents/{doc['id']}/download")
    assert r.status_code == 404 and r.mimetype == "text/html"


def test_pdf_where_libreoffice_is_installed_else_a_clear_404(api, team, monkeypatch):
    from consortium.documents import pdf
    _record, doc, _content = Journey(api, team).produce("invention_disclosure_record")
    if pdf.available():
        r = api(team.alice).get(f"/documents/{doc['id']}/content?format=pdf")
        assert r.status_code == 200 and r.mimetype == "application/pdf"
        assert r.data.startswith(b"%PDF")
        again = api(team.alice).get(f"/documents/{doc['id']}/content?format=pdf")
        assert again.data == r.data  # served from the cache by hash
    monkeypatch.setattr(pdf, "converter", lambda command=None: None)
    r = api(team.alice).get(f"/documents/{doc['id']}/content?format=pdf")
    assert r.status_code == 404
    assert r.is_json
    err = r.get_json()["error"]
    assert err["code"] == "not_found"
    assert "PDF" in err["message"] or "LibreOffice" in err["message"]
    assert "docx" in err["message"]


# -- signatures ---------------------------------------------------------------------------------
def test_signature_records_who_what_where_and_the_hash(api, team):
    from consortium.documents.services import CONSENT_TEXT
    journey = Journey(api, team)
    body = journey.to("invention_assignment_agreement")
    [agreement] = body["documents"]
    r = journey.alice.post(
        f"/documents/{agreement['id']}/signatures",
        json={"typed_name": "  Alice Inventor  ", "consent": True},
        headers={"User-Agent": "Mozilla/5.0 (Қазақ test browser)"},
        environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert r.status_code == 201, r.get_json()
    sig = r.get_json()
    assert sig["typed_name"] == "Alice Inventor"
    assert sig["consent_text"] == CONSENT_TEXT
    assert sig["ip"] == "203.0.113.7"
    assert sig["user_agent"] == "Mozilla/5.0 (Қазақ test browser)"
    assert sig["document_sha256"] == agreement["sha256"]
    assert sig["signer_id"] == team.alice.id
    assert sig["organization_id"] == team.org.id
    assert sig["signed_at"].endswith("+00:00")

    shown = journey.legal.get(f"/documents/{agreement['id']}").get_json()
    assert [s["id"] for s in shown["signatures"]] == [sig["id"]]
    assert shown["signatures"][0]["ip"] == "203.0.113.7"
    assert shown["pending_signers"] == [team.legal.id, team.bob.id]  # the organisation, Bob
    # the audit log holds the signature too, bound to the same hash
    events = journey.legal.get(f"/disclosures/{journey.id}/events").get_json()
    assert events[-1]["trigger"] == "sign"
    assert events[-1]["actor_id"] == team.alice.id
    assert events[-1]["data"]["document_sha256"] == agreement["sha256"]
    assert events[-1]["data"]["typed_name"] == "Alice Inventor"


@pytest.mark.parametrize("body, field", [
    ({"typed_name": "Alice Inventor", "consent": False}, "consent"),
    ({"typed_name": "Alice Inventor", "consent": "yes"}, "consent"),
    ({"typed_name": "Alice Inventor"}, "consent"),
    ({"typed_name": "   ", "consent": True}, "typed_name"),
    ({"typed_name": "\x01\x0b", "consent": True}, "typed_name"),
    ({"typed_name": 42, "consent": True}, "typed_name"),
    ({"typed_name": "x" * 201, "consent": True}, "typed_name"),
])
def test_a_signature_needs_a_name_and_explicit_consent(api, team, body, field):
    journey = Journey(api, team)
    [agreement] = journey.to("invention_assignment_agreement")["documents"]
    r = journey.alice.post(f"/documents/{agreement['id']}/signatures", json=body)
    assert r.status_code == 422, r.get_json()
    assert field in r.get_json()["error"]["fields"]
    assert journey.alice.get(f"/documents/{agreement['id']}").get_json()["signatures"] == []


def test_only_required_signers_sign_and_only_once(api, team, make_user):
    journey = Journey(api, team)
    [agreement] = journey.to("invention_assignment_agreement")["documents"]
    url = f"/documents/{agreement['id']}/signatures"
    ok = {"typed_name": team.alice.name, "consent": True}
    # legal staff who see the record but are not its organisation's signatory
    second = make_user("legal", team.org, "Lev Secondlegal")
    assert api(second).post(url, json={"typed_name": second.name,
                                       "consent": True}).status_code == 403
    assert api(team.outsider).post(url, json=ok).status_code == 404
    assert journey.alice.post(url, json=ok).status_code == 201
    r = journey.alice.post(url, json=ok)
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "already_signed"


def test_a_document_without_signers_cannot_be_signed(api, team):
    journey = Journey(api, team)
    [receipt] = journey.to("invention_disclosure_record")["documents"]
    r = journey.alice.post(f"/documents/{receipt['id']}/signatures",
                           json={"typed_name": "Alice Inventor", "consent": True})
    assert r.status_code == 403


def _new_version_of(app, record_id, template, trigger):
    """Issue a newer version of ``template`` on the record, as the engine would."""
    from consortium.auth.models import User
    from consortium.db import unit_of_work
    from consortium.disclosures.services import RECORD
    from consortium.extensions import db
    from consortium.workflow import AppPorts
    from workflows import TransitionInput, engine
    with app.app_context(), unit_of_work():
        record = db.session.get(RECORD.model, record_id)
        t = engine.workflow("disclosure").transition(trigger)
        legal = db.session.scalar(db.select(User).where(User.role == "legal",
                                                        User.organization_id ==
                                                        record.organization_id))
        import datetime as dt
        doc = AppPorts(RECORD).render_document(
            record, t, TransitionInput(comment=None, data={}, now=dt.datetime.now(dt.UTC)),
            legal, record.signer_ids("inventors"))
        return doc.id, doc.sequence


def test_a_superseded_document_cannot_be_signed(app, api, team):
    journey = Journey(api, team)
    [old] = journey.to("invention_assignment_agreement")["documents"]
    new_id, sequence = _new_version_of(app, journey.id, "invention_assignment_agreement",
                                       "decide_protect")
    assert sequence == 2
    assert journey.alice.get(f"/documents/{old['id']}").get_json()["superseded"] is True
    new = journey.alice.get(f"/documents/{new_id}").get_json()
    assert new["superseded"] is False and new["number"].endswith("-2")
    r = journey.alice.post(f"/documents/{old['id']}/signatures",
                           json={"typed_name": "Alice Inventor", "consent": True})
    assert r.status_code == 409
    assert r.get_json()["error"]["code"] == "superseded"
    r = journey.alice.post(f"/documents/{new_id}/signatures",
                           json={"typed_name": "Alice Inventor", "consent": True})
    assert r.status_code == 201


def test_resubmission_supersedes_the_earlier_receipt(api, team):
    journey = Journey(api, team)
    [first] = journey.fire(journey.alice, "submit")["documents"]
    journey.fire(journey.legal, "start_review")
    journey.fire(journey.legal, "request_revision", comment="Add the test data.")
    [second] = journey.fire(journey.alice, "resubmit")["documents"]
    assert second["template"] == first["template"] == "invention_disclosure_record"
    assert second["id"] != first["id"]
    assert second["number"].endswith("IDR-2") and first["number"].endswith("IDR-1")
    docs = journey.alice.get(f"/disclosures/{journey.id}/documents").get_json()
    assert [(d["id"], d["superseded"]) for d in docs] == [(second["id"], False),
                                                           (first["id"], True)]


