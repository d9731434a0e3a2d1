"""Documents in the organisation's languages (issue 17, parts 2–3): one language, or two in
parallel columns with identical clause numbering, each column tagged with its language and
the clause naming the controlling text; the choice through the API and the pages."""
from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from lxml import etree

from consortium.documents import executed, parallel
from tests.helpers import LicenceJourney

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: a clause or item number at the start of a cell's text ("3.2", "4.", "(a)")
NUMBER = re.compile(r"^(\d+\.\d*|\([a-z]\)|[A-Z]\.)\t")


def body_xml(content: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def clause_numbers(cells: list[str]) -> list[str]:
    return [m.group(1) for text in cells if (m := NUMBER.match(text))]


def run_languages(cell) -> set[str]:
    return {lang.get(f"{W}val") for lang in cell.iter(f"{W}lang")}


# -- the choice -------------------------------------------------------------------------------
def test_legal_staff_choose_their_document_languages(api, make_org, make_user):
    org = make_org()
    legal = api(make_user("legal", org))
    shown = legal.get("/organizations").get_json()
    mine = next(o for o in (shown if isinstance(shown, list) else shown["items"])
                if o["id"] == org.id)
    assert mine["document_languages"] == ["en"]          # the default: as before
    r = legal.patch(f"/organizations/{org.id}", json={"document_languages": ["kk", "ru"]})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["document_languages"] == ["kk", "ru"]
    r = legal.patch(f"/organizations/{org.id}", json={"document_languages": ["ru"]})
    assert r.get_json()["document_languages"] == ["ru"]


@pytest.mark.parametrize("value,reason", [
    (["de"], "unknown language de"),
    (["kk", "ru", "en"], "at most two"),
    (["kk", "kk"], "listed twice"),
    ([], "at least one"),
    ("kk", "must be a list"),
    ([1], "must be a list"),
    (None, "must be a list"),
])
def test_bad_document_languages_are_refused_with_the_field_and_reason(api, make_org,
                                                                      make_user, value,
                                                                      reason):
    org = make_org()
    legal = api(make_user("legal", org))
    r = legal.patch(f"/organizations/{org.id}", json={"document_languages": value})
    assert r.status_code == 422, r.get_json()
    assert reason in r.get_json()["error"]["fields"]["document_languages"]


def test_another_organisations_staff_cannot_choose(api, make_org, make_user):
    org = make_org()
    outsider = api(make_user("legal"))
    r = outsider.patch(f"/organizations/{org.id}", json={"document_languages": ["kk"]})
    assert r.status_code == 403


def test_the_organisation_page_offers_the_languages(app, client, make_org, make_user,
                                                    login_as):
    org = make_org()
    user = make_user("legal", org)
    login_as(user)
    page = client.get("/organization")
    assert page.status_code == 200
    assert b'name="language_1"' in page.data and b'name="language_2"' in page.data
    r = client.post("/organization", data={"language_1": "kk", "language_2": "ru"})
    assert r.status_code == 302, r.data[:500]
    from consortium.extensions import db
    from consortium.organizations.models import Organization
    with app.app_context():
        assert db.session.get(Organization, org.id).document_languages == ["kk", "ru"]
    r = client.post("/organization", data={"language_1": "kk", "language_2": "kk"})
    assert r.status_code == 422 and "listed twice" in r.get_data(as_text=True)


# -- the documents ------------------------------------------------------------------------------
def bilingual_licence(api, make_org, make_user, languages=("kk", "ru")):
    j = LicenceJourney(api, make_org, make_user)
    r = j.legal.patch(f"/organizations/{j.org.id}",
                      json={"document_languages": list(languages)})
    assert r.status_code == 200, r.get_json()
    record, doc, content = j.produce("executed_license_agreement")
    docs = j.legal.get(f"/licenses/{record['id']}/documents").get_json()
    signed = next(d for d in docs if d["template"] == "license_agreement")
    signed_content = j.legal.get(f"/documents/{signed['id']}/content").data
    return j, record, doc, content, signed, signed_content


def test_a_kk_ru_licence_is_in_two_columns_with_the_same_numbering(api, make_org, make_user):
    _j, _record, _doc, _content, signed, content = bilingual_licence(api, make_org, make_user)
    assert signed["language"] == "kk|ru"
    assert set(signed["template_files"]) == {"kk", "ru"}
    assert signed["template_sha256"] == signed["template_files"]["kk"]
    docx.Document(io.BytesIO(content))                    # it opens
    left, right = parallel.column_texts(content)
    assert len(left) == len(right) > 50
    numbers = clause_numbers(left)
    assert len(numbers) > 40 and numbers == clause_numbers(right)
    # Kazakh on the left, Russian on the right, each run tagged with its language
    root = body_xml(content)
    rows = [tr for tbl in root.find(f"{W}body").findall(f"{W}tbl")
            for tr in tbl.findall(f"{W}tr")]
    for tr in rows:
        cells = tr.findall(f"{W}tc")
        assert run_languages(cells[0]) <= {"kk-KZ"}
        assert run_languages(cells[1]) <= {"ru-RU"}
    joined_left, joined_right = "\n".join(left), "\n".join(right)
    assert "жылғы" in joined_left                          # the date in Kazakh
    assert re.search(r"\d+ [а-я]+ \d{4} г\.", joined_right)  # and in Russian
    # the controlling text, once in each language, before the signatures
    assert parallel.controlling_clause("kk", ("kk", "ru")) in joined_left
    assert parallel.controlling_clause("ru", ("kk", "ru")) in joined_right
    assert "қазақ тіліндегі мәтін басым" in joined_left
    assert "текст на казахском языке" in joined_right


def test_a_bilingual_executed_licence_keeps_the_signed_body_byte_for_byte(api, make_org,
                                                                          make_user):
    _j, _record, doc, content, signed, signed_content = bilingual_licence(api, make_org,
                                                                          make_user)
    mine, theirs = executed.body_elements(content), executed.body_elements(signed_content)
    assert len(mine) > len(theirs)
    for a, b in zip(mine, theirs, strict=False):
        assert etree.tostring(a, method="c14n") == etree.tostring(b, method="c14n")
    assert doc["language"] == "kk|ru"
    # the execution page and certificate are in both columns too
    left, right = parallel.column_texts(content)
    assert signed["sha256"] in "\n".join(left) and signed["sha256"] in "\n".join(right)


def test_one_language_documents_are_that_languages_template(api, make_org, make_user):
    _j, _record, _doc, _content, signed, content = bilingual_licence(
        api, make_org, make_user, languages=("ru",))
    assert signed["language"] == "ru" and signed["template_files"] is None
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        styles = z.read("word/styles.xml").decode()
    assert 'w:val="ru-RU"' in styles                       # Word's language: Russian
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "г." in text and "Лиценз" in text


def test_the_default_stays_english(api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    record, doc, content = j.produce("license_agreement")
    assert doc["language"] == "en" and doc["template_files"] is None
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "LICENCE AGREEMENT" in text


def test_the_pdf_of_a_bilingual_document_keeps_the_kazakh_letters(app, api, make_org,
                                                                  make_user, tmp_path):
    """LibreOffice renders the kk|ru document with a font that has әғқңөұүһі (DejaVu)."""
    import shutil
    import subprocess
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice or pdftotext is not installed")
    _j, _record, _doc, _content, _signed, content = bilingual_licence(api, make_org,
                                                                      make_user)
    source = tmp_path / "kkru.docx"
    source.write_bytes(content)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "kkru.pdf"), "-"], check=True,
                          capture_output=True, timeout=60).stdout.decode("utf-8")
    found = {letter for letter in "әғқңөұүһі" if letter in text}
    # every letter the document's Kazakh text uses comes out of the PDF
    used = {letter for letter in "әғқңөұүһі"
            if letter in "\n".join(parallel.column_texts(content)[0])}
    assert used and used <= found, (used, found)
