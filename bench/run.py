"""Benchmarks printed by `make bench` and written to bench/results.json.

1. render: documents per second for every contract template, plain docxtpl against the
   app's compiled renderer (same template, same context, one run), and their ratio;
2. transition: median and p95 of a full HTTP transition through the test client on SQLite
   (engine, document, storage with fsync, audit event, commit) and its ratio to a plain
   render of the same document;
3. scale: list, search, filter-by-state, inbox and dashboard requests at 1,000 and 100,000
   disclosures (`BENCH_SCALE` overrides the large size), p50 and p95 and the ratio between
   the sizes; the same on PostgreSQL when it answers (`BENCH_PG_SCALE`);
4. memory: the resident memory of a gunicorn worker serving 10,000 transitions with their
   documents (`BENCH_MEMORY_TRANSITIONS`), read at start and after each quarter;
5. throughput: `submit` transitions (each renders the disclosure record) over HTTP against
   gunicorn with 4 workers, from 8 and then 2 concurrent clients (1,200 and 400 of them,
   `BENCH_THROUGHPUT_TRANSITIONS`), on SQLite and on PostgreSQL when it answers (in a fresh
   database made and dropped for it): transitions per second, p50 and p95, answers other
   than 200, the server's CPU per transition beside the compiled render of the document,
   and the SQL statements per transition (counted in-process through the test client).

6. scheduler: one pass of the scheduler over 100,000 active licences of which 1,000 are due
   to expire (`BENCH_SCHEDULER_RECORDS`; see bench/scheduler.py), target under 5 s on SQLite.

7. docket: the patent docket's pages and API (sorted, filtered by open and done), the inbox and
   a disclosure page with its family at 100,000 disclosures (`BENCH_DOCKET_SCALE`), target
   p95 under 50 ms.

`BENCH_ONLY=render,transition,scale,memory,throughput,eds,templates,scheduler,docket` runs a
subset.
"""
from __future__ import annotations

import io
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from docxtpl import DocxTemplate

RESULTS = Path(__file__).with_name("results.json")
PASSWORD = "bench-password-2026"


def _timeit(fn, *, min_runs: int = 20, min_seconds: float = 1.0) -> list[float]:
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


