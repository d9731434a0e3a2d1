"""Rendering .docx contract templates in a sandbox with every user value escaped."""
from __future__ import annotations

import io
import json
import threading
from functools import cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "contract_templates"

_local = threading.local()


def jinja_env() -> SandboxedEnvironment:
    """Sandboxed, autoescaping and strict: user text is data, never template code."""
    env = getattr(_local, "env", None)
    if env is None:
        env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
        _local.env = env
    return env


@cache
def manifest() -> dict[str, dict[str, Any]]:
    return json.loads((TEMPLATE_DIR / "manifest.json").read_text(encoding="utf-8"))


def template_info(name: str) -> dict[str, Any]:
    try:
        return manifest()[name]
    except KeyError:
        raise LookupError(f"no contract template named {name!r}") from None


def render(name: str, context: dict[str, Any]) -> bytes:
    """The .docx bytes of template ``name`` rendered with ``context``."""
    info = template_info(name)
    tpl = DocxTemplate(TEMPLATE_DIR / info["file"])
    tpl.render(context, jinja_env=jinja_env())
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
