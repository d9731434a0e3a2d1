"""Benchmarks printed by `make bench` and written to bench/results.json.

1. render: documents per second for every contract template, plain docxtpl against the
   app's compiled renderer (same template, same context, one run), and their ratio;
2. transition: median and p95 of a full HTTP transition through the test client on SQLite
   (engine, document, storage with fsync, audit event, commit) and its ratio to a plain
   render of the same document;
3. scale: list, search, filter-by-state and inbox requests at 1,000 and 100,000 disclosures
   (`BENCH_SCALE` overrides the large size), p50 and p95 and the ratio between the sizes.
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
DISCLOSURE_TEMPLATES = ("invention_disclosure_record", "ip_assessment_report",
                        "invention_assignment_agreement", "know_how_regime_order",
                        "rights_release_letter", "patent_filing_record")
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


def _new_disclosure(client, headers, researcher_id):
    body = {"title": "Biodegradable seed coating from camel-wool keratin",
            "abstract": "A keratin-chitosan seed coating that releases nitrogen over 40 days.\n"
                        "It degrades fully in soil within one season.",
            "funding_source": "state_grant", "keywords": ["seed coating", "keratin"],
            "inventors": [{"user_id": researcher_id, "share_percent": "100"}]}
    return client.post("/api/v1/disclosures", json=body, headers=headers).get_json()["id"]


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


def main() -> None:
    from consortium.documents import rendering
    from consortium.workflow import REGISTRY, AppPorts
    results: dict = {"machine": {}, "render": {}, "transition": {}}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        app = _app(tmp)
        researcher_id, legal_id = _people(app)
        client = app.test_client()
        rh, lh = _token(client, "r@bench.kz"), _token(client, "l@bench.kz")

        # A disclosure taken to the end, whose context feeds every template.
        did = _new_disclosure(client, rh, researcher_id)
        for trig, headers, data in (
                ("submit", rh, None), ("start_review", lh, None),
                ("complete_assessment", lh, {"trl": "4", "crl": "2", "mrl": "3", "irl": "3",
                                             "ownership": "institution",
                                             "recommendation": "File a national application."})):
            client.post(f"/api/v1/disclosures/{did}/transitions/{trig}",
                        json={"data": data} if data else {}, headers=headers)
        with app.app_context():
            from consortium.auth.models import User
            from consortium.documents.context import person
            from consortium.documents.services import signer_people
            from consortium.extensions import db
            rt = REGISTRY["disclosure"]
            record = db.session.get(rt.model, did)
            context = rt.context(record)
            context["actor"] = person(db.session.get(User, legal_id))
            context["comment"] = ""
            context["signers"] = signer_people([researcher_id])
            context["doc"] = {"number": "ID-2026-00001/XX-1", "title": "Bench",
                              "date": "23 November 2026", "sequence": "1",
                              "template_version": "1.0"}
            env = rendering.jinja_env()
            for name, info in rendering.manifest().items():
                if name not in DISCLOSURE_TEMPLATES:
                    continue
                path = rendering.TEMPLATE_DIR / info["file"]

                def plain(path=path):
                    tpl = DocxTemplate(path)
                    tpl.render(context, jinja_env=env)
                    tpl.save(io.BytesIO())

                def fast(name=name):
                    rendering.render(name, context)
                plain_t = statistics.median(_timeit(plain))
                fast_t = statistics.median(_timeit(fast, min_runs=100))
                results["render"][name] = {
                    "plain_docxtpl_per_s": round(1 / plain_t, 1),
                    "plain_docxtpl_median_ms": round(plain_t * 1000, 2),
                    "compiled_per_s": round(1 / fast_t, 1),
                    "compiled_median_ms": round(fast_t * 1000, 2),
                    "ratio": round(plain_t / fast_t, 1)}
            _ = AppPorts  # the transition below goes through the same ports

        # Full HTTP transitions: submit on fresh drafts (renders the disclosure record).
        drafts = [_new_disclosure(client, rh, researcher_id) for _ in range(60)]
        times = []
        for d in drafts:
            t0 = time.perf_counter()
            r = client.post(f"/api/v1/disclosures/{d}/transitions/submit", json={},
                            headers=rh)
            times.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.get_json()
        render_ms = results["render"]["invention_disclosure_record"]["plain_docxtpl_median_ms"]
        med = statistics.median(times) * 1000
        results["transition"]["sqlite_submit"] = {
            "median_ms": round(med, 2), "p95_ms": round(_p95(times) * 1000, 2),
            "plain_render_ms": render_ms, "ratio_to_plain_render": round(med / render_ms, 2),
            "runs": len(times)}

    pg = _pg_database("consortium_bench")
    if pg:
        with tempfile.TemporaryDirectory() as tmpdir:
            app = _app(Path(tmpdir), pg)
            researcher_id, _legal = _people(app)
            client = app.test_client()
            rh = _token(client, "r@bench.kz")
            drafts = [_new_disclosure(client, rh, researcher_id) for _ in range(60)]
            times = []
            for d in drafts:
                t0 = time.perf_counter()
                client.post(f"/api/v1/disclosures/{d}/transitions/submit", json={},
                            headers=rh)
                times.append(time.perf_counter() - t0)
            med = statistics.median(times) * 1000
            results["transition"]["postgresql_submit"] = {
                "median_ms": round(med, 2), "p95_ms": round(_p95(times) * 1000, 2),
                "ratio_to_plain_render": round(med / render_ms, 2), "runs": len(times)}
            with app.app_context():
                from consortium.extensions import db
                db.engine.dispose()

    results["scale"] = {}
    for size in (1000, int(os.environ.get("BENCH_SCALE", 100_000))):
        results["scale"][str(size)] = _scale(size)
    if pg:
        results["scale_postgresql"] = {}
        for size in (1000, int(os.environ.get("BENCH_PG_SCALE", 20_000))):
            results["scale_postgresql"][str(size)] = _scale(
                size, _pg_database(f"consortium_bench_{size}"))

    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"{'template':<34}{'docxtpl/s':>11}{'compiled/s':>12}{'ratio':>8}")
    for name, r in results["render"].items():
        print(f"{name:<34}{r['plain_docxtpl_per_s']:>11}{r['compiled_per_s']:>12}"
              f"{r['ratio']:>7}x")
    t = results["transition"]["sqlite_submit"]
    print(f"\nHTTP transition 'submit' on SQLite: median {t['median_ms']} ms, "
          f"p95 {t['p95_ms']} ms, {t['ratio_to_plain_render']}x a plain render "
          f"({t['plain_render_ms']} ms)")
    if "postgresql_submit" in results["transition"]:
        t = results["transition"]["postgresql_submit"]
        print(f"HTTP transition 'submit' on PostgreSQL: median {t['median_ms']} ms, "
              f"p95 {t['p95_ms']} ms, {t['ratio_to_plain_render']}x a plain render")
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
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
