"""One reading of what comes in (issue 11, items 11-15 and 22): JSON nesting, whole numbers from
forms and query strings, control characters typed into forms, money, and the PDF converter
failing or hanging. Each case answered 500, or stored what it should have refused, before."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import disclosure_payload
from workflows import BENEFIT_PLAN, CONSORTIUM, engine
from workflows.errors import ValidationFailed
from workflows.numbers import parse_decimal, parse_whole

BAD_DIGITS = ("²", "١٢٣", "٣", "1_000", "+5", "1 0", "5.0", "0x10", "１２")  # last: fullwidth
ASSESS = {"trl": "4", "crl": "2", "mrl": "3", "irl": "3", "ownership": "institution",
          "recommendation": "Protect."}


def _error(r, status: int) -> dict:
    assert r.status_code == status, (r.status_code, r.get_data(as_text=True)[:500])
    return r.get_json()["error"]


def _nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


# -- item 11: deep JSON nesting -------------------------------------------------------------------
@pytest.mark.parametrize("depth", [33, 600, 900, 100_000])
def test_deeply_nested_json_is_400_even_before_authentication(client, depth):
    body = '{"email": ' + _nested(depth) + ', "password": "x"}'
    r = client.post("/api/v1/auth/token", data=body, content_type="application/json")
    err = _error(r, 400)
    assert err["code"] == "malformed_json" and "32" in err["message"]


def test_deep_nesting_is_refused_on_every_json_endpoint(api, team, client):
    alice = api(team.alice)
    d = alice.post("/disclosures", json=disclosure_payload((team.alice, 100))).get_json()
    deep = '{"title": ' + _nested(700) + "}"
    for method, path in (("post", "/disclosures"), ("patch", f"/disclosures/{d['id']}"),
                         ("post", f"/disclosures/{d['id']}/transitions/submit")):
        r = getattr(alice, method)(path, data=deep, content_type="application/json")
        assert _error(r, 400)["code"] == "malformed_json", path
    # objects count as much as arrays
    r = alice.post("/disclosures", data='{"a":' * 50 + "1" + "}" * 50,
                   content_type="application/json")
    assert _error(r, 400)["code"] == "malformed_json"

    # brackets inside strings are text, and shallower bodies are read as before
    r = client.post("/api/v1/auth/token", data=json.dumps(
        {"email": "[" * 5000 + '\\"{' * 100, "password": "x"}), content_type="application/json")
    assert _error(r, 401)["code"] != "malformed_json"
    r = alice.post("/disclosures", json=disclosure_payload(
        (team.alice, 100), keywords=[json.dumps(json.loads(_nested(40)))[:80]]))
    assert r.status_code == 201, r.get_json()
    r = alice.post("/disclosures", data='{"title": ' + _nested(30) + "}",
                   content_type="application/json")
    assert r.status_code == 422  # deep enough to be read, and then simply the wrong type


# -- item 12: whole numbers, ASCII digits only ----------------------------------------------------
def test_the_one_whole_number_parser():
    for raw in BAD_DIGITS + ("", " ", "-", "1e3", True, 1.0, None, [1]):
        with pytest.raises(ValueError):
            parse_whole(raw)
    assert parse_whole(" 42 ") == 42 and parse_whole(7) == 7 and parse_whole("-3") == -3
    with pytest.raises(ValueError, match="at most 2147483647"):
        parse_whole(10**30, maximum=2**31 - 1)
    assert parse_whole("9" * 5000, maximum=10, clamp=True) == 10  # not handed to int()


@pytest.mark.parametrize("bad", BAD_DIGITS)
def test_api_list_paging_refuses_what_is_not_ascii_digits(api, team, bad):
    alice = api(team.alice)
    for name in ("page", "per_page"):
        err = _error(alice.get("/disclosures", query_string={name: bad}), 422)
        assert list(err["fields"]) == [name], err


@pytest.mark.parametrize("path", ["/disclosures/", "/disclosures/review", "/consortia/",
                                  "/licenses/", "/benefit-plans/"])
def test_web_list_pages_refuse_non_ascii_page_numbers_like_the_api(team, login_as, path):
    client = login_as(team.legal)
    for bad in ("²", "١٢٣", "1_000"):
        r = client.get(path, query_string={"page": bad})
        assert r.status_code == 422, (path, bad, r.status_code)
        assert "page" in r.get_data(as_text=True)
    r = client.get(path, query_string={"page": "99999999999999999999"})
    assert r.status_code == 200, path  # the last page there could be: empty, not an error


def _web_form(team, **overrides) -> dict:
    form = {"title": "Seed coating from camel-wool keratin",
            "abstract": "A keratin-chitosan seed coating that releases nitrogen over 40 days.",
            "funding_source": "state_grant", "keywords": "seed coating",
            "inventors-0-email": team.alice.email, "inventors-0-name": "",
            "inventors-0-organization_id": "", "inventors-0-share_percent": "60",
            "inventors-1-email": "new.person@example.org", "inventors-1-name": "New Person",
            "inventors-1-organization_id": str(team.org.id), "inventors-1-share_percent": "40"}
    form.update(overrides)
    return form


@pytest.mark.parametrize("bad", ["²", "١٢٣", "99999999999999999999999999999"])
def test_web_form_ids_that_are_not_ascii_numbers_are_422_keeping_the_input(team, login_as,
                                                                            bad):
    client = login_as(team.alice)
    r = client.post("/disclosures/new", data=_web_form(team, **{
        "inventors-1-organization_id": bad}))
    assert r.status_code == 422, r.status_code
    assert "New Person" in r.get_data(as_text=True)


def test_web_edit_and_action_versions_that_are_not_ascii_numbers(api, team, login_as):
    d = api(team.alice).post("/disclosures", json=disclosure_payload((team.alice, 100))) \
        .get_json()
    client = login_as(team.alice)
    for bad in ("²", "١"):
        r = client.post(f"/disclosures/{d['id']}/edit", data=_web_form(team, version=bad))
        assert r.status_code == 422, r.status_code
        r = client.post(f"/disclosures/{d['id']}/actions/submit", data={"version": bad},
                        headers={"Referer": f"http://localhost/disclosures/{d['id']}"})
        assert r.status_code == 302  # back to the page, saying what was wrong
        assert api(team.alice).get(f"/disclosures/{d['id']}").get_json()["state"] == "draft"
    r = client.post(f"/disclosures/{d['id']}/actions/submit", data={"version": "10" * 20},
                    follow_redirects=True)
    # the flash names the field as a person reads it: "Version of the record: ..."
    assert r.status_code == 200 and "version" in r.get_data(as_text=True).lower()


def test_licence_and_consortium_forms_refuse_odd_digits(team, login_as, make_org):
    client = login_as(team.legal)
    r = client.post("/licenses/new", data={
        "disclosure_id": "²", "licensee_organization_id": str(team.outsider_org.id),
        "license_type": "exclusive", "term_months": "٦٠", "currency": "KZT"})
    assert r.status_code == 422
    r = client.post("/consortia/new", data={
        "name": "C", "purpose": "P", "ip_regime": "lead_owns", "quorum_percent": "²",
        "members-0-organization_id": "١", "members-0-role": "lead",
        "members-0-contribution_type": "cash", "members-0-contribution_value": "1",
        "members-0-currency": "KZT", "members-0-share_percent": "100"})
    assert r.status_code == 422


class _Record:
    """Just enough of a record for the engine to parse an action's data."""

    def __init__(self, state: str, relation: str, currency: str | None = None):
        self.id, self.state, self.version = 1, state, 1
        self._relation = relation
        if currency:
            self.currency = currency
        self.received = None

    def relations_of(self, actor):
        return {self._relation}

    def signer_ids(self, group):
        return []

    def record_revenue(self, data, now, actor):
        self.received = data

    def beneficiary_problems(self):
        return []


