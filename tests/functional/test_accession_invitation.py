"""A new member's signatory is invited when the party is admitted: the decision names them
by name and e-mail, a real SMTP server receives the invitation, and the account it creates
signs the accession agreement for the new member."""
from __future__ import annotations

from sqlalchemy import select

from consortium.extensions import db
from tests.functional.test_notifications import _link, _text, smtp  # noqa: F401 (fixture)
from tests.helpers import ConsortiumJourney, adopt_decision

NEW_PARTY = {"role": "associate", "contribution_type": "cash",
             "contribution_value": "5000000", "currency": "KZT",
             "contribution_description": "Seed funding", "share_percent": "10"}


def _admit(app, api, make_org, make_user, **signatory):
    c = ConsortiumJourney(api, make_org, make_user, app=app)
    c.produce("executed_consortium_agreement")
    # an organisation with nobody who has an account
    newcomer = make_org("Aral Water Technologies LLP", "enterprise")
    data = {"organization_id": newcomer.id, **NEW_PARTY, **signatory}
    adopt_decision(app, c.lead, c.voters, c.id, "admit_member", data)
    answer = c.fire(c.lead, "admit_member", data=data)
    return c, newcomer, answer


def test_the_signatory_the_admission_names_is_invited_and_signs_the_accession(
        app, api, make_org, make_user, smtp, client):  # noqa: F811
    c, newcomer, answer = _admit(app, api, make_org, make_user,
                                 signatory_name="Aizhan Aral",
                                 signatory_email="Aizhan@aral-water.kz")
    [accession] = answer["documents"]
    assert accession["template"] == "accession_agreement"
    mails = smtp.to("aizhan@aral-water.kz")
    assert len(mails) == 1
    mail = mails[0]
    assert "Aral Water Technologies LLP" in _text(mail) and c.name in _text(mail)
    path = _link(mail)
    assert path.startswith("/invitations/")
    page = client.get(path)
    assert page.status_code == 200 and b"Aizhan Aral" in page.data
    r = client.post(path, data={"name": "Aizhan Aral", "password": "a-long-new-password"})
    assert r.status_code == 302, r.data[:500]

    from consortium.auth.models import User
    from consortium.documents.models import Document
    from consortium.organizations.models import Organization
    with app.app_context():
        aizhan = db.session.scalar(select(User).where(User.email == "aizhan@aral-water.kz"))
        assert aizhan.organization_id == newcomer.id and aizhan.role == "partner"
        assert db.session.get(Organization, newcomer.id).signatory_user_id == aizhan.id
        doc = db.session.get(Document, accession["id"])
        assert aizhan.id in doc.required_signer_ids

    # the new account signs the accession agreement for the new member
    api_client = app.test_client()
    r = api_client.post("/api/v1/auth/token", json={"email": "aizhan@aral-water.kz",
                                                    "password": "a-long-new-password"})
    assert r.status_code == 201, r.get_json()
    r = api_client.post(f"/api/v1/documents/{accession['id']}/signatures",
                        headers={"Authorization": f"Bearer {r.get_json()['token']}"},
                        json={"typed_name": "Aizhan Aral", "consent": True})
    assert r.status_code == 201, r.get_json()
    # the link works once
    assert app.test_client().get(path).status_code == 409


def test_a_bad_signatory_address_is_refused_naming_the_field(app, api, make_org, make_user):
    c = ConsortiumJourney(api, make_org, make_user, app=app)
    c.produce("executed_consortium_agreement")
    newcomer = make_org("Aral Water Technologies LLP", "enterprise")
    data = {"organization_id": newcomer.id, **NEW_PARTY, "signatory_name": "Aizhan Aral",
            "signatory_email": "not-an-address"}
    adopt_decision(app, c.lead, c.voters, c.id, "admit_member", data)
    r = c.lead.post(f"/consortia/{c.id}/transitions/admit_member",
                    json={"data": data, "comment": "Admitted."})
    assert r.status_code == 422, r.get_json()
    assert "signatory_email" in r.get_json()["error"]["fields"]


def test_without_a_named_signatory_the_leads_legal_staff_are_asked_to_invite_one(
        app, api, make_org, make_user):
    c, newcomer, _answer = _admit(app, api, make_org, make_user)
    notes = c.lead.get("/notifications").get_json()
    items = notes["items"] if isinstance(notes, dict) else notes
    assert any("Aral Water Technologies LLP" in (n.get("text") or n.get("message") or "")
               and "invite its signatory" in (n.get("text") or n.get("message") or "")
               for n in items), items