PG_ADMIN_URL = os.environ.get("PG_ADMIN_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _pg_database(name: str) -> str | None:
    """A fresh PostgreSQL database for the bench, or None when no server answers."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT",
                              connect_args={"connect_timeout": 3})
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception:
        return None
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _app(tmp: Path, url: str | None = None):
    from consortium import create_app
    app = create_app({
        "SECRET_KEY": "bench", "TESTING": True, "WTF_CSRF_ENABLED": False,
        "SQLALCHEMY_DATABASE_URI": url or f"sqlite:///{tmp / 'bench.sqlite3'}",
        "STORAGE_DIR": str(tmp / "documents"),
        "PASSWORD_HASH_TIME_COST": 1, "PASSWORD_HASH_MEMORY_COST": 1024,
    })
    from flask_migrate import upgrade
    with app.app_context():
        upgrade()
    return app


def _people(app):
    from consortium.auth.services import create_user
    from consortium.db import unit_of_work
    from consortium.organizations.services import create_organization
    with app.app_context(), unit_of_work():
        org = create_organization("Bench University", "university", "KZ", "990140000126",
                                  "1 Bench Street, Astana")
        r = create_user("r@bench.kz", "Aigerim Bench", PASSWORD, "researcher", org.id)
        legal = create_user("l@bench.kz", "Lena Bench", PASSWORD, "legal", org.id)
        return r.id, legal.id


def _token(client, email):
    return {"Authorization": "Bearer " + client.post(
        "/api/v1/auth/token", json={"email": email, "password": PASSWORD}).get_json()["token"]}


def _disclosure_body(researcher_id: int) -> dict:
    return {"title": "Biodegradable seed coating from camel-wool keratin",
            "abstract": "A keratin-chitosan seed coating that releases nitrogen over 40 days.\n"
                        "It degrades fully in soil within one season.",
            "funding_source": "state_grant", "keywords": ["seed coating", "keratin"],
            "inventors": [{"user_id": researcher_id, "share_percent": "100"}]}


def _new_disclosure(client, headers, researcher_id):
    return client.post("/api/v1/disclosures", json=_disclosure_body(researcher_id),
                       headers=headers).get_json()["id"]


#: the docket's requests (``BENCH_ONLY=docket``: only these, at ``BENCH_DOCKET_SCALE``)
DOCKET_REQUESTS = ("page docket", "page docket by office", "page docket open",
                   "page docket by record", "api docket", "api docket done",
                   "page inbox", "page disclosure with family")
#: the docket page's target at 100,000 disclosures (issue 19)
DOCKET_TARGET_MS = 50


def _scale(size: int, url: str | None = None, names: tuple[str, ...] | None = None) -> dict:
    """Generate ``size`` disclosures in a fresh database and time the list pages (``names``:
    only those requests)."""
    from consortium.db import unit_of_work
    from consortium.demo_scale import load_scale
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        app = _app(tmp, url)
        with app.app_context():
            t0 = time.perf_counter()
            with unit_of_work():
                load_scale(size)
            generated = time.perf_counter() - t0
            _patent_families(app)
            from sqlalchemy import select

            from consortium.auth.models import User
            from consortium.extensions import db
            legal = db.session.scalar(select(User.email).where(User.role == "legal",
                                                               User.email.like("%scale%")))
            researcher = db.session.scalar(select(User.email).where(
                User.role == "researcher", User.email.like("%scale%")))
            from consortium.docket.models import DocketEntry
            legal_org = db.session.scalar(select(User.organization_id).where(
                User.email == legal))
            family_of = db.session.scalar(select(DocketEntry.disclosure_id).where(
                DocketEntry.organization_id == legal_org).order_by(DocketEntry.id).limit(1))
            entries = db.session.scalar(select(db.func.count(DocketEntry.id)).where(
                DocketEntry.organization_id == legal_org))
            db.session.execute(db.text("UPDATE users SET password_hash = :h"),
                               {"h": _hash(app)})
            db.session.commit()
        client = app.test_client()
        lh, rh = _token(client, legal), _token(client, researcher)
        web = app.test_client()
        web.post("/login", data={"email": legal, "password": PASSWORD})
        rweb = app.test_client()
        rweb.post("/login", data={"email": researcher, "password": PASSWORD})
        requests = {
            "api list (legal)": lambda: client.get("/api/v1/disclosures?per_page=50",
                                                   headers=lh),
            "api list page 5": lambda: client.get("/api/v1/disclosures?page=5&per_page=50",
                                                  headers=lh),
            "api search q": lambda: client.get("/api/v1/disclosures?q=membrane", headers=lh),
            "api search person": lambda: client.get("/api/v1/disclosures?q=Person+12",
                                                    headers=lh),
            "api search sorted": lambda: client.get(
                "/api/v1/disclosures?q=sensor&sort=oldest&from=2024-01-01", headers=lh),
            "api filter state": lambda: client.get("/api/v1/disclosures?state=assessed",
                                                   headers=lh),
            "api list (inventor)": lambda: client.get("/api/v1/disclosures", headers=rh),
            "page list": lambda: web.get("/disclosures/"),
            "page search": lambda: web.get("/disclosures/?q=sensor&state=submitted"),
            "page inbox": lambda: web.get("/inbox"),
            "page review queue": lambda: web.get("/disclosures/review"),
            "page dashboard": lambda: web.get("/dashboard"),
            "page inbox (inventor)": lambda: rweb.get("/inbox"),
            "page docket": lambda: web.get("/docket/"),
            "page docket by office": lambda: web.get("/docket/?sort=office"),
            "page docket open": lambda: web.get("/docket/?status=open"),
            "page docket by record": lambda: web.get("/docket/?sort=record&order=desc"),
            "api docket": lambda: client.get("/api/v1/docket", headers=lh),
            "api docket done": lambda: client.get("/api/v1/docket?status=done", headers=lh),
            "page disclosure with family": lambda: web.get(f"/disclosures/{family_of}"),
        }
        if family_of is None:  # no patent family in the legal user's organisation
            del requests["page disclosure with family"]
        if names is not None:
            requests = {k: v for k, v in requests.items() if k in names}
        out = {}
        for name, call in requests.items():
            assert call().status_code == 200, name
            times = _timeit(call, min_runs=30, min_seconds=0.5)
            out[name] = {"p50_ms": round(statistics.median(times) * 1000, 2),
                         "p95_ms": round(_p95(times) * 1000, 2)}
        with app.app_context():
            from consortium.extensions import db
            db.engine.dispose()
    return {"generate_s": round(generated, 1), "requests": out, "docket_entries": entries}


def _patent_families(app) -> None:
    """Every patent-pending and patented disclosure of the scale data gets its first filing
    (Kazpatent, filed when it was submitted) and its due dates, as ``file_patent`` makes."""
    from consortium.db import unit_of_work
    from consortium.docket.services import backfill_first_filings
    from consortium.extensions import db
    with app.app_context():
        with unit_of_work():
            db.session.execute(db.text(
                "UPDATE disclosures SET patent_office = 'KZ', application_number = "
                "'KZ' || CAST(id AS VARCHAR(20)), filing_date = date(submitted_at) "
                "WHERE state IN ('patent_pending', 'patented') AND submitted_at IS NOT NULL"))
            backfill_first_filings()


def _hash(app) -> str:
    with app.app_context():
        from consortium.auth.passwords import hash_password
        return hash_password(PASSWORD)


_SAMPLE_APP: list = []


def sample_context(name: str) -> dict:
    """The full sample context of template ``name``, made by the app's own context code
    (consortium.templates_admin.samples), in a throwaway migrated SQLite app."""
    if not _SAMPLE_APP:
        _SAMPLE_APP.append(_app(Path(tempfile.mkdtemp(prefix="bench-samples-"))))
    from consortium.templates_admin import samples
    with _SAMPLE_APP[0].test_request_context():
        return samples.contexts(name)[0].context


def _render(results: dict) -> None:
    """Every template, plain docxtpl against the compiled renderer, with the app's samples."""
    from consortium.documents import rendering
    env = rendering.jinja_env()
    for name, info in rendering.manifest().items():
        context = sample_context(name)
        path = rendering.TEMPLATE_DIR / info["file"]

        def plain(path=path, context=context):
            tpl = DocxTemplate(path)
            tpl.render(context, jinja_env=env)
            tpl.save(io.BytesIO())

        def fast(name=name, context=context):
            rendering.render(name, context)
        plain_t = statistics.median(_timeit(plain, min_runs=10, min_seconds=0.5))
        fast_t = statistics.median(_timeit(fast, min_runs=50, min_seconds=0.5))
        results["render"][name] = {
            "plain_docxtpl_per_s": round(1 / plain_t, 1),
            "plain_docxtpl_median_ms": round(plain_t * 1000, 2),
            "compiled_per_s": round(1 / fast_t, 1),
            "compiled_median_ms": round(fast_t * 1000, 2),
            "ratio": round(plain_t / fast_t, 1)}


def _submit_times(app, runs: int = 60) -> list[float]:
    """Full HTTP 'submit' transitions on fresh drafts; each renders the disclosure record."""
    researcher_id, _legal = _people(app)
    client = app.test_client()
    rh = _token(client, "r@bench.kz")
    drafts = [_new_disclosure(client, rh, researcher_id) for _ in range(runs + 5)]
    times = []
    for i, d in enumerate(drafts):
        t0 = time.perf_counter()
        r = client.post(f"/api/v1/disclosures/{d}/transitions/submit", json={}, headers=rh)
        if i >= 5:  # the first few warm the caches and the connection pool
            times.append(time.perf_counter() - t0)
        assert r.status_code == 200, r.get_json()
    with app.app_context():
        from consortium.extensions import db
        db.engine.dispose()
    return times


def _transition(results: dict, pg: str | None) -> None:
    """The submit transition against a plain render of the same document, one run."""
    from consortium.documents import rendering
    path = rendering.TEMPLATE_DIR / rendering.template_info(
        "invention_disclosure_record")["file"]
    context, env = sample_context("invention_disclosure_record"), rendering.jinja_env()

    def plain():
        tpl = DocxTemplate(path)
        tpl.render(context, jinja_env=env)
        tpl.save(io.BytesIO())
    render_ms = statistics.median(_timeit(plain, min_runs=30)) * 1000
    backends = [("sqlite_submit", None)] + ([("postgresql_submit", pg)] if pg else [])
    for key, url in backends:
        with tempfile.TemporaryDirectory() as tmpdir:
            times = _submit_times(_app(Path(tmpdir), url))
        med = statistics.median(times) * 1000
        results["transition"][key] = {
            "median_ms": round(med, 2), "p95_ms": round(_p95(times) * 1000, 2),
            "plain_render_ms": round(render_ms, 2),
            "ratio_to_plain_render": round(med / render_ms, 2), "runs": len(times)}


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _memory(results: dict, transitions: int) -> None:
    """RSS of one gunicorn worker while it serves ``transitions`` transitions over HTTP.

    Each disclosure goes submit (document), start_review, request_revision, resubmit
    (document): four transitions, two documents, against a real server process.
    """
    import subprocess
    import sys
    import urllib.request

    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists() or not Path("/proc/self/status").exists():
        return
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        app = _app(tmp)
        researcher_id, _legal = _people(app)
        with app.app_context():
            from consortium.extensions import db
            db.engine.dispose()
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "CONSORTIUM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
               "CONSORTIUM_STORAGE_DIR": app.config["STORAGE_DIR"],
               "CONSORTIUM_SECRET_KEY": "bench", "CONSORTIUM_INSTANCE_DIR": str(tmp),
               "CONSORTIUM_PASSWORD_TIME_COST": "1", "CONSORTIUM_PASSWORD_MEMORY_COST": "1024"}
        proc = subprocess.Popen([str(gunicorn), "-w", "1", "-b", f"127.0.0.1:{port}",
                                 "--timeout", "120", "consortium:create_app()"],
                                cwd=Path(__file__).resolve().parents[1], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}/api/v1"

        def call(path, body, token=None):
            req = urllib.request.Request(
                base + path, method="POST", data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json",
                         **({"Authorization": f"Bearer {token}"} if token else {})})
            with urllib.request.urlopen(req, timeout=120) as r:
                return json.loads(r.read())
        try:
            deadline = time.time() + 30
            while True:
                try:
                    urllib.request.urlopen(base + "/workflows", timeout=2)
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.2)
            children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
            worker = int(children[0])
            rt = call("/auth/token", {"email": "r@bench.kz", "password": PASSWORD})["token"]
            lt = call("/auth/token", {"email": "l@bench.kz", "password": PASSWORD})["token"]
            body = _disclosure_body(researcher_id)
            steps = (("submit", rt, {}), ("start_review", lt, {}),
                     ("request_revision", lt, {"comment": "Add the field-trial data."}),
                     ("resubmit", rt, {}))
            samples = [{"transitions": 0, "worker_rss_mb": round(_rss_kb(worker) / 1024, 1)}]
            done, t0 = 0, time.perf_counter()
            while done < transitions:
                did = call("/disclosures", body, rt)["id"]
                for trigger, token, payload in steps:
                    call(f"/disclosures/{did}/transitions/{trigger}", payload, token)
                    done += 1
                    if done % (transitions // 4) == 0:
                        samples.append({"transitions": done,
                                        "worker_rss_mb": round(_rss_kb(worker) / 1024, 1)})
            elapsed = time.perf_counter() - t0
            results["memory"] = {"transitions": done, "seconds": round(elapsed, 1),
                                 "worker_rss": samples,
                                 "master_rss_mb": round(_rss_kb(proc.pid) / 1024, 1)}
        finally:
            proc.terminate()
            proc.wait(30)


#: issue 12's targets for the throughput section (8 clients, 4 workers, 2 cores)
THROUGHPUT_TARGETS = {"sqlite": 150, "postgresql": 100}
CPU_TO_RENDER_TARGET = 2.5


def _cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of ``pids`` so far, from /proc (clock ticks to seconds)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn(app, tmp: Path, workers: int):
    """A gunicorn serving ``app``'s database on 127.0.0.1; returns (process, base URL)."""
    import subprocess
    import sys
    import urllib.request
    port = _free_port()
    env = {**os.environ, "CONSORTIUM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "CONSORTIUM_STORAGE_DIR": app.config["STORAGE_DIR"],
           "CONSORTIUM_SECRET_KEY": "bench", "CONSORTIUM_INSTANCE_DIR": str(tmp),
           "CONSORTIUM_PASSWORD_TIME_COST": "1", "CONSORTIUM_PASSWORD_MEMORY_COST": "1024"}
    log = tmp / "gunicorn.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-w", str(workers),
             "-b", f"127.0.0.1:{port}", "--timeout", "120", "consortium:create_app()"],
            cwd=Path(__file__).resolve().parents[1], env=env,
            stdout=subprocess.DEVNULL, stderr=err)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/v1/workflows", timeout=2):
                pass
            children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
            if len(children) >= workers:
                return proc, base
        except OSError:
            pass
        if time.time() > deadline or proc.poll() is not None:
            proc.terminate()
            raise RuntimeError("gunicorn did not start:\n" + log.read_text()[-2000:])
        time.sleep(0.2)


