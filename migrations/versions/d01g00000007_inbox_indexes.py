"""Indexes the inbox needs at scale: recent declines by trigger and time, and the offers an
organisation still has in draft (every other offer is published), and the open
technology requests by field (the dashboard).

Revision ID: d01g00000007
Revises: d01f00000006
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd01g00000007'
down_revision = 'd01f00000006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_trigger_at", "events", ["trigger", "at"])
    op.create_index("ix_offers_state_org", "offers", ["state", "organization_id"])
    op.create_index("ix_tech_requests_state_field", "tech_requests", ["state", "field"])


def downgrade() -> None:
    op.drop_index("ix_tech_requests_state_field", table_name="tech_requests")
    op.drop_index("ix_offers_state_org", table_name="offers")
    op.drop_index("ix_events_trigger_at", table_name="events")
