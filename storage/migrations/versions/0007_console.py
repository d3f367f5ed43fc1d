"""organiser console: sign-in links, sessions and settings

Revision ID: 0007_console
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_console'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = ('console',)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('console_link',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_key', sa.String(length=220), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_console_link'))
    )
    op.create_table('console_session',
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('user_key', sa.String(length=220), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_console_session'))
    )
    op.create_index('ix_console_session_user_key', 'console_session', ['user_key'], unique=False)
    op.create_table('console_setting',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_console_setting'))
    )


def downgrade() -> None:
    op.drop_table('console_setting')
    op.drop_index('ix_console_session_user_key', table_name='console_session')
    op.drop_table('console_session')
    op.drop_table('console_link')
