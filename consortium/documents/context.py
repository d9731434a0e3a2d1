"""Building blocks of every document's context: plain strings, dates and people, never models.

Templates only ever see dicts, lists and strings made here, so a template cannot reach a model,
a session or a method, and every user value passes through ``clean`` on its way in.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from docxtpl import Listing
from sqlalchemy import select

from ..auth.models import User, signatory_id
from ..extensions import db
from ..money import format_money
from ..organizations.details import formatted_iban
from ..validation import clean
from .language import Amount, Label, LocalDate
from .models import Document

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def text(value: Any) -> str:
    """A one-line string for a template ("" for None)."""
    if value is None:
        return ""
    return clean(str(value))


def multiline(value: str | None) -> Listing | str:
    """Text whose line breaks must survive in Word; escaped by docxtpl's Listing."""
    if not value:
        return ""
    return Listing(clean(value).replace("\r\n", "\n").replace("\r", "\n"))


def long_date(value: dt.date | dt.datetime | None) -> str:
    """"23 November 2026" — unambiguous in every jurisdiction; in a Kazakh or Russian
    document "2026 жылғы 23 қараша", "23 ноября 2026 г." (a :class:`LocalDate`, which
    ``language.localize`` turns into the document's language)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC).date()
    return LocalDate(value)


def money(value: Any) -> str:
    """An amount as contracts print it: 1234567.5 -> "1 234 567.50", two decimals, plain
    spaces (a thin space is easier to misread than a plain one); "" for none. Kazakh and
    Russian documents print it with a decimal comma ("1 234 567,50", :class:`Amount`)."""
    if value is None:
        return ""
    return Amount(format_money(Decimal(value), places=2))


def percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    q = Decimal(value).normalize()
    return f"{q:f}"


def user_by_id(uid: int | None) -> User | None:
    """The user ``uid`` for a document's context: read without first writing the
    transition's pending changes, which decide nothing about a person (so that a transition
    reads and renders its document before it writes, and on SQLite takes the write lock
    only then; see ``db.unit_of_work``)."""
    if not uid:
        return None
    with db.session.no_autoflush:
        return db.session.get(User, uid)


def organization(org) -> dict[str, str]:
    """An organisation as a party block: name, kind, country, BIN, address, signatory."""
    if org is None:
        return {"name": "", "kind": "", "country": "", "bin": "", "address": "",
                "signatory_name": "", "signatory_title": "", "legal_form": "", "iban": "",
                "bik": "", "bank_name": "", "kbe": "", "signatory_basis": ""}
    sid = signatory_id(org)
    signatory = user_by_id(sid)
    return {
        "name": text(org.name),
        "kind": Label(text(org.kind.value.replace("_", " "))),
        "country": text(org.country),
        "bin": text(org.bin),
        "address": text(org.address),
        "signatory_name": text(signatory.name if signatory else ""),
        "signatory_title": text(org.signatory_title or (signatory.title if signatory else "")),
        # the details a counterparty expects (legal form, bank, the signatory's authority)
        "legal_form": text(getattr(org, "legal_form", None)),
        "iban": text(formatted_iban(getattr(org, "iban", None))),
        "bik": text(getattr(org, "bik", None)),
        "bank_name": text(getattr(org, "bank_name", None)),
        "kbe": text(getattr(org, "kbe", None)),
        "signatory_basis": text(getattr(org, "signatory_basis", None)),
    }


def person(user) -> dict[str, str]:
    if user is None:
        return {"name": "", "title": "", "organization": "", "email": ""}
    return {"name": text(user.name), "title": text(user.title),
            "organization": text(user.organization.name), "email": text(user.email)}


def signature_certificate(record_type: str, record_id: int, template: str) -> list[dict[str, str]]:
    """Who signed the record's current ``template`` document, for a signature certificate."""
    doc = db.session.scalar(select(Document).where(
        Document.record_type == record_type, Document.record_id == record_id,
        Document.template == template, Document.superseded.is_(False))
        .order_by(Document.id.desc()).limit(1))
    if doc is None:
        return []
    out = []
    for s in doc.signatures:
        user = user_by_id(s.signer_id)
        eds = s.method == "eds"
        out.append({"name": text(user.name if user else ""),
                    "title": text(user.title if user else ""),
                    "organization": text(user.organization.name if user else ""),
                    "method": "eds" if eds else "typed",
                    "typed_name": text(s.typed_name),
                    "signed_at": s.signed_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    "document_number": text(doc.number),
                    "document_sha256": s.document_sha256, "ip": text(s.ip),
                    # an EDS: the certificate it was verified with
                    "certificate_subject": text(s.cert_subject) if eds else "",
                    "certificate_serial": text(s.cert_serial) if eds else "",
                    "certificate_issuer": text(s.cert_issuer) if eds else "",
                    "iin": text(s.cert_iin) if eds else "",
                    "bin": text(s.cert_bin) if eds else "",
                    "role": text(", ".join(s.roles)) if eds else "",
                    "algorithm": text(s.cert_algorithm) if eds else "",
                    "cms_sha256": text(s.cms_sha256) if eds else ""})
    return out
