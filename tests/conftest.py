"""Fixtures: one migrated database per run (SQLite, or PostgreSQL when asked), emptied per test."""
from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from consortium import create_app
from consortium.extensions import db
from tests.helpers import PASSWORD, Api, snapshot

PG_ADMIN_URL = os.environ.get("CONSORTIUM_TEST_PG_ADMIN_URL")


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


_TABLES = ("scheduled_jobs", "catalogue_interests", "catalogue_matches", "template_versions",
           "attachments", "license_registrations", "docket_entries", "patent_costs",
           "patent_filings",
           "revenues", "royalty_reports", "signatures", "required_signers", "documents",
           "events", "beneficiaries", "benefit_plans", "licenses", "offers",
           "tech_requests", "inventors", "disclosures",
           "consortium_vetoes", "consortium_votes", "consortium_decisions",
           "consortium_members", "consortia", "api_tokens", "web_sessions",
           "login_failures", "notifications", "outbox_mails", "notification_preferences",
           "invitations", "password_resets")


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


@pytest.fixture
def make_org(app) -> Callable:
    from consortium.db import unit_of_work
    from consortium.organizations.services import create_organization

    def make(name: str | None = None, kind: str = "university"):
        with app.app_context(), unit_of_work():
            org = create_organization(name or f"Organisation {next(_seq)}", kind, "KZ",
                                      "990140000126", "1 Test Street, Astana")
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


