"""A .docx document as plain paragraphs, for reading it on the page before signing it."""
from __future__ import annotations

import io

import docx

#: a page shows at most this much of a document; the download has all of it
MAX_CHARS = 200_000


def paragraphs(data: bytes) -> list[str]:
    """The text of the document's body, in order: paragraphs, then each table row with its
    cells apart by " | "; empty paragraphs dropped; cut at ``MAX_CHARS``."""
    document = docx.Document(io.BytesIO(data))
    out: list[str] = []
    size = 0
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines = ["".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))]
        elif tag == "tbl":
            lines = [" | ".join("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                                for cell in row.iterchildren() if cell.tag.endswith("}tc"))
                     for row in block.iterchildren() if row.tag.endswith("}tr")]
        else:
            continue
        for line in lines:
            if line.strip():
                out.append(line.strip())
                size += len(line)
        if size > MAX_CHARS:
            break
    return out
