"""The compiled renderer gives the same documents as plain docxtpl, from every template, with
the sample contexts the app's own context code makes (consortium.templates_admin.samples), so
the samples can never drift from what the workflows provide."""
from __future__ import annotations

import pytest

from consortium.documents import rendering
from consortium.templates_admin import samples
from tests.unit.test_renderer import structure

TEMPLATES = sorted(rendering.manifest())


@pytest.mark.parametrize("name", TEMPLATES)
def test_same_document_as_plain_docxtpl(app, name):
    with app.test_request_context():
        cases = samples.contexts(name)[:2]  # the full sample and the minimal one
    assert len(cases) == 2
    for case in cases:
        fast = rendering.render(name, case.context)
        plain = rendering.render_plain(name, case.context)
        assert structure(fast) == structure(plain), case.label
        assert structure(fast)["paragraphs"], "the document has text"
