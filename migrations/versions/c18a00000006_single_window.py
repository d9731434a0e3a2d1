"""offers, requests, matches (issue 18)

Revision ID: c18a00000006
Revises: c16a00000005
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'c18a00000006'
down_revision = 'c16a00000005'
branch_labels = None
depends_on = None

_UTC = sa.DateTime(timezone=True)


def _common():
    return [
        sa.Column('field', sa.String(40), nullable=True),
        sa.Column('keywords', sa.JSON(), nullable=False),
        sa.Column('sector_codes', sa.JSON(), nullable=False),
        sa.Column('science_codes', sa.JSON(), nullable=False),
        sa.Column('language', sa.String(2), nullable=False),
        sa.Column('region', sa.String(60), nullable=True),
        sa.Column('organization_id', sa.Integer(), sa.ForeignKey('organizations.id'), nullable=False),
        sa.Column('created_by_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('search_text', sa.Text(), nullable=False),
        sa.Column('state', sa.String(20), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', _UTC, nullable=False),
        sa.Column('updated_at', _UTC, nullable=False),
        sa.Column('published_at', _UTC, nullable=True),
    ]


def _search_index(table: str, fts: str) -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(f"CREATE INDEX ix_{table}_search ON {table} "
                   f"USING gin (to_tsvector('simple', search_text))")
        return
    op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
               f"content_rowid='id', tokenize=\"unicode61 remove_diacritics 0\")")
    op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
               f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END")
    op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, search_text) "
               f"VALUES ('delete', old.id, old.search_text); END")
    op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, search_text) "
               f"VALUES ('delete', old.id, old.search_text); "
               f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END")


def upgrade():
    op.create_table(
        'offers',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('title', sa.String(300), nullable=False),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(20), nullable=False),
        sa.Column('trl', sa.Integer(), nullable=True),
        sa.Column('stage_key', sa.String(20), nullable=True),
        sa.Column('disclosure_id', sa.Integer(), sa.ForeignKey('disclosures.id'), nullable=True),
        sa.Column('ip_status', sa.String(20), nullable=False),
        sa.Column('ip_numbers', sa.String(200), nullable=True),
        sa.Column('confirmed_public', sa.Boolean(), nullable=False),
        *_common(),
        sa.CheckConstraint("state IN ('draft', 'published', 'withdrawn')",
                           name=op.f('ck_offers_state_valid')),
        sa.CheckConstraint("kind IN ('technology', 'rd_service', 'equipment')",
                           name=op.f('ck_offers_kind_valid')),
        sa.CheckConstraint("trl IS NULL OR (trl >= 1 AND trl <= 9)",
                           name=op.f('ck_offers_trl_range')),
    )
    op.create_index('ix_offers_state', 'offers', ['state'])
    op.create_index('ix_offers_field', 'offers', ['field'])
    op.create_index('ix_offers_organization_id', 'offers', ['organization_id'])
    op.create_index('ix_offers_disclosure_id', 'offers', ['disclosure_id'])
    op.create_index('ix_offers_state_stage', 'offers', ['state', 'stage_key', 'id'])
    op.create_table(
        'tech_requests',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('title', sa.String(300), nullable=False),
        sa.Column('problem', sa.Text(), nullable=False),
        sa.Column('context_makes', sa.Text(), nullable=True),
        sa.Column('context_fails', sa.Text(), nullable=True),
        sa.Column('context_tried', sa.Text(), nullable=True),
        sa.Column('success_criteria', sa.Text(), nullable=True),
        sa.Column('trl_min', sa.Integer(), nullable=True),
        sa.Column('budget_min', sa.Numeric(18, 2), nullable=True),
        sa.Column('budget_max', sa.Numeric(18, 2), nullable=True),
        sa.Column('currency', sa.String(3), nullable=True),
        sa.Column('deadline', sa.Date(), nullable=True),
        sa.Column('closed_at', _UTC, nullable=True),
        *_common(),
        sa.CheckConstraint("state IN ('draft', 'open', 'closed')",
                           name=op.f('ck_tech_requests_state_valid')),
        sa.CheckConstraint("trl_min IS NULL OR (trl_min >= 1 AND trl_min <= 9)",
                           name=op.f('ck_tech_requests_trl_min_range')),
    )
    op.create_index('ix_tech_requests_state', 'tech_requests', ['state'])
    op.create_index('ix_tech_requests_field', 'tech_requests', ['field'])
    op.create_index('ix_tech_requests_organization_id', 'tech_requests', ['organization_id'])
    op.create_table(
        'catalogue_matches',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('offer_id', sa.Integer(), sa.ForeignKey('offers.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('request_id', sa.Integer(),
                  sa.ForeignKey('tech_requests.id', ondelete='CASCADE'), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('reasons', sa.JSON(), nullable=False),
        sa.Column('computed_at', _UTC, nullable=False),
        sa.UniqueConstraint('offer_id', 'request_id', name='uq_match_pair'),
    )
    op.create_index('ix_matches_request_score', 'catalogue_matches', ['request_id', 'score'])
    op.create_index('ix_matches_offer_score', 'catalogue_matches', ['offer_id', 'score'])
    op.create_table(
        'catalogue_interests',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('offer_id', sa.Integer(), sa.ForeignKey('offers.id'), nullable=False),
        sa.Column('request_id', sa.Integer(), sa.ForeignKey('tech_requests.id'), nullable=True),
        sa.Column('organization_id', sa.Integer(), sa.ForeignKey('organizations.id'),
                  nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('license_id', sa.Integer(), sa.ForeignKey('licenses.id'), nullable=True),
        sa.Column('consortium_id', sa.Integer(), sa.ForeignKey('consortia.id'), nullable=True),
        sa.Column('created_at', _UTC, nullable=False),
    )
    for col in ('offer_id', 'request_id', 'organization_id', 'license_id', 'consortium_id'):
        op.create_index(f'ix_catalogue_interests_{col}', 'catalogue_interests', [col])
    with op.batch_alter_table('licenses') as batch:
        batch.add_column(sa.Column('offer_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('request_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_licenses_offer_id_offers', 'offers', ['offer_id'], ['id'])
        batch.create_foreign_key('fk_licenses_request_id_tech_requests', 'tech_requests',
                                 ['request_id'], ['id'])
        batch.create_index('ix_licenses_offer_id', ['offer_id'])
    _search_index('offers', 'offers_fts')
    _search_index('tech_requests', 'tech_requests_fts')


def downgrade():
    with op.batch_alter_table('licenses') as batch:
        batch.drop_index('ix_licenses_offer_id')
        batch.drop_constraint('fk_licenses_request_id_tech_requests', type_='foreignkey')
        batch.drop_constraint('fk_licenses_offer_id_offers', type_='foreignkey')
        batch.drop_column('request_id')
        batch.drop_column('offer_id')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP INDEX IF EXISTS ix_offers_search")
        op.execute("DROP INDEX IF EXISTS ix_tech_requests_search")
    else:
        for fts in ('offers_fts', 'tech_requests_fts'):
            for suffix in ('ai', 'ad', 'au'):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    op.drop_table('catalogue_interests')
    op.drop_table('catalogue_matches')
    op.drop_table('tech_requests')
    op.drop_table('offers')
