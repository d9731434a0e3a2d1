"""Permissions are written once, on the model: the page, the form's guard and the API agree.

Built from the app's structure: for every registered record type (the registry), records in
an editable state and in one that is not, and every person of the test world (each role, in
each relation: inventor, lead, member, licensor, licensee, beneficiary, signatory, outsider):

- the record page shows its edit link exactly when ``record.can_edit(user)``;
- the edit form answers 200 exactly then, 404 to someone who may not see the record, and
  otherwise the model's refusal (403 who, 409 the state: ``record.edit_refusal``);
- the API's PATCH agrees (200, the same refusal, 404);
- the list page shows its "New …" link, ``GET …/new`` answers 200 and a POST to the API
  collection gets past the permission check (422 for an empty body) exactly when
  ``Model.can_create(user)``, 403 otherwise.
"""
from __future__ import annotations

import pytest
from flask import url_for

from consortium import workflow
from consortium.auth.models import User
from consortium.extensions import db
from tests.helpers import World, disclosure_payload

#: record type -> records to try, each made by the world in the state named (editable first)
RECORDS = {
    "disclosure": {
        "draft": lambda w: w.api["alice"].post("/disclosures", json=_disclosure(w))
        .get_json()["id"],
        "assessed": lambda w: w.disclosure("assessed"),
    },
    "consortium": {"draft": lambda w: w.consortium("draft"),
                   "active": lambda w: w.consortium("active")},
    "license": {"inquiry": lambda w: w.license("inquiry"),
                "legal_review": lambda w: w.license("legal_review")},
    "benefit_plan": {"draft": lambda w: w.plan(),
                     "acknowledgment": lambda w: _proposed_plan(w)},
    # the single window: a draft offer and a withdrawn one (seen by its organisation alone,
    # which may correct it there: every state of an offer is editable)
    "offer": {"draft": lambda w: _offer(w),
              "withdrawn": lambda w: _offer(w, "publish", "withdraw")},
    # a request of the university (its researchers see it and may not edit it)
    "request": {"draft": lambda w: _request(w),
                "closed": lambda w: _request(w, "publish", "close")},
}


def _offer(w, *triggers):
    r = w.api["legal"].post("/offers", json={
        "title": "Field trials of seed coatings", "kind": "rd_service", "field": "agriculture",
        "summary": "Field trials of seed coatings on dry steppe plots over two seasons.",
        "trl": 4, "language": "en"})
    assert r.status_code == 201, r.get_json()
    oid = r.get_json()["id"]
    for trigger in triggers:
        # withdrawing from the catalogue says why
        w.fire("legal", "offers", oid, trigger,
               **({"comment": "Licensed exclusively."} if trigger == "withdraw" else {}))
    return oid


def _request(w, *triggers):
    r = w.api["uni_partner"].post("/requests", json={
        "title": "Drought-proof seed coating", "field": "agriculture", "language": "en",
        "problem": "Wheat seedlings die in dry springs; we need seeds that survive drought."})
    assert r.status_code == 201, r.get_json()
    rid = r.get_json()["id"]
    for trigger in triggers:
        w.fire("uni_partner", "requests", rid, trigger)
    return rid


def _disclosure(w):
    return disclosure_payload((w.users["alice"], "60"), (w.users["bob"], "40"))


def _proposed_plan(w):
    pid = w.plan()
    w.fire("legal", "benefit-plans", pid, "propose")
    return pid


@pytest.fixture
def world(make_org, make_user, api, app):
    return World(make_org, make_user, api, app)


def _urls(app, rt, rid=None):
    blueprint = rt.endpoint.split(".")[0]
    with app.test_request_context():
        if rid is None:
            return url_for(f"{blueprint}.index"), url_for(f"{blueprint}.new")
        return url_for(rt.endpoint, record_id=rid), url_for(f"{blueprint}.edit", record_id=rid)


def _permission(app, rt, rid, who_id):
    """(may edit, the status of the refusal or None) as the model answers them."""
    with app.app_context():
        record = db.session.get(rt.model, rid)
        user = db.session.get(User, who_id)
        refusal = record.edit_refusal(user)
        assert record.can_edit(user) is (refusal is None)
        return refusal is None, (refusal.status if refusal is not None else None)


def _state(app, rt, rid):
    with app.app_context():
        return db.session.get(rt.model, rid).state


def test_every_record_type_is_tried():
    assert set(RECORDS) == set(workflow.REGISTRY)


@pytest.mark.parametrize(("name", "state"), [(n, s) for n, states in RECORDS.items()
                                             for s in states])
def test_edit_link_edit_form_and_patch_follow_can_edit(world, app, name, state):
    w = world
    rt = workflow.REGISTRY[name]
    rid = RECORDS[name][state](w)
    assert _state(app, rt, rid) == state
    page_url, edit_url = _urls(app, rt, rid)
    seen = set()
    for who, user in w.users.items():
        api, web = w.api[who], w.web(who)
        shown = api.get(f"/{rt.collection}/{rid}")
        may, refusal = _permission(app, rt, rid, user.id)
        if shown.status_code == 404:
            assert not may, (name, state, who, "edits what it cannot see")
            expected = 404
        else:
            assert shown.status_code == 200
            expected = 200 if may else refusal
            page = web.get(page_url)
            assert page.status_code == 200, (name, state, who)
            assert (f'href="{edit_url}"' in page.data.decode()) is may, (name, state, who,
                                                                          "edit link")
        seen.add(expected)
        r = web.get(edit_url)
        assert r.status_code == expected, (name, state, who, "edit form", r.status_code)
        if not may:
            r = web.post(edit_url, data={"version": "1"})
            assert r.status_code == expected, (name, state, who, "edit POST", r.status_code)
        version = shown.get_json()["version"] if shown.status_code == 200 else 1
        r = api.patch(f"/{rt.collection}/{rid}", json={"version": version})
        assert r.status_code == expected, (name, state, who, "PATCH", r.get_json())
    # the world is rich enough to show each answer where it can occur (a draft disclosure is
    # its inventors' alone: the others answer 404, none 403)
    editable = state in rt.model.editable_states
    assert (200 in seen) is editable and (409 in seen) is not editable, seen
    assert seen & {403, 404} and (403 in seen or (name, state) == ("disclosure", "draft")), seen


def test_new_button_new_form_and_api_create_follow_can_create(world, app):
    w = world
    for name, rt in workflow.REGISTRY.items():
        index_url, new_url = _urls(app, rt)
        allowed = set()
        for who, user in w.users.items():
            with app.app_context():
                may = rt.model.can_create(db.session.get(User, user.id))
            web = w.web(who)
            page = web.get(index_url)
            assert page.status_code == 200, (name, who)
            # the page kit's "New …" link; the researcher's top bar links to a new disclosure
            assert (f'class="button" href="{new_url}"' in page.data.decode()) is may, (name, who)
            assert web.get(new_url).status_code == (200 if may else 403), (name, who)
            assert web.post(new_url, data={}).status_code == (422 if may else 403), (name, who)
            r = w.api[who].post(f"/{rt.collection}", json={})
            assert r.status_code == (422 if may else 403), (name, who, r.get_json())
            if may:
                allowed.add(user.role)
        assert allowed and allowed != {u.role for u in w.users.values()}, (name, allowed)
