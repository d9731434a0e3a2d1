"""The General Assembly decides the reserved matters (issue 15.2): a proposal, one vote per
member, the agreement's voting rule and quorum, the veto window, minutes as a document; only
an adopted decision lets admission, a declaration of default, amendment or dissolution fire,
and the transition uses it up. Through the API and the web pages."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from tests.helpers import ConsortiumJourney, adopt_decision

ADMISSION = {"organization_id": None, "role": "associate", "contribution_type": "cash",
             "contribution_value": "5000000", "currency": "KZT",
             "contribution_description": "Seed funding", "share_percent": "10"}


def _text(content: bytes) -> str:
    d = docx.Document(io.BytesIO(content))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.fixture
def active(api, make_org, make_user):
    """An active consortium of three (lead university, institute, enterprise), two-thirds."""
    j = ConsortiumJourney(api, make_org, make_user)
    j.produce("executed_consortium_agreement")
    j.lead_api, j.inst, j.firm_api = j.voters
    return j


def _journey(api, make_org, make_user, **kw):
    j = ConsortiumJourney(api, make_org, make_user, **kw)
    j.produce("executed_consortium_agreement")
    j.lead_api, j.inst, j.firm_api = j.voters
    return j


def _propose(j, matter, data=None, motion="Admit the Outside Fund as an associate.", **kw):
    return j.lead.post(f"/consortia/{j.id}/decisions",
                       json={"matter": matter, "motion": motion, "data": data or {}, **kw})


def _vote(client, j, did, choice):
    return client.post(f"/consortia/{j.id}/decisions/{did}/votes", json={"choice": choice})


def _settle(app, days):
    from consortium.consortia import decisions
    from consortium.db import utcnow
    with app.app_context():
        return decisions.settle_due(utcnow() + dt.timedelta(days=days))


def _admission(j):
    return {**ADMISSION, "organization_id": j.newcomer_org.id}


def _minutes(j):
    docs = j.lead.get(f"/consortia/{j.id}/documents").get_json()
    return [d for d in docs if d["template"] == "general_assembly_minutes"]


def test_an_admission_needs_an_adopted_decision_and_uses_it_up(active, app, api, make_user):
    j = active
    researcher = api(make_user("researcher", j.lead_org, "Rustem Researcher"))
    # without a decision the lead's legal staff cannot admit alone
    r = j.lead.post(f"/consortia/{j.id}/transitions/admit_member",
                                  json={"comment": "x", "data": _admission(j)})
    assert r.status_code == 422
    assert "adopted decision of the General Assembly" in r.get_json()["error"]["message"]
    assert "Admitting a new party" in r.get_json()["error"]["message"]
    actions = {a["trigger"]: a for a in j.lead.get(f"/consortia/{j.id}/transitions").get_json()}
    assert not actions["admit_member"]["allowed"]
    assert "General Assembly" in actions["admit_member"]["reason"]

    # only the lead's legal staff propose; the terms are checked as the transition checks them
    assert j.inst.post(f"/consortia/{j.id}/decisions", json={
        "matter": "amend", "motion": "Amend."}).status_code == 403
    r = _propose(j, "admit_member", {**_admission(j), "share_percent": "100"})
    assert r.status_code == 422 and "data.share_percent" in r.get_json()["error"]["fields"]
    assert _propose(j, "sell_the_lab").status_code == 422
    r = _propose(j, "admit_member", _admission(j), voting_days=10)
    assert r.status_code == 201, r.get_json()
    decision = r.get_json()
    assert decision["status"] == "voting" and decision["number"] == 1
    assert decision["tally"]["eligible"] == 3 and decision["tally"]["quorum_needed"] == 2
    did = decision["id"]
    assert _propose(j, "admit_member", _admission(j)).status_code == 409  # one open at a time
    # every member's signatory and legal staff is told a vote is open (kind "vote")
    from sqlalchemy import select

    from consortium.extensions import db
    from consortium.notifications.models import Notification
    with app.app_context():
        told = set(db.session.scalars(select(Notification.user_id).where(
            Notification.kind == "vote", Notification.record_id == j.id)))
    assert {u.id for _, u in j.clients.values() if u.name != "Nurlan Newcomer"} == told

    # one vote per member, by its signatory or legal staff; an outsider does not see it
    assert _vote(j.newcomer, j, did, "for").status_code == 404
    assert _vote(researcher, j, did, "for").status_code == 403
    assert _vote(j.lead, j, did, "maybe").status_code == 422
    assert _vote(j.lead, j, did, "for").status_code == 201
    assert _vote(j.reviewer, j, did, "for").status_code == 409  # the lead has voted
    r = _vote(j.inst, j, did, "for")
    assert r.get_json()["status"] == "voting"  # the enterprise has not voted yet
    r = _vote(j.firm, j, did, "against")
    # every member voted: closed early; 2 of 3 cast and 2 of all 3 parties: carried
    body = r.get_json()
    assert body["status"] == "veto_window", body
    assert body["tally"] == {"eligible": 3, "voted": 3, "for": 2, "against": 1, "abstain": 0,
                             "quorum_needed": 2, "quorate": True, "carried": True,
                             "pending": []}
    assert body["veto_ends_at"] is not None
    [minutes] = _minutes(j)
    text = _text(j.lead.get(f"/documents/{minutes['id']}/content").data)
    assert "carried" in text and "Outside Fund" in text and "Decision No. 1" in text
    assert "2 in favour, 1 against" in text
    assert _vote(j.firm, j, did, "for").status_code == 409  # closed

    # carried, but open to a veto for 15 days: the admission still waits
    r = j.lead.post(f"/consortia/{j.id}/transitions/admit_member",
                    json={"data": _admission(j)})
    assert r.status_code == 422
    assert _settle(app, 14) == 0
    assert _settle(app, 16) == 1
    decision = j.lead.get(f"/consortia/{j.id}/decisions/{did}").get_json()
    assert decision["status"] == "adopted"
    assert len(_minutes(j)) == 2

    # other terms than those decided are refused; the decided ones are the form's defaults
    r = j.lead.post(f"/consortia/{j.id}/transitions/admit_member",
                    json={"data": {**_admission(j), "share_percent": "20"}})
    assert r.status_code == 422
    r = j.lead.post(f"/consortia/{j.id}/transitions/admit_member", json={})
    assert r.status_code == 200, r.get_json()
    assert j.newcomer_org.id in [m["organization_id"] for m in r.get_json()["record"]["members"]
                                 if m["status"] == "active"]
    decision = j.lead.get(f"/consortia/{j.id}/decisions/{did}").get_json()
    assert decision["consumed_at"] is not None
    events = [e["trigger"] for e in j.lead.get(f"/consortia/{j.id}/events").get_json()]
    assert events[-7:] == ["ga_propose", "ga_vote", "ga_vote", "ga_vote", "ga_close",
                           "ga_adopt", "admit_member"]


def test_rejected_decisions_and_the_quorum(api, make_org, make_user, app):
    j = _journey(api, make_org, make_user)
    did = _propose(j, "dissolve", motion="Dissolve early.").get_json()["id"]
    _vote(j.lead, j, did, "for")
    _vote(j.inst, j, did, "against")
    r = _vote(j.firm, j, did, "abstain")
    body = r.get_json()
    assert body["status"] == "rejected"
    assert body["reason"] == "fewer than two-thirds of the votes cast were in favour"
    [minutes] = _minutes(j)
    assert "rejected" in _text(j.lead.get(f"/documents/{minutes['id']}/content").data)
    r = j.lead.post(f"/consortia/{j.id}/transitions/dissolve", json={"comment": "Done."})
    assert r.status_code == 422 and "Dissolving the consortium" in r.get_json()["error"][
        "message"]

    # one vote of three when the period ends: not quorate (50 % needs 2)
    did = _propose(j, "dissolve", motion="Dissolve early, again.").get_json()["id"]
    _vote(j.lead, j, did, "for")
    assert _settle(app, 16) == 1
    body = j.lead.get(f"/consortia/{j.id}/decisions/{did}").get_json()
    assert body["status"] == "rejected"
    assert body["reason"].startswith("not quorate: 1 of 3 parties voted, 2 needed")


def test_two_thirds_of_all_parties_under_the_two_thirds_rule(api, make_org, make_user, app):
    """Two votes for and none against carry two-thirds of the votes cast, but under the
    two-thirds rule a weighty matter needs two-thirds of ALL parties too; under the majority
    rule the same votes carry it."""
    j = _journey(api, make_org, make_user, quorum_percent=34)
    did = _propose(j, "amend", motion="Amend clause 5.").get_json()["id"]
    _vote(j.lead, j, did, "for")
    _vote(j.inst, j, did, "abstain")
    _settle(app, 16)
    body = j.lead.get(f"/consortia/{j.id}/decisions/{did}").get_json()
    assert body["status"] == "rejected"
    assert body["reason"] == "fewer than two-thirds of all parties voted in favour"


def test_the_same_votes_carry_under_the_majority_rule(api, make_org, make_user, app):
    m = _journey(api, make_org, make_user, voting_rule="majority", quorum_percent=34)
    did = _propose(m, "amend", motion="Amend clause 5.").get_json()["id"]
    _vote(m.lead, m, did, "for")
    _vote(m.inst, m, did, "abstain")
    _settle(app, 16)  # the voting closes; the veto window opens at the end of the period
    _settle(app, 40)
    assert m.lead.get(f"/consortia/{m.id}/decisions/{did}").get_json()["status"] == "adopted"
    r = m.lead.post(f"/consortia/{m.id}/transitions/amend", json={"comment": "Clause 5."})
    assert r.status_code == 200 and r.get_json()["record"]["state"] == "negotiation"


def test_a_severely_affected_party_vetoes_within_the_window(active, app):
    j = active
    did = _propose(j, "dissolve", motion="Dissolve early.").get_json()["id"]
    for client in (j.lead, j.inst, j.firm):
        _vote(client, j, did, "for")
    veto = f"/consortia/{j.id}/decisions/{did}/vetoes"
    assert j.newcomer.post(veto, json={"reason": "x"}).status_code == 404
    assert j.firm.post(veto, json={"reason": " "}).status_code == 422
    r = j.firm.post(veto, json={"reason": "Our field trials would be lost."})
    assert r.status_code == 201 and r.get_json()["status"] == "vetoed"
    assert j.inst.post(veto, json={"reason": "Too."}).status_code == 409
    assert _settle(app, 40) == 0
    r = j.lead.post(f"/consortia/{j.id}/transitions/dissolve", json={"comment": "Done."})
    assert r.status_code == 422
    minutes = _minutes(j)
    assert len(minutes) == 2
    assert "vetoed" in _text(j.lead.get(f"/documents/{minutes[0]['id']}/content").data)


def test_a_defaulting_party_neither_votes_nor_vetoes_on_its_own_default(active, app):
    j = active
    assert _propose(j, "declare_defaulting", {"organization_id": j.newcomer_org.id},
                    motion="Default.").status_code == 422  # not a member
    r = _propose(j, "declare_defaulting", {"organization_id": j.firm_org.id},
                 motion="The enterprise has not paid its contribution for 90 days.")
    assert r.status_code == 201
    body = r.get_json()
    did = body["id"]
    assert body["tally"]["eligible"] == 2 and body["concerned_organization_id"] == j.firm_org.id
    assert _vote(j.firm, j, did, "against").status_code == 403
    _vote(j.lead, j, did, "for")
    body = _vote(j.inst, j, did, "for").get_json()
    assert body["status"] == "veto_window"  # both parties entitled to vote have voted
    veto = f"/consortia/{j.id}/decisions/{did}/vetoes"
    assert j.firm.post(veto, json={"reason": "We object."}).status_code == 403
    _settle(app, 16)
    r = j.lead.post(f"/consortia/{j.id}/transitions/declare_defaulting",
                    json={"comment": "Per decision No. 1."})
    assert r.status_code == 200, r.get_json()
    # used up: a second declaration needs a new decision
    r = j.lead.post(f"/consortia/{j.id}/transitions/declare_defaulting",
                    json={"comment": "Again.", "data": {"organization_id": j.firm_org.id}})
    assert r.status_code == 422


def test_unanimity_adopts_at_once(api, make_org, make_user):
    j = _journey(api, make_org, make_user, voting_rule="unanimity")
    did = _propose(j, "dissolve", motion="Dissolve: purpose achieved.").get_json()["id"]
    _vote(j.lead, j, did, "for")
    _vote(j.inst, j, did, "for")
    body = _vote(j.firm, j, did, "for").get_json()
    assert body["status"] == "adopted" and body["veto_ends_at"] is None
    assert j.firm.post(f"/consortia/{j.id}/decisions/{did}/vetoes",
                       json={"reason": "No."}).status_code == 409
    r = j.lead.post(f"/consortia/{j.id}/transitions/dissolve", json={"comment": "Done."})
    # adopted and fired: the act now awaits every member's signature
    assert r.status_code == 200 and r.get_json()["record"]["state"] == "dissolving"


def test_an_abstention_defeats_unanimity(api, make_org, make_user):
    k = _journey(api, make_org, make_user, voting_rule="unanimity")
    did = _propose(k, "amend", motion="Amend.").get_json()["id"]
    _vote(k.lead, k, did, "for")
    _vote(k.inst, k, did, "for")
    body = _vote(k.firm, k, did, "abstain").get_json()
    assert body["status"] == "rejected"


def test_decisions_are_seen_only_by_those_who_see_the_consortium(active, api, make_user):
    j = active
    adopt_decision(None, j.lead, j.voters, j.id, "amend")
    stranger = api(make_user("legal"))
    assert stranger.get(f"/consortia/{j.id}/decisions").status_code == 404
    assert stranger.post(f"/consortia/{j.id}/decisions", json={
        "matter": "amend", "motion": "x"}).status_code == 404
    listed = j.firm.get(f"/consortia/{j.id}/decisions").get_json()
    assert [d["status"] for d in listed] == ["adopted"]
    assert j.firm.get(f"/consortia/{j.id}/decisions/999999").status_code == 404


def test_the_scheduler_job_closes_the_periods(active, app):
    from consortium.scheduler import load_jobs
    jobs = load_jobs()
    assert "general_assembly" in jobs
    j = active
    did = _propose(j, "amend", motion="Amend.").get_json()["id"]
    _vote(j.lead, j, did, "for")
    _vote(j.inst, j, did, "for")
    now = dt.datetime.now(dt.UTC)
    with app.app_context():
        assert jobs["general_assembly"].fn(now + dt.timedelta(days=16)) == 1
        assert jobs["general_assembly"].fn(now + dt.timedelta(days=32)) == 1
    assert j.lead.get(f"/consortia/{j.id}/decisions/{did}").get_json()["status"] == "adopted"


def test_the_general_assembly_on_the_consortium_page(active, login_as, client, app):
    j = active
    lead_user = next(u for _, u in j.clients.values() if u.name == "Lena Lead")
    firm_user = next(u for _, u in j.clients.values() if u.name == "Farida Firm")
    inst_user = next(u for _, u in j.clients.values() if u.name == "Ivan Institute")
    login_as(lead_user)
    page = client.get(f"/consortia/{j.id}").get_data(as_text=True)
    assert "General Assembly" in page and "Put a matter to the vote" in page
    r = client.post(f"/consortia/{j.id}/decisions", data={
        "matter": "admit_member", "motion": "Admit the Outside Fund.", "voting_days": "7",
        **{f"admit_member-{k}": str(v) for k, v in _admission(j).items()}})
    assert r.status_code == 302
    page = client.get(f"/consortia/{j.id}").get_data(as_text=True)
    assert "Decision No. 1" in page and "Admit the Outside Fund." in page
    assert "Votes until" in page and "Cast the vote" in page
    r = client.post(f"/consortia/{j.id}/decisions/0/votes", data={"choice": "for"})
    assert r.status_code == 404
    did = j.lead.get(f"/consortia/{j.id}/decisions").get_json()[0]["id"]
    r = client.post(f"/consortia/{j.id}/decisions/{did}/votes", data={"choice": "for"})
    assert r.status_code == 302
    client.post("/logout")
    for user in (inst_user, firm_user):
        login_as(user)
        r = client.post(f"/consortia/{j.id}/decisions/{did}/votes", data={"choice": "for"})
        assert r.status_code == 302
        client.post("/logout")
    login_as(firm_user)
    page = client.get(f"/consortia/{j.id}").get_data(as_text=True)
    assert "Veto possible until" in page and "Veto the decision" in page
    assert "3 for, 0 against, 0 abstaining" in page
    # the veto needs its reason
    r = client.post(f"/consortia/{j.id}/decisions/{did}/vetoes", data={"reason": ""},
                    headers={"Referer": f"http://localhost/consortia/{j.id}"})
    assert r.status_code == 302
    page = client.get(f"/consortia/{j.id}").get_data(as_text=True)
    assert "severely affects" in page
    client.post("/logout")
    _settle(app, 16)
    login_as(lead_user)
    page = client.get(f"/consortia/{j.id}").get_data(as_text=True)
    assert "Adopted" in page
    assert "Voting on decision No. 1 closed" in page and "ga_vote" not in page
    # the admission form is pre-filled from the decision and now allowed
    assert 'name="share_percent" inputmode="decimal" value="10"' in page
    assert "Seed funding</textarea>" in page
    r = client.post(f"/consortia/{j.id}/actions/admit_member", data={
        **{k: str(v) for k, v in _admission(j).items()}, "comment": "Per decision No. 1."})
    assert r.status_code == 302
    assert j.lead.get(f"/consortia/{j.id}").get_json()["members"][-1][
        "organization_id"] == j.newcomer_org.id


def test_the_demo_shows_an_adopted_decision_and_one_open_to_the_vote(app, runner, client):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    from sqlalchemy import select

    from consortium.consortia.decisions import Decision
    from consortium.extensions import db
    with app.app_context():
        found = {(d.matter, d.status) for d in db.session.scalars(select(Decision))}
    assert found == {("amend", "adopted"), ("admit_member", "voting")}
    r = client.post("/login", data={"email": "saule.nurlanova@steppe.edu.kz",
                                    "password": "consortium-demo-2026"})
    assert r.status_code == 302
    with app.app_context():
        cid = db.session.scalar(select(Decision.consortium_id))
    page = client.get(f"/consortia/{cid}").get_data(as_text=True)
    assert "Adopted" in page and "Cast the vote" in page
