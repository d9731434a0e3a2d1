"""Babel extractor for the workflow tables: every label a page shows, for the catalogue.

The tables stay plain data, with no ``N_()`` around each label; ``make messages`` reads the
same definitions that the pages, the API and the diagrams read (babel.cfg names this
function). Pages translate the labels when they show them.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from .errors import Label


def labels() -> Iterator[tuple[str, str]]:
    """Every translatable label of the workflows and readiness scales, with where it is used;
    a label translated in a context (a workflow's ``state_context``) is a
    :class:`~workflows.errors.Label`."""
    from . import WORKFLOWS
    from .readiness import SCALES, TRL_STAGES
    for wf in WORKFLOWS:
        yield wf.label, f"workflow {wf.name}"
        for state in wf.states:
            yield wf.state_label(state), f"{wf.name}: state {state}"
        for t in wf.transitions:
            yield t.label, f"{wf.name}: action {t.trigger}"
            if t.who:
                yield t.who, f"{wf.name}: who may {t.trigger}"
            if t.consequence:
                yield t.consequence, f"{wf.name}: what {t.trigger} does for good"
            for f in t.data:
                yield f.label, f"{wf.name}: {t.trigger} field {f.name}"
                for value, label in f.choices:
                    yield label, f"{wf.name}: {t.trigger} field {f.name} = {value}"
    for scale, levels in SCALES.items():
        for level, wording in levels.items():
            yield wording, f"{scale.upper()} {level}"
    for _levels, key, label in TRL_STAGES:
        yield label, f"TRL stage {key}"


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
            ) -> Iterator[tuple[int, str | None, str | tuple[str, str], list[str]]]:
    """Babel's extractor protocol: (line, function, message, translator comments); a label in
    a context as ``pgettext`` would mark it, (context, message), for its msgctxt."""
    for text, where in labels():
        if isinstance(text, Label):
            yield 1, "pgettext", (text.context, str(text)), [where]
        elif text:
            yield 1, None, text, [where]
