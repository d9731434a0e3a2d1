"""The main journeys in Russian and in Kazakh, at phone and laptop width (issue 20).

A researcher files a disclosure and submits it, legal staff review it (the review queue, the
record, "Start review", the dashboard), and a partner opens what waits for its signature,
each with the browser asking for ``ru`` or ``kk`` (Accept-Language), at 390, 768 and 1280 px. On
every page no English is left from the interface:

* no text of the page is an English message of the catalogue (its msgids), and no longer
  English message of it (three words and more) appears inside a text;
* the interface's own words (headings, table headings, labels, buttons, menus) differ from
  the same page in English, unless they are codes (TRL, CSV, SHA-256, KZT), numbers or
  names.

What people typed (titles, names of people and organisations) is data: it is the same in
every language and is not looked at; nor is a contract's text on the signing page, which is
in the language of the document. Nor does any page scroll sideways.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

try:
    from babel.messages.pofile import read_po
    from playwright.sync_api import expect
except ImportError as err:  # pragma: no cover
    pytest.skip(f"needs playwright and babel: {err}", allow_module_level=True)

from consortium.demo import PASSWORD

from .conftest import TIMEOUT_MS

pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]
RESEARCHER = "aigerim.seitkali@steppe.edu.kz"
LEGAL = "saule.nurlanova@steppe.edu.kz"
PARTNER = "arman.bekov@kazagrotech.kz"
WIDTHS = (390, 768, 1280)
#: the interface's words, whatever the record: these elements hold no data people typed
CHROME = ("main h2, main h3, main thead th, main label, main button, main legend, "
          "main summary, header nav a, main nav a, footer span")
#: what reads the same in every language: codes, units, formats and the product's name
CODES = re.compile(r"^(?:[A-Z][A-Z0-9-]{1,9}|SHA-256|e-?mail|Consortium|[A-Z]{3}\s?\d.*)$")


def _english(lang: str) -> tuple[set[str], list[str]]:
    """The catalogue's English side: whole messages, and the longer ones' word runs."""
    path = ROOT / "consortium" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        catalogue = read_po(f)
    whole, runs = set(), []
    for message in catalogue:
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        for text in ids:
            if not text:
                continue
            for part in re.split(r"%\([a-z_]+\)[sd]|%[sd]|%%|\{[a-z_]+\}", text):
                part = part.strip(" .,:;()—–-\n")
                if len(part) < 4 or not re.search(r"[a-z]{3}", part) or CODES.match(part):
                    continue
                whole.add(part)
                if len(part.split()) >= 3:
                    runs.append(part)
    return whole, runs


_TEXTS = """() => { const out = []; const w = document.createTreeWalker(document.body,
  NodeFilter.SHOW_TEXT); let n; while ((n = w.nextNode())) { const p = n.parentElement;
  if (!p || ['SCRIPT', 'STYLE', 'TEXTAREA'].includes(p.tagName)) continue;
  if (p.closest('[lang]') !== document.documentElement) continue;  // the language switcher
  if (p.closest('.document-body')) continue;  // a contract's text is in its own language
  const t = n.textContent.replace(/\\s+/g, ' ').trim();
  // a file's name is the file's, wherever the language puts it ("… .docx жүктеп алу")
  if (t && !/\\.(docx|pdf)\\b/.test(t)) out.push(t); }
  for (const el of document.querySelectorAll('[aria-label], [placeholder]'))
    for (const a of ['aria-label', 'placeholder']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
  return out; }"""


def _chrome(page) -> list[str]:
    return page.eval_on_selector_all(CHROME, """els => els
        .filter(e => !e.closest('[lang]') || e.closest('[lang]') === document.documentElement)
        .map(e => e.innerText.replace(/\\s+/g, ' ').trim()).filter(t => t)""")


def _leftover_english(page, english_page, lang: str, catalogue) -> list[str]:
    whole, runs = catalogue
    found = set()
    for text in page.evaluate(_TEXTS):
        if text in whole:
            found.add(text)
        found.update(r for r in runs if r in text)
    english_page.goto(page.url)
    same = set(_chrome(english_page))
    for text in _chrome(page):
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text) if not CODES.match(w)]
        if text in same and words and not CODES.match(text) and not re.search(r"\d", text):
            found.add(text)
    return sorted(found)


@pytest.fixture(params=["ru", "kk"])
def lang(request):
    return request.param


@pytest.fixture
def contexts(browser, live_server):
    opened = []

    def make(locale: str):
        context = browser.new_context(base_url=live_server, locale=locale,
                                      extra_http_headers={"Accept-Language": locale},
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        opened.append(context)
        return context
    yield make
    for c in opened:
        c.close()


def _sign_in(context, email: str):
    page = context.new_page()
    page.goto("/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/inbox$"))
    return page


class Walk:
    """One person's journey in ``lang``, with the same person in English alongside."""

    def __init__(self, contexts, lang: str, email: str, catalogue):
        self.lang, self.catalogue, self.problems = lang, catalogue, []
        self.page = _sign_in(contexts(lang), email)
        self.english = _sign_in(contexts("en-GB"), email)
        assert self.page.evaluate("document.documentElement.lang") == lang

    def check(self, step: str) -> None:
        for width in WIDTHS:
            self.page.set_viewport_size({"width": width, "height": 900})
            wide = self.page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                self.problems.append(f"{step} at {width}px is {wide}px wide")
        left = _leftover_english(self.page, self.english, self.lang, self.catalogue)
        if left:
            self.problems.append(f"{step} ({self.page.url}): {left}")

    def goto(self, path: str, step: str | None = None) -> None:
        self.page.goto(path)
        self.check(step or path)


def test_the_main_journeys_have_no_english_left(contexts, lang):
    catalogue = _english(lang)
    # a researcher files a disclosure and submits it
    r = Walk(contexts, lang, RESEARCHER, catalogue)
    r.check("inbox")
    r.goto("/disclosures/", "disclosure list")
    r.goto("/disclosures/new", "new disclosure form")
    r.page.locator("input[name=title]").fill(f"Solar brine evaporator ({lang})")
    r.page.locator("textarea[name=abstract]").fill("A passive evaporator for mine brines.")
    r.page.locator("select[name=funding_source]").select_option(index=1)
    r.page.locator("form.stack button[type=submit]").first.click()
    expect(r.page.locator(".page-head .state")).to_be_visible()
    record = urlsplit(r.page.url).path
    r.check("the new draft")
    r.page.locator("form[action$='/actions/submit'] button[type=submit]").click()
    expect(r.page.locator(".flash.success")).to_be_visible()
    r.check("after submitting")
    r.goto("/benefit-plans/", "benefit plans")
    # legal staff review it
    legal = Walk(contexts, lang, LEGAL, catalogue)
    legal.check("inbox")
    legal.goto("/disclosures/review", "review queue")
    legal.goto(record, "the submitted disclosure")
    legal.page.locator("form[action$='/actions/start_review'] button[type=submit]").click()
    expect(legal.page.locator(".flash.success")).to_be_visible()
    legal.check("after starting the review")
    legal.goto("/dashboard", "dashboard")
    legal.goto("/licenses/", "licences")
    # a partner opens what waits for its signature
    partner = Walk(contexts, lang, PARTNER, catalogue)
    partner.check("inbox")
    sign = partner.page.locator("main a[href*='/sign']")
    if sign.count():
        partner.goto(sign.first.get_attribute("href"), "signing page")
    partner.goto("/licenses/", "licences")
    partner.goto("/consortia/", "consortia")
    first = partner.page.locator("main table a[href*='/consortia/']")
    if first.count():
        partner.goto(first.first.get_attribute("href"), "a consortium")
    problems = r.problems + legal.problems + partner.problems
    assert not problems, "\n".join(problems)
