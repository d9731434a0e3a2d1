"""option terms; records wait in a pending state until their documents are signed.

An option agreement has its own terms (period, fee, exercise notice, the licence on exercise
and the days to sign it) and dates (the option period's end, the day it lapses, its
exercise); licences gain the states ``option_active`` and ``option_lapsed``. A consortium
waits in ``dissolving`` until every member has signed the dissolution act, and a benefit
plan in ``awaiting_signatures`` until every party has signed the benefit-sharing agreement.

Revision ID: d01b00000002
Revises: d01a00000001
"""
from pathlib import Path

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd01b00000002'
down_revision = 'd01a00000001'
branch_labels = None
depends_on = None

LICENSE_STATES = ('inquiry', 'nda_pending', 'evaluation', 'negotiation', 'legal_review',
                  'signing', 'active', 'terminated', 'expired', 'abandoned')
CONSORTIUM_STATES = ('draft', 'proposed', 'negotiation', 'legal_review', 'signing', 'active',
                     'suspended', 'dissolved')
PLAN_STATES = ('draft', 'acknowledgment', 'acknowledged', 'in_force', 'superseded',
               'terminated')
#: (table, states before, states added)
STATES = (('licenses', LICENSE_STATES, ('option_active', 'option_lapsed')),
          ('consortia', CONSORTIUM_STATES, ('dissolving',)),
          ('benefit_plans', PLAN_STATES, ('awaiting_signatures',)))


def _states(table: str, states: tuple[str, ...]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f'ck_{table}_state_valid'), type_='check')
        batch_op.create_check_constraint(
            op.f(f'ck_{table}_state_valid'),
            "state IN (" + ", ".join(f"'{s}'" for s in states) + ")")


def _restore_search_triggers(*tables: str) -> None:
    """A batch rebuild ("move and copy") of a searchable table drops its FTS5 triggers on
    SQLite: create them again (migration c20b00000009), or the list search goes stale."""
    if op.get_bind().dialect.name != "sqlite":
        return
    import importlib.util
    path = Path(__file__).with_name("c20b00000009_search.py")
    spec = importlib.util.spec_from_file_location("c20b00000009_search", path)
    search = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(search)
    for table in tables:
        search.create_sqlite_index(table)


def upgrade() -> None:
    with op.batch_alter_table('licenses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('option_period_months', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('option_fee', sa.Numeric(18, 2), nullable=True))
        batch_op.add_column(sa.Column('exercise_notice_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('exercise_license_type', sa.String(20), nullable=True))
        batch_op.add_column(sa.Column('exercise_terms', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('negotiation_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('option_ends_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('option_lapses_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('option_exercised_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('exercise_notice', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_licenses_option_lapses_on'), ['option_lapses_on'])
    for table, before, added in STATES:
        _states(table, before + added)
    # an inventor without an account: their IIN, printed where a document names them
    with op.batch_alter_table('inventors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('iin', sa.String(12), nullable=True))
    _restore_search_triggers('licenses', 'consortia', 'benefit_plans')


def downgrade() -> None:
    with op.batch_alter_table('inventors', schema=None) as batch_op:
        batch_op.drop_column('iin')
    for table, before, added in STATES:
        # a record in a state the old schema does not know goes back to the state before it
        back = {'option_active': 'active', 'option_lapsed': 'expired',
                'dissolving': 'dissolved', 'awaiting_signatures': 'in_force'}
        for state in added:
            op.execute(sa.text(f"UPDATE {table} SET state = :old WHERE state = :new")
                       .bindparams(old=back[state], new=state))
        _states(table, before)
    with op.batch_alter_table('licenses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_licenses_option_lapses_on'))
        for name in ('exercise_notice', 'option_exercised_at', 'option_lapses_on',
                     'option_ends_on', 'negotiation_days', 'exercise_terms',
                     'exercise_license_type', 'exercise_notice_days', 'option_fee',
                     'option_period_months'):
            batch_op.drop_column(name)
    _restore_search_triggers('licenses', 'consortia', 'benefit_plans')
