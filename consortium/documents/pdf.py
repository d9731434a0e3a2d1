"""PDF copies of documents, made by LibreOffice where it is installed, cached by hash.

The converter is an outside program that can fail or hang: a failure, a crash or a run past
the timeout is :class:`ConversionFailed` (the pages answer 503 and offer the .docx), and a
run past the timeout is killed with everything it started.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import uuid
from functools import lru_cache
from pathlib import Path

from .storage import Storage

_lock = threading.Lock()

#: seconds a conversion may take before it is killed (``CONSORTIUM_PDF_TIMEOUT``)
DEFAULT_TIMEOUT = 60.0


class ConversionFailed(Exception):
    """The converter exited with an error, was killed at the timeout, or wrote no PDF."""


@lru_cache(maxsize=8)
def converter(command: str | None = None) -> str | None:
    """The converter to run: ``command`` (``CONSORTIUM_PDF_CONVERTER``, a program taking
    LibreOffice's arguments) if configured, else LibreOffice's binary; None when there is none
    (or ``CONSORTIUM_DISABLE_PDF=1``)."""
    if os.environ.get("CONSORTIUM_DISABLE_PDF") == "1":
        return None
    if command:
        return shutil.which(command) or (command if os.access(command, os.X_OK) else None)
    return shutil.which("soffice") or shutil.which("libreoffice")


def available(command: str | None = None) -> bool:
    return converter(command) is not None


def _run(argv: list[str], timeout: float) -> None:
    """Run ``argv`` in its own process group; kill the whole group at ``timeout``
    (LibreOffice's ``soffice`` starts ``soffice.bin``, which would outlive a plain kill)."""
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as err:
        raise ConversionFailed(f"cannot start {argv[0]}: {err}") from err
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:  # pragma: no cover - ended between the two calls
            pass
        proc.wait()
        raise ConversionFailed(f"{argv[0]} did not finish within {timeout:g} s") from None
    if code != 0:
        raise ConversionFailed(f"{argv[0]} exited with status {code}")


def pdf_bytes(storage: Storage, sha256: str, *, command: str | None = None,
              timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF of the stored document ``sha256``: converted once, then read from the cache.

    ``FileNotFoundError`` when there is no converter; :class:`ConversionFailed` when it fails.
    """
    cached = storage.root / "pdf" / f"{sha256}.pdf"
    if cached.exists():
        return cached.read_bytes()
    binary = converter(command)
    if binary is None:
        raise FileNotFoundError("LibreOffice is not installed")
    source = storage.path(sha256)
    with _lock, tempfile.TemporaryDirectory(prefix="consortium-pdf-") as tmp:
        work = Path(tmp)
        docx = work / f"{sha256}.docx"
        shutil.copyfile(source, docx)
        profile = work / f"profile-{uuid.uuid4().hex}"
        _run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
              "--convert-to", "pdf", "--outdir", str(work), str(docx)], timeout)
        produced = work / f"{sha256}.pdf"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ConversionFailed(f"{binary} wrote no PDF")
        data = produced.read_bytes()
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp_target = cached.with_suffix(".tmp")
        tmp_target.write_bytes(data)
        os.replace(tmp_target, cached)
    return data
