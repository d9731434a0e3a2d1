"""scheduler terms: the licensee's notice of termination, in days, a term of each licence
(clause 12.2; the cure period of 12.3 was a term already).

Revision ID: d01c00000003
Revises: d01b00000002
"""
from pathlib import Path

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd01c00000003'
down_revision = 'd01b00000002'
branch_labels = None
depends_on = None


def _restore_search_triggers(*tables: str) -> None:
    """A batch rebuild ("move and copy") of a searchable table drops its FTS5 triggers on
    SQLite: create them again (migration c20b00000009), or the list search goes stale."""
    if op.get_bind().dialect.name != "sqlite":
        return
    import importlib.util
    path = Path(__file__).with_name("c20b00000009_search.py")
    spec = importlib.util.spec_from_file_location("c20b00000009_search", path)
    search = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(search)
    for table in tables:
        search.create_sqlite_index(table)


def upgrade() -> None:
    with op.batch_alter_table("licenses") as batch:
        batch.add_column(sa.Column("termination_notice_days", sa.Integer(), nullable=False,
                                   server_default="90"))
    _restore_search_triggers("licenses")


def downgrade() -> None:
    with op.batch_alter_table("licenses") as batch:
        batch.drop_column("termination_notice_days")
    _restore_search_triggers("licenses")
