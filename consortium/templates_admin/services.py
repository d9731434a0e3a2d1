"""Template versions that legal staff own: upload (checked), preview, compare, activate, retire.

A version is accepted only when it passes every rule of :mod:`.check`; it is then a draft of
its organisation. A second legal user of the same organisation activates it (four eyes: the
uploader cannot), which retires the version it replaces; from then on the organisation's new
documents of that template use it. Retiring the active version returns them to the default.
Documents already issued keep the template version and SHA-256 they record.

Each upload, activation and retirement appends an event to the audit hash chain (record type
``template_version``, the version's id): who, which template, the version and its SHA-256.
The template's page lists them as its history, and ``audit verify`` checks that each stored
version file still holds the bytes its upload event recorded.
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from workflows.errors import N_, Text

from ..audit.models import Event
from ..audit.services import append_event, store_check
from ..auth.models import Role, User
from ..db import utcnow
from ..documents import rendering
from ..documents.language import LANGUAGES
from ..documents.services import storage
from ..documents.versions import ACTIVE, DRAFT, RETIRED, TemplateVersion, in_use_key
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..extensions import db
from ..organizations.models import Organization
from ..validation import valid_id
from . import check, samples


class TemplateRefused(Invalid):
    """The upload breaks rules of the check: 422 with each rule named (``problems``)."""

    def __init__(self, problems: list[check.Problem]):
        fields: dict[str, str] = {}
        for p in problems:
            line = f"{p.message} — at: {p.where}"
            fields[p.rule] = f"{fields[p.rule]}; {line}" if p.rule in fields else line
        super().__init__(fields, N_("The template breaks the rules named below; nothing was "
                                    "uploaded."))
        self.problems = problems


#: the audit log's record type of a template version (the event's record id is the version's)
AUDIT_TYPE = "template_version"
#: the audited steps of a version, as its template's history names them
STEPS = {"template_upload": N_("Uploaded"), "template_activate": N_("Activated"),
         "template_retire": N_("Retired")}


def _audit(v: TemplateVersion, trigger: str, before: str | None, user, **extra) -> None:
    """One event in the audit chain: who did ``trigger`` to which version (template, version
    label, SHA-256 of its file, organisation)."""
    append_event(AUDIT_TYPE, v.id, trigger, before, v.state, user.id,
                 data={"template": v.template, "version": v.version, "sha256": v.sha256,
                       "organization_id": v.organization_id, **extra})


def history(user, name: str, limit: int = 200) -> list[dict[str, Any]]:
    """The audit events of the organisation's versions of ``name``, newest first, with the
    name of who did each (one query)."""
    _require_legal(user)
    _info(name)
    actor = aliased(User)
    ids = select(TemplateVersion.id).where(TemplateVersion.organization_id ==
                                           user.organization_id,
                                           TemplateVersion.template == name)
    rows = db.session.execute(
        select(Event, actor.name).outerjoin(actor, actor.id == Event.actor_id)
        .where(Event.record_type == AUDIT_TYPE, Event.record_id.in_(ids))
        .order_by(Event.id.desc()).limit(limit)).all()
    return [{"event_id": e.id, "at": e.at.isoformat(), "trigger": e.trigger,
             "step": STEPS.get(e.trigger, e.trigger), "version_id": e.record_id,
             "from_state": e.from_state, "to_state": e.to_state,
             "actor_id": e.actor_id, "actor": who or "",
             "version": (e.data or {}).get("version"), "sha256": (e.data or {}).get("sha256"),
             "replaced_by": (e.data or {}).get("replaced_by"), "hash": e.hash}
            for e, who in rows]


def _require_legal(user) -> None:
    if user.role != Role.legal:
        raise Forbidden(N_("Only legal staff manage contract templates."))


def template_names() -> list[str]:
    return list(rendering.manifest())


def _info(name: str) -> dict[str, Any]:
    try:
        return rendering.template_info(name)
    except LookupError:
        raise NotFound(N_("No such template.")) from None


def default_entry(name: str) -> dict[str, Any]:
    info = _info(name)
    path = rendering.template_path(name)
    return {"version": info["version"], "sha256": rendering.template_sha256(path),
            "file": info["file"]}


def org_versions(org_id: int, name: str | None = None) -> list[TemplateVersion]:
    stmt = select(TemplateVersion).where(TemplateVersion.organization_id == org_id)
    if name is not None:
        stmt = stmt.where(TemplateVersion.template == name)
    return list(db.session.scalars(stmt.order_by(TemplateVersion.template,
                                                 TemplateVersion.id.desc())))


def catalogue(user) -> list[dict[str, Any]]:
    """Every template: title, workflow, the default and this organisation's versions."""
    _require_legal(user)
    mine: dict[str, list[TemplateVersion]] = {}
    for v in org_versions(user.organization_id):
        mine.setdefault(v.template, []).append(v)
    out = []
    for name, info in rendering.manifest().items():
        versions = mine.get(name, [])
        active = {lang: next((v for v in versions if v.state == ACTIVE
                              and (v.language or "en") == lang), None) for lang in LANGUAGES}
        en = active["en"]
        out.append({"name": name, "title": info["title"], "code": info["code"],
                    "workflow": samples.workflow_of(name),
                    "default": default_entry(name),
                    "in_use": en.version if en else info["version"],
                    "active_version_id": en.id if en else None,
                    # per language (kk, ru, en): the version its documents use
                    "in_use_by_language": {
                        lang: {"version": v.version if v else info["version"],
                               "active_version_id": v.id if v else None}
                        for lang, v in active.items()},
                    "versions": [v.to_dict() for v in versions]})
    return out


