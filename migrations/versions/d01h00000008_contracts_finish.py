"""Contracts finish (issue 15): each consortium party's affiliated entities, listed in
attachment 3 of the consortium agreement (those that may receive access rights).

Revision ID: d01h00000008
Revises: d01g00000007
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd01h00000008'
down_revision = 'd01g00000007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consortium_members") as batch:
        batch.add_column(sa.Column("affiliated_entities", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("consortium_members") as batch:
        batch.drop_column("affiliated_entities")
