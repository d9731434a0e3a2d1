"""document languages: the languages an organisation issues its documents in, and the
language (or kk|ru pair) of each document with the template files it was rendered from.

Revision ID: d01a00000001
Revises: c20b00000009
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd01a00000001'
down_revision = 'c20b00000009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL: English only, as before
    with op.batch_alter_table("organizations") as batch:
        batch.add_column(sa.Column("document_languages", sa.JSON(), nullable=True))
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("language", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("template_files", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("template_files")
        batch.drop_column("language")
    with op.batch_alter_table("organizations") as batch:
        batch.drop_column("document_languages")
