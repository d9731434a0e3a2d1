"""The scheduler: periodic jobs run exactly once across processes and hosts by a database lease.

A job is a plain function of ``now`` that returns how many items it handled, registered with
``@periodic(name, every=...)`` in a ``consortium/<domain>/jobs.py`` module (every such module
is imported by :func:`load_jobs`, so registering a new job needs no edit here)::

    from consortium.scheduler import periodic

    @periodic("outbox", every=datetime.timedelta(minutes=1))
    def deliver_outbox(now: datetime.datetime) -> int: ...

:func:`run_due` runs every due job once, inside the caller's app context. Each job is
idempotent and commits its own work (``unit_of_work`` per item), so a run killed half way
leaves every item either done or untouched, and the next run picks up the rest.

Why the lease is ours and not APScheduler's job store: APScheduler 3's SQLAlchemy job store
does not stop two schedulers sharing it from running one job twice (each process runs its
own copy of every job), and APScheduler 4, which coordinates, is not released as stable. So
APScheduler only drives the timing loop (:func:`start_background`, :func:`run_forever`), and
each pass claims each due job with one conditional UPDATE on ``scheduled_jobs``::

    UPDATE scheduled_jobs SET lease_until = :until, leased_by = :me
    WHERE name = :name AND next_run_at <= :now
      AND (lease_until IS NULL OR lease_until < :wall_clock)

which one worker wins on SQLite (writes are serialised) and on PostgreSQL (the second
UPDATE re-reads the row once the first commits, and no longer matches). The winner runs the
job, then moves ``next_run_at`` on by ``every`` and frees the lease; a worker killed while
holding it loses it when ``lease_until`` passes (``SCHEDULER_LEASE_SECONDS``).
"""
from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import logging
import os
import pkgutil
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..db import utcnow
from ..extensions import db
from .models import ScheduledJob

log = logging.getLogger(__name__)

#: a job: ``fn(now) -> int`` (how many items it handled)
JobFn = Callable[[dt.datetime], int]


@dataclass(frozen=True)
class Job:
    """A registered periodic job."""

    name: str
    every: dt.timedelta
    fn: JobFn


#: every registered job by name
JOBS: dict[str, Job] = {}


def periodic(name: str, *, every: dt.timedelta) -> Callable[[JobFn], JobFn]:
    """Register the decorated ``fn(now) -> int`` as the job ``name``, due every ``every``."""
    if every <= dt.timedelta(0):
        raise ValueError(f"job {name}: every must be positive")

    def register(fn: JobFn) -> JobFn:
        known = JOBS.get(name)
        if known is not None and (known.fn.__module__, known.fn.__qualname__) != (
                fn.__module__, fn.__qualname__):
            raise ValueError(f"two jobs named {name}: {known.fn.__qualname__} and "
                             f"{fn.__qualname__}")
        JOBS[name] = Job(name, every, fn)
        return fn
    return register


def load_jobs() -> dict[str, Job]:
    """Import every ``consortium.<package>.jobs`` module, which registers its jobs."""
    # the app's packages, found on disk: the scheduler sits below the domains whose jobs it
    # runs, so it imports their jobs modules by name, never the domains themselves
    for info in pkgutil.iter_modules([str(Path(__file__).resolve().parent.parent)]):
        if not info.ispkg:
            continue
        module = f"consortium.{info.name}.jobs"
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
    return JOBS


