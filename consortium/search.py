"""One search per list: the words a person would type, found with the database's full-text index.

Every record that can be searched names what a person would type to find it
(``search_parts()``: numbers, titles, abstracts, fields, keywords, the names of people and
organisations) and lives in a table with a ``search_text`` column. Before each flush that
changes one of those parts (``__search_columns__`` on the record, or a searchable child such
as an inventor, a member or a beneficiary, which names its record as ``search_parent``), the
column is written again from the same text pipeline the catalogue uses: words stemmed in their
language (Snowball for Russian and English, a light suffix stripper for Kazakh) plus the
concept tokens of the field's glossary, so "катализатор" finds a "catalyst".

SQLite indexes the column with FTS5 (``<table>_fts``, an external-content table kept in step
by triggers); PostgreSQL with a GIN index on the stored ``to_tsvector('simple', search_text)``
(``search_vector``). A query
is every word's stem or concept (the last word also as a prefix, so "KazAgro" finds
"KazAgroTech"), ranked by BM25 on SQLite and ``ts_rank`` on PostgreSQL.

The stored text is only as good as the pipeline that wrote it: when the stemmer or the glossary
changes (an upgrade), every record is indexed again, by the scheduler's ``search_index`` job
(in batches, beside the users; see ``catalogue.jobs``) or at once by ``flask --app consortium
search reindex``. Which pipeline wrote the index is a fingerprint of its source files
(:func:`pipeline_fingerprint`), kept in ``search_pipeline``.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from sqlalchemy import FetchedValue, Integer, String, Text, desc, event, false, inspect, select
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, Session, mapped_column

from .db import UTCDateTime, utcnow
from .extensions import db

#: the tables whose ``search_text`` is indexed, and their FTS5 twins on SQLite
INDEXED = {"disclosures": "disclosures_fts", "consortia": "consortia_fts",
           "licenses": "licenses_fts", "benefit_plans": "benefit_plans_fts"}
#: the type of ``search_vector``: on PostgreSQL ``to_tsvector('simple', search_text)``, kept
#: by the database (a generated column, migration d01j00000010) and indexed; on SQLite unused
SEARCH_VECTOR = TSVECTOR().with_variant(Text(), "sqlite")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
#: the orders a list can be sorted in; "relevance" needs a query
SORTS = ("relevance", "newest", "oldest", "updated", "number", "state")


def vector_column():
    """The ``search_vector`` column of a searched table: written by the database only (no
    INSERT or UPDATE names it) and never loaded with its record."""
    return mapped_column("search_vector", SEARCH_VECTOR, deferred=True,
                         server_default=FetchedValue(), server_onupdate=FetchedValue())


def _pipeline():
    from . import stemming as text  # the stemming and glossary pipeline
    return text


def document_text(parts: Iterable[Any]) -> str:
    """The ``search_text`` of a record from what a person would type to find it."""
    flat: list[str] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, (list, tuple, set)):
            flat.extend(str(p) for p in part if p)
        else:
            flat.append(str(part))
    return _pipeline().index_text(flat, language=None, field=None)


def query_expression(q: str, dialect: str) -> str | None:
    """The FTS5 MATCH text (SQLite) or tsquery (PostgreSQL) of a searcher's words: every word
    must match, as its stem or its glossary concept; the last word also as a prefix."""
    groups = _pipeline().query_groups(q)
    raw_last = (_pipeline().words(q) or [""])[-1]
    parts = []
    for i, group in enumerate(groups):
        alts = [t for t in dict.fromkeys(group) if t and _TOKEN.fullmatch(t)]
        if not alts:
            continue
        last = i == len(groups) - 1
        if dialect == "postgresql":
            terms = [*alts, *([f"{_safe_prefix(raw_last)}:*"] if last and raw_last else [])]
            parts.append("(" + " | ".join(dict.fromkeys(terms)) + ")")
        else:
            terms = [f'"{a}"' for a in alts]
            if last and raw_last:
                terms.append(f'"{_safe_prefix(raw_last)}"*')
            parts.append("(" + " OR ".join(dict.fromkeys(terms)) + ")")
    if not parts:
        return None
    return (" & " if dialect == "postgresql" else " AND ").join(parts)


def _safe_prefix(word: str) -> str:
    return "".join(_TOKEN.findall(word.lower())) or "x"


def matching(stmt, model, q: str, *, ranked: bool = True):
    """``(stmt, rank)``: ``stmt`` kept to the ``model`` rows that match ``q`` (none when ``q``
    holds no word), and (``ranked``) a column ranking them, larger is better, else None."""
    from sqlalchemy import Float, Integer, column
    dialect = db.engine.dialect.name
    expression = query_expression(q, dialect)
    if expression is None:  # nothing typed that is a word ("%", "-"): nothing matches
        return stmt.where(false()), None
    table = model.__tablename__
    if dialect == "postgresql":
        # the stored to_tsvector('simple', coalesce(search_text, '')) its GIN index is on
        # (migration d01j00000010): neither the filter nor ts_rank parses the text again
        tsv = f"{table}.search_vector"
        stmt = stmt.where(sql(f"{tsv} @@ to_tsquery('simple', :fts)").bindparams(
            fts=expression))
        return stmt, sql(f"ts_rank({tsv}, to_tsquery('simple', :fts))").bindparams(
            fts=expression) if ranked else None
    fts = INDEXED[table]
    if not ranked:  # the rowids the index matches, without scoring them
        return stmt.where(model.id.in_(
            sql(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :fts").bindparams(
                fts=expression).columns(column("rowid", Integer)))), None
    hits = sql(f"SELECT rowid AS hit_id, -bm25({fts}) AS hit_score FROM {fts} "
               f"WHERE {fts} MATCH :fts").bindparams(fts=expression).columns(
                   column("hit_id", Integer), column("hit_score", Float)).subquery("hits")
    return stmt.join(hits, hits.c.hit_id == model.id), hits.c.hit_score


def order(model, sort: str | None, rank) -> list:
    """The ORDER BY of a list: relevance when searching, else newest first."""
    if sort not in SORTS or (sort == "relevance" and rank is None):
        sort = "relevance" if rank is not None else "newest"
    return {
        "relevance": [desc(rank) if rank is not None else model.id.desc(), model.id.desc()],
        "newest": [model.created_at.desc(), model.id.desc()],
        "oldest": [model.created_at.asc(), model.id.asc()],
        "updated": [model.updated_at.desc(), model.id.desc()],
        "number": [model.reg_number.asc(), model.id.asc()],
        "state": [model.state.asc(), model.id.desc()],
    }[sort]


def date_range(model, since: dt.date | None, until: dt.date | None) -> list:
    """Conditions keeping records created from ``since`` to ``until`` (both days included)."""
    conds = []
    if since:
        conds.append(model.created_at >= dt.datetime.combine(since, dt.time(),
                                                             tzinfo=dt.UTC))
    if until:
        conds.append(model.created_at < dt.datetime.combine(
            until + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC))
    return conds


# -- keeping search_text in step ------------------------------------------------------------------
def _changed(obj: Any, columns: Sequence[str]) -> bool:
    state = inspect(obj)
    return any(state.attrs[c].history.has_changes() for c in columns if c in state.attrs)


@event.listens_for(Session, "before_flush")
def _reindex(session: Session, _context, _instances) -> None:
    due: dict[int, Any] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        parent = getattr(obj, "search_parent", None) if hasattr(
            type(obj), "search_parent") else None
        if parent is not None and (obj in session.new or obj in session.deleted
                                   or _changed(obj, type(obj).__search_columns__)):
            due[id(parent)] = parent
        if hasattr(type(obj), "search_parts") and obj not in session.deleted and (
                obj in session.new or _changed(obj, type(obj).__search_columns__)):
            due[id(obj)] = obj
    if not due:
        return
    with session.no_autoflush:
        for obj in due.values():
            if obj in session.deleted:
                continue
            # assigned without reading the (deferred) column back: a part changed anyway
            obj.search_text = document_text(obj.search_parts())


def _write_search_text(obj: Any) -> None:
    obj.search_text = document_text(obj.search_parts())


# -- which pipeline wrote the index --------------------------------------------------------------
#: the modules whose code or data decide a record's search text (the catalogue's adds its
#: fields' and codes' tokens) or the catalogue's concept postings (their weights, from the
#: match score): a change to any of them makes every stored text stale
PIPELINE_FILES = ("stemming.py", "translit.py", "glossary.py", "glossary_fields.py",
                  "glossary_vocabulary.py", "search.py", "catalogue/search.py",
                  "catalogue/matching.py")


class SearchPipeline(db.Model):
    """The one row saying which text pipeline wrote every record's ``search_text``."""

    __tablename__ = "search_pipeline"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: :func:`pipeline_fingerprint` of the pipeline that last indexed every record
    fingerprint: Mapped[str] = mapped_column(String(64))
    indexed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


