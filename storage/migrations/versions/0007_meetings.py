"""matchmaking meetings: preferences, planned meetings, outcomes

Revision ID: 0007_meetings
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_meetings'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = ('meetings',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('meeting_preference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=80), nullable=False),
    sa.Column('user_key', sa.String(length=220), nullable=False),
    sa.Column('counterpart_key', sa.String(length=220), nullable=False),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_preference')),
    sa.UniqueConstraint('event_id', 'user_key', 'counterpart_key', name=op.f('uq_meeting_preference_event_id'))
    )
    op.create_table('planned_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=80), nullable=False),
    sa.Column('stage', sa.String(length=12), nullable=False),
    sa.Column('requester_key', sa.String(length=220), nullable=False),
    sa.Column('provider_key', sa.String(length=220), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('why', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('requester_key <> provider_key', name=op.f('ck_planned_meeting_not_self')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planned_meeting')),
    sa.UniqueConstraint('event_id', 'stage', 'requester_key', 'provider_key', name=op.f('uq_planned_meeting_event_id')),
    sa.UniqueConstraint('event_id', 'stage', 'starts_at', 'table_name', name='uq_planned_meeting_table_slot')
    )
    op.create_index('ix_planned_meeting_starts_at', 'planned_meeting', ['starts_at'], unique=False)
    op.create_table('meeting_outcome',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=80), nullable=False),
    sa.Column('requester_key', sa.String(length=220), nullable=False),
    sa.Column('provider_key', sa.String(length=220), nullable=False),
    sa.Column('user_key', sa.String(length=220), nullable=False),
    sa.Column('happened', sa.String(length=12), nullable=True),
    sa.Column('follow_up', sa.String(length=12), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('follow_up_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_outcome')),
    sa.UniqueConstraint('event_id', 'requester_key', 'provider_key', 'user_key', name=op.f('uq_meeting_outcome_event_id'))
    )


def downgrade() -> None:
    op.drop_table('meeting_outcome')
    op.drop_index('ix_planned_meeting_starts_at', table_name='planned_meeting')
    op.drop_table('planned_meeting')
    op.drop_table('meeting_preference')
