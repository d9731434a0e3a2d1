"""docket done: a due date marked done by legal staff (who, when, a note) (issue 19).

The docket's queries keep reading the (organization_id, due) index: the page, its sorts and
its filters are one index range of the organisation's window joined by primary key.

Revision ID: d01d00000004
Revises: d01c00000003
"""
import sqlalchemy as sa
from alembic import op

_UTC = sa.DateTime(timezone=True)

# revision identifiers, used by Alembic.
revision = 'd01d00000004'
down_revision = 'd01c00000003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('docket_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('done_at', _UTC, nullable=True))
        batch_op.add_column(sa.Column('done_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('done_note', sa.String(length=300), nullable=True))
        batch_op.create_foreign_key(op.f('fk_docket_entries_done_by_id_users'), 'users',
                                    ['done_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('docket_entries', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_docket_entries_done_by_id_users'),
                                 type_='foreignkey')
        batch_op.drop_column('done_note')
        batch_op.drop_column('done_by_id')
        batch_op.drop_column('done_at')
