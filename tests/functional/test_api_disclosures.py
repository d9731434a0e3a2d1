"""Functional tests of the disclosure API: the workflow loops, visibility, editing, lists,
authentication, organisations and users, and the published contract (workflows, OpenAPI)."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from sqlalchemy import select, update

from tests.helpers import PASSWORD, disclosure_payload

ASSESSMENT = {"trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
              "recommendation": "File a national application."}


# -- helpers ------------------------------------------------------------------------------------
def ok(r, status=200):
    assert r.status_code == status, (r.status_code, r.get_json(silent=True))
    return r.get_json()


def error(r, status, code=None):
    assert r.status_code == status, (r.status_code, r.get_json(silent=True))
    body = r.get_json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]


def create(client, *inventors, **extra):
    return ok(client.post("/disclosures", json=disclosure_payload(*inventors, **extra)), 201)


def fire(client, did, trigger, status=200, **body):
    r = client.post(f"/disclosures/{did}/transitions/{trigger}", json=body)
    if status == 200:
        return ok(r)
    return error(r, status)


def docx_text(content: bytes) -> str:
    d = docx.Document(io.BytesIO(content))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.fixture
def clients(api, team):
    class C:
        alice = api(team.alice)
        bob = api(team.bob)
        legal = api(team.legal)
        outsider = api(team.outsider)
        outsider_legal = api(team.outsider_legal)
    return C


def submitted(c, team, **extra):
    d = create(c.alice, (team.alice, 60), (team.bob, 40), **extra)
    return fire(c.alice, d["id"], "submit", version=d["version"])["record"]


def assessed(c, team, **extra):
    d = submitted(c, team, **extra)
    fire(c.legal, d["id"], "start_review")
    return fire(c.legal, d["id"], "complete_assessment", data=ASSESSMENT)["record"]


# -- the revision loop --------------------------------------------------------------------------
def test_revision_loop_makes_a_new_receipt_and_supersedes_the_old(clients, team):
    c = clients
    d = create(c.alice, (team.alice, 60), (team.bob, 40))
    did = d["id"]
    first = fire(c.alice, did, "submit", version=d["version"])
    reg_number = first["record"]["reg_number"]
    [receipt1] = first["documents"]
    assert receipt1["template"] == "invention_disclosure_record"

    fire(c.legal, did, "start_review")
    r = fire(c.legal, did, "request_revision", comment="Add the field-trial data, please.")
    assert r["record"]["state"] == "revision_requested"
    assert r["event"]["comment"] == "Add the field-trial data, please."
    assert r["documents"] == []

    current = ok(c.alice.get(f"/disclosures/{did}"))
    edited = ok(c.alice.patch(f"/disclosures/{did}", json={
        "version": current["version"], "title": "Seed coating, with field-trial data",
        "background": "Field trials in Akmola region, 2025."}))
    assert edited["title"] == "Seed coating, with field-trial data"
    assert edited["background"] == "Field trials in Akmola region, 2025."
    assert edited["version"] > current["version"]
    assert edited["state"] == "revision_requested"

    second = fire(c.alice, did, "resubmit", version=edited["version"])
    assert second["record"]["state"] == "submitted"
    assert second["record"]["reg_number"] == reg_number, "the registration number stays"
    [receipt2] = second["documents"]
    assert receipt2["template"] == "invention_disclosure_record"
    assert receipt2["id"] != receipt1["id"] and receipt2["sha256"] != receipt1["sha256"]
    assert receipt2["superseded"] is False

    old = ok(c.alice.get(f"/documents/{receipt1['id']}"))
    assert old["superseded"] is True
    new = ok(c.alice.get(f"/documents/{receipt2['id']}"))
    assert new["superseded"] is False
    assert "with field-trial data" in docx_text(c.alice.get(
        f"/documents/{receipt2['id']}/content").data)
    assert "with field-trial data" not in docx_text(c.alice.get(
        f"/documents/{receipt1['id']}/content").data)

    docs = ok(c.legal.get(f"/disclosures/{did}/documents"))
    assert [x["id"] for x in docs] == [receipt2["id"], receipt1["id"]], "newest first"
    events = ok(c.legal.get(f"/disclosures/{did}/events"))
    assert [e["trigger"] for e in events] == ["submit", "start_review", "request_revision",
                                               "resubmit"]
    assert events[2]["comment"] == "Add the field-trial data, please."
    assert events[3]["document_ids"] == [receipt2["id"]]


def test_request_revision_without_comment_is_422(clients, team):
    d = submitted(clients, team)
    fire(clients.legal, d["id"], "start_review")
    for body in ({}, {"comment": ""}, {"comment": "   "}):
        r = clients.legal.post(f"/disclosures/{d['id']}/transitions/request_revision",
                               json=body)
        err = error(r, 422, "validation_failed")
        assert "comment" in err["fields"]
    assert ok(clients.legal.get(f"/disclosures/{d['id']}"))["state"] == "under_review"


def test_transition_with_stale_version_is_409(clients, team):
    d = submitted(clients, team)
    err = fire(clients.legal, d["id"], "start_review", status=409, version=d["version"] - 1)
    assert err["code"] == "stale_version"
    after = ok(clients.legal.get(f"/disclosures/{d['id']}"))
    assert after["state"] == "submitted" and after["version"] == d["version"]
    fire(clients.legal, d["id"], "start_review", version=d["version"])


# -- withdrawal ---------------------------------------------------------------------------------
@pytest.mark.parametrize("state", ["draft", "submitted", "revision_requested"])
def test_withdrawal_and_409_afterwards(clients, team, state):
    c = clients
    d = create(c.alice, (team.alice, 60), (team.bob, 40))
    did = d["id"]
    if state != "draft":
        fire(c.alice, did, "submit")
    if state == "revision_requested":
        fire(c.legal, did, "start_review")
        fire(c.legal, did, "request_revision", comment="More detail.")
    assert ok(c.alice.get(f"/disclosures/{did}"))["state"] == state
    r = fire(c.bob, did, "withdraw")  # any inventor may
    assert r["record"]["state"] == "withdrawn"
    assert r["event"]["from_state"] == state and r["event"]["to_state"] == "withdrawn"

    assert fire(c.alice, did, "withdraw", status=409)["code"] == "transition_not_allowed"
    assert fire(c.alice, did, "submit", status=409)["code"] == "transition_not_allowed"
    # a draft withdrawn before submission never reached the office: legal does not see it
    code = (404, "not_found") if state == "draft" else (409, "transition_not_allowed")
    assert fire(c.legal, did, "start_review", status=code[0])["code"] == code[1]
    version = ok(c.alice.get(f"/disclosures/{did}"))["version"]
    error(c.alice.patch(f"/disclosures/{did}", json={"version": version, "title": "X"}), 409)


def test_withdraw_is_refused_from_under_review(clients, team):
    d = submitted(clients, team)
    fire(clients.legal, d["id"], "start_review")
    err = fire(clients.alice, d["id"], "withdraw", status=409)
    assert "Under review" in err["message"]


# -- decisions ----------------------------------------------------------------------------------
def test_decide_protect_asks_inventors_to_sign(clients, team):
    d = assessed(clients, team)
    r = fire(clients.legal, d["id"], "decide_protect")
    assert r["record"]["state"] == "assignment_pending"
    [agreement] = r["documents"]
    assert agreement["template"] == "invention_assignment_agreement"
    # the organisation's signatory (its only legal officer here) first, then every inventor
    assert agreement["required_signers"] == [team.legal.id, team.alice.id, team.bob.id]
    assert r["events"] == [r["event"]], "no auto transition before the signatures"


def test_decide_protect_waits_for_an_external_co_inventor(clients, team):
    body = disclosure_payload((team.alice, 50))
    body["inventors"].append({"name": "Dana External", "email": "dana@example.com",
                              "share_percent": 50})
    d = ok(clients.alice.post("/disclosures", json=body), 201)
    fire(clients.alice, d["id"], "submit")
    fire(clients.legal, d["id"], "start_review")
    fire(clients.legal, d["id"], "complete_assessment", data=ASSESSMENT)
    r = fire(clients.legal, d["id"], "decide_protect")
    [agreement] = r["documents"]
    assert agreement["required_signers"] == [team.legal.id, team.alice.id]
    assert r["record"]["state"] == "assignment_pending"
    for client, name in ((clients.alice, "Alice Inventor"), (clients.legal, "Lena Legal")):
        sig = ok(client.post(f"/documents/{agreement['id']}/signatures",
                             json={"typed_name": name, "consent": True}), 201)
        assert sig.get("auto_transition") is None
    # Dana has not signed (she has no account yet): the assignment is not complete
    assert ok(clients.alice.get(f"/disclosures/{d['id']}"))["state"] == "assignment_pending"


@pytest.mark.parametrize(("trigger", "state", "template", "title", "signers"), [
    # the inventors on the access list acknowledge the order
    ("decide_trade_secret", "trade_secret", "know_how_regime_order", "Know-how Regime Order",
     ("alice", "bob")),
    # the organisation's signatory and the inventors, who accept its conditions
    ("decide_release", "released", "rights_release_letter", "Rights Release Letter",
     ("legal", "alice", "bob")),
])
def test_other_decisions_produce_their_documents(clients, team, trigger, state, template,
                                                 title, signers):
    d = assessed(clients, team)
    r = fire(clients.legal, d["id"], trigger, comment="Decided by the board.")
    assert r["record"]["state"] == state
    [doc] = r["documents"]
    assert doc["template"] == template
    assert doc["required_signers"] == [getattr(team, who).id for who in signers]
    assert doc["title"].startswith(title)
    content = clients.alice.get(f"/documents/{doc['id']}/content")
    assert content.status_code == 200
    assert content.headers["X-Content-SHA256"] == doc["sha256"]
    text = docx_text(content.data)
    assert "Seed coating from camel-wool keratin" in text
    # no other decision is possible any more
    for other in ("decide_protect", "decide_trade_secret", "decide_release"):
        fire(clients.legal, d["id"], other, status=409)


def test_abandon_needs_a_comment(clients, team):
    d = assessed(clients, team)
    fire(clients.legal, d["id"], "decide_trade_secret")
    err = fire(clients.legal, d["id"], "abandon", status=422)
    assert "comment" in err["fields"]
    assert ok(clients.legal.get(f"/disclosures/{d['id']}"))["state"] == "trade_secret"
    r = fire(clients.legal, d["id"], "abandon", comment="No commercial interest after 3 years.")
    assert r["record"]["state"] == "abandoned"
    assert r["event"]["comment"] == "No commercial interest after 3 years."


def test_inventor_cannot_assess_or_decide(clients, team):
    d = submitted(clients, team)
    assert fire(clients.alice, d["id"], "start_review", status=403)["code"] == "forbidden"
    fire(clients.legal, d["id"], "start_review")
    err = fire(clients.alice, d["id"], "complete_assessment", status=403, data=ASSESSMENT)
    assert err["code"] == "forbidden"
    assert ok(clients.alice.get(f"/disclosures/{d['id']}"))["state"] == "under_review"


def test_complete_assessment_with_bad_data_is_422_naming_fields(clients, team):
    d = submitted(clients, team)
    fire(clients.legal, d["id"], "start_review")
    err = fire(clients.legal, d["id"], "complete_assessment", status=422,
               data={**ASSESSMENT, "trl": "10", "extra": "x"})
    assert set(err["fields"]) == {"trl", "extra"}
    r = fire(clients.legal, d["id"], "complete_assessment", data=ASSESSMENT)
    assert r["record"]["assessment"]["trl"] == 4
    assert r["record"]["assessment"]["ownership"] == "institution"


# -- availability per user ----------------------------------------------------------------------
def test_transitions_show_allowed_and_reason_per_user(clients, team):
    d = create(clients.alice, (team.alice, 60), (team.bob, 40))
    did = d["id"]
    triggers = ["submit", "withdraw", "start_review", "request_revision", "resubmit",
                "complete_assessment", "decide_protect", "decide_trade_secret",
                "decide_release", "file_patent", "grant", "abandon"]

    alice = ok(clients.alice.get(f"/disclosures/{did}/transitions"))
    assert [t["trigger"] for t in alice] == triggers
    for t in alice:
        assert set(t) >= {"trigger", "label", "dest", "allowed"}
        assert ("reason" in t) is (not t["allowed"])
    by = {t["trigger"]: t for t in alice}
    assert by["submit"]["allowed"] and by["withdraw"]["allowed"]
    assert by["submit"]["dest"] == "submitted"
    assert by["start_review"]["reason"] == "Not possible while the record is Draft."

    # a draft is private to its inventors
    error(clients.legal.get(f"/disclosures/{did}/transitions"), 404)

    # after submission the answer changes for both
    fire(clients.alice, did, "submit")
    legal = {t["trigger"]: t for t in ok(clients.legal.get(f"/disclosures/{did}/transitions"))}
    assert [k for k, t in legal.items() if t["allowed"]] == ["start_review"]
    alice = {t["trigger"]: t for t in ok(clients.alice.get(f"/disclosures/{did}/transitions"))}
    assert [k for k, t in alice.items() if t["allowed"]] == ["withdraw"]
    assert alice["start_review"]["reason"] == (
        "Only legal staff of the disclosure's organisation can do this.")


def test_transitions_explain_an_unmet_condition(clients, team):
    d = create(clients.alice, (team.alice, 60), (team.bob, 30))
    by = {t["trigger"]: t for t in ok(clients.alice.get(f"/disclosures/{d['id']}/transitions"))}
    assert by["submit"]["allowed"] is False
    assert "90" in by["submit"]["reason"]


# -- visibility ---------------------------------------------------------------------------------
def test_outsiders_get_404_everywhere(clients, team, api, make_user):
    c = clients
    d = assessed(c, team)
    did = d["id"]
    r = fire(c.legal, did, "decide_protect")
    doc_id = r["documents"][0]["id"]
    partner = api(make_user("partner", team.org))
    admin = api(make_user("admin", team.outsider_org))
    for who in (c.outsider, c.outsider_legal, partner, admin):
        error(who.get(f"/disclosures/{did}"), 404, "not_found")
        error(who.patch(f"/disclosures/{did}", json={"version": d["version"], "title": "X"}),
              404)
        error(who.get(f"/disclosures/{did}/transitions"), 404)
        error(who.post(f"/disclosures/{did}/transitions/abandon", json={"comment": "x"}), 404)
        error(who.post(f"/disclosures/{did}/transitions/decide_release"), 404)
        error(who.get(f"/disclosures/{did}/events"), 404)
        error(who.get(f"/disclosures/{did}/documents"), 404)
        error(who.get(f"/documents/{doc_id}"), 404)
        error(who.get(f"/documents/{doc_id}/content"), 404)
        error(who.post(f"/documents/{doc_id}/signatures",
                       json={"typed_name": "Someone", "consent": True}), 404)
        assert ok(who.get("/disclosures"))["items"] == []
    # the same answer as for a record that does not exist at all
    missing = error(c.outsider.get("/disclosures/999999"), 404)
    hidden = error(c.outsider.get(f"/disclosures/{did}"), 404)
    assert missing == hidden
    # and nothing changed
    after = ok(c.legal.get(f"/disclosures/{did}"))
    assert after["state"] == "assignment_pending" and after["title"] == d["title"]
    assert ok(c.legal.get(f"/documents/{doc_id}"))["signatures"] == []


def test_partner_and_admin_see_an_empty_list(clients, team, api, make_user):
    submitted(clients, team)
    create(clients.alice, (team.alice, 100), title="Second")
    for role in ("partner", "admin"):
        who = api(make_user(role, team.org))
        body = ok(who.get("/disclosures"))
        assert body == {"items": [], "total": 0, "page": 1, "per_page": 50}


def test_coinventor_sees_it_but_not_a_colleague(clients, team, make_user, api):
    c = clients
    mine = create(c.alice, (team.alice, 100), title="Alice alone")
    shared = create(c.alice, (team.alice, 50), (team.bob, 50), title="Alice and Bob")

    # bob is a co-inventor of one of them only
    assert ok(c.bob.get(f"/disclosures/{shared['id']}"))["title"] == "Alice and Bob"
    assert ok(c.bob.get(f"/disclosures/{shared['id']}/transitions"))
    assert [d["id"] for d in ok(c.bob.get("/disclosures"))["items"]] == [shared["id"]]
    error(c.bob.get(f"/disclosures/{mine['id']}"), 404)
    error(c.bob.get(f"/disclosures/{mine['id']}/events"), 404)
    error(c.bob.post(f"/disclosures/{mine['id']}/transitions/withdraw"), 404)
    error(c.bob.patch(f"/disclosures/{mine['id']}",
                      json={"version": mine["version"], "title": "Bob's now"}), 404)

    # legal of the organisation sees both once submitted; a second legal officer too
    error(c.legal.get(f"/disclosures/{mine['id']}"), 404)  # a draft is its inventors'
    for d in (mine, shared):
        fire(c.alice, d["id"], "submit")
    assert {d["id"] for d in ok(c.legal.get("/disclosures"))["items"]} == {
        mine["id"], shared["id"]}
    legal2 = api(make_user("legal", team.org))
    assert ok(legal2.get(f"/disclosures/{mine['id']}"))["title"] == "Alice alone"
    # legal may read but not edit it
    err = error(c.legal.patch(f"/disclosures/{mine['id']}",
                              json={"version": mine["version"], "title": "Legal's"}), 403)
    assert err["code"] == "forbidden"
    assert ok(c.alice.get(f"/disclosures/{mine['id']}"))["title"] == "Alice alone"


def test_inventor_from_another_organisation_sees_it_but_their_legal_does_not(app, clients,
                                                                           team):
    c = clients
    d = create(c.alice, (team.alice, 70), (team.bob, 30))
    # A researcher of an unrelated organisation can no longer be named by id (only through a
    # consortium its organisation belongs to); a row from before that rule still shows the
    # disclosure to that inventor alone.
    from consortium.disclosures.models import Inventor
    from consortium.extensions import db
    with app.app_context():
        db.session.execute(update(Inventor).where(
            Inventor.disclosure_id == d["id"], Inventor.user_id == team.bob.id).values(
            user_id=team.outsider.id, organization_id=team.outsider_org.id))
        db.session.commit()
    assert ok(c.outsider.get(f"/disclosures/{d['id']}"))["id"] == d["id"]
    error(c.outsider_legal.get(f"/disclosures/{d['id']}"), 404)


def test_coinventor_signs_and_outsider_legal_cannot(clients, team):
    d = assessed(clients, team)
    doc = fire(clients.legal, d["id"], "decide_protect")["documents"][0]
    error(clients.outsider_legal.post(f"/documents/{doc['id']}/signatures",
                                      json={"typed_name": "Olga", "consent": True}), 404)
    err = error(clients.bob.post(f"/documents/{doc['id']}/signatures",
                                 json={"typed_name": "Bob Coinventor"}), 422)
    assert "consent" in err["fields"]
    ok(clients.bob.post(f"/documents/{doc['id']}/signatures",
                        json={"typed_name": "Bob Coinventor", "consent": True}), 201)
    assert ok(clients.bob.get(f"/documents/{doc['id']}"))["pending_signers"] == [
        team.legal.id, team.alice.id]


# -- editing ------------------------------------------------------------------------------------
def test_patch_with_stale_version_is_409_and_changes_nothing(clients, team):
    c = clients
    d = create(c.alice, (team.alice, 60), (team.bob, 40))
    first = ok(c.alice.patch(f"/disclosures/{d['id']}",
                             json={"version": d["version"], "title": "First edit"}))
    assert first["version"] == d["version"] + 1
    err = error(c.bob.patch(f"/disclosures/{d['id']}", json={
        "version": d["version"], "title": "Bob's stale edit", "keywords": ["stale"]}), 409)
    assert err["code"] == "stale_version"
    after = ok(c.alice.get(f"/disclosures/{d['id']}"))
    assert after["title"] == "First edit"
    assert after["keywords"] == ["seed coating", "keratin"]
    assert after["version"] == first["version"]


def test_patch_replaces_inventors_and_validates_them(clients, team):
    c = clients
    d = create(c.alice, (team.alice, 100))
    r = ok(c.alice.patch(f"/disclosures/{d['id']}", json={
        "version": d["version"],
        "inventors": [{"user_id": team.alice.id, "share_percent": "55.5"},
                      {"user_id": team.bob.id, "share_percent": "44.5"}]}))
    assert [(i["user_id"], i["share_percent"]) for i in r["inventors"]] == [
        (team.alice.id, "55.5"), (team.bob.id, "44.5")]
    assert ok(c.bob.get(f"/disclosures/{d['id']}"))["id"] == d["id"]
    # alice may not remove herself
    err = error(c.alice.patch(f"/disclosures/{d['id']}", json={
        "version": r["version"], "inventors": [{"user_id": team.bob.id, "share_percent": 100}]}),
        422)
    assert "inventors" in err["fields"]
    assert len(ok(c.alice.get(f"/disclosures/{d['id']}"))["inventors"]) == 2


def test_an_edit_of_the_inventors_shares_alone_moves_the_version_on(clients, team):
    """Changing only the inventors' shares (no column of the disclosure itself) is a change
    of the disclosure: its version moves on, so a submit that read the old shares cannot
    commit a disclosure record printing them, and a stale form is refused."""
    c = clients
    d = create(c.alice, (team.alice, 60), (team.bob, 40))
    r = ok(c.alice.patch(f"/disclosures/{d['id']}", json={
        "version": d["version"],
        "inventors": [{"user_id": team.alice.id, "share_percent": "70"},
                      {"user_id": team.bob.id, "share_percent": "30"}]}))
    assert r["version"] == d["version"] + 1
    err = error(c.alice.post(f"/disclosures/{d['id']}/transitions/submit",
                             json={"version": d["version"]}), 409)
    assert err["code"] == "stale_version"
    done = fire(c.alice, d["id"], "submit", version=r["version"])
    assert [i["share_percent"] for i in done["record"]["inventors"]] == ["70", "30"]


@pytest.mark.parametrize("state", ["submitted", "under_review", "assessed"])
def test_patch_outside_editable_states_is_409(clients, team, state):
    c = clients
    d = submitted(c, team)
    if state != "submitted":
        fire(c.legal, d["id"], "start_review")
    if state == "assessed":
        fire(c.legal, d["id"], "complete_assessment", data=ASSESSMENT)
    current = ok(c.alice.get(f"/disclosures/{d['id']}"))
    assert current["state"] == state
    err = error(c.alice.patch(f"/disclosures/{d['id']}",
                              json={"version": current["version"], "title": "Late edit"}), 409)
    assert err["code"] == "not_editable"
    after = ok(c.alice.get(f"/disclosures/{d['id']}"))
    assert after["title"] == current["title"] and after["version"] == current["version"]


def test_patch_cannot_blank_required_fields(clients, team):
    d = create(clients.alice, (team.alice, 100))
    for field in ("title", "abstract", "funding_source"):
        err = error(clients.alice.patch(f"/disclosures/{d['id']}",
                                        json={"version": d["version"], field: None}), 422)
        assert field in err["fields"]
    err = error(clients.alice.patch(f"/disclosures/{d['id']}",
                                    json={"version": d["version"], "title": "   "}), 422)
    assert "title" in err["fields"]


def test_patch_without_version_is_422(clients, team):
    d = create(clients.alice, (team.alice, 100))
    err = error(clients.alice.patch(f"/disclosures/{d['id']}", json={"title": "No version"}),
                422)
    assert "version" in err["fields"]


# -- creation and submission rules --------------------------------------------------------------
def test_submit_with_shares_60_30_is_422_naming_the_total(clients, team):
    d = create(clients.alice, (team.alice, 60), (team.bob, 30))
    err = fire(clients.alice, d["id"], "submit", status=422)
    assert err["code"] == "validation_failed"
    assert "90" in err["message"]
    assert "90" in err["fields"]["record"]
    after = ok(clients.alice.get(f"/disclosures/{d['id']}"))
    assert after["state"] == "draft" and after["reg_number"] is None
    assert ok(clients.alice.get(f"/disclosures/{d['id']}/documents")) == []
    assert ok(clients.alice.get(f"/disclosures/{d['id']}/events")) == []


def test_decimal_shares_that_total_100_submit(clients, team, make_user):
    carol = make_user("researcher", team.org)
    d = create(clients.alice, (team.alice, "33.333"), (team.bob, "33.333"), (carol, "33.334"))
    assert fire(clients.alice, d["id"], "submit")["record"]["state"] == "submitted"


def test_creator_must_be_an_inventor(clients, team):
    r = clients.alice.post("/disclosures", json=disclosure_payload((team.bob, 100)))
    err = error(r, 422, "validation_failed")
    assert "inventors" in err["fields"]
    assert ok(clients.bob.get("/disclosures"))["total"] == 0


def test_only_researchers_file(clients, team, api, make_user):
    for who in (clients.legal, api(make_user("partner", team.org)),
                api(make_user("admin", team.org))):
        error(who.post("/disclosures", json=disclosure_payload((team.alice, 100))), 403)
    assert ok(clients.legal.get("/disclosures"))["total"] == 0


def test_creation_validates_inventors(clients, team):
    bad = [
        ([{"user_id": 999999, "share_percent": 50}, {"user_id": team.alice.id,
                                                      "share_percent": 50}],
         "inventors.0.user_id"),
        ([{"user_id": team.alice.id, "share_percent": 50},
          {"user_id": team.alice.id, "share_percent": 50}], "inventors.1.user_id"),
        ([{"user_id": team.alice.id, "share_percent": 50}, {"share_percent": 50}],
         "inventors.1.name"),
        ([{"user_id": team.alice.id, "share_percent": 50},
          {"name": "X", "organization_id": 999999, "share_percent": 50}],
         "inventors.1.organization_id"),
        ([{"user_id": team.alice.id, "share_percent": 0}], "inventors.0.share_percent"),
        ([{"user_id": team.alice.id, "share_percent": 101}], "inventors.0.share_percent"),
        ([], "inventors"),
    ]
    for inventors, field in bad:
        body = disclosure_payload((team.alice, 100))
        body["inventors"] = inventors
        err = error(clients.alice.post("/disclosures", json=body), 422)
        assert field in err["fields"], (field, err)
    assert ok(clients.alice.get("/disclosures"))["total"] == 0


def test_creation_requires_fields_and_knows_funding_sources(clients, team):
    body = disclosure_payload((team.alice, 100))
    for field in ("title", "abstract", "funding_source", "inventors"):
        partial = {k: v for k, v in body.items() if k != field}
        assert field in error(clients.alice.post("/disclosures", json=partial), 422)["fields"]
    err = error(clients.alice.post("/disclosures", json={**body, "funding_source": "lottery"}),
                422)
    assert "funding_source" in err["fields"]
    err = error(clients.alice.post("/disclosures", json={**body, "colour": "red"}), 422)
    assert "colour" in err["fields"]
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    err = error(clients.alice.post("/disclosures",
                                   json={**body, "public_disclosure_date": future}), 422)
    assert "public_disclosure_date" in err["fields"]


def test_created_record_has_the_contract_fields(clients, team):
    d = create(clients.alice, (team.alice, 60), (team.bob, 40))
    assert d["state"] == "draft" and d["version"] == 1
    for key in ("id", "created_at", "updated_at"):
        assert d[key]
    for key in ("created_at", "updated_at"):
        assert dt.datetime.fromisoformat(d[key]).tzinfo is not None
    assert d["organization_id"] == team.org.id and d["created_by_id"] == team.alice.id
    assert [i["share_percent"] for i in d["inventors"]] == ["60", "40"]
    assert d["inventors"][1]["name"] == "Bob Coinventor"


# -- lists --------------------------------------------------------------------------------------
def test_list_paging_filter_and_search(clients, team):
    c = clients
    a = create(c.alice, (team.alice, 100), title="Keratin seed coating", field="Agronomy")
    b = create(c.alice, (team.alice, 100), title="Solar brine evaporator", field="Energy")
    d3 = create(c.alice, (team.alice, 100), title="Camel milk 100% powder", field="Food")
    fire(c.alice, b["id"], "submit")

    page = ok(c.alice.get("/disclosures"))
    assert set(page) == {"items", "total", "page", "per_page"}
    assert page["total"] == 3 and page["page"] == 1 and page["per_page"] == 50
    assert [x["id"] for x in page["items"]] == [d3["id"], b["id"], a["id"]], "newest first"

    p1 = ok(c.alice.get("/disclosures?per_page=2"))
    p2 = ok(c.alice.get("/disclosures?per_page=2&page=2"))
    p3 = ok(c.alice.get("/disclosures?per_page=2&page=3"))
    assert (p1["total"], p1["per_page"], len(p1["items"])) == (3, 2, 2)
    assert (p2["page"], len(p2["items"])) == (2, 1)
    assert p3["items"] == [] and p3["total"] == 3
    assert {x["id"] for x in p1["items"] + p2["items"]} == {a["id"], b["id"], d3["id"]}

    submitted_only = ok(c.alice.get("/disclosures?state=submitted"))
    assert [x["id"] for x in submitted_only["items"]] == [b["id"]]
    assert submitted_only["total"] == 1
    assert ok(c.alice.get("/disclosures?state=draft"))["total"] == 2
    assert ok(c.alice.get("/disclosures?state=patented"))["total"] == 0
    assert ok(c.alice.get("/disclosures?state=no_such_state"))["total"] == 0

    # the search reads titles, fields, abstracts, keywords and names: every one has the
    # abstract's "keratin", only one the title's "brine"
    assert len(ok(c.alice.get("/disclosures?q=keratin"))["items"]) == 3
    assert [x["id"] for x in ok(c.alice.get("/disclosures?q=brine"))["items"]] == [b["id"]]
    assert [x["id"] for x in ok(c.alice.get("/disclosures?q=ENERGY"))["items"]] == [b["id"]]
    reg = ok(c.alice.get(f"/disclosures/{b['id']}"))["reg_number"]
    assert [x["id"] for x in ok(c.alice.get(f"/disclosures?q={reg}"))["items"]] == [b["id"]]
    # wildcards are no words: "100%" is the number, "%" and "_" alone find nothing
    assert [x["id"] for x in ok(c.alice.get("/disclosures?q=100%25"))["items"]] == [d3["id"]]
    assert ok(c.alice.get("/disclosures?q=%25"))["total"] == 0
    assert ok(c.alice.get("/disclosures?q=_"))["total"] == 0
    both = ok(c.alice.get("/disclosures?q=camel&state=submitted"))
    assert both["total"] == 0

    # the legal officer's list is filtered the same way; the outsider's is empty
    assert ok(c.legal.get("/disclosures?state=submitted"))["total"] == 1
    assert ok(c.outsider.get("/disclosures?q=keratin"))["total"] == 0


def test_list_paging_bounds(clients, team):
    create(clients.alice, (team.alice, 100))
    assert ok(clients.alice.get("/disclosures?per_page=1000"))["per_page"] == 200
    assert ok(clients.alice.get("/disclosures?per_page=0"))["per_page"] == 1
    assert ok(clients.alice.get("/disclosures?page=-3"))["page"] == 1
    for bad in ("per_page=abc", "page=1.5", "page="):
        err = error(clients.alice.get(f"/disclosures?{bad}"), 422)
        assert set(err["fields"]) <= {"page", "per_page"} and err["fields"]


# -- authentication -----------------------------------------------------------------------------
def test_token_wrong_password_and_unknown_email_look_the_same(client, team):
    wrong = client.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                     "password": "not-the-password"})
    unknown = client.post("/api/v1/auth/token", json={"email": "nobody@example.org",
                                                       "password": "not-the-password"})
    e1, e2 = error(wrong, 401), error(unknown, 401)
    assert e1 == e2
    assert e1["code"] == "invalid_credentials"
    assert "token" not in wrong.get_json()


def test_token_login_is_case_insensitive_and_returns_the_user(client, team):
    r = client.post("/api/v1/auth/token", json={"email": team.alice.email.upper(),
                                                 "password": PASSWORD})
    body = ok(r, 201)
    assert body["user"]["id"] == team.alice.id and body["token"]
    me = ok(client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"}))
    assert {k: me[k] for k in ("id", "email", "name", "role", "organization_id")} == {
        "id": team.alice.id, "email": team.alice.email, "name": "Alice Inventor",
        "role": "researcher", "organization_id": team.org.id}


def test_login_is_throttled_after_repeated_failures(client, team):
    statuses = []
    for _ in range(12):
        r = client.post("/api/v1/auth/token", json={"email": team.bob.email,
                                                     "password": "guess"})
        statuses.append(r.status_code)
    assert statuses[0] == 401
    assert 429 in statuses
    first_429 = statuses.index(429)
    assert all(s == 401 for s in statuses[:first_429])
    assert all(s == 429 for s in statuses[first_429:])
    err = error(client.post("/api/v1/auth/token", json={"email": team.bob.email,
                                                         "password": PASSWORD}), 429)
    assert err["code"] == "too_many_attempts"


def test_missing_or_garbage_token_is_401(client, team):
    for header in (None, "", "Bearer", "Bearer ", "Bearer garbage-token",
                   "Basic dXNlcjpwYXNz", "Bearer " + "x" * 5000, "Token abc",
                   "bearer\tabc"):
        headers = {} if header is None else {"Authorization": header}
        for path in ("/api/v1/me", "/api/v1/disclosures", "/api/v1/organizations",
                     "/api/v1/audit/verify", "/api/v1/disclosures/1",
                     "/api/v1/documents/1"):
            error(client.get(path, headers=headers), 401, "unauthorized")
        error(client.post("/api/v1/disclosures", headers=headers,
                          json=disclosure_payload((team.alice, 100))), 401)


def test_expired_token_is_401(app, client, team):
    from consortium.auth.models import ApiToken
    from consortium.extensions import db
    token = ok(client.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                        "password": PASSWORD}), 201)["token"]
    headers = {"Authorization": f"Bearer {token}"}
    ok(client.get("/api/v1/me", headers=headers))
    with app.app_context():
        db.session.execute(update(ApiToken).values(
            expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
        db.session.commit()
    error(client.get("/api/v1/me", headers=headers), 401, "unauthorized")


def test_revoked_token_is_401(app, client, team):
    from consortium.auth.models import ApiToken
    from consortium.extensions import db
    token = ok(client.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                        "password": PASSWORD}), 201)["token"]
    with app.app_context():
        db.session.execute(update(ApiToken).values(revoked_at=dt.datetime.now(dt.UTC)))
        db.session.commit()
    error(client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}), 401)


def test_token_of_a_deactivated_user_is_401(app, client, team):
    from consortium.auth.models import User
    from consortium.extensions import db
    token = ok(client.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                        "password": PASSWORD}), 201)["token"]
    with app.app_context():
        db.session.execute(update(User).where(User.id == team.alice.id).values(active=False))
        db.session.commit()
    error(client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}), 401)
    error(client.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                   "password": PASSWORD}), 401)


def test_tokens_are_stored_hashed(app, client, team):
    from consortium.auth.models import ApiToken
    from consortium.extensions import db
    token = ok(client.post("/api/v1/auth/token", json={"email": team.alice.email,
                                                        "password": PASSWORD}), 201)["token"]
    with app.app_context():
        hashes = db.session.scalars(select(ApiToken.token_hash)).all()
    assert hashes and token not in hashes


# -- workflows and OpenAPI ----------------------------------------------------------------------
def test_workflows_structure(clients):
    from workflows import WORKFLOWS
    body = ok(clients.alice.get("/workflows"))
    assert isinstance(body, list)
    assert [w["name"] for w in body] == [w.name for w in WORKFLOWS]
    for w in body:
        assert set(w) >= {"name", "initial", "states", "transitions"}
        assert w["initial"] in w["states"]
        for t in w["transitions"]:
            assert set(t) >= {"trigger", "label", "sources", "dest", "roles", "document",
                              "signers", "auto"}
            assert set(t["sources"]) <= set(w["states"]) and t["dest"] in w["states"]
    [d] = [w for w in body if w["name"] == "disclosure"]
    assert d["initial"] == "draft"
    by = {t["trigger"]: t for t in d["transitions"]}
    assert by["decide_protect"]["document"] == "invention_assignment_agreement"
    assert by["decide_protect"]["signers"] == "assignors"
    assert by["decide_protect"]["auto"] == "complete_assignment"
    assert by["complete_assignment"]["roles"] == ["system"]
    assert sorted(by["withdraw"]["sources"]) == ["draft", "revision_requested", "submitted"]
    assert [f["name"] for f in by["file_patent"]["data"]] == [
        "office", "application_number", "filing_date"]


API_PATHS = {
    "/auth/token": {"post"}, "/me": {"get"}, "/organizations": {"get", "post"},
    "/organizations/{id}": {"patch"}, "/users": {"post"},
    "/disclosures": {"get", "post"}, "/disclosures/{id}": {"get", "patch"},
    "/disclosures/{id}/transitions": {"get"},
    "/disclosures/{id}/transitions/{trigger}": {"post"},
    "/disclosures/{id}/events": {"get"}, "/disclosures/{id}/documents": {"get"},
    "/documents/{id}": {"get"}, "/documents/{id}/content": {"get"},
    "/documents/{id}/signatures": {"post"}, "/workflows": {"get"}, "/audit/verify": {"get"},
}


def test_openapi_describes_every_endpoint(client, app):
    r = client.get("/api/v1/openapi.json")  # public, no token
    spec = ok(r)
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path, methods in API_PATHS.items():
        assert path in paths, path
        assert methods <= set(paths[path]), (path, set(paths[path]))
        for method in methods:
            assert paths[path][method]["responses"], (path, method)
    # every documented path and method is served by a real route (no phantom paths)
    adapter = app.url_map.bind("localhost")
    for path, operations in paths.items():
        concrete = "/api/v1" + path.replace("{id}", "1").replace("{trigger}", "submit") \
            .replace("{did}", "1")
        for method in operations:
            endpoint, _ = adapter.match(concrete, method=method.upper())
            # the API blueprint, or a domain's own API blueprint (named ..._api)
            assert endpoint.startswith("api.") or endpoint.split(".")[0].endswith("_api"), (
                path, method, endpoint)
    triggers = next(p for p in paths["/disclosures/{id}/transitions/{trigger}"]["post"][
        "parameters"] if p["name"] == "trigger")["schema"]["enum"]
    assert "complete_assessment" in triggers and "decide_protect" in triggers
    assert "DisclosureCreate" in spec["components"]["schemas"]


def test_audit_verify_admin_only(clients, team, api, make_user):
    submitted(clients, team)
    error(clients.legal.get("/audit/verify"), 403)
    error(clients.alice.get("/audit/verify"), 403)
    admin = api(make_user("admin", team.org))
    body = ok(admin.get("/audit/verify"))
    assert body["ok"] is True and body["events"] == 1 and body["documents"] == 1


# -- organisations and users --------------------------------------------------------------------
def test_create_organization_admin_only(clients, team, api, make_user):
    body = {"name": "Kazakh Agro Holding", "kind": "enterprise", "country": "kz",
            "bin": "123456789013", "address": "Astana"}
    partner = api(make_user("partner", team.org))
    for who in (clients.alice, clients.legal, partner):
        error(who.post("/organizations", json=body), 403, "forbidden")
    admin = api(make_user("admin", team.org))
    org = ok(admin.post("/organizations", json=body), 201)
    assert (org["name"], org["kind"], org["country"]) == ("Kazakh Agro Holding", "enterprise",
                                                          "KZ")
    assert org["signatory_user_id"] is None
    names = [o["name"] for o in ok(clients.alice.get("/organizations?per_page=200"))["items"]]
    assert "Kazakh Agro Holding" in names
    assert names.count("Kazakh Agro Holding") == 1


BAD_ORGANIZATIONS = [
    ({"kind": "enterprise"}, {"name"}),
    ({"name": "   ", "kind": "enterprise"}, {"name"}),
    ({"name": "X" * 301, "kind": "enterprise"}, {"name"}),
    ({"name": "Steppe Polytechnic University", "kind": "university"}, {"name"}),
    ({"name": "New Org", "kind": "startup"}, {"kind"}),
    ({"name": "New Org"}, {"kind"}),
    ({"name": "New Org", "kind": "fund", "country": "Kazakhstan"}, {"country"}),
    ({"name": 42, "kind": ["fund"]}, {"name", "kind"}),
    ({"name": "New Org", "kind": {"fund": 1}}, {"kind"}),
]


def test_create_organization_validates(clients, team, api, make_user):
    admin = api(make_user("admin", team.org))
    for body, fields in BAD_ORGANIZATIONS:
        err = error(admin.post("/organizations", json=body), 422, "validation_failed")
        assert set(err["fields"]) == fields, (body, err)
    assert ok(clients.alice.get("/organizations"))["total"] == 2


def test_organizations_list_shape(clients, team):
    body = ok(clients.alice.get("/organizations"))
    assert set(body) == {"items", "total", "page", "per_page"}
    assert body["total"] == 2
    assert {o["name"] for o in body["items"]} == {"Steppe Polytechnic University",
                                                   "Another Institute"}
    one = ok(clients.alice.get("/organizations?per_page=1&page=2"))
    assert len(one["items"]) == 1 and one["total"] == 2


def test_create_user_admin_only(client, clients, team, api, make_user):
    body = {"email": "New.Person@Example.org", "name": "New Person",
            "password": "a-long-enough-password-1", "role": "partner",
            "organization_id": team.outsider_org.id}
    for who in (clients.alice, clients.legal, api(make_user("partner", team.org))):
        error(who.post("/users", json=body), 403, "forbidden")
    admin = api(make_user("admin", team.org))
    user = ok(admin.post("/users", json=body), 201)
    assert user["email"] == "new.person@example.org"
    assert (user["role"], user["organization_id"]) == ("partner", team.outsider_org.id)
    assert "password" not in user and "password_hash" not in user
    login = ok(client.post("/api/v1/auth/token", json={"email": "new.person@example.org",
                                                        "password": body["password"]}), 201)
    assert login["user"]["id"] == user["id"]
    # the same e-mail again is refused
    err = error(admin.post("/users", json=body), 422)
    assert "email" in err["fields"]


BAD_USERS = [
    ({"email": "not-an-email"}, "email"),
    ({"email": None}, "email"),
    ({"name": ""}, "name"),
    ({"name": 7}, "name"),
    ({"role": "superuser"}, "role"),
    ({"role": ["admin"]}, "role"),
    ({"role": {"admin": 1}}, "role"),
    ({"password": None}, "password"),
    ({"password": "short"}, "password"),
    ({"organization_id": 999999}, "organization_id"),
    ({"organization_id": "1"}, "organization_id"),
    ({"organization_id": True}, "organization_id"),
    ({"organization_id": 2 ** 70}, "organization_id"),
]


def test_create_user_validates(client, team, api, make_user):
    admin = api(make_user("admin", team.org))
    for change, field in BAD_USERS:
        body = {"email": "someone@example.org", "name": "Someone",
                "password": "a-long-enough-password-1", "role": "researcher",
                "organization_id": team.org.id, **change}
        err = error(admin.post("/users", json=body), 422, "validation_failed")
        assert field in err["fields"], (change, err)
    r = client.post("/api/v1/auth/token", json={"email": "someone@example.org",
                                                 "password": "a-long-enough-password-1"})
    assert r.status_code == 401, "no user was created"


def test_signatory_defaults_and_is_changed_by_legal_of_the_org(clients, team, api, make_user):
    def signatory(org_id):
        items = ok(clients.alice.get("/organizations?per_page=200"))["items"]
        return next(o for o in items if o["id"] == org_id)["signatory_user_id"]

    # default: the first partner, else the first legal user
    assert signatory(team.org.id) == team.legal.id
    partner = make_user("partner", team.org)
    assert signatory(team.org.id) == partner.id
    legal2 = make_user("legal", team.org)

    # legal of another organisation and a researcher may not change it
    error(clients.outsider_legal.patch(f"/organizations/{team.org.id}",
                                       json={"signatory_user_id": legal2.id}), 403)
    error(clients.alice.patch(f"/organizations/{team.org.id}",
                              json={"signatory_user_id": legal2.id}), 403)
    assert signatory(team.org.id) == partner.id

    # not a user of this organisation
    err = error(clients.legal.patch(f"/organizations/{team.org.id}",
                                    json={"signatory_user_id": team.outsider.id}), 422)
    assert "signatory_user_id" in err["fields"]
    err = error(clients.legal.patch(f"/organizations/{team.org.id}",
                                    json={"signatory_user_id": "abc"}), 422)
    assert "signatory_user_id" in err["fields"]
    assert signatory(team.org.id) == partner.id

    org = ok(clients.legal.patch(f"/organizations/{team.org.id}",
                                 json={"signatory_user_id": legal2.id,
                                       "signatory_title": "Vice-Rector for Science"}))
    assert org["signatory_user_id"] == legal2.id
    assert org["signatory_title"] == "Vice-Rector for Science"
    assert signatory(team.org.id) == legal2.id
    # the other organisation is untouched
    assert signatory(team.outsider_org.id) == team.outsider_legal.id

    # an admin may change any organisation; null returns to the default
    admin = api(make_user("admin", team.outsider_org))
    ok(admin.patch(f"/organizations/{team.org.id}", json={"signatory_user_id": None}))
    assert signatory(team.org.id) == partner.id
    error(admin.patch("/organizations/999999", json={"signatory_user_id": None}), 404)


def test_signatory_is_printed_in_the_assignment_agreement(clients, team, make_user):
    """The organisation's party block in the agreement names whoever signatory_user_id is."""
    def agreement_text():
        d = assessed(clients, team)
        doc = fire(clients.legal, d["id"], "decide_protect")["documents"][0]
        return docx_text(clients.legal.get(f"/documents/{doc['id']}/content").data)

    before = agreement_text()
    assert "Lena Legal" in before  # the default: the organisation's first legal user
    legal2 = make_user("legal", team.org, name="Sergei Signatory")
    ok(clients.legal.patch(f"/organizations/{team.org.id}",
                           json={"signatory_user_id": legal2.id,
                                 "signatory_title": "Vice-Rector for Science"}))
    after = agreement_text()
    assert "Sergei Signatory" in after and "Vice-Rector for Science" in after
    assert "Lena Legal" not in after
