"""A real server on a free port with the demo data, and a fresh Chromium context per test.

The server is the Flask app itself (``create_app``) under werkzeug's threaded server in a
background thread, on its own SQLite file and document store in a temporary directory, with
CSRF protection on: the browser has to carry the forms' real tokens. One server per session.

Everything here is skipped, with the reason, when /usr/bin/chromium or the ``playwright``
package is missing. Browsers are never downloaded: Playwright drives the system Chromium.
"""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CONSORTIUM_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
HERE = Path(__file__).resolve().parent
#: how long one expectation or action may wait; a healthy local page answers in well under 1 s
TIMEOUT_MS = 10_000


def _skip_reason() -> str | None:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"browser journeys need Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser journeys need the playwright package (pip install -e '.[test]')"
    return None


SKIP_REASON = _skip_reason()


def pytest_collection_modifyitems(config, items):
    # Collection hooks see every item of the run: mark only the ones in this directory.
    if SKIP_REASON is None:
        return
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Lets fixtures see at teardown whether the test failed (for the failure screenshots).
    report = yield
    setattr(item, f"_e2e_report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _clean():
    """Overrides tests/conftest.py's table wipe: the e2e server has its own database."""
    yield


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    """Base URL of the app on 127.0.0.1, migrated and loaded with the demo data."""
    if SKIP_REASON:
        pytest.skip(SKIP_REASON)
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from consortium import create_app
    from consortium.demo import load
    from consortium.extensions import db

    tmp = tmp_path_factory.mktemp("e2e")
    app = create_app({
        "SECRET_KEY": "e2e-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'e2e.sqlite3'}",
        "STORAGE_DIR": str(tmp / "documents"),
        "WTF_CSRF_ENABLED": True,
        "PASSWORD_HASH_TIME_COST": 1,
        "PASSWORD_HASH_MEMORY_COST": 1024,
    })
    with app.app_context():
        upgrade()
        assert load(), "demo data was not loaded into a fresh database"
    # Port 0: the OS picks a free port and the server keeps it bound, so there is no race.
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser(live_server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server, request) -> Iterator[Callable]:
    """``new_page()``: a page in a fresh browser context (own cookies) on the live server.

    When the test fails, every page it opened is saved as <test>-FAILED-<n>.png.
    """
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server, accept_downloads=True,
                                      locale="en-GB", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()
    yield make
    report = getattr(request.node, "_e2e_report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        test = re.sub(r"[^\w.-]+", "_", request.node.name)
        n = 0
        for context in contexts:
            for page in context.pages:
                n += 1
                try:
                    page.screenshot(path=str(SCREENSHOTS / f"{test}-FAILED-{n}.png"),
                                    full_page=True)
                except Exception:  # noqa: BLE001 - a broken page must not hide the failure
                    pass
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def sign_in(new_page) -> Callable:
    """``sign_in(email)``: a fresh context signed in through the login form, on the inbox."""
    from playwright.sync_api import expect

    from consortium.demo import PASSWORD

    def login(email: str):
        page = new_page()
        page.goto("/")
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="What waits for you")).to_be_visible()
        return page
    return login


@pytest.fixture
def shot(request) -> Callable:
    """``shot(page, step)``: a full-page screenshot at test-artifacts/screenshots/<test>-<step>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^\w.-]+", "_", request.node.name)

    def take(page, step: str) -> Path:
        path = SCREENSHOTS / f"{test}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path
    return take
