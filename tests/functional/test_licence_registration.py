"""A licence's registration with the patent office: tracked, reminded, applied for."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from tests.helpers import LicenceJourney

TODAY = dt.date.today().isoformat()


def _text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode("utf-8"))


def test_registration_is_tracked_reminded_and_applied_for(app, api, make_org, make_user,
                                                          login_as, client):
    j = LicenceJourney(api, make_org, make_user)
    record, _doc, _data = j.produce("executed_license_agreement")
    path = f"/licenses/{record['id']}/registration"
    assert record["state"] == "active"
    assert j.legal.get(path).get_json()["state"] == "not_submitted"
    outsider = api(make_user("legal", make_org("Elsewhere")))
    assert outsider.get(path).status_code == 404
    assert j.partner.post(f"{path}/application").status_code == 403
    # the inbox says so until it is registered
    login_as(j.legal_user)
    assert b"Register the licence agreement with the patent office" in client.get("/inbox").data
    page = client.get(f"/licenses/{record['id']}")
    assert b'id="registration"' in page.data and b"not submitted yet" in page.data

    r = j.legal.post(f"{path}/application")
    assert r.status_code == 201, r.get_json()
    doc = r.get_json()
    assert doc["template"] == "license_registration_application"
    text = _text(j.legal.get(f"/documents/{doc['id']}/content").data)
    assert "KazAgroTech Solutions LLP" in text and "registration" in text.lower()
    assert "register the licence agreement" in text.lower()

    put = j.legal.client.put
    bad = put(f"/api/v1{path}", json={"state": "registered"}, headers=j.legal.headers)
    assert bad.status_code == 422
    assert {"registration_number", "registered_on", "submitted_on"} <= set(
        bad.get_json()["error"]["fields"])
    r = put(f"/api/v1{path}", json={"state": "submitted", "submitted_on": TODAY},
            headers=j.legal.headers)
    assert r.status_code == 200 and r.get_json()["state"] == "submitted"
    from consortium.docket.jobs import remind_registration
    with app.app_context():
        assert remind_registration(dt.datetime.now(dt.UTC)) == 1
        assert remind_registration(dt.datetime.now(dt.UTC)) == 0  # weekly
    stale = put(f"/api/v1{path}", json={"version": 0, "state": "submitted"},
                headers=j.legal.headers)
    assert stale.status_code == 409
    r = put(f"/api/v1{path}", json={"state": "registered", "registration_number": "LR-2026-77",
                                    "registered_on": TODAY}, headers=j.legal.headers)
    assert r.status_code == 200 and r.get_json()["registration_number"] == "LR-2026-77"
    assert b"Register the licence agreement" not in client.get("/inbox").data
    with app.app_context():
        assert remind_registration(dt.datetime.now(dt.UTC) + dt.timedelta(days=8)) == 0
