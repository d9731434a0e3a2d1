"""The dashboard counts what it should, for legal staff only, with CSV of every table."""
from __future__ import annotations

from tests.helpers import disclosure_payload


def test_dashboard_counts_and_csv(api, team, login_as, client):
    alice = api(team.alice)
    for n in range(3):
        did = alice.post("/disclosures", json=disclosure_payload(
            (team.alice, "100"), title=f"Invention {n}")).get_json()["id"]
        if n:
            alice.post(f"/disclosures/{did}/transitions/submit")
    login_as(team.legal)
    page = client.get("/dashboard")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Portfolio by readiness" in html and "Ageing of pending signatures" in html
    csv = client.get("/dashboard?csv=states").get_data(as_text=True)
    lines = csv.strip().splitlines()
    assert lines[0] == '"workflow","state","count"'
    assert '"Invention disclosure","Draft","0"' in lines  # drafts are private to inventors
    assert '"Invention disclosure","Submitted","2"' in lines
    for key in ("portfolio", "licences", "distributions", "signatures"):
        assert client.get(f"/dashboard?csv={key}").status_code == 200
    assert client.get("/dashboard?csv=nope").status_code == 404


def test_dashboard_is_for_legal_staff(team, login_as, client):
    login_as(team.alice)
    assert client.get("/dashboard").status_code == 403
