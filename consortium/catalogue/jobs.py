"""Periodic work of the catalogue: keep every stored search text that of the current text
pipeline (see ``consortium.search``)."""
from __future__ import annotations

import datetime as dt

from ..db import unit_of_work
from ..scheduler import periodic
from ..search import index_is_current
from .services import reindex_everything


@periodic("search_index", every=dt.timedelta(minutes=10))
def search_index(now: dt.datetime) -> int:
    """After an upgrade that changed the stemmer or the glossary, index every record, offer
    and request again and recompute the open requests' matches: 500 records a transaction,
    so that users' transitions never wait long for it (answers how many it wrote; 0 when the
    index is current). A record saved meanwhile is indexed by the new pipeline anyway."""
    with unit_of_work():
        if index_is_current():
            return 0
    records, offers_requests, _matched = reindex_everything(each_batch=unit_of_work)
    return records + offers_requests
