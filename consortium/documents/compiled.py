"""A docxtpl-compatible renderer that opens, patches and compiles each template only once.

docxtpl's own ``DocxTemplate(path).render(ctx); save()`` re-reads and re-parses the .docx,
recompiles the Jinja template of every part and re-serialises every part on every call. Here
each template file is read once: its parts that hold tags (body, headers, footers, footnotes,
core properties) are pre-processed with docxtpl's own ``patch_xml`` and compiled; a render
runs the compiled templates, applies docxtpl's post-processing (listings, escaped braces) and
writes the archive, reusing the bytes of every unchanged part. The cache is keyed by the
template file's SHA-256, so an edited default or a newly activated version can never be
served from a stale compilation.
"""
from __future__ import annotations

import hashlib
import io
import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, Template
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_TAGGED_PART = re.compile(r"^word/(header\d*|footer\d*|footnotes)\.xml$")
_PARAGRAPH = re.compile(r"<w:p([ >])")
_PARAGRAPH_MARKED = re.compile(r"\n<w:p([ >])")
_BODY_MARK = "CONSORTIUM-BODY-PLACEHOLDER"
#: a paragraph, as docxtpl's ``resolve_listing`` finds them
_LISTING_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
#: a text run holding one of the characters ``resolve_listing`` turns into Word markup
#: (tab, new line, new paragraph, page break); text never holds "<", so one run is [^<]*
_LISTING_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")


class BrokenDocument(ValueError):
    """The rendered XML is not well-formed; nothing is written."""


@dataclass(frozen=True)
class _Part:
    template: Template
    prefix: str
    suffix: str
    #: docxtpl's part post-processing (listings, escaped braces) applies to Word XML parts
    word_xml: bool
    fix_tables: bool


class CompiledTemplate:
    """One .docx template, parsed and compiled once; ``render`` is thread-safe."""

    def __init__(self, path: Path, env: Environment, data: bytes | None = None):
        self.path = path
        self.mtime_ns = path.stat().st_mtime_ns if data is None or path.exists() else 0
        if data is None:
            data = path.read_bytes()
        self.sha256 = hashlib.sha256(data).hexdigest()
        # only for its patch_xml and resolve_listing
        self._docxtpl = DocxTemplate(io.BytesIO(data))
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.entries = [(info, z.read(info.filename)) for info in z.infolist()]
        self.parts: dict[str, _Part] = {}
        for info, data in self.entries:
            name = info.filename
            if name == "word/document.xml":
                self.parts[name] = self._compile_document(data, env)
            elif _TAGGED_PART.match(name) and _has_tags(data):
                xml = self._docxtpl.patch_xml(_serialise(etree.fromstring(data)))
                self.parts[name] = _Part(env.from_string(_mark(xml)), DECLARATION, "", True,
                                         False)
            elif name == "docProps/core.xml" and _has_tags(data):
                self.parts[name] = _Part(env.from_string(data.decode("utf-8")), "", "", False,
                                         False)

        self._dates = {info.filename: info.date_time for info, _ in self.entries}
        base = io.BytesIO()
        with zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in self.entries:
                if info.filename not in self.parts:
                    z.writestr(info, data)
        self._base = base.getvalue()

    def _compile_document(self, data: bytes, env: Environment) -> _Part:
        root = etree.fromstring(data)
        body = root.find(f"{{{W_NS}}}body")
        patched = self._docxtpl.patch_xml(_serialise(body))
        marker = etree.Comment(_BODY_MARK)
        root.replace(body, marker)
        prefix, suffix = _serialise(root).split(f"<!--{_BODY_MARK}-->")
        return _Part(env.from_string(_mark(patched)), DECLARATION + prefix, suffix, True,
                     "{%tc" in patched)

    def render(self, context: dict[str, Any]) -> bytes:
        rendered: dict[str, bytes] = {}
        for name, part in self.parts.items():
            xml = part.template.render(context)
            if part.word_xml:
                xml = _PARAGRAPH_MARKED.sub(r"<w:p\1", xml)
                xml = (xml.replace("{_{", "{{").replace("}_}", "}}")
                       .replace("{_%", "{%").replace("%_}", "%}"))
                xml = self._resolve_listing(xml)
                if part.fix_tables:
                    xml = _serialise(self._docxtpl.fix_tables(xml))
            text = part.prefix + xml + part.suffix
            try:
                etree.fromstring(text.encode("utf-8"))
            except etree.XMLSyntaxError as err:
                raise BrokenDocument(f"{self.path.name}: {name} would not be well-formed: "
                                     f"{err}") from None
            rendered[name] = text.encode("utf-8")
        # The unchanged parts were compressed once into ``_base``; a render appends its parts.
        out = io.BytesIO(self._base)
        out.seek(0, io.SEEK_END)
        with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
            for name in self.parts:
                entry = zipfile.ZipInfo(name, date_time=self._dates[name])
                entry.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(entry, rendered[name], compresslevel=1)
        return out.getvalue()


    def _resolve_listing(self, xml: str) -> str:
        """docxtpl's ``resolve_listing``, applied only to the paragraphs that need it (the
        others come out unchanged, and most paragraphs are such): the same output, without
        its three nested regular expressions over every run of the document."""
        resolve = self._docxtpl.resolve_listing

        def paragraph(m: re.Match[str]) -> str:
            text = m.group(0)
            return resolve(text) if _LISTING_TEXT.search(text) else text
        return _LISTING_PARAGRAPH.sub(paragraph, xml)


def _has_tags(data: bytes) -> bool:
    return b"{{" in data or b"{%" in data


def _mark(xml: str) -> str:
    """docxtpl renders with a newline before each paragraph (its line-based tags rely on it)."""
    return _PARAGRAPH.sub(r"\n<w:p\1", xml)


def _serialise(element) -> str:
    return etree.tostring(element, encoding="unicode", pretty_print=False)


class TemplateCache:
    """Compiled templates by the SHA-256 of their file; safe across threads.

    ``get(path)`` hashes the file again whenever its size or modification time changed (a
    default edited in place); ``get(path, sha)`` is for content-addressed files, whose name
    is their hash. Either way the compilation served is the one of those exact bytes."""

    def __init__(self, env: Environment):
        self.env = env
        self._items: dict[str, CompiledTemplate] = {}
        #: path -> (mtime_ns, size, sha256) of the file when it was last hashed
        self._hashed: dict[Path, tuple[int, int, str]] = {}
        self._lock = threading.Lock()

    def sha_of(self, path: Path) -> str:
        """The SHA-256 of ``path`` as it is now (hashed again only when it changed)."""
        st = path.stat()
        known = self._hashed.get(path)
        if known is not None and known[:2] == (st.st_mtime_ns, st.st_size):
            return known[2]
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        self._hashed[path] = (st.st_mtime_ns, st.st_size, sha)
        return sha

    def get(self, path: Path, sha: str | None = None) -> CompiledTemplate:
        if sha is None:
            sha = self.sha_of(path)
        item = self._items.get(sha)
        if item is not None:
            return item
        with self._lock:
            item = self._items.get(sha)
            if item is None:
                data = path.read_bytes()
                item = CompiledTemplate(path, self.env, data)
                if item.sha256 != sha:  # changed between hashing and reading: key by content
                    self._hashed.pop(path, None)
                self._items[item.sha256] = item
        return item
