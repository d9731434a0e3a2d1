"""lang finish: the language of an organisation's uploaded template version (kk, ru, en).

Revision ID: d01i00000009
Revises: d01h00000008
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd01i00000009'
down_revision = 'd01h00000008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the versions uploaded before languages are English ones
    with op.batch_alter_table("template_versions") as batch:
        batch.add_column(sa.Column("language", sa.String(length=8), nullable=False,
                                   server_default="en"))


def downgrade() -> None:
    with op.batch_alter_table("template_versions") as batch:
        batch.drop_column("language")
