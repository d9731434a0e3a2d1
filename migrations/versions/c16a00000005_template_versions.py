"""template versions owned by legal staff (issue 16)

Revision ID: c16a00000005
Revises: c15b00000004
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'c16a00000005'
down_revision = 'c15b00000004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "template_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template", sa.String(length=80), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_by_id", sa.Integer(), nullable=True),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retired_by_id", sa.Integer(), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"],
                                name=op.f("fk_template_versions_organization_id_organizations")),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["users.id"],
                                name=op.f("fk_template_versions_uploaded_by_id_users")),
        sa.ForeignKeyConstraint(["activated_by_id"], ["users.id"],
                                name=op.f("fk_template_versions_activated_by_id_users")),
        sa.ForeignKeyConstraint(["retired_by_id"], ["users.id"],
                                name=op.f("fk_template_versions_retired_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_template_versions")),
    )
    op.create_index("ix_template_versions_org_template", "template_versions",
                    ["organization_id", "template"], unique=False)
    with op.batch_alter_table("organizations") as batch:
        batch.add_column(sa.Column("template_versions", sa.JSON(), nullable=True))
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("template_sha256", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("template_sha256")
    with op.batch_alter_table("organizations") as batch:
        batch.drop_column("template_versions")
    op.drop_index("ix_template_versions_org_template", table_name="template_versions")
    op.drop_table("template_versions")
