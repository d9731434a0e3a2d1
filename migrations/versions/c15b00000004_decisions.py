"""General Assembly decisions, votes, option and royalty report fields (issue 15)

Revision ID: c15b00000004
Revises: c15a00000003
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'c15b00000004'
down_revision = 'c15a00000003'
branch_labels = None
depends_on = None


def _when():
    return sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "consortium_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("consortium_id", sa.Integer(),
                  sa.ForeignKey("consortia.id", name="fk_consortium_decisions_consortium_id",
                                ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("matter", sa.String(30), nullable=False),
        sa.Column("motion", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("concerned_organization_id", sa.Integer(),
                  sa.ForeignKey("organizations.id",
                                name="fk_consortium_decisions_concerned_organization_id")),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome_reason", sa.JSON(), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(),
                  sa.ForeignKey("users.id", name="fk_consortium_decisions_proposed_by_id"),
                  nullable=False),
        sa.Column("proposed_at", _when(), nullable=False),
        sa.Column("voting_ends_at", _when(), nullable=False),
        sa.Column("closed_at", _when()),
        sa.Column("veto_ends_at", _when()),
        sa.Column("decided_at", _when()),
        sa.Column("consumed_at", _when()),
        sa.CheckConstraint("matter IN ('admit_member', 'declare_defaulting', 'amend', "
                           "'dissolve')", name="ck_consortium_decisions_matter_valid"),
        sa.CheckConstraint("status IN ('voting', 'veto_window', 'adopted', 'rejected', "
                           "'vetoed')", name="ck_consortium_decisions_status_valid"),
        sa.UniqueConstraint("consortium_id", "number", name="uq_decision_number"),
    )
    op.create_index("ix_consortium_decisions_consortium_id", "consortium_decisions",
                    ["consortium_id"])
    op.create_index("ix_consortium_decisions_status", "consortium_decisions", ["status"])
    op.create_index("ix_consortium_decisions_voting_ends_at", "consortium_decisions",
                    ["voting_ends_at"])
    op.create_index("ix_consortium_decisions_veto_ends_at", "consortium_decisions",
                    ["veto_ends_at"])
    for table, extra in (
            ("consortium_votes", [
                sa.Column("choice", sa.String(10), nullable=False),
                sa.CheckConstraint("choice IN ('for', 'against', 'abstain')",
                                   name="ck_consortium_votes_choice_valid"),
                sa.UniqueConstraint("decision_id", "organization_id",
                                    name="uq_vote_per_party")]),
            ("consortium_vetoes", [
                sa.Column("reason", sa.Text(), nullable=False),
                sa.UniqueConstraint("decision_id", "organization_id",
                                    name="uq_veto_per_party")])):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("decision_id", sa.Integer(),
                      sa.ForeignKey("consortium_decisions.id",
                                    name=f"fk_{table}_decision_id", ondelete="CASCADE"),
                      nullable=False),
            sa.Column("organization_id", sa.Integer(),
                      sa.ForeignKey("organizations.id", name=f"fk_{table}_organization_id"),
                      nullable=False),
            sa.Column("cast_by_id", sa.Integer(),
                      sa.ForeignKey("users.id", name=f"fk_{table}_cast_by_id"),
                      nullable=False),
            sa.Column("cast_at", _when(), nullable=False),
            *extra)
        op.create_index(f"ix_{table}_decision_id", table, ["decision_id"])
    with op.batch_alter_table("consortium_members") as batch:
        batch.add_column(sa.Column("defaulting_at", _when()))
    # royalty reports collect what the licence's reporting clause asks for
    with op.batch_alter_table("royalty_reports") as batch:
        for name in ("gross_invoiced", "deductions", "sublicence_income"):
            batch.add_column(sa.Column(name, sa.Numeric(20, 4)))
        batch.add_column(sa.Column("sales_by_country", sa.JSON()))
        batch.add_column(sa.Column("sublicence_share_percent", sa.Numeric(6, 3)))
    with op.batch_alter_table("licenses") as batch:
        batch.add_column(sa.Column("sublicence_share_percent", sa.Numeric(6, 3),
                                   nullable=False, server_default="25"))


def downgrade():
    with op.batch_alter_table("licenses") as batch:
        batch.drop_column("sublicence_share_percent")
    with op.batch_alter_table("royalty_reports") as batch:
        for name in ("sublicence_share_percent", "sales_by_country", "sublicence_income",
                     "deductions", "gross_invoiced"):
            batch.drop_column(name)
    with op.batch_alter_table("consortium_members") as batch:
        batch.drop_column("defaulting_at")
    for table in ("consortium_vetoes", "consortium_votes"):
        op.drop_index(f"ix_{table}_decision_id", table_name=table)
        op.drop_table(table)
    for column in ("veto_ends_at", "voting_ends_at", "status", "consortium_id"):
        op.drop_index(f"ix_consortium_decisions_{column}", table_name="consortium_decisions")
    op.drop_table("consortium_decisions")