class _Ports:
    def __init__(self):
        from consortium import money
        self.currency_places = money.minor_units

    def render_document(self, *a):
        return None

    def append_event(self, *a):
        return object()

    def all_signed(self, document):
        return True

    def void_unsigned(self, record, template):
        pass


class _Actor:
    id, role, organization_id = 7, "legal", 1


def _fire(workflow, record, trigger, data):
    return engine.fire(workflow.name, record, trigger, _Actor(), _Ports(), data=data,
                       now=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))


@pytest.mark.parametrize("raw", [10**30, 2**31, "١٢٣", "²", "1_000", True, 1.0])
def test_admit_member_refuses_ids_a_table_cannot_hold_and_odd_digits(raw):
    data = {"organization_id": raw, "role": "member", "contribution_type": "cash",
            "contribution_value": "1", "currency": "KZT", "contribution_description": "Cash",
            "share_percent": "1"}
    with pytest.raises(ValidationFailed) as info:
        _fire(CONSORTIUM, _Record("active", "lead_legal"), "admit_member", data)
    assert set(info.value.fields) == {"organization_id"}


# -- item 13: control characters typed into web forms ----------------------------------------------
def test_nul_and_controls_typed_into_a_web_form_are_not_stored(api, team, login_as):
    client = login_as(team.alice)
    r = client.post("/disclosures/new", data=_web_form(
        team, title="Seed\x00 coat\x07ing", abstract="Line one\x1b\nline\ttwo\x00.",
        **{"inventors-1-name": "New\x00 Person"}))
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    did = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    saved = api(team.alice).get(f"/disclosures/{did}").get_json()
    assert saved["title"] == "Seed coating"
    assert saved["abstract"] == "Line one\nline\ttwo."  # tab and newline are text, kept
    assert "New Person" in [i["name"] for i in saved["inventors"]]
    # the query string is cleaned the same way: a NUL in a search is no database error
    assert client.get("/disclosures/", query_string={"q": "Seed\x00"}).status_code == 200