def _load(base: str, token: str, ids: list[int], clients: int, *,
          read: bool = False) -> tuple[list[float], int, float]:
    """Submit every disclosure of ``ids`` over HTTP from ``clients`` threads, each with its
    own connection (``read``: read each with ``GET`` instead); returns the latencies, how
    many answers were not 200, and the wall time."""
    import http.client
    import threading
    from urllib.parse import urlsplit
    host = urlsplit(base)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    times: list[float] = []
    failed = [0]
    lock = threading.Lock()
    chunks = [ids[k::clients] for k in range(clients)]

    def client(mine: list[int]) -> None:
        for did in mine:
            conn = http.client.HTTPConnection(host.hostname, host.port, timeout=120)
            t0 = time.perf_counter()
            try:
                if read:
                    conn.request("GET", f"/api/v1/disclosures/{did}", headers=headers)
                else:
                    conn.request("POST", f"/api/v1/disclosures/{did}/transitions/submit",
                                 body=b"{}", headers=headers)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except OSError:
                ok = False
            finally:
                conn.close()
            elapsed = time.perf_counter() - t0
            with lock:
                times.append(elapsed)
                failed[0] += not ok
    threads = [threading.Thread(target=client, args=(c,)) for c in chunks]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, failed[0], time.perf_counter() - t0


