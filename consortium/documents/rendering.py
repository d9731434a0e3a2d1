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

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "contract_templates"

#: Sandboxed, autoescaping and strict: user text is data, never template code. Compiled
#: templates are bound to it; rendering with it is thread-safe.
_ENV = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
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


def template_path(name: str) -> Path:
    return TEMPLATE_DIR / template_info(name)["file"]


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
