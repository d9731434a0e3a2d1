"""Everyday usability of the pages (issue 20): wording people understand, errors next to the
field they are about, nothing typed lost on a refusal, the order of the actions and the
amounts written the way the pages and the locale write them."""
from __future__ import annotations

import re

from tests.functional.test_web import (
    ASSESSMENT,
    act,
    browser,
    file_disclosure,
    flashes,
    input_tag,
    page,
    record_state,
)


def _under_review(app, team) -> tuple[int, object, object]:
    did = file_disclosure(app, team)
    alice, legal = browser(app, team.alice), browser(app, team.legal)
    assert act(alice, did, "submit").status_code == 302
    assert act(legal, did, "start_review").status_code == 302
    return did, alice, legal


def _selected(body: str, name: str) -> str | None:
    m = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', body, re.S)
    assert m, f"no select {name}"
    chosen = re.search(r'<option value="([^"]*)" selected', m.group(1))
    return chosen.group(1) if chosen else None


def test_the_message_after_an_action_names_it_as_its_button_does(app, team):
    did = file_disclosure(app, team)
    alice = browser(app, team.alice)
    act(alice, did, "submit")
    [message] = flashes(page(alice.get(f"/disclosures/{did}")))
    assert "Submit to the technology-transfer office" in message, message
    assert "submit." not in message  # the trigger's internal name is not shown


def test_a_refused_assessment_keeps_every_choice_and_says_which_field_under_it(app, team):
    did, _, legal = _under_review(app, team)
    typed = dict(ASSESSMENT, crl="", recommendation="Look at the Uzbek market first.")
    r = act(legal, did, "complete_assessment", **typed)
    assert r.status_code == 302
    assert record_state(app, did) == "under_review"
    body = page(legal.get(f"/disclosures/{did}"))
    # the flash names the field as the form labels it, not "crl: required"
    assert "Commercial readiness level (CRL): required" in flashes(body), flashes(body)
    assert not any(m.startswith("crl:") for m in flashes(body))
    # the chosen levels are still chosen, the text still there, the error under its field
    assert _selected(body, "trl") == "4" and _selected(body, "mrl") == "3"
    assert _selected(body, "ownership") == "institution"
    assert "Look at the Uzbek market first.</textarea>" in body
    assert 'aria-invalid="true"' in input_tag(body, "crl")
    assert re.search(r'id="complete_assessment-crl-error">required<', body)
    # and the echo is shown once: the next visit is a clean form
    body = page(legal.get(f"/disclosures/{did}"))
    assert _selected(body, "trl") is None and not flashes(body)
    # correcting the one field is enough
    assert act(legal, did, "complete_assessment", **ASSESSMENT).status_code == 302
    assert record_state(app, did) == "assessed"


def test_a_comment_that_is_required_is_asked_for_by_its_label(app, team):
    did, _, legal = _under_review(app, team)
    act(legal, did, "request_revision", comment="")
    body = page(legal.get(f"/disclosures/{did}"))
    assert any(m.startswith("Comment:") for m in flashes(body)), flashes(body)
    assert re.search(r'id="request_revision-comment-error"', body)


def test_the_reviewers_request_is_at_the_top_and_resubmit_comes_before_withdraw(app, team):
    did, alice, legal = _under_review(app, team)
    ask = "Please add the field-trial results from Almaty region."
    assert act(legal, did, "request_revision", comment=ask).status_code == 302
    body = page(alice.get(f"/disclosures/{did}"))
    note = body.index('id="request"')
    assert ask in body[note:note + 800] and "Request revision" in body[note:note + 800]
    assert note < body.index('class="card diagram"') < body.index('id="actions"')
    forms = re.findall(rf'action="/disclosures/{did}/actions/([a-z_]+)"', body)
    assert forms.index("resubmit") < forms.index("withdraw"), forms
    # once resubmitted, the request is history, no longer a notice at the top
    act(alice, did, "resubmit")
    assert 'id="request"' not in page(alice.get(f"/disclosures/{did}"))


def test_next_steps_come_before_documents_and_history_and_a_skip_link_first(app, team):
    did = file_disclosure(app, team)
    body = page(browser(app, team.alice).get(f"/disclosures/{did}"))
    assert body.index('id="actions"') < body.index('id="documents"') < body.index('id="history"')
    skip = body.index('class="skip-link" href="#content"')
    assert skip < body.index("<header") and '<main id="content"' in body


