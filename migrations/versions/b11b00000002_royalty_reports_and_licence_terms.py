"""Royalty reports per period and licence term checks

Revision ID: b11b00000002
Revises: b11a00000001
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'b11b00000002'
down_revision = 'b11a00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('royalty_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('license_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('net_sales', sa.Numeric(precision=20, scale=4), nullable=False),
    sa.Column('royalty_rate_percent', sa.Numeric(precision=6, scale=3), nullable=False),
    sa.Column('royalty_due', sa.Numeric(precision=20, scale=4), nullable=False),
    sa.Column('amount_paid', sa.Numeric(precision=20, scale=4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('amendments', sa.Integer(), nullable=False),
    sa.Column('reported_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('period_start <= period_end',
                       name=op.f('ck_royalty_reports_period_order')),
    sa.CheckConstraint('net_sales >= 0 AND royalty_due >= 0 AND amount_paid >= 0',
                       name=op.f('ck_royalty_reports_amounts_not_negative')),
    sa.ForeignKeyConstraint(['license_id'], ['licenses.id'],
                            name=op.f('fk_royalty_reports_license_id_licenses'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reported_by_id'], ['users.id'],
                            name=op.f('fk_royalty_reports_reported_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_royalty_reports')),
    sa.UniqueConstraint('license_id', 'period', name='uq_royalty_reports_license_period')
    )
    with op.batch_alter_table('royalty_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_royalty_reports_license_id'), ['license_id'],
                              unique=False)

    with op.batch_alter_table('revenues', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_revenues_event_id'), ['event_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_revenues_event_id_events'), 'events',
                                    ['event_id'], ['id'])


def downgrade():
    with op.batch_alter_table('revenues', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_revenues_event_id_events'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_revenues_event_id'))
        batch_op.drop_column('event_id')

    with op.batch_alter_table('royalty_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_royalty_reports_license_id'))

    op.drop_table('royalty_reports')
