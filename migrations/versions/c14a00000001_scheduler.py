"""scheduler jobs, leases and timed-transition dates (issue 14)

Revision ID: c14a00000001
Revises: b13a00000001
"""
import datetime as dt

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'c14a00000001'
down_revision = 'b13a00000001'
branch_labels = None
depends_on = None


def _add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31,
            30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))


def upgrade():
    op.create_table(
        'scheduled_jobs',
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('next_run_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('leased_by', sa.String(length=200), nullable=True),
        sa.Column('last_started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_result', sa.Integer(), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('runs', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduled_jobs')),
    )
    with op.batch_alter_table('licenses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('term_ends_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('cure_period_days', sa.Integer(), nullable=False,
                                      server_default='60'))
        batch_op.add_column(sa.Column('breach_notified_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('breach_description', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('cure_ends_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('termination_ground', sa.String(length=30),
                                      nullable=True))
        batch_op.add_column(sa.Column('termination_effective_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_licenses_term_ends_on'), ['term_ends_on'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_licenses_termination_effective_on'),
                              ['termination_effective_on'], unique=False)
    # the term end of licences activated before this revision
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, activated_at, term_months FROM licenses "
                                "WHERE activated_at IS NOT NULL AND term_months IS NOT NULL"))
    for lid, activated_at, months in rows.fetchall():
        if isinstance(activated_at, str):
            activated_at = dt.datetime.fromisoformat(activated_at)
        conn.execute(sa.text("UPDATE licenses SET term_ends_on = :d WHERE id = :id"),
                     {"d": _add_months(activated_at.date(), int(months)), "id": lid})
    with op.batch_alter_table('consortia', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawal_notice_months', sa.Integer(),
                                      nullable=False, server_default='3'))
        batch_op.add_column(sa.Column('withdrawal_due_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_consortia_withdrawal_due_on'),
                              ['withdrawal_due_on'], unique=False)
    with op.batch_alter_table('consortium_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawal_notice_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('withdrawal_notice_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('withdrawal_effective_on', sa.Date(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_consortium_members_withdrawal_notice_by_id_users'), 'users',
            ['withdrawal_notice_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('consortium_members', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_consortium_members_withdrawal_notice_by_id_users'),
            type_='foreignkey')
        batch_op.drop_column('withdrawal_effective_on')
        batch_op.drop_column('withdrawal_notice_by_id')
        batch_op.drop_column('withdrawal_notice_at')
    with op.batch_alter_table('consortia', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consortia_withdrawal_due_on'))
        batch_op.drop_column('withdrawal_due_on')
        batch_op.drop_column('withdrawal_notice_months')
    with op.batch_alter_table('licenses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_licenses_termination_effective_on'))
        batch_op.drop_index(batch_op.f('ix_licenses_term_ends_on'))
        for name in ('termination_effective_on', 'termination_ground', 'cure_ends_on',
                     'breach_description', 'breach_notified_at', 'cure_period_days',
                     'term_ends_on'):
            batch_op.drop_column(name)
    op.drop_table('scheduled_jobs')
