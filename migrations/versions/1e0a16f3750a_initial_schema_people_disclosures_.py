"""Initial schema: people, disclosures, documents, signatures and the audit chain.

Revision ID: 1e0a16f3750a
Revises: 
Create Date: 2026-11-23 15:05:56.797912

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1e0a16f3750a'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_chain_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_event_id', sa.Integer(), nullable=True),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain_head'))
    )
    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.Enum('university', 'research_institute', 'enterprise', 'government_body', 'fund', name='orgkind', native_enum=False, length=40), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('bin', sa.String(length=40), nullable=True),
    sa.Column('address', sa.String(length=500), nullable=True),
    sa.Column('signatory_user_id', sa.Integer(), nullable=True),
    sa.Column('signatory_title', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('name', name=op.f('uq_organizations_name'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('researcher', 'legal', 'partner', 'admin', name='role', native_enum=False, length=20), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_users_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_organization_id'), ['organization_id'], unique=False)
    # organisations and users refer to each other: the signatory link comes once both exist
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_organizations_signatory_user_id_users'),
                                    'users', ['signatory_user_id'], ['id'], ondelete='SET NULL')

    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('disclosures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reg_number', sa.String(length=40), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('abstract', sa.Text(), nullable=False),
    sa.Column('background', sa.Text(), nullable=True),
    sa.Column('novelty', sa.Text(), nullable=True),
    sa.Column('field', sa.String(length=300), nullable=True),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('funding_source', sa.String(length=40), nullable=False),
    sa.Column('grant_numbers', sa.String(length=500), nullable=True),
    sa.Column('conception_date', sa.Date(), nullable=True),
    sa.Column('reduction_to_practice_date', sa.Date(), nullable=True),
    sa.Column('public_disclosure_date', sa.Date(), nullable=True),
    sa.Column('public_disclosure_details', sa.Text(), nullable=True),
    sa.Column('interested_partners', sa.Text(), nullable=True),
    sa.Column('consortium_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('trl', sa.Integer(), nullable=True),
    sa.Column('crl', sa.Integer(), nullable=True),
    sa.Column('mrl', sa.Integer(), nullable=True),
    sa.Column('irl', sa.Integer(), nullable=True),
    sa.Column('ownership', sa.String(length=20), nullable=True),
    sa.Column('recommendation', sa.Text(), nullable=True),
    sa.Column('assessed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('patent_office', sa.String(length=200), nullable=True),
    sa.Column('application_number', sa.String(length=100), nullable=True),
    sa.Column('filing_date', sa.Date(), nullable=True),
    sa.Column('patent_number', sa.String(length=100), nullable=True),
    sa.Column('grant_date', sa.Date(), nullable=True),
    sa.CheckConstraint("state IN ('draft', 'submitted', 'under_review', 'revision_requested', 'assessed', 'assignment_pending', 'protected', 'trade_secret', 'released', 'patent_pending', 'patented', 'withdrawn', 'abandoned')", name=op.f('ck_disclosures_state_valid')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_disclosures_created_by_id_users')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_disclosures_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosures')),
    sa.UniqueConstraint('reg_number', name=op.f('uq_disclosures_reg_number'))
    )
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosures_consortium_id'), ['consortium_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosures_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_disclosures_state'), ['state'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=60), nullable=False),
    sa.Column('from_state', sa.String(length=40), nullable=True),
    sa.Column('to_state', sa.String(length=40), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('document_ids', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_events_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('hash', name=op.f('uq_events_hash'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_record', ['record_type', 'record_id', 'id'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_type', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('template', sa.String(length=80), nullable=False),
    sa.Column('template_version', sa.String(length=20), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('superseded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_documents_event_id_events')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index('ix_documents_record', ['record_type', 'record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_sha256'), ['sha256'], unique=False)

    op.create_table('inventors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('disclosure_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('share_percent', sa.Numeric(precision=6, scale=3), nullable=False),
    sa.CheckConstraint('share_percent > 0 AND share_percent <= 100', name=op.f('ck_inventors_share_range')),
    sa.ForeignKeyConstraint(['disclosure_id'], ['disclosures.id'], name=op.f('fk_inventors_disclosure_id_disclosures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_inventors_organization_id_organizations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_inventors_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inventors')),
    sa.UniqueConstraint('disclosure_id', 'position', name='uq_inventors_position')
    )
    with op.batch_alter_table('inventors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inventors_disclosure_id'), ['disclosure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inventors_user_id'), ['user_id'], unique=False)

    op.create_table('required_signers',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_required_signers_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_required_signers_user_id_users')),
    sa.PrimaryKeyConstraint('document_id', 'user_id', name=op.f('pk_required_signers'))
    )
    with op.batch_alter_table('required_signers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_required_signers_user_id'), ['user_id'], unique=False)

    op.create_table('signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('signer_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('typed_name', sa.String(length=200), nullable=False),
    sa.Column('consent_text', sa.Text(), nullable=False),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('document_sha256', sa.String(length=64), nullable=False),
    sa.Column('ip', sa.String(length=64), nullable=True),
    sa.Column('user_agent', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_signatures_document_id_documents')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_signatures_organization_id_organizations')),
    sa.ForeignKeyConstraint(['signer_id'], ['users.id'], name=op.f('fk_signatures_signer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatures')),
    sa.UniqueConstraint('document_id', 'signer_id', name='uq_signatures_signer')
    )
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signatures_document_id'), ['document_id'], unique=False)

    op.execute("INSERT INTO audit_chain_head (id, last_event_id, last_hash) "
               "VALUES (1, NULL, '" + "0" * 64 + "')")
    # ### end Alembic commands ###


def downgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organizations_signatory_user_id_users'),
                                 type_='foreignkey')
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signatures_document_id'))

    op.drop_table('signatures')
    with op.batch_alter_table('required_signers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_required_signers_user_id'))

    op.drop_table('required_signers')
    with op.batch_alter_table('inventors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inventors_user_id'))
        batch_op.drop_index(batch_op.f('ix_inventors_disclosure_id'))

    op.drop_table('inventors')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_sha256'))
        batch_op.drop_index('ix_documents_record')

    op.drop_table('documents')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_record')

    op.drop_table('events')
    with op.batch_alter_table('disclosures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosures_state'))
        batch_op.drop_index(batch_op.f('ix_disclosures_organization_id'))
        batch_op.drop_index(batch_op.f('ix_disclosures_consortium_id'))

    op.drop_table('disclosures')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_organization_id'))

    op.drop_table('users')
    op.drop_table('organizations')
    op.drop_table('audit_chain_head')
    # ### end Alembic commands ###