# -- item 14: money --------------------------------------------------------------------------------
def test_the_one_money_parser():
    for raw in ("-0", "-0.00", -0.0, "-1", "NaN", "Infinity", float("inf"), "1e3", "١٠", "²",
                "1_000", "+5", True, "", "1,5,0", "1,000.50", "1 00", "10 00,5"):
        with pytest.raises(ValueError):
            parse_decimal(raw, places=2, currency="KZT")
    with pytest.raises(ValueError, match="at most 2 decimal places for KZT"):
        parse_decimal("1.005", places=2, currency="KZT")
    assert parse_decimal(1500.5, places=2) == Decimal("1500.5")  # a JSON number
    assert parse_decimal("5.000", places=0, currency="JPY") == 5  # zeros are not precision
    assert parse_decimal(0, places=2) == 0 and parse_decimal(" 12.50 ", places=2) == Decimal(
        "12.50")


def _consortium(team, value, currency="KZT"):
    return {"name": "C", "purpose": "P", "lead_organization_id": team.org.id,
            "ip_regime": "lead_owns", "members": [{
                "organization_id": team.org.id, "role": "lead", "contribution_type": "cash",
                "contribution_value": value, "currency": currency,
                "contribution_description": "Funding", "share_percent": "100"}]}


@pytest.mark.parametrize(("value", "currency", "why"), [
    ("-0", "KZT", "negative"), ("-0.00", "KZT", "negative"), (-0.0, "KZT", "negative"),
    ("1.005", "KZT", "at most 2 decimal places for KZT"),
    ("1500.5", "JPY", "at most 0 decimal places for JPY"), ("١٢", "KZT", "decimal")])
def test_api_money_refuses_negative_zero_and_more_decimals_than_the_currency(
        api, team, value, currency, why):
    err = _error(api(team.legal).post("/consortia", json=_consortium(team, value, currency)),
                 422)
    assert why in err["fields"]["members.0.contribution_value"], err


