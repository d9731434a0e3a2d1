"""An option is its own agreement (issue 15.5): its own terms, its own text with only the
clauses an option has, and dates the engine honours (exercise by notice before the period
ends, lapse at its end or at the end of the negotiation after exercise)."""
from __future__ import annotations

import datetime as dt

import pytest

from consortium.scheduler import run_due
from tests.helpers import OPTION_TERMS, fire, licence_world, sign
from tests.helpers import docx_text as _text


@pytest.fixture
def world(make_org, make_user, api):
    return licence_world(make_org, make_user, api)


def _option_in_review(w, **terms):
    legal = w.api["legal"]
    r = legal.post("/licenses", json={"disclosure_id": w.did,
                                      "licensee_organization_id": w.firm.id,
                                      "license_type": "option", "territory": ["KZ"]})
    assert r.status_code == 201, r.get_json()
    path = f"/licenses/{r.get_json()['id']}"
    nda = fire(legal, path, "request_nda").get_json()["documents"][0]
    sign(w, nda, "legal", "partner")
    r = fire(w.api["partner"], path, "propose_terms", data={**OPTION_TERMS, **terms})
    assert r.status_code == 200, r.get_json()
    assert fire(legal, path, "submit_for_review").status_code == 200
    return path


def _granted(w):
    path = _option_in_review(w)
    reviewer = w.api["reviewer"]
    # an option is not approved as a licence
    r = fire(reviewer, path, "approve")
    assert r.status_code == 422, r.get_json()
    r = fire(reviewer, path, "approve_option")
    assert r.status_code == 200, r.get_json()
    doc = r.get_json()["documents"][0]
    assert doc["template"] == "option_agreement"
    r = sign(w, doc, "legal", "partner")
    assert r.get_json()["auto_transition"]["trigger"] == "grant_option"
    return path, doc


def _run(app, day: dt.date) -> dict:
    with app.app_context():
        return run_due(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
                       only=["timed_transitions"])


def test_the_option_agreement_has_only_an_options_clauses(world):
    w = world
    path, doc = _granted(w)
    text = _text(w.api["legal"].get(f"/documents/{doc['id']}/content").data)
    assert "OPTION AGREEMENT" in text
    for heading in ("Grant of the option", "Option period", "Option fee",
                    "Exercise of the option", "No licence to sell", "Confidentiality",
                    "Lapse and exercise", "Term and termination", "General"):
        assert heading in text, heading
    assert "12 months" in text and "2 000 000.00 KZT" in text
    assert "30 days before the Option Period ends" in text
    assert "within 60 days" in text and "an exclusive licence" in text
    # what contradicted the option in the licence text: selling off products, the
    # milestone table, the licence term, royalty reports
    for licence_only in ("sell, within six months", "Milestone", "Licence Term",
                         "royalty report", "Net Sales"):
        assert licence_only not in text, licence_only


def test_the_option_lapses_at_the_end_of_its_period(app, world):
    w = world
    path, _ = _granted(w)
    record = w.api["legal"].get(path).get_json()
    assert record["state"] == "option_active"
    ends = dt.date.fromisoformat(record["option_ends_on"])
    assert record["option_lapses_on"] == ends.isoformat()
    assert dt.date.fromisoformat(record["exercise_deadline"]) == ends - dt.timedelta(days=30)
    assert {"kind": "option_lapse", "effective_on": ends.isoformat()} in record["pending"]
    # legal staff cannot record the lapse before its day; the scheduler does nothing yet
    r = fire(w.api["legal"], path, "lapse_option")
    assert r.status_code == 409, r.get_json()
    assert _run(app, ends - dt.timedelta(days=1)) == {"timed_transitions": 0}
    assert _run(app, ends) == {"timed_transitions": 1}
    record = w.api["legal"].get(path).get_json()
    assert record["state"] == "option_lapsed"
    # no royalty report, no exercise after lapse
    r = fire(w.api["partner"], path, "exercise_option", data={"notice": "Too late."})
    assert r.status_code == 409


