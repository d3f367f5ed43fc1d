"""a delegation's State, by its ISO 3166 code

Revision ID: 0007_delegation_state
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_delegation_state'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows keep NULL: the bot still finds them by any of their State's names (storage/registration.py).
    with op.batch_alter_table('delegation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state_code', sa.String(length=2), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_delegation_state_code'), ['state_code'])


def downgrade() -> None:
    with op.batch_alter_table('delegation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_delegation_state_code'), type_='unique')
        batch_op.drop_column('state_code')
