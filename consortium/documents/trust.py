"""The EDS trust roots this deployment verifies signatures against, read once per file version."""
from __future__ import annotations

import os
import threading
from typing import Any

from flask import current_app

from workflows.errors import N_

from ..eds import TrustStore
from ..errors import Unavailable

_TRUST_LOCK = threading.Lock()
_TRUST: dict[tuple[str, float], Any] = {}


def configured_trust_store():
    """The configured trust roots (a ``TrustStore``), read once per file version; None when
    none are configured. A file that cannot be read is a 503."""
    path = current_app.config.get("EDS_TRUST_ROOTS")
    if not path:
        return None
    try:
        key = (str(path), os.stat(path).st_mtime)
        with _TRUST_LOCK:
            store = _TRUST.get(key)
            if store is None:
                store = TrustStore.from_pem_file(str(path))
                _TRUST.clear()
                _TRUST[key] = store
        return store
    except (OSError, ValueError) as err:
        current_app.logger.error("EDS trust roots %s cannot be read: %s", path, err)
        raise Unavailable("eds_unavailable", N_("Electronic digital signatures cannot be "
                                                "verified on this server just now: its trust "
                                                "roots cannot be read.")) from err


def trust_store():
    """The configured trust roots; 503 when none are configured."""
    store = configured_trust_store()
    if store is None:
        raise Unavailable("eds_unavailable", N_("Electronic digital signatures cannot be "
                                                "verified on this server: no trust roots are "
                                                "configured."))
    return store
