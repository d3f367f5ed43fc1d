"""claims on inbound events: status, lease and the message until it is answered

Revision ID: 0007_answer_claims
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_answer_claims'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = ('answer_claims',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('processed_event') as batch:
        batch.add_column(sa.Column('status', sa.String(length=16), server_default='answered', nullable=False))
        batch.add_column(sa.Column('claimed_by', sa.String(length=120), nullable=True))
        batch.add_column(sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('message', sa.JSON(), nullable=True))
        batch.create_index('ix_processed_event_status_claimed_until', ['status', 'claimed_until'])


def downgrade() -> None:
    with op.batch_alter_table('processed_event') as batch:
        batch.drop_index('ix_processed_event_status_claimed_until')
        batch.drop_column('message')
        batch.drop_column('claimed_until')
        batch.drop_column('claimed_by')
        batch.drop_column('status')
