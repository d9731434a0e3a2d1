"""The document card (the Kazakh practice): one PDF that carries a signed document whole.

The card is the readable PDF of the document (LibreOffice, :mod:`.pdf`), then a signature
sheet listing every signature (signer, method, certificate subject, serial, issuer, IIN/BIN,
role, time, the SHA-256 of the bytes signed), with the original .docx and every CMS
signature file attached inside it as embedded files, byte for byte: whoever receives the
card can check each CMS against the .docx without this server.

Cards are cached by the document's hash, its signature set and the sheet's language. No
Flask here: the pages pass the converter settings and the translation function.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from collections.abc import Callable
from typing import Any

import docx
from docx.shared import Cm
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from sqlalchemy import select

from workflows.errors import N_

from ..auth.models import User
from ..extensions import db
from ..organizations.models import Organization
from . import pdf
from .models import Document, Signature
from .storage import Storage

#: bumped when the card's layout changes, so that cached cards are made again
CARD_FORMAT = "1"

#: a translation function: ``translate(message, **params)`` (the pages pass gettext)
Translate = Callable[..., str]

ROLE_NAMES = {"first_head": N_("first head"), "sign_right": N_("right to sign"),
              "employee": N_("employee"), "individual": N_("individual"),
              "organization": N_("legal entity")}


def _plain(message: str, **params: Any) -> str:
    return message % params if params else message


def cms_filename(doc: Document, sig: Signature) -> str:
    """The name a signature's CMS is attached (and downloaded) under."""
    return doc.filename.rsplit(".", 1)[0] + f".signature-{sig.id}.p7s"


def card_filename(doc: Document) -> str:
    return doc.filename.rsplit(".", 1)[0] + ".card.pdf"


def card_key(doc: Document, locale: str) -> str:
    """What a card depends on: the document's bytes, its signatures and the language."""
    parts = [CARD_FORMAT, doc.sha256, locale,
             *(f"{s.id}:{s.method}:{s.cms_sha256 or ''}:{s.signed_at.isoformat()}"
               for s in sorted(doc.signatures, key=lambda s: s.id))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def card_bytes(store: Storage, doc: Document, *, locale: str = "en",
               translate: Translate = _plain, command: str | None = None,
               timeout: float = pdf.DEFAULT_TIMEOUT) -> bytes:
    """The card of ``doc`` (made once per signature set and language, then read from the
    cache). ``FileNotFoundError`` without a converter; :class:`pdf.ConversionFailed` when a
    conversion fails or the stored file does not match the document's fingerprint."""
    cached = store.root / "cards" / f"{card_key(doc, locale)}.pdf"
    if cached.exists():
        return cached.read_bytes()
    original = store.get(doc.sha256)
    if hashlib.sha256(original).hexdigest() != doc.sha256:
        raise pdf.ConversionFailed(f"document {doc.id}: stored bytes do not match its SHA-256")
    readable = pdf.pdf_bytes(store, doc.sha256, command=command, timeout=timeout)
    sheet_sha = store.put(signature_sheet(doc, translate))
    sheet = pdf.pdf_bytes(store, sheet_sha, command=command, timeout=timeout)

    writer = PdfWriter()
    try:
        writer.append(PdfReader(io.BytesIO(readable)))
        writer.append(PdfReader(io.BytesIO(sheet)))
    except PyPdfError as err:  # the converter wrote something that is not a PDF
        raise pdf.ConversionFailed(f"the converter's PDF cannot be read: {err}") from err
    writer.add_attachment(doc.filename, original)
    for sig in doc.signatures:
        if sig.method == "eds" and sig.cms_sha256:
            writer.add_attachment(cms_filename(doc, sig), store.get(sig.cms_sha256))
    writer.add_metadata({"/Title": doc.title,
                         "/Subject": translate(N_("Document card: %(number)s, SHA-256 "
                                                  "%(sha)s"), number=doc.number,
                                               sha=doc.sha256)})
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, cached)
    return data


