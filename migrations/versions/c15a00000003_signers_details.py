"""signature blocks, party details and executed documents (issue 15)

The details a Kazakh counterparty expects of each party: its legal form, bank details (IBAN,
BIK, bank, Kbe) and the basis of its signatory's authority; the legal address is ``address``.

Revision ID: c15a00000003
Revises: c14b00000002
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'c15a00000003'
down_revision = 'c14b00000002'
branch_labels = None
depends_on = None

COLUMNS = (
    ("legal_form", 200), ("iban", 34), ("bik", 11), ("bank_name", 200), ("kbe", 2),
    ("signatory_basis", 300),
)


def upgrade():
    with op.batch_alter_table("organizations") as batch:
        for name, length in COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length), nullable=True))


def downgrade():
    with op.batch_alter_table("organizations") as batch:
        for name, _length in reversed(COLUMNS):
            batch.drop_column(name)
