"""Template versions in the audit chain and the templates issued outside a transition.

Every upload, activation and retirement of a version is an event of the audit hash chain
(who, which template, the version and its SHA-256), listed as the template's history on its
page and in the API; ``audit verify`` passes over them and names a version whose stored file
was changed. The minutes of a General Assembly decision and the application to register a
licence, which the app issues outside a workflow transition, take an organisation's version
the same way as every other template: upload (checked), four-eyes activation, used for that
organisation's next document of it only."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from tests.helpers import ConsortiumJourney, LicenceJourney
from tests.template_edits import edit

IDR = "invention_disclosure_record"
HEADING = "Dated receipt and record of an invention disclosure"
GAM = "general_assembly_minutes"
LRA = "license_registration_application"


@pytest.fixture
def legal2(team, make_user):
    return make_user("legal", team.org, "Timur Secondlegal")


def upload(client_api, data: bytes, name: str, filename: str = "version.docx"):
    return client_api.post(f"/templates/{name}/versions",
                           data={"file": (io.BytesIO(data), filename)},
                           content_type="multipart/form-data")


def text_of(content: bytes) -> str:
    d = docx.Document(io.BytesIO(content))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def verify_cli(runner):
    result = runner.invoke(args=["audit", "verify"])
    return result.exit_code, result.output + (getattr(result, "stderr", "") or "")


def template_events(app):
    from consortium.audit.models import Event
    from consortium.extensions import db
    with app.app_context():
        return [e.to_dict() for e in db.session.scalars(
            select(Event).where(Event.record_type == "template_version").order_by(Event.id))]


# -- the audit chain ----------------------------------------------------------------------------
def test_upload_activation_and_retirement_are_audited_and_listed(app, api, team, legal2,
                                                                 runner, login_as, client):
    data = edit(IDR, HEADING, HEADING + " (Steppe form)")
    first = upload(api(team.legal), data, IDR).get_json()
    assert api(legal2).post(f"/templates/{IDR}/versions/{first['id']}/activate") \
        .status_code == 200
    second = upload(api(legal2), edit(IDR, HEADING, HEADING + " (second form)"), IDR) \
        .get_json()
    # activating the second retires the first: both steps are recorded
    assert api(team.legal).post(f"/templates/{IDR}/versions/{second['id']}/activate") \
        .status_code == 200
    assert api(legal2).post(f"/templates/{IDR}/versions/{second['id']}/retire") \
        .status_code == 200

    events = template_events(app)
    steps = [(e["trigger"], e["record_id"], e["actor_id"], e["from_state"], e["to_state"])
             for e in events]
    assert steps == [
        ("template_upload", first["id"], team.legal.id, None, "draft"),
        ("template_activate", first["id"], legal2.id, "draft", "active"),
        ("template_upload", second["id"], legal2.id, None, "draft"),
        ("template_retire", first["id"], team.legal.id, "active", "retired"),
        ("template_activate", second["id"], team.legal.id, "draft", "active"),
        ("template_retire", second["id"], legal2.id, "active", "retired"),
    ]
    assert events[0]["data"] == {"template": IDR, "version": first["version"],
                                 "sha256": hashlib.sha256(data).hexdigest(),
                                 "organization_id": team.org.id, "filename": "version.docx",
                                 "size": len(data)}
    assert events[1]["data"]["uploaded_by"] == team.legal.id
    assert events[3]["data"]["replaced_by"] == second["id"]
    assert events[4]["data"]["replaces"] == [first["id"]]
    assert all(e["data"]["sha256"] in (first["sha256"], second["sha256"]) for e in events)

    # the history, newest first, with who did each step
    r = api(team.legal).get(f"/templates/{IDR}/history")
    assert r.status_code == 200
    history = r.get_json()["items"]
    assert [h["trigger"] for h in history] == [s[0] for s in reversed(steps)]
    assert history[-1]["actor"] == "Lena Legal" and history[-2]["actor"] == "Timur Secondlegal"
    assert history[-1]["sha256"] == first["sha256"] and history[-1]["version"] == \
        first["version"]
    # nobody else's: another organisation sees an empty history, a researcher none
    assert api(team.outsider_legal).get(f"/templates/{IDR}/history").get_json()["items"] == []
    assert api(team.alice).get(f"/templates/{IDR}/history").status_code == 403
    assert api(team.legal).get("/templates/no_such_template/history").status_code == 404

    login_as(team.legal)
    page = client.get(f"/templates/{IDR}").get_data(as_text=True)
    assert 'id="history"' in page
    assert page.count(first["sha256"]) >= 3 and "Timur Secondlegal" in page
    assert "Activated" in page and "Uploaded" in page and "Retired" in page

    code, out = verify_cli(runner)
    assert code == 0, out


def test_verify_names_a_template_version_whose_file_was_changed(app, api, team, legal2,
                                                                runner):
    v = upload(api(team.legal), edit(IDR, HEADING, HEADING + " (Steppe form)"), IDR).get_json()
    code, out = verify_cli(runner)
    assert code == 0, out
    path = Path(app.config["STORAGE_DIR"]) / v["sha256"][:2] / v["sha256"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    code, out = verify_cli(runner)
    assert code == 1, out
    assert f"template_version {v['id']}" in out and "SHA-256" in out
    r = api(legal2).get("/audit/verify")
    assert r.status_code == 403  # administrators only; the CLI said it above


def test_an_audit_event_changed_in_the_database_breaks_the_chain(app, api, team, runner):
    v = upload(api(team.legal), edit(IDR, HEADING, HEADING + " (Steppe form)"), IDR).get_json()
    from consortium.audit.models import Event
    from consortium.extensions import db
    with app.app_context():
        e = db.session.scalar(select(Event).where(Event.record_type == "template_version",
                                                  Event.record_id == v["id"]))
        e.data = {**e.data, "sha256": "0" * 64}
        db.session.commit()
        event_id = e.id
    code, out = verify_cli(runner)
    assert code == 1 and f"event {event_id}" in out, out


# -- templates issued outside a workflow transition ---------------------------------------------
def test_minutes_of_a_decision_use_the_organisations_active_version(app, api, make_org,
                                                                     make_user):
    j = ConsortiumJourney(api, make_org, make_user, app=app)
    _record, before, _content = j.produce(GAM)
    assert before["template_version"] == "1.0"
    marker = "These minutes record a decision of the General Assembly"
    data = edit(GAM, marker, marker + " (form of the lead university)")
    r = upload(j.lead, data, GAM, "minutes.docx")
    assert r.status_code == 201, r.get_json()
    v = r.get_json()
    assert v["checks"] == [] and v["state"] == "draft"
    assert j.lead.post(f"/templates/{GAM}/versions/{v['id']}/activate").status_code == 403
    r = j.reviewer.post(f"/templates/{GAM}/versions/{v['id']}/activate")
    assert r.status_code == 200, r.get_json()
    listed = {i["name"]: i for i in j.lead.get("/templates").get_json()["items"]}
    assert listed[GAM]["workflow"] == "consortium" and listed[GAM]["in_use"] == v["version"]

    j.adopt("dissolve")  # another matter: the adopted amendment still awaits its use
    docs = [d for d in j.lead.get(f"/consortia/{j.id}/documents").get_json()
            if d["template"] == GAM]
    newest = docs[0]
    assert newest["id"] != before["id"]
    assert newest["template_version"] == v["version"]
    assert newest["template_sha256"] == v["sha256"]
    content = j.lead.get(f"/documents/{newest['id']}/content").data
    assert "(form of the lead university)" in text_of(content)
    # the earlier minutes keep the default they were issued from
    again = j.lead.get(f"/documents/{before['id']}").get_json()
    assert again["template_version"] == "1.0"


def test_a_broken_version_of_the_minutes_is_refused_naming_the_rule(app, api, make_org,
                                                                    make_user):
    j = ConsortiumJourney(api, make_org, make_user, app=app)
    r = upload(j.lead, edit(GAM, "{{ decision.motion }}", "{{ decision.secret_clause }}"),
               GAM)
    assert r.status_code == 422
    assert "variables" in r.get_json()["error"]["fields"]


def test_the_application_for_registration_uses_the_organisations_active_version(
        app, api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    record, _doc, _data = j.produce("executed_license_agreement")
    path = f"/licenses/{record['id']}/registration/application"
    before = j.legal.post(path).get_json()
    detail = j.legal.get(f"/documents/{before['id']}").get_json()
    assert detail["template_version"] == "1.0"
    marker = "The protection titles the licence covers are listed below."
    data = edit(LRA, marker, marker + " Each title is in force.")
    r = upload(j.legal, data, LRA, "lra.docx")
    assert r.status_code == 201, r.get_json()
    v = r.get_json()
    assert j.legal.post(f"/templates/{LRA}/versions/{v['id']}/activate").status_code == 403
    assert j.reviewer.post(f"/templates/{LRA}/versions/{v['id']}/activate").status_code == 200

    after = j.legal.post(path).get_json()
    detail = j.legal.get(f"/documents/{after['id']}").get_json()
    assert detail["template_version"] == v["version"]
    assert detail["template_sha256"] == v["sha256"]
    assert "Each title is in force." in text_of(j.legal.get(
        f"/documents/{after['id']}/content").data)
    old = j.legal.get(f"/documents/{before['id']}").get_json()
    assert old["template_version"] == "1.0"

