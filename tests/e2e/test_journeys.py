"""What people see when they work through the pages in a real browser.

Each journey clicks links and buttons and fills forms like a person would: no API call, no
shortcut into the database. The server holds the demo data (consortium/demo.py); every record
a journey creates carries a name of its own, so journeys never trip over the demo records or
over each other.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError as err:  # also a broken install, not only a missing one
    pytest.skip(f"browser journeys need the playwright package: {err}", allow_module_level=True)

# The e2e server uses its own SQLite file whatever the pass: running it again on the
# PostgreSQL pass would prove nothing new.
pytestmark = pytest.mark.sqlite_only

RESEARCHER = "aigerim.seitkali@steppe.edu.kz"
CO_INVENTOR = "daniyar.omarov@steppe.edu.kz"
LEGAL = "saule.nurlanova@steppe.edu.kz"
PARTNER = "arman.bekov@kazagrotech.kz"
OUTSIDER = "elena.kim@polymer.kz"
#: the licensee of the demo's active licence on the catalyst
LICENSEE = "dana.serikova@atyrau-rt.kz"
#: the demo consortium (consortium/demo.py) that waits for the partner's signature
DEMO_CONSORTIUM = "Steppe Agro-Polymer Consortium"
NAMES = {RESEARCHER: "Aigerim Seitkali", CO_INVENTOR: "Daniyar Omarov",
         LEGAL: "Saule Nurlanova", PARTNER: "Arman Bekov", LICENSEE: "Dana Serikova"}

#: the demo inventions (consortium/demo.py): the catalyst has an active exclusive licence to
#: LICENSEE and a benefit plan in force; the membrane has a non-exclusive licence to PARTNER's
#: company whose NDA waits for PARTNER's signature
CATALYST = "Low-temperature catalyst for flare-gas desulfurisation"
MEMBRANE = "Polymer membrane for brackish-water desalination"
#: the payees of the catalyst's benefit plan
CATALYST_PAYEES = ("Aigerim Seitkali", "Department of Chemical Engineering",
                   "Steppe Polytechnic University")

#: the disclosure journey 1 filed, reused by journey 2 when both run in one session
_filed: dict[str, str] = {}


def _unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:6]}"


def state_badge(page: Page):
    """The big state badge in the record page's heading."""
    return page.locator(".page-head .state")


def flashes(page: Page):
    return page.get_by_role("status")


def section(page: Page, heading: str | re.Pattern):
    """A card of the record page, found by its heading."""
    return page.locator("section.card").filter(
        has=page.get_by_role("heading", name=heading, exact=True))


