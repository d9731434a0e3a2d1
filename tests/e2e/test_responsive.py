"""Every page of the demo at phone, tablet and laptop width: nothing scrolls sideways.

Each role signs in and walks every page it can reach by links from the inbox (each list,
record, form, signing page and the dashboard), at 390, 768 and 1280 px. On each page the
document may not be wider than the window; a table too wide for a phone becomes stacked
rows or scrolls inside its own card, and a long word breaks. A screenshot of every page at
every width is kept under the test's tmp_path (and, with CONSORTIUM_E2E_KEEP_SCREENSHOTS
set, under test-artifacts/screenshots/responsive/).

axe-core (the copy the ``axe-playwright-python`` package ships) runs on the main pages of
every role and fails on serious or critical violations.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError as err:  # also a broken install, not only a missing one
    pytest.skip(f"browser journeys need the playwright package: {err}", allow_module_level=True)

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.sqlite_only

ROLES = {
    "researcher": "aigerim.seitkali@steppe.edu.kz",
    "legal": "saule.nurlanova@steppe.edu.kz",
    "partner": "arman.bekov@kazagrotech.kz",
    "licensee": "dana.serikova@atyrau-rt.kz",
    "admin": "admin@consortium.example",
}
WIDTHS = (390, 768, 1280)
#: addresses that are not pages: files, exports, and the ones that act
# downloads (files, PDF, cards, exports) are no pages to measure
NOT_PAGES = re.compile(r"/download|/cms$|/card$|/content|format=(csv|pdf|ics)|\.csv|\.ics|/logout|"
                       r"/language|/api/")
try:
    import axe_playwright_python
    AXE = Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"
except ImportError:
    AXE = Path("axe-playwright-python is not installed")
#: at most this many pages per role (the demo has fewer; it bounds a runaway walk)
MAX_PAGES = 150


def _walk(page, broken: list[str]) -> list[str]:
    """Every same-site page reachable by links from the inbox, breadth first; the ones that
    do not answer 200 go to ``broken``."""
    origin = urlsplit(page.url)
    seen: list[str] = []
    queue = ["/inbox"]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        response = page.goto(path)
        if response is None or response.status != 200:
            if not any(b.startswith(f"{path} ") for b in broken):
                broken.append(f"{path} answered {response and response.status}")
            continue
        seen.append(path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.netloc != origin.netloc:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if NOT_PAGES.search(target) or parts.query:
                # query variants (filters, pages) are the same page as their list
                continue
            if target not in seen and target not in queue:
                queue.append(target)
    return seen


def _overflow(page) -> list[str]:
    """The elements that stick out of the window on the right, for the failure message."""
    return page.evaluate("""() => {
        const w = document.documentElement.clientWidth, out = [];
        for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.right > w + 1 && r.width > 0) {
                out.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
                    ? '.' + String(el.className).split(' ').join('.') : '') + ' ' + Math.round(r.right));
            }
            if (out.length > 6) break;
        }
        return out;
    }""")


@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_scrolls_sideways(role, sign_in, tmp_path):
    page = sign_in(ROLES[role])
    broken: list[str] = []
    pages = _walk(page, broken)
    assert len(pages) >= 5, pages
    keep = SCREENSHOTS / "responsive" if os.environ.get("CONSORTIUM_E2E_KEEP_SCREENSHOTS") \
        else None
    wide: list[str] = []
    for path in pages:
        page.goto(path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide.append(f"{path} at {width}px is {scroll}px wide: {_overflow(page)}")
            name = re.sub(r"[^\w]+", "_", path).strip("_") or "home"
            if len(name) > 60:  # a search in the address: keep the name a file name
                name = f"{name[:40]}_{hashlib.sha1(path.encode()).hexdigest()[:10]}"
            shot = tmp_path / f"{role}-{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 0
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                (keep / shot.name).write_bytes(shot.read_bytes())
    assert not wide + broken, "\n".join(wide + broken)


def _long_word_page(page) -> None:
    """A disclosure whose title and abstract are one unbroken 400-letter word."""
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="New disclosure", exact=True).click()
    word = "Polymerisation" * 30
    page.get_by_label(re.compile(r"^Title")).fill(word)
    page.get_by_label(re.compile(r"^Abstract")).fill(word)
    page.get_by_label(re.compile(r"^Funding source")).select_option(index=1)
    page.get_by_role("button", name=re.compile("Save")).first.click()
    expect(page.locator(".page-head .state")).to_be_visible()


def test_a_long_word_breaks_instead_of_widening_the_page(sign_in):
    page = sign_in(ROLES["researcher"])
    _long_word_page(page)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, \
            (width, _overflow(page))


def test_the_diagram_keeps_readable_labels(sign_in):
    """At every width the diagram's labels are at least 11 px tall on screen: the diagram
    scrolls inside its box rather than shrinking to a strip."""
    page = sign_in(ROLES["legal"])
    page.goto("/workflows")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        heights = page.eval_on_selector_all(
            ".workflow-diagram text", "els => els.map(e => e.getBoundingClientRect().height)")
        assert heights, "no diagram labels"
        assert min(heights) >= 11, (width, min(heights))
        assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("role", "paths"), [
    ("legal", ["/inbox", "/disclosures/", "/licenses/", "/licenses/1", "/dashboard",
               "/disclosures/review"]),
    ("researcher", ["/inbox", "/disclosures/", "/benefit-plans/1"]),
])
def test_display_tables_become_stacked_rows_on_a_phone(sign_in, role, paths):
    """At 390 px a display table is a list of rows, each cell with its column's label in
    front (``data-label``), and no card scrolls inside; at 1280 px it is a table again."""
    page = sign_in(ROLES[role])
    stacked = 0
    for path in paths:
        page.goto(path)
        page.set_viewport_size({"width": 390, "height": 900})
        cells = page.evaluate("""() => Array.from(document.querySelectorAll(
            'main table.stack tbody td')).filter(td => td.textContent.trim()).map(td => ({
              display: getComputedStyle(td).display, label: td.dataset.label || null,
              span: td.colSpan, before: getComputedStyle(td, '::before').content}))""")
        assert cells, f"{path}: no display table"
        for c in cells:
            assert c["display"] == "block", (path, c)
            if c["span"] == 1 and c["label"]:
                assert c["before"].strip('"') == c["label"], (path, c)
        assert any(c["label"] for c in cells), path
        stacked += len(cells)
        inner = page.evaluate("""() => Array.from(document.querySelectorAll('main .card'))
            .filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.id || c.className)""")
        assert not inner, (path, "scrolls inside its card", inner)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        page.set_viewport_size({"width": 1280, "height": 900})
        assert page.evaluate("""() => getComputedStyle(document.querySelector(
            'main table.stack tbody td')).display""") == "table-cell", path
    assert stacked > 20


def _axe(page) -> list[dict]:
    # evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses an
    # inline <script>, as it should
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return result


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core: pip install axe-playwright-python")
@pytest.mark.parametrize("role", ["researcher", "legal", "partner"])
def test_main_pages_have_no_serious_accessibility_violations(role, sign_in):
    page = sign_in(ROLES[role])
    main = ["/inbox", "/consortia/", "/licenses/", "/benefit-plans/", "/workflows", "/account"]
    if role != "partner":
        main.append("/disclosures/")
    if role == "legal":
        main += ["/dashboard", "/disclosures/review"]
    # and the first record of each list
    for listing in ("/disclosures/", "/consortia/", "/licenses/", "/benefit-plans/"):
        if listing not in main:
            continue
        page.goto(listing)
        first = page.locator("main table a[href]").first
        if first.count():
            main.append(urlsplit(first.get_attribute("href")).path)
    found = {}
    for path in main:
        page.goto(path)
        violations = _axe(page)
        if violations:
            found[path] = violations
    assert not found, json.dumps(found, indent=1)


def test_skip_link_and_next_steps_come_first_in_the_tab_order(sign_in):
    page = sign_in(ROLES["legal"])
    page.goto("/licenses/")
    page.locator("main table a[href]").first.click()
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.getAttribute('href')")
    assert skip == "#content"
    page.keyboard.press("Enter")
    # the next Tab lands in the content; the first card with controls is "Next steps"
    order = page.evaluate("""() => Array.from(document.querySelectorAll(
        '#content section.card h2')).map(h => h.textContent.trim())""")
    steps = next(i for i, h in enumerate(order) if h.startswith("Next steps"))
    documents = next(i for i, h in enumerate(order) if h.startswith("Documents"))
    history = next(i for i, h in enumerate(order) if h.startswith("History"))
    assert steps < documents < history, order


README_SHOTS = {  # docs/screenshots/<name>.png: (role, path, width, height)
    "inbox-researcher": ("researcher", "/inbox", 1280, 860),
    "disclosure-record": ("researcher", "/disclosures/1", 1280, 860),
    "disclosure-form": ("researcher", "/disclosures/new", 1280, 860),
    "consortium-record": ("legal", "/consortia/1", 1280, 860),
    "licence-record": ("legal", "/licenses/1", 1280, 860),
    "benefit-plan": ("legal", "/benefit-plans/1", 1280, 860),
    "dashboard": ("legal", "/dashboard", 1280, 860),
    "workflows": ("legal", "/workflows", 1280, 860),
    "phone-inbox": ("researcher", "/inbox", 390, 844),
    "phone-licence": ("legal", "/licenses/1", 390, 844),
}


@pytest.mark.skipif(not os.environ.get("CONSORTIUM_README_SCREENSHOTS"),
                    reason="refreshes docs/screenshots: set CONSORTIUM_README_SCREENSHOTS=1")
def test_refresh_the_readme_screenshots(sign_in):
    docs = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    pages = {}
    for name, (role, path, width, height) in README_SHOTS.items():
        if role not in pages:
            pages[role] = sign_in(ROLES[role])
        page = pages[role]
        page.set_viewport_size({"width": width, "height": height})
        response = page.goto(path)
        assert response is not None and response.status == 200, (name, path)
        page.screenshot(path=str(docs / f"{name}.png"))