def test_exercise_after_the_notice_date_is_refused(app, world):
    w = world
    path, _ = _granted(w)
    from consortium.db import unit_of_work
    from consortium.extensions import db
    from consortium.licensing.models import License
    with app.app_context(), unit_of_work():
        lic = db.session.get(License, int(path.rsplit("/", 1)[1]))
        # the option period ends in 10 days: the 30 days' notice can no longer be given
        lic.option_ends_on = lic.option_lapses_on = dt.date.today() + dt.timedelta(days=10)
    r = fire(w.api["partner"], path, "exercise_option", data={"notice": "We exercise."})
    assert r.status_code == 422, r.get_json()
    assert "no longer be exercised" in r.get_json()["error"]["message"]


def test_exercise_moves_to_negotiating_the_licence_which_lapses_unsigned(app, world):
    w = world
    path, _ = _granted(w)
    partner, legal = w.api["partner"], w.api["legal"]
    # the licensor cannot exercise the holder's option; a notice needs its text
    assert fire(legal, path, "exercise_option", data={"notice": "x"}).status_code == 403
    assert fire(partner, path, "exercise_option", data={}).status_code == 422
    r = fire(partner, path, "exercise_option",
             data={"notice": "Exclusive licence; pilot line in 2028."})
    assert r.status_code == 200, r.get_json()
    record = legal.get(path).get_json()
    assert record["state"] == "negotiation" and record["license_type"] == "exclusive"
    assert record["exercise_notice"].startswith("Exclusive licence")
    lapses = dt.date.fromisoformat(record["option_lapses_on"])
    assert lapses == dt.date.today() + dt.timedelta(days=60)
    # the terms are now a licence's: an option again is refused
    r = fire(partner, path, "propose_terms", data={"license_type": "option"})
    assert r.status_code == 422 and "license_type" in r.get_json()["error"]["fields"]
    # no licence signed within the negotiation period: the option lapses
    assert _run(app, lapses) == {"timed_transitions": 1}
    assert legal.get(path).get_json()["state"] == "option_lapsed"


def test_an_exercised_option_becomes_a_licence_when_signed(app, world):
    w = world
    path, _ = _granted(w)
    partner, legal = w.api["partner"], w.api["legal"]
    assert fire(partner, path, "exercise_option", data={"notice": "We exercise."}) \
        .status_code == 200
    r = fire(partner, path, "propose_terms", data={"term_months": 120,
                                                  "royalty_rate_percent": "3.5"})
    assert r.status_code == 200, r.get_json()
    assert fire(legal, path, "submit_for_review").status_code == 200
    r = fire(w.api["reviewer"], path, "approve")
    assert r.status_code == 200, r.get_json()
    doc = r.get_json()["documents"][0]
    assert doc["template"] == "license_agreement"
    sign(w, doc, "legal", "partner")
    record = legal.get(path).get_json()
    assert record["state"] == "active" and record["option_lapses_on"] is None
    assert _run(app, dt.date.today() + dt.timedelta(days=400)) == {"timed_transitions": 0}


@pytest.mark.parametrize(("terms", "field"), [
    ({"option_period_months": 0}, "option_period_months"),
    ({"option_period_months": 121}, "option_period_months"),
    ({"exercise_notice_days": -1}, "exercise_notice_days"),
    ({"option_period_months": 1, "exercise_notice_days": 28}, "exercise_notice_days"),
    ({"exercise_license_type": "option"}, "exercise_license_type"),
    ({"option_fee": "-5"}, "option_fee"),
    ({"option_fee": "1.5555"}, "option_fee"),
    ({"negotiation_days": 0}, "negotiation_days"),
])
def test_bad_option_terms_are_422_naming_the_field(world, terms, field):
    w = world
    legal = w.api["legal"]
    r = legal.post("/licenses", json={"disclosure_id": w.did,
                                      "licensee_organization_id": w.firm.id,
                                      "license_type": "option", **terms})
    assert r.status_code == 422, r.get_json()
    assert field in r.get_json()["error"]["fields"], r.get_json()
    # the same through a term sheet
    path = _option_in_review(w)
    legal_review = legal.get(path).get_json()
    assert legal_review["state"] == "legal_review"
    fire(w.api["reviewer"], path, "request_changes", comment="Fix the terms.")
    r = fire(w.api["partner"], path, "propose_terms", data=terms)
    assert r.status_code == 422, r.get_json()
    assert field in r.get_json()["error"]["fields"], r.get_json()


