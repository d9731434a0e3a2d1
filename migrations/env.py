"""Alembic environment: runs migrations on the app's configured database (creating it if missing)."""
import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

config = context.config
if config.config_file_name:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

db = current_app.extensions["migrate"].db


def ensure_database(url) -> None:
    """Create the PostgreSQL database named in the URL when it does not exist yet."""
    url = make_url(url)
    if url.get_backend_name() != "postgresql" or not url.database:
        return
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": url.database}).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{url.database}"'))
                logger.info("created database %s", url.database)
    finally:
        admin.dispose()


def run_migrations_offline() -> None:
    context.configure(url=str(db.engine.url), target_metadata=db.metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    ensure_database(db.engine.url)
    with db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations rebuild a SQLite table by copying it and dropping the old one;
            # with foreign keys on, that drop would cascade into the rows that refer to it.
            # The pragma only works outside a transaction, so it goes to the driver first.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            args = {"render_as_batch": True, "compare_type": True,
                    **current_app.extensions["migrate"].configure_args}
            context.configure(connection=connection, target_metadata=db.metadata, **args)
            with context.begin_transaction():
                context.run_migrations()
            if sqlite:
                connection.commit()
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise RuntimeError(f"foreign keys broken by the migration: {problems[:5]}")
        finally:
            if sqlite:
                connection.rollback()
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
