"""Operations: document-store garbage collection, consistent backups and restores."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

from .documents.models import Document, Signature
from .documents.storage import Storage
from .documents.versions import TemplateVersion
from .extensions import db


def storage_gc(storage: Storage, min_age_seconds: int = 3600, dry_run: bool = False) -> list[str]:
    """Remove stored files no document row refers to (written by transactions that rolled
    back or died). Files younger than ``min_age_seconds`` may belong to a transaction still
    running, so they stay."""
    referenced = set(db.session.scalars(select(Document.sha256).distinct()))
    # an EDS signature's CMS and OCSP answer live in the same store
    # so do the template versions legal staff uploaded
    for column in (Signature.cms_sha256, Signature.ocsp_sha256, TemplateVersion.sha256):
        referenced.update(db.session.scalars(select(column).where(column.is_not(None))
                                             .distinct()))
    removed = []
    now = time.time()
    if not storage.root.exists():
        return removed
    for prefix in storage.root.iterdir():
        if not prefix.is_dir() or len(prefix.name) != 2:
            continue
        for path in prefix.iterdir():
            stale = now - path.stat().st_mtime >= min_age_seconds
            if path.name.startswith(".tmp-") and stale:
                removed.append(path.name)
            elif len(path.name) == 64 and path.name not in referenced and stale:
                removed.append(path.name)
            else:
                continue
            if not dry_run:
                path.unlink(missing_ok=True)
    return removed


def backup(target: Path, storage: Storage) -> dict:
    """Write a consistent snapshot of the database and of the documents it refers to.

    The database is copied first (SQLite's online backup API, or pg_dump's snapshot); stored
    files never change once written, so copying them afterwards gives every file the
    snapshot refers to, while the server keeps running.
    """
    target.mkdir(parents=True, exist_ok=False)
    url = make_url(db.engine.url)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(url.database)
        dest = sqlite3.connect(target / "database.sqlite3")
        with dest:
            source.backup(dest)
        source.close()
        dest.close()
        kind = "sqlite"
    elif url.get_backend_name() == "postgresql":
        with (target / "database.sql").open("wb") as out:
            subprocess.run(["pg_dump", "--no-owner", "--no-privileges", "--clean",
                            "--if-exists", _libpq(url)], check=True, stdout=out)
        kind = "postgresql"
    else:  # pragma: no cover
        raise RuntimeError(f"cannot back up a {url.get_backend_name()} database")
    shas = _snapshot_shas(target, kind)
    copied = 0
    for sha in shas:
        src = storage.path(sha)
        if src.exists():
            dst = target / "documents" / sha[:2] / sha
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            copied += 1
    manifest = {"database": kind, "documents": copied, "made_at": time.time()}
    (target / "backup.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def restore(source: Path, storage: Storage) -> dict:
    """Bring a backup back into the configured database and document store."""
    manifest = json.loads((source / "backup.json").read_text())
    url = make_url(db.engine.url)
    db.session.remove()
    db.engine.dispose()
    if manifest["database"] == "sqlite":
        if url.get_backend_name() != "sqlite":
            raise RuntimeError("this backup is of a SQLite database")
        src = sqlite3.connect(source / "database.sqlite3")
        dest = sqlite3.connect(url.database)
        with dest:
            src.backup(dest)
        src.close()
        dest.close()
    else:
        if url.get_backend_name() != "postgresql":
            raise RuntimeError("this backup is of a PostgreSQL database")
        with (source / "database.sql").open("rb") as dump:
            subprocess.run(["psql", "--quiet", "-v", "ON_ERROR_STOP=1", _libpq(url)],
                           check=True, stdin=dump, stdout=subprocess.DEVNULL)
        # a plain dump carries no planner statistics: gather them before the first request
        subprocess.run(["psql", "--quiet", "-c", "ANALYZE", _libpq(url)], check=True,
                       stdout=subprocess.DEVNULL)
    copied = 0
    docs = source / "documents"
    if docs.exists():
        for path in docs.rglob("*"):
            if path.is_file():
                dst = storage.root / path.parent.name / path.name
                if not dst.exists():
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, dst)
                    copied += 1
    return {"database": manifest["database"], "documents_copied": copied}


def _libpq(url) -> str:
    """A libpq connection string for pg_dump and psql (the driver suffix removed)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _snapshot_shas(target: Path, kind: str) -> set[str]:
    if kind == "sqlite":
        conn = sqlite3.connect(target / "database.sqlite3")
        try:
            return {row[0] for row in conn.execute(
                "SELECT sha256 FROM documents UNION SELECT cms_sha256 FROM signatures "
                "WHERE cms_sha256 IS NOT NULL UNION SELECT ocsp_sha256 FROM signatures "
                "WHERE ocsp_sha256 IS NOT NULL UNION SELECT sha256 FROM template_versions")}
        finally:
            conn.close()
    text = (target / "database.sql").read_text(encoding="utf-8", errors="replace")
    import re
    return set(re.findall(r"\b[0-9a-f]{64}\b", text))
