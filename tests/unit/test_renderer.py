"""The compiled renderer: escaping, refusals, its cache and threads (that it gives the same
documents as plain docxtpl from every template is tests/functional/test_renderer_equivalence.py,
with the app's own sample contexts)."""
from __future__ import annotations

import importlib.util
import io
import sys
import threading

import docx
import pytest

from consortium.documents import rendering
from consortium.documents.compiled import BrokenDocument, TemplateCache

_spec = importlib.util.spec_from_file_location("preview",
                                               rendering.TEMPLATE_DIR / "preview.py")
preview = importlib.util.module_from_spec(_spec)
sys.modules["preview"] = preview  # its dataclasses look their module up
_spec.loader.exec_module(preview)

def structure(content: bytes) -> dict:
    """What a reader sees: paragraphs with their style, tables cell by cell, headers, footers."""
    d = docx.Document(io.BytesIO(content))
    return {
        "paragraphs": [(p.style.name, p.text) for p in d.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
        "headers": [[p.text for p in s.header.paragraphs] for s in d.sections],
        "footers": [[p.text for p in s.footer.paragraphs] for s in d.sections],
        "title": d.core_properties.title,
    }


def test_user_text_is_escaped_and_never_evaluated():
    context = preview.sample_context()
    context["disclosure"]["title"] = "R&D <Alpha> {{ 7*7 }} {% if 1 %}x{% endif %}"
    seen = structure(rendering.render("invention_disclosure_record", context))
    text = "\n".join([p for _, p in seen["paragraphs"]]
                     + [cell for table in seen["tables"] for row in table for cell in row])
    assert "R&D <Alpha> {{ 7*7 }} {% if 1 %}x{% endif %}" in text
    assert "49" not in text


def test_a_render_that_would_break_the_xml_is_refused(tmp_path):
    # An unescaped environment lets markup through: the renderer must refuse, not write it.
    from jinja2 import Environment, StrictUndefined
    cache = TemplateCache(Environment(autoescape=False, undefined=StrictUndefined))
    compiled = cache.get(rendering.template_path("invention_disclosure_record"))
    context = preview.sample_context()
    context["disclosure"]["title"] = "<w:p>broken"
    with pytest.raises(BrokenDocument):
        compiled.render(context)


def test_cache_notices_a_changed_template(tmp_path):
    src = rendering.template_path("rights_release_letter")
    path = tmp_path / "t.docx"
    path.write_bytes(src.read_bytes())
    cache = TemplateCache(rendering.jinja_env())
    first = cache.get(path)
    assert cache.get(path) is first
    path.write_bytes(rendering.template_path("patent_filing_record").read_bytes())
    import os
    os.utime(path, ns=(first.mtime_ns + 10**9, first.mtime_ns + 10**9))
    assert cache.get(path) is not first


def test_renders_concurrently_from_threads():
    context = preview.sample_context()
    expected = structure(rendering.render("invention_assignment_agreement", context))
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(structure(rendering.render("invention_assignment_agreement",
                                                          context)))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 30 and all(r == expected for r in results)
