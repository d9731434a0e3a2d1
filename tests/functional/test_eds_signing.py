"""Signatures with legal force, through the API and the web form: EDS (NCA RK-shaped test PKI,
real cryptography) on agreements between organisations, the policy, typed names that must be the
signer's own, the stored CMS and its re-verification by the audit."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

import pytest

from consortium.auth.models import User
from consortium.db import unit_of_work
from consortium.documents.models import Signature
from consortium.extensions import db
from consortium.organizations.models import Organization
from tests.eds_pki import iin, make_pki
from tests.helpers import disclosure_payload

ASSESS = {"trl": "5", "crl": "3", "mrl": "4", "irl": "3", "ownership": "institution",
          "recommendation": "Protect and license."}
UNI_BIN, FIRM_BIN, RIVAL_BIN = iin("99014000012"), iin("18104001234"), iin("17054002345")
LENA_IIN, FARIDA_IIN, ALICE_IIN, BOB_IIN = (iin("85010130012"), iin("90020240023"),
                                            iin("92030350034"), iin("88040460045"))


def wrong_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.fixture
def pki(app, tmp_path):
    """The test PKI's roots trusted by the app; the default policy (EDS between
    organisations, since trust roots are configured); OCSP off."""
    pki = make_pki(tmp_path / "pki")
    saved = {k: app.config.get(k) for k in ("EDS_TRUST_ROOTS", "SIGNATURE_POLICY", "EDS_OCSP",
                                            "EDS_OCSP_TIMEOUT")}
    app.config.update(EDS_TRUST_ROOTS=pki.trust_pem_path, SIGNATURE_POLICY=None,
                      EDS_OCSP="off", EDS_OCSP_TIMEOUT=2.0)
    yield pki
    app.config.update(saved)


@pytest.fixture
def world(app, make_org, make_user, api):
    uni = make_org("Steppe Polytechnic University")
    firm = make_org("KazAgroTech Solutions LLP", "enterprise")
    rival = make_org("Caspian Seeds JSC", "enterprise")

    class W:
        pass
    w = W()
    w.uni, w.firm, w.rival = uni, firm, rival
    w.alice = make_user("researcher", uni, "Alice Inventor")
    w.bob = make_user("researcher", uni, "Bob Coinventor")
    w.legal = make_user("legal", uni, "Lena Legal")
    w.partner = make_user("partner", firm, "Farida Firm")
    with app.app_context(), unit_of_work():
        for org, number in ((uni, UNI_BIN), (firm, FIRM_BIN), (rival, RIVAL_BIN)):
            db.session.get(Organization, org.id).bin = number
        for user, number in ((w.legal, LENA_IIN), (w.partner, FARIDA_IIN),
                             (w.alice, ALICE_IIN), (w.bob, BOB_IIN)):
            db.session.get(User, user.id).iin = number
    w.api = {k: api(getattr(w, k)) for k in ("alice", "bob", "legal", "partner")}
    return w


def protected(w) -> tuple[int, dict]:
    """An invention taken to "protected": the inventors sign the assignment with typed names
    (an internal document: typed is accepted under the default policy)."""
    a, legal = w.api["alice"], w.api["legal"]
    did = a.post("/disclosures", json=disclosure_payload((w.alice, "60"), (w.bob, "40"))) \
        .get_json()["id"]
    a.post(f"/disclosures/{did}/transitions/submit")
    legal.post(f"/disclosures/{did}/transitions/start_review")
    legal.post(f"/disclosures/{did}/transitions/complete_assessment", json={"data": ASSESS})
    agreement = legal.post(f"/disclosures/{did}/transitions/decide_protect") \
        .get_json()["documents"][0]
    return did, agreement


def sign_typed(client, doc, user, **extra):
    return client.post(f"/documents/{doc['id']}/signatures",
                       json={"typed_name": user.name, "consent": True, **extra})


def nda_of(w) -> tuple[str, dict]:
    did, agreement = protected(w)
    for who in ("legal", "alice", "bob"):  # the organisation and both inventors
        r = sign_typed(w.api[who], agreement, getattr(w, who))
        assert r.status_code == 201, r.get_json()
    legal = w.api["legal"]
    r = legal.post("/licenses", json={"disclosure_id": did, "licensee_organization_id":
                                      w.firm.id, "license_type": "exclusive"})
    assert r.status_code == 201, r.get_json()
    path = f"/licenses/{r.get_json()['id']}"
    nda = legal.post(f"{path}/transitions/request_nda").get_json()["documents"][0]
    assert nda["template"] == "nda" and len(nda["required_signers"]) == 2
    return path, nda


def content_of(client, doc) -> bytes:
    r = client.get(f"/documents/{doc['id']}/content")
    assert r.status_code == 200
    assert hashlib.sha256(r.data).hexdigest() == doc["sha256"]
    return r.data


def post_eds(client, doc, cms: bytes):
    return client.post(f"/documents/{doc['id']}/signatures",
                       json={"method": "eds", "cms": b64(cms)})


def lena(pki, **kw):
    kw.setdefault("bin", UNI_BIN)
    return pki.person(LENA_IIN, "Lena Legal", **kw)


def farida(pki, **kw):
    kw.setdefault("bin", FIRM_BIN)
    kw.setdefault("role", "sign_right")
    return pki.person(FARIDA_IIN, "Farida Firm", **kw)


# -- EDS accepted -------------------------------------------------------------------------------
def test_valid_eds_on_an_nda_by_both_signatories_moves_the_licence_on(pki, world):
    w = world
    path, nda = nda_of(w)
    legal, partner = w.api["legal"], w.api["partner"]
    assert legal.get(f"/documents/{nda['id']}").get_json()["signature_methods"] == ["eds"]
    data = content_of(legal, nda)

    r = post_eds(legal, nda, lena(pki).sign_detached(data))
    assert r.status_code == 201, r.get_json()
    sig = r.get_json()
    assert sig["method"] == "eds" and sig["signer_id"] == w.legal.id
    assert sig["typed_name"] is None and sig["document_sha256"] == nda["sha256"]
    cert = sig["certificate"]
    assert cert["iin"] == LENA_IIN and cert["bin"] == UNI_BIN
    assert "first_head" in cert["roles"] and cert["algorithm"] == "RSA-SHA256"
    assert f"IIN{LENA_IIN}" in cert["subject"] and cert["serial"] and cert["issuer"]
    assert cert["not_before"] < sig["signed_at"] < cert["not_after"]
    assert legal.get(path).get_json()["state"] == "nda_pending"

    # the licensee's signatory signs with a GOST 34.10-2015 key and the right to sign
    r = post_eds(partner, nda, farida(pki, algorithm="gost256").sign_detached(data))
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["certificate"]["algorithm"] == "GOST34.10-2015-256"
    assert r.get_json()["auto_transition"]["trigger"] == "nda_signed"
    assert legal.get(path).get_json()["state"] == "evaluation"
    shown = legal.get(f"/documents/{nda['id']}").get_json()
    assert [s["method"] for s in shown["signatures"]] == ["eds", "eds"]


def test_the_signature_certificate_lists_each_eds(pki, world, app):
    """What an executed agreement's signature certificate prints for each signer: method,
    certificate subject, serial, issuer, IIN/BIN, role, algorithm, time, document hash."""
    w = world
    path, nda = nda_of(w)
    data = content_of(w.api["legal"], nda)
    post_eds(w.api["legal"], nda, lena(pki).sign_detached(data))
    post_eds(w.api["partner"], nda, farida(pki).sign_detached(data))
    from consortium.documents.context import signature_certificate
    from consortium.documents.rendering import render
    with app.app_context():
        rows = signature_certificate("license", int(path.rsplit("/", 1)[1]), "nda")
        assert [(r["method"], r["iin"], r["bin"]) for r in rows] == [
            ("eds", LENA_IIN, UNI_BIN), ("eds", FARIDA_IIN, FIRM_BIN)]
        assert rows[1]["role"] == "organization, sign_right"
        assert rows[0]["algorithm"] == "RSA-SHA256" and rows[0]["certificate_serial"]
        assert f"IIN{LENA_IIN}" in rows[0]["certificate_subject"]
        assert rows[0]["document_sha256"] == nda["sha256"]
        # the executed licence's certificate page prints them (template from build.py)
        import io

        import docx

        from consortium.licensing.models import License
        lic = db.session.get(License, int(path.rsplit("/", 1)[1]))
        from consortium.workflow import REGISTRY
        context = REGISTRY["license"].context(lic, None)
        context["agreement_signatures"] = rows
        context.update(actor={"name": "", "title": "", "organization": "", "email": ""},
                       comment="", signers=[], doc={"number": "N-1", "title": "T",
                                                    "date": "1 May 2026", "sequence": "1",
                                                    "template_version": "1.0"})
        text = "\n".join(c.text for t in docx.Document(io.BytesIO(
            render("executed_license_agreement", context))).tables
            for row in t.rows for c in row.cells)
    assert "Electronic digital signature (EDS)" in text
    assert f"IIN {LENA_IIN}; BIN {UNI_BIN}" in text and "sign_right" in text
    assert rows[0]["certificate_serial"] in text and "RSA-SHA256" in text


# -- EDS refused --------------------------------------------------------------------------------
def _refusals(pki, tmp_path, data: bytes, other: bytes):
    now = dt.datetime.now(dt.UTC)
    yield "changed byte", lena(pki).sign_detached(data[:-1] + bytes([data[-1] ^ 1])), \
        "signature_invalid"
    yield "another document", lena(pki).sign_detached(other), "signature_invalid"
    yield "untrusted root", lena(pki, issuer=make_pki(tmp_path / "other", shared=False)) \
        .sign_detached(data), "certificate_untrusted"
    yield "expired", lena(pki, not_before=now - dt.timedelta(days=400),
                          not_after=now - dt.timedelta(days=1)).sign_detached(data), \
        "certificate_expired"
    yield "not yet valid", lena(pki, not_before=now + dt.timedelta(days=1),
                                not_after=now + dt.timedelta(days=400)).sign_detached(data), \
        "certificate_expired"
    yield "AUTH key", lena(pki, usage="auth").sign_detached(data), "wrong_key_usage"
    yield "another person", pki.person(FARIDA_IIN, "Lena Legal", bin=UNI_BIN) \
        .sign_detached(data), "signer_mismatch"
    yield "another organisation", lena(pki, bin=RIVAL_BIN).sign_detached(data), \
        "not_authorised_for_organisation"
    yield "personal certificate", pki.person(LENA_IIN, "Lena Legal").sign_detached(data), \
        "not_authorised_for_organisation"
    yield "employee role", lena(pki, role="employee").sign_detached(data), \
        "not_authorised_for_organisation"


def test_each_refusal_reaches_the_client_as_422_with_its_code(pki, world, tmp_path):
    w = world
    path, nda = nda_of(w)
    legal = w.api["legal"]
    data = content_of(legal, nda)
    assignment = legal.get(f"/documents/{nda['id'] - 1}")
    other = content_of(legal, assignment.get_json()) if assignment.status_code == 200 \
        else b"another document"
    for case, cms, code in _refusals(pki, tmp_path, data, other):
        r = post_eds(legal, nda, cms)
        assert r.status_code == 422, (case, r.get_json())
        err = r.get_json()["error"]
        assert err["code"] == code, (case, err)
        assert len(err["message"]) > 30, (case, err)
    for bad in ("not base64!", "", None, 5):
        r = legal.post(f"/documents/{nda['id']}/signatures", json={"method": "eds", "cms": bad})
        assert r.status_code == 422, (bad, r.get_json())
        assert "cms" in r.get_json()["error"]["fields"], bad
    r = legal.post(f"/documents/{nda['id']}/signatures", json={"method": "seal"})
    assert r.status_code == 422 and "method" in r.get_json()["error"]["fields"]
    doc = legal.get(f"/documents/{nda['id']}").get_json()
    assert doc["signatures"] == [] and legal.get(path).get_json()["state"] == "nda_pending"


def test_revocation_by_ocsp(pki, world, app):
    w = world
    _path, nda = nda_of(w)
    legal = w.api["legal"]
    data = content_of(legal, nda)
    app.config["EDS_OCSP"] = "require"
    revoked = lena(pki, revoked=True).sign_detached(data)
    # OCSP required and the responder down: a clear 503, not a pass
    r = post_eds(legal, nda, revoked)
    assert r.status_code == 503 and r.get_json()["error"]["code"] == "ocsp_unavailable"
    with pki.ocsp_responder():
        r = post_eds(legal, nda, revoked)
        assert r.status_code == 422 and r.get_json()["error"]["code"] == "certificate_revoked"
        r = post_eds(legal, nda, lena(pki).sign_detached(data))
        assert r.status_code == 201, r.get_json()
    with app.app_context():
        sig = db.session.get(Signature, r.get_json()["id"])
        assert sig.ocsp_sha256 and len(sig.ocsp_sha256) == 64


# -- the policy ---------------------------------------------------------------------------------
def test_method_not_allowed_under_each_policy(pki, world, app, monkeypatch):
    w = world
    _path, nda = nda_of(w)  # the assignment was signed typed: accepted by default
    legal = w.api["legal"]
    data = content_of(legal, nda)

    # eds_between_organisations (the default with trust roots): an NDA takes EDS only
    r = sign_typed(legal, nda, w.legal)
    assert r.status_code == 422 and r.get_json()["error"]["code"] == "method_not_allowed"

    # typed: an EDS is refused; the document says so
    app.config["SIGNATURE_POLICY"] = "typed"
    assert legal.get(f"/documents/{nda['id']}").get_json()["signature_methods"] == ["typed"]
    r = post_eds(legal, nda, lena(pki).sign_detached(data))
    assert r.status_code == 422 and r.get_json()["error"]["code"] == "method_not_allowed"

    # a template may override the deployment's policy (manifest.json signature_policy)
    from consortium.documents import rendering
    real = rendering.template_info
    monkeypatch.setattr(rendering, "template_info", lambda name: {
        **real(name), **({"signature_policy": "eds"} if name == "nda" else {})})
    r = sign_typed(legal, nda, w.legal)
    assert r.status_code == 422 and r.get_json()["error"]["code"] == "method_not_allowed"
    monkeypatch.undo()

    # eds: even an internal document refuses a typed name
    app.config["SIGNATURE_POLICY"] = "eds"
    _did, agreement = protected(w)
    assert w.api["alice"].get(f"/documents/{agreement['id']}").get_json()[
        "signature_methods"] == ["eds"]
    r = sign_typed(w.api["alice"], agreement, w.alice)
    assert r.status_code == 422 and r.get_json()["error"]["code"] == "method_not_allowed"
    # ... and a personal EDS (no BIN: the inventor signs for themself) is accepted
    inventor = pki.person(ALICE_IIN, "Alice Inventor")
    r = post_eds(w.api["alice"], agreement,
                 inventor.sign_detached(content_of(w.api["alice"], agreement)))
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["certificate"]["bin"] is None


def test_eds_needs_trust_roots_and_an_iin(world, app):
    """Without trust roots the default policy is typed; an explicit EDS policy cannot verify
    (503); a signer without an IIN is told so."""
    w = world
    _did, agreement = protected(w)
    alice = w.api["alice"]
    assert alice.get(f"/documents/{agreement['id']}").get_json()["signature_methods"] == [
        "typed"]
    app.config["SIGNATURE_POLICY"] = "eds"
    try:
        r = alice.post(f"/documents/{agreement['id']}/signatures",
                       json={"method": "eds", "cms": b64(b"0")})
        assert r.status_code == 503 and r.get_json()["error"]["code"] == "eds_unavailable"
    finally:
        app.config["SIGNATURE_POLICY"] = None


# -- typed names --------------------------------------------------------------------------------
def test_typed_name_must_be_the_signers_own(world, app, make_user, api, client, login_as):
    w = world
    _did, agreement = protected(w)
    alice, bob = w.api["alice"], w.api["bob"]
    # someone else's name (or a made-up one) is refused, naming the registered name
    for name in ("Mickey Mouse", "Bob Coinventor", "Alice"):
        r = alice.post(f"/documents/{agreement['id']}/signatures",
                       json={"typed_name": name, "consent": True})
        assert r.status_code == 422, name
        why = r.get_json()["error"]["fields"]["typed_name"]
        assert "Alice Inventor" in why and "own" in why
    # case, spacing and diacritics aside
    r = alice.post(f"/documents/{agreement['id']}/signatures",
                   json={"typed_name": "  aLíCE   INVENTÓR ", "consent": True})
    assert r.status_code == 201, r.get_json()
    sig = r.get_json()
    assert sig["method"] == "typed" and sig["typed_name"] == "aLíCE   INVENTÓR"
    assert sig["consent_text"].startswith("I have read this document")
    assert "certificate" not in sig
    # Kazakh and Cyrillic letters compare too
    with app.app_context(), unit_of_work():
        db.session.get(User, w.bob.id).name = "Әйгерім Сәтбаева"
    r = bob.post(f"/documents/{agreement['id']}/signatures",
                 json={"typed_name": "ӘЙГЕРІМ  сәтбаева", "consent": True})
    assert r.status_code == 201, r.get_json()


def test_web_form_stores_the_consent_text_shown_in_the_page_language(world, client, login_as):
    w = world
    _did, agreement = protected(w)
    login_as(w.alice)
    client.post("/language", data={"lang": "ru"})
    url = f"/documents/{agreement['id']}/sign"
    page = client.get(url).get_data(as_text=True)
    assert 'name="consent_locale" value="ru"' in page
    r = client.post(url, data={"typed_name": "Mickey Mouse", "consent": "yes",
                               "consent_locale": "ru"})
    assert r.status_code == 422
    assert "Alice Inventor" in r.get_data(as_text=True)
    assert 'value="Mickey Mouse"' in r.get_data(as_text=True)
    r = client.post(url, data={"typed_name": "alice inventor", "consent": "yes",
                               "consent_locale": "ru"})
    assert r.status_code == 302
    sig = w.api["alice"].get(f"/documents/{agreement['id']}").get_json()["signatures"][0]
    shown = re.search(r'name="consent" value="yes"[^>]*>\s*(.*?)</label>', page, re.S)
    assert shown and sig["consent_text"] == shown.group(1).strip()


def test_web_form_posts_an_eds(pki, world, client, login_as):
    w = world
    _path, nda = nda_of(w)
    data = content_of(w.api["legal"], nda)
    login_as(w.legal)
    url = f"/documents/{nda['id']}/sign"
    page = client.get(url).get_data(as_text=True)
    assert 'name="method" value="eds"' in page and 'name="typed_name"' not in page
    assert f'data-bin="{UNI_BIN}"' in page and f'data-iin="{LENA_IIN}"' in page
    r = client.post(url, data={"method": "eds", "cms": b64(lena(pki, role="employee")
                                                           .sign_detached(data))})
    assert r.status_code == 422
    assert "sign for" in r.get_data(as_text=True)
    r = client.post(url, data={"method": "eds", "cms": "%%%"})
    assert r.status_code == 422
    r = client.post(url, data={"method": "eds", "cms": b64(lena(pki).sign_detached(data))})
    assert r.status_code == 302
    sig = w.api["legal"].get(f"/documents/{nda['id']}").get_json()["signatures"][0]
    assert sig["method"] == "eds"
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert sig["certificate"]["serial"] in page and "Signed with EDS" in page
    assert f"/documents/{nda['id']}/signatures/{sig['id']}/cms" in page


# -- evidence -----------------------------------------------------------------------------------
def test_the_cms_is_stored_and_downloadable(pki, world, client, login_as, make_user, api,
                                             runner):
    w = world
    _path, nda = nda_of(w)
    legal = w.api["legal"]
    cms = lena(pki).sign_detached(content_of(legal, nda))
    sid = post_eds(legal, nda, cms).get_json()["id"]
    for who in ("legal", "partner"):  # whoever may read the document
        r = w.api[who].get(f"/documents/{nda['id']}/signatures/{sid}/cms")
        assert r.status_code == 200
        assert r.mimetype == "application/pkcs7-signature" and r.data == cms
        assert r.headers["X-Content-SHA256"] == hashlib.sha256(cms).hexdigest()
    login_as(w.legal)
    r = client.get(f"/documents/{nda['id']}/signatures/{sid}/cms")
    assert r.status_code == 200 and r.data == cms
    # the document store's garbage collection keeps it
    assert runner.invoke(args=["storage", "gc", "--min-age", "0"]).exit_code == 0
    assert client.get(f"/documents/{nda['id']}/signatures/{sid}/cms").data == cms
    # a typed signature has no CMS; an unknown one does not exist
    typed = legal.get(f"/documents/{nda['id'] - 1}").get_json()
    typed_sid = typed["signatures"][0]["id"]
    assert legal.get(f"/documents/{typed['id']}/signatures/{typed_sid}/cms").status_code == 404
    assert legal.get(f"/documents/{nda['id']}/signatures/{sid + 100}/cms").status_code == 404
    # someone who may not see the document gets 404 too
    outsider = api(make_user("partner", w.rival, "Ruslan Rival"))
    assert outsider.get(f"/documents/{nda['id']}/signatures/{sid}/cms").status_code == 404


def test_audit_verify_catches_a_tampered_stored_cms(pki, world, app, make_user, api, client,
                                                    login_as, runner):
    w = world
    _path, nda = nda_of(w)
    legal = w.api["legal"]
    data = content_of(legal, nda)
    sid = post_eds(legal, nda, lena(pki).sign_detached(data)).get_json()["id"]
    admin_user = make_user("admin", w.uni)
    admin = api(admin_user)
    body = admin.get("/audit/verify").get_json()
    assert body["ok"] is True and body["signatures"] == 1

    from consortium.documents.services import storage
    with app.app_context():
        sig = db.session.get(Signature, sid)
        store, original = storage(), sig.cms_sha256
        path = store.path(original)
        genuine = path.read_bytes()
    # 1. the stored CMS file was changed
    path.write_bytes(genuine[:-1] + bytes([genuine[-1] ^ 1]))
    body = admin.get("/audit/verify").get_json()
    assert body["ok"] is False
    assert body["first_bad"]["kind"] == "signature" and body["first_bad"]["id"] == sid
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and f"signature {sid}" in result.output
    login_as(admin_user)
    page = client.get("/audit").get_data(as_text=True)
    assert f"#{sid}" in page and "signature" in page.lower()

    # 2. the CMS and its recorded hash were both replaced by a signature of other bytes
    forged = lena(pki).sign_detached(data + b"tampered")
    with app.app_context(), unit_of_work():
        db.session.get(Signature, sid).cms_sha256 = storage().put(forged)
    path.write_bytes(genuine)
    body = admin.get("/audit/verify").get_json()
    assert body["ok"] is False and body["first_bad"]["kind"] == "signature"
    assert "does not verify" in body["first_bad"]["reason"]

    # back to the genuine CMS: intact again
    with app.app_context(), unit_of_work():
        db.session.get(Signature, sid).cms_sha256 = original
    assert admin.get("/audit/verify").get_json()["ok"] is True


# -- identification numbers ---------------------------------------------------------------------
def test_iin_and_bin_are_validated(world, make_user, api, runner):
    admin = api(make_user("admin", world.uni))
    base = {"email": "new@example.org", "name": "New Person", "password": "correct-horse-battery",
            "role": "researcher", "organization_id": world.uni.id}
    r = admin.post("/users", json={**base, "iin": "123456789012"})
    assert r.status_code == 422 and "iin" in r.get_json()["error"]["fields"]
    for bad in (ALICE_IIN[:-1] + "x", wrong_check_digit(ALICE_IIN), 850101300120, "８５０１"):
        r = admin.post("/users", json={**base, "iin": bad})
        assert r.status_code == 422 and "iin" in r.get_json()["error"]["fields"], bad
    r = admin.post("/users", json={**base, "iin": iin("95050570056")})
    assert r.status_code == 201 and r.get_json()["iin"] == iin("95050570056")
    code = runner.invoke(args=["users", "create", "cli@example.org", "--name", "Cli Person",
                               "--password", "correct-horse-battery", "--role", "researcher",
                               "--org", world.uni.name, "--iin", "000000000001"]).exit_code
    assert code != 0
    result = runner.invoke(args=["users", "create", "cli@example.org", "--name", "Cli Person",
                                 "--password", "correct-horse-battery", "--role", "researcher",
                                 "--org", world.uni.name, "--iin", wrong_check_digit(BOB_IIN)])
    assert result.exit_code != 0 and "iin" in result.output
    result = runner.invoke(args=["users", "create", "cli@example.org", "--name", "Cli Person",
                                 "--password", "correct-horse-battery", "--role", "researcher",
                                 "--org", world.uni.name, "--iin", iin("96060680067")])
    assert result.exit_code == 0, result.output
    r = admin.post("/organizations", json={"name": "Bad BIN LLP", "kind": "enterprise",
                                           "country": "KZ", "bin": "123456789012"})
    assert r.status_code == 422 and "bin" in r.get_json()["error"]["fields"]
    r = admin.post("/organizations", json={"name": "Foreign GmbH", "kind": "enterprise",
                                           "country": "DE", "bin": "HRB 12345"})
    assert r.status_code == 201
    r = admin.patch(f"/organizations/{world.uni.id}", json={"bin": "990140000123"})
    assert r.status_code == 422 and "bin" in r.get_json()["error"]["fields"]
