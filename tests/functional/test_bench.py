"""`make bench` keeps working: every section runs at a tiny size and writes its figures."""
from __future__ import annotations

import json

import pytest

from bench import run

pytestmark = pytest.mark.sqlite_only  # the bench makes its own databases


def test_every_section_runs_and_reports(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(run, "RESULTS", tmp_path / "results.json")
    monkeypatch.setattr(run, "_pg_database", lambda name: None)
    monkeypatch.setattr(run, "_timeit", lambda fn, **kw: [_once(fn)])
    monkeypatch.setenv("BENCH_SCALE", "300")
    monkeypatch.setenv("BENCH_MEMORY_TRANSITIONS", "8")
    monkeypatch.setenv("BENCH_THROUGHPUT_TRANSITIONS", "6")
    monkeypatch.setenv("BENCH_ONLY", "render,transition,scale,memory,throughput,eds")
    monkeypatch.setenv("BENCH_EDS_RUNS", "3")
    monkeypatch.setattr(run, "_submit_times",
                        lambda app, runs=60, real=run._submit_times: real(app, runs=2))
    run.main()

    results = json.loads((tmp_path / "results.json").read_text())
    from consortium.documents import rendering
    assert set(results["render"]) == set(rendering.manifest())
    for figures in results["render"].values():
        assert figures["ratio"] > 0 and figures["compiled_per_s"] > 0
    assert results["transition"]["sqlite_submit"]["runs"] == 2
    sizes = results["scale"]
    assert list(sizes) == ["1000", "300"]
    for size in sizes.values():
        assert {"api list (legal)", "api search q", "api filter state", "page inbox",
                "page dashboard", "page inbox (inventor)"} <= set(size["requests"])
    memory = results["memory"]
    assert memory["transitions"] == 8
    assert [s["transitions"] for s in memory["worker_rss"]] == [0, 2, 4, 6, 8]
    assert all(s["worker_rss_mb"] > 10 for s in memory["worker_rss"])
    sqlite = results["throughput"]["sqlite"]
    assert sqlite["8_clients"]["transitions"] == 6 and sqlite["2_clients"]["transitions"] == 2
    for load in (sqlite["8_clients"], sqlite["2_clients"]):
        assert load["non_200"] == 0 and load["per_s"] > 0 and load["server_cpu_ms"] >= 0
    assert sqlite["statements"]["per_transition"] > 0 and sqlite["compiled_render_ms"] > 0
    assert all(sqlite[k]["render_ms"] > 0 for k in ("8_clients", "2_clients"))
    assert sqlite["read"]["non_200"] == 0 and sqlite["read"]["requests"] == 6
    assert sqlite["transition_to_read"] > 0
    out = capsys.readouterr().out
    assert "license_agreement" in out and "memory: one gunicorn worker" in out
    assert "throughput on sqlite" in out and "an authenticated GET of a disclosure" in out
    eds = results["eds"]
    assert eds["rsa"]["runs"] == 3 and eds["rsa"]["median_ms"] > 0 and eds["gost256"]["runs"] == 3
    assert "EDS verification of one detached CMS" in out


def _once(fn) -> float:
    import time
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0
