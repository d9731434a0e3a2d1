"""The audit hash chain and the document store: appending, verifying and detecting tampering."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from consortium.audit.services import GENESIS, event_digest
from consortium.extensions import db
from tests.helpers import disclosure_payload

ASSESSMENT = {"trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
              "recommendation": "File a national application."}
FILING = {"office": "National Institute of Intellectual Property",
          "application_number": "2026/0412.1", "filing_date": dt.date.today().isoformat()}


# -- helpers ------------------------------------------------------------------------------------
def fire(client, did, trigger, **body):
    r = client.post(f"/disclosures/{did}/transitions/{trigger}", json=body)
    assert r.status_code == 200, (trigger, r.get_json())
    return r.get_json()


def sign(client, doc_id, name):
    r = client.post(f"/documents/{doc_id}/signatures", json={"typed_name": name,
                                                             "consent": True})
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def journey(api, team) -> int:
    """Submit, review, assess, protect, sign three times: the organisation and both
    inventors (auto-complete), file a patent."""
    alice, bob, legal = api(team.alice), api(team.bob), api(team.legal)
    r = alice.post("/disclosures", json=disclosure_payload((team.alice, 60), (team.bob, 40)))
    did = r.get_json()["id"]
    fire(alice, did, "submit")
    fire(legal, did, "start_review")
    fire(legal, did, "complete_assessment", data=ASSESSMENT, comment="Promising.")
    [agreement] = fire(legal, did, "decide_protect")["documents"]
    sign(legal, agreement["id"], "Lena Legal")
    sign(alice, agreement["id"], "Alice Inventor")
    sign(bob, agreement["id"], "Bob Coinventor")
    fire(legal, did, "file_patent", data=FILING)
    return did


def all_events(app):
    from consortium.audit.models import Event
    with app.app_context():
        return [e.to_dict() for e in db.session.query(Event).order_by(Event.id)]


def all_documents(app):
    from consortium.documents.models import Document
    with app.app_context():
        return [d.to_dict() for d in db.session.query(Document).order_by(Document.id)]


def execute(app, sql, **params):
    with app.app_context(), db.engine.begin() as conn:
        return conn.execute(text(sql), params).rowcount


def verify_cli(runner):
    result = runner.invoke(args=["audit", "verify"])
    out = result.output + (getattr(result, "stderr", "") or "")
    return result.exit_code, out


def is_postgres(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


# -- an intact store ----------------------------------------------------------------------------
def test_verify_passes_on_an_empty_store(runner):
    code, out = verify_cli(runner)
    assert code == 0, out
    assert "OK: 0 events and 0 documents" in out


def test_verify_passes_after_a_journey(app, api, team, runner):
    journey(api, team)
    events, docs = all_events(app), all_documents(app)
    assert len(events) == 9 and len(docs) == 4  # three signatures
    code, out = verify_cli(runner)
    assert code == 0, out
    assert f"OK: {len(events)} events and {len(docs)} documents intact." in out


# -- the chain is built right -------------------------------------------------------------------
def test_every_transition_and_signature_appends_exactly_one_linked_event(app, api, team):
    alice, bob, legal = api(team.alice), api(team.bob), api(team.legal)
    did = alice.post("/disclosures", json=disclosure_payload(
        (team.alice, 60), (team.bob, 40))).get_json()["id"]
    assert all_events(app) == []  # creating a draft is not a transition

    def step(action, expected_triggers):
        before = all_events(app)
        action()
        after = all_events(app)
        new = after[len(before):]
        assert after[:len(before)] == before  # nothing earlier changed
        assert [e["trigger"] for e in new] == expected_triggers
        prev = before[-1]["hash"] if before else GENESIS
        for e in new:
            assert e["prev_hash"] == prev
            prev = e["hash"]
        return new

    [submit] = step(lambda: fire(alice, did, "submit"), ["submit"])
    assert submit["prev_hash"] == GENESIS
    assert (submit["from_state"], submit["to_state"], submit["actor_id"]) == (
        "draft", "submitted", team.alice.id)
    assert len(submit["document_ids"]) == 1
    step(lambda: fire(legal, did, "start_review"), ["start_review"])
    [assessed] = step(lambda: fire(legal, did, "complete_assessment", data=ASSESSMENT),
                      ["complete_assessment"])
    assert assessed["data"]["trl"] == 4 or assessed["data"]["trl"] == "4"
    agreement = {}
    step(lambda: agreement.update(fire(legal, did, "decide_protect")["documents"][0]),
         ["decide_protect"])
    step(lambda: sign(legal, agreement["id"], "Lena Legal"), ["sign"])  # the organisation
    [sig] = step(lambda: sign(alice, agreement["id"], "Alice Inventor"), ["sign"])
    assert sig["actor_id"] == team.alice.id and sig["from_state"] is None
    assert sig["data"]["document_sha256"] == agreement["sha256"]
    # the last signature: its own event, then the auto transition's, each exactly once
    sig2, auto = step(lambda: sign(bob, agreement["id"], "Bob Coinventor"),
                      ["sign", "complete_assignment"])
    assert auto["actor_id"] is None and auto["to_state"] == "protected"
    step(lambda: fire(legal, did, "file_patent", data=FILING), ["file_patent"])

    # refused actions write nothing
    before = all_events(app)
    r = legal.post(f"/disclosures/{did}/transitions/start_review")
    assert r.status_code == 409
    r = alice.post(f"/disclosures/{did}/transitions/abandon", json={"comment": "x"})
    assert r.status_code == 403
    r = legal.post(f"/disclosures/{did}/transitions/abandon")
    assert r.status_code == 422
    assert all_events(app) == before


def test_the_chain_is_global_across_records_and_hashes_recompute(app, api, team):
    alice, legal = api(team.alice), api(team.legal)
    ids = [alice.post("/disclosures", json=disclosure_payload(
        (team.alice, 100), title=f"Invention {n}")).get_json()["id"] for n in range(2)]
    fire(alice, ids[0], "submit")
    fire(alice, ids[1], "submit")
    fire(legal, ids[0], "start_review")
    fire(legal, ids[1], "start_review")
    fire(legal, ids[0], "request_revision", comment="Say more about the \x01 \"tests\" 🧪.")

    from consortium.audit.models import ChainHead, Event
    from consortium.documents.models import Document
    with app.app_context():
        events = db.session.query(Event).order_by(Event.id).all()
        assert [e.record_id for e in events] == [ids[0], ids[1], ids[0], ids[1], ids[0]]
        prev = GENESIS
        for e in events:
            assert e.prev_hash == prev
            docs = {str(i): db.session.get(Document, i).sha256 for i in e.document_ids}
            assert event_digest(e, docs) == e.hash
            prev = e.hash
        head = db.session.get(ChainHead, 1)
        assert head.last_hash == events[-1].hash and head.last_event_id == events[-1].id
        for d in db.session.query(Document):
            assert d.event_id is not None
            assert d.id in db.session.get(Event, d.event_id).document_ids


# -- tampering ----------------------------------------------------------------------------------
def test_one_changed_byte_in_a_stored_file_names_that_document(app, api, team, runner):
    journey(api, team)
    doc = all_documents(app)[1]
    path = Path(app.config["STORAGE_DIR"]) / doc["sha256"][:2] / doc["sha256"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    code, out = verify_cli(runner)
    assert code == 1, out
    assert f"document {doc['id']}" in out
    assert "SHA-256" in out


def test_a_missing_file_names_that_document(app, api, team, runner):
    journey(api, team)
    doc = all_documents(app)[0]
    (Path(app.config["STORAGE_DIR"]) / doc["sha256"][:2] / doc["sha256"]).unlink()
    code, out = verify_cli(runner)
    assert code == 1 and f"document {doc['id']}" in out and "missing" in out


def _json_param(app) -> str:
    return "CAST(:v AS JSON)" if is_postgres(app) else ":v"


@pytest.mark.parametrize("column, value", [
    ("comment", "Not promising at all."),
    ("data", {"trl": 9, "crl": "2", "mrl": "3", "irl": "3", "ownership": "inventors",
              "recommendation": "File a national application."}),
    ("to_state", "released"),
    ("from_state", "submitted"),
    ("actor_id", None),
    ("at", "2020-01-01 00:00:00"),
    ("document_ids", []),
])
def test_editing_an_event_row_names_that_event(app, api, team, runner, column, value):
    journey(api, team)
    target = next(e for e in all_events(app) if e["trigger"] == "complete_assessment")
    if column in ("data", "document_ids"):
        execute(app, f"UPDATE events SET {column} = {_json_param(app)} WHERE id = :id",
                v=json.dumps(value), id=target["id"])
    else:
        execute(app, f"UPDATE events SET {column} = :v WHERE id = :id", v=value,
                id=target["id"])
    assert all_events(app) != []  # the change really is in the table
    code, out = verify_cli(runner)
    assert code == 1, out
    assert f"event {target['id']}" in out


def test_a_recomputed_hash_breaks_the_next_link(app, api, team, runner):
    """A forger who rewrites an event and its hash is caught by the next event's link."""
    journey(api, team)
    events = all_events(app)
    target = next(e for e in events if e["trigger"] == "start_review")
    following = events[events.index(target) + 1]
    from consortium.audit.models import Event
    with app.app_context():
        e = db.session.get(Event, target["id"])
        e.comment = "forged"
        e.hash = event_digest(e, {})
        db.session.commit()
    code, out = verify_cli(runner)
    assert code == 1 and f"event {following['id']}" in out