def test_messages_of_the_forms_are_sentences_with_the_fields_label(app, team, login_as):
    client = login_as(team.legal)
    r = client.post("/consortia/new", data={
        "name": "C", "purpose": "P", "ip_regime": "lead_owns", "voting_rule": "majority",
        "quorum_percent": "50", "start_date": "2027-01-01", "end_date": "2026-01-01",
        "members-0-organization_id": str(team.org.id), "members-0-role": "lead",
        "members-0-contribution_type": "cash", "members-0-contribution_value": "1000",
        "members-0-currency": "KZT", "members-0-share_percent": "100"})
    assert r.status_code == 422
    body = page(r)
    assert "after start_date" not in body
    assert "must be after the start date" in body
    alice = browser(app, team.alice)
    r = alice.post("/disclosures/new", data={
        "title": "T", "abstract": "A", "funding_source": "institutional",
        "inventors-0-email": "", "inventors-0-name": "", "inventors-0-organization_id": "",
        "inventors-0-share_percent": "100"})
    body = page(r)
    assert "user_id" not in body


def test_amounts_as_the_pages_show_them_and_as_russian_writes_them(api, team):
    legal = api(team.legal)
    for typed in ("30 000 000,50", "30 000 000.50", "30\u00a0000\u00a0000.50",
                  "30\u202f000\u202f000,50"):
        r = legal.post("/consortia", json={
            "name": "C", "purpose": "P", "lead_organization_id": team.org.id,
            "ip_regime": "lead_owns", "members": [{
                "organization_id": team.org.id, "role": "lead", "contribution_type": "cash",
                "contribution_value": typed, "currency": "KZT",
                "contribution_description": "Funding", "share_percent": "100"}]})
        assert r.status_code == 201, (typed, r.get_json())
        assert r.get_json()["members"][0]["contribution_value"] == "30000000.50"


def test_a_save_on_a_stale_version_keeps_what_was_typed_and_shows_what_changed(app, team):
    from tests.functional.test_web import disclosure_form, version_on
    did = file_disclosure(app, team)
    tab1, tab2 = browser(app, team.alice), browser(app, team.alice)
    version = version_on(page(tab1.get(f"/disclosures/{did}/edit")))
    # the second tab saves first
    r = tab2.post(f"/disclosures/{did}/edit", data=disclosure_form(
        team, version=str(version), title="Saved in the other tab"))
    assert r.status_code == 302
    # the first tab's save is refused, but nothing typed is lost
    mine = "A long abstract typed in the first tab, which must survive."
    r = tab1.post(f"/disclosures/{did}/edit", data=disclosure_form(
        team, version=str(version), title="Typed in the first tab", abstract=mine))
    assert r.status_code == 409
    body = page(r)
    assert 'value="Typed in the first tab"' in input_tag(body, "title")
    assert f">{mine}</textarea>" in body
    meanwhile = body[body.index('id="meanwhile"'):]
    assert "Saved in the other tab" in meanwhile[:2000]
    assert any("Someone saved this record while you were editing it" in m for m in flashes(body))
    # the form now carries the current version: saving again is accepted
    again = re.search(r'name="version" value="(\d+)"', body).group(1)
    assert int(again) == version + 1
    r = tab1.post(f"/disclosures/{did}/edit", data=disclosure_form(
        team, version=again, title="Typed in the first tab", abstract=mine))
    assert r.status_code == 302
    assert "Typed in the first tab" in page(tab1.get(f"/disclosures/{did}"))


def test_a_plan_says_due_not_paid_and_each_line_its_share_of_the_income(
        app, make_org, make_user, api):
    from tests.helpers import fire, licence_world, sign
    w = licence_world(make_org, make_user, api)
    legal = w.api["legal"]
    r = legal.post("/benefit-plans", json={
        "disclosure_id": w.did, "currency": "KZT", "admin_fee_percent": "20",
        "beneficiaries": [
            {"kind": "inventor", "user_id": w.alice.id, "share_percent": "50"},
            {"kind": "institution", "organization_id": w.uni.id, "share_percent": "50"}]})
    assert r.status_code == 201, r.get_json()
    plan = f"/benefit-plans/{r.get_json()['id']}"
    draft = fire(legal, plan, "propose").get_json()["documents"][0]
    names = {getattr(w, n).id: n for n in ("alice", "bob", "legal")}
    sign(w, draft, *[names[i] for i in draft["required_signers"]])
    r = fire(legal, plan, "approve")
    assert r.status_code == 200
    agreement = r.get_json()["documents"][0]  # in force once every party has signed it
    sign(w, agreement, *[names[i] for i in agreement["required_signers"]])
    r = fire(legal, plan, "record_revenue", data={"amount": "1000000", "source": "Prototype"})
    assert r.status_code == 200, r.get_json()
    body = page(browser(app, w.legal).get(plan))
    assert "Paid to each beneficiary" not in body
    assert "Due to each beneficiary so far" in body
    # 20 % fee, then 50/50 of the rest: each line is 40 % of the income, not 50 % of a pool
    assert body.count("40.00 % of the income") == 2, re.findall(r"[\d.]+ % of the income", body)


