"""The glossary concepts of matchable offers and requests, with their part of the match score
(issue 18): the candidate step of matchmaking ranks by them, so that among many offers that
share a request's words the ones the score would rank first are found, not the newest. Empty
here: the fingerprint of the text pipeline (which now covers ``catalogue/matching.py``)
changes with this upgrade, so the scheduler's ``search_index`` job writes them for every
published offer and open request once; until then matchmaking finds candidates by full-text
search alone, as before.

Revision ID: d01l00000012
Revises: d01k00000011
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd01l00000012'
down_revision = 'd01k00000011'
branch_labels = None
depends_on = None

TABLES = (("offer_concepts", "offers"), ("request_concepts", "tech_requests"))


def upgrade():
    for table, parent in TABLES:
        op.create_table(
            table,
            sa.Column("concept", sa.String(64), nullable=False),
            sa.Column("record_id", sa.Integer(),
                      sa.ForeignKey(f"{parent}.id", ondelete="CASCADE"), nullable=False),
            sa.Column("weight", sa.Float(), nullable=False),
            sa.Column("organization_id", sa.Integer(), nullable=False),
            sa.Column("field", sa.String(40), nullable=True),
            sa.Column("trl", sa.Integer(), nullable=True),
            # PostgreSQL reads the candidate step from the key's index alone
            sa.PrimaryKeyConstraint("concept", "record_id",
                                    postgresql_include=["weight", "organization_id", "field",
                                                        "trl"]),
            sqlite_with_rowid=False)
        op.create_index(f"ix_{table}_record", table, ["record_id"])


def downgrade():
    for table, _parent in TABLES:
        op.drop_index(f"ix_{table}_record", table_name=table)
        op.drop_table(table)