def file_and_submit(page: Page, title: str, shot=None) -> str:
    """As a signed-in researcher: file a disclosure shared 60/40 with the co-inventor, save
    the draft, submit it. Returns the record page's URL."""
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="New disclosure", exact=True).click()
    expect(page.get_by_role("heading", name="New invention disclosure")).to_be_visible()
    page.get_by_label(re.compile(r"^Title")).fill(title)
    page.get_by_label(re.compile(r"^Abstract")).fill(
        "A keratin-chitosan film for seed coating that releases nitrogen over 40 days.")
    page.get_by_label("Field of technology").fill("Agricultural biotechnology")
    page.get_by_label("Keywords (comma-separated)").fill("seed coating, keratin")
    page.get_by_label(re.compile(r"^Funding source")).select_option(label="State research grant")
    page.get_by_label("Date of conception").fill("2025-11-03")
    # The filer is the first inventor row, already filled in with 100 %.
    expect(page.get_by_label("E-mail of inventor 1")).to_have_value(RESEARCHER)
    page.get_by_label("Share of inventor 1").fill("60")
    page.get_by_label("E-mail of inventor 2").fill(CO_INVENTOR)
    page.get_by_label("Share of inventor 2").fill("40")
    page.get_by_role("button", name="Save draft").click()

    expect(flashes(page)).to_contain_text("Draft saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(state_badge(page)).to_have_text("Draft")
    inventors = section(page, "Inventors")
    expect(inventors.get_by_role("row").filter(has_text=NAMES[RESEARCHER])).to_contain_text("60 %")
    expect(inventors.get_by_role("row").filter(has_text=NAMES[CO_INVENTOR])).to_contain_text(
        "40 %")
    expect(inventors.get_by_role("row").filter(has_text="Total")).to_contain_text("100 %")
    if shot:
        shot(page, "draft")

    page.get_by_role("button", name="Submit to the technology-transfer office").click()
    expect(flashes(page)).to_contain_text("The record is now Submitted.")
    expect(state_badge(page)).to_have_text("Submitted")
    return page.url


def sign_from_inbox(sign_in, email: str, record_title: str, doc_title: str) -> Page:
    """Sign in as ``email`` and sign ``doc_title`` of the record named ``record_title`` from the
    inbox: "Review and sign", type the name, tick the consent, "Sign the document"."""
    page = sign_in(email)
    to_sign = page.locator("section.card").filter(
        has=page.get_by_role("heading", name=re.compile("^Documents to sign")))
    row = to_sign.get_by_role("row").filter(has_text=record_title).filter(has_text=doc_title)
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Review and sign").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(doc_title)
    expect(page.get_by_role("link", name=re.compile(r"^download .+\.docx$"))).to_be_visible()
    page.get_by_label("Type your full name as your signature").fill(NAMES[email])
    page.get_by_role("checkbox", name=re.compile("I sign it electronically")).check()
    page.get_by_role("button", name="Sign the document").click()
    expect(flashes(page)).to_contain_text(f"You signed {doc_title}")
    expect(page.get_by_role("heading", level=1)).to_have_text(record_title)
    return page


def test_researcher_files_and_submits_a_disclosure(sign_in, shot):
    page = sign_in(RESEARCHER)
    title = _unique("Keratin seed film")
    url = file_and_submit(page, title, shot)
    _filed.update(url=url, title=title)

    expect(flashes(page)).to_contain_text("was generated")
    documents = section(page, "Documents")
    record = documents.get_by_role("row").filter(has_text="Invention Disclosure Record")
    expect(record).to_have_count(1)
    expect(record).to_contain_text("no signatures needed")
    history = section(page, "History")
    entry = history.get_by_role("listitem").filter(
        has_text="Submit to the technology-transfer office")
    expect(entry).to_contain_text("Draft → Submitted")
    expect(entry).to_contain_text(NAMES[RESEARCHER])
    # The next step an inventor can take now is to withdraw; submitting again is gone.
    actions = page.locator("#actions")
    expect(actions.get_by_role("button", name="Withdraw the disclosure")).to_be_visible()
    expect(actions.get_by_role("button", name="Submit to the technology-transfer office")) \
        .to_have_count(0)
    expect(page.get_by_role("link", name="Edit the disclosure")).to_have_count(0)
    shot(page, "submitted")

    with page.expect_download() as info:
        record.get_by_role("link", name="Download .docx").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    data = download.path().read_bytes()
    assert data[:4] == b"PK\x03\x04", data[:16]
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        assert "word/document.xml" in docx.namelist()
        body = docx.read("word/document.xml").decode("utf-8")
    assert title in body

    # The new disclosure is in the researcher's list with its state.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Disclosures").click()
    expect(page.get_by_role("row").filter(has_text=title)).to_contain_text("Submitted")


def test_legal_reviews_decides_and_both_inventors_sign(sign_in, shot):
    if _filed:
        title = _filed["title"]
    else:  # run on its own: file one first
        title = _unique("Keratin seed film")
        file_and_submit(sign_in(RESEARCHER), title)

    legal = sign_in(LEGAL)
    legal.get_by_role("navigation", name="Main").get_by_role("link", name="Review queue").click()
    expect(legal.get_by_role("heading", name="Review queue")).to_be_visible()
    row = legal.get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text("Submitted")
    row.get_by_role("link", name=title).click()
    expect(state_badge(legal)).to_have_text("Submitted")

    legal.get_by_role("button", name="Start review").click()
    expect(flashes(legal)).to_contain_text("The record is now Under review.")
    expect(state_badge(legal)).to_have_text("Under review")

    legal.get_by_label("Technology readiness level (TRL)").select_option("4")
    legal.get_by_label("Commercial readiness level (CRL)").select_option("2")
    legal.get_by_label("Manufacturing readiness level (MRL)").select_option("3")
    legal.get_by_label("Investment readiness level (IRL)").select_option("3")
    legal.get_by_label("Ownership of the rights").select_option(label="The institution (employer)")
    legal.get_by_label(re.compile(r"^Recommendation")).fill(
        "Novel chemistry with a clear industrial partner: file a national patent application.")
    legal.get_by_role("button", name="Complete assessment").click()
    expect(flashes(legal)).to_contain_text("The record is now Assessed.")
    expect(state_badge(legal)).to_have_text("Assessed")
    assessment = section(legal, "Assessment")
    expect(assessment).to_contain_text("Technology validated in lab")
    expect(assessment).to_contain_text("The institution (employer)")
    expect(section(legal, "Documents")).to_contain_text("IP Assessment Report")
    shot(legal, "assessed")

    legal.get_by_role("button", name="Decide to protect (assignment)").click()
    expect(flashes(legal)).to_contain_text("The record is now Assignment pending signatures.")
    expect(state_badge(legal)).to_have_text("Assignment pending signatures")
    agreement = section(legal, "Documents").get_by_role("row").filter(
        has_text="Invention Assignment Agreement")
    expect(agreement).to_contain_text(f"{NAMES[RESEARCHER]} — pending")
    expect(agreement).to_contain_text(f"{NAMES[CO_INVENTOR]} — pending")

    first = sign_from_inbox(sign_in, RESEARCHER, title, "Invention Assignment Agreement")
    expect(state_badge(first)).to_have_text("Assignment pending signatures")
    expect(section(first, "Documents").get_by_role("row").filter(
        has_text="Invention Assignment Agreement")).to_contain_text(f"{NAMES[CO_INVENTOR]} — pending")

    second = sign_from_inbox(sign_in, CO_INVENTOR, title, "Invention Assignment Agreement")
    # the inventors alone do not complete it: the agreement binds the university as well,
    # and its authorised signatory (Saule) signs last
    expect(state_badge(second)).to_have_text("Assignment pending signatures")
    third = sign_from_inbox(sign_in, LEGAL, title, "Invention Assignment Agreement")
    expect(flashes(third)).to_contain_text("All required signatures are in")
    expect(state_badge(third)).to_have_text("Protected (assigned)")
    history = section(third, "History")
    expect(history).to_contain_text(f"Signed by {NAMES[RESEARCHER]}")
    expect(history).to_contain_text(f"Signed by {NAMES[CO_INVENTOR]}")
    expect(history).to_contain_text(f"Signed by {NAMES[LEGAL]}")
    shot(third, "protected")

    # Legal sees the protected disclosure and its next step, recording the patent filing.
    legal.reload()
    expect(state_badge(legal)).to_have_text("Protected (assigned)")
    expect(legal.get_by_role("button", name="Record patent filing")).to_be_visible()


def test_bad_form_keeps_what_was_typed_and_marks_the_fields(sign_in, shot):
    page = sign_in(RESEARCHER)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="New disclosure", exact=True).click()
    abstract = "A drip emitter that cleans itself with a vortex — typed before the mistake."
    page.get_by_label(re.compile(r"^Abstract")).fill(abstract)
    page.get_by_label(re.compile(r"^Funding source")).select_option(label="Institutional funds")
    page.get_by_label("Share of inventor 1").fill("abc")
    page.get_by_role("button", name="Save draft").click()

    expect(flashes(page)).to_contain_text("Please correct the marked fields.")
    expect(page.get_by_role("heading", name="New invention disclosure")).to_be_visible()
    title = page.get_by_label(re.compile(r"^Title"))
    share = page.get_by_label("Share of inventor 1")
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(share).to_have_attribute("aria-invalid", "true")
    # Each marked field points at its visible explanation.
    for field in (title, share):
        described = field.get_attribute("aria-describedby")
        assert described, "a marked field names its error message"
        expect(page.locator(f"#{described}")).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Abstract"))).to_have_value(abstract)
    expect(page.get_by_label(re.compile(r"^Abstract"))).not_to_have_attribute(
        "aria-invalid", "true")
    expect(share).to_have_value("abc")
    expect(page.get_by_label("E-mail of inventor 1")).to_have_value(RESEARCHER)
    expect(page.get_by_label(re.compile(r"^Funding source"))).to_have_value("institutional")
    shot(page, "errors")

    # Nothing was saved.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Disclosures").click()
    expect(page.get_by_role("row").filter(has_text="drip emitter that cleans")).to_have_count(0)


