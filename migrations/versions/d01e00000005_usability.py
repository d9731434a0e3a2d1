"""usability (placeholder: fill in or leave as a no-op).

Revision ID: d01e00000005
Revises: d01d00000004
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'd01e00000005'
down_revision = 'd01d00000004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
