"""event attempts and dead letters

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 15:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import engine.storage.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_attempt_at",
                                      engine.storage.types.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column("dead_at", engine.storage.types.UTCDateTime(timezone=True),
                                      nullable=True))
    # Every stored event is due from its arrival (the sweep orders by due time).
    op.execute("UPDATE webhook_events SET next_attempt_at = received_at "
               "WHERE next_attempt_at IS NULL")
    with op.batch_alter_table("webhook_events", schema=None) as batch_op:
        batch_op.drop_index("ix_webhook_events_status_id")
        batch_op.create_index("ix_webhook_events_status_next_attempt",
                              ["status", "next_attempt_at"], unique=False)


def downgrade() -> None:
    op.execute("UPDATE webhook_events SET status = 'failed' WHERE status = 'dead'")
    with op.batch_alter_table("webhook_events", schema=None) as batch_op:
        batch_op.drop_index("ix_webhook_events_status_next_attempt")
        batch_op.create_index("ix_webhook_events_status_id", ["status", "id"], unique=False)
        batch_op.drop_column("dead_at")
        batch_op.drop_column("next_attempt_at")
