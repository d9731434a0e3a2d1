"""Speed of matchmaking and of the catalogue search at scale (SQLite, and PostgreSQL when
one answers): the ranked offers of one request over N published offers (computed, not read
back), a catalogue search, and publishing an offer with the recomputation of its matches
against M open requests."""
from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from pathlib import Path


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _figures(times: list[float], cpu: list[float] | None = None) -> dict:
    out = {"runs": len(times), "p50_ms": round(statistics.median(times) * 1000, 1),
           "p95_ms": round(_p95(times) * 1000, 1), "load_average": round(os.getloadavg()[0], 1)}
    if cpu:
        # CPU time beside wall time: the machine may be shared
        out["cpu_p50_ms"] = round(statistics.median(cpu) * 1000, 1)
        out["cpu_p95_ms"] = round(_p95(cpu) * 1000, 1)
    return out


class _Clock:
    """Wall and CPU time of one piece of work: this process's CPU (on SQLite that includes
    the database's work) plus, on PostgreSQL, the server backend's when it runs on this
    machine (read from /proc)."""

    def __init__(self, db) -> None:
        self.backend: Path | None = None
        if db.engine.dialect.name == "postgresql":
            pid = db.session.scalar(db.text("SELECT pg_backend_pid()"))
            stat = Path(f"/proc/{pid}/stat")
            self.backend = stat if stat.exists() else None
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def _cpu(self) -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        total = r.ru_utime + r.ru_stime
        if self.backend is not None:
            try:
                fields = self.backend.read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError, ValueError):
                self.backend = None
        return total

    def __enter__(self):
        self._t, self._c = time.perf_counter(), self._cpu()
        return self

    def __exit__(self, *exc) -> None:
        self.wall.append(time.perf_counter() - self._t)
        self.cpu.append(self._cpu() - self._c)

    def figures(self) -> dict:
        return _figures(self.wall, self.cpu)


def run(offers: int = 100_000, requests: int = 10_000, url: str | None = None,
        runs: int = 40) -> dict:
    from sqlalchemy import select

    from bench.run import _app
    from consortium.auth.services import create_user
    from consortium.catalogue import matching, services
    from consortium.catalogue.models import Offer, TechRequest
    from consortium.catalogue.scale import load_catalogue
    from consortium.db import unit_of_work
    from consortium.extensions import db
    from consortium.organizations.services import create_organization
    from consortium.workflow import fire

    with tempfile.TemporaryDirectory() as tmpdir:
        app = _app(Path(tmpdir), url)
        with app.app_context():
            from flask_migrate import upgrade
            upgrade()
            with unit_of_work():
                orgs = [create_organization(f"Bench org {i}", "university", "KZ", None, None)
                        for i in range(8)]
                legal = create_user("bench-legal@example.org", "Bench Legal",
                                    "bench-password-2026", "legal", orgs[0].id, None)
            org_ids, legal_id = [o.id for o in orgs], legal.id
            t0 = time.perf_counter()
            with unit_of_work():
                load_catalogue(offers, requests, org_ids, legal_id)
            loaded = time.perf_counter() - t0
            if db.engine.dialect.name == "postgresql":
                # as autovacuum leaves the tables some time after a bulk load: statistics, and
                # the visibility map that lets the candidate step read its index alone
                db.session.commit()
                with db.engine.connect().execution_options(
                        isolation_level="AUTOCOMMIT") as conn:
                    for table in ("offers", "tech_requests", "offer_concepts",
                                  "request_concepts"):
                        conn.execute(db.text(f"VACUUM ANALYZE {table}"))
            sample = list(db.session.scalars(select(TechRequest).order_by(TechRequest.id)
                                             .limit(runs)))
            clock = _Clock(db)
            for r in sample:
                with clock:
                    matching.ranked_offers(r)
            out = {"offers": offers, "requests": requests, "load_s": round(loaded, 1),
                   "matches_of_one_request": clock.figures()}
            queries = ["copper flotation", "засуха пшеница", "суды тазарту", "solar battery",
                       "коррозия трубопровод", "machine learning", "тұқым", "graphene"]
            clock = _Clock(db)
            for n in range(runs):
                with clock:
                    services.catalogue(q=queries[n % len(queries)],
                                       stage=("ready", None)[n % 2])
            out["catalogue_search"] = clock.figures()
            clock = _Clock(db)
            for n in range(runs):
                with clock:
                    services.catalogue(stage=("documentation", "experimental", "pilot",
                                              "ready")[n % 4], page=1 + n % 5)
            out["catalogue_by_stage"] = clock.figures()
            clock = _Clock(db)
            user = db.session.get(type(legal), legal_id)
            for n in range(max(3, runs // 8)):
                with unit_of_work():
                    o = services.create_offer(user, {
                        "title": f"Drought-tolerant wheat seed coating {n}", "kind": "rd_service",
                        "summary": "A seed coating that keeps wheat seedlings alive in drought "
                                   "and feeds them nitrogen.", "field": "agriculture", "trl": 6,
                        "sector_codes": ["01.11"]})
                oid = o.id
                with clock, unit_of_work():
                    o = db.session.get(Offer, oid)
                    fire(services.OFFER_RECORD, o, "publish", user)
            out["publish_and_recompute"] = clock.figures()
            db.session.remove()
            db.engine.dispose()
    return out


if __name__ == "__main__":
    import json
    import sys
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000), indent=2))
