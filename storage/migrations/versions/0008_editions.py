"""editions of a series: registrations per edition, need confidentiality, carry-over

Revision ID: 0008_editions
Revises: 0007_delegation_state, 0007_match_contact
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008_editions'
down_revision: str | Sequence[str] | None = ('0007_delegation_state', '0007_match_contact')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing registrations get "" and are adopted by the edition the bot next starts with
    # (storage/editions.py), since a migration cannot know which event file they answered.
    with op.batch_alter_table('registration') as batch:
        batch.add_column(sa.Column('event_id', sa.String(length=80), nullable=False, server_default=''))
        batch.drop_constraint(batch.f('uq_registration_delegation_id'), type_='unique')
        batch.create_unique_constraint(batch.f('uq_registration_delegation_id'), ['delegation_id', 'event_id'])
    with op.batch_alter_table('interest') as batch:
        batch.add_column(sa.Column('visibility', sa.String(length=12), nullable=False, server_default='providers'))
        batch.add_column(sa.Column('carried_from', sa.Integer(), nullable=True))
    op.create_table('carry_over',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=80), nullable=False),
    sa.Column('from_event_id', sa.String(length=80), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=False),
    sa.Column('user_key', sa.String(length=220), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('capability', sa.String(length=40), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('visibility', sa.String(length=12), nullable=False),
    sa.Column('decision', sa.String(length=10), nullable=False),
    sa.Column('new_text', sa.String(length=500), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carry_over')),
    sa.UniqueConstraint('event_id', 'previous_id', name=op.f('uq_carry_over_event_id'))
    )


def downgrade() -> None:
    op.drop_table('carry_over')
    with op.batch_alter_table('interest') as batch:
        batch.drop_column('carried_from')
        batch.drop_column('visibility')
    with op.batch_alter_table('registration') as batch:
        batch.drop_constraint(batch.f('uq_registration_delegation_id'), type_='unique')
        batch.create_unique_constraint(batch.f('uq_registration_delegation_id'), ['delegation_id'])
        batch.drop_column('event_id')
