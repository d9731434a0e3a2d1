"""usability and administration (issue 20)

Revision ID: c20a00000008
Revises: c19a00000007
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'c20a00000008'
down_revision = 'c19a00000007'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
