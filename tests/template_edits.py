"""Editing a shipped .docx template the way a lawyer's word processor would, for the tests."""
from __future__ import annotations

import io
import zipfile

from consortium.documents import rendering


def default_bytes(name: str) -> bytes:
    return rendering.template_path(name).read_bytes()


def rezip(data: bytes, replace: dict[str, bytes] | None = None,
          add: dict[str, bytes] | None = None, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """``data`` with some members replaced or added (everything else byte for byte)."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", compression) as z:
        for info in src.infolist():
            z.writestr(info, replace.get(info.filename, src.read(info.filename)))
        for name, content in add.items():
            z.writestr(name, content)
    return out.getvalue()


def body(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


def edit(name: str, old: str, new: str, *, count: int = 1) -> bytes:
    """The default of ``name`` with ``old`` replaced by ``new`` in its body XML."""
    data = default_bytes(name)
    xml = body(data)
    assert xml.count(old) >= count, f"{old!r} is not in {name}"
    return rezip(data, {"word/document.xml": xml.replace(old, new, count).encode("utf-8")})


def paragraph(text: str) -> str:
    """A plain paragraph of Word XML holding ``text`` in one run (``text`` is XML already)."""
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def with_paragraph_after(name: str, anchor: str, xml: str) -> bytes:
    """The default of ``name`` with the paragraph ``xml`` added after the one holding
    ``anchor``."""
    data = default_bytes(name)
    doc = body(data)
    at = doc.index(anchor)
    end = doc.index("</w:p>", at) + len("</w:p>")
    return rezip(data, {"word/document.xml": (doc[:end] + xml + doc[end:]).encode("utf-8")})
