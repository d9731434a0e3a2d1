"""The one validator of contract templates: the shipped defaults pass it, each rule has a
template that breaks it and is refused naming that rule, hostile archives are refused before
parsing, the command line says OK or each rule, and the manifest's hashes are the files'."""
from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import zipfile

import pytest

from consortium.documents import rendering
from consortium.templates_admin import archive, check, samples
from tests.template_edits import default_bytes, edit, paragraph, rezip, with_paragraph_after

TEMPLATES = sorted(rendering.manifest())
LA = "license_agreement"


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def rules(problems) -> set[str]:
    return {p.rule for p in problems}


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_shipped_default_passes_the_check(ctx, name):
    problems = check.check(default_bytes(name), name)
    assert problems == [], "\n".join(map(str, problems))


def test_templates_issued_outside_transitions_are_checked_too(ctx):
    """The minutes of a decision and the application to register a licence have sample
    contexts from the code that issues them, with every variant of the minutes."""
    from workflows.definition import ISSUED_OUTSIDE_TRANSITIONS
    assert set(ISSUED_OUTSIDE_TRANSITIONS) <= set(samples.OUTSIDE_TRANSITIONS)
    assert all(samples.workflow_of(n) for n in TEMPLATES)
    assert samples.workflow_of("general_assembly_minutes") == "consortium"
    assert samples.workflow_of("license_registration_application") == "license"
    assert {"decision", "consortium", "doc"} <= samples.provided_names(
        "general_assembly_minutes")
    assert "filings" in samples.provided_names("license_registration_application")
    variants = {s.variant for s in samples.contexts("general_assembly_minutes")}
    assert "voting_rule=majority, status=vetoed" in variants
    assert "voting_rule=unanimity, status=rejected" in variants
    # the chair signs the minutes: one block, checked like a transition's signers
    assert check.signer_parties("general_assembly_minutes") == ("lead",)
    GAM = "general_assembly_minutes"
    broken = edit(GAM, "{{ decision.motion }}", "{{ decision.secret }}")
    assert "variables" in rules(check.check(broken, GAM))


def test_samples_come_from_the_apps_context_code(ctx):
    """The names a template may use are what the workflow's context code returns."""
    names = samples.provided_names("license_agreement")
    assert {"license", "licensor", "licensee", "asset", "doc", "actor", "signers",
            "comment", "org"} <= names
    labels = [s.label for s in samples.contexts("consortium_agreement")]
    assert len(labels) == 2 + 4 * 3  # full, minimal, every IP regime with every voting rule
    # a licence agreement is issued for the two licence types (an option has its own)
    assert len(samples.contexts("license_agreement")) == 2 + 2 * 2
    assert len(samples.contexts("term_sheet")) == 2 + 3 * 2


