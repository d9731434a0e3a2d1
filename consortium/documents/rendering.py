"""Rendering .docx contract templates in a sandbox with every user value escaped."""
from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .compiled import TemplateCache
from .language import in_words_filter

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "contract_templates"

#: Sandboxed, autoescaping and strict: user text is data, never template code. Compiled
#: templates are bound to it; rendering with it is thread-safe.
_ENV = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
#: ``{{ amount|in_words(currency) }}``: the amount in words in the document's language
_ENV.filters["in_words"] = in_words_filter
_CACHE = TemplateCache(_ENV)


def jinja_env() -> SandboxedEnvironment:
    return _ENV


@cache
def manifest() -> dict[str, dict[str, Any]]:
    return json.loads((TEMPLATE_DIR / "manifest.json").read_text(encoding="utf-8"))


def template_info(name: str) -> dict[str, Any]:
    try:
        return manifest()[name]
    except KeyError:
        raise LookupError(f"no contract template named {name!r}") from None


def extract_titles(fileobj, keywords, comment_tags, options):
    """Babel extractor for manifest.json: each template's title, as pages name documents."""
    for name, info in json.load(fileobj).items():
        yield 1, None, info["title"], [f"document {name}"]


def template_path(name: str, language: str = "en") -> Path:
    """The shipped file of template ``name`` in ``language`` (English: ``<name>.docx``;
    Kazakh and Russian: ``kk/<name>.docx``, ``ru/<name>.docx``, built by build.py)."""
    info = template_info(name)
    if language == "en":
        return TEMPLATE_DIR / info["file"]
    try:
        return TEMPLATE_DIR / info["languages"][language]["file"]
    except KeyError:
        raise LookupError(f"contract template {name!r} has no {language!r} file") from None


def template_title(name: str, language: str = "en") -> str:
    """The title of template ``name`` in ``language`` (as build.py translated it)."""
    info = template_info(name)
    if language == "en":
        return info["title"]
    return info.get("languages", {}).get(language, {}).get("title") or info["title"]


def render(name: str, context: dict[str, Any]) -> bytes:
    """The .docx bytes of template ``name`` rendered with ``context`` (compiled once)."""
    return _CACHE.get(template_path(name)).render(context)


def render_file(path: Path, context: dict[str, Any], sha256: str | None = None) -> bytes:
    """The .docx bytes of the template file ``path`` (an organisation's version, stored under
    its ``sha256``) rendered with ``context``, in the same sandboxed environment."""
    return _CACHE.get(path, sha256).render(context)


def template_sha256(path: Path) -> str:
    """The SHA-256 of a template file as the renderer sees it (hashed again on change)."""
    return _CACHE.sha_of(path)


def render_plain(name: str, context: dict[str, Any]) -> bytes:
    """The same document the plain docxtpl way; the reference the compiled renderer matches."""
    tpl = DocxTemplate(template_path(name))
    tpl.render(context, jinja_env=_ENV)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
