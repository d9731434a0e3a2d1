"""catalogue speed (issue 18): the per-stage counts of the public catalogue kept in a few
rows in step with ``offers`` (triggers), instead of counting every published offer on each
page; PostgreSQL GIN indexes of the catalogue without a pending list (``fastupdate = off``:
every search read the whole unmerged list after a bulk load, ~20 ms at 100,000 offers).

Revision ID: d01f00000006
Revises: d01d00000004
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd01f00000006'
down_revision = 'd01d00000004'
branch_labels = None
depends_on = None

_KEY_OLD = ("field = coalesce(old.field, '') AND stage_key = coalesce(old.stage_key, '') "
            "AND trl = coalesce(old.trl, 0)")
_KEY_NEW = _KEY_OLD.replace("old.", "new.")
_INSERT_NEW = ("INSERT OR IGNORE INTO catalogue_counts (field, stage_key, trl, n) VALUES "
               "(coalesce(new.field, ''), coalesce(new.stage_key, ''), coalesce(new.trl, 0), 0); "
               f"UPDATE catalogue_counts SET n = n + 1 WHERE {_KEY_NEW};")
_COLUMNS = "state, field, stage_key, trl"

_PG_FUNCTION = f"""
CREATE FUNCTION catalogue_counts_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = 'published' THEN
    UPDATE catalogue_counts SET n = n - 1 WHERE {_KEY_OLD.replace('old.', 'OLD.')};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = 'published' THEN
    INSERT INTO catalogue_counts (field, stage_key, trl, n)
    VALUES (coalesce(NEW.field, ''), coalesce(NEW.stage_key, ''), coalesce(NEW.trl, 0), 1)
    ON CONFLICT (field, stage_key, trl) DO UPDATE SET n = catalogue_counts.n + 1;
  END IF;
  RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.create_table(
        'catalogue_counts',
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('stage_key', sa.String(length=20), nullable=False),
        sa.Column('trl', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('field', 'stage_key', 'trl', name=op.f('pk_catalogue_counts')))
    op.execute("INSERT INTO catalogue_counts (field, stage_key, trl, n) "
               "SELECT coalesce(field, ''), coalesce(stage_key, ''), coalesce(trl, 0), count(*) "
               "FROM offers WHERE state = 'published' "
               "GROUP BY coalesce(field, ''), coalesce(stage_key, ''), coalesce(trl, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(f"CREATE TRIGGER offers_counts AFTER INSERT OR DELETE OR UPDATE OF {_COLUMNS} "
                   "ON offers FOR EACH ROW EXECUTE FUNCTION catalogue_counts_step()")
        for index in ("ix_offers_search", "ix_tech_requests_search"):
            op.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
            op.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")
        return
    op.execute("CREATE TRIGGER offers_counts_ai AFTER INSERT ON offers "
               f"WHEN new.state = 'published' BEGIN {_INSERT_NEW} END")
    op.execute("CREATE TRIGGER offers_counts_ad AFTER DELETE ON offers "
               "WHEN old.state = 'published' BEGIN "
               f"UPDATE catalogue_counts SET n = n - 1 WHERE {_KEY_OLD}; END")
    op.execute(f"CREATE TRIGGER offers_counts_au_old AFTER UPDATE OF {_COLUMNS} ON offers "
               "WHEN old.state = 'published' BEGIN "
               f"UPDATE catalogue_counts SET n = n - 1 WHERE {_KEY_OLD}; END")
    op.execute(f"CREATE TRIGGER offers_counts_au_new AFTER UPDATE OF {_COLUMNS} ON offers "
               f"WHEN new.state = 'published' BEGIN {_INSERT_NEW} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS offers_counts ON offers")
        op.execute("DROP FUNCTION IF EXISTS catalogue_counts_step()")
        for index in ("ix_offers_search", "ix_tech_requests_search"):
            op.execute(f"ALTER INDEX {index} RESET (fastupdate)")
    else:
        for suffix in ("ai", "ad", "au_old", "au_new"):
            op.execute(f"DROP TRIGGER IF EXISTS offers_counts_{suffix}")
    op.drop_table('catalogue_counts')
