"""Four eyes on legal review and other careful-user checks

Revision ID: b11d00000004
Revises: b11b00000002
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'b11d00000004'
down_revision = 'b11b00000002'
branch_labels = None
depends_on = None

#: who sent a licence or a consortium agreement for legal review (four eyes on approval)
TABLES = ('licenses', 'consortia')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('review_requested_by_id', sa.Integer(),
                                          nullable=True))
            batch_op.create_foreign_key(
                batch_op.f(f'fk_{table}_review_requested_by_id_users'), 'users',
                ['review_requested_by_id'], ['id'])


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_review_requested_by_id_users'),
                                     type_='foreignkey')
            batch_op.drop_column('review_requested_by_id')