def test_partner_signs_the_demo_memorandum_from_the_inbox(sign_in, shot):
    # The demo's consortium led by the university waits for the enterprise's signature.
    legal = sign_in(LEGAL)
    legal.get_by_role("navigation", name="Main").get_by_role("link", name="Consortia").click()
    row = legal.get_by_role("row").filter(has_text=DEMO_CONSORTIUM)
    expect(row).to_contain_text("Proposed: memorandum awaiting signatures")
    row.get_by_role("link", name=DEMO_CONSORTIUM).click()
    expect(state_badge(legal)).to_have_text("Proposed: memorandum awaiting signatures")
    memorandum = section(legal, "Documents").get_by_role("row").filter(
        has_text="Memorandum of Intent")
    expect(memorandum).to_contain_text(f"{NAMES[PARTNER]} — pending")
    expect(memorandum).not_to_contain_text(f"{NAMES[LEGAL]} — pending")

    # The partner: inbox → "Review and sign" → tick the consent and sign (the typed name is
    # already filled in with the partner's own).
    partner = sign_in(PARTNER)
    to_sign = partner.get_by_role("row").filter(has_text=DEMO_CONSORTIUM)
    to_sign.get_by_role("link", name="Review and sign").click()
    expect(partner.get_by_role("heading", level=1)).to_contain_text("Memorandum of Intent")
    expect(partner.get_by_label("Type your full name as your signature")).to_have_value(
        NAMES[PARTNER])
    partner.get_by_role("checkbox", name=re.compile("I sign it electronically")).check()
    partner.get_by_role("button", name="Sign the document").click()

    expect(flashes(partner)).to_contain_text("You signed Memorandum of Intent")
    expect(flashes(partner)).to_contain_text("All required signatures are in")
    expect(partner.get_by_role("heading", level=1)).to_have_text(DEMO_CONSORTIUM)
    expect(state_badge(partner)).to_have_text("Negotiation")
    expect(section(partner, "History")).to_contain_text(f"Signed by {NAMES[PARTNER]}")
    shot(partner, "signed")

    # The lead's legal staff now has the next step: the agreement for legal review.
    legal.reload()
    expect(state_badge(legal)).to_have_text("Negotiation")
    expect(legal.get_by_role("button", name="Submit the agreement for legal review")) \
        .to_be_visible()


