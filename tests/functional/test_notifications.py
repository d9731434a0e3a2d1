"""Notifications, the outbox and its mails, reminders, invitations and password reset, with a
real SMTP server (aiosmtpd on 127.0.0.1) receiving what the app sends."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from consortium import workflow
from consortium.db import unit_of_work, utcnow
from consortium.extensions import db
from consortium.notifications import jobs
from consortium.notifications.models import Invitation, Notification, OutboxMail
from tests.helpers import PASSWORD, disclosure_payload


class Sink:
    """What the SMTP server received: (recipients, parsed message)."""

    def __init__(self):
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(
            envelope.content, policy=email.policy.default)))
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for rcpt, m in self.messages if address in rcpt]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(app):
    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    sink.port = port
    try:
        yield sink
    finally:
        controller.stop()
        app.config["SMTP_URL"] = None


def _text(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def _html(msg) -> str:
    return msg.get_body(preferencelist=("html",)).get_content()


def _link(msg) -> str:
    found = re.search(r"http://127\.0\.0\.1:5000(/\S+)", _text(msg))
    assert found, _text(msg)
    return found.group(1)


def _set_language(app, user, lang):
    from consortium.auth.models import User
    with app.app_context(), unit_of_work():
        db.session.get(User, user.id).language = lang


def _submitted(api, team):
    did = api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, "60"), (team.bob, "40"))).get_json()["id"]
    r = api(team.alice).post(f"/disclosures/{did}/transitions/submit")
    assert r.status_code == 200, r.get_json()
    return did


def test_a_submitted_disclosure_mails_legal_with_number_and_link(app, api, team, smtp, client):
    _set_language(app, team.legal, "ru")
    did = _submitted(api, team)
    number = api(team.alice).get(f"/disclosures/{did}").get_json()["reg_number"]
    mails = smtp.to(team.legal.email)
    assert len(mails) == 1
    msg = mails[0]
    assert number in msg["Subject"]
    assert msg["Content-Language"] == "ru"
    # the state and the actions are in Russian (what the catalogue translates already)
    assert "Отправлено" in _text(msg) and "Отправлено" in _html(msg)
    # the inventors fired it: nothing waits for them, so they get no mail; outsiders none
    assert not smtp.to(team.alice.email) and not smtp.to(team.outsider_legal.email)
    path = _link(msg)
    assert path == f"/disclosures/{did}"
    client.post("/login", data={"email": team.legal.email, "password": PASSWORD})
    page = client.get(path)
    assert page.status_code == 200 and number.encode() in page.data
    # in the app: the badge, the page, the API
    inbox = client.get("/notifications")
    assert inbox.status_code == 200 and number.encode() in inbox.data
    assert b'class="count"' in client.get("/inbox").data
    items = api(team.legal).get("/notifications").get_json()["items"]
    assert [(n["kind"], n["record_type"], n["record_id"], n["url"], n["read_at"])
            for n in items] == [("action", "disclosure", did, f"/disclosures/{did}", None)]
    assert number in items[0]["text"]


def test_revision_request_reaches_the_inventors_with_the_comment(app, api, team, smtp, client):
    did = _submitted(api, team)
    legal = api(team.legal)
    assert legal.post(f"/disclosures/{did}/transitions/start_review").status_code == 200
    r = legal.post(f"/disclosures/{did}/transitions/request_revision",
                   json={"comment": "Describe the prior art of keratin coatings."})
    assert r.status_code == 200, r.get_json()
    for person in (team.alice, team.bob):
        mails = smtp.to(person.email)
        assert len(mails) == 1, [m["Subject"] for m in mails]
        assert "Describe the prior art of keratin coatings." in _text(mails[0])
    kinds = {n["kind"] for n in api(team.bob).get("/notifications").get_json()["items"]}
    assert kinds == {"revision"}


def test_new_documents_notify_their_required_signers(app, api, team, smtp, client):
    did = _submitted(api, team)
    legal = api(team.legal)
    legal.post(f"/disclosures/{did}/transitions/start_review")
    from tests.helpers import ASSESSMENT
    assert legal.post(f"/disclosures/{did}/transitions/complete_assessment",
                      json={"data": ASSESSMENT}).status_code == 200
    r = legal.post(f"/disclosures/{did}/transitions/decide_protect")
    assert r.status_code == 200, r.get_json()
    doc_id = r.get_json()["documents"][0]["id"]
    for person in (team.alice, team.bob):
        signature = [m for m in smtp.to(person.email) if "signature" in m["Subject"]]
        assert len(signature) == 1
        assert _link(signature[0]) == f"/documents/{doc_id}/sign"
    client.post("/login", data={"email": team.bob.email, "password": PASSWORD})
    assert client.get(f"/documents/{doc_id}/sign").status_code == 200


def test_a_rolled_back_transition_sends_nothing(app, team, smtp):
    from consortium.disclosures.models import Disclosure
    from consortium.disclosures.services import create as create_disclosure  # noqa: F401
    with app.app_context():
        from consortium.auth.models import User
        alice = db.session.get(User, team.alice.id)
        rt = workflow.REGISTRY["disclosure"]
        with unit_of_work():
            d = rt.create(alice, disclosure_payload((team.alice, "100")))
        with pytest.raises(RuntimeError), unit_of_work():
            workflow.fire(rt, db.session.get(Disclosure, d.id), "submit", alice)
            assert db.session.scalar(select(func.count(Notification.id))) >= 1
            raise RuntimeError("something after the transition failed")
        assert db.session.scalar(select(func.count(Notification.id))) == 0
        assert db.session.scalar(select(func.count(OutboxMail.id))) == 0
        assert jobs.deliver_outbox(utcnow()) == 0
    assert smtp.messages == []


def test_an_smtp_outage_is_retried_and_delivered_later(app, api, team):
    port = _free_port()  # nothing listens here yet: the server is down
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    try:
        _submitted(api, team)
        with app.app_context():
            mail = db.session.scalar(select(OutboxMail))
            assert mail.sent_at is None and mail.attempts == 1 and mail.last_error
            assert jobs.deliver_outbox(utcnow()) == 0  # not due yet: it waits (backoff)
        sink = Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            with app.app_context():
                assert jobs.deliver_outbox(utcnow() + dt.timedelta(minutes=5)) == 1
                assert db.session.scalar(select(OutboxMail)).sent_at is not None
                assert jobs.deliver_outbox(utcnow() + dt.timedelta(hours=1)) == 0
        finally:
            controller.stop()
        assert len(sink.to(team.legal.email)) == 1
    finally:
        app.config["SMTP_URL"] = None


def test_without_smtp_mail_is_kept_in_the_outbox(app, api, team):
    _submitted(api, team)
    with app.app_context():
        assert jobs.deliver_outbox(utcnow()) == 0
        mail = db.session.scalar(select(OutboxMail))
        assert mail.sent_at is None and mail.to_address == team.legal.email


def test_mark_read_one_and_all_web_and_api(app, api, team, client):
    _submitted(api, team)
    legal = api(team.legal)
    items = legal.get("/notifications").get_json()["items"]
    assert len(items) == 1
    # another person's notification is a 404 for them
    assert api(team.alice).post(f"/notifications/{items[0]['id']}/read").status_code == 404
    assert legal.post(f"/notifications/{items[0]['id']}/read").status_code == 204
    body = legal.get("/notifications").get_json()
    assert body["unread"] == 0 and body["items"][0]["read_at"]
    assert legal.post("/notifications/999999/read").status_code == 404
    client.post("/login", data={"email": team.legal.email, "password": PASSWORD})
    assert client.post("/notifications/read-all").status_code == 302


def test_preferences_choose_per_kind(app, api, team, smtp, client):
    legal = api(team.legal)
    r = legal.patch("/notifications/preferences", json={"kinds": {"action": "loud"}})
    assert r.status_code == 422 and "action" in r.get_json()["error"]["fields"]
    r = legal.patch("/notifications/preferences", json={"kinds": {"action": "app"},
                                                        "language": "ru"})
    assert r.status_code == 200 and r.get_json()["kinds"]["action"] == "app"
    assert r.get_json()["language"] == "ru"
    _submitted(api, team)
    assert not smtp.to(team.legal.email)  # in the app only
    assert len(legal.get("/notifications").get_json()["items"]) == 1
    client.post("/login", data={"email": team.bob.email, "password": PASSWORD})
    page = client.get("/account")
    assert page.status_code == 200 and b"kind_signature" in page.data
    assert client.post("/account/notifications",
                       data={"kind_action": "off", "language": "en"}).status_code == 302
    assert api(team.bob).get("/notifications/preferences").get_json()["kinds"]["action"] \
        == "off"


def test_reminders_repeat_until_the_step_is_done(app, api, team, smtp):
    did = _submitted(api, team)
    now = utcnow()
    with app.app_context():
        assert jobs.send_reminders(now + dt.timedelta(days=1)) == 0
        assert jobs.send_reminders(now + dt.timedelta(days=3, minutes=1)) == 1
        assert jobs.send_reminders(now + dt.timedelta(days=4)) == 0  # not twice for day 3
        jobs.deliver_outbox(now + dt.timedelta(days=4))
    reminders = [m for m in smtp.to(team.legal.email) if m["Subject"].strip().startswith("Reminder")]
    assert len(reminders) == 1
    # the step is done: the review started, so no second reminder on day 7
    assert api(team.legal).post(f"/disclosures/{did}/transitions/start_review") \
        .status_code == 200
    with app.app_context():
        assert jobs.send_reminders(now + dt.timedelta(days=7, minutes=1)) == 0


def test_digest_collects_notifications_into_one_mail(app, api, team, smtp):
    api(team.legal).patch("/notifications/preferences", json={"kinds": {"action": "digest"}})
    _submitted(api, team)
    assert not smtp.to(team.legal.email)
    with app.app_context():
        assert jobs.send_digests(utcnow() + dt.timedelta(minutes=1)) == 1
        assert jobs.send_digests(utcnow() + dt.timedelta(minutes=2)) == 0
        jobs.deliver_outbox(utcnow() + dt.timedelta(minutes=3))
    digest = smtp.to(team.legal.email)
    assert len(digest) == 1 and "digest" in digest[0]["Subject"]


def test_external_co_inventor_is_invited_and_linked(app, api, team, smtp, client):
    body = disclosure_payload((team.alice, "70"))
    body["inventors"].append({"name": "Dana External", "email": "dana@example.com",
                              "organization_id": team.org.id, "share_percent": "30"})
    did = api(team.alice).post("/disclosures", json=body).get_json()["id"]
    assert api(team.alice).post(f"/disclosures/{did}/transitions/submit").status_code == 200
    api(team.alice).patch(f"/disclosures/{did}", json={})  # nothing else changes
    mails = smtp.to("dana@example.com")
    assert len(mails) == 1
    path = _link(mails[0])
    assert path.startswith("/invitations/")
    page = client.get(path)
    assert page.status_code == 200 and b"Dana External" in page.data
    r = client.post(path, data={"name": "Dana External", "password": "a-long-new-password"})
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    login = client.post("/login", data={"email": "dana@example.com",
                                        "password": "a-long-new-password"})
    assert login.status_code == 302
    with app.app_context():
        from consortium.auth.models import User
        from consortium.disclosures.models import Inventor
        dana = db.session.scalar(select(User).where(User.email == "dana@example.com"))
        assert dana.organization_id == team.org.id and dana.role == "researcher"
        row = db.session.scalar(select(Inventor).where(Inventor.disclosure_id == did,
                                                       Inventor.name == "Dana External"))
        assert row.user_id == dana.id
    assert client.get(f"/disclosures/{did}").status_code == 200
    # the link works once
    again = app.test_client().post(path, data={"password": "another-long-password"})
    assert again.status_code == 409
    assert app.test_client().get(path).status_code == 409


def test_an_expired_invitation_is_refused(app, team, smtp):
    from consortium.notifications.invitations import accept, invite
    with app.test_request_context():
        with unit_of_work():
            invite("eve@example.com", "Eve Signatory", team.outsider_org.id, "partner",
                   None, None, "signatory")
        jobs.deliver_outbox(utcnow())
    path = _link(smtp.to("eve@example.com")[0])
    token = path.rsplit("/", 1)[1]
    with app.app_context():
        inv = db.session.scalar(select(Invitation))
        assert inv.token_hash != token and len(inv.token_hash) == 64  # stored hashed
        from consortium.errors import Conflict
        with pytest.raises(Conflict) as err, unit_of_work():
            accept(token, "a-long-new-password", now=utcnow() + dt.timedelta(days=8))
        assert err.value.code == "invitation_expired"
        with unit_of_work():
            user = accept(token, "a-long-new-password", now=utcnow() + dt.timedelta(days=6))
        from consortium.organizations.models import Organization
        assert db.session.get(Organization, team.outsider_org.id).signatory_user_id == user.id


def test_password_reset_by_mail_ends_every_session(app, api, team, smtp, client):
    other = app.test_client()
    other.post("/login", data={"email": team.bob.email, "password": PASSWORD})
    assert other.get("/inbox").status_code == 200
    token_client = api(team.bob)
    # the same answer for an unknown address, and no mail
    unknown = client.post("/password/forgot", data={"email": "nobody@example.org"})
    known = client.post("/password/forgot", data={"email": team.bob.email})
    assert unknown.status_code == known.status_code == 302
    r1 = client.post("/api/v1/auth/password-reset", json={"email": "nobody@example.org"})
    assert r1.status_code == 202
    assert [rcpt for rcpt, _ in smtp.messages] == [[team.bob.email]]
    path = _link(smtp.to(team.bob.email)[0])
    assert client.get(path).status_code == 200
    r = client.post(path, data={"new_password": "brand-new-password-1",
                                "confirm_password": "brand-new-password-1"})
    assert r.status_code == 302
    assert other.get("/inbox").status_code == 302  # the other browser is signed out
    assert token_client.get("/me").status_code == 401  # and the API token revoked
    assert client.post("/login", data={"email": team.bob.email,
                                       "password": "brand-new-password-1"}).status_code == 302
    # single use
    reuse = app.test_client().post(path, data={"new_password": "brand-new-password-2",
                                               "confirm_password": "brand-new-password-2"})
    assert reuse.status_code == 422


def test_password_reset_is_throttled(app, team, smtp, client):
    for _ in range(5):
        assert client.post("/password/forgot",
                           data={"email": team.bob.email}).status_code == 302
    assert len(smtp.to(team.bob.email)) == 3


def test_password_change_ends_other_sessions(app, api, team, client):
    other = app.test_client()
    other.post("/login", data={"email": team.bob.email, "password": PASSWORD})
    token_client = api(team.bob)
    client.post("/login", data={"email": team.bob.email, "password": PASSWORD})
    r = client.post("/account", data={"current_password": PASSWORD,
                                      "new_password": "brand-new-password-1",
                                      "confirm_password": "brand-new-password-1"})
    assert r.status_code == 302
    assert client.get("/account").status_code == 200
    assert other.get("/inbox").status_code == 302
    assert token_client.get("/me").status_code == 401


def test_a_deadline_coming_up_is_notified_once(app, api, team, smtp):
    public = (dt.date.today() - dt.timedelta(days=350)).isoformat()
    did = api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, "100"), public_disclosure_date=public)).get_json()["id"]
    assert did
    with app.app_context():
        made = jobs.notify_deadlines(utcnow())
        assert made >= 1
        assert jobs.notify_deadlines(utcnow()) == 0  # once only
        jobs.deliver_outbox(utcnow())
    items = api(team.alice).get("/notifications").get_json()["items"]
    deadline = [n for n in items if n["kind"] == "deadline"]
    assert len(deadline) == 1 and deadline[0]["url"] == f"/disclosures/{did}"
    assert "Novelty grace period" in deadline[0]["text"]
    assert any("Novelty grace period" in m["Subject"] for m in smtp.to(team.alice.email))


def test_switching_the_language_sets_the_language_of_mails(app, api, team, client):
    client.post("/login", data={"email": team.legal.email, "password": PASSWORD})
    assert client.post("/language", data={"lang": "ru", "next": "/inbox"}).status_code == 302
    assert api(team.legal).get("/notifications/preferences").get_json()["language"] == "ru"
    _submitted(api, team)
    with app.app_context():
        assert db.session.scalar(select(OutboxMail)).language == "ru"


def test_the_openapi_document_describes_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/notifications", "/notifications/{id}/read", "/notifications/preferences",
                 "/auth/password-reset", "/auth/password-reset/confirm",
                 "/invitations/accept"):
        assert path in paths, path
    assert "204" in paths["/notifications/{id}/read"]["post"]["responses"]


def test_invitation_and_reset_through_the_api(app, api, team, smtp, client):
    with app.test_request_context():
        from consortium.notifications.invitations import invite
        with unit_of_work():
            invite("fay@example.com", "Fay Partner", team.outsider_org.id, "partner",
                   None, None, "signatory")
        jobs.deliver_outbox(utcnow())
    token = _link(smtp.to("fay@example.com")[0]).rsplit("/", 1)[1]
    assert client.post("/api/v1/invitations/accept",
                       json={"token": token, "password": "short"}).status_code == 422
    r = client.post("/api/v1/invitations/accept",
                    json={"token": token, "password": "a-long-new-password"})
    assert r.status_code == 201 and r.get_json()["organization_id"] == team.outsider_org.id
    assert client.post("/api/v1/invitations/accept", json={
        "token": token, "password": "a-long-new-password"}).status_code == 409
    assert client.post("/api/v1/invitations/accept", json={
        "token": "nonsense", "password": "a-long-new-password"}).status_code == 404
    assert client.post("/api/v1/auth/password-reset",
                       json={"email": "fay@example.com"}).status_code == 202
    reset = [m for m in smtp.to("fay@example.com") if "/password/reset/" in _text(m)]
    token = _link(reset[0]).rsplit("/", 1)[1]
    assert client.post("/api/v1/auth/password-reset/confirm", json={
        "token": token, "new_password": "another-long-password"}).status_code == 204
    assert client.post("/api/v1/auth/password-reset/confirm", json={
        "token": token, "new_password": "yet-another-password"}).status_code == 422
    assert client.post("/api/v1/auth/token", json={
        "email": "fay@example.com", "password": "another-long-password"}).status_code == 201


def test_legal_invites_a_new_members_signatory_through_the_api(app, api, team, make_org, smtp):
    did = _submitted(api, team)
    newcomer = make_org("Steppe Agro LLP", "enterprise")
    body = {"email": "gani@steppe-agro.kz", "name": "Gani Signatory", "role": "partner",
            "organization_id": newcomer.id, "record_type": "disclosure", "record_id": did,
            "purpose": "signatory"}
    assert api(team.alice).post("/invitations", json=body).status_code == 403
    assert api(team.outsider_legal).post("/invitations", json=body).status_code == 404
    bad = api(team.legal).post("/invitations", json={**body, "purpose": ["x"]})
    assert bad.status_code == 422 and "purpose" in bad.get_json()["error"]["fields"]
    r = api(team.legal).post("/invitations", json=body)
    assert r.status_code == 201, r.get_json()
    mails = smtp.to("gani@steppe-agro.kz")
    assert len(mails) == 1 and "Steppe Agro LLP" in _text(mails[0])
    token = _link(mails[0]).rsplit("/", 1)[1]
    client = app.test_client()
    assert client.post("/api/v1/invitations/accept", json={
        "token": token, "password": "a-long-new-password"}).status_code == 201
    with app.app_context():
        from consortium.organizations.models import Organization
        org = db.session.get(Organization, newcomer.id)
        assert org.signatory_user_id is not None


def test_a_step_finds_whom_it_waits_for_among_the_records_parties_alone(app, api, make_org,
                                                                         make_user):
    """On a platform with more legal staff than one step considers (600 officers of other
    organisations, registered first), the legal officer of the disclosure's own university
    is still told that it waits for review: recipients are looked for among the record's
    parties, not among everyone of the role."""
    from sqlalchemy import insert

    from consortium.auth.models import User
    from consortium.notifications.hooks import MAX_CANDIDATES
    others = make_org("A Large Network of Institutes", "research_institute")
    with app.app_context(), unit_of_work():
        db.session.execute(insert(User), [
            {"email": f"officer{n}@network.example", "name": f"Officer {n}", "role": "legal",
             "organization_id": others.id, "password_hash": "x", "active": True,
             "created_at": utcnow()} for n in range(MAX_CANDIDATES + 100)])
    uni = make_org("Steppe Polytechnic University")
    alice = make_user("researcher", uni, "Alice Inventor")
    lena = make_user("legal", uni, "Lena Legal")
    did = api(alice).post("/disclosures", json=disclosure_payload((alice, 100))).get_json()["id"]
    assert api(alice).post(f"/disclosures/{did}/transitions/submit").status_code == 200
    with app.app_context():
        told = db.session.scalars(select(Notification.user_id).where(
            Notification.record_type == "disclosure", Notification.record_id == did)).all()
    assert told == [lena.id]


def test_a_person_who_chose_no_language_is_written_to_in_their_organisations(app, api, team):
    """A Kazakh institute that issues its documents in kk and ru: its legal officer, who never
    chose a language, gets the mail in Kazakh, not in English (one who chose keeps theirs:
    ``test_switching_the_language_sets_the_language_of_mails``)."""
    from consortium.organizations.models import Organization
    with app.app_context(), unit_of_work():
        db.session.get(Organization, team.org.id).document_languages = ["kk", "ru"]
    _submitted(api, team)
    with app.app_context():
        assert {m.language for m in db.session.scalars(select(OutboxMail))} == {"kk"}
