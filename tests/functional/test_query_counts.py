"""List pages cost the same number of queries whatever the number of records (no N+1)."""
from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import event

from consortium.extensions import db
from tests.helpers import disclosure_payload


@contextlib.contextmanager
def counting(app):
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _file(api, team, n):
    alice = api(team.alice)
    for k in range(n):
        did = alice.post("/disclosures", json=disclosure_payload(
            (team.alice, "50"), (team.bob, "50"), title=f"Invention {k}")).get_json()["id"]
        alice.post(f"/disclosures/{did}/transitions/submit")


PAGES = [("api", "/api/v1/disclosures?per_page=50"), ("api", "/api/v1/disclosures?q=Invention"),
         ("api", "/api/v1/disclosures?state=submitted"), ("web", "/disclosures/"),
         ("web", "/disclosures/review"), ("web", "/inbox"), ("web", "/dashboard")]


@pytest.mark.parametrize("kind,path", PAGES)
def test_queries_do_not_grow_with_the_records(app, api, team, login_as, client, kind, path):
    legal = api(team.legal)
    login_as(team.legal)

    def cost():
        with counting(app) as seen:
            r = legal.get(path.removeprefix("/api/v1")) if kind == "api" else client.get(path)
            assert r.status_code == 200
        return len(seen)
    _file(api, team, 3)
    few = cost()
    _file(api, team, 12)
    many = cost()
    assert many == few, f"{path}: {few} queries with 3 records, {many} with 15"