def test_api_money_takes_a_json_number_or_a_decimal_string_but_no_minus_zero(api, team):
    legal = api(team.legal)
    assert legal.post("/consortia", json=_consortium(team, "-0")).status_code == 422
    r = legal.post("/consortia", json=_consortium(team, 1500.5))
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["members"][0]["contribution_value"] == "1500.50"
    r = legal.post("/consortia", json=_consortium(team, "1500", "JPY"))
    assert r.status_code == 201, r.get_json()


def test_negative_zero_is_refused_in_plans_licences_and_web_forms(api, team, login_as):
    legal = api(team.legal)
    r = legal.post("/benefit-plans", json={
        "disclosure_id": 1, "currency": "KZT", "admin_fee_percent": "-0", "beneficiaries": [
            {"kind": "institution", "organization_id": team.org.id, "share_percent": "100"}]})
    assert "admin_fee_percent" in _error(r, 422)["fields"]
    r = legal.post("/licenses", json={"disclosure_id": 1, "licensee_organization_id": 2,
                                      "license_type": "exclusive", "upfront_fee": "-0.00"})
    assert "upfront_fee" in _error(r, 422)["fields"]
    client = login_as(team.legal)
    r = client.post("/consortia/new", data={
        "name": "C", "purpose": "P", "ip_regime": "lead_owns",
        "members-0-organization_id": str(team.org.id), "members-0-role": "lead",
        "members-0-contribution_type": "cash", "members-0-contribution_value": "-0.00",
        "members-0-currency": "KZT", "members-0-share_percent": "100"})
    assert r.status_code == 422 and "-0.00" in r.get_data(as_text=True)


@pytest.mark.parametrize(("currency", "amount", "why"), [
    ("KZT", "-0.00", "negative"), ("KZT", "100.005", "at most 2 decimal places for KZT"),
    ("JPY", "100.5", "at most 0 decimal places for JPY"), ("KZT", "²", "decimal"),
    ("KZT", float("nan"), "decimal")])
def test_transition_money_is_read_in_the_records_currency(currency, amount, why):
    record = _Record("in_force", "owner_legal", currency)
    with pytest.raises(ValidationFailed) as info:
        _fire(BENEFIT_PLAN, record, "record_revenue", {"amount": amount, "source": "Licence"})
    assert why in info.value.fields["amount"]
    assert record.received is None


def test_transition_money_accepts_json_numbers_and_the_currencys_decimals():
    record = _Record("in_force", "owner_legal", "KWD")
    _fire(BENEFIT_PLAN, record, "record_revenue", {"amount": "100.005", "costs": 1.5,
                                                   "source": "Licence"})
    assert record.received["amount"] == Decimal("100.005")
    assert record.received["costs"] == Decimal("1.5")


def test_admit_member_reads_the_contribution_in_the_currency_it_names():
    data = {"organization_id": 5, "role": "member", "contribution_type": "cash",
            "contribution_value": "10.5", "currency": "JPY",
            "contribution_description": "Cash", "share_percent": "1"}
    with pytest.raises(ValidationFailed) as info:
        _fire(CONSORTIUM, _Record("active", "lead_legal"), "admit_member", data)
    assert "at most 0 decimal places for JPY" in info.value.fields["contribution_value"]


# -- item 22: readiness levels are answered and accepted as JSON numbers ---------------------------
def test_readiness_levels_are_accepted_as_the_json_numbers_they_are_answered_as(api, team):
    alice, legal = api(team.alice), api(team.legal)
    did = alice.post("/disclosures", json=disclosure_payload((team.alice, 100))).get_json()["id"]
    assert alice.post(f"/disclosures/{did}/transitions/submit").status_code == 200
    assert legal.post(f"/disclosures/{did}/transitions/start_review").status_code == 200
    r = legal.post(f"/disclosures/{did}/transitions/complete_assessment", json={"data": {
        **ASSESS, "trl": 4, "crl": 2, "mrl": 10, "irl": "3"}})
    assert r.status_code == 200, r.get_json()
    levels = legal.get(f"/disclosures/{did}").get_json()["assessment"]
    assert (levels["trl"], levels["crl"], levels["mrl"], levels["irl"]) == (4, 2, 10, 3)
    for field in ("trl", "crl", "mrl", "irl"):  # answered as JSON numbers, as they were sent
        assert isinstance(levels[field], int) and not isinstance(levels[field], bool)


