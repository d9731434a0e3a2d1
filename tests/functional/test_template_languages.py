"""Every contract template in Kazakh, Russian and the kk|ru pair (issue 17, part 2): the
template validator's checks pass in each language, and the two columns of a pair carry the
same clause numbers as each other and as the English text.

The Kazakh and Russian texts are written by translators into
``contract_templates/lang/{kk,ru}/*.json``; until every text is translated, a template
prints the missing ones in English. The structure tests run on whatever exists;
``test_every_text_is_translated`` is the one that reports (and fails on) what is missing.
"""
from __future__ import annotations

import re
import sys

import pytest

from consortium.documents import parallel, rendering
from consortium.templates_admin import samples
from consortium.templates_admin.check import check_file, clauses, document_paragraphs

LANGUAGES = ("kk", "ru")
#: clause and item numbers as the builder writes them, before a tab
NUMBER = re.compile(r"^(\d+\.\d*|\([a-z]\)|[A-Z]\.)\t")


def issued_templates() -> list[str]:
    return [name for name in rendering.manifest() if samples.workflow_of(name)]


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", issued_templates())
def test_each_language_passes_the_template_check(ctx, name, language):
    path = rendering.template_path(name, language)
    problems = check_file(path, name, language)
    assert not problems, "\n".join(str(p) for p in problems)


def _numbers(cells: list[str]) -> list[str]:
    return [m.group(1) for cell in cells for line in cell.split("\n")
            if (m := NUMBER.match(line))]


@pytest.mark.parametrize("name", issued_templates())
def test_a_kk_ru_pair_has_the_same_clause_numbers_in_both_columns(ctx, name):
    english = samples.contexts_in(name, "en")
    for index, sample in enumerate(samples.contexts_in(name, "kk")):
        kk = rendering.render_file(rendering.template_path(name, "kk"), sample.context)
        ru_context = samples.contexts_in(name, "ru")[index].context
        ru = rendering.render_file(rendering.template_path(name, "ru"), ru_context)
        merged = parallel.merge(kk, ru, ("kk", "ru"))
        left, right = parallel.column_texts(merged)
        assert len(left) == len(right)
        assert _numbers(left) == _numbers(right), sample.label
        # and the same as the English text's numbered clauses
        en = rendering.render_file(rendering.template_path(name), english[index].context)
        en_clauses = [(n, s) for n, s, _ in clauses(document_paragraphs(en))]
        kk_clauses = [(n, s) for n, s, _ in clauses(document_paragraphs(kk))]
        assert kk_clauses == en_clauses, sample.label


def test_the_kazakh_file_is_tagged_kazakh_and_has_kazakh_text(ctx):
    import io
    import zipfile
    path = rendering.template_path("license_agreement", "kk")
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
        assert 'w:val="kk-KZ"' in z.read("word/styles.xml").decode()
    text = "\n".join(document_paragraphs(path.read_bytes()))
    assert re.search("[әғқңөұүһі]", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_is_translated(language):
    """Fails while build.py prints texts of ``language`` in English; the message counts
    them (list them with ``python contract_templates/build.py --untranslated <lang>``)."""
    sys.path.insert(0, str(rendering.TEMPLATE_DIR))
    try:
        import build
    finally:
        sys.path.remove(str(rendering.TEMPLATE_DIR))
    missing = build.untranslated_texts(language)
    count = sum(len(keys) for keys in missing.values())
    assert count == 0, (
        f"UNTRANSLATED {language}: {count} texts in {len(missing)} templates "
        f"(build.py --untranslated {language}); first: "
        + "; ".join(f"{name}: {keys[0][:80]!r}" for name, keys in list(missing.items())[:5]))
