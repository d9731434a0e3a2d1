"""The consortium's periodic jobs: the General Assembly's voting periods and veto windows."""
from __future__ import annotations

import datetime as dt

from ..scheduler import periodic
from . import decisions


@periodic("general_assembly", every=dt.timedelta(minutes=15))
def close_general_assembly_votes(now: dt.datetime) -> int:
    """Close every voting period and veto window that has ended (minutes, audit event)."""
    return decisions.settle_due(now)
