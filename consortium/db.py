"""Database plumbing: SQLite settings, shared column types and the one place that commits."""
from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from contextvars import ContextVar

from sqlalchemy import DateTime, event, exc, text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.functions import FunctionElement
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


#: a statement that writes (SQLite: see ``_write_takes_lock``), a CTE's included
_WRITE = re.compile(r"\s*(?:INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b"
                    r"|\s*WITH\b.*\b(?:INSERT|UPDATE|DELETE)\b", re.I | re.S)
#: whether this context's statements outside a :func:`unit_of_work` only read (see
#: :func:`defer_reads`): on SQLite they then run without BEGIN IMMEDIATE, taking no lock
_READS_ONLY: ContextVar[bool] = ContextVar("consortium_reads_only", default=False)
#: execution options of a FOR UPDATE read of a versioned record that the unit of work then
#: writes (a transition's record): in an optimistic unit of work on SQLite it takes no lock,
#: since writing the record checks that its version is still the one read (a change in
#: between is a 409, as a lost race is); every other FOR UPDATE read takes the write lock
OPTIMISTIC = {"consortium_optimistic": True}


def configure_sqlite(engine: Engine) -> None:
    """SQLAlchemy's recipe for real SQLite transactions: WAL, a busy timeout, BEGIN IMMEDIATE.

    pysqlite's own transaction handling starts transactions late and lets two writers read the
    same row before either writes; taking the write lock at BEGIN serialises read-then-update.
    In a request (see :func:`defer_reads`) reads run on their own, without the lock, beside
    any writer (WAL); the lock is taken at the start of a :func:`unit_of_work`, or, in an
    optimistic one (a transition), at its first write or locking read. However a statement
    comes to write, it writes in a transaction that holds the lock.
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
        if not _READS_ONLY.get():
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        # else no BEGIN: each read sees what is committed when it runs (PostgreSQL's READ
        # COMMITTED), holds no lock and keeps no snapshot that would stall a checkpoint

    @event.listens_for(engine, "before_cursor_execute")
    def _write_takes_lock(_conn, cursor, statement, _params, context, _many):
        # the first write, or the first read that must lock (FOR UPDATE of anything but an
        # optimistic record), takes the write lock: from there to the commit the unit of
        # work is serialised with every other writer; a write outside a unit of work (none
        # should be) still runs in a transaction, which the end of the request rolls back
        if not cursor.connection.in_transaction and (
                _WRITE.match(statement) or _locking_read(context)):
            cursor.connection.execute("BEGIN IMMEDIATE")


def _locking_read(context) -> bool:
    statement = getattr(getattr(context, "compiled", None), "statement", None)
    return getattr(statement, "_for_update_arg", None) is not None and not (
        context.execution_options.get("consortium_optimistic"))


def defer_reads(app) -> None:
    """On SQLite, a request reads outside its :func:`unit_of_work` without the write lock,
    each statement on its own (autocommit), as each does on PostgreSQL (READ COMMITTED).

    Every change goes through a unit of work, which takes the lock at its start (BEGIN
    IMMEDIATE) or, when optimistic, at its first write; what it relies on from before is its
    record, whose version is checked when it is written, as on PostgreSQL. So a page never
    queues behind a transition, and a transition holds the lock only to write, not for its
    caller's sign-in, its checks or its document's render. The scheduler and the command
    line keep taking the lock at every BEGIN."""
    from flask import g

    if db.engine.dialect.name != "sqlite":
        return

    @app.before_request
    def _reads_only() -> None:
        g.consortium_reads_only = _READS_ONLY.set(True)

    @app.teardown_request
    def _reads_done(_exc) -> None:
        token = g.pop("consortium_reads_only", None)
        if token is not None:
            _READS_ONLY.reset(token)


def _end_read() -> contextlib.AbstractContextManager:
    """Entering a unit of work in a request that only read so far: end its read (nothing is
    written; loaded objects stay as read) so the unit of work begins with the write lock."""
    if not _READS_ONLY.get():
        return contextlib.nullcontext()
    session = db.session()
    if session.in_transaction() and not (session.new or session.dirty or session.deleted):
        _commit_keeping_objects()

    @contextlib.contextmanager
    def writing() -> Iterator[None]:
        token = _READS_ONLY.set(False)
        try:
            yield
        finally:
            _READS_ONLY.reset(token)
    return writing()


@contextlib.contextmanager
def unit_of_work(*, optimistic: bool = False) -> Iterator[None]:
    """Commit everything done inside the block, or nothing.

    ``optimistic`` (a transition of one record, which it loads with :data:`OPTIMISTIC` and
    always writes): on SQLite, in a request, the write lock is taken at the first write or
    locking read, not at the start, so that the transition's reads, checks and the render
    of its document run beside other writers; its record's version, checked when it is
    written, says whether anyone changed it meanwhile (then a 409, as on PostgreSQL, whose
    row lock the record's FOR UPDATE takes at once). Elsewhere it changes nothing.

    The one place that commits: views wrap each change in it; services and the engine only add
    and flush. A stale optimistic version or a lost race on a unique key becomes a 409.

    The commit keeps the loaded objects as they were written instead of expiring them: what
    the view answers after the block is exactly what this unit of work committed, without
    reading every row back. Anything not loaded yet is still loaded on first use (outside
    the unit of work: on SQLite, without the write lock).
    """
    with contextlib.nullcontext() if optimistic else _end_read():
        try:
            yield
            _commit_keeping_objects()
        except StaleDataError:
            db.session.rollback()
            raise Conflict("stale_version",
                           "Someone else changed this record at the same moment. Reload it "
                           "and try again.") from None
        except exc.IntegrityError as err:
            db.session.rollback()
            raise Conflict("conflict",
                           "This conflicts with a record that already exists.") from err
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


class unindexed(FunctionElement):  # noqa: N801 (used like the SQL functions of ``func``)
    """``column`` compared without its index: SQLite's unary ``+`` keeps its planner from
    choosing an index on this column over a better one (elsewhere the column as it is).

    SQLite plans without statistics unless someone runs ANALYZE, and it takes an equality on
    an indexed column for a narrow one: "the documents of this record type that are among
    this user's to sign" was read through the record-type index, every document of the type
    (10 ms at 100,000 documents, in every list and record page), instead of by the few ids.
    """
    inherit_cache = True

    def __init__(self, column):
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _unindexed(element, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element, compiler, **kw) -> str:
    return "+" + compiler.process(element.clauses, **kw)


def refresh_statistics() -> None:
    """ANALYZE, so the query planner knows the tables' sizes after a bulk load or a restore.

    PostgreSQL's autovacuum gets there on its own, but only minutes later; until then it
    plans a 100,000-row table as if it held thirty rows (a state filter read every
    disclosure per candidate row: 140 ms instead of 3 ms). Inside a transaction both
    databases count the rows that transaction inserted.
    """
    db.session.execute(text("ANALYZE"))
