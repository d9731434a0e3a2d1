"""Migrations keep the data they find: a batch rebuild on SQLite must not cascade deletes."""
from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from consortium import create_app
from consortium.extensions import db


@pytest.mark.sqlite_only
def test_upgrade_keeps_inventors_of_existing_disclosures(tmp_path):
    app = create_app({
        "TESTING": True, "SECRET_KEY": "x", "STORAGE_DIR": str(tmp_path / "docs"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite3'}",
    })
    with app.app_context():
        upgrade(revision="1e0a16f3750a")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO organizations (id, name, kind, country, created_at) "
                              "VALUES (1, 'U', 'university', 'KZ', '2026-01-01')"))
            conn.execute(text("INSERT INTO users (id, email, name, role, organization_id, "
                              "password_hash, active, created_at) VALUES (1, 'a@u.kz', 'A', "
                              "'researcher', 1, 'x', 1, '2026-01-01')"))
            conn.execute(text("INSERT INTO disclosures (id, title, abstract, keywords, "
                              "funding_source, organization_id, created_by_id, state, version, "
                              "created_at, updated_at) VALUES (1, 'T', 'A', '[]', 'personal', "
                              "1, 1, 'draft', 1, '2026-01-01', '2026-01-01')"))
            conn.execute(text("INSERT INTO inventors (disclosure_id, position, user_id, name, "
                              "share_percent) VALUES (1, 1, 1, 'A', 100)"))
        upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM inventors")).scalar() == 1
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        downgrade(revision="1e0a16f3750a")
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM inventors")).scalar() == 1
        db.engine.dispose()
