"""Real server processes: concurrent requests on several gunicorn workers, and SIGKILL crashes
in the middle of transitions. Each leaves one success per race and an intact audit chain."""
from __future__ import annotations

import concurrent.futures
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import PASSWORD, disclosure_payload

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with several workers on the test database and document store."""

    def __init__(self, app, workers: int = 4):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ,
               "CONSORTIUM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
               "CONSORTIUM_STORAGE_DIR": app.config["STORAGE_DIR"],
               "CONSORTIUM_SECRET_KEY": "process-tests",
               "CONSORTIUM_INSTANCE_DIR": str(Path(app.config["STORAGE_DIR"]).parent),
               "CONSORTIUM_PASSWORD_TIME_COST": "1", "CONSORTIUM_PASSWORD_MEMORY_COST": "1024"}
        self.proc = subprocess.Popen(
            [str(GUNICORN), "-w", str(workers), "-b", f"127.0.0.1:{self.port}",
             "--timeout", "60", "consortium:create_app()"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/api/v1/workflows", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def call(self, method, path, body=None, token=None):
        req = urllib.request.Request(self.base + "/api/v1" + path, method=method,
                                     data=json.dumps(body or {}).encode(),
                                     headers={"Content-Type": "application/json",
                                              **({"Authorization": f"Bearer {token}"}
                                                 if token else {})})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")

    def token(self, user):
        status, body = self.call("POST", "/auth/token", {"email": user.email,
                                                         "password": PASSWORD})
        assert status == 201, body
        return body["token"]

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        # the workers die with their master's process group only on a clean stop
        subprocess.run(["pkill", "-9", "-f", f"127.0.0.1:{self.port}"], check=False)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def test_racing_workers_give_one_success_and_clean_conflicts(app, api, team):
    did = api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, "50"), (team.bob, "50"))).get_json()["id"]
    api(team.alice).post(f"/disclosures/{did}/transitions/submit")
    server = Server(app)
    try:
        token = server.token(team.legal)
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda _: server.call(
                "POST", f"/disclosures/{did}/transitions/start_review", {}, token), range(8)))
        codes = sorted(code for code, _ in results)
        assert codes.count(200) == 1 and codes.count(409) == 7, codes
        # the last two signatures of the assignment agreement, at the same moment
        server.call("POST", f"/disclosures/{did}/transitions/complete_assessment", {"data": {
            "trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
            "recommendation": "Protect."}}, token)
        _, body = server.call("POST", f"/disclosures/{did}/transitions/decide_protect", {},
                              token)
        doc = body["documents"][0]["id"]
        # the organisation's signatory (its legal officer here) first, then both inventors
        code, _ = server.call("POST", f"/documents/{doc}/signatures",
                              {"typed_name": team.legal.name, "consent": True}, token)
        assert code == 201
        signers = [(server.token(team.alice), team.alice.name),
                   (server.token(team.bob), team.bob.name)]
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            signed = list(pool.map(lambda s: server.call(
                "POST", f"/documents/{doc}/signatures",
                {"typed_name": s[1], "consent": True}, s[0]), signers))
        assert sorted(code for code, _ in signed) == [201, 201]
        _, record = server.call("GET", f"/disclosures/{did}", token=token)
        assert record["state"] == "protected"
        _, events = server.call("GET", f"/disclosures/{did}/events", token=token)
        assert [e["trigger"] for e in events].count("complete_assignment") == 1
    finally:
        server.stop()


def test_killing_the_server_mid_transitions_leaves_everything_consistent(app, api, team,
                                                                       runner):
    alice = api(team.alice)
    ids = [alice.post("/disclosures", json=disclosure_payload(
        (team.alice, "100"), title=f"Crash {n}")).get_json()["id"] for n in range(24)]
    rounds = 3
    per_round = len(ids) // rounds
    for r in range(rounds):
        server = Server(app, workers=2)
        try:
            token = server.token(team.alice)
            batch = ids[r * per_round:(r + 1) * per_round]
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                futures = [pool.submit(server.call, "POST",
                                       f"/disclosures/{d}/transitions/submit", {}, token)
                           for d in batch]
                time.sleep(0.15)  # some transitions are under way
                server.kill()
                for f in futures:
                    try:
                        f.result(timeout=30)
                    except Exception:  # connection reset by the kill: expected
                        pass
        finally:
            server.stop()
    # every record agrees with its last event, and the chain and the store are intact
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    from consortium.audit.models import Event
    from consortium.disclosures.models import Disclosure
    from consortium.documents.models import Document
    from consortium.extensions import db
    with app.app_context():
        for d in db.session.query(Disclosure).filter(Disclosure.id.in_(ids)):
            last = db.session.query(Event).filter_by(record_type="disclosure",
                                                     record_id=d.id) \
                .order_by(Event.id.desc()).first()
            assert d.state == (last.to_state if last else "draft"), d.id
            docs = db.session.query(Document).filter_by(record_type="disclosure",
                                                        record_id=d.id).count()
            assert docs == (1 if last else 0), d.id
    gc = runner.invoke(args=["storage", "gc", "--min-age", "0"])
    assert gc.exit_code == 0, gc.output
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