@functools.cache
def pipeline_fingerprint() -> str:
    """SHA-256 of the pipeline's source files: it changes with any rule or glossary term."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in PIPELINE_FILES:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


def index_is_current() -> bool:
    """Whether every stored search text was written by this pipeline."""
    row = db.session.get(SearchPipeline, 1)
    return row is not None and row.fingerprint == pipeline_fingerprint()


def mark_indexed() -> None:
    """Record that this pipeline has written every record's search text (the caller's unit of
    work commits)."""
    row = db.session.get(SearchPipeline, 1)
    if row is None:
        db.session.add(SearchPipeline(id=1, fingerprint=pipeline_fingerprint(),
                                      indexed_at=utcnow()))
    else:
        row.fingerprint, row.indexed_at = pipeline_fingerprint(), utcnow()


def reindex_all(models: Iterable[Any], batch: int = 500,
                write: Callable[[Any], None] = _write_search_text,
                each_batch: Callable[[], AbstractContextManager] = nullcontext) -> int:
    """Write ``search_text`` of every record of ``models`` (after an upgrade), with ``write``
    (a record type whose index text is made otherwise passes its own); returns how many.
    ``each_batch``: the context each batch of ``batch`` records is written in (a unit of work
    of its own, so that a long reindex holds no lock for long); else the caller's."""
    n = 0
    for model in models:
        last = 0
        while True:
            with each_batch():
                rows = db.session.scalars(select(model).where(model.id > last)
                                          .order_by(model.id).limit(batch)).all()
                for obj in rows:
                    write(obj)
                    n += 1
                db.session.flush()
            if not rows:
                break
            last = rows[-1].id
    return n
