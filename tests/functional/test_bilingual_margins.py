"""A kk|ru document's header and footer are in both languages (a column each, tagged with
its language), and documents in Kazakh or Russian have automatic hyphenation on, so
justified narrow columns are hyphenated rather than stretched."""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from tests.functional.test_document_languages import bilingual_licence
from tests.helpers import LicenceJourney

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(content: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return etree.fromstring(z.read(name))


def cells_of(root: etree._Element) -> list[tuple[str, set[str]]]:
    out = []
    for tc in root.iter(f"{W}tc"):
        text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
        out.append((text, {lang.get(f"{W}val") for lang in tc.iter(f"{W}lang")}))
    return out


def test_header_and_footer_of_a_pair_are_in_both_languages(api, make_org, make_user):
    j, _record, _doc, _content, _signed, content = bilingual_licence(api, make_org, make_user)
    org = j.org
    header = cells_of(part(content, "word/header1.xml"))
    footer = cells_of(part(content, "word/footer1.xml"))
    assert len(header) == 2 and len(footer) == 2
    (kk_head, kk_tags), (ru_head, ru_tags) = header
    assert org.name in kk_head and org.name in ru_head
    assert "БСН" in kk_head and "БИН" in ru_head
    assert kk_tags == {"kk-KZ"} and ru_tags == {"ru-RU"}
    (kk_foot, kk_tags), (ru_foot, ru_tags) = footer
    assert "Құжат №" in kk_foot and "бет" in kk_foot
    assert "Документ" in ru_foot and "страница" in ru_foot and "Форма" in ru_foot
    assert kk_tags == {"kk-KZ"} and ru_tags == {"ru-RU"}
    # each column counts its pages
    footer_xml = etree.tostring(part(content, "word/footer1.xml")).decode()
    assert footer_xml.count(" PAGE ") == 2 and footer_xml.count(" NUMPAGES ") == 2
    # nothing of the template syntax is left
    assert "{{" not in kk_head + ru_head + kk_foot + ru_foot


def test_kazakh_russian_and_paired_documents_hyphenate(api, make_org, make_user):
    _j, _record, _doc, _content, _signed, content = bilingual_licence(api, make_org, make_user)
    settings = part(content, "word/settings.xml")
    assert settings.find(f"{W}autoHyphenation") is not None
    order = [child.tag for child in settings]
    # schema order: after defaultTabStop
    assert order.index(f"{W}autoHyphenation") == order.index(f"{W}defaultTabStop") + 1


def test_a_russian_only_document_hyphenates(api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    assert j.legal.patch(f"/organizations/{j.org.id}",
                         json={"document_languages": ["ru"]}).status_code == 200
    _record, _doc, ru_only = j.produce("license_agreement")
    assert part(ru_only, "word/settings.xml").find(f"{W}autoHyphenation") is not None


def test_english_documents_are_unchanged(api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    _record, _doc, content = j.produce("license_agreement")
    assert part(content, "word/settings.xml").find(f"{W}autoHyphenation") is None
    assert not list(part(content, "word/header1.xml").iter(f"{W}tbl"))


def test_kazakh_dates_take_the_case_of_their_sentence(api, make_org, make_user):
    import re

    from consortium.documents import parallel
    from consortium.documents.kazakh import MONTHS
    _j, _record, _doc, _content, _signed, content = bilingual_licence(api, make_org, make_user)
    left = "\n".join(parallel.column_texts(content)[0])
    months = "|".join(MONTHS)
    assert not re.search(rf"жылғы \d+ ({months}) (дейін|жасалған|берілген)", left)
    assert re.search(r"жылғы \d+ [а-яәғқңөұүһі]+(ға|ге|қа|ке) дейін", left)


def test_kazakh_and_russian_amounts_have_a_decimal_comma(api, make_org, make_user):
    import re

    from consortium.documents import parallel
    _j, _record, _doc, _content, _signed, content = bilingual_licence(api, make_org, make_user)
    for column in parallel.column_texts(content):
        text = "\n".join(column)
        assert re.search(r"\d{1,3}( \d{3})*,\d\d KZT \(", text)     # figures, then words
        assert not re.search(r"\d\.\d\d KZT", text)
