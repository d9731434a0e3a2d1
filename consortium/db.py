"""Database plumbing: SQLite settings, shared column types and the one place that commits."""
from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from sqlalchemy import DateTime, event, exc, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.types import TypeDecorator

from .errors import Conflict
from .extensions import db


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime")
            value = value.astimezone(dt.UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


def configure_sqlite(engine: Engine) -> None:
    """SQLAlchemy's recipe for real SQLite transactions: WAL, a busy timeout, BEGIN IMMEDIATE.

    pysqlite's own transaction handling starts transactions late and lets two writers read the
    same row before either writes; taking the write lock at BEGIN serialises read-then-update.
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@contextlib.contextmanager
def unit_of_work() -> Iterator[None]:
    """Commit everything done inside the block, or nothing.

    The one place that commits: views wrap each change in it; services and the engine only add
    and flush. A stale optimistic version or a lost race on a unique key becomes a 409.

    The commit keeps the loaded objects as they were written instead of expiring them: what
    the view answers after the block is exactly what this unit of work committed, without a
    second transaction that reads every row back (on SQLite, one that would queue for the
    write lock). Anything not loaded yet is still loaded on first use.
    """
    try:
        yield
        _commit_keeping_objects()
    except StaleDataError:
        db.session.rollback()
        raise Conflict("stale_version",
                       "Someone else changed this record at the same moment. Reload it and "
                       "try again.") from None
    except exc.IntegrityError as err:
        db.session.rollback()
        raise Conflict("conflict", "This conflicts with a record that already exists.") from err
    except BaseException:
        db.session.rollback()
        raise


def _commit_keeping_objects() -> None:
    session = db.session()
    keep = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = keep


def refresh_statistics() -> None:
    """ANALYZE, so the query planner knows the tables' sizes after a bulk load or a restore.

    PostgreSQL's autovacuum gets there on its own, but only minutes later; until then it
    plans a 100,000-row table as if it held thirty rows (a state filter read every
    disclosure per candidate row: 140 ms instead of 3 ms). Inside a transaction both
    databases count the rows that transaction inserted.
    """
    db.session.execute(text("ANALYZE"))