def test_the_signing_page_shows_the_text_and_every_signer_with_their_status(app, team):
    did, _, legal = _under_review(app, team)
    act(legal, did, "complete_assessment", **ASSESSMENT)
    act(legal, did, "decide_protect")
    alice, bob = browser(app, team.alice), browser(app, team.bob)
    sign_url = re.search(r'href="(/documents/\d+/sign)"', page(alice.get("/inbox"))).group(1)
    body = page(alice.get(sign_url))
    signers = body[body.index('id="signers"'):body.index("</ul>", body.index('id="signers"'))]
    assert team.alice.name in signers and team.bob.name in signers
    waiting = signers.count("waiting")
    assert waiting == signers.count("<li>") >= 2
    text = body[body.index('id="document-text"'):]
    assert "Assignment" in text[:3000] or "ASSIGNMENT" in text[:3000]
    assert body.index('id="document-text"') < body.index('name="typed_name"')
    r = bob.post(sign_url, data={"typed_name": team.bob.name, "consent": "yes"})
    assert r.status_code == 302
    body = page(alice.get(sign_url))
    signers = body[body.index('id="signers"'):body.index("</ul>", body.index('id="signers"'))]
    assert signers.count("waiting") == waiting - 1 and "signed" in signers


def test_an_overlapping_exclusive_licence_is_named_from_the_inquiry_on(
        app, make_org, make_user, api):
    from tests.helpers import activate_licence, fire, licence_world, sign
    w = licence_world(make_org, make_user, api)
    legal = w.api["legal"]
    _protected(w)
    lid, path = activate_licence(w)
    first = fire(w.api["reviewer"], path, "approve").get_json()["documents"][0]
    sign(w, first, "legal", "partner")
    number = legal.get(path).get_json()["reg_number"]
    # a second inquiry on the same invention, world-wide, all fields
    r = legal.post("/licenses", json={"disclosure_id": w.did,
                                      "licensee_organization_id": w.rival.id,
                                      "license_type": "non_exclusive"})
    assert r.status_code == 201, r.get_json()
    lid2 = r.get_json()["id"]
    body = page(browser(app, w.legal).get(f"/licenses/{lid2}"))
    warning = body[body.index('id="exclusivity-conflict"'):][:1500]
    assert number in warning and f'href="/licenses/{lid}"' in warning
    assert body.index('id="exclusivity-conflict"') < body.index('id="actions"')
    # the rival's partner is not told about another company's licence
    body = page(browser(app, w.rival_partner).get(f"/licenses/{lid2}"))
    assert 'id="exclusivity-conflict"' not in body


def _protected(w) -> None:
    """The invention of ``w`` protected: every signer still awaited on its assignment signs
    (where the institution's signatory signs too, not only the inventors)."""
    legal = w.api["legal"]
    if legal.get(f"/disclosures/{w.did}").get_json()["state"] == "protected":
        return
    people = {getattr(w, n).id: n for n in ("alice", "bob", "legal", "reviewer")}
    for doc in legal.get(f"/disclosures/{w.did}/documents").get_json():
        signed = {s["signer_id"] for s in doc.get("signatures", [])} if isinstance(
            doc.get("signatures"), list) else set()
        for uid in doc.get("required_signers", []):
            if uid in people and uid not in signed:
                w.api[people[uid]].post(f"/documents/{doc['id']}/signatures", json={
                    "typed_name": getattr(w, people[uid]).name, "consent": True})
    assert legal.get(f"/disclosures/{w.did}").get_json()["state"] == "protected"


