"""The single window in a real browser: legal staff publish an offer from a protected
invention, an enterprise's partner posts a request, sees its matches with the reasons,
expresses interest and lands in a licence inquiry naming the offer; an anonymous visitor
browses the catalogue by stage in Kazakh and finds nothing confidential."""
from __future__ import annotations

import re
import uuid

import pytest

try:
    from playwright.sync_api import expect
except ImportError as err:
    pytest.skip(f"browser journeys need the playwright package: {err}", allow_module_level=True)

pytestmark = pytest.mark.sqlite_only

LEGAL = "saule.nurlanova@steppe.edu.kz"
PARTNER = "arman.bekov@kazagrotech.kz"
#: the demo's patent-pending invention of the legal user's university (consortium/demo.py)
CATALYST = "Low-temperature catalyst for flare-gas desulfurisation"
ABSTRACT = ("A zinc-ferrite catalyst on a steppe-clay support that removes hydrogen sulfide "
            "from associated petroleum gas at 180 °C instead of 350 °C.")


def test_offer_request_matches_interest_and_the_public_catalogue(sign_in, page, shot):
    tag = uuid.uuid4().hex[:6]
    title = f"Cleaning sour gas at low temperature {tag}"
    legal = sign_in(LEGAL)
    legal.get_by_role("navigation", name="Main").get_by_role("link", name="Catalogue").click()
    legal.get_by_role("link", name="New offer").click()
    legal.get_by_label(re.compile(r"^Title")).fill(title)
    legal.get_by_label(re.compile(r"^Non-confidential summary")).fill(ABSTRACT)
    choice = legal.get_by_label("From the disclosure")
    choice.select_option(choice.locator("option", has_text=CATALYST).get_attribute("value"))
    legal.get_by_label(re.compile(r"^Field( \*)?$")).select_option("oil_gas")
    legal.get_by_label("OKED codes (e.g. 01.11)").fill("06.20")
    legal.get_by_role("button", name="Save").click()
    expect(legal.get_by_role("heading", name=title)).to_be_visible()
    # the summary copies the confidential abstract: publishing is refused, saying what
    legal.get_by_role("button", name="Publish in the catalogue").click()
    expect(legal.get_by_role("status")).to_contain_text("repeats the confidential disclosure")
    legal.get_by_role("link", name="Edit the offer").click()
    legal.get_by_label(re.compile(r"^Non-confidential summary")).fill(
        "A catalyst that cleans sour associated gas at about half the usual temperature, "
        "so a treatment unit burns less fuel. Patent pending.")
    legal.get_by_role("button", name="Save").click()
    legal.get_by_role("button", name="Publish in the catalogue").click()
    expect(legal.locator(".page-head .state")).to_have_text("Published")
    expect(legal.get_by_text(re.compile(r"^Patent pending \(2026/"))).to_be_visible()
    shot(legal, "offer-published")

    partner = sign_in(PARTNER)
    partner.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    partner.get_by_role("link", name="Post a technology request").click()
    partner.get_by_label(re.compile(r"^Title")).fill(f"Күкіртсутектен газды тазарту {tag}")
    partner.get_by_label("What fails or costs too much?").fill("Ілеспе газда күкіртсутек көп")
    partner.get_by_label(re.compile(r"^The problem statement")).fill(
        "Ілеспе газдағы күкіртсутекті аз шығынмен тазартатын технология іздейміз.")
    partner.get_by_label(re.compile(r"^Field( \*)?$")).select_option("oil_gas")
    partner.locator("select#language").select_option("kk")
    partner.get_by_role("button", name="Save").click()
    partner.get_by_role("button", name="Publish to the network").click()
    expect(partner.locator(".page-head .state")).to_have_text("Open")
    partner.get_by_role("link", name="All matches").click()
    card = partner.locator("section.match").filter(has_text=title)
    expect(card).to_be_visible()
    expect(card.locator(".reasons")).to_contain_text("Shared concepts")
    shot(partner, "matches")
    card.get_by_text("Express interest").first.click()
    card.get_by_label("Message to the offering organisation").fill("We run three gas plants.")
    card.get_by_role("button", name="Express interest").click()
    expect(partner.get_by_role("status")).to_contain_text("licence inquiry is open")
    expect(partner.locator(".page-head .state")).to_have_text("Inquiry")
    assert "/licenses/" in partner.url

    # anyone, no account, in Kazakh: the stage filter, nothing confidential
    page.goto("/catalogue")
    page.get_by_role("contentinfo").get_by_text("Қазақша").click()  # the language switcher
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    page.goto("/catalogue?stage=experimental")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    expect(page.locator("td[data-stage=experimental]")).not_to_have_text("0")
    body = page.content()
    assert "zinc-ferrite" not in body and "Aigerim" not in body
    page.get_by_role("link", name=title).click()
    assert re.search(r"/catalogue/\d+-cleaning-sour-gas", page.url)
    assert "zinc-ferrite" not in page.content()
    page.goto("/catalogue?stage=ready")
    expect(page.get_by_role("link", name=title)).to_have_count(0)