def test_a_level_out_of_its_scale_is_still_refused_as_a_number():
    from workflows import DISCLOSURE
    [trl] = [f for f in DISCLOSURE.transition("complete_assessment").data if f.name == "trl"]
    assert trl.parse(4) == "4" and trl.parse("4") == "4"
    for raw in (10, 0, 4.0, True, "٤", " 4"):
        with pytest.raises(ValueError):
            trl.parse(raw)


# -- item 15: the PDF converter fails or hangs -----------------------------------------------------
def _converter(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body))
    script.chmod(0o755)
    return str(script)


@pytest.fixture
def document(api, team):
    d = api(team.alice).post("/disclosures", json=disclosure_payload((team.alice, 100)))
    did = d.get_json()["id"]
    out = api(team.alice).post(f"/disclosures/{did}/transitions/submit").get_json()
    return out["documents"][0]


def _use(app, monkeypatch, command, timeout=60.0):
    monkeypatch.setitem(app.config, "PDF_CONVERTER", command)
    monkeypatch.setitem(app.config, "PDF_TIMEOUT", timeout)
    monkeypatch.delenv("CONSORTIUM_DISABLE_PDF", raising=False)


def test_a_failing_converter_is_503_and_the_docx_is_still_served(
        app, api, team, login_as, document, tmp_path, monkeypatch):
    _use(app, monkeypatch, _converter(tmp_path, "import sys\nsys.exit(1)\n"))
    alice = api(team.alice)
    r = alice.get(f"/documents/{document['id']}/content?format=pdf")
    err = _error(r, 503)
    assert err["code"] == "pdf_unavailable" and ".docx" in err["message"]
    assert alice.get(f"/documents/{document['id']}/content").status_code == 200
    client = login_as(team.alice)
    r = client.get(f"/documents/{document['id']}/download?format=pdf")
    assert r.status_code == 503 and r.mimetype == "text/html"
    assert f'href="/documents/{document["id"]}/download"' in r.get_data(as_text=True)
    assert client.get(f"/documents/{document['id']}/download").status_code == 200


def test_a_hanging_converter_is_killed_at_the_timeout(app, api, team, document, tmp_path,
                                                      monkeypatch):
    pids = tmp_path / "pids"
    _use(app, monkeypatch, _converter(tmp_path, f"""
        import os, subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        open({str(pids)!r}, "w").write(f"{{os.getpid()}} {{child.pid}}")
        time.sleep(60)
    """), timeout=1.5)
    started = time.monotonic()
    r = api(team.alice).get(f"/documents/{document['id']}/content?format=pdf")
    assert time.monotonic() - started < 20
    assert _error(r, 503)["code"] == "pdf_unavailable"
    time.sleep(0.2)
    for pid in map(int, pids.read_text().split()):  # the converter and what it started
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "\nState:\tZ" in status.read_text(), pid


def test_a_working_converter_configured_by_path_gives_the_pdf(app, api, team, document,
                                                             tmp_path, monkeypatch):
    _use(app, monkeypatch, _converter(tmp_path, """
        import pathlib, sys
        args = sys.argv[1:]
        out = pathlib.Path(args[args.index("--outdir") + 1])
        (out / (pathlib.Path(args[-1]).stem + ".pdf")).write_bytes(b"%PDF-1.4 fake")
    """))
    r = api(team.alice).get(f"/documents/{document['id']}/content?format=pdf")
    assert r.status_code == 200 and r.data == b"%PDF-1.4 fake"
    assert os.environ.get("CONSORTIUM_PDF_CONVERTER") is None