def test_consortium_drafted_proposed_and_signed_by_each_member(sign_in, shot):
    name = _unique("Aral grain-storage consortium")
    legal = sign_in(LEGAL)
    legal.get_by_role("navigation", name="Main").get_by_role("link", name="Consortia").click()
    expect(legal.get_by_role("heading", name="Consortia", exact=True)).to_be_visible()
    legal.get_by_role("link", name="New consortium").click()
    expect(legal.get_by_role("heading", level=1)).to_have_text(
        "New industrial-scientific technological consortium")

    legal.get_by_label(re.compile(r"^Name")).fill(name)
    legal.get_by_label(re.compile(r"^Purpose")).fill(
        "Develop and pilot hermetic grain storage for smallholders in the Aral Sea region.")
    legal.get_by_label("Start date").fill("2026-03-01")
    legal.get_by_label("End date").fill("2028-02-29")
    # The first party row is the lead: our own organisation, already selected.
    expect(legal.get_by_label("Organisation of party 1")).to_have_value(re.compile(r"^\d+$"))
    expect(legal.get_by_label("Role of party 1")).to_have_value("lead")
    legal.get_by_label("Contribution type of party 1").select_option(label="Background IP")
    legal.get_by_label("Contribution value of party 1").fill("12000000")
    legal.get_by_label("Contribution description of party 1").fill(
        "Keratin coating know-how and the pilot laboratory")
    legal.get_by_label("Share of party 1").fill("70")
    legal.get_by_label("Organisation of party 2").select_option(label="KazAgroTech Solutions LLP")
    legal.get_by_label("Role of party 2").select_option(label="Member")
    legal.get_by_label("Contribution type of party 2").select_option(label="Cash")
    legal.get_by_label("Contribution value of party 2").fill("5000000")
    legal.get_by_label("Contribution description of party 2").fill("Field trials and funding")
    legal.get_by_label("Share of party 2").fill("30")
    legal.get_by_role("button", name="Save draft").click()

    expect(flashes(legal)).to_contain_text("Draft saved.")
    expect(legal.get_by_role("heading", level=1)).to_have_text(name)
    expect(state_badge(legal)).to_have_text("Draft")
    expect(legal.get_by_text("Before it can be proposed:")).to_have_count(0)

    legal.get_by_role("button", name="Propose the consortium to its members").click()
    expect(flashes(legal)).to_contain_text(
        "The record is now Proposed: memorandum awaiting signatures.")
    expect(state_badge(legal)).to_have_text("Proposed: memorandum awaiting signatures")
    memorandum = section(legal, "Documents").get_by_role("row").filter(
        has_text="Memorandum of Intent")
    expect(memorandum).to_contain_text(f"{NAMES[LEGAL]} — pending")
    expect(memorandum).to_contain_text(f"{NAMES[PARTNER]} — pending")
    shot(legal, "proposed")

    # The university's signatory signs from the record page's next steps.
    legal.locator("#actions").get_by_role("link", name="Review and sign").click()
    legal.get_by_role("checkbox", name=re.compile("I sign it electronically")).check()
    legal.get_by_role("button", name="Sign the document").click()
    expect(flashes(legal)).to_contain_text("You signed Memorandum of Intent")
    expect(state_badge(legal)).to_have_text("Proposed: memorandum awaiting signatures")

    # The partner: inbox → "Review and sign" → sign.
    partner = sign_from_inbox(sign_in, PARTNER, name, "Memorandum of Intent")
    expect(flashes(partner)).to_contain_text("All required signatures are in")
    expect(state_badge(partner)).to_have_text("Negotiation")
    expect(section(partner, "History")).to_contain_text(f"Signed by {NAMES[PARTNER]}")
    shot(partner, "signed")

    # Nothing is left for the partner to sign on this consortium.
    partner.get_by_role("navigation", name="Main").get_by_role("link", name="Inbox").click()
    expect(partner.get_by_role("row").filter(has_text=name)).to_have_count(0)