def test_inventors_see_the_income_not_the_licensees_sales_or_minimum_royalties(
        app, make_org, make_user, api):
    import datetime as dt

    from tests.helpers import activate_licence, fire, licence_world, sign
    w = licence_world(make_org, make_user, api)
    _protected(w)
    lid, path = activate_licence(w)
    agreement = fire(w.api["reviewer"], path, "approve").get_json()["documents"][0]
    sign(w, agreement, "legal", "partner")
    today = dt.date.today()
    period = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    r = fire(w.api["partner"], path, "report_royalty",
             data={"period": period, "net_sales": "40000000", "amount": "1400000.00"})
    assert r.status_code == 200, r.get_json()
    legal_page = page(browser(app, w.legal).get(f"/licenses/{lid}"))
    assert "Net sales" in legal_page and "Minimum annual royalty" in legal_page
    alice = browser(app, w.alice)
    inventor_page = alice.get(f"/licenses/{lid}")
    assert inventor_page.status_code == 200
    body = page(inventor_page)
    assert "Net sales" not in body and "40\u00a0000\u00a0000" not in body
    assert "Minimum annual royalty" not in body
    # what concerns them: their own share of the income (tests/functional/
    # test_income_visibility.py has the amounts), not the licence's gross income
    assert 'id="my-income"' in body and "Income from this licence" not in body
    assert "minimum annual royalty" not in page(alice.get("/inbox")).lower()


def test_a_new_term_sheet_starts_from_the_current_terms(app, make_org, make_user, api):
    from tests.helpers import activate_licence, fire, licence_world
    w = licence_world(make_org, make_user, api)
    _protected(w)
    lid, path = activate_licence(w)
    assert fire(w.api["legal"], path, "request_changes", comment="Lower the fee.") \
        .status_code == 200
    body = page(browser(app, w.partner).get(f"/licenses/{lid}"))
    form = body[body.index(f'/licenses/{lid}/actions/propose_terms'):]
    form = form[:form.index("</form>")]
    assert 'name="royalty_rate_percent" inputmode="decimal" value="3.5"' in form
    assert 'name="upfront_fee" inputmode="decimal" value="5000000"' in form
    assert 'value="KZ, UZ"' in form and 'value="Seed coatings"' in form
    assert re.search(r'<option value="exclusive" selected', form)


def test_milestones_are_entered_in_the_browser(app, make_org, make_user, api):
    from tests.helpers import licence_world
    w = licence_world(make_org, make_user, api)
    _protected(w)
    legal_api = w.api["legal"]
    r = legal_api.post("/licenses", json={"disclosure_id": w.did,
                                          "licensee_organization_id": w.firm.id,
                                          "license_type": "exclusive"})
    assert r.status_code == 201, r.get_json()
    lid = r.get_json()["id"]
    legal = browser(app, w.legal)
    form = page(legal.get(f"/licenses/{lid}/edit"))
    assert 'name="milestones-0-description"' in form and 'name="milestones-1-amount"' in form
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    terms = {"version": version, "license_type": "exclusive", "territory": "KZ",
             "currency": "KZT", "field_of_use": "", "term_months": "", "upfront_fee": "",
             "royalty_rate_percent": "", "minimum_annual_royalty": "", "notes": ""}
    # a mistyped amount: refused next to its field, both rows kept
    r = legal.post(f"/licenses/{lid}/edit", data={
        **terms, "milestones-0-description": "First field trial", "milestones-0-amount": "2 000 000",
        "milestones-0-due_date": "2027-06-30",
        "milestones-1-description": "Registration", "milestones-1-amount": "ten",
        "milestones-1-due_date": ""})
    assert r.status_code == 422
    body = page(r)
    assert 'value="First field trial"' in body and 'value="ten"' in body
    assert 'aria-invalid="true"' in input_tag(body, "milestones-1-amount")
    r = legal.post(f"/licenses/{lid}/edit", data={
        **terms, "milestones-0-description": "First field trial", "milestones-0-amount": "2 000 000",
        "milestones-0-due_date": "2027-06-30",
        "milestones-1-description": "Registration", "milestones-1-amount": "500000,50",
        "milestones-1-due_date": ""})
    assert r.status_code == 302, page(r)[:3000]
    saved = legal_api.get(f"/licenses/{lid}").get_json()["milestones"]
    assert [(m["description"], m["amount"], m["due_date"]) for m in saved] == [
        ("First field trial", "2000000.00", "2027-06-30"), ("Registration", "500000.50", None)]
    body = page(legal.get(f"/licenses/{lid}"))
    # dates shown one way, as everywhere (the medium date of the page's language)
    table = body[body.find("Milestones</h3>"):][:1500]
    assert "Jun 30, 2027" in table and "2027-06-30" not in table, table