def _when(value: dt.datetime | None) -> str:
    if value is None:
        return "—"
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def signature_sheet(doc: Document, translate: Translate = _plain) -> bytes:
    """The .docx of the card's last page: the document's facts and each signature's."""
    t = translate
    signer_ids = list(dict.fromkeys([*doc.required_signer_ids,
                                     *(s.signer_id for s in doc.signatures)]))
    people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(signer_ids)))} \
        if signer_ids else {}
    org_ids = {s.organization_id for s in doc.signatures}
    orgs = {o.id: o.name for o in db.session.scalars(
        select(Organization).where(Organization.id.in_(org_ids)))} if org_ids else {}

    sheet = docx.Document()
    sheet.add_heading(t(N_("Document card")), level=1)
    facts = [(t(N_("Document")), doc.title), (t(N_("Number")), doc.number),
             (t(N_("File")), doc.filename), (t(N_("Issued")), _when(doc.created_at)),
             (t(N_("SHA-256 fingerprint")), doc.sha256)]
    if doc.superseded:
        facts.append((t(N_("Status")), t(N_("superseded"))))
    _table(sheet, facts)

    sheet.add_heading(t(N_("Signatures")), level=2)
    if not doc.signatures:
        sheet.add_paragraph(t(N_("No signature yet.")))
    for n, sig in enumerate(doc.signatures, 1):
        who = people.get(sig.signer_id)
        name = who.name if who is not None else str(sig.signer_id)
        sheet.add_heading(f"{n}. {name}", level=3)
        rows = [(t(N_("Organisation")), orgs.get(sig.organization_id, "—")),
                (t(N_("Signed at")), _when(sig.signed_at)),
                (t(N_("SHA-256 of the bytes signed")), sig.document_sha256)]
        if sig.method == "eds":
            roles = ", ".join(t(ROLE_NAMES[r]) if r in ROLE_NAMES else r for r in sig.roles)
            rows[1:1] = [(t(N_("Method")), t(N_("EDS (NCA RK), detached CMS")))]
            rows += [(t(N_("Certificate subject")), sig.cert_subject or "—"),
                     (t(N_("Serial number")), sig.cert_serial or "—"),
                     (t(N_("Issuer")), sig.cert_issuer or "—"),
                     (t(N_("IIN")), sig.cert_iin or "—"), (t(N_("BIN")), sig.cert_bin or "—"),
                     (t(N_("Role")), roles or "—"),
                     (t(N_("Algorithm")), sig.cert_algorithm or "—"),
                     (t(N_("Certificate valid")), f"{_when(sig.cert_not_before)} — "
                                                  f"{_when(sig.cert_not_after)}"),
                     (t(N_("Attached CMS")), cms_filename(doc, sig)),
                     (t(N_("SHA-256 of the CMS")), sig.cms_sha256 or "—")]
        else:
            rows[1:1] = [(t(N_("Method")), t(N_("typed name with consent"))),
                         (t(N_("Typed name")), sig.typed_name or "—")]
            rows += [(t(N_("IP address")), sig.ip or "—")]
        _table(sheet, rows)
    pending = [uid for uid in doc.pending_signer_ids()]
    if pending:
        sheet.add_heading(t(N_("Not signed")), level=2)
        for uid in pending:
            who = people.get(uid)
            sheet.add_paragraph(who.name if who is not None else str(uid), style="List Bullet")
    sheet.add_paragraph(t(N_("Attached inside this PDF: the original %(file)s and each EDS "
                             "signature's CMS file (.p7s), byte for byte: a CMS verifies "
                             "against the attached original."), file=doc.filename))
    out = io.BytesIO()
    sheet.save(out)
    return out.getvalue()


def _table(sheet: Any, rows: list[tuple[str, str]]) -> None:
    table = sheet.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
        # a narrow label column, so that hashes and certificate subjects have the room
        cells[0].width, cells[1].width = Cm(4.5), Cm(12)
