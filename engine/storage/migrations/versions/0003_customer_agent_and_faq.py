"""customer agent sessions, transcripts and FAQ entries

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 06:48:10.491089
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.storage.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "faq_entries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "organisation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("created_at", engine.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", engine.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["line_accounts.id"],
            name=op.f("fk_faq_entries_account_id_line_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_faq_entries_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_entries")),
    )
    with op.batch_alter_table("faq_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_faq_entries_org_account", ["organisation_id", "account_id"], unique=False
        )

    op.create_table(
        "agent_sessions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "organisation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "friend_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("run_id", sa.String(length=36), nullable=True),
        sa.Column("node_id", sa.String(length=64), nullable=True),
        sa.Column("origin_key", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("end_reason", sa.String(length=32), nullable=True),
        sa.Column(
            "config",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("started_at", engine.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "last_activity_at", engine.storage.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("expires_at", engine.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", engine.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["line_accounts.id"],
            name=op.f("fk_agent_sessions_account_id_line_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["friend_id"],
            ["friends.id"],
            name=op.f("fk_agent_sessions_friend_id_friends"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_agent_sessions_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_agent_sessions_run_id_runs"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_sessions")),
        sa.UniqueConstraint("origin_key", name=op.f("uq_agent_sessions_origin_key")),
    )
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_agent_sessions_friend_status", ["friend_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_agent_sessions_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index("ix_agent_sessions_run_node", ["run_id", "node_id"], unique=False)

    op.create_table(
        "agent_messages",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "session_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "friend_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("event_key", sa.String(length=100), nullable=True),
        sa.Column(
            "meta",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", engine.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["friend_id"],
            ["friends.id"],
            name=op.f("fk_agent_messages_friend_id_friends"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agent_sessions.id"],
            name=op.f("fk_agent_messages_session_id_agent_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_messages")),
        sa.UniqueConstraint("session_id", "event_key", name="uq_agent_messages_session_event"),
    )
    with op.batch_alter_table("agent_messages", schema=None) as batch_op:
        batch_op.create_index("ix_agent_messages_friend_id", ["friend_id", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agent_messages_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("agent_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agent_messages_session_id"))
        batch_op.drop_index("ix_agent_messages_friend_id")

    op.drop_table("agent_messages")
    with op.batch_alter_table("agent_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_agent_sessions_run_node")
        batch_op.drop_index(batch_op.f("ix_agent_sessions_organisation_id"))
        batch_op.drop_index("ix_agent_sessions_friend_status")

    op.drop_table("agent_sessions")
    with op.batch_alter_table("faq_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_faq_entries_org_account")

    op.drop_table("faq_entries")
