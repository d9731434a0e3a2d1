"""Milestones on the term-sheet form of the licence page (issue 20): the form starts from
the current terms' milestones, rows can be added, changed and removed in the browser (and
through the API's ``propose_terms`` data), and a wrong row is refused with its reason under
its own input, keeping what was typed."""
from __future__ import annotations

import re

import pytest

from tests.helpers import PASSWORD, fire, licence_world, sign


@pytest.fixture
def world(make_org, make_user, api):
    w = licence_world(make_org, make_user, api)
    legal = w.api["legal"]
    r = legal.post("/licenses", json={
        "disclosure_id": w.did, "licensee_organization_id": w.firm.id,
        "license_type": "non_exclusive", "field_of_use": "Seed coatings", "territory": ["KZ"],
        "milestones": [{"description": "Pilot unit commissioned", "amount": "15000000",
                        "due_date": "2027-09-30"}]})
    assert r.status_code == 201, r.get_json()
    w.lid = r.get_json()["id"]
    w.path = f"/licenses/{w.lid}"
    sign(w, fire(legal, w.path, "request_nda").get_json()["documents"][0], "legal", "partner")
    assert legal.get(w.path).get_json()["state"] == "evaluation"
    return w


def _web(client, user):
    c = client.application.test_client()
    assert c.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return c


def _form(body: str, trigger: str) -> str:
    m = re.search(rf'<form[^>]*actions/{trigger}".*?</form>', body, re.S)
    assert m, f"no {trigger} form"
    return m.group(0)


def _value(form: str, name: str) -> str | None:
    m = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', form)
    assert m, f"no input {name}"
    v = re.search(r'value="([^"]*)"', m.group(0))
    return v.group(1) if v else None


def _terms_form(client, path):
    body = client.get(path).get_data(as_text=True)
    form = _form(body, "propose_terms")
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    return form, version


def _post(client, path, version, **fields):
    return client.post(f"{path}/actions/propose_terms", data={
        "version": version, "currency": "KZT", "milestones-shown": "yes", **fields},
        headers={"Referer": f"http://localhost{path}"})


def test_the_term_sheet_form_starts_from_the_milestones_and_edits_them(world, client):
    w = world
    legal = _web(client, w.legal)
    form, version = _terms_form(legal, w.path)
    # the current milestone, and two empty rows to add more
    assert _value(form, "milestones-0-description") == "Pilot unit commissioned"
    assert _value(form, "milestones-0-amount") == "15000000"
    assert _value(form, "milestones-0-due_date") == "2027-09-30"
    assert _value(form, "milestones-1-description") == "" and \
        _value(form, "milestones-2-amount") == ""
    # change the first, add a second
    r = _post(legal, w.path, version, **{
        "milestones-0-description": "Pilot unit commissioned", "milestones-0-amount":
        "12 500 000,50", "milestones-0-due_date": "2027-10-31",
        "milestones-1-description": "First commercial sale", "milestones-1-amount": "5000000",
        "milestones-1-due_date": "", "milestones-2-description": "",
        "milestones-2-amount": "", "milestones-2-due_date": ""})
    assert r.status_code == 302
    licence = w.api["legal"].get(w.path).get_json()
    assert licence["state"] == "negotiation"
    assert licence["milestones"] == [
        {"description": "Pilot unit commissioned", "amount": "12500000.50",
         "due_date": "2027-10-31"},
        {"description": "First commercial sale", "amount": "5000000.00", "due_date": None}]
    # the term sheet states them
    docs = w.api["legal"].get(f"{w.path}/documents").get_json()
    assert [d for d in docs if d["template"] == "term_sheet"]
    # the next term sheet starts from them; emptying a row removes it
    form, version = _terms_form(legal, w.path)
    assert _value(form, "milestones-1-description") == "First commercial sale"
    r = _post(legal, w.path, version, **{
        "milestones-0-description": "", "milestones-0-amount": "", "milestones-0-due_date": "",
        "milestones-1-description": "First commercial sale", "milestones-1-amount": "5000000",
        "milestones-1-due_date": "2028-01-31"})
    assert r.status_code == 302
    assert w.api["legal"].get(w.path).get_json()["milestones"] == [
        {"description": "First commercial sale", "amount": "5000000.00",
         "due_date": "2028-01-31"}]
    # and the licence page shows the due date as every page shows dates
    body = legal.get(w.path).get_data(as_text=True)
    assert "Jan 31, 2028" in body


def test_a_wrong_milestone_row_is_refused_under_its_input_keeping_the_rest(world, client):
    w = world
    legal = _web(client, w.legal)
    _, version = _terms_form(legal, w.path)
    r = _post(legal, w.path, version, **{
        "milestones-0-description": "Pilot unit commissioned", "milestones-0-amount": "lots",
        "milestones-0-due_date": "2027-09-30",
        "milestones-1-description": "", "milestones-1-amount": "700", "milestones-1-due_date":
        "2027-12-01"})
    assert r.status_code == 302
    assert w.api["legal"].get(w.path).get_json()["state"] == "evaluation"  # nothing happened
    body = legal.get(w.path).get_data(as_text=True)
    form = _form(body, "propose_terms")
    # what was typed is still there, each reason under its own input
    assert _value(form, "milestones-0-amount") == "lots"
    assert _value(form, "milestones-1-amount") == "700"
    assert re.search(r'id="propose_terms-milestones-0-amount-error">[^<]+<', form)
    assert re.search(r'id="propose_terms-milestones-1-description-error">required<', form)
    assert 'aria-invalid="true" aria-describedby="propose_terms-milestones-0-amount-error"' \
        in form
    # the message names the field as the form labels it
    assert "Milestone payments, row 2: Milestone: required" in body


def test_the_api_takes_milestones_in_the_term_sheet(world):
    w = world
    partner = w.api["partner"]
    r = fire(partner, w.path, "propose_terms", data={"currency": "KZT", "milestones": [
        {"description": "Registration of the product", "amount": "2000000",
         "due_date": "2027-06-30"}]})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["record"]["milestones"] == [
        {"description": "Registration of the product", "amount": "2000000.00",
         "due_date": "2027-06-30"}]
    r = fire(partner, w.path, "propose_terms", data={"milestones": [
        {"description": "", "amount": "-5", "due_date": "30.06.2027"}]})
    assert r.status_code == 422
    fields = r.get_json()["error"]["fields"]
    assert set(fields) == {"milestones.0.description", "milestones.0.amount",
                           "milestones.0.due_date"}, fields
    # leaving the field out keeps the milestones; an empty list removes them
    assert fire(partner, w.path, "propose_terms", data={"term_months": 60}).status_code == 200
    assert len(partner.get(w.path).get_json()["milestones"]) == 1
    assert fire(partner, w.path, "propose_terms", data={"milestones": []}).status_code == 200
    assert partner.get(w.path).get_json()["milestones"] == []
