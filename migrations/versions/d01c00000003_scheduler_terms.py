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
    """The licences table is rebuilt here as in d01b00000002, which says why and does it."""
    import importlib.util
    path = Path(__file__).with_name("d01b00000002_option_terms.py")
    spec = importlib.util.spec_from_file_location("d01b00000002_option_terms", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._restore_search_triggers(*tables)


def upgrade() -> None:
    with op.batch_alter_table("licenses") as batch:
        batch.add_column(sa.Column("termination_notice_days", sa.Integer(), nullable=False,
                                   server_default="90"))
    _restore_search_triggers("licenses")


def downgrade() -> None:
    with op.batch_alter_table("licenses") as batch:
        batch.drop_column("termination_notice_days")
    _restore_search_triggers("licenses")
