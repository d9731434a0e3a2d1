"""The details a Kazakh counterparty expects of each party: legal form, BIN, legal address,
bank details (IBAN, BIK, bank, Kbe) and the basis of the signatory's authority, edited by an
administrator or the organisation's legal staff and printed in every party block (issue 15,
part 7)."""
from __future__ import annotations

import io

import docx
import pytest

from consortium.organizations.details import iban_problem
from tests.helpers import Journey, LicenceJourney

DETAILS = {"legal_form": "non-profit joint-stock company", "iban": "kz86 125k zt50 0410 0100",
           "bik": "HSBKKZKX", "bank_name": "Halyk Bank of Kazakhstan JSC", "kbe": "16",
           "signatory_basis": "the Charter"}


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_legal_staff_set_the_details_through_the_api(api, team):
    legal = api(team.legal)
    r = legal.patch(f"/organizations/{team.org.id}", json=DETAILS)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["iban"] == "KZ86125KZT5004100100"  # stored without spaces, in capitals
    assert {k: body[k] for k in ("legal_form", "bik", "bank_name", "kbe",
                                 "signatory_basis")} == {
        k: DETAILS[k] for k in ("legal_form", "bik", "bank_name", "kbe", "signatory_basis")}
    # another organisation's legal staff and a researcher may not
    assert api(team.outsider_legal).patch(f"/organizations/{team.org.id}",
                                          json={"kbe": "17"}).status_code == 403
    assert api(team.alice).patch(f"/organizations/{team.org.id}",
                                 json={"kbe": "17"}).status_code == 403


@pytest.mark.parametrize(("field", "value"), [
    ("iban", "KZ87125KZT5004100100"),      # one check digit off
    ("iban", "KZ86125KZT50041001"),        # too short for Kazakhstan
    ("iban", "not an iban"),
    ("bik", "HSBK"),
    ("bik", "1SBKKZKX"),
    ("kbe", "30"),
    ("kbe", "1"),
])
def test_bad_details_are_a_422_naming_the_field(api, team, field, value):
    r = api(team.legal).patch(f"/organizations/{team.org.id}", json={field: value})
    assert r.status_code == 422, r.get_json()
    assert field in r.get_json()["error"]["fields"]
    items = api(team.legal).get("/organizations?per_page=100").get_json()["items"]
    org = next(o for o in items if o["id"] == team.org.id)
    assert org[field] is None  # nothing was changed


def test_the_iban_check_is_iso_13616():
    assert iban_problem("KZ86125KZT5004100100") is None
    assert iban_problem("GB82WEST12345698765432") is None  # the standard's own example
    assert iban_problem("GB82WEST12345698765433") is not None


def test_the_assignment_prints_the_organisations_details(api, team):
    assert api(team.legal).patch(f"/organizations/{team.org.id}",
                                 json=DETAILS).status_code == 200
    _record, _doc, content = Journey(api, team).produce("invention_assignment_agreement")
    text = text_of(content)
    assert f"{team.org.name} (non-profit joint-stock company)" in text
    assert ("bank account (IBAN) KZ86 125K ZT50 0410 0100 with Halyk Bank of Kazakhstan JSC, "
            "BIK HSBKKZKX, Kbe 16") in text
    assert "acting on the basis of the Charter (the “Organisation”)" in text


def test_the_licence_prints_both_parties_details(api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    r = j.legal.patch(f"/organizations/{j.org.id}", json={
        **DETAILS, "signatory_basis": "power of attorney No. 12 of 1 March 2026"})
    assert r.status_code == 200, r.get_json()
    _record, _doc, content = j.produce("license_agreement")
    text = text_of(content)
    assert "acting on the basis of power of attorney No. 12 of 1 March 2026" in text
    assert "KZ86 125K ZT50 0410 0100" in text
    # the licensee gave none: its block says nothing of them, and no empty "IBAN"
    licensee = next(p for p in text.split("\n") if p.startswith("(2)"))
    assert "IBAN" not in licensee and "acting on the basis" not in licensee


def test_the_legal_staff_page_edits_the_details(team, login_as, client):
    login_as(team.legal)
    page = client.get("/organization")
    assert page.status_code == 200 and b'name="iban"' in page.data
    r = client.post("/organization", data={**DETAILS, "iban": "KZ00 0000"})
    assert r.status_code == 422 and b'aria-invalid="true"' in r.data
    r = client.post("/organization", data=DETAILS)
    assert r.status_code == 302
    assert b"KZ86 125K ZT50 0410 0100" in client.get("/organization").data


def test_a_researcher_cannot_open_the_page(team, login_as, client):
    login_as(team.alice)
    assert client.get("/organization").status_code == 403
