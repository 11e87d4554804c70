"""step wait times: how long a Delay or Question step waited, and when its current wait began

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 21:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.storage.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: steps recorded before this migration (and steps that never wait) have neither.
    with op.batch_alter_table("steps") as batch:
        batch.add_column(sa.Column("wait_started_at",
                                   engine.storage.types.UTCDateTime(timezone=True),
                                   nullable=True))
        batch.add_column(sa.Column("waited_seconds", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("steps") as batch:
        batch.drop_column("waited_seconds")
        batch.drop_column("wait_started_at")
