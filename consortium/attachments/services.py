"""Attaching files to records: checking them, storing them by SHA-256, auditing, listing."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import select

from workflows.errors import N_

from .. import workflow
from ..audit.models import Event
from ..audit.services import append_event, store_check
from ..auth.models import User
from ..documents.services import storage
from ..errors import AppError, Invalid, NotFound
from ..extensions import db
from ..validation import valid_id
from .models import KINDS, Attachment

#: the default largest attachment, in bytes (``CONSORTIUM_ATTACHMENT_MAX_BYTES``)
DEFAULT_MAX_BYTES = 2 * 1024 * 1024 - 64 * 1024


class TooLarge(AppError):
    code, status = "too_large", 413


@dataclass(frozen=True)
class Owner:
    """The record an attachment belongs to as the audit log names it, and its state."""

    record_type: str
    record_id: int
    state: str | None
    #: extra facts for the audit event (e.g. the filing of a disclosure)
    data: dict


#: how to find, for ``user``, the record of an attachment whose record type is not a
#: workflow's: ``resolve(record_id, user) -> Owner`` raising NotFound when it is not visible
_OWNERS: dict[str, Callable[[int, Any], Owner]] = {}


def owner_type(record_type: str):
    """Register the decorated resolver of the attachments of ``record_type``."""
    def add(fn: Callable[[int, Any], Owner]) -> Callable[[int, Any], Owner]:
        _OWNERS[record_type] = fn
        return fn
    return add


def owner_of(record_type: str, record_id: Any, user) -> Owner:
    """The record ``user`` may see, else 404 (never 403: nothing about it leaks)."""
    if not valid_id(record_id):
        raise NotFound(N_("No such record."))
    if record_type in _OWNERS:
        return _OWNERS[record_type](int(record_id), user)
    rt = workflow.REGISTRY.get(record_type)
    if rt is None:
        raise NotFound(N_("No such record."))
    record = workflow.get_visible(rt, record_id, user)
    return Owner(rt.name, record.id, record.state, {})


# -- what a file is ---------------------------------------------------------------------------
#: detected type -> (MIME type, the extensions a download name may keep)
TYPES = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "txt": ("text/plain; charset=utf-8", (".txt", ".csv", ".md")),
}
_MARKUP = re.compile(rb"^\s*(<|\xef\xbb\xbf\s*<)")


def sniff(data: bytes) -> str | None:
    """The type of ``data`` read from its bytes (magic numbers, the parts of an OOXML zip,
    plain UTF-8 text that is not markup), or None for anything else: HTML, SVG, scripts,
    executables are refused whatever they are called."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
        return None
    if b"\x00" in data or _MARKUP.match(data):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text):
        return None
    return "txt"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f"*:<>?|]+')


def safe_filename(name: Any, detected: str) -> str:
    """The last part of ``name`` (no directories, whichever slash they use), without control
    or shell characters, ending in an extension of the type found in the content."""
    raw = name if isinstance(name, str) else ""
    base = re.split(r"[\\/]", raw)[-1]
    base = _UNSAFE.sub("_", unicodedata.normalize("NFC", base)).strip(" .")
    base = base[:200] or "attachment"
    extensions = TYPES[detected][1]
    if not base.lower().endswith(extensions):
        base += extensions[0]
    return base


def max_bytes() -> int:
    return int(current_app.config.get("ATTACHMENT_MAX_BYTES") or DEFAULT_MAX_BYTES)


