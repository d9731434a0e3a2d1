"""The scheduler's table: one row per periodic job, its next run and the lease of who runs it."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime
from ..extensions import db


class ScheduledJob(db.Model):
    """A periodic job as the database knows it. The lease is what makes a run exactly once
    across processes and hosts: a worker runs the job only after its conditional UPDATE of
    ``lease_until`` (still NULL or expired) changed this row."""

    __tablename__ = "scheduled_jobs"

    #: the job's name given to ``@periodic``
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    #: the (business) time from which the job is due again
    next_run_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    #: wall-clock time until which a worker holds the job; NULL: nobody runs it
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: the worker (host, process, random token) holding the lease
    leased_by: Mapped[str | None] = mapped_column(String(200))
    last_started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: how many items the last run handled
    last_result: Mapped[int | None] = mapped_column(Integer)
    #: the error of the last run, if it failed (the job is retried at its next time)
    last_error: Mapped[str | None] = mapped_column(Text)
    #: how many runs finished, successfully or not
    runs: Mapped[int] = mapped_column(Integer, default=0)
