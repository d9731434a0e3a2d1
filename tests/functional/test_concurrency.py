"""Races and atomicity: one winner per transition, one auto transition, all-or-nothing writes.

Every request runs in its own thread with its own test client and bearer token, so each has its
own app context, session and database connection, as under several gunicorn workers.
"""
from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from consortium.audit.services import GENESIS
from consortium.extensions import db
from tests.helpers import PASSWORD, disclosure_payload

ASSESSMENT = {"trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
              "recommendation": "File a national application."}


def token_for(app, user) -> dict:
    r = app.test_client().post("/api/v1/auth/token", json={"email": user.email,
                                                           "password": PASSWORD})
    assert r.status_code == 201
    return {"Authorization": f"Bearer {r.get_json()['token']}"}


def race(app, calls):
    """Run ``calls`` [(headers, method, path, json)] at the same moment; their responses."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(n, headers, method, path, body):
        client = app.test_client()
        barrier.wait()
        try:
            r = getattr(client, method)(f"/api/v1{path}", headers=headers, json=body)
            results[n] = (r.status_code, r.get_json())
        except BaseException as exc:  # noqa: BLE001 - report it in the main thread
            results[n] = (None, repr(exc))

    threads = [threading.Thread(target=run, args=(n, *call)) for n, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a request hung"
    return results


def events_of(app, record_id):
    from consortium.audit.models import Event
    with app.app_context():
        return [e.to_dict() for e in db.session.scalars(
            select(Event).where(Event.record_type == "disclosure", Event.record_id == record_id)
            .order_by(Event.id))]


def verify(app):
    from consortium.audit.services import verify as verify_chain
    from consortium.documents.services import storage
    with app.app_context():
        return verify_chain(storage())


@pytest.fixture
def submitted(api, team):
    alice = api(team.alice)
    did = alice.post("/disclosures", json=disclosure_payload(
        (team.alice, 60), (team.bob, 40))).get_json()["id"]
    r = alice.post(f"/disclosures/{did}/transitions/submit")
    assert r.status_code == 200
    return did


@pytest.mark.parametrize("with_version", [False, True])
def test_eight_officers_starting_the_same_review_give_one_success(
        app, team, make_user, submitted, with_version):
    officers = [team.legal] + [make_user("legal", team.org) for _ in range(7)]
    headers = [token_for(app, u) for u in officers]
    body = {"version": 2} if with_version else {}
    results = race(app, [(h, "post", f"/disclosures/{submitted}/transitions/start_review",
                          body) for h in headers])
    statuses = Counter(status for status, _ in results)
    assert statuses == Counter({200: 1, 409: 7}), results
    for status, answer in results:
        if status == 409:
            assert answer["error"]["code"] in ("stale_version", "transition_not_allowed"), answer
            assert answer["error"]["message"]
    winner = next(answer for status, answer in results if status == 200)
    assert winner["record"]["state"] == "under_review" and winner["record"]["version"] == 3
    assert [e["trigger"] for e in events_of(app, submitted)] == ["submit", "start_review"]
    assert verify(app)["ok"]


def test_two_different_actions_at_once_give_one_winner(app, team, make_user, submitted):
    """start_review and withdraw both leave 'submitted': only one may happen."""
    legal_h, alice_h = token_for(app, team.legal), token_for(app, team.alice)
    results = race(app, [
        (legal_h, "post", f"/disclosures/{submitted}/transitions/start_review", {}),
        (alice_h, "post", f"/disclosures/{submitted}/transitions/withdraw", {}),
    ])
    assert sorted(status for status, _ in results) == [200, 409], results
    triggers = [e["trigger"] for e in events_of(app, submitted)]
    assert len(triggers) == 2 and triggers[1] in ("start_review", "withdraw")
    state = next(a["record"]["state"] for s, a in results if s == 200)
    assert state == {"start_review": "under_review", "withdraw": "withdrawn"}[triggers[1]]


def test_concurrent_last_signatures_complete_the_assignment_once(app, api, team, submitted):
    legal = api(team.legal)
    assert legal.post(f"/disclosures/{submitted}/transitions/start_review").status_code == 200
    assert legal.post(f"/disclosures/{submitted}/transitions/complete_assessment",
                      json={"data": ASSESSMENT}).status_code == 200
    r = legal.post(f"/disclosures/{submitted}/transitions/decide_protect")
    [agreement] = r.get_json()["documents"]
    url = f"/documents/{agreement['id']}/signatures"
    # the organisation's signatory first; then the two inventors' last signatures race
    assert legal.post(url, json={"typed_name": "Lena Legal", "consent": True}
                      ).status_code == 201
    results = race(app, [
        (token_for(app, team.alice), "post", url, {"typed_name": "Alice Inventor",
                                                   "consent": True}),
        (token_for(app, team.bob), "post", url, {"typed_name": "Bob Coinventor",
                                                 "consent": True}),
    ])
    assert [status for status, _ in results] == [201, 201], results
    autos = [a["auto_transition"] for _, a in results if "auto_transition" in a]
    assert len(autos) == 1 and autos[0]["trigger"] == "complete_assignment"
    assert legal.get(f"/disclosures/{submitted}").get_json()["state"] == "protected"
    triggers = [e["trigger"] for e in events_of(app, submitted)]
    assert triggers[-3:-1] == ["sign", "sign"] and triggers[-1] == "complete_assignment"
    assert triggers.count("complete_assignment") == 1
    doc = legal.get(f"/documents/{agreement['id']}").get_json()
    assert sorted(s["signer_id"] for s in doc["signatures"]) == sorted([
        team.legal.id, team.alice.id, team.bob.id])
    assert doc["pending_signers"] == []
    assert verify(app)["ok"]


def test_the_same_signer_twice_at_once_signs_once(app, api, team, submitted):
    legal = api(team.legal)
    legal.post(f"/disclosures/{submitted}/transitions/start_review")
    legal.post(f"/disclosures/{submitted}/transitions/complete_assessment",
               json={"data": ASSESSMENT})
    [agreement] = legal.post(
        f"/disclosures/{submitted}/transitions/decide_protect").get_json()["documents"]
    h1, h2 = token_for(app, team.alice), token_for(app, team.alice)
    url = f"/documents/{agreement['id']}/signatures"
    body = {"typed_name": "Alice Inventor", "consent": True}
    results = race(app, [(h1, "post", url, body), (h2, "post", url, body)])
    assert sorted(status for status, _ in results) == [201, 409], results
    assert [e["trigger"] for e in events_of(app, submitted)].count("sign") == 1
    assert legal.get(f"/disclosures/{submitted}").get_json()["state"] == "assignment_pending"


def test_concurrent_transitions_on_different_records_keep_one_linear_chain(
        app, make_org, make_user):
    org = make_org()
    people = [make_user("researcher", org) for _ in range(8)]
    headers = [token_for(app, u) for u in people]
    ids = []
    for user, h in zip(people, headers, strict=True):
        r = app.test_client().post("/api/v1/disclosures", headers=h,
                                   json=disclosure_payload((user, 100)))
        assert r.status_code == 201, r.get_json()
        ids.append(r.get_json()["id"])
    results = race(app, [(h, "post", f"/disclosures/{did}/transitions/submit", {})
                         for h, did in zip(headers, ids, strict=True)])
    assert [status for status, _ in results] == [200] * 8, results
    reg_numbers = {a["record"]["reg_number"] for _, a in results}
    assert len(reg_numbers) == 8

    from consortium.audit.models import Event
    with app.app_context():
        events = db.session.scalars(select(Event).order_by(Event.id)).all()
        assert len(events) == 8
        prevs = [e.prev_hash for e in events]
        assert len(set(prevs)) == 8  # no fork: no two events claim the same predecessor
        assert prevs[0] == GENESIS
        assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    assert verify(app) == {"ok": True, "events": 8, "documents": 8, "signatures": 0}


# -- all or nothing -----------------------------------------------------------------------------
def _snapshot(app, did):
    from consortium.audit.models import ChainHead, Event
    from consortium.disclosures.models import Disclosure
    from consortium.documents.models import Document
    with app.app_context():
        d = db.session.get(Disclosure, did)
        head = db.session.get(ChainHead, 1)
        return {
            "state": d.state, "version": d.version, "reg_number": d.reg_number,
            "submitted_at": d.submitted_at,
            "events": db.session.scalar(select(func.count(Event.id))),
            "documents": db.session.scalar(select(func.count(Document.id))),
            "head": (head.last_event_id, head.last_hash) if head else None,
        }


def _fire_in_unit_of_work(app, did, user_id, trigger, **kw):
    from consortium import workflow
    from consortium.auth.models import User
    from consortium.db import unit_of_work
    from consortium.disclosures.services import RECORD
    with app.app_context():
        with unit_of_work():
            user = db.session.get(User, user_id)
            record = workflow.get_visible(RECORD, did, user, for_update=True)
            workflow.fire(RECORD, record, trigger, user, **kw)


@pytest.fixture
def draft(api, team):
    r = api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, 60), (team.bob, 40)))
    return r.get_json()["id"]


def test_rendering_failure_rolls_back_the_whole_transition(app, team, draft, monkeypatch):
    import consortium.documents.rendering as rendering
    before = _snapshot(app, draft)

    def broken(path, context, sha256=None):
        raise RuntimeError("the template exploded")
    # documents are rendered from the issuer's chosen template file (or the shipped default)
    monkeypatch.setattr(rendering, "render_file", broken)
    with pytest.raises(RuntimeError, match="exploded"):
        _fire_in_unit_of_work(app, draft, team.alice.id, "submit")
    assert _snapshot(app, draft) == before
    assert before["state"] == "draft" and before["events"] == 0 and before["documents"] == 0
    store = Path(app.config["STORAGE_DIR"])
    assert not store.exists() or not [p for p in store.rglob("*") if p.is_file()]

    monkeypatch.undo()
    _fire_in_unit_of_work(app, draft, team.alice.id, "submit")
    after = _snapshot(app, draft)
    assert after["state"] == "submitted" and after["events"] == 1 and after["documents"] == 1
    assert verify(app)["ok"]


def test_audit_failure_after_rendering_leaves_no_document_row(app, team, draft, monkeypatch):
    """The file may already be in the store, but no row, event or state change survives."""
    import consortium.workflow as wf
    before = _snapshot(app, draft)

    def broken(*a, **kw):
        raise RuntimeError("the audit log is unreachable")
    monkeypatch.setattr(wf, "append_event", broken)
    with pytest.raises(RuntimeError, match="unreachable"):
        _fire_in_unit_of_work(app, draft, team.alice.id, "submit")
    assert _snapshot(app, draft) == before
    monkeypatch.undo()
    assert verify(app)["ok"]  # a stray file in the store is harmless; rows are what count


def test_an_auto_transition_failure_rolls_back_the_signature(app, api, team, submitted,
                                                             monkeypatch):
    """The last signature and the auto transition it triggers are one unit."""
    legal = api(team.legal)
    legal.post(f"/disclosures/{submitted}/transitions/start_review")
    legal.post(f"/disclosures/{submitted}/transitions/complete_assessment",
               json={"data": ASSESSMENT})
    [agreement] = legal.post(
        f"/disclosures/{submitted}/transitions/decide_protect").get_json()["documents"]
    for user in (team.legal, team.alice):  # the organisation and one inventor
        assert api(user).post(f"/documents/{agreement['id']}/signatures", json={
            "typed_name": user.name, "consent": True}).status_code == 201
    before = _snapshot(app, submitted)

    from workflows import engine
    real_fire = engine.fire

    def fire_failing_auto(workflow_name, record, trigger, actor, *a, **kw):
        if trigger == "complete_assignment":
            raise RuntimeError("auto transition failed")
        return real_fire(workflow_name, record, trigger, actor, *a, **kw)
    monkeypatch.setattr(engine, "fire", fire_failing_auto)

    from consortium import workflow
    from consortium.auth.models import User
    from consortium.db import unit_of_work
    with app.app_context():
        with pytest.raises(RuntimeError, match="auto transition"):
            with unit_of_work():
                doc = workflow.visible_document(agreement["id"], db.session.get(User,
                                                                                team.bob.id))
                workflow.sign(doc, db.session.get(User, team.bob.id), "Bob Coinventor", True,
                              "127.0.0.1", "pytest")
    monkeypatch.undo()
    assert _snapshot(app, submitted) == before
    doc = legal.get(f"/documents/{agreement['id']}").get_json()
    assert [s["signer_id"] for s in doc["signatures"]] == [team.legal.id, team.alice.id]
    assert verify(app)["ok"]


def test_concurrent_last_signatures_activate_a_consortium_once(app, api, make_org, make_user):
    """Three members sign the agreement at once: one activation, one executed agreement."""
    from tests.helpers import ConsortiumJourney
    j = ConsortiumJourney(api, make_org, make_user)
    for step in ("propose", "*sign", "submit_for_review", "approve"):
        j.sign_all() if step == "*sign" else j.fire(j.reviewer if step == "approve" else j.lead,
                                                    step)
    agreement = j.last_doc
    assert agreement["template"] == "consortium_agreement"
    calls = []
    for uid in agreement["required_signers"]:
        _client, user = j.clients[uid]
        calls.append((token_for(app, user), "post",
                      f"/documents/{agreement['id']}/signatures",
                      {"typed_name": user.name, "consent": True}))
    assert len(calls) == 3
    results = race(app, calls)
    assert [status for status, _ in results] == [201] * 3, results
    autos = [a["auto_transition"]["trigger"] for _, a in results if "auto_transition" in a]
    assert autos == ["activate"]
    assert j.lead.get(f"/consortia/{j.id}").get_json()["state"] == "active"
    docs = j.lead.get(f"/consortia/{j.id}/documents").get_json()
    assert [d["template"] for d in docs].count("executed_consortium_agreement") == 1
    triggers = [e["trigger"] for e in j.lead.get(f"/consortia/{j.id}/events").get_json()]
    assert triggers.count("activate") == 1 and triggers[-1] == "activate"
    assert verify(app)["ok"]


# -- SQLite: reads outside a unit of work take no write lock ---------------------------------------
def _sqlite_path(app) -> str:
    from sqlalchemy.engine import make_url
    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database


@pytest.mark.sqlite_only
def test_a_page_reads_while_another_process_holds_the_write_lock(app, client, team, draft,
                                                                  login_as):
    """WAL lets readers run beside a writer: a page and an API read answer at once while
    another connection holds the write lock (they queued for it up to the busy timeout,
    30 s, and then failed, when every transaction began with BEGIN IMMEDIATE)."""
    import sqlite3
    alice = token_for(app, team.alice)
    login_as(team.alice)
    writer = sqlite3.connect(_sqlite_path(app), isolation_level=None, timeout=5)
    writer.execute("BEGIN IMMEDIATE")
    try:
        r = app.test_client().get(f"/api/v1/disclosures/{draft}", headers=alice)
        assert r.status_code == 200 and r.get_json()["state"] == "draft"
        page = client.get(f"/disclosures/{draft}")
        assert page.status_code == 200 and b"Seed coating" in page.data
    finally:
        writer.rollback()
        writer.close()


def _submit_beside_a_writer(app, user, draft, meanwhile=None):
    """Submit ``draft`` as ``user`` while another connection holds SQLite's write lock; once
    the submit has stored its document's file, run ``meanwhile(writer)`` (which may write
    and commit), then let go of the lock. Returns whether the file was stored while the
    lock was held, whether the submit was still waiting then, and its answer."""
    import sqlite3
    import time
    headers = token_for(app, user)
    store = Path(app.config["STORAGE_DIR"])
    writer = sqlite3.connect(_sqlite_path(app), isolation_level=None, timeout=5)
    writer.execute("BEGIN IMMEDIATE")
    answers: list = []

    def submit():
        r = app.test_client().post(f"/api/v1/disclosures/{draft}/transitions/submit",
                                   headers=headers, json={})
        answers.append((r.status_code, r.get_json()))
    thread = threading.Thread(target=submit)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(p.is_file() for p in store.rglob("*")):
            time.sleep(0.02)
        rendered = any(p.is_file() for p in store.rglob("*"))
        waiting = thread.is_alive() and not answers
        if meanwhile is not None:
            meanwhile(writer)
    finally:
        if writer.in_transaction:
            writer.rollback()
        writer.close()
    thread.join(60)
    return rendered, waiting, answers[0]


@pytest.mark.sqlite_only
def test_a_transition_renders_its_document_before_it_takes_the_write_lock(app, team, draft):
    """A transition reads its caller, its record and what its document needs, and renders
    and stores the document, beside another writer; it takes the write lock only to write
    its rows, and then commits (its record's version, checked as it is written, says no
    one changed it meanwhile)."""
    rendered, waiting, (status, answer) = _submit_beside_a_writer(app, team.alice, draft)
    assert rendered and waiting
    assert status == 200, answer
    assert answer["record"]["state"] == "submitted" and answer["documents"]
    assert [e["trigger"] for e in events_of(app, draft)] == ["submit"]
    assert verify(app)["ok"]


@pytest.mark.sqlite_only
def test_a_record_changed_while_its_transition_rendered_gives_a_conflict(app, team, draft):
    """The other side of the same: when someone changes the record between the moment a
    transition read it and the moment it writes, the transition is refused with a clear
    409 and writes nothing (on PostgreSQL the record's row lock makes the second wait)."""
    def edit_and_commit(writer):  # someone else edits it (the version moves on)
        writer.execute("UPDATE disclosures SET title = 'Edited meanwhile', "
                       "version = version + 1 WHERE id = ?", (draft,))
        writer.execute("COMMIT")
    rendered, _waiting, (status, answer) = _submit_beside_a_writer(
        app, team.alice, draft, edit_and_commit)
    assert rendered
    assert status == 409 and answer["error"]["code"] == "stale_version", answer
    with app.app_context():
        from consortium.disclosures.models import Disclosure
        from consortium.documents.models import Document
        d = db.session.get(Disclosure, draft)
        assert (d.state, d.title) == ("draft", "Edited meanwhile")
        assert db.session.scalar(select(func.count(Document.id))) == 0
    assert events_of(app, draft) == []
    assert verify(app)["ok"]


@pytest.mark.sqlite_only
def test_a_write_outside_a_unit_of_work_is_still_rolled_back(database_url, tmp_path, app):
    """No view should write outside a unit of work; if one did, its write still runs in a
    transaction (begun with the lock at that write) that the end of the request rolls back,
    as before reads went without the lock."""
    from sqlalchemy import text as sql

    from consortium import create_app
    other = create_app({**{k: app.config[k] for k in (
        "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "PASSWORD_HASH_TIME_COST",
        "PASSWORD_HASH_MEMORY_COST")}, "TESTING": True, "STORAGE_DIR": str(tmp_path)})

    @other.get("/_stray_write")
    def stray_write():
        db.session.execute(sql("INSERT INTO login_failures (key, at) VALUES ('stray', "
                               "'2026-01-01 00:00:00')"))
        return "written, not committed"
    assert other.test_client().get("/_stray_write").status_code == 200
    with app.app_context():
        assert db.session.scalar(sql("SELECT count(*) FROM login_failures")) == 0
    with other.app_context():
        db.engine.dispose()
