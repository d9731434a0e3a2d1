"""patent filings, costs, attachments, licence registration (issue 19)

Revision ID: c19a00000007
Revises: c18a00000006
"""
from alembic import op
import sqlalchemy as sa

_UTC = sa.DateTime(timezone=True)

# revision identifiers, used by Alembic.
revision = 'c19a00000007'
down_revision = 'c18a00000006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'patent_filings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('disclosure_id', sa.Integer(), nullable=False),
        sa.Column('organization_id', sa.Integer(), nullable=False),
        sa.Column('office', sa.String(length=8), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('application_number', sa.String(length=100), nullable=True),
        sa.Column('filing_date', sa.Date(), nullable=True),
        sa.Column('priority_claims', sa.JSON(), nullable=False),
        sa.Column('publication_number', sa.String(length=100), nullable=True),
        sa.Column('publication_date', sa.Date(), nullable=True),
        sa.Column('grant_number', sa.String(length=100), nullable=True),
        sa.Column('grant_date', sa.Date(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('attorney', sa.String(length=300), nullable=True),
        sa.Column('office_action_due', sa.Date(), nullable=True),
        sa.Column('office_action_note', sa.Text(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', _UTC, nullable=False),
        sa.Column('updated_at', _UTC, nullable=False),
        sa.CheckConstraint("kind IN ('invention', 'utility_model')",
                           name=op.f('ck_patent_filings_kind_valid')),
        sa.CheckConstraint("status IN ('filed', 'published', 'granted', 'refused', "
                           "'withdrawn', 'lapsed')", name=op.f('ck_patent_filings_status_valid')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_patent_filings_created_by_id_users')),
        sa.ForeignKeyConstraint(['disclosure_id'], ['disclosures.id'],
                                name=op.f('fk_patent_filings_disclosure_id_disclosures')),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                                name=op.f('fk_patent_filings_organization_id_organizations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_patent_filings')),
    )
    op.create_index(op.f('ix_patent_filings_disclosure_id'), 'patent_filings',
                    ['disclosure_id'])
    op.create_index(op.f('ix_patent_filings_organization_id'), 'patent_filings',
                    ['organization_id'])
    op.create_table(
        'patent_costs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('filing_id', sa.Integer(), nullable=False),
        sa.Column('disclosure_id', sa.Integer(), nullable=False),
        sa.Column('paid_on', sa.Date(), nullable=False),
        sa.Column('amount', sa.Numeric(precision=20, scale=4), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('note', sa.String(length=300), nullable=True),
        sa.Column('recovery_revenue_id', sa.Integer(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', _UTC, nullable=False),
        sa.CheckConstraint('amount > 0', name=op.f('ck_patent_costs_amount_positive')),
        sa.CheckConstraint("kind IN ('official_fee', 'attorney_fee')",
                           name=op.f('ck_patent_costs_kind_valid')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_patent_costs_created_by_id_users')),
        sa.ForeignKeyConstraint(['disclosure_id'], ['disclosures.id'],
                                name=op.f('fk_patent_costs_disclosure_id_disclosures')),
        sa.ForeignKeyConstraint(['filing_id'], ['patent_filings.id'],
                                name=op.f('fk_patent_costs_filing_id_patent_filings')),
        sa.ForeignKeyConstraint(['recovery_revenue_id'], ['revenues.id'],
                                name=op.f('fk_patent_costs_recovery_revenue_id_revenues')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_patent_costs')),
    )
    op.create_index(op.f('ix_patent_costs_disclosure_id'), 'patent_costs', ['disclosure_id'])
    op.create_index(op.f('ix_patent_costs_filing_id'), 'patent_costs', ['filing_id'])
    op.create_table(
        'docket_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organization_id', sa.Integer(), nullable=False),
        sa.Column('disclosure_id', sa.Integer(), nullable=False),
        sa.Column('filing_id', sa.Integer(), nullable=False),
        sa.Column('due', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('office', sa.String(length=8), nullable=False),
        sa.Column('message', sa.String(length=300), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('reminded_days', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['disclosure_id'], ['disclosures.id'],
                                name=op.f('fk_docket_entries_disclosure_id_disclosures')),
        sa.ForeignKeyConstraint(['filing_id'], ['patent_filings.id'],
                                name=op.f('fk_docket_entries_filing_id_patent_filings')),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                                name=op.f('fk_docket_entries_organization_id_organizations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_docket_entries')),
    )
    op.create_index('ix_docket_entries_org_due', 'docket_entries', ['organization_id', 'due'])
    op.create_index(op.f('ix_docket_entries_disclosure_id'), 'docket_entries',
                    ['disclosure_id'])
    op.create_index(op.f('ix_docket_entries_filing_id'), 'docket_entries', ['filing_id'])
    op.create_index(op.f('ix_docket_entries_due'), 'docket_entries', ['due'])
    op.create_table(
        'license_registrations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('license_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('submitted_on', sa.Date(), nullable=True),
        sa.Column('registration_number', sa.String(length=100), nullable=True),
        sa.Column('registered_on', sa.Date(), nullable=True),
        sa.Column('reminded_on', sa.Date(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', _UTC, nullable=False),
        sa.CheckConstraint("state IN ('not_submitted', 'submitted', 'registered')",
                           name=op.f('ck_license_registrations_state_valid')),
        sa.ForeignKeyConstraint(['license_id'], ['licenses.id'],
                                name=op.f('fk_license_registrations_license_id_licenses')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_license_registrations')),
        sa.UniqueConstraint('license_id', name=op.f('uq_license_registrations_license_id')),
    )
    op.create_table(
        'attachments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('record_type', sa.String(length=40), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('note', sa.String(length=1000), nullable=True),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('content_type', sa.String(length=100), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
        sa.Column('uploaded_at', _UTC, nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('drawing', 'lab_notebook', 'prior_art', 'office_action', "
                           "'signed_scan', 'other')", name=op.f('ck_attachments_kind_valid')),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'],
                                name=op.f('fk_attachments_event_id_events')),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'],
                                name=op.f('fk_attachments_uploaded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
    )
    op.create_index('ix_attachments_record', 'attachments', ['record_type', 'record_id'])


def downgrade():
    op.drop_index('ix_attachments_record', table_name='attachments')
    op.drop_table('attachments')
    op.drop_table('license_registrations')
    for name in ('ix_docket_entries_due', 'ix_docket_entries_filing_id',
                 'ix_docket_entries_disclosure_id'):
        op.drop_index(op.f(name), table_name='docket_entries')
    op.drop_index('ix_docket_entries_org_due', table_name='docket_entries')
    op.drop_table('docket_entries')
    op.drop_index(op.f('ix_patent_costs_filing_id'), table_name='patent_costs')
    op.drop_index(op.f('ix_patent_costs_disclosure_id'), table_name='patent_costs')
    op.drop_table('patent_costs')
    op.drop_index(op.f('ix_patent_filings_organization_id'), table_name='patent_filings')
    op.drop_index(op.f('ix_patent_filings_disclosure_id'), table_name='patent_filings')
    op.drop_table('patent_filings')
