"""The operator's view of what runs in the background (issue 20): the outbox's mail (queued,
sent, failed with attempts and last error; retry now) and the scheduler's jobs (interval,
last run, lease holder, next due, last error), as pages and as ``/api/v1/admin/...``;
administrators only."""
from __future__ import annotations

import datetime as dt

import pytest

from consortium.db import unit_of_work, utcnow
from consortium.extensions import db
from consortium.notifications.models import OutboxMail
from consortium.scheduler.models import ScheduledJob
from tests.functional.test_notifications import smtp  # noqa: F401  (a real SMTP server)
from tests.helpers import PASSWORD


def _mail(to, *, sent=False, attempts=0, error=None):
    now = utcnow()
    m = OutboxMail(to_address=to, language="en", subject=f"Subject for {to}", body_text="Body",
                   body_html="<p>Body</p>", attempts=attempts, next_attempt_at=now
                   + dt.timedelta(hours=1), sent_at=now if sent else None, last_error=error)
    db.session.add(m)
    return m


@pytest.fixture
def outbox(app):
    with app.app_context(), unit_of_work():
        rows = [_mail("queued@example.kz"), _mail("sent@example.kz", sent=True, attempts=1),
                _mail("failed@example.kz", attempts=3,
                      error="SMTPRecipientsRefused: {'failed@example.kz': (550, 'no such user')}")]
        db.session.flush()
        ids = {m.to_address.split("@")[0]: m.id for m in rows}
        now = utcnow()
        db.session.add(ScheduledJob(name="deliver_outbox", next_run_at=now + dt.timedelta(minutes=1),
                                    last_started_at=now - dt.timedelta(seconds=5),
                                    last_finished_at=now - dt.timedelta(seconds=4),
                                    last_result=2, runs=7, lease_until=now
                                    + dt.timedelta(minutes=5), leased_by="host-a:4242:ab12"))
        db.session.add(ScheduledJob(name="timed_transitions", next_run_at=now
                                    - dt.timedelta(minutes=1), runs=1,
                                    last_error="RuntimeError: the database went away"))
    return ids


def _web(app, user):
    c = app.test_client()
    assert c.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return c


@pytest.fixture
def admin(make_user, team):
    return make_user("admin", team.org)


def test_the_outbox_page_lists_mail_by_status_with_attempts_and_errors(app, admin, outbox):
    web = _web(app, admin)
    body = web.get("/admin/outbox").get_data(as_text=True)
    for to in ("queued@example.kz", "sent@example.kz", "failed@example.kz"):
        assert to in body
    assert "no such user" in body and "Retry now" in body
    assert "All (3)" in body and "Failed (1)" in body and "Sent (1)" in body
    failed = web.get("/admin/outbox?status=failed").get_data(as_text=True)
    assert "failed@example.kz" in failed and "queued@example.kz" not in failed
    assert "Body" not in failed.split("<main", 1)[1].split("</main>")[0].replace(
        "tbody", "")  # the mail's text is not shown
    # and the overview links to it
    assert "/admin/outbox" in web.get("/admin/").get_data(as_text=True)


def test_retry_now_sends_a_failed_mail(app, admin, outbox, smtp):  # noqa: F811
    web = _web(app, admin)
    r = web.post(f"/admin/outbox/{outbox['failed']}/retry", data={"status": "failed"})
    assert r.status_code == 302
    assert [m["To"] for m in smtp.to("failed@example.kz")] == ["failed@example.kz"]
    body = web.get("/admin/outbox").get_data(as_text=True)
    assert "The mail to failed@example.kz was sent." in body
    with app.app_context():
        assert db.session.get(OutboxMail, outbox["failed"]).sent_at is not None


def test_retry_without_a_mail_server_says_why(app, admin, outbox):
    web = _web(app, admin)
    web.post(f"/admin/outbox/{outbox['queued']}/retry")
    body = web.get("/admin/outbox").get_data(as_text=True)
    assert "could not be sent" in body and "No mail server is configured" in body
    # a mail already sent cannot be retried
    r = web.post(f"/admin/outbox/{outbox['sent']}/retry")
    assert r.status_code == 302
    assert "this mail was sent already" in web.get("/admin/outbox").get_data(as_text=True)


def test_the_jobs_page_shows_interval_last_run_lease_next_due_and_error(app, admin, outbox):
    body = _web(app, admin).get("/admin/jobs").get_data(as_text=True)
    assert "<code>deliver_outbox</code>" in body and "every minute" in body
    assert "host-a:4242:ab12" in body  # the lease holder
    assert "the database went away" in body
    assert "<code>timed_transitions</code>" in body


def test_the_api_of_the_outbox_and_the_jobs(api, admin, outbox):
    client = api(admin)
    answer = client.get("/admin/outbox").get_json()
    assert answer["counts"] == {"queued": 1, "sent": 1, "failed": 1, "all": 3}
    failed = client.get("/admin/outbox?status=failed").get_json()["items"]
    assert [(m["to"], m["status"], m["attempts"]) for m in failed] == [
        ("failed@example.kz", "failed", 3)]
    assert "no such user" in failed[0]["last_error"]
    assert "body_text" not in failed[0] and "body_html" not in failed[0]
    r = client.get("/admin/outbox?status=lost")
    assert r.status_code == 422 and "status" in r.get_json()["error"]["fields"]
    jobs = {j["name"]: j for j in client.get("/admin/jobs").get_json()["items"]}
    assert jobs["deliver_outbox"]["interval_seconds"] == 60
    assert jobs["deliver_outbox"]["lease_holder"] == "host-a:4242:ab12"
    assert jobs["deliver_outbox"]["last_result"] == 2 and jobs["deliver_outbox"]["runs"] == 7
    assert jobs["timed_transitions"]["due"] is True
    assert "went away" in jobs["timed_transitions"]["last_error"]
    r = client.post(f"/admin/outbox/{outbox['queued']}/retry")
    assert r.status_code == 200 and r.get_json()["no_smtp"] is True


@pytest.mark.parametrize("role", ["researcher", "legal", "partner"])
def test_only_an_administrator_sees_them(app, api, make_user, team, outbox, role):
    user = make_user(role, team.org)
    client = api(user)
    for path in ("/admin/outbox", "/admin/jobs"):
        assert client.get(path).status_code == 403
    assert client.post(f"/admin/outbox/{outbox['failed']}/retry").status_code == 403
    web = _web(app, user)
    for path in ("/admin/outbox", "/admin/jobs"):
        assert web.get(path).status_code == 403
    assert web.post(f"/admin/outbox/{outbox['failed']}/retry").status_code == 403