def _statements_per_submit(app, client, headers, ids: list[int]) -> dict:
    """SQL statements of ``submit`` transitions through the test client, counted in-process."""
    from sqlalchemy import event

    from consortium.extensions import db
    with app.app_context():
        engine = db.engine
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement.lstrip().split(None, 1)[0].upper())
    event.listen(engine, "before_cursor_execute", count)
    try:
        for did in ids:
            r = client.post(f"/api/v1/disclosures/{did}/transitions/submit", json={},
                            headers=headers)
            assert r.status_code == 200, r.get_json()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    kinds = {k: round(seen.count(k) / len(ids), 2) for k in sorted(set(seen))}
    return {"per_transition": round(len(seen) / len(ids), 2), "by_kind": kinds,
            "transitions": len(ids)}


def _compiled_render_ms() -> float:
    """The compiled render of the document a ``submit`` issues, with the app's full sample."""
    from consortium.documents import rendering
    context = sample_context("invention_disclosure_record")
    return statistics.median(_timeit(
        lambda: rendering.render("invention_disclosure_record", context),
        min_runs=100, min_seconds=1.0)) * 1000


def _throughput(results: dict, pg: str | None, transitions: int) -> None:
    """``submit`` transitions over HTTP against gunicorn (4 workers) from 8 and 2 clients.

    Each transition renders the disclosure record, stores it and appends its audit event.
    The server's CPU per transition is read from /proc (master and workers) around each load
    and set beside the compiled render of the same document; statements per transition are
    counted in-process through the test client.
    """
    import sys
    if not Path("/proc/self/stat").exists() or not Path(
            sys.executable).with_name("gunicorn").exists():
        return
    render_ms = _compiled_render_ms()
    loads = ((8, transitions), (2, max(2, transitions // 3)))
    warm = min(8 * 4, transitions)  # a few per worker, before anything is measured
    backends = [("sqlite", None)] + ([("postgresql", pg)] if pg else [])
    for key, url in backends:
        with tempfile.TemporaryDirectory() as tmpdir:
            tmp = Path(tmpdir)
            app = _app(tmp, url)
            researcher_id, _legal = _people(app)
            client = app.test_client()
            rh = _token(client, "r@bench.kz")
            counted = [_new_disclosure(client, rh, researcher_id) for _ in range(
                max(3, min(50, transitions // 10)) + 2)]
            client.post(f"/api/v1/disclosures/{counted[0]}/transitions/submit", json={},
                        headers=rh)  # the first warms the caches
            client.post(f"/api/v1/disclosures/{counted[1]}/transitions/submit", json={},
                        headers=rh)
            statements = _statements_per_submit(app, client, rh, counted[2:])
            batches = [[_new_disclosure(client, rh, researcher_id) for _ in range(n)]
                       for n in (warm, *(n for _c, n in loads))]
            token = rh["Authorization"].split()[1]
            with app.app_context():
                from consortium.extensions import db
                db.engine.dispose()
            proc, base = _gunicorn(app, tmp, workers=4)
            try:
                pids = [proc.pid] + [int(p) for p in Path(
                    f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
                _load(base, token, batches[0], 8)  # every worker imports and warms up
                out: dict = {"statements": statements, "compiled_render_ms": round(render_ms, 2),
                             "workers": 4, "load_average": round(os.getloadavg()[0], 2)}
                for (clients, _n), ids in zip(loads, batches[1:], strict=True):
                    cpu0 = _cpu_seconds(pids)
                    times, failed, wall = _load(base, token, ids, clients)
                    cpu_ms = (_cpu_seconds(pids) - cpu0) / len(ids) * 1000
                    # the machine's speed can drift within minutes: each load is set beside
                    # the render timed just before and just after it
                    after = _compiled_render_ms()
                    render_here = (render_ms + after) / 2
                    render_ms = after
                    out[f"{clients}_clients"] = {
                        "transitions": len(ids), "per_s": round(len(ids) / wall, 1),
                        "p50_ms": round(statistics.median(times) * 1000, 2),
                        "p95_ms": round(_p95(times) * 1000, 2), "non_200": failed,
                        "server_cpu_ms": round(cpu_ms, 2),
                        "render_ms": round(render_here, 2),
                        "cpu_to_render": round(cpu_ms / render_here, 2)}
                # the floor beside it: an authenticated read of the same kind of record
                # (sign-in, visibility, answer), 2 clients, a few times over the records
                reads = [i for i in batches[-1] for _ in range(3)]
                cpu0 = _cpu_seconds(pids)
                times, failed, _wall = _load(base, token, reads, 2, read=True)
                out["read"] = {"requests": len(reads), "non_200": failed,
                               "p50_ms": round(statistics.median(times) * 1000, 2),
                               "server_cpu_ms": round(
                                   (_cpu_seconds(pids) - cpu0) / len(reads) * 1000, 2)}
                out["transition_to_read"] = round(
                    out["2_clients"]["server_cpu_ms"] / out["read"]["server_cpu_ms"], 2)
                out["load_average_after"] = round(os.getloadavg()[0], 2)
                results["throughput"][key] = out
            finally:
                proc.terminate()
                proc.wait(30)


def _pg_drop(name: str) -> None:
    from sqlalchemy import create_engine, text
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _eds(results: dict, runs: int) -> None:
    """Server-side verification of one detached CMS over a licence agreement's bytes (RSA with
    SHA-256, GOST 34.10-2015-256), against the test PKI of ``tests/eds_pki.py``: the whole check
    (digest, signature, chain, validity, key usage, IIN and BIN)."""

    from consortium.documents import rendering
    from consortium.eds import TrustStore, verify_detached
    from tests.eds_pki import iin, make_pki
    content = rendering.render("license_agreement", sample_context("license_agreement"))
    with tempfile.TemporaryDirectory() as tmp:
        pki = make_pki(Path(tmp))
        trust = TrustStore.from_pem_file(str(pki.trust_pem_path))
        results["eds"] = {"document_kb": round(len(content) / 1024, 1)}
        for algorithm, n in (("rsa", runs), ("gost256", max(3, runs // 40))):
            signer_iin = iin("85010130011")
            person = pki.person(signer_iin, "Bench Signer", algorithm=algorithm)
            cms = person.sign_detached(content)

            def check(cms=cms, signer_iin=signer_iin):
                verify_detached(cms, content, trust=trust, expected_iin=signer_iin)
            check()  # warm: the chain's issuer signatures are cached in the store
            times = [_once_ms(check) for _ in range(n)]
            results["eds"][algorithm] = {"runs": n, "median_ms": round(statistics.median(times), 2),
                                         "p95_ms": round(_p95(times), 2)}


def _templates(results: dict) -> None:
    """The template check with every variant (target under 2 s), cold and warm, and the first
    render after an organisation's version is activated (a new hash: compiled once, then
    served from the cache keyed by that hash)."""
    import tempfile

    from consortium.documents import rendering
    tmp = Path(tempfile.mkdtemp(prefix="bench-templates-"))
    app = _app(tmp)
    out: dict = {"check": {}}
    with app.app_context():
        from consortium.templates_admin import check, samples
        for name in ("invention_disclosure_record", "license_agreement",
                     "consortium_agreement", "distribution_statement",
                     "general_assembly_minutes"):
            data = rendering.template_path(name).read_bytes()
            cold = _once_ms(lambda data=data, name=name: check.check(data, name))
            warm = statistics.median(_timeit(lambda data=data, name=name: check.check(
                data, name), min_runs=3, min_seconds=0.5)) * 1000
            cpu = time.process_time()
            check.check(data, name)
            cpu = (time.process_time() - cpu) * 1000
            out["check"][name] = {"samples": len(samples.contexts(name)),
                                  "first_ms": round(cold, 1), "median_ms": round(warm, 1),
                                  "cpu_ms": round(cpu, 1),
                                  "load_average": round(os.getloadavg()[0], 1)}
    researcher_id, legal_id = _people(app)
    with app.app_context():
        from consortium.auth.models import User
        from consortium.auth.services import create_user
        from consortium.db import unit_of_work
        from consortium.documents import versions
        from consortium.extensions import db
        from consortium.templates_admin import samples, services
        legal = db.session.get(User, legal_id)
        with unit_of_work():
            second = create_user("l2@bench.kz", "Timur Bench", PASSWORD, "legal",
                                 legal.organization_id)
        name = "license_agreement"
        data = _rezip_body(rendering.template_path(name).read_bytes(), b"may be signed "
                           b"electronically", b"may be signed electronically, by EDS,")
        with unit_of_work():
            v = services.upload(db.session.get(User, legal_id), name, "la.docx", data)
        with unit_of_work():
            services.activate(db.session.get(User, second.id), v)
        org = db.session.get(User, legal_id).organization
        chosen = versions.chosen_for(org, name, app.config["STORAGE_DIR"])
        context = samples.contexts(name)[0].context
        first = _once_ms(lambda: rendering.render_file(chosen.path, context, chosen.sha256))
        warm = statistics.median(_timeit(lambda: rendering.render_file(
            chosen.path, context, chosen.sha256), min_runs=20, min_seconds=0.5)) * 1000
        out["first_render_after_activation"] = {"template": name,
                                                "first_ms": round(first, 1),
                                                "then_median_ms": round(warm, 2)}
    results["templates"] = out


def _rezip_body(data: bytes, old: bytes, new: bytes) -> bytes:
    import zipfile
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            part = src.read(info.filename)
            z.writestr(info, part.replace(old, new) if info.filename == "word/document.xml"
                       else part)
    return out.getvalue()


def _once_ms(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def _print(results: dict) -> None:
    if results["render"]:
        print(f"{'template':<34}{'docxtpl/s':>11}{'compiled/s':>12}{'ratio':>8}")
        for name, r in results["render"].items():
            print(f"{name:<34}{r['plain_docxtpl_per_s']:>11}{r['compiled_per_s']:>12}"
                  f"{r['ratio']:>7}x")
    for key, backend in (("sqlite_submit", "SQLite"), ("postgresql_submit", "PostgreSQL")):
        if key in results["transition"]:
            t = results["transition"][key]
            print(f"HTTP transition 'submit' on {backend}: median {t['median_ms']} ms, "
                  f"p95 {t['p95_ms']} ms, {t['ratio_to_plain_render']}x a plain render "
                  f"({t['plain_render_ms']} ms)")
    for key, backend in (("scale", "SQLite"), ("scale_postgresql", "PostgreSQL")):
        if key not in results:
            continue
        sizes = list(results[key])
        small, large = results[key][sizes[0]], results[key][sizes[-1]]
        print(f"\nscale on {backend}: {sizes[0]} vs {sizes[-1]} disclosures (generated in "
              f"{small['generate_s']} s / {large['generate_s']} s)")
        print(f"{'request':<22}{'p50 small':>11}{'p95 small':>11}{'p50 large':>11}"
              f"{'p95 large':>11}{'ratio p95':>11}")
        for name in small["requests"]:
            a, b = small["requests"][name], large["requests"][name]
            print(f"{name:<22}{a['p50_ms']:>11}{a['p95_ms']:>11}{b['p50_ms']:>11}"
                  f"{b['p95_ms']:>11}{round(b['p95_ms'] / a['p95_ms'], 2):>11}")
    if "docket" in results:
        d = results["docket"]
        size = next(k for k in d if k != "load_average")
        print(f"\ndocket at {size} disclosures ({d[size]['docket_entries']} due dates of the "
              f"legal user's organisation; load average {d['load_average']}; target p95 under "
              f"{DOCKET_TARGET_MS} ms):")
        for name, r in d[size]["requests"].items():
            mark = "" if not name.startswith(("page docket", "api docket")) else (
                " (met)" if r["p95_ms"] < DOCKET_TARGET_MS else " (NOT met)")
            print(f"  {name:<30}p50 {r['p50_ms']:>7} ms  p95 {r['p95_ms']:>7} ms{mark}")
    if "memory" in results:
        m = results["memory"]
        print(f"\nmemory: one gunicorn worker, {m['transitions']} transitions in "
              f"{m['seconds']} s; worker RSS " + ", ".join(
                  f"{s['worker_rss_mb']} MB after {s['transitions']}"
                  for s in m["worker_rss"]) + f"; master {m['master_rss_mb']} MB")
    for backend, t in results.get("throughput", {}).items():
        s = t["statements"]
        print(f"\nthroughput on {backend}: HTTP 'submit' (renders the disclosure record) "
              f"against gunicorn, {t['workers']} workers; {s['per_transition']} SQL statements "
              f"per transition ({', '.join(f'{k} {v}' for k, v in s['by_kind'].items())}); "
              f"compiled render {t['compiled_render_ms']} ms; load average "
              f"{t['load_average']} before, {t['load_average_after']} after")
        print(f"{'clients':<9}{'transitions':>12}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}"
              f"{'non-200':>9}{'server CPU ms':>15}{'x render':>10}")
        for clients in (8, 2):
            r = t[f"{clients}_clients"]
            print(f"{clients:<9}{r['transitions']:>12}{r['per_s']:>8}{r['p50_ms']:>9}"
                  f"{r['p95_ms']:>9}{r['non_200']:>9}{r['server_cpu_ms']:>15}"
                  f"{r['cpu_to_render']:>9}x  (render {r.get('render_ms', '?')} ms then)")
        if "read" in t:
            print(f"an authenticated GET of a disclosure, 2 clients: server CPU "
                  f"{t['read']['server_cpu_ms']} ms, p50 {t['read']['p50_ms']} ms; a "
                  f"transition from 2 clients costs {t['transition_to_read']}x that")
        r, want = t["8_clients"], THROUGHPUT_TARGETS[backend]
        met = (r["per_s"] >= want and r["non_200"] == 0
               and r["cpu_to_render"] <= CPU_TO_RENDER_TARGET)
        print(f"target (8 clients): at least {want}/s, every answer 200, server CPU at most "
              f"{CPU_TO_RENDER_TARGET}x the render: {'met' if met else 'NOT met'}")
    if "eds" in results:
        e = results["eds"]
        print(f"\nEDS verification of one detached CMS over a {e['document_kb']} kB licence "
              f"agreement: RSA median {e['rsa']['median_ms']} ms, p95 {e['rsa']['p95_ms']} ms "
              f"({e['rsa']['runs']} runs; target under 20 ms: "
              f"{'met' if e['rsa']['p95_ms'] < 20 else 'NOT met'}); GOST-256 median "
              f"{e['gost256']['median_ms']} ms ({e['gost256']['runs']} runs, pure Python)")
    if "templates" in results:
        t = results["templates"]
        print("\ntemplate check, every rule with every variant (target under 2 s):")
        for name, c in t["check"].items():
            print(f"  {name:<34}{c['samples']:>3} samples  first {c['first_ms']} ms, then "
                  f"median {c['median_ms']} ms, CPU {c['cpu_ms']} ms (load average "
                  f"{c['load_average']}) "
                  f"({'met' if max(c['first_ms'], c['median_ms']) < 2000 else 'NOT met'})")
        f = t["first_render_after_activation"]
        print(f"first render of {f['template']} after activating a new version: "
              f"{f['first_ms']} ms (compiles it), then median {f['then_median_ms']} ms")
    if "scheduler" in results:
        from .scheduler import describe
        print(describe(results["scheduler"]))
    print(f"written to {RESULTS}")


def main() -> None:
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(","))) or {
        "render", "transition", "scale", "memory", "throughput", "eds", "templates",
        "scheduler", "matching"}
    results: dict = {"render": {}, "transition": {}, "throughput": {}}
    pg = _pg_database("consortium_bench")
    if "render" in only:
        _render(results)
    if "transition" in only:
        _transition(results, pg)
    if "scale" in only:
        results["scale"] = {}
        for size in (1000, int(os.environ.get("BENCH_SCALE", 100_000))):
            results["scale"][str(size)] = _scale(size)
        if pg:
            results["scale_postgresql"] = {}
            for size in (1000, int(os.environ.get("BENCH_PG_SCALE", 100_000))):
                results["scale_postgresql"][str(size)] = _scale(
                    size, _pg_database(f"consortium_bench_{size}"))
    if "docket" in only:
        size = int(os.environ.get("BENCH_DOCKET_SCALE", 100_000))
        results["docket"] = {str(size): _scale(size, names=DOCKET_REQUESTS),
                             "load_average": round(os.getloadavg()[0], 1)}
    if "memory" in only:
        _memory(results, int(os.environ.get("BENCH_MEMORY_TRANSITIONS", 10_000)))
    if "throughput" in only:
        name = "consortium_bench_throughput"
        url = _pg_database(name)
        try:
            _throughput(results, url,
                        int(os.environ.get("BENCH_THROUGHPUT_TRANSITIONS", 1200)))
        finally:
            if url:
                _pg_drop(name)
    if "eds" in only:
        _eds(results, int(os.environ.get("BENCH_EDS_RUNS", 200)))
    if "templates" in only:
        _templates(results)
    if "scheduler" in only:
        from .scheduler import scheduler_pass
        with tempfile.TemporaryDirectory() as tmp:
            results["scheduler"] = scheduler_pass(_app(Path(tmp)), int(os.environ.get(
                "BENCH_SCHEDULER_RECORDS", 100_000)))
    if "matching" in only:
        from .matching.report import run_matching
        results["matching"] = run_matching(pg_database=_pg_database)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    _print(results)
    if "matching" in only:
        from .matching.report import print_matching
        print_matching(results["matching"])


if __name__ == "__main__":
    main()
