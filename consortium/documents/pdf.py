"""PDF copies of documents, made by LibreOffice where it is installed, cached by hash."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import uuid
from functools import cache
from pathlib import Path

from .storage import Storage

_lock = threading.Lock()


@cache
def converter() -> str | None:
    """The LibreOffice binary, or None when the server has none."""
    if os.environ.get("CONSORTIUM_DISABLE_PDF") == "1":
        return None
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return converter() is not None


def pdf_bytes(storage: Storage, sha256: str, timeout: int = 120) -> bytes:
    """The PDF of the stored document ``sha256``: converted once, then read from the cache."""
    cached = storage.root / "pdf" / f"{sha256}.pdf"
    if cached.exists():
        return cached.read_bytes()
    binary = converter()
    if binary is None:
        raise FileNotFoundError("LibreOffice is not installed")
    source = storage.path(sha256)
    with _lock, tempfile.TemporaryDirectory(prefix="consortium-pdf-") as tmp:
        work = Path(tmp)
        docx = work / f"{sha256}.docx"
        shutil.copyfile(source, docx)
        profile = work / f"profile-{uuid.uuid4().hex}"
        subprocess.run(
            [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(work), str(docx)],
            check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        produced = work / f"{sha256}.pdf"
        data = produced.read_bytes()
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp_target = cached.with_suffix(".tmp")
        tmp_target.write_bytes(data)
        os.replace(tmp_target, cached)
    return data
