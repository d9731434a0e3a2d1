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
   documents (`BENCH_MEMORY_TRANSITIONS`), read at start and after each quarter.

`BENCH_ONLY=render,transition,scale,memory` runs a subset.
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
        org = create_organization("Bench University", "university", "KZ", "990140000123",
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


def _scale(size: int, url: str | None = None) -> dict:
    """Generate ``size`` disclosures in a fresh database and time the list pages."""
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
            from sqlalchemy import select

            from consortium.auth.models import User
            from consortium.extensions import db
            legal = db.session.scalar(select(User.email).where(User.role == "legal",
                                                               User.email.like("%scale%")))
            researcher = db.session.scalar(select(User.email).where(
                User.role == "researcher", User.email.like("%scale%")))
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
            "api filter state": lambda: client.get("/api/v1/disclosures?state=assessed",
                                                   headers=lh),
            "api list (inventor)": lambda: client.get("/api/v1/disclosures", headers=rh),
            "page list": lambda: web.get("/disclosures/"),
            "page search": lambda: web.get("/disclosures/?q=sensor&state=submitted"),
            "page inbox": lambda: web.get("/inbox"),
            "page review queue": lambda: web.get("/disclosures/review"),
            "page dashboard": lambda: web.get("/dashboard"),
            "page inbox (inventor)": lambda: rweb.get("/inbox"),
        }
        out = {}
        for name, call in requests.items():
            assert call().status_code == 200, name
            times = _timeit(call, min_runs=30, min_seconds=0.5)
            out[name] = {"p50_ms": round(statistics.median(times) * 1000, 2),
                         "p95_ms": round(_p95(times) * 1000, 2)}
        with app.app_context():
            from consortium.extensions import db
            db.engine.dispose()
    return {"generate_s": round(generated, 1), "requests": out}


def _hash(app) -> str:
    with app.app_context():
        from consortium.auth.passwords import hash_password
        return hash_password(PASSWORD)


def _render(results: dict) -> None:
    """Every template, plain docxtpl against the compiled renderer, with preview's contexts."""
    import sys

    from consortium.documents import rendering
    sys.path.insert(0, str(rendering.TEMPLATE_DIR))
    import preview  # contract_templates/preview.py: full sample contexts for every workflow
    env = rendering.jinja_env()
    for name, info in rendering.manifest().items():
        context = preview.WORKFLOWS[preview.workflow_of(info)].sample(name)
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
    import sys

    from consortium.documents import rendering
    sys.path.insert(0, str(rendering.TEMPLATE_DIR))
    import preview
    path = rendering.TEMPLATE_DIR / rendering.template_info(
        "invention_disclosure_record")["file"]
    context, env = preview.sample_context(), rendering.jinja_env()

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
    if "memory" in results:
        m = results["memory"]
        print(f"\nmemory: one gunicorn worker, {m['transitions']} transitions in "
              f"{m['seconds']} s; worker RSS " + ", ".join(
                  f"{s['worker_rss_mb']} MB after {s['transitions']}"
                  for s in m["worker_rss"]) + f"; master {m['master_rss_mb']} MB")
    print(f"written to {RESULTS}")


def main() -> None:
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(","))) or {
        "render", "transition", "scale", "memory"}
    results: dict = {"render": {}, "transition": {}}
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
    if "memory" in only:
        _memory(results, int(os.environ.get("BENCH_MEMORY_TRANSITIONS", 10_000)))
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    _print(results)


if __name__ == "__main__":
    main()
