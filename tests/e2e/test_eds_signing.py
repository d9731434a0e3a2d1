"""Signing with a Kazakh EDS key in a real browser, through a stand-in NCALayer.

The page's JavaScript (static/ncalayer.js) is exercised for real: Chromium fetches the
document's exact bytes, opens a WebSocket to the stand-in (tests/e2e/ncalayer_standin.py, a
WebSocket server on 127.0.0.1 speaking NCALayer's ``kz.gov.pki.knca.basics`` protocol),
which signs them with a key of the test PKI (tests/eds_pki.py); the page posts the detached
CMS and the server verifies it against the test PKI's roots.

These journeys need a server of their own: one trusting the test PKI (so the default policy
asks for an EDS between organisations) and pointing the page at the stand-in
(``NCALAYER_URL``). The partner of the demo data signs the demo memorandum for his company,
so his certificate carries his IIN, his company's BIN and the first-head role. The journeys
share that server and run in file order: the ones that leave the memorandum unsigned first,
the signature last.
"""
from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Callable, Iterator

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError as err:  # also a broken install, not only a missing one
    pytest.skip(f"browser journeys need the playwright package: {err}", allow_module_level=True)

from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.ncalayer_standin import NcaLayerStandIn

pytestmark = pytest.mark.sqlite_only

PARTNER = "arman.bekov@kazagrotech.kz"
PARTNER_NAME = "Arman Bekov"
PARTNER_ORG = "KazAgroTech Solutions LLP"
DEMO_CONSORTIUM = "Steppe Agro-Polymer Consortium"
MEMORANDUM = "Memorandum of Intent"
EDS_BUTTON = "Sign with EDS (NCALayer)"


def _valid_id(first_eleven: str) -> str:
    """A 12-digit IIN/BIN with its check digit, from eleven digits that allow one."""
    from consortium.eds.ids import check_digit
    digit = check_digit(first_eleven)
    assert digit is not None, first_eleven
    return first_eleven + str(digit)


#: the partner's IIN (born 1985-04-12, a man of the 20th century: 3) and his company's BIN
PARTNER_IIN = _valid_id("85041230012")
PARTNER_BIN = _valid_id("18104001234")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    from tests.eds_pki import make_pki
    return make_pki(tmp_path_factory.mktemp("eds-pki"))


@pytest.fixture(scope="module")
def partner_key(pki):
    return pki.person(PARTNER_IIN, PARTNER_NAME, bin=PARTNER_BIN, role="first_head")


@pytest.fixture(scope="module")
def standin(partner_key) -> Iterator[NcaLayerStandIn]:
    with NcaLayerStandIn(partner_key) as server:
        yield server


@pytest.fixture
def ncalayer(standin, partner_key) -> NcaLayerStandIn:
    """The stand-in, running, in "sign" mode with the partner's key, its log empty."""
    standin.start()
    standin.reset("sign", partner_key)
    return standin


@pytest.fixture(scope="module")
def eds_server(tmp_path_factory, pki, standin) -> Iterator[dict]:
    """A live server trusting the test PKI, requiring EDS, with NCALayer at the stand-in."""
    from flask_migrate import upgrade
    from sqlalchemy import select
    from werkzeug.serving import make_server

    from consortium import create_app
    from consortium.auth.models import User
    from consortium.db import unit_of_work
    from consortium.demo import load
    from consortium.documents.models import Document
    from consortium.documents.services import storage
    from consortium.extensions import db
    from consortium.organizations.models import Organization

    tmp = tmp_path_factory.mktemp("e2e-eds")
    app = create_app({
        "SECRET_KEY": "e2e-eds-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'e2e.sqlite3'}",
        "STORAGE_DIR": str(tmp / "documents"),
        "WTF_CSRF_ENABLED": True,
        "PASSWORD_HASH_TIME_COST": 1,
        "PASSWORD_HASH_MEMORY_COST": 1024,
        # trust roots configured and no policy set: EDS for agreements between organisations
        "EDS_TRUST_ROOTS": str(pki.trust_pem_path),
        "EDS_OCSP": "off",
        "NCALAYER_URL": standin.url,
        # the demo's earlier signatures are typed names, as in a deployment that moved to EDS
        "SIGNATURE_POLICY": "typed",
    })
    with app.test_request_context():
        upgrade()
        assert load(), "demo data was not loaded into a fresh database"
        app.config["SIGNATURE_POLICY"] = None
        with unit_of_work():
            partner = db.session.scalar(select(User).where(User.email == PARTNER))
            partner.iin = PARTNER_IIN
            org = db.session.scalar(select(Organization).where(Organization.name == PARTNER_ORG))
            org.bin = PARTNER_BIN
        # the demo consortium's memorandum, which waits for the partner's signature
        memorandum, = (d for d in db.session.scalars(select(Document).where(
            Document.template == "memorandum_of_intent", Document.superseded.is_(False)))
            if partner.id in d.pending_signer_ids())
        doc = {"id": memorandum.id, "bytes": storage().get(memorandum.sha256)}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-eds", daemon=True)
    thread.start()
    try:
        yield {"url": f"http://127.0.0.1:{server.server_port}", "memorandum": doc}
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def sign_in_eds(browser, eds_server, request) -> Iterator[Callable[[str], Page]]:
    """``sign_in_eds(email)``: a fresh browser context on the EDS server, signed in."""
    from consortium.demo import PASSWORD
    contexts = []

    def login(email: str) -> Page:
        context = browser.new_context(base_url=eds_server["url"], locale="en-GB",
                                      viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto("/")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="What waits for you")).to_be_visible()
        return page
    yield login
    report = getattr(request.node, "_e2e_report_call", None)
    if report is not None and report.failed:
        from tests.e2e.conftest import SCREENSHOTS
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        for n, context in enumerate(contexts, 1):
            for page in context.pages:
                try:
                    page.screenshot(path=str(SCREENSHOTS / f"{name}-FAILED-{n}.png"),
                                    full_page=True)
                except Exception:  # noqa: BLE001 - a broken page must not hide the failure
                    pass
    for context in contexts:
        context.close()