def get_version(user, name: str, version_id: Any) -> TemplateVersion:
    """A version of ``name`` of the user's own organisation (404 for any other)."""
    _require_legal(user)
    _info(name)
    v = db.session.get(TemplateVersion, version_id) if valid_id(version_id) else None
    if v is None or v.template != name or v.organization_id != user.organization_id:
        raise NotFound(N_("No such template version."))
    return v


def version_bytes(v: TemplateVersion) -> bytes:
    return storage().get(v.sha256)


def language_of(value: Any) -> str:
    """The ``language`` of an upload (kk, ru or en; en when not given), else 422."""
    if value is None or value == "":
        return "en"
    if not isinstance(value, str) or value not in LANGUAGES:
        raise Invalid({"language": N_("must be one of kk, ru, en")})
    return value


def upload(user, name: str, filename: str, data: bytes,
           language: Any = "en") -> TemplateVersion:
    """Check ``data`` as a version of ``name`` in ``language`` (its text: kk, ru or en); a
    draft of the user's organisation if it passes every rule in that language, else
    :class:`TemplateRefused` naming each rule it breaks."""
    _require_legal(user)
    info = _info(name)
    language = language_of(language)
    if not filename.lower().endswith(".docx"):
        raise Invalid({"file": N_("upload a Word document (.docx)")})
    problems = check.check(data, name, language)
    if problems:
        raise TemplateRefused(problems)
    number = (db.session.scalar(select(func.max(TemplateVersion.number)).where(
        TemplateVersion.organization_id == user.organization_id,
        TemplateVersion.template == name)) or 0) + 1
    sha = storage().put(data)
    label = f"{info['version']}-o{user.organization_id}.{number}"
    if language != "en":
        label = f"{label}-{language}"
    v = TemplateVersion(template=name, organization_id=user.organization_id, number=number,
                        version=label[:20], language=language,
                        sha256=sha, size=len(data), filename=Path(filename).name[:300],
                        state=DRAFT, checks=[], uploaded_by_id=user.id, uploaded_at=utcnow())
    db.session.add(v)
    db.session.flush()
    # a Kazakh or Russian version's event names its language (English: as before)
    _audit(v, "template_upload", None, user, filename=v.filename, size=v.size,
           **({"language": language} if language != "en" else {}))
    return v


def _set_in_use(org: Organization, name: str, v: TemplateVersion | None,
                language: str = "en") -> None:
    chosen = dict(org.template_versions or {})
    key = in_use_key(name, language)
    if v is None:
        chosen.pop(key, None)
    else:
        chosen[key] = {"id": v.id, "version": v.version, "sha256": v.sha256,
                       "language": language}
    org.template_versions = chosen or None


def activate(user, v: TemplateVersion) -> TemplateVersion:
    """Four eyes: a legal user of the version's organisation other than its uploader."""
    _require_legal(user)
    if user.organization_id != v.organization_id:
        raise NotFound(N_("No such template version."))
    if user.id == v.uploaded_by_id:
        raise Forbidden(N_("A second legal user must activate this version: you uploaded it."))
    if v.state != DRAFT:
        raise Conflict("wrong_state", Text(N_("Only a draft can be activated; this version "
                                              "is %(state)s."), state=v.state))
    org = db.session.get(Organization, v.organization_id, with_for_update=True)
    now = utcnow()
    language = v.language or "en"
    replaced = [other for other in org_versions(v.organization_id, v.template)
                if other.state == ACTIVE and (other.language or "en") == language]
    for other in replaced:
        other.state, other.retired_at, other.retired_by_id = RETIRED, now, user.id
    v.state, v.activated_at, v.activated_by_id = ACTIVE, now, user.id
    _set_in_use(org, v.template, v, language)
    db.session.flush()
    for other in replaced:
        _audit(other, "template_retire", ACTIVE, user, replaced_by=v.id)
    _audit(v, "template_activate", DRAFT, user, uploaded_by=v.uploaded_by_id,
           replaces=[other.id for other in replaced])
    return v


