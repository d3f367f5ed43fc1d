"""matchmaking profile: organisation, shared contact, questions already asked

Revision ID: 0007_match_contact
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_match_contact'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('match_profile') as batch:
        batch.add_column(sa.Column('organisation', sa.String(length=200), nullable=False, server_default=''))
        batch.add_column(sa.Column('contact_email', sa.String(length=320), nullable=False, server_default=''))
        batch.add_column(sa.Column('asked', sa.JSON(), nullable=False, server_default='[]'))
    with op.batch_alter_table('match_profile') as batch:
        batch.alter_column('organisation', server_default=None)
        batch.alter_column('contact_email', server_default=None)
        batch.alter_column('asked', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('match_profile') as batch:
        batch.drop_column('asked')
        batch.drop_column('contact_email')
        batch.drop_column('organisation')