def test_deleting_the_last_event_is_detected(app, api, team, runner):
    journey(api, team)
    # end on an event that made no document, so the row can go without breaking a foreign key
    legal = api(team.legal)
    did = all_events(app)[0]["record_id"]
    fire(legal, did, "grant", data={"patent_number": "KZ 36123", "grant_date": dt.date.today().isoformat()})
    last = all_events(app)[-1]
    assert last["trigger"] == "grant" and last["document_ids"] == []
    assert execute(app, "DELETE FROM events WHERE id = :id", id=last["id"]) == 1
    code, out = verify_cli(runner)
    assert code == 1, out
    assert "chain" in out and "removed" in out


def test_deleting_an_event_in_the_middle_is_detected(app, api, team, runner):
    journey(api, team)
    events = all_events(app)
    target = next(e for e in events if e["trigger"] == "start_review")
    following = events[events.index(target) + 1]
    execute(app, "DELETE FROM events WHERE id = :id", id=target["id"])
    code, out = verify_cli(runner)
    assert code == 1 and f"event {following['id']}" in out


def test_changing_a_document_rows_sha256_is_detected(app, api, team, runner):
    journey(api, team)
    docs = all_documents(app)
    # point the row at another real file, so only the chain can tell
    execute(app, "UPDATE documents SET sha256 = :s WHERE id = :id", s=docs[0]["sha256"],
            id=docs[1]["id"])
    code, out = verify_cli(runner)
    assert code == 1, out
    assert f"event {docs[1]['event_id']}" in out or f"document {docs[1]['id']}" in out


