"""Full-text search of offers and requests: one text pipeline, two database back-ends.

Text is cut into words, each word is stemmed in its language (Snowball through PyStemmer for
Russian and English, :func:`kazakh_stem` for Kazakh, which Snowball lacks), and every
glossary term found adds its concept token, so that a Russian request finds an English offer.
The stems and tokens are stored in ``search_text``; SQLite indexes that column with FTS5
(``offers_fts``, ``tech_requests_fts``, kept in step by triggers) and PostgreSQL with a
GIN index on the stored ``to_tsvector('simple', search_text)`` (configuration ``simple``: the text
is stemmed already). :func:`candidates` asks either for the best rows of a token query. Another list's
search can reuse the pipeline (:func:`index_text`, :func:`query_groups`) on its own table.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Integer, column
from sqlalchemy import text as sql

from ..extensions import db
from ..stemming import (
    _WORD,
    STOPWORDS,
    code_tokens,
    concept_token,
    concepts,
    index_text,
    kazakh_stem,
    query_groups,
    stem,
    stems,
    words,
)

__all__ = ["STOPWORDS", "candidates", "code_tokens", "concept_token", "concepts", "filter_ids",
           "index_text", "kazakh_stem", "match_expression", "matched_cte",
           "query_groups", "stem", "stems", "words"]


# -- the database side --------------------------------------------------------------------------
#: the table and its FTS5 twin, by what is searched
TABLES = {"offers": "offers_fts", "tech_requests": "tech_requests_fts"}
#: the stored ``to_tsvector('simple', search_text)`` the GIN index is on (PostgreSQL;
#: migration d01j00000010)
_TSV = "search_vector"


def _is_pg() -> bool:
    return db.engine.dialect.name == "postgresql"


def _safe(tokens: Iterable[str]) -> list[str]:
    return [t for t in dict.fromkeys(tokens) if t and _WORD.fullmatch(t)]


def match_expression(groups: Sequence[Sequence[str]], *, any_group: bool = False) -> str | None:
    """The FTS5 MATCH (SQLite) or tsquery text (PostgreSQL) of token groups: alternatives
    within a group, every group (or, ``any_group``, any) required."""
    pg = _is_pg()
    parts = []
    for g in groups:
        alts = _safe(g)
        if not alts:
            continue
        if pg:
            parts.append("(" + " | ".join(alts) + ")")
        else:
            parts.append("(" + " OR ".join(f'"{a}"' for a in alts) + ")")
    if not parts:
        return None
    joiner = (" | " if pg else " OR ") if any_group else (" & " if pg else " AND ")
    return joiner.join(parts)


def filter_ids(table: str, expression: str):
    """SQL selecting the ids of ``table`` rows that match ``expression`` (a subquery)."""
    if _is_pg():
        return sql(f"SELECT id FROM {table} WHERE {_TSV} @@ to_tsquery('simple', :fts)") \
            .bindparams(fts=expression)
    return sql(f"SELECT rowid FROM {TABLES[table]} WHERE {TABLES[table]} MATCH :fts") \
        .bindparams(fts=expression)


def matched_cte(table: str, expression: str, columns: Sequence[str], where: str = "",
                **params):
    """A CTE ``m`` of the ``table`` rows (alias ``t``) matching ``expression`` and the SQL
    conditions ``where`` (on ``t``, with their ``params``): ``id`` and ``columns``. The
    full-text index drives it on both back-ends: on SQLite the FTS5 table is the outer loop
    of a ``CROSS JOIN`` and ``id`` is its rowid (an ``ORDER BY id`` is read in the index's
    order); on PostgreSQL the GIN index's bitmap. The CTE is materialised: without that the
    PostgreSQL planner may walk the primary key backwards testing every row for ``ORDER BY
    id DESC LIMIT n``, and SQLite count through another index probing the text per row."""
    cols = "".join(f", t.{c}" for c in columns)
    cond = f" AND {where}" if where else ""
    if _is_pg():
        stmt = (f"SELECT t.id AS id{cols} FROM {table} t "
                f"WHERE t.{_TSV} @@ to_tsquery('simple', :fts){cond}")
    else:
        fts = TABLES[table]
        stmt = (f"SELECT {fts}.rowid AS id{cols} FROM {fts} CROSS JOIN {table} t "
                f"ON t.id = {fts}.rowid WHERE {fts} MATCH :fts{cond}")
    cte = sql(stmt).bindparams(fts=expression, **params).columns(
        column("id", Integer), *(column(c) for c in columns)).cte("m")
    # computed once, however often the statement reads it
    return cte.prefix_with("MATERIALIZED")


def _newest(table: str, expression: str, *, state: str, org: int, limit: int) -> list[int]:
    """Ids of the newest ``limit`` rows of ``table`` in ``state``, not of ``org``, matching
    ``expression``: both indexes read their postings in id order and stop at the limit."""
    if _is_pg():
        stmt = sql(f"SELECT id FROM {table} WHERE {_TSV} @@ to_tsquery('simple', :fts) "
                   f"AND state = :state AND organization_id != :org ORDER BY id DESC "
                   f"LIMIT :limit")
    else:
        fts = TABLES[table]
        stmt = sql(f"SELECT t.id FROM {fts} JOIN {table} t ON t.id = {fts}.rowid "
                   f"WHERE {fts} MATCH :fts AND t.state = :state AND t.organization_id != :org "
                   f"ORDER BY {fts}.rowid DESC LIMIT :limit")
    return list(db.session.scalars(stmt, {"fts": expression, "state": state, "org": org,
                                          "limit": limit}))


def candidates(table: str, tokens: Iterable[str], *, state: str, limit: int = 200,
               exclude_org: int | None = None) -> list[int]:
    """Ids of up to ``limit`` rows of ``table`` in ``state`` worth scoring for ``tokens``, in
    tiers from the most to the least specific: rows with every glossary concept, rows with
    any pair of them, then rows with any token at all (each tier newest first). Every tier
    is an index walk that stops at its limit, so the time does not grow with the table as a
    ranking of every match would."""
    toks = _safe(tokens)
    concept_toks = [t for t in toks if t.startswith("zzc")][:6]
    rest = [t for t in toks if not t.startswith("zzc")][:40]
    pg = _is_pg()

    def quoted(t: str) -> str:
        return t if pg else f'"{t}"'
    both, either = (" & ", " | ") if pg else (" AND ", " OR ")
    tiers: list[str] = []
    if len(concept_toks) > 1:
        tiers.append(both.join(quoted(c) for c in concept_toks))
        tiers.append(either.join(f"({quoted(a)}{both}{quoted(b)})"
                                 for n, a in enumerate(concept_toks)
                                 for b in concept_toks[n + 1:]))
    if concept_toks or rest:
        tiers.append(either.join(quoted(t) for t in concept_toks + rest))
    org = exclude_org if exclude_org is not None else -1
    found: dict[int, None] = {}
    for expression in tiers:
        if len(found) >= limit:
            break
        for i in _newest(table, expression, state=state, org=org, limit=limit - len(found)):
            found.setdefault(i, None)
    return list(found)[:limit]
