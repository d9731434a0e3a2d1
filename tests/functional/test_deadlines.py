"""The inbox lists due dates: the novelty deadline of a disclosure made public."""
from __future__ import annotations

import datetime as dt

from tests.helpers import disclosure_payload


def test_novelty_deadline_of_a_public_disclosure_is_in_the_inbox(api, team, login_as, client):
    published = (dt.date.today() - dt.timedelta(days=300)).isoformat()
    api(team.alice).post("/disclosures", json=disclosure_payload(
        (team.alice, "100"), title="Sensor shown at a conference",
        public_disclosure_date=published))
    login_as(team.alice)
    html = client.get("/inbox").get_data(as_text=True)
    assert "Deadlines" in html
    assert "Novelty grace period ends" in html
    assert "Sensor shown at a conference" in html
    assert "in 6" in html  # 365 - 300 = 65 days, give or take a leap day


def test_deadlines_from_an_active_licence(app):
    from consortium.web.deadlines import deadlines
    with app.app_context():
        from types import SimpleNamespace
        user = SimpleNamespace(id=0, role="admin", organization_id=0)
        assert deadlines(user) == []
