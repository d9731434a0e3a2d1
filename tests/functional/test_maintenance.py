"""Backups, restores and the document-store garbage collector."""
from __future__ import annotations

import os
import time

from tests.helpers import disclosure_payload


def _make_documents(api, team) -> int:
    alice = api(team.alice)
    did = alice.post("/disclosures", json=disclosure_payload((team.alice, "100"))).get_json()["id"]
    alice.post(f"/disclosures/{did}/transitions/submit")
    return did


def test_backup_then_restore_brings_back_a_verifiable_copy(app, api, team, runner, tmp_path):
    did = _make_documents(api, team)
    target = tmp_path / "backup"
    r = runner.invoke(args=["backup", str(target)])
    assert r.exit_code == 0, r.output
    assert (target / "backup.json").exists()
    # damage the live system after the backup: a new record and a lost document file
    api(team.alice).post("/disclosures", json=disclosure_payload((team.alice, "100"),
                                                                 title="After the backup"))
    store = app.config["STORAGE_DIR"]
    for root, _dirs, files in os.walk(store):
        for name in files:
            os.unlink(os.path.join(root, name))
    assert runner.invoke(args=["audit", "verify"]).exit_code == 1
    r = runner.invoke(args=["restore", str(target), "--yes"])
    assert r.exit_code == 0, r.output
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
    titles = [d["title"] for d in api(team.alice).get("/disclosures").get_json()["items"]]
    assert "After the backup" not in titles and len(titles) == 1
    assert api(team.alice).get(f"/disclosures/{did}").status_code == 200


def test_backup_refuses_an_existing_folder(runner, tmp_path):
    r = runner.invoke(args=["backup", str(tmp_path)])
    assert r.exit_code == 2 and "exists" in r.output


def test_gc_removes_only_old_unreferenced_files(app, api, team, runner):
    _make_documents(api, team)
    from consortium.documents.storage import Storage
    storage = Storage(app.config["STORAGE_DIR"])
    orphan = storage.put(b"written by a transaction that rolled back")
    fresh = storage.put(b"written by a transaction still running")
    old = time.time() - 7200
    os.utime(storage.path(orphan), (old, old))
    r = runner.invoke(args=["storage", "gc"])
    assert r.exit_code == 0, r.output
    assert not storage.exists(orphan)
    assert storage.exists(fresh)
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