SPLIT = '{{ doc.</w:t></w:r><w:r><w:t xml:space="preserve">number }}'
BROKEN = {
    "split_tag": lambda: edit(LA, "{{ doc.number }}", SPLIT),
    "curly_quotes": lambda: edit(LA, "{{ doc.number }}", "{{ doc.number|replace(“/”, “-”) }}"),
    "syntax": lambda: edit(LA, "{{ doc.number }}", "{% if doc.number %}{{ doc.number }}"),
    "sandbox": lambda: edit(LA, "{{ doc.number }}", "{{ ''.__class__ }}"),
    "sandbox-import": lambda: edit(LA, "{{ doc.number }}", "{% import 'base.html' as b %}"),
    "sandbox-include": lambda: edit(LA, "{{ doc.number }}", "{% include 'base.html' %}"),
    "sandbox-call": lambda: edit(LA, "{{ doc.number }}", "{{ doc.number.encode() }}"),
    "sandbox-private": lambda: edit(LA, "{{ doc.number }}", "{{ licensor._sa_instance_state }}"),
    "unknown_filter": lambda: edit(LA, "{{ doc.number }}", "{{ doc.number|shell }}"),
    "variables": lambda: edit(LA, "{{ doc.number }}", "{{ secret_key }}"),
    "variables-key": lambda: edit(LA, "{{ doc.number }}", "{{ license.secret_clause }}"),
    "render": lambda: edit(LA, "{{ doc.number }}", "{{ (doc.sequence|int) // 0 }}"),
    "leak": lambda: with_paragraph_after(LA, "This Agreement may be signed electronically",
                                         paragraph("TODO: agree the bank details")),
    "leak-insert": lambda: with_paragraph_after(
        LA, "This Agreement may be signed electronically",
        paragraph("The bank account is [insert account number].")),
    "leak-none": lambda: with_paragraph_after(
        LA, "This Agreement may be signed electronically", paragraph("Account: None")),
    "numbering": lambda: edit(LA, "<w:t>2.5</w:t>", "<w:t>2.7</w:t>"),
    "branch_clauses": lambda: with_paragraph_after(
        LA, "This Agreement may be signed electronically",
        "<w:p><w:r><w:t>{% if license.exclusive %}13.7{% endif %}</w:t><w:tab/>"
        "<w:t>Exclusive licensees also report their sublicensees each Quarter.</w:t></w:r>"
        "</w:p>"),
    "cross_reference": lambda: edit(LA, "under clause 12.3", "under clause 12.9"),
    "archive": lambda: rezip(default_bytes(LA), add={"word/vbaProject.bin": b"\0" * 64}),
    # the licensee's block loses its signature line: two parties sign, one block is left
    "signatures": lambda: edit(LA, "<w:t>Signature:</w:t>", "<w:t>Seal:</w:t>"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_rule_has_a_template_that_breaks_it(ctx, case):
    rule = case.split("-")[0]
    problems = check.check(BROKEN[case](), LA)
    assert rule in rules(problems), "\n".join(map(str, problems))
    for p in problems:
        # where: the paragraph's text (or the sample, the archive member), never Word XML
        assert "<w:" not in p.where and "w:val" not in p.where, p
        assert p.message


def test_a_split_tag_is_reported_with_its_paragraph_text(ctx):
    [p] = [p for p in check.check(BROKEN["split_tag"](), LA) if p.rule == "split_tag"]
    assert "No. {{ doc.number }}" in p.where
    assert "{{ doc.number }}" in p.message


def test_a_gap_in_the_numbering_names_the_clause(ctx):
    found = [p for p in check.check(BROKEN["numbering"](), LA) if p.rule == "numbering"]
    assert found and "2.7 follows 2.4" in found[0].message
    assert found[0].where.startswith("2.7 No other rights.")


def test_a_dangling_reference_names_the_missing_clause(ctx):
    found = [p for p in check.check(BROKEN["cross_reference"](), LA)
             if p.rule == "cross_reference"]
    assert found and "there is no clause 12.9" in found[0].message
    assert "milestone" in found[0].where


def test_signature_blocks_are_counted_against_the_transitions_signers(ctx):
    assert check.signer_parties(LA) == ("licensor", "licensee")
    [p] = [p for p in check.check(BROKEN["signatures"](), LA) if p.rule == "signatures"][:1]
    assert "1 signature block(s), but 2 must sign (licensor, licensee)" in p.message


def test_an_edited_clause_passes(ctx):
    data = edit(LA, "This Agreement may be signed electronically and in counterparts",
                "This Agreement may be signed electronically, with an EDS, and in counterparts")
    assert check.check(data, LA) == []


# -- hostile archives, refused on the zip's directory before anything is parsed ---------------
def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(io.BytesIO(default_bytes(LA))) as src:
            for info in src.infolist():
                z.writestr(info, src.read(info.filename))
        z.writestr("word/media/filler.bin", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


def _with_rels(extra: str) -> bytes:
    data = default_bytes(LA)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
    rels = rels.replace("</Relationships>", extra + "</Relationships>")
    return rezip(data, {"word/_rels/document.xml.rels": rels.encode()})


def _docm() -> bytes:
    data = default_bytes(LA)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").decode()
    types = types.replace("wordprocessingml.document.main+xml",
                          "ms-word.document.macroEnabled.main+xml")
    return rezip(data, {"[Content_Types].xml": types.encode()})


HOSTILE = {
    "zip bomb": _bomb,
    "external relationship": lambda: _with_rels(
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="http://attacker.example/x.png" TargetMode="External"/>'),
    "macros (vbaProject)": lambda: rezip(default_bytes(LA),
                                         add={"word/vbaProject.bin": b"VBA" * 10}),
    "macro-enabled content type (.docm)": _docm,
    "path traversal": lambda: rezip(default_bytes(LA), add={"../../evil.xml": b"<x/>"}),
    "absolute path": lambda: rezip(default_bytes(LA), add={"/etc/evil.xml": b"<x/>"}),
    "not a zip": lambda: b"%PDF-1.7 not a word document",
    "damaged zip": lambda: default_bytes(LA)[:2000],
    "too large": lambda: b"PK" + os.urandom(archive.MAX_UPLOAD),
    "no document part": lambda: _zip_of({"[Content_Types].xml": b"<Types/>"}),
}


def _zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_archives_are_refused_before_parsing(ctx, case):
    problems = check.check(HOSTILE[case](), LA)
    assert problems and rules(problems) == {"archive"}, problems


def test_the_shipped_default_is_a_safe_archive():
    assert archive.inspect(default_bytes(LA)) == []


# -- the command line ----------------------------------------------------------------------------
def test_cli_says_ok_for_a_good_template(runner, tmp_path):
    path = tmp_path / "la.docx"
    path.write_bytes(default_bytes(LA))
    result = runner.invoke(args=["templates", "check", str(path), "--template", LA])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "OK"


def test_cli_names_each_rule_broken_with_its_paragraph(runner, tmp_path):
    path = tmp_path / "la.docx"
    path.write_bytes(BROKEN["split_tag"]())
    result = runner.invoke(args=["templates", "check", str(path), "--template", LA])
    assert result.exit_code == 1
    assert "split_tag:" in result.output
    assert "No. {{ doc.number }}" in result.output.split("at:")[1]


def test_cli_refuses_an_unknown_template_name(runner, tmp_path):
    path = tmp_path / "la.docx"
    path.write_bytes(default_bytes(LA))
    result = runner.invoke(args=["templates", "check", str(path), "--template", "nope"])
    assert result.exit_code == 2


# -- one truth: the manifest's hashes, the versions and the generator ---------------------------
def test_manifest_records_each_files_sha256():
    for name, info in rendering.manifest().items():
        data = rendering.template_path(name).read_bytes()
        assert info.get("sha256") == hashlib.sha256(data).hexdigest(), (
            f"{name}: the file changed after build.py wrote the manifest; run "
            "`python contract_templates/build.py`")


def test_an_edit_without_a_version_bump_fails():
    """versions.json keeps the hash of every (template, version) ever built: a template
    whose file changed while its version stayed the same is caught here."""
    history = json.loads((rendering.TEMPLATE_DIR / "versions.json").read_text())
    for name, info in rendering.manifest().items():
        recorded = history.get(name, {}).get(info["version"])
        assert recorded == info["sha256"], (
            f"{name} {info['version']}: the file changed without a version bump; raise its "
            "version in build.py's SPECS and run build.py")


def test_the_generator_reproduces_every_committed_file_byte_for_byte(tmp_path):
    sys.path.insert(0, str(rendering.TEMPLATE_DIR))
    try:
        import build
    finally:
        sys.path.remove(str(rendering.TEMPLATE_DIR))
    built = build.build(tmp_path)
    for name, info in built.items():
        assert (tmp_path / info["file"]).read_bytes() == \
            rendering.template_path(name).read_bytes(), (
            f"{name}: build.py no longer writes the committed file; run build.py (and bump "
            "the version if the text changed)")
    assert built == rendering.manifest()