def retire(user, v: TemplateVersion) -> TemplateVersion:
    """A draft or the active version is retired; the organisation falls back to the default
    when it was the one in use."""
    _require_legal(user)
    if user.organization_id != v.organization_id:
        raise NotFound(N_("No such template version."))
    if v.state == RETIRED:
        raise Conflict("wrong_state", N_("This version is already retired."))
    org = db.session.get(Organization, v.organization_id, with_for_update=True)
    before = v.state
    if v.state == ACTIVE:
        _set_in_use(org, v.template, None, v.language or "en")
    v.state, v.retired_at, v.retired_by_id = RETIRED, utcnow(), user.id
    db.session.flush()
    _audit(v, "template_retire", before, user)
    return v


def in_use_bytes(org_id: int, name: str, language: str = "en") -> tuple[str, bytes]:
    """The version label and bytes of what the organisation's documents of ``name`` use in
    ``language`` (its active version of that language, else that language's default)."""
    org = db.session.get(Organization, org_id)
    entry = (org.template_versions or {}).get(in_use_key(name, language)) if org else None
    if entry:
        return entry["version"], storage().get(entry["sha256"])
    return (_info(name)["version"],
            rendering.template_path(name, language).read_bytes())


def preview_docx(data: bytes, name: str, language: str = "en") -> bytes:
    """The template rendered with the full sample data in ``language`` (the same sandboxed
    renderer)."""
    from ..documents.compiled import CompiledTemplate
    compiled = CompiledTemplate(Path(f"{name}.docx"), rendering.jinja_env(), data)
    context = (samples.contexts(name) if language == "en"
               else samples.contexts_in(name, language))[0].context
    return compiled.render(context)


def preview_text(data: bytes, name: str, language: str = "en") -> list[str]:
    return [p for p in check.document_paragraphs(preview_docx(data, name, language))
            if p.strip()]


def preview_pdf(data: bytes, name: str, language: str = "en") -> bytes:
    """The preview as PDF where LibreOffice is installed (404 where it is not, 503 when the
    conversion fails), converted once per preview and cached by its hash."""
    from ..documents import pdf
    from ..errors import Unavailable
    command = current_app.config.get("PDF_CONVERTER")
    if not pdf.available(command):
        raise NotFound(N_("PDF is not available on this server (LibreOffice is not "
                          "installed); the preview is shown as text."))
    store = storage()
    sha = store.put(preview_docx(data, name, language))
    try:
        return pdf.pdf_bytes(store, sha, command=command,
                             timeout=current_app.config.get("PDF_TIMEOUT", pdf.DEFAULT_TIMEOUT))
    except (pdf.ConversionFailed, OSError) as err:
        raise Unavailable("pdf_unavailable", N_("The preview could not be converted to "
                                                "PDF.")) from err


def diff(v: TemplateVersion) -> list[str]:
    """The text difference of this version's preview from the version in use (unified)."""
    language = v.language or "en"
    label, current = in_use_bytes(v.organization_id, v.template, language)
    before = preview_text(current, v.template, language)
    after = preview_text(version_bytes(v), v.template, language)
    return list(difflib.unified_diff(before, after, fromfile=f"in use ({label})",
                                     tofile=f"this version ({v.version})", lineterm="", n=1))



@store_check
def check_versions(store, batch: int):
    """``audit verify``: each uploaded version's file must hold the bytes its SHA-256 names,
    and that SHA-256 must be the one its upload's audit event recorded."""
    last = 0
    while True:
        rows = db.session.execute(
            select(TemplateVersion.id, TemplateVersion.sha256).where(TemplateVersion.id > last)
            .order_by(TemplateVersion.id).limit(batch)).all()
        if not rows:
            return
        recorded = dict(db.session.execute(select(Event.record_id, Event.data).where(
            Event.record_type == AUDIT_TYPE, Event.trigger == "template_upload",
            Event.record_id.in_([r.id for r in rows]))).all())
        for version_id, sha in rows:
            last = version_id
            data = recorded.get(version_id)
            if data is None:
                yield "template_version", version_id, "its upload is not in the audit log"
                continue
            if data.get("sha256") != sha:
                yield ("template_version", version_id,
                       "its SHA-256 is not the one its upload's audit event recorded")
                continue
            on_disk = store.digest_of_stored(sha)
            if on_disk is None:
                yield "template_version", version_id, "its file is missing"
            elif on_disk != sha:
                yield ("template_version", version_id,
                       "its file's bytes do not match the recorded SHA-256")
            else:
                yield "template_version", version_id, None