# -- attaching, listing, reading -----------------------------------------------------------
def attach(user: User, record_type: str, record_id: Any, *, kind: Any, note: Any,
           filename: Any, data: bytes | None) -> Attachment:
    """Attach a file to a record ``user`` sees: checked, stored by its SHA-256 and recorded
    by an audit event in the record's history (the caller's unit of work commits)."""
    owner = owner_of(record_type, record_id, user)
    errors: dict[str, str] = {}
    if kind not in KINDS:
        errors["kind"] = N_("choose one of: drawing, lab_notebook, prior_art, office_action, "
                            "signed_scan, other")
    if note is not None and not isinstance(note, str):
        errors["note"] = N_("must be text")
    elif note and len(note) > 1000:
        errors["note"] = N_("at most 1000 characters")
    if not data:
        errors["file"] = N_("choose a file to attach")
    if errors:
        raise Invalid(errors)
    assert data is not None
    if len(data) > max_bytes():
        raise TooLarge("too_large", N_("The file is larger than %(limit)s bytes."),
                       {"file": N_("too large")}, limit=max_bytes())
    detected = sniff(data)
    if detected is None:
        raise Invalid({"file": N_("this kind of file cannot be attached: PDF, PNG, JPEG, "
                                  "Word (.docx), Excel (.xlsx) or plain text only")})
    sha = storage().put(data)
    name = safe_filename(filename, detected)
    a = Attachment(record_type=record_type, record_id=int(record_id), kind=kind,
                   note=(note or "").strip() or None, filename=name,
                   content_type=TYPES[detected][0], size=len(data), sha256=sha,
                   uploaded_by_id=user.id)
    db.session.add(a)
    db.session.flush()
    event = append_event(owner.record_type, owner.record_id, "attach", owner.state,
                         owner.state, user.id, data={
                             "attachment_id": a.id, "sha256": sha, "filename": name,
                             "kind": kind, "size": len(data), **owner.data})
    a.event_id = event.id
    a.uploaded_at = event.at
    return a


def attachments_of(record_type: str, record_id: int) -> list[Attachment]:
    """The attachments of a record (its visibility checked by the caller), newest first."""
    return list(db.session.scalars(select(Attachment).where(
        Attachment.record_type == record_type, Attachment.record_id == record_id)
        .order_by(Attachment.id.desc())))


def visible_attachment(attachment_id: Any, user) -> Attachment:
    """The attachment if ``user`` sees its record; else 404."""
    if not valid_id(attachment_id):
        raise NotFound(N_("No such attachment."))
    a = db.session.get(Attachment, int(attachment_id))
    if a is None:
        raise NotFound(N_("No such attachment."))
    try:
        owner_of(a.record_type, a.record_id, user)
    except NotFound:
        raise NotFound(N_("No such attachment.")) from None
    return a


def content(a: Attachment) -> bytes:
    return storage().get(a.sha256)


def to_dict(a: Attachment, uploader: str | None = None) -> dict:
    return {"id": a.id, "record_type": a.record_type, "record_id": a.record_id,
            "kind": a.kind, "note": a.note, "filename": a.filename,
            "content_type": a.content_type, "size": a.size, "sha256": a.sha256,
            "uploaded_by_id": a.uploaded_by_id, "uploaded_by": uploader,
            "uploaded_at": a.uploaded_at.isoformat(), "event_id": a.event_id}


def uploader_names(items: list[Attachment]) -> dict[int, str]:
    ids = {a.uploaded_by_id for a in items}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all()) \
        if ids else {}


@store_check
def check_attachments(store, batch: int) -> Iterator[tuple[str, int, str | None]]:
    """Each attachment's file must hold the bytes its SHA-256 names, and that SHA-256 must be
    the one its audit event recorded."""
    last = 0
    while True:
        rows = db.session.execute(
            select(Attachment.id, Attachment.sha256, Attachment.event_id)
            .where(Attachment.id > last).order_by(Attachment.id).limit(batch)).all()
        if not rows:
            return
        recorded = dict(db.session.execute(select(Event.id, Event.data).where(
            Event.id.in_([r.event_id for r in rows if r.event_id]))).all())
        for att_id, sha, event_id in rows:
            last = att_id
            data = recorded.get(event_id) or {}
            if data.get("attachment_id") != att_id or data.get("sha256") != sha:
                yield "attachment", att_id, "its SHA-256 is not the one its audit event recorded"
                continue
            on_disk = store.digest_of_stored(sha)
            if on_disk is None:
                yield "attachment", att_id, "its file is missing"
            elif on_disk != sha:
                yield "attachment", att_id, "its file's bytes do not match the recorded SHA-256"
            else:
                yield "attachment", att_id, None
