"""Which text pipeline wrote the stored search texts (issue 18): one row, the fingerprint of
the stemmer's and the glossary's sources that last indexed every record. Empty here, so the
scheduler's ``search_index`` job indexes an upgraded database's records once with the
pipeline it now runs (the fields' vocabulary of ``glossary_vocabulary`` changes every
offer's and request's concepts).

Revision ID: d01k00000011
Revises: d01j00000010
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd01k00000011'
down_revision = 'd01j00000010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_pipeline",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False))


def downgrade():
    op.drop_table("search_pipeline")
