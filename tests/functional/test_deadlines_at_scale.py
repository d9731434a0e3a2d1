"""Due dates of licences beyond the first 100 by id are listed and notified: each kind of
deadline is queried by its date, not read from the first N licences and filtered."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select

from consortium.db import utcnow
from consortium.extensions import db
from consortium.licensing.models import License
from consortium.notifications import jobs
from consortium.notifications.models import Notification
from tests.helpers import LicenceJourney

COPIES = 160
LATE = 150  #: the copy whose dates come up soon


def _many_licences(app, licence_id: int) -> int:
    """``COPIES`` active licences like ``licence_id``, inserted in bulk, whose term ends in
    300 days; the ``LATE``-th ends in 10 days and has a milestone due in 20. Its id."""
    today = dt.date.today()
    with app.app_context():
        lic = db.session.get(License, licence_id)
        skip = {"id", "reg_number", "search_text", "search_vector", "term_ends_on",
                "milestones"}
        base = {c.key: getattr(lic, c.key) for c in License.__table__.columns
                if c.key not in skip}
        rows = []
        for n in range(1, COPIES + 1):
            soon = n == LATE
            rows.append({**base, "reg_number": f"LIC-SCALE-{n:05d}",
                         "term_ends_on": today + dt.timedelta(days=10 if soon else 300),
                         "milestones": [{"description": "Pilot plant", "amount": "1000.00",
                                         "due_date": (today + dt.timedelta(days=20)).isoformat()}]
                         if soon else []})
        db.session.execute(insert(License.__table__), rows)
        db.session.commit()
        return db.session.scalar(select(License.id).where(
            License.reg_number == f"LIC-SCALE-{LATE:05d}"))


def test_the_150th_licence_s_dates_are_listed_and_notified(app, api, make_org, make_user,
                                                              login_as, client):
    from consortium.web.deadlines import deadlines
    j = LicenceJourney(api, make_org, make_user)
    record, _doc, _data = j.produce("executed_license_agreement")
    assert record["state"] == "active"
    late = _many_licences(app, record["id"])
    today = dt.date.today()
    with app.app_context():
        from consortium.auth.models import User
        legal = db.session.get(User, j.legal_user.id)
        mine = [d for d in deadlines(legal, today) if d.record_id == late]
        assert {str(getattr(d.what, "template", d.what)) for d in mine} == {
            "Licence term ends", "Milestone due: %(what)s"}
        assert {d.due for d in mine} == {today + dt.timedelta(days=10),
                                         today + dt.timedelta(days=20)}
    login_as(j.legal_user)
    html = client.get("/inbox").get_data(as_text=True)
    assert f"LIC-SCALE-{LATE:05d}" in html and "Pilot plant" in html
    with app.app_context():
        jobs.notify_deadlines(utcnow())
        keys = set(db.session.scalars(select(Notification.key).where(
            Notification.user_id == j.legal_user.id, Notification.kind == "deadline")))
        assert any(f":{late}:{(today + dt.timedelta(days=10)).isoformat()}:" in k
                   for k in keys), keys
        assert any(f":{late}:{(today + dt.timedelta(days=20)).isoformat()}:" in k
                   for k in keys), keys
        # the other copies end in 300 days: beyond the notice period, not notified
        far = (today + dt.timedelta(days=300)).isoformat()
        assert not any(f":{far}:" in k for k in keys)
        assert jobs.notify_deadlines(utcnow()) == 0  # once only


def test_the_inbox_s_queries_do_not_grow_with_the_licences(app, api, make_org, make_user,
                                                             login_as, client):
    from tests.functional.test_query_counts import counting
    j = LicenceJourney(api, make_org, make_user)
    record, _doc, _data = j.produce("executed_license_agreement")
    login_as(j.legal_user)

    def cost():
        with counting(app) as seen:
            assert client.get("/inbox").status_code == 200
        return len(seen)
    few = cost()
    _many_licences(app, record["id"])
    many = cost()
    assert many == few, f"/inbox: {few} queries with 1 licence, {many} with {COPIES + 1}"
