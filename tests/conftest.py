"""Fixtures: one migrated database per run (SQLite, or PostgreSQL when asked), emptied per test."""
from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from consortium import create_app
from consortium.extensions import db

PG_ADMIN_URL = os.environ.get("CONSORTIUM_TEST_PG_ADMIN_URL")
PASSWORD = "correct-horse-battery"


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: runs only on the SQLite pass")
    config.addinivalue_line("markers", "postgres_only: runs only on the PostgreSQL pass")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if PG_ADMIN_URL and "sqlite_only" in item.keywords:
            item.add_marker(pytest.mark.skip(reason="SQLite pass only"))
        if not PG_ADMIN_URL and "postgres_only" in item.keywords:
            item.add_marker(pytest.mark.skip(reason="PostgreSQL pass only"))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if not PG_ADMIN_URL:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    name = f"consortium_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "STORAGE_DIR": str(instance / "documents"),
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_TIME_COST": 1,
        "PASSWORD_HASH_MEMORY_COST": 1024,
    })
    from flask_migrate import upgrade
    with app.app_context():
        upgrade()  # the real migrations, so every test also proves them
    yield app
    with app.app_context():
        db.engine.dispose()


_TABLES = ("revenues", "royalty_reports", "signatures", "required_signers", "documents",
           "events", "beneficiaries", "benefit_plans", "licenses", "inventors", "disclosures",
           "consortium_members", "consortia", "api_tokens", "web_sessions",
           "login_failures")


@pytest.fixture(autouse=True)
def _clean(app):
    """Each test starts from empty tables and an empty document store."""
    with app.app_context():
        with db.engine.begin() as conn:
            for table in _TABLES:
                conn.execute(text(f"DELETE FROM {table}"))
            conn.execute(text("UPDATE organizations SET signatory_user_id = NULL"))
            conn.execute(text("DELETE FROM users"))
            conn.execute(text("DELETE FROM organizations"))
            conn.execute(text("UPDATE audit_chain_head SET last_event_id = NULL, "
                              "last_hash = :h"), {"h": "0" * 64})
    shutil.rmtree(app.config["STORAGE_DIR"], ignore_errors=True)
    # No app context stays pushed during a test: each request gets its own, as in production
    # (a shared one would share flask.g and the session between requests).
    yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


_seq = itertools.count(1)


def snapshot(obj, *fields):
    """Plain values of a model, usable after its session is gone."""
    return SimpleNamespace(**{f: getattr(obj, f) for f in fields})


@pytest.fixture
def make_org(app) -> Callable:
    from consortium.db import unit_of_work
    from consortium.organizations.services import create_organization

    def make(name: str | None = None, kind: str = "university"):
        with app.app_context(), unit_of_work():
            org = create_organization(name or f"Organisation {next(_seq)}", kind, "KZ",
                                      "990140000123", "1 Test Street, Astana")
            return snapshot(org, "id", "name", "kind")
    return make


@pytest.fixture
def make_user(app, make_org) -> Callable:
    from consortium.auth.services import create_user
    from consortium.db import unit_of_work

    def make(role: str = "researcher", org=None, name: str | None = None):
        org = org or make_org()
        n = next(_seq)
        with app.app_context(), unit_of_work():
            user = create_user(f"{role}{n}@example.org", name or f"{role.title()} Person {n}",
                               PASSWORD, role, org.id, f"{role.title()} title")
            return snapshot(user, "id", "email", "name", "role", "organization_id")
    return make


class Api:
    """A JSON client acting as one user through a real bearer token."""

    def __init__(self, client, user=None):
        self.client = client
        self.headers = {}
        self.user = user
        if user is not None:
            r = client.post("/api/v1/auth/token", json={"email": user.email,
                                                        "password": PASSWORD})
            assert r.status_code == 201, r.get_json()
            self.headers = {"Authorization": f"Bearer {r.get_json()['token']}"}

    def _call(self, method, path, **kw):
        headers = {**self.headers, **kw.pop("headers", {})}
        return getattr(self.client, method)(f"/api/v1{path}", headers=headers, **kw)

    def get(self, path, **kw):
        return self._call("get", path, **kw)

    def post(self, path, **kw):
        return self._call("post", path, **kw)

    def patch(self, path, **kw):
        return self._call("patch", path, **kw)


@pytest.fixture
def api(client) -> Callable[..., Api]:
    return lambda user=None: Api(client, user)


@pytest.fixture
def login_as(client):
    """Sign ``user`` into the web pages of the shared test client."""
    def login(user):
        r = client.post("/login", data={"email": user.email, "password": PASSWORD})
        assert r.status_code == 302, r.data[:500]
        return client
    return login


@pytest.fixture
def team(make_org, make_user):
    """A university with two researchers and a legal officer, and an outsider organisation."""
    uni = make_org("Steppe Polytechnic University")
    other = make_org("Another Institute", "research_institute")

    class Team:
        org = uni
        alice = make_user("researcher", uni, "Alice Inventor")
        bob = make_user("researcher", uni, "Bob Coinventor")
        legal = make_user("legal", uni, "Lena Legal")
        outsider_org = other
        outsider = make_user("researcher", other, "Oscar Outsider")
        outsider_legal = make_user("legal", other, "Olga Otherlegal")
    return Team


def disclosure_payload(*inventors, title="Seed coating from camel-wool keratin", **extra):
    """A valid creation body; ``inventors`` are (user, share) pairs."""
    body = {
        "title": title,
        "abstract": "A keratin-chitosan seed coating that releases nitrogen over 40 days.",
        "funding_source": "state_grant",
        "keywords": ["seed coating", "keratin"],
        "inventors": [{"user_id": u.id, "share_percent": s} for u, s in inventors],
    }
    body.update(extra)
    return body
