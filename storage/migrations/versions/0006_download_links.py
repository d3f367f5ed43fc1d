"""single-use download links

Revision ID: 0006
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = ('files',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('download',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_key', sa.String(length=220), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_download'))
    )


def downgrade() -> None:
    op.drop_table('download')
