"""Content-addressed, immutable file storage for generated documents."""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

#: files being written in the background by :meth:`Storage.put_later`, by path
_PENDING: dict[Path, Future] = {}
_PENDING_LOCK = threading.Lock()
_POOL: tuple[int, ThreadPoolExecutor] | None = None


def _pool() -> ThreadPoolExecutor:
    """This process's writer threads (made after a fork, never inherited from the parent)."""
    global _POOL
    if _POOL is None or _POOL[0] != os.getpid():
        _POOL = (os.getpid(), ThreadPoolExecutor(max_workers=2,
                                                 thread_name_prefix="storage-fsync"))
    return _POOL[1]


class Storage:
    """Files named by their SHA-256 under ``root/ab/abcdef...``; written once, never changed."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` durably and return its SHA-256 (idempotent for equal content)."""
        sha, pending = self.put_later(data)
        if pending is not None:
            pending.result()
        return sha

    def put_later(self, data: bytes) -> tuple[str, Future | None]:
        """Start storing ``data`` durably and return its SHA-256 at once, with the write to
        wait for (None when the file is there already). The file appears under its name only
        once it is on disk (written, fsync'ed, renamed), so a reader never sees a partial one;
        :meth:`get` of a file still being written waits for it. A caller that records the
        SHA-256 in the database waits before committing (``documents.services`` does, in the
        session's ``before_commit``), so no committed row names a file that is not durable,
        while the disk's flush overlaps the rest of the transaction instead of adding to it."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        with _PENDING_LOCK:
            pending = _PENDING.get(target)
            if pending is not None:
                return sha, pending
            if target.exists():
                return sha, None
            pending = _pool().submit(_write, target, data)
            _PENDING[target] = pending
        pending.add_done_callback(lambda _f: _forget(target, pending))
        return sha, pending

    def get(self, sha256: str) -> bytes:
        return self._settled(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self._settled(sha256).exists()

    def _settled(self, sha256: str) -> Path:
        """The file's path, once any write of it still under way has finished."""
        path = self.path(sha256)
        with _PENDING_LOCK:
            pending = _PENDING.get(path)
        if pending is not None:
            pending.result()
        return path

    def digest_of_stored(self, sha256: str) -> str | None:
        """The SHA-256 of what is on disk now, or None when the file is missing."""
        p = self.path(sha256)
        if not p.exists():
            return None
        h = hashlib.sha256()
        with p.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 16), b""):
                h.update(chunk)
        return h.hexdigest()


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _forget(target: Path, pending: Future) -> None:
    with _PENDING_LOCK:
        if _PENDING.get(target) is pending:
            del _PENDING[target]
