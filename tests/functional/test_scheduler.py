"""The scheduler: jobs exactly once across real worker processes, and the dates the workflows
honour (licence expiry, withdrawal on notice, breach and cure, signing requests that expire)."""
from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import docx
from babel.dates import format_date
from sqlalchemy import func, select, update

from tests.helpers import ConsortiumJourney, LicenceJourney
from workflows.numbers import add_months

ROOT = Path(__file__).resolve().parents[2]
FLASK = Path(sys.executable).with_name("flask")


def _env(app, **extra):
    return {**os.environ,
            "CONSORTIUM_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "CONSORTIUM_STORAGE_DIR": app.config["STORAGE_DIR"],
            "CONSORTIUM_SECRET_KEY": "scheduler-tests",
            "CONSORTIUM_INSTANCE_DIR": str(Path(app.config["STORAGE_DIR"]).parent),
            "CONSORTIUM_PASSWORD_TIME_COST": "1", "CONSORTIUM_PASSWORD_MEMORY_COST": "1024",
            **extra}


def _jobs_run(app, now: dt.datetime, *jobs: str, **extra) -> subprocess.Popen:
    """``flask --app consortium jobs run --once --now NOW [--job NAME...]`` as a process of
    its own."""
    return subprocess.Popen(
        [str(FLASK), "--app", "consortium", "jobs", "run", "--once", "--now", now.isoformat(),
         *(arg for job in jobs for arg in ("--job", job))],
        cwd=ROOT, env=_env(app, **extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _docx_text(content: bytes) -> str:
    d = docx.Document(io.BytesIO(content))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _active_licence(api, make_org, make_user):
    j = LicenceJourney(api, make_org, make_user)
    record, _doc, _ = j.produce("executed_license_agreement")
    assert record["state"] == "active"
    return j, record


def _clone_active(app, licence_id: int, n: int) -> list[int]:
    """``n`` more active licences like ``licence_id`` (the same parties and asset, a field of
    use of their own so that none conflicts), written straight to the database."""
    from consortium.db import unit_of_work
    from consortium.extensions import db
    from consortium.licensing.models import License
    # the search vector is written by the database (a generated column on PostgreSQL)
    columns = [c.key for c in License.__table__.columns
               if c.key not in ("id", "reg_number", "search_vector")]
    with app.app_context(), unit_of_work():
        src = db.session.get(License, licence_id)
        clones = [License(**{**{k: getattr(src, k) for k in columns},
                             "field_of_use": f"Field {i}", "license_type": "non_exclusive"})
                  for i in range(n)]
        db.session.add_all(clones)
        db.session.flush()
        return [c.id for c in clones]


def _expire_events(app) -> dict[int, int]:
    from consortium.audit.models import Event
    from consortium.extensions import db
    with app.app_context():
        rows = db.session.execute(
            select(Event.record_id, func.count()).where(Event.record_type == "license",
                                                        Event.trigger == "expire")
            .group_by(Event.record_id)).all()
        return dict(rows)


def _states(app, ids) -> dict[int, str]:
    from consortium.extensions import db
    from consortium.licensing.models import License
    with app.app_context():
        return dict(db.session.execute(select(License.id, License.state)
                                       .where(License.id.in_(ids))).all())


def _job_runs(app) -> dict[str, int]:
    from consortium.extensions import db
    from consortium.scheduler.models import ScheduledJob
    with app.app_context():
        return dict(db.session.execute(select(ScheduledJob.name, ScheduledJob.runs)).all())


def _jobs_table(app):
    from consortium.extensions import db
    from consortium.scheduler.models import ScheduledJob
    with app.app_context():
        return [(j.name, j.next_run_at, j.lease_until, j.runs, j.last_error)
                for j in db.session.scalars(select(ScheduledJob))]


def _audit_ok(app):
    from consortium.audit.services import verify
    from consortium.documents.services import storage
    with app.app_context():
        result = verify(storage())
    assert result["ok"], result


# -- exactly once --------------------------------------------------------------------------------
def test_two_racing_worker_processes_run_each_due_job_exactly_once(app, api, make_org,
                                                                  make_user):
    _j, record = _active_licence(api, make_org, make_user)
    ids = [record["id"], *_clone_active(app, record["id"], 24)]
    end = dt.date.fromisoformat(record["expires_on"])
    now = dt.datetime.combine(end, dt.time(9), tzinfo=dt.UTC)

    workers = [_jobs_run(app, now) for _ in range(2)]
    outputs = [w.communicate(timeout=300) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs

    # every due job ran once, in one of the two processes, not in both
    runs = _job_runs(app)
    assert runs and set(runs.values()) == {1}, runs
    said = [out.decode() for out, _ in outputs]
    assert sum(s.count("timed_transitions: ") for s in said) == 1, said
    # every licence expired once, with one event each
    assert _expire_events(app) == {i: 1 for i in ids}
    assert set(_states(app, ids).values()) == {"expired"}
    # run again at the same time: nothing is due any more
    again = _jobs_run(app, now)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert b"Ran 0 due job(s)." in out
    assert _expire_events(app) == {i: 1 for i in ids}
    _audit_ok(app)


def test_a_run_killed_mid_pass_leaves_nothing_half_done(app, api, make_org, make_user):
    from consortium.extensions import db
    from consortium.scheduler.models import ScheduledJob
    _j, record = _active_licence(api, make_org, make_user)
    ids = [record["id"], *_clone_active(app, record["id"], 150)]
    end = dt.date.fromisoformat(record["expires_on"])
    now = dt.datetime.combine(end, dt.time(9), tzinfo=dt.UTC)

    worker = _jobs_run(app, now, "timed_transitions")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and worker.poll() is None and not _expire_events(app):
        time.sleep(0.01)
    worker.send_signal(signal.SIGKILL)
    worker.wait(30)

    # each licence is either expired with exactly one event, or untouched
    events, states = _expire_events(app), _states(app, ids)
    for lid in ids:
        assert (states[lid], events.get(lid, 0)) in (("active", 0), ("expired", 1)), lid
    _audit_ok(app)

    # the killed worker's lease runs out; the next run finishes the pass
    with app.app_context():
        db.session.execute(update(ScheduledJob).values(
            lease_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
        db.session.commit()
    rerun = _jobs_run(app, now, "timed_transitions")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert _expire_events(app) == {i: 1 for i in ids}, (out, err[-3000:], _jobs_table(app))
    assert set(_states(app, ids).values()) == {"expired"}
    _audit_ok(app)


def test_jobs_run_once_answers_what_ran_and_refuses_a_bad_now(app, runner):
    r = runner.invoke(args=["jobs", "run", "--now", "not a date"])
    assert r.exit_code == 2 and "ISO 8601" in r.output
    r = runner.invoke(args=["jobs", "run", "--once", "--now", "2030-01-01T00:00:00+00:00"])
    assert r.exit_code == 0, r.output
    assert "timed_transitions: 0" in r.output and "signing_expiry: 0" in r.output
    # nothing is due again within the jobs' periods
    r = runner.invoke(args=["jobs", "run", "--once", "--now", "2030-01-01T00:00:30+00:00"])
    assert "Ran 0 due job(s)." in r.output


def test_the_timed_transitions_are_read_from_the_workflow_definitions():
    from workflows import CONSORTIUM, LICENSE
    timed = {(wf.name, t.trigger): t.due for wf in (CONSORTIUM, LICENSE) for t in wf.timed}
    assert timed[("license", "expire")] == "term_ends_on"
    assert timed[("license", "complete_termination")] == "termination_effective_on"
    assert timed[("consortium", "complete_withdrawal")] == "withdrawal_due_on"
    for wf in (CONSORTIUM, LICENSE):
        for t in wf.timed:
            assert "system" in t.roles


# -- licence expiry ------------------------------------------------------------------------------
def test_at_the_end_of_its_term_the_scheduler_expires_the_licence(app, api, make_org,
                                                                  make_user, runner):
    j, record = _active_licence(api, make_org, make_user)
    path = f"/licenses/{record['id']}"
    end = dt.date.fromisoformat(record["expires_on"])
    assert {"kind": "term_end", "effective_on": end.isoformat()} in record["pending"]
    day_before = dt.datetime.combine(end - dt.timedelta(days=1), dt.time(23, 59),
                                     tzinfo=dt.UTC)
    r = runner.invoke(args=["jobs", "run", "--once", "--now", day_before.isoformat()])
    assert r.exit_code == 0 and "timed_transitions: 0" in r.output, r.output
    assert j.legal.get(path).get_json()["state"] == "active"

    on_the_day = dt.datetime.combine(end, dt.time(0, 5), tzinfo=dt.UTC)
    r = runner.invoke(args=["jobs", "run", "--once", "--now", on_the_day.isoformat()])
    assert r.exit_code == 0 and "timed_transitions: 1" in r.output, r.output
    licence = j.legal.get(path).get_json()
    assert licence["state"] == "expired" and licence["pending"] == []
    [event] = [e for e in j.legal.get(f"{path}/events").get_json() if e["trigger"] == "expire"]
    assert event["actor_id"] is None and event["to_state"] == "expired"
    assert event["at"].startswith(end.isoformat())
    _audit_ok(app)


# -- withdrawal on notice ------------------------------------------------------------------------
def _active_consortium(app, api, make_org, make_user):
    c = ConsortiumJourney(api, make_org, make_user, app=app)
    c.produce("executed_consortium_agreement")
    return c


def _shares(record) -> dict[str, Decimal]:
    return {m["organization_name"]: Decimal(m["share_percent"]) for m in record["members"]
            if m["status"] == "active"}


def test_withdrawal_takes_effect_after_the_notice_period(app, api, make_org, make_user,
                                                         runner):
    c = _active_consortium(app, api, make_org, make_user)
    path = f"/consortia/{c.id}"
    answer = c.fire(c.firm, "withdraw_member", data={"organization_id": c.firm_org.id},
                    comment="Strategy change.")
    given = dt.date.fromisoformat(answer["event"]["at"][:10])
    effective = add_months(given, 3)  # the agreement's notice: three months by default
    record = answer["record"]
    assert record["withdrawal_notice_months"] == 3
    [pending] = record["pending"]
    assert pending["organization_id"] == c.firm_org.id
    assert pending["effective_on"] == effective.isoformat()
    # still a party during the notice, with its share
    assert _shares(record)["KazAgroTech Solutions LLP"] == Decimal(20)
    # the notice states the day the withdrawal takes effect and the shares from then
    [notice] = answer["documents"]
    text = _docx_text(c.lead.get(f"/documents/{notice['id']}/content").data)
    assert _long(effective) in text
    assert "62.5" in text and "37.5" in text
    # the page shows the date and who can still cancel the notice
    page = _web(app, c, "lead").get(f"/consortia/{c.id}").get_data(as_text=True)
    assert "Waiting for a date" in page
    assert format_date(effective, "medium", locale="en") in page
    assert "Cancel a notice of withdrawal" in page

    # the day before: nothing happens
    before = dt.datetime.combine(effective - dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC)
    r = runner.invoke(args=["jobs", "run", "--once", "--now", before.isoformat()])
    assert "timed_transitions: 0" in r.output, r.output
    # on the effective date the scheduler completes it
    on = dt.datetime.combine(effective, dt.time(0, 1), tzinfo=dt.UTC)
    r = runner.invoke(args=["jobs", "run", "--once", "--now", on.isoformat()])
    assert "timed_transitions: 1" in r.output, r.output
    record = c.lead.get(path).get_json()
    assert record["pending"] == []
    assert _shares(record) == {"Kazakh National Agrarian University": Decimal("62.5"),
                               "Institute of Applied Polymer Chemistry": Decimal("37.5")}
    firm = next(m for m in record["members"] if m["organization_id"] == c.firm_org.id)
    assert firm["status"] == "withdrawn" and firm["withdrawn_at"].startswith(
        effective.isoformat())
    events = c.lead.get(f"{path}/events").get_json()
    [done] = [e for e in events if e["trigger"] == "complete_withdrawal"]
    assert done["actor_id"] is None and len(done["document_ids"]) == 1
    record_text = _docx_text(c.lead.get(f"/documents/{done['document_ids'][0]}/content").data)
    assert "KazAgroTech Solutions LLP" in record_text and _long(effective) in record_text
    assert "Farida Firm" in record_text  # in the name of who gave notice
    _audit_ok(app)


def test_a_notice_of_withdrawal_can_be_cancelled_until_it_takes_effect(app, api, make_org,
                                                                       make_user, runner):
    c = _active_consortium(app, api, make_org, make_user)
    path = f"/consortia/{c.id}"
    c.fire(c.firm, "withdraw_member", data={"organization_id": c.firm_org.id},
           comment="Strategy change.")
    # the same notice twice is refused, naming the field
    r = c.firm.post(f"{path}/transitions/withdraw_member",
                    json={"data": {"organization_id": c.firm_org.id}, "comment": "Again."})
    assert r.status_code == 422 and "organization_id" in r.get_json()["error"]["fields"]
    # another member may not cancel it; the member itself may
    inst = c.voters[1]
    r = inst.post(f"{path}/transitions/cancel_withdrawal",
                  json={"data": {"organization_id": c.firm_org.id}})
    assert r.status_code == 422, r.get_json()
    answer = c.fire(c.firm, "cancel_withdrawal", data={"organization_id": c.firm_org.id})
    assert answer["record"]["pending"] == []
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=200)
    r = runner.invoke(args=["jobs", "run", "--once", "--now", later.isoformat()])
    assert "timed_transitions: 0" in r.output, r.output
    record = c.lead.get(path).get_json()
    assert _shares(record)["KazAgroTech Solutions LLP"] == Decimal(20)
    # nothing runs any more to cancel
    r = c.lead.post(f"{path}/transitions/cancel_withdrawal",
                    json={"data": {"organization_id": c.firm_org.id}})
    assert r.status_code == 422


def _web(app, c, who):
    from tests.helpers import PASSWORD
    client = app.test_client()
    user = {"lead": next(u for _c, u in c.clients.values() if u.name == "Lena Lead")}[who]
    r = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert r.status_code == 302
    return client


# -- breach, cure and termination ----------------------------------------------------------------
def _age_breach_notice(app, licence_id: int, days: int) -> None:
    """Let ``days`` pass since the notice of breach (its dates move back)."""
    from consortium.db import unit_of_work
    from consortium.extensions import db
    from consortium.licensing.models import License
    with app.app_context(), unit_of_work():
        lic = db.session.get(License, licence_id)
        lic.breach_notified_at -= dt.timedelta(days=days)
        lic.cure_ends_on -= dt.timedelta(days=days)


def test_termination_for_breach_only_after_notice_and_the_cure_period(app, api, make_org,
                                                                      make_user):
    j, record = _active_licence(api, make_org, make_user)
    path = f"/licenses/{record['id']}"
    body = {"comment": "Royalties unpaid.", "data": {"ground": "breach"}}
    r = j.legal.post(f"{path}/transitions/terminate", json=body)
    assert r.status_code == 422 and "ground" in r.get_json()["error"]["fields"]
    assert "notice of the breach" in r.get_json()["error"]["message"]

    r = j.legal.post(f"{path}/transitions/notify_breach",
                     json={"data": {"breach": "The Q3 royalty report was not sent."}})
    assert r.status_code == 200, r.get_json()
    [cure] = [p for p in r.get_json()["record"]["pending"] if p["kind"] == "cure_period"]
    today = dt.date.fromisoformat(r.get_json()["event"]["at"][:10])
    assert cure["effective_on"] == (today + dt.timedelta(days=60)).isoformat()
    # the licensee may not terminate for breach, and the licensor not before the cure ends
    r = j.partner.post(f"{path}/transitions/terminate", json=body)
    assert r.status_code == 422 and "ground" in r.get_json()["error"]["fields"]
    r = j.legal.post(f"{path}/transitions/terminate", json=body)
    assert r.status_code == 422, r.get_json()
    assert "cure period ends on" in r.get_json()["error"]["message"]
    listed = {t["trigger"]: t for t in j.legal.get(f"{path}/transitions").get_json()}
    assert listed["record_cure"]["allowed"] and not listed["notify_breach"]["allowed"]

    _age_breach_notice(app, record["id"], 61)
    r = j.legal.post(f"{path}/transitions/terminate", json=body)
    assert r.status_code == 200, r.get_json()
    licence = r.get_json()["record"]
    assert licence["state"] == "terminated" and licence["termination_ground"] == "breach"
    assert r.get_json()["documents"][0]["template"] == "termination_notice"


def test_a_cured_breach_cannot_ground_a_termination(app, api, make_org, make_user):
    j, record = _active_licence(api, make_org, make_user)
    path = f"/licenses/{record['id']}"
    assert j.legal.post(f"{path}/transitions/notify_breach", json={
        "data": {"breach": "Late payment."}}).status_code == 200
    r = j.legal.post(f"{path}/transitions/record_cure", json={"comment": "Paid in full."})
    assert r.status_code == 200, r.get_json()
    assert [p["kind"] for p in r.get_json()["record"]["pending"]] == ["term_end"]
    r = j.legal.post(f"{path}/transitions/terminate",
                     json={"comment": "x", "data": {"ground": "breach"}})
    assert r.status_code == 422


def test_the_licensees_notice_of_termination_takes_effect_after_90_days(app, api, make_org,
                                                                       make_user, runner):
    j, record = _active_licence(api, make_org, make_user)
    path = f"/licenses/{record['id']}"
    r = j.partner.post(f"{path}/transitions/give_termination_notice",
                       json={"comment": "We stop selling the product."})
    assert r.status_code == 200, r.get_json()
    answer = r.get_json()
    today = dt.date.fromisoformat(answer["event"]["at"][:10])
    effective = today + dt.timedelta(days=90)
    assert answer["record"]["state"] == "active"
    text = _docx_text(j.legal.get(f"/documents/{answer['documents'][0]['id']}/content").data)
    assert _long(effective) in text
    before = dt.datetime.combine(effective - dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC)
    runner.invoke(args=["jobs", "run", "--once", "--now", before.isoformat()])
    assert j.legal.get(path).get_json()["state"] == "active"
    on = dt.datetime.combine(effective, dt.time(1), tzinfo=dt.UTC)
    r = runner.invoke(args=["jobs", "run", "--once", "--now", on.isoformat()])
    assert "timed_transitions: 1" in r.output, r.output
    licence = j.legal.get(path).get_json()
    assert licence["state"] == "terminated"
    assert licence["termination_ground"] == "licensee_notice"


# -- signing requests that expire ----------------------------------------------------------------
def test_signing_requests_expire_and_the_record_goes_back(app, api, make_org, make_user,
                                                          runner):
    c = ConsortiumJourney(api, make_org, make_user, app=app)
    answer = c.fire(c.lead, "propose")
    assert answer["record"]["state"] == "proposed"
    doc = answer["documents"][0]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=29)
    r = runner.invoke(args=["jobs", "run", "--once", "--now", later.isoformat()])
    assert "signing_expiry: 0" in r.output, r.output
    assert c.lead.get(f"/consortia/{c.id}").get_json()["state"] == "proposed"
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    r = runner.invoke(args=["jobs", "run", "--once", "--now", later.isoformat()])
    assert "signing_expiry: 1" in r.output, r.output
    assert c.lead.get(f"/consortia/{c.id}").get_json()["state"] == "draft"
    assert c.lead.get(f"/documents/{doc['id']}").get_json()["superseded"] is True
    events = c.lead.get(f"/consortia/{c.id}/events").get_json()
    assert events[-1]["trigger"] == "decline" and events[-1]["actor_id"] is None
    assert events[-1]["data"]["expired"] is True and "expired" in events[-1]["comment"]
    _audit_ok(app)


# -- dissolution date ----------------------------------------------------------------------------
def test_a_consortium_cannot_be_dissolved_before_its_start_date(app, api, make_org, make_user):
    from consortium.consortia.models import Consortium
    from consortium.db import unit_of_work
    from consortium.extensions import db
    c = _active_consortium(app, api, make_org, make_user)
    start = dt.date.today() + dt.timedelta(days=30)
    with app.app_context(), unit_of_work():
        db.session.get(Consortium, c.id).start_date = start
    c.adopt("dissolve")
    r = c.lead.post(f"/consortia/{c.id}/transitions/dissolve", json={"comment": "Ended."})
    assert r.status_code == 422, r.get_json()
    error = r.get_json()["error"]
    assert "dissolution_date" in error["fields"] and start.isoformat() in error["message"]
    with app.app_context(), unit_of_work():
        db.session.get(Consortium, c.id).start_date = dt.date.today()
    r = c.lead.post(f"/consortia/{c.id}/transitions/dissolve", json={"comment": "Ended."})
    assert r.status_code == 200, r.get_json()


def test_the_planner_statistics_job_keeps_sqlites_statistics_current(app, api, make_org,
                                                                       make_user, runner):
    """Without ANALYZE, SQLite plans every table as if it were small (at 100,000 disclosures
    the dashboard took 83 ms instead of 19); the job writes the statistics, and on PostgreSQL,
    whose autovacuum keeps them, it does nothing."""
    from consortium.extensions import db
    from consortium.scheduler.jobs import planner_statistics
    org = make_org()
    researcher = make_user("researcher", org)
    client = api(researcher)
    for n in range(3):
        r = client.post("/disclosures", json={
            "title": f"Membrane {n}", "abstract": "A ceramic membrane.",
            "funding_source": "state_grant",
            "inventors": [{"user_id": researcher.id, "share_percent": "100"}]})
        assert r.status_code == 201, r.get_json()
    now = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
        assert planner_statistics(now) == (1 if sqlite else 0)
        if sqlite:
            stats = dict(db.session.execute(db.text(
                "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'disclosures'")).all())
            assert stats.get("ix_disclosures_organization_id", "").startswith("3 "), stats
    r = runner.invoke(args=["jobs", "run", "--once", "--job", "planner_statistics",
                            "--now", "2030-01-01T00:00:00+00:00"])
    assert r.exit_code == 0 and "planner_statistics:" in r.output, r.output
