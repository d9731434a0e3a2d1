"""Signatures with legal force: the signing method, EDS evidence, people's IIN

Revision ID: b13a00000001
Revises: b11d00000004
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'b13a00000001'
down_revision = 'b11d00000004'
branch_labels = None
depends_on = None

#: the evidence of an EDS signature (the CMS and the OCSP answer are stored by SHA-256)
EDS_COLUMNS = (
    ('cms_sha256', sa.String(length=64)),
    ('cert_subject', sa.String(length=1000)),
    ('cert_serial', sa.String(length=100)),
    ('cert_issuer', sa.String(length=1000)),
    ('cert_iin', sa.String(length=12)),
    ('cert_bin', sa.String(length=12)),
    ('cert_roles', sa.String(length=200)),
    ('cert_algorithm', sa.String(length=40)),
    ('cert_not_before', sa.DateTime(timezone=True)),
    ('cert_not_after', sa.DateTime(timezone=True)),
    ('ocsp_sha256', sa.String(length=64)),
)


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('iin', sa.String(length=12), nullable=True))
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        # every signature so far was a typed one
        batch_op.add_column(sa.Column('method', sa.String(length=10), nullable=False,
                                      server_default='typed'))
        for name, type_ in EDS_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        # an EDS has no typed name and no consent statement
        batch_op.alter_column('typed_name', existing_type=sa.String(length=200),
                              nullable=True)
        batch_op.alter_column('consent_text', existing_type=sa.Text(), nullable=True)


def downgrade():
    # an EDS signature keeps its row (its certificate evidence is lost with the columns)
    op.execute("UPDATE signatures SET typed_name = COALESCE(typed_name, ''), "
               "consent_text = COALESCE(consent_text, '')")
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.alter_column('consent_text', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('typed_name', existing_type=sa.String(length=200),
                              nullable=False)
        for name, _type in reversed(EDS_COLUMNS):
            batch_op.drop_column(name)
        batch_op.drop_column('method')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('iin')
