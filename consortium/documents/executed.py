"""An executed agreement is the signed document itself, followed by its execution page.

The parties sign one document's bytes (its SHA-256 is in each signature). The executed copy
must not say anything else: rendering the agreement's template again, after activation, would
print what the record says *now* (a term "until 1 December 2033" that the signed text did not
have). So the executed document is made of the signed document's body, element for element
and byte for byte, followed by the body of the executed template (the execution page, which
reproduces who signed and when, and the signature certificate). Header, footer, styles and
every other part of the package are the signed document's.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree
from sqlalchemy import select

from ..extensions import db
from .models import Document

#: the executed template and the template of the agreement whose signed text it reproduces
SIGNED_TEMPLATE = {
    "executed_license_agreement": "license_agreement",
    "executed_consortium_agreement": "consortium_agreement",
}

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BODY_PART = "word/document.xml"


def signed_document(record_type: str, record_id: int, template: str) -> Document | None:
    """The record's signed agreement that ``template`` (an executed template) reproduces: the
    newest current document of the signed template that every required signer has signed."""
    signed = SIGNED_TEMPLATE[template]
    docs = db.session.scalars(
        select(Document).where(Document.record_type == record_type,
                               Document.record_id == record_id, Document.template == signed,
                               Document.superseded.is_(False))
        .order_by(Document.sequence.desc()))
    for doc in docs:
        if not doc.pending_signer_ids():
            return doc
    return None


def body_elements(docx: bytes) -> list[etree._Element]:
    """The block elements of a .docx body, without its final section properties."""
    root = _document_root(docx)
    body = root.find(f"{{{W}}}body")
    return [child for child in body if child.tag != f"{{{W}}}sectPr"]


def compose(signed: bytes, execution: bytes) -> bytes:
    """The signed package with the body of ``execution`` appended to its body (before its
    section properties); every part of ``signed`` other than the body is kept as it is."""
    root = _document_root(signed)
    body = root.find(f"{{{W}}}body")
    section = body.find(f"{{{W}}}sectPr")
    for element in body_elements(execution):
        if element.xpath(".//@r:id | .//@r:embed | .//@r:link", namespaces={"r": R}):
            raise ValueError("the execution page refers to a part of its own package")
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)
    new_body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(signed)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = new_body if info.filename == BODY_PART else src.read(info.filename)
            dst.writestr(info, data)
    return out.getvalue()


def _document_root(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return etree.fromstring(z.read(BODY_PART))
