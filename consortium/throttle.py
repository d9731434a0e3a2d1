"""Login throttling: after repeated failures an account or an address must wait (429)."""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from workflows.errors import N_

from .errors import TooManyAttempts

#: failures allowed per key within the window before further attempts are refused
LIMIT = 10
WINDOW_SECONDS = 15 * 60

_failures: dict[str, deque[float]] = defaultdict(deque)
_lock = threading.Lock()


def _keys(email: str, address: str | None) -> list[str]:
    return [f"email:{(email or '').strip().lower()}", f"ip:{address or '-'}"]


def _recent(key: str, now: float) -> deque[float]:
    q = _failures[key]
    while q and q[0] < now - WINDOW_SECONDS:
        q.popleft()
    return q


def check_login_allowed(email: str, address: str | None) -> None:
    """Raise 429 when this account or this address failed too often recently.

    Kept per process: with several workers the effective limit is LIMIT per worker.
    """
    now = time.monotonic()
    with _lock:
        for key in _keys(email, address):
            if len(_recent(key, now)) >= LIMIT:
                raise TooManyAttempts("too_many_attempts", N_(
                    "Too many failed sign-in attempts. Wait 15 minutes and try again."))


def record_login_failure(email: str, address: str | None) -> None:
    now = time.monotonic()
    with _lock:
        for key in _keys(email, address):
            _recent(key, now).append(now)


def reset() -> None:
    with _lock:
        _failures.clear()