def test_an_unlinked_document_row_is_detected(app, api, team, runner):
    journey(api, team)
    doc = all_documents(app)[-1]
    execute(app, "UPDATE documents SET event_id = NULL WHERE id = :id", id=doc["id"])
    code, out = verify_cli(runner)
    assert code == 1 and f"document {doc['id']}" in out


# -- the API ------------------------------------------------------------------------------------
def test_verify_api_is_for_administrators_only(app, api, team, make_user):
    journey(api, team)
    admin = make_user("admin", team.org, "Ada Admin")
    for user in (team.legal, team.alice):
        r = api(user).get("/audit/verify")
        assert r.status_code == 403 and r.get_json()["error"]["code"] == "forbidden"
    assert api().get("/audit/verify").status_code == 401

    r = api(admin).get("/audit/verify")
    assert r.status_code == 200
    assert r.get_json() == {"ok": True, "events": 9, "documents": 4, "signatures": 0}

    doc = all_documents(app)[2]
    path = Path(app.config["STORAGE_DIR"]) / doc["sha256"][:2] / doc["sha256"]
    path.write_bytes(path.read_bytes() + b"\0")
    body = api(admin).get("/audit/verify").get_json()
    assert body["ok"] is False
    assert body["events"] == 9 and body["documents"] == 3
    assert body["first_bad"]["kind"] == "document" and body["first_bad"]["id"] == doc["id"]
    assert body["first_bad"]["reason"]


def test_verify_api_names_a_tampered_event(app, api, team, make_user):
    journey(api, team)
    admin = make_user("admin", team.org)
    target = all_events(app)[3]
    execute(app, "UPDATE events SET comment = 'edited' WHERE id = :id", id=target["id"])
    body = api(admin).get("/audit/verify").get_json()
    assert body["ok"] is False
    assert body["first_bad"]["kind"] == "event" and body["first_bad"]["id"] == target["id"]
    assert body["events"] == 4  # it stopped at the first bad one
