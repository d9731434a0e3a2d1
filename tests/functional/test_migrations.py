"""Alembic migrations: one head, and upgrading from empty gives exactly the models' schema."""
from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from consortium.extensions import db

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def script_directory() -> ScriptDirectory:
    config = Config(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def test_there_is_a_single_head_and_a_single_base():
    scripts = script_directory()
    assert len(scripts.get_heads()) == 1, scripts.get_heads()
    assert len(scripts.get_bases()) == 1, scripts.get_bases()
    # every revision is reachable from the head: no orphaned branch
    walked = {rev.revision for rev in scripts.walk_revisions()}
    assert walked == {rev.revision for rev in scripts.revision_map.iterate_revisions(
        "heads", "base")}


def _differences(connection) -> list:
    context = MigrationContext.configure(connection, opts={
        "compare_type": True, "compare_server_default": False, "render_as_batch": True,
        # full-text indexes are no models: SQLite FTS5 virtual tables (and their shadow
        # tables), PostgreSQL GIN indexes on to_tsvector(...) named ix_<table>_search
        "include_object": lambda obj, name, kind, reflected, other: not (
            (kind == "table" and "_fts" in (name or ""))
            or (kind == "index" and (name or "").endswith("_search")))})
    return compare_metadata(context, db.metadata)


def test_the_migrated_database_matches_the_models(app):
    """The ``app`` fixture migrated an empty database with the real migrations at start-up."""
    with app.app_context(), db.engine.connect() as conn:
        assert _differences(conn) == []
        current = MigrationContext.configure(conn).get_current_heads()
    assert set(current) == set(script_directory().get_heads())


def test_every_model_table_exists_with_its_columns(app):
    with app.app_context():
        inspector = inspect(db.engine)
        tables = set(inspector.get_table_names())
        for table in db.metadata.sorted_tables:
            assert table.name in tables
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == {c.name for c in table.columns}, table.name


@pytest.mark.sqlite_only
def test_upgrade_from_empty_and_downgrade_to_empty(tmp_path):
    """A brand-new database: upgrade gives the models' schema; downgrade removes it all."""
    from flask_migrate import downgrade, upgrade

    from consortium import create_app
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    fresh = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url,
                        "STORAGE_DIR": str(tmp_path / "documents")})
    with fresh.app_context():
        upgrade()
        with db.engine.connect() as conn:
            assert _differences(conn) == []
        downgrade(revision="base")
        db.engine.dispose()
    engine = create_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