def test_an_option_needs_its_period_and_the_licence_on_exercise(world):
    w = world
    legal = w.api["legal"]
    r = legal.post("/licenses", json={"disclosure_id": w.did,
                                      "licensee_organization_id": w.firm.id,
                                      "license_type": "option", "territory": ["KZ"]})
    path = f"/licenses/{r.get_json()['id']}"
    nda = fire(legal, path, "request_nda").get_json()["documents"][0]
    sign(w, nda, "legal", "partner")
    assert fire(w.api["partner"], path, "propose_terms", data={"currency": "KZT"}) \
        .status_code == 200
    r = fire(legal, path, "submit_for_review")
    assert r.status_code == 422
    message = r.get_json()["error"]["message"]
    assert "option period" in message and "on exercise" in message


def test_the_terms_form_sets_the_options_terms(world, client):
    w = world
    lic = w.api["legal"].post("/licenses", json={
        "disclosure_id": w.did, "licensee_organization_id": w.firm.id,
        "license_type": "option"}).get_json()
    from tests.helpers import PASSWORD
    client.post("/login", data={"email": w.legal.email, "password": PASSWORD})
    page = client.get(f"/licenses/{lic['id']}/edit")
    assert b'name="option_period_months"' in page.data
    assert b'name="exercise_license_type"' in page.data
    form = {"version": str(lic["version"]), "license_type": "option", "territory": "KZ",
            "currency": "KZT", "option_period_months": "1", "exercise_notice_days": "40",
            "option_fee": "1500000", "exercise_license_type": "non_exclusive",
            "negotiation_days": "45", "exercise_terms": "Royalty 2 % of net sales."}
    r = client.post(f"/licenses/{lic['id']}/edit", data=form)
    assert r.status_code == 422
    assert b'id="exercise_notice_days-error"' in r.data and b"1500000" in r.data
    form["option_period_months"] = "6"
    r = client.post(f"/licenses/{lic['id']}/edit", data=form)
    assert r.status_code == 302, r.data[:2000]
    saved = w.api["legal"].get(f"/licenses/{lic['id']}").get_json()
    assert (saved["option_period_months"], saved["exercise_notice_days"],
            saved["option_fee"], saved["exercise_license_type"], saved["negotiation_days"]) \
        == (6, 40, "1500000.00", "non_exclusive", 45)
    assert saved["exercise_terms"] == "Royalty 2 % of net sales."
    page = client.get(f"/licenses/{lic['id']}")
    assert page.status_code == 200 and b"Option period" in page.data


def test_an_option_in_force_reserves_its_licence(world):
    """Clause 2.2: while the option is in force the licensor grants no one else a licence
    in its field and territory, not even a non-exclusive one."""
    w = world
    _granted(w)
    legal = w.api["legal"]
    r = legal.post("/licenses", json={"disclosure_id": w.did,
                                      "licensee_organization_id": w.rival.id,
                                      "license_type": "non_exclusive", "territory": ["KZ"]})
    path = f"/licenses/{r.get_json()['id']}"
    sign(w, fire(legal, path, "request_nda").get_json()["documents"][0], "legal",
         "rival_partner")
    assert fire(w.api["rival_partner"], path, "propose_terms", data={
        "term_months": 12, "royalty_rate_percent": "2"}).status_code == 200
    assert fire(legal, path, "submit_for_review").status_code == 200
    r = fire(w.api["reviewer"], path, "approve")
    assert r.status_code == 409, r.get_json()