def worker_id() -> str:
    """Who holds a lease: host, process and a random part (two threads never share one)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def _lease_seconds() -> int:
    return int(current_app.config.get("SCHEDULER_LEASE_SECONDS", 600))


def _ensure_rows(now: dt.datetime, jobs: list[Job]) -> None:
    """Insert the row of each job not yet in the table, due at once (racing inserts of two
    workers are fine: the loser's is ignored)."""
    known = set(db.session.scalars(select(ScheduledJob.name)))
    missing = [j for j in jobs if j.name not in known]
    if not missing:
        return
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    stmt = insert(ScheduledJob).values([{"name": j.name, "next_run_at": now, "runs": 0}
                                        for j in missing]).on_conflict_do_nothing()
    db.session.execute(stmt)
    db.session.commit()


def claim(job: Job, now: dt.datetime, me: str) -> bool:
    """Take the lease of ``job`` if it is due at ``now`` and nobody holds it (committed)."""
    wall = utcnow()
    result = db.session.execute(
        update(ScheduledJob)
        .where(ScheduledJob.name == job.name, ScheduledJob.next_run_at <= now,
               (ScheduledJob.lease_until.is_(None)) | (ScheduledJob.lease_until < wall))
        .values(lease_until=wall + dt.timedelta(seconds=_lease_seconds()), leased_by=me,
                last_started_at=wall)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return result.rowcount == 1


def _release(job: Job, now: dt.datetime, me: str, result: int | None,
             error: str | None) -> None:
    db.session.execute(
        update(ScheduledJob)
        .where(ScheduledJob.name == job.name, ScheduledJob.leased_by == me)
        .values(next_run_at=now + job.every, lease_until=None, leased_by=None,
                last_finished_at=utcnow(), last_result=result, last_error=error,
                runs=ScheduledJob.runs + 1)
        .execution_options(synchronize_session=False))
    db.session.commit()


def run_due(now: dt.datetime | None = None, *, only: list[str] | None = None) -> dict[str, int]:
    """Run every job due at ``now`` (default: the clock) that no other worker is running,
    each once; answer how many items each job that ran handled. Needs an app context."""
    now = now or utcnow()
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    jobs = [JOBS[n] for n in sorted(load_jobs()) if only is None or n in only]
    db.session.rollback()  # start from a clean transaction: each claim commits on its own
    _ensure_rows(now, jobs)
    me = worker_id()
    ran: dict[str, int] = {}
    for job in jobs:
        if not claim(job, now, me):
            continue
        try:
            handled = int(job.fn(now) or 0)
        except Exception as err:  # a failing job must not stop the others; it is retried
            db.session.rollback()
            log.exception("scheduled job %s failed", job.name)
            _release(job, now, me, None, f"{type(err).__name__}: {err}"[:2000])
            continue
        db.session.rollback()  # whatever the job left uncommitted was not meant to stay
        _release(job, now, me, handled, None)
        ran[job.name] = handled
    return ran


# -- the timing loop ---------------------------------------------------------------------------
def _tick(app: Flask) -> None:
    with app.app_context():
        try:
            ran = run_due()
        finally:
            db.session.remove()
    if ran:
        log.info("scheduler ran %s", ", ".join(f"{k}: {v}" for k, v in ran.items()))


def _scheduler(kind: str, app: Flask):
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler
    cls = BackgroundScheduler if kind == "background" else BlockingScheduler
    scheduler = cls(timezone=dt.UTC)
    scheduler.add_job(_tick, "interval", args=(app,),
                      seconds=int(app.config.get("SCHEDULER_TICK_SECONDS", 30)),
                      id="consortium-run-due", max_instances=1, coalesce=True,
                      next_run_time=dt.datetime.now(dt.UTC))
    return scheduler


_started = threading.Lock()
_background = None


def start_background(app: Flask) -> bool:
    """Start the timing loop in a daemon thread of this process (once); say if it started."""
    global _background
    with _started:
        if _background is not None:
            return False
        _background = _scheduler("background", app)
        _background.start()
        return True


def run_forever(app: Flask) -> None:
    """Run the timing loop in the foreground until interrupted (``flask jobs run``)."""
    _scheduler("blocking", app).start()


def init_app(app: Flask) -> None:
    """With ``SCHEDULER_IN_PROCESS`` on (``make run``), start the timing loop in the process
    that serves requests, at its first request: never in tests, in CLI commands such as
    ``db upgrade``, or in the reloader's watching parent, which serve none."""
    if not app.config.get("SCHEDULER_IN_PROCESS"):
        return

    @app.before_request
    def _start_scheduler() -> None:
        if _background is None and start_background(app):
            log.info("scheduler started inside the server process %s", os.getpid())
