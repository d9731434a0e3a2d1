"""Is an uploaded .docx a plain Word document? Checked on the zip's directory, before parsing.

Nothing here decompresses more than the declared sizes allow: the central directory is read
(sizes, names, compression ratio) and refused if it could be a zip bomb, escapes a directory,
carries macros or points outside the document; only then are the few small XML parts that
name relationships and content types read, each with a hard cap.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from workflows.errors import N_

#: the largest upload accepted, as the app accepts any request (the shipped ones are ~50 kB)
MAX_UPLOAD = 2 * 1024 * 1024
#: the most the members may expand to, in all
MAX_TOTAL = 50 * 1024 * 1024
#: a member may not expand more than this many times its compressed size
MAX_RATIO = 100
MAX_MEMBERS = 500
#: relationship and content-type parts are read only up to this size
MAX_META_PART = 2 * 1024 * 1024

_EXTERNAL = re.compile(rb"TargetMode\s*=\s*[\"']External[\"']", re.I)
_MACRO_TYPES = (b"macroEnabled", b"vbaProject", b"vbaData", b"ms-office.activeX",
                b"application/vnd.ms-word.document.macroEnabled")


@dataclass(frozen=True)
class ArchiveProblem:
    where: str
    message: str


def inspect(data: bytes) -> list[ArchiveProblem]:
    """What is wrong with ``data`` as an uploaded .docx (empty: it is safe to parse)."""
    if len(data) > MAX_UPLOAD:
        return [ArchiveProblem("file", N_("The file is larger than 2 MB."))]
    if not data.startswith(b"PK"):
        return [ArchiveProblem("file", N_("This is not a .docx file (not a zip archive)."))]
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return [ArchiveProblem("file", N_("This is not a .docx file (a damaged zip archive)."))]
    problems: list[ArchiveProblem] = []
    if len(infos) > MAX_MEMBERS:
        return [ArchiveProblem("file", N_("The archive has too many members."))]
    total = 0
    names = set()
    for info in infos:
        name = info.filename
        names.add(name)
        total += info.file_size
        if (name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/")
                or ":" in name or "\\" in name or "\x00" in name):
            problems.append(ArchiveProblem(name, N_("A member's path leaves the archive.")))
        if info.flag_bits & 0x1:
            problems.append(ArchiveProblem(name, N_("A member is encrypted.")))
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1_000_000:
            problems.append(ArchiveProblem(name, N_(
                "A member expands far more than a Word document does (a zip bomb).")))
        lowered = name.lower()
        if "vbaproject" in lowered or lowered.endswith((".bin", ".exe", ".dll")) \
                or "activex" in lowered:
            problems.append(ArchiveProblem(name, N_("The document carries macros or "
                                                    "embedded programs.")))
    if total > MAX_TOTAL:
        problems.append(ArchiveProblem("file", N_(
            "The archive expands to more than 50 MB (a zip bomb).")))
    if problems:
        return problems
    for required in ("[Content_Types].xml", "word/document.xml"):
        if required not in names:
            problems.append(ArchiveProblem(required, N_(
                "A Word document's part is missing: this is not a .docx file.")))
    if problems:
        return problems
    for info in infos:
        name = info.filename
        if not (name == "[Content_Types].xml" or name.endswith(".rels")):
            continue
        if info.file_size > MAX_META_PART:
            problems.append(ArchiveProblem(name, N_("A part is too large.")))
            continue
        part = z.read(name)
        if name == "[Content_Types].xml" and any(m.lower() in part.lower()
                                                 for m in _MACRO_TYPES):
            problems.append(ArchiveProblem(name, N_(
                "The document is macro-enabled (.docm); save it as a plain .docx.")))
        if _EXTERNAL.search(part):
            problems.append(ArchiveProblem(name, N_(
                "The document links to something outside itself (an external "
                "relationship); remove linked images, templates or fields.")))
    return problems
