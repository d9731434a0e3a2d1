"""The licence's reporting clause as a deadline: a royalty report for each calendar quarter,
within ``REPORT_DUE_DAYS`` after it ends, listed for the licensee and the licensor's legal
staff until a report covering the quarter is filed (issue 14: royalty reports due per the
licence)."""
from __future__ import annotations

import datetime as dt

import pytest

from consortium.documents import rendering
from consortium.documents.text import paragraphs
from consortium.licensing.royalties import REPORT_DUE_DAYS, report_due
from consortium.templates_admin import samples
from tests.functional.test_licence_contracts import _active
from tests.helpers import fire, licence_world


@pytest.fixture
def w(make_org, make_user, api):
    return licence_world(make_org, make_user, api)


def test_the_report_due_is_the_last_quarter_while_its_time_runs_then_the_current_one():
    assert report_due(dt.date(2026, 11, 15)) == (report_due(dt.date(2026, 10, 1))[0],
                                                 dt.date(2026, 11, 29))
    period, due = report_due(dt.date(2026, 11, 29))
    assert (period.code, due) == ("2026-Q3", dt.date(2026, 11, 29))
    period, due = report_due(dt.date(2026, 12, 1))
    assert (period.code, due) == ("2026-Q4", dt.date(2027, 3, 1))
    period, due = report_due(dt.date(2027, 1, 5))
    assert (period.code, due) == ("2026-Q4", dt.date(2027, 3, 1))


def test_the_licence_agreement_states_the_reporting_time_the_engine_uses(app):
    with app.test_request_context():
        context = samples.contexts("license_agreement")[0].context
    text = "\n".join(paragraphs(rendering.render("license_agreement", context)))
    assert f"Within {REPORT_DUE_DAYS} days after the end of each Quarter" in text


def _deadlines(app, user_id, today):
    from consortium.auth.models import User
    from consortium.extensions import db
    from consortium.web.deadlines import deadlines
    with app.test_request_context():
        user = db.session.get(User, user_id)
        return [(d.due, str(d.what)) for d in deadlines(user, today)]


def test_a_quarter_without_its_report_is_a_deadline_until_the_report_is_filed(w, app):
    _lid, path = _active(w)
    today = dt.date.today()
    period, due = report_due(today)
    expected = (due, f"Royalty report for {period.code} due")
    assert expected in _deadlines(app, w.partner.id, today)
    assert expected in _deadlines(app, w.legal.id, today)
    # the inventors see their income, not the licensee's reporting duties
    assert not any("Royalty report" in what for _due, what in _deadlines(app, w.alice.id, today))
    r = fire(w.api["partner"], path, "report_royalty",
             data={"period": period.code, "net_sales": "1000000", "amount": "35000"})
    assert r.status_code == 200, r.get_json()
    assert expected not in _deadlines(app, w.partner.id, today)
    assert expected not in _deadlines(app, w.legal.id, today)
