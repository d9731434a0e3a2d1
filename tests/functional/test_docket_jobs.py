"""Docket reminders, run as the scheduler runs them: a function of ``now``."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.helpers import Journey


def test_due_date_reminders_go_out_once_per_step(app, api, team):
    from consortium.docket.jobs import remind_due_dates
    from consortium.extensions import db
    from consortium.notifications.models import Notification
    j = Journey(api, team)
    j.to("patent_filing_record")
    filing = j.legal.get(f"/disclosures/{j.id}/filings").get_json()["items"][0]
    due = dt.date.today() + dt.timedelta(days=25)
    assert j.legal.patch(f"/filings/{filing['id']}", json={
        "version": filing["version"], "office_action_due": due.isoformat()}).status_code == 200
    now = dt.datetime.now(dt.UTC)
    with app.app_context():
        sent = remind_due_dates(now)
        assert sent >= 1
        assert remind_due_dates(now) == 0  # once per step
        texts = db.session.scalars(select(Notification).where(
            Notification.user_id == team.legal.id, Notification.kind == "deadline")).all()
        assert any("Office action response due" in n.params.get("what", "") for n in texts)
        # a week before, the 7-day step reminds again
        assert remind_due_dates(now + dt.timedelta(days=19)) >= 1
