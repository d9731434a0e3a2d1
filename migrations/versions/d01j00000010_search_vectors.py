"""Search vectors stored (issues 18 and 20): on PostgreSQL each searched table keeps
``to_tsvector('simple', search_text)`` in a generated column, ``search_vector``, and its GIN
index (``ix_<table>_search``) is on that column, so neither a search's filter nor its
``ts_rank`` parses the text of every row again. On SQLite the column is there for the models'
sake and stays empty (FTS5 indexes the text there).

A plain ADD COLUMN on SQLite: no table rebuild, so the FTS5 triggers stay.

Revision ID: d01j00000010
Revises: d01i00000009
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'd01j00000010'
down_revision = 'd01i00000009'
branch_labels = None
depends_on = None

#: the tables and the expression their index was on (c20b00000009, c18a00000006)
TABLES = {"disclosures": "coalesce(search_text, '')", "consortia": "coalesce(search_text, '')",
          "licenses": "coalesce(search_text, '')", "benefit_plans": "coalesce(search_text, '')",
          "offers": "search_text", "tech_requests": "search_text"}
#: the catalogue's indexes are read at once, not through a pending list (d01f00000006)
NO_FASTUPDATE = ("offers", "tech_requests")


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        for table in TABLES:
            op.add_column(table, sa.Column("search_vector", sa.Text(), nullable=True))
        return
    for table, text in TABLES.items():
        op.add_column(table, sa.Column(
            "search_vector", postgresql.TSVECTOR(),
            sa.Computed(f"to_tsvector('simple'::regconfig, {text})", persisted=True),
            nullable=True))
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
        options = " WITH (fastupdate = off)" if table in NO_FASTUPDATE else ""
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING gin (search_vector)"
                   f"{options}")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        for table in TABLES:
            op.drop_column(table, "search_vector")
        return
    for table, text in TABLES.items():
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
        op.drop_column(table, "search_vector")
        options = " WITH (fastupdate = off)" if table in NO_FASTUPDATE else ""
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} "
                   f"USING gin (to_tsvector('simple', {text})){options}")
