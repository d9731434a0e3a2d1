"""An organisation's template versions per language (kk, ru, en): legal staff upload a
version of a template's Kazakh or Russian text, it is checked in that language, a second
legal user activates it (four eyes, per language), and a kk|ru document uses the active kk
version in its Kazakh column and the active ru version in its Russian one, each falling back
to the default of its language."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

from consortium.documents import parallel, rendering
from tests.helpers import Journey
from tests.template_edits import rezip

IDR = "invention_disclosure_record"
KK_HEADING = ("Өнертабыс туралы хабарламаның қабылданғанын растайтын күні көрсетілген тіркеу "
              "парағы")
RU_HEADING = "Датированное подтверждение получения и регистрации уведомления об изобретении"
KK_EDITED = KK_HEADING + " (Дала политехникасының нысаны)"
RU_EDITED = RU_HEADING + " (форма Степного политеха)"


@pytest.fixture
def legal2(team, make_user):
    return make_user("legal", team.org, "Timur Secondlegal")


def edited(language: str, old: str, new: str) -> bytes:
    data = rendering.template_path(IDR, language).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert old in xml, f"{old!r} is not in the {language} {IDR}"
    return rezip(data, {"word/document.xml": xml.replace(old, new, 1).encode("utf-8")})


def upload(client_api, data: bytes, language: str | None, filename: str = "idr.docx"):
    form: dict = {"file": (io.BytesIO(data), filename)}
    if language is not None:
        form["language"] = language
    return client_api.post(f"/templates/{IDR}/versions", data=form,
                           content_type="multipart/form-data")


def columns(content: bytes) -> tuple[str, str]:
    left, right = parallel.column_texts(content)
    return "\n".join(left), "\n".join(right)


def test_a_kk_and_a_ru_version_each_serve_their_column(api, team, legal2):
    r = api(team.legal).patch(f"/organizations/{team.org.id}",
                              json={"document_languages": ["kk", "ru"]})
    assert r.status_code == 200, r.get_json()

    kk = upload(api(team.legal), edited("kk", KK_HEADING, KK_EDITED), "kk")
    assert kk.status_code == 201, kk.get_json()
    kk = kk.get_json()
    assert kk["language"] == "kk" and kk["version"].endswith("-kk")

    # activated by a second legal user only; the Russian column keeps its default
    assert api(team.legal).post(f"/templates/{IDR}/versions/{kk['id']}/activate"
                                ).status_code == 403
    assert api(legal2).post(f"/templates/{IDR}/versions/{kk['id']}/activate"
                            ).status_code == 200
    doc, content = Journey(api, team).produce(IDR)[1:]
    left, right = columns(content)
    assert KK_EDITED in left and RU_HEADING in right and RU_EDITED not in right
    assert doc["template_version"] == kk["version"]

    ru = upload(api(legal2), edited("ru", RU_HEADING, RU_EDITED), "ru").get_json()
    assert ru["language"] == "ru"
    # the diff and the preview are the Russian text's
    diff = api(team.legal).get(f"/templates/{IDR}/versions/{ru['id']}/diff").get_json()
    assert diff["language"] == "ru"
    assert any(line.startswith("+") and RU_EDITED in line for line in diff["diff"])
    assert any(line.startswith("-") and line[1:].strip() == RU_HEADING
               for line in diff["diff"])
    preview = api(team.legal).get(f"/templates/{IDR}/versions/{ru['id']}/preview").get_json()
    assert RU_EDITED in "\n".join(preview["text"])
    assert api(legal2).post(f"/templates/{IDR}/versions/{ru['id']}/activate"
                            ).status_code == 403
    assert api(team.legal).post(f"/templates/{IDR}/versions/{ru['id']}/activate"
                                ).status_code == 200

    # activating the Russian version leaves the Kazakh one active
    listed = {i["name"]: i for i in api(team.legal).get("/templates").get_json()["items"]}
    by_language = listed[IDR]["in_use_by_language"]
    assert by_language["kk"]["active_version_id"] == kk["id"]
    assert by_language["ru"]["active_version_id"] == ru["id"]
    assert by_language["en"]["active_version_id"] is None
    assert listed[IDR]["in_use"] == listed[IDR]["default"]["version"]

    doc, content = Journey(api, team).produce(IDR)[1:]
    left, right = columns(content)
    assert KK_EDITED in left and RU_EDITED in right
    assert set(doc.get("template_files") or {}) in ({"kk", "ru"}, set())

    # retiring the Kazakh version returns its column to the Kazakh default
    assert api(team.legal).post(f"/templates/{IDR}/versions/{kk['id']}/retire"
                                ).status_code == 200
    content = Journey(api, team).produce(IDR)[2]
    left, right = columns(content)
    assert KK_HEADING in left and KK_EDITED not in left and RU_EDITED in right


def test_an_english_version_is_not_used_for_a_kazakh_document(api, team, legal2):
    api(team.legal).patch(f"/organizations/{team.org.id}", json={"document_languages": ["kk"]})
    en = upload(api(team.legal), edited(
        "en", "Dated receipt and record of an invention disclosure",
        "Dated receipt and record of an invention disclosure (Steppe form)"), None)
    assert en.status_code == 201 and en.get_json()["language"] == "en"  # the default
    assert api(legal2).post(f"/templates/{IDR}/versions/{en.get_json()['id']}/activate"
                            ).status_code == 200
    content = Journey(api, team).produce(IDR)[2]
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        text = z.read("word/document.xml").decode("utf-8")
    assert "Steppe form" not in text and "Өнертабыс" in text


def test_the_check_runs_in_the_uploads_language(api, team):
    kk_ok = upload(api(team.legal), rendering.template_path(IDR, "kk").read_bytes(), "kk")
    assert kk_ok.status_code == 201, kk_ok.get_json()
    broken = edited("kk", KK_HEADING, KK_HEADING + " {{ secret_key }}")
    r = upload(api(team.legal), broken, "kk")
    assert r.status_code == 422 and "variables" in r.get_json()["error"]["fields"]


@pytest.mark.parametrize("value", ["de", "KK", "kk|ru", "x" * 30])
def test_an_unknown_language_is_refused_with_the_field(api, team, value):
    r = upload(api(team.legal), rendering.template_path(IDR, "kk").read_bytes(), value)
    assert r.status_code == 422
    assert "language" in r.get_json()["error"]["fields"]


def test_browser_form_uploads_a_russian_version(app, team, legal2, login_as, api):
    client = login_as(team.legal)
    page = client.get(f"/templates/{IDR}").data.decode()
    assert 'name="language"' in page and 'value="kk"' in page and 'value="ru"' in page
    r = client.post(f"/templates/{IDR}/versions",
                    data={"file": (io.BytesIO(edited("ru", RU_HEADING, RU_EDITED)), "ru.docx"),
                          "language": "ru"},
                    content_type="multipart/form-data")
    assert r.status_code == 302, r.data[:2000]
    vid = int(re.search(r"/versions/(\d+)", r.headers["Location"]).group(1))
    page = client.get(r.headers["Location"]).data.decode()
    assert RU_EDITED in page            # the preview is the Russian text
    v = api(team.legal).get(f"/templates/{IDR}/versions/{vid}").get_json()
    assert v["language"] == "ru"
    listing = client.get(f"/templates/{IDR}").data.decode()
    assert "Russian" in listing and v["version"] in listing
    r = client.post(f"/templates/{IDR}/versions",
                    data={"file": (io.BytesIO(edited("ru", RU_HEADING, RU_EDITED)), "ru.docx"),
                          "language": "de"},
                    content_type="multipart/form-data")
    assert r.status_code == 422
