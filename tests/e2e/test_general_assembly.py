"""The General Assembly in a real browser (issue 15.2): on the demo's active consortium led by
the Polymer Institute, a member votes on the open admission, which carries and enters its
veto window, then vetoes it; the lead puts the dissolution to the vote and it is rejected;
the amendment adopted a month ago is what lets "Propose an amendment" be clicked."""
from __future__ import annotations

import re

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError as err:  # also a broken install, not only a missing one
    pytest.skip(f"browser journeys need the playwright package: {err}", allow_module_level=True)

pytestmark = pytest.mark.sqlite_only

#: legal staff of the lead (Polymer Institute) and of the member (Steppe Polytechnic)
LEAD = "marat.akhmetov@polymer.kz"
MEMBER = "saule.nurlanova@steppe.edu.kz"
#: the demo's active consortium (consortium/demo.py), with its General Assembly
WATER = "Caspian Water Technologies Consortium"


def _open(page: Page) -> None:
    page.goto("/consortia/")
    page.get_by_role("link", name=WATER).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(WATER)


def _assembly(page: Page):
    return page.locator("section#assembly")


def _decision(page: Page, number: int):
    return page.locator(f"article#decision-{number}")


def test_votes_veto_window_veto_and_a_rejected_decision(sign_in, shot):
    member = sign_in(MEMBER)
    _open(member)
    ga = _assembly(member)
    expect(ga.get_by_role("heading", name="General Assembly")).to_be_visible()
    expect(_decision(member, 1)).to_contain_text("Adopted")
    admission = _decision(member, 2)
    expect(admission).to_contain_text("Admitting a new party")
    expect(admission).to_contain_text("Votes until")
    expect(admission).to_contain_text("1 for, 0 against, 0 abstaining; 1 of 2 parties voted")
    shot(member, "open-vote")

    # the member's vote is the last one: the voting closes early and the veto window opens
    admission.get_by_role("radio", name="For").check()
    admission.get_by_role("button", name="Cast the vote").click()
    expect(member.get_by_role("status")).to_contain_text("Your vote was recorded.")
    admission = _decision(member, 2)
    expect(admission).to_contain_text("Carried; open to a veto")
    expect(admission).to_contain_text("Veto possible until")
    expect(admission).to_contain_text("2 for, 0 against, 0 abstaining")
    shot(member, "veto-window")

    # a party severely affected vetoes it, saying why
    admission.get_by_label(re.compile("Veto: how the decision severely affects")).fill(
        "The new member's share would dilute our pilot stand's contribution.")
    admission.get_by_role("button", name="Veto the decision").click()
    admission = _decision(member, 2)
    expect(admission).to_contain_text("Vetoed")
    expect(admission).to_contain_text("would dilute our pilot stand")
    expect(member.locator("section.card").filter(has_text="Documents")).to_contain_text(
        "Minutes of the General Assembly")

    # the lead: the adopted amendment lets it propose the amendment; dissolution needs a vote
    lead = sign_in(LEAD)
    _open(lead)
    expect(lead.get_by_role("button", name="Propose an amendment")).to_be_visible()
    blocked = lead.locator("details.blocked")
    blocked.locator("summary").click()
    expect(blocked).to_contain_text("needs an adopted decision of the General Assembly")
    ga = _assembly(lead)
    ga.get_by_text("Put a matter to the vote").click()
    ga.get_by_label(re.compile("^Matter")).select_option(label="Dissolving the consortium")
    ga.get_by_label(re.compile("^Motion put to the vote")).fill(
        "Dissolve the consortium early: the membrane supplier has left the market.")
    ga.get_by_role("button", name="Put to the vote").click()
    expect(lead.get_by_role("status")).to_contain_text("was put to the vote")
    dissolution = _decision(lead, 3)
    expect(dissolution).to_contain_text("Dissolving the consortium")
    dissolution.get_by_role("radio", name="For").check()
    dissolution.get_by_role("button", name="Cast the vote").click()

    member.reload()
    dissolution = _decision(member, 3)
    dissolution.get_by_role("radio", name="Against").check()
    dissolution.get_by_role("button", name="Cast the vote").click()
    dissolution = _decision(member, 3)
    expect(dissolution).to_contain_text("Rejected")
    expect(dissolution).to_contain_text("fewer than two-thirds of the votes cast")
    shot(member, "rejected")
    # at 390 px the section still reads (the tables scroll inside their box)
    member.set_viewport_size({"width": 390, "height": 844})
    expect(_assembly(member).get_by_role("heading", name="General Assembly")).to_be_visible()
    shot(member, "narrow")