def open_memorandum_to_sign(page: Page) -> None:
    """From the inbox: "Review and sign" on the demo consortium's memorandum."""
    row = page.get_by_role("row").filter(has_text=DEMO_CONSORTIUM).filter(has_text=MEMORANDUM)
    row.get_by_role("link", name="Review and sign").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(MEMORANDUM)


def eds_message(page: Page):
    return page.locator("form.eds").get_by_role("alert")


def test_ncalayer_not_running_says_so(sign_in_eds, eds_server, ncalayer, shot):
    page = sign_in_eds(PARTNER)
    open_memorandum_to_sign(page)
    ncalayer.stop()  # the port now refuses connections, as when NCALayer is not started
    try:
        page.get_by_role("button", name=EDS_BUTTON).click()
        expect(eds_message(page)).to_contain_text("NCALayer is not running on this computer")
    finally:
        ncalayer.start()
    expect(page.get_by_role("button", name=EDS_BUTTON)).to_be_enabled()
    expect(page.get_by_role("heading", level=1)).to_contain_text(MEMORANDUM)
    shot(page, "not-running")


def test_user_cancels_in_ncalayer(sign_in_eds, eds_server, ncalayer, shot):
    ncalayer.reset("cancel")
    page = sign_in_eds(PARTNER)
    open_memorandum_to_sign(page)
    page.get_by_role("button", name=EDS_BUTTON).click()
    expect(eds_message(page)).to_contain_text("You cancelled the signature in NCALayer")
    assert len(ncalayer.requests) == 1
    # nothing was posted: the document still waits for this signature
    answer = page.request.get(f"/api/v1/documents/{eds_server['memorandum']['id']}")
    assert answer.ok, answer.text()
    assert answer.json()["pending_signers"], json.dumps(answer.json())
    shot(page, "cancelled")


def test_ncalayer_error_is_shown_with_its_reason(sign_in_eds, eds_server, ncalayer):
    ncalayer.reset("error")
    page = sign_in_eds(PARTNER)
    open_memorandum_to_sign(page)
    page.get_by_role("button", name=EDS_BUTTON).click()
    expect(eds_message(page)).to_contain_text(
        "NCALayer could not sign the document: SIGNING_FAILURE: The token is locked")
    expect(page.get_by_role("button", name=EDS_BUTTON)).to_be_enabled()


def test_partner_signs_the_memorandum_with_eds_through_ncalayer(sign_in_eds, eds_server,
                                                                ncalayer, partner_key, shot):
    page = sign_in_eds(PARTNER)
    open_memorandum_to_sign(page)
    button = page.get_by_role("button", name=EDS_BUTTON)
    expect(button).to_be_visible()
    # an agreement between organisations: EDS only, no typed form
    expect(page.get_by_label("Type your full name as your signature")).to_have_count(0)
    shot(page, "sign-page")
    button.click()

    expect(page.get_by_role("status")).to_contain_text(f"You signed {MEMORANDUM}")
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_CONSORTIUM)

    # What the page asked NCALayer for: a detached CMS over the exact bytes the server holds,
    # with a signing key of this person for this company.
    assert len(ncalayer.requests) == 1, ncalayer.requests
    req = ncalayer.requests[0]
    assert (req["module"], req["method"]) == ("kz.gov.pki.knca.basics", "sign")
    args = req["args"]
    assert args["format"] == "cms"
    assert base64.b64decode(args["data"]) == eds_server["memorandum"]["bytes"]
    assert args["signingParams"] == {"decode": True, "encapsulate": False, "digested": False,
                                     "tsaProfile": {}}
    assert args["signerParams"]["iin"] == PARTNER_IIN
    assert args["signerParams"]["bin"] == PARTNER_BIN
    # a signing key of a legal entity: the role (first head or right to sign) the server checks
    assert args["signerParams"]["extKeyUsageOids"] == ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.2"]
    assert args["allowedStorages"] == ["PKCS12", "AKKaztokenStore", "AKKZIDCardStore",
                                       "AKEToken72KStore", "AKJaCartaStore"]
    assert args["locale"] == "en"

    # The signature, with its certificate, as the server stored and shows it.
    doc_id = eds_server["memorandum"]["id"]
    answer = page.request.get(f"/api/v1/documents/{doc_id}")
    assert answer.ok, answer.text()
    signature = next(s for s in answer.json()["signatures"] if s["method"] == "eds")
    cert = signature["certificate"]
    assert cert["iin"] == PARTNER_IIN and cert["bin"] == PARTNER_BIN
    assert "first_head" in cert["roles"]
    page.goto(f"/documents/{doc_id}/sign")
    expect(page.get_by_text("You have signed this document.")).to_be_visible()
    details = page.locator("main")
    for value in (f"{PARTNER_IIN} / {PARTNER_BIN}", cert["serial"], cert["issuer"],
                  PARTNER_NAME.upper(), "first head", cert["algorithm"]):
        expect(details).to_contain_text(value)
    shot(page, "signed")
