"""Full-text search of the record lists: a search_text column per record table, indexed by
FTS5 on SQLite (external-content tables kept in step by triggers) and by GIN on PostgreSQL.

After upgrading a database that already holds records, run
``flask --app consortium search reindex`` once to fill the column.

A later SQLite migration that rebuilds one of these tables (batch "move and copy") drops its
triggers: it must create them again (``create_sqlite_index`` below).

Revision ID: c20b00000009
Revises: c20a00000008
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'c20b00000009'
down_revision = 'c20a00000008'
branch_labels = None
depends_on = None

TABLES = ("disclosures", "consortia", "licenses", "benefit_plans")


def create_sqlite_index(table: str) -> None:
    fts = f"{table}_fts"
    op.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
               f"search_text, content='{table}', content_rowid='id', "
               "tokenize='unicode61 remove_diacritics 0')")
    op.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} "
               f"WHEN new.search_text IS NOT NULL BEGIN "
               f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END")
    op.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} "
               f"WHEN old.search_text IS NOT NULL BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, search_text) "
               f"VALUES ('delete', old.id, old.search_text); END")
    # one trigger for an update, so the old words leave the index before the new ones enter
    op.execute(f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON "
               f"{table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, search_text) "
               f"SELECT 'delete', old.id, old.search_text WHERE old.search_text IS NOT NULL; "
               f"INSERT INTO {fts}(rowid, search_text) "
               f"SELECT new.id, new.search_text WHERE new.search_text IS NOT NULL; END")


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        # a plain ADD COLUMN (no table rebuild), so existing triggers and foreign keys stay
        op.add_column(table, sa.Column("search_text", sa.Text(), nullable=True))
        if sqlite:
            create_sqlite_index(table)
        else:
            op.execute(f"CREATE INDEX ix_{table}_search ON {table} "
                       "USING gin (to_tsvector('simple', coalesce(search_text, '')))")


def downgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        if sqlite:
            fts = f"{table}_fts"
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
            with op.batch_alter_table(table) as batch:
                batch.drop_column("search_text")
        else:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
            op.drop_column(table, "search_text")
