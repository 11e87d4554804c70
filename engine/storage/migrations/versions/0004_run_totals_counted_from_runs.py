"""run totals counted from runs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 07:16:03.251767
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.storage.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workflows", schema=None) as batch_op:
        batch_op.drop_column("run_count")
        batch_op.drop_column("last_run_at")


def downgrade() -> None:
    with op.batch_alter_table("workflows", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_run_at", engine.storage.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("run_count", sa.Integer(), nullable=False, server_default="0")
        )
