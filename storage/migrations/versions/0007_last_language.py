"""member.last_language: the language a person last wrote in (reminders and notices use it)

Revision ID: 0007_last_language
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_last_language'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = ('last_language',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('member') as batch:
        batch.add_column(sa.Column('last_language', sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('member') as batch:
        batch.drop_column('last_language')
