"""Template versions that legal staff own: upload (checked), preview, compare, activate, retire.

A version is accepted only when it passes every rule of :mod:`.check`; it is then a draft of
its organisation. A second legal user of the same organisation activates it (four eyes: the
uploader cannot), which retires the version it replaces; from then on the organisation's new
documents of that template use it. Retiring the active version returns them to the default.
Documents already issued keep the template version and SHA-256 they record.
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from workflows.errors import N_, Text

from ..auth.models import Role
from ..db import utcnow
from ..documents import rendering
from ..documents.services import storage
from ..documents.versions import ACTIVE, DRAFT, RETIRED, TemplateVersion
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
        active = next((v for v in versions if v.state == ACTIVE), None)
        out.append({"name": name, "title": info["title"], "code": info["code"],
                    "workflow": samples.workflow_of(name),
                    "default": default_entry(name),
                    "in_use": active.version if active else info["version"],
                    "active_version_id": active.id if active else None,
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


def upload(user, name: str, filename: str, data: bytes) -> TemplateVersion:
    """Check ``data`` as a version of ``name``; a draft of the user's organisation if it
    passes every rule, else :class:`TemplateRefused` naming each rule it breaks."""
    _require_legal(user)
    info = _info(name)
    if not filename.lower().endswith(".docx"):
        raise Invalid({"file": N_("upload a Word document (.docx)")})
    problems = check.check(data, name)
    if problems:
        raise TemplateRefused(problems)
    number = (db.session.scalar(select(func.max(TemplateVersion.number)).where(
        TemplateVersion.organization_id == user.organization_id,
        TemplateVersion.template == name)) or 0) + 1
    sha = storage().put(data)
    v = TemplateVersion(template=name, organization_id=user.organization_id, number=number,
                        version=f"{info['version']}-o{user.organization_id}.{number}"[:20],
                        sha256=sha, size=len(data), filename=Path(filename).name[:300],
                        state=DRAFT, checks=[], uploaded_by_id=user.id, uploaded_at=utcnow())
    db.session.add(v)
    db.session.flush()
    return v


def _set_in_use(org: Organization, name: str, v: TemplateVersion | None) -> None:
    chosen = dict(org.template_versions or {})
    if v is None:
        chosen.pop(name, None)
    else:
        chosen[name] = {"id": v.id, "version": v.version, "sha256": v.sha256}
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
    for other in org_versions(v.organization_id, v.template):
        if other.state == ACTIVE:
            other.state, other.retired_at, other.retired_by_id = RETIRED, now, user.id
    v.state, v.activated_at, v.activated_by_id = ACTIVE, now, user.id
    _set_in_use(org, v.template, v)
    db.session.flush()
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
    if v.state == ACTIVE:
        _set_in_use(org, v.template, None)
    v.state, v.retired_at, v.retired_by_id = RETIRED, utcnow(), user.id
    db.session.flush()
    return v


def in_use_bytes(org_id: int, name: str) -> tuple[str, bytes]:
    """The version label and bytes of what the organisation's documents of ``name`` use."""
    org = db.session.get(Organization, org_id)
    entry = (org.template_versions or {}).get(name) if org else None
    if entry:
        return entry["version"], storage().get(entry["sha256"])
    return _info(name)["version"], rendering.template_path(name).read_bytes()


def preview_docx(data: bytes, name: str) -> bytes:
    """The template rendered with the full sample data (the same sandboxed renderer)."""
    from ..documents.compiled import CompiledTemplate
    compiled = CompiledTemplate(Path(f"{name}.docx"), rendering.jinja_env(), data)
    return compiled.render(samples.contexts(name)[0].context)


def preview_text(data: bytes, name: str) -> list[str]:
    return [p for p in check.document_paragraphs(preview_docx(data, name)) if p.strip()]


def preview_pdf(data: bytes, name: str) -> bytes:
    """The preview as PDF where LibreOffice is installed (404 where it is not, 503 when the
    conversion fails), converted once per preview and cached by its hash."""
    from ..documents import pdf
    from ..errors import Unavailable
    command = current_app.config.get("PDF_CONVERTER")
    if not pdf.available(command):
        raise NotFound(N_("PDF is not available on this server (LibreOffice is not "
                          "installed); the preview is shown as text."))
    store = storage()
    sha = store.put(preview_docx(data, name))
    try:
        return pdf.pdf_bytes(store, sha, command=command,
                             timeout=current_app.config.get("PDF_TIMEOUT", pdf.DEFAULT_TIMEOUT))
    except (pdf.ConversionFailed, OSError) as err:
        raise Unavailable("pdf_unavailable", N_("The preview could not be converted to "
                                                "PDF.")) from err


def diff(v: TemplateVersion) -> list[str]:
    """The text difference of this version's preview from the version in use (unified)."""
    label, current = in_use_bytes(v.organization_id, v.template)
    before = preview_text(current, v.template)
    after = preview_text(version_bytes(v), v.template)
    return list(difflib.unified_diff(before, after, fromfile=f"in use ({label})",
                                     tofile=f"this version ({v.version})", lineterm="", n=1))