def test_other_organisation_gets_404_for_the_university_disclosure(sign_in, shot):
    owner = sign_in(RESEARCHER)
    owner.get_by_role("navigation", name="Main").get_by_role("link", name="Disclosures").click()
    demo_title = "Biodegradable seed coating from camel-wool keratin"
    owner.get_by_role("link", name=demo_title).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(demo_title)
    record_url = owner.url
    download_url = section(owner, "Documents").get_by_role(
        "link", name="Download .docx").first.get_attribute("href")
    urls = [record_url, download_url] + ([_filed["url"]] if _filed else [])

    outsider = sign_in(OUTSIDER)
    for url in urls:
        response = outsider.goto(url)
        assert response is not None and response.status == 404, (url, response and response.status)
        expect(outsider.get_by_role("heading", level=1)).to_have_text("404")
        expect(outsider.get_by_role("main")).not_to_contain_text(demo_title)
        expect(outsider.get_by_role("link", name="Back to your inbox")).to_be_visible()
    shot(outsider, "not-found")

    # Nor does the disclosure appear among what the outsider can list.
    outsider.get_by_role("navigation", name="Main").get_by_role("link", name="Disclosures").click()
    expect(outsider.get_by_role("link", name=demo_title)).to_have_count(0)


def open_catalyst_plan(page: Page) -> None:
    """As legal: Benefit plans → the plan in force for the catalyst."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Benefit plans").click()
    expect(page.get_by_role("heading", name="Benefit-sharing plans")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=CATALYST).filter(has_text="In force")
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(CATALYST)


def distribution_statements(page: Page):
    return section(page, "Documents").get_by_role("row").filter(has_text="Distribution Statement")


def test_licensee_files_a_royalty_report_and_it_is_distributed(sign_in, shot):
    # Legal opens the plan first, to tell the new distribution from the demo's earlier one.
    legal = sign_in(LEGAL)
    open_catalyst_plan(legal)
    statements_before = distribution_statements(legal).count()

    dana = sign_in(LICENSEE)
    dana.get_by_role("navigation", name="Main").get_by_role("link", name="Licences").click()
    expect(dana.get_by_role("heading", name="Licences", exact=True)).to_be_visible()
    row = dana.get_by_role("row").filter(has_text=CATALYST)
    expect(row).to_contain_text("Atyrau Refining Technologies LLP")
    expect(row).to_contain_text("Active")
    row.get_by_role("link", name=re.compile(r"^LIC-")).click()
    expect(dana.get_by_role("heading", level=1)).to_have_text(CATALYST)
    expect(state_badge(dana)).to_have_text("Active")

    form = dana.locator("#actions form").filter(
        has=dana.get_by_role("heading", name="File a royalty report"))
    # the demo reported the quarter it was loaded in; this is the next one (3.5 % of net sales)
    today = dt.date.today()
    q = (today.month - 1) // 3 + 1
    period = f"{today.year + 1}-Q1" if q == 4 else f"{today.year}-Q{q + 1}"
    form.get_by_label(re.compile(r"^Period")).fill(period)
    form.get_by_label(re.compile(r"^Net sales")).fill("120000000")
    form.get_by_label(re.compile(r"^Royalty paid")).fill("4200000.00")
    form.get_by_role("button", name="File a royalty report").click()

    expect(flashes(dana)).to_contain_text("The record is now Active.")
    expect(flashes(dana)).to_contain_text("was generated")
    number = re.search(r"Document (\S+) was generated", flashes(dana).inner_text()).group(1)
    expect(state_badge(dana)).to_have_text("Active")
    report = section(dana, "Documents").get_by_role("row").filter(
        has_text=f"Royalty Report {number}")
    expect(report).to_have_count(1)
    expect(report).to_contain_text("no signatures needed")
    expect(report).not_to_contain_text("superseded")
    income = section(dana, "Income from this licence").get_by_role("row").filter(
        has_text=f"Royalty report {period}")
    expect(income).to_have_count(1)
    expect(income).to_contain_text("4 200 000.00 KZT")
    expect(income).to_contain_text("distributed")
    expect(income).not_to_contain_text("held")
    shot(dana, "licence")

    # Legal: the plan in force distributed it to its payees, with a statement.
    legal.reload()
    revenue = section(legal, "Income and distributions").get_by_role("row").filter(
        has_text=f"Royalty report {period}")
    expect(revenue).to_have_count(1)
    expect(revenue).to_contain_text("4 200 000.00 KZT")
    expect(revenue).to_contain_text("distributed")
    # 15 % administration fee off the top; the inventor's 50 % tier applies up to 10 million of
    # cumulative distributable income, which the demo's first report has not reached.
    expect(revenue).to_contain_text("3 570 000.00 KZT")
    payees = revenue.locator("xpath=following-sibling::tr[1]").get_by_role("listitem")
    shares = {"Aigerim Seitkali": "1 785 000.00", "Department of Chemical Engineering":
              "892 500.00", "Steppe Polytechnic University": "892 500.00"}
    for payee, amount in shares.items():
        # each line also says the payee's effective share of the income
        line = payees.filter(has_text=payee)
        expect(line).to_contain_text(f"{payee}: {amount} KZT")
        expect(line).to_contain_text("% of the income")
    expect(distribution_statements(legal)).to_have_count(statements_before + 1)
    shot(legal, "distributed")


def test_enterprise_signs_the_nda_from_its_inbox(sign_in, shot):
    # Arman's inbox holds other documents too (the consortium journeys): pick the NDA's row.
    partner = sign_in(PARTNER)
    to_sign = section(partner, re.compile(r"^Documents to sign"))
    row = to_sign.get_by_role("row").filter(has_text=MEMBRANE).filter(
        has_text="Non-Disclosure Agreement")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("KazAgroTech Solutions LLP")
    row.get_by_role("link", name="Review and sign").click()

    expect(partner.get_by_role("heading", level=1)).to_contain_text("Non-Disclosure Agreement")
    expect(partner.get_by_label("Type your full name as your signature")).to_have_value(
        NAMES[PARTNER])
    partner.get_by_role("checkbox", name=re.compile("I sign it electronically")).check()
    partner.get_by_role("button", name="Sign the document").click()

    expect(flashes(partner)).to_contain_text("You signed Mutual Non-Disclosure Agreement")
    expect(flashes(partner)).to_contain_text("All required signatures are in")
    expect(partner.get_by_role("heading", level=1)).to_have_text(MEMBRANE)
    expect(state_badge(partner)).to_have_text("Evaluation under NDA")
    expect(section(partner, "History")).to_contain_text(f"Signed by {NAMES[PARTNER]}")
    shot(partner, "evaluation")

    # Nothing is left to sign on this licence; its next step waits in the inbox instead.
    partner.get_by_role("navigation", name="Main").get_by_role("link", name="Inbox").click()
    expect(section(partner, re.compile(r"^Documents to sign")).get_by_role("row").filter(
        has_text=MEMBRANE)).to_have_count(0)
    expect(section(partner, re.compile(r"^Records waiting for your action")).get_by_role(
        "row").filter(has_text=MEMBRANE)).to_contain_text("Evaluation under NDA")


def test_legal_dashboard_renders_and_exports_csv(sign_in, shot):
    legal = sign_in(LEGAL)
    legal.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(legal.get_by_role("heading", level=1)).to_have_text(
        "Dashboard of Steppe Polytechnic University")
    charts = legal.get_by_role("img", name="Chart")
    expect(charts).to_have_count(2)
    for i in range(2):
        expect(charts.nth(i).locator("rect.bar").first).to_be_attached()
    states = section(legal, re.compile(r"^Records per state"))
    expect(states.get_by_role("columnheader", name="Workflow")).to_be_visible()
    expect(states.get_by_role("row").filter(has_text="Licence").filter(
        has_text="Active")).to_have_count(1)
    expect(section(legal, re.compile(r"^Licences executed and income by year"))
           .get_by_role("table")).to_be_visible()
    paid = section(legal, re.compile(r"^Distributions paid per beneficiary"))
    for payee in CATALYST_PAYEES:
        expect(paid.get_by_role("row").filter(has_text=payee)).to_contain_text("KZT")
    shot(legal, "dashboard")

    with legal.expect_download() as info:
        states.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename == "states.csv", download.suggested_filename
    lines = download.path().read_text(encoding="utf-8").splitlines()
    assert lines[0] == '"workflow","state","count"', lines[:2]
    assert len(lines) > 1
