"""SQLAlchemy 2.x models. Every resource belongs to one organisation."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from engine import clock
from engine.storage.types import JSONType, UTCDateTime

# Stable constraint names so Alembic migrations match on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSONType,
                           list[Any]: JSONType}


def _now() -> datetime:
    return clock.now()


def _uuid() -> str:
    return str(uuid.uuid4())


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=_now)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="admin")  # admin | editor | viewer
    created_at: Mapped[datetime] = mapped_column(default=_now)
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="api")
    kind: Mapped[str] = mapped_column(String(20), default="api")  # api | session
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    user: Mapped[User] = relationship(lazy="joined")


class LineAccount(Base):
    __tablename__ = "line_accounts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    channel_id: Mapped[str] = mapped_column(String(64), unique=True)
    # Fernet ciphertexts (engine.crypto); never returned by the API.
    channel_secret_enc: Mapped[str] = mapped_column(Text)
    access_token_enc: Mapped[str] = mapped_column(Text)
    bot_user_id: Mapped[str | None] = mapped_column(String(64))
    basic_id: Mapped[str | None] = mapped_column(String(64))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Tokyo")
    # Signs POST /webhooks/commerce/{account id}; shown once, at account creation.
    commerce_secret_enc: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class Friend(Base):
    __tablename__ = "friends"
    __table_args__ = (UniqueConstraint("account_id", "line_user_id",
                                       name="uq_friends_account_user"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("line_accounts.id", ondelete="CASCADE"))
    line_user_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    picture_url: Mapped[str | None] = mapped_column(String(1000))
    language: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | blocked
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    followed_at: Mapped[datetime | None]
    blocked_at: Mapped[datetime | None]
    last_seen_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=_now)
    # Loaded when used (branches, the friends API), not with every friend.
    tags: Mapped[list[Tag]] = relationship(secondary="friend_tags", lazy="select")


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("organisation_id", "name", name="uq_tags_org_name"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=_now)


class FriendTag(Base):
    __tablename__ = "friend_tags"
    friend_id: Mapped[int] = mapped_column(ForeignKey("friends.id", ondelete="CASCADE"),
                                           primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"),
                                        primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class AutoMessage(Base):
    __tablename__ = "auto_messages"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    messages: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)


class RichMenu(Base):
    __tablename__ = "rich_menus"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("line_accounts.id",
                                                              ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    line_rich_menu_id: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=_now)


class QrCode(Base):
    __tablename__ = "qr_codes"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("line_accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    prefill_text: Mapped[str] = mapped_column(String(300))
    scan_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class Integration(Base):
    __tablename__ = "integrations"
    __table_args__ = (UniqueConstraint("organisation_id", "kind", name="uq_integrations_org_kind"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # hubspot | klaviyo
    api_key_enc: Mapped[str] = mapped_column(Text)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class Workflow(Base):
    __tablename__ = "workflows"
    __table_args__ = (Index("ix_workflows_org_updated", "organisation_id", "updated_at"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft|active|inactive
    latest_revision: Mapped[int] = mapped_column(default=1)
    # The revision that runs; None until first activation. Kept while inactive so history
    # and waiting runs still know what they ran.
    published_revision: Mapped[int | None]
    reentry: Mapped[str] = mapped_column(String(16), default="not_concurrent")
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now)
    activated_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]


class WorkflowRevision(Base):
    __tablename__ = "workflow_revisions"
    __table_args__ = (UniqueConstraint("workflow_id", "number",
                                       name="uq_workflow_revisions_workflow_number"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflows.id", ondelete="CASCADE"))
    number: Mapped[int]
    definition: Mapped[dict[str, Any]]
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                      ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=_now)


class Run(Base):
    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_workflow_created", "workflow_id", "created_at"),
                      Index("ix_runs_friend_status", "friend_id", "status"))
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_uuid)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflows.id", ondelete="CASCADE"))
    revision: Mapped[int]
    account_id: Mapped[int] = mapped_column(ForeignKey("line_accounts.id", ondelete="CASCADE"))
    friend_id: Mapped[int | None] = mapped_column(ForeignKey("friends.id", ondelete="CASCADE"))
    trigger_node_id: Mapped[str] = mapped_column(String(64))
    trigger_event_id: Mapped[str | None] = mapped_column(String(64))
    # queued | running | waiting | completed | failed | cancelled
    status: Mapped[str] = mapped_column(String(16), default="queued")
    current_node_id: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    context: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # A worker owns a running run until this time; after it, recovery may take it over.
    lease_until: Mapped[datetime | None]


class Step(Base):
    __tablename__ = "steps"
    __table_args__ = (UniqueConstraint("run_id", "node_id", "visit",
                                       name="uq_steps_run_node_visit"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[str] = mapped_column(String(64))
    node_type: Mapped[str] = mapped_column(String(64))
    visit: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(16), default="running")
    attempt: Mapped[int] = mapped_column(default=1)
    output_handle: Mapped[str | None] = mapped_column(String(64))
    output: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(default=_now)
    finished_at: Mapped[datetime | None]
    # A Delay or Question's waits (a Question re-prompting waits more than once): the history
    # tells waiting from running. waited_seconds sums the waits that ended.
    wait_started_at: Mapped[datetime | None]
    waited_seconds: Mapped[float | None] = mapped_column(Float)
    purged: Mapped[bool] = mapped_column(Boolean, default=False)


class WebhookEvent(Base):
    """Every inbound event, stored once before it is acknowledged."""

    __tablename__ = "webhook_events"
    __table_args__ = (UniqueConstraint("account_id", "event_key",
                                       name="uq_webhook_events_account_key"),
                      # The sweep's order (due time); replaces (status, id) of 0002, so an
                      # event's status change still maintains one index.
                      Index("ix_webhook_events_status_next_attempt", "status",
                            "next_attempt_at"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("line_accounts.id", ondelete="CASCADE"))
    # LINE's webhookEventId, or the shop's event id for commerce events.
    event_key: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(16), default="line")  # line | commerce
    event_type: Mapped[str] = mapped_column(String(40))
    line_user_id: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    # pending | processing | processed | ignored | failed | dead (a dead letter: its handler
    # failed `attempts` times, or the event can never be processed; `error` says why)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    # Failed attempts are counted outside the handler's (rolled back) transaction.
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=_now)
    # When a pending event is due (again): its arrival, then later after each failure.
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=_now)
    claimed_at: Mapped[datetime | None]
    processed_at: Mapped[datetime | None]
    dead_at: Mapped[datetime | None]


class Wait(Base):
    """A durable wait: a Delay's wake time, or a Question waiting for an answer."""

    __tablename__ = "waits"
    __table_args__ = (Index("ix_waits_status_wake", "status", "wake_at"),
                      Index("ix_waits_friend_kind_status", "friend_id", "kind", "status"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # delay | question
    friend_id: Mapped[int | None] = mapped_column(ForeignKey("friends.id", ondelete="CASCADE"))
    wake_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|claimed|done
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    claimed_at: Mapped[datetime | None]


class FaqEntry(Base):
    """A question and its answer, the Customer Agent's offline knowledge."""

    __tablename__ = "faq_entries"
    __table_args__ = (Index("ix_faq_entries_org_account", "organisation_id", "account_id"),)
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"))
    # None: shared by every LINE account of the organisation.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("line_accounts.id",
                                                              ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)


class AgentSession(Base):
    """A Customer Agent session: while active, the friend's messages go to the agent."""

    __tablename__ = "agent_sessions"
    __table_args__ = (Index("ix_agent_sessions_friend_status", "friend_id", "status"),
                      Index("ix_agent_sessions_run_node", "run_id", "node_id"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("line_accounts.id", ondelete="CASCADE"))
    friend_id: Mapped[int] = mapped_column(ForeignKey("friends.id", ondelete="CASCADE"))
    run_id: Mapped[str | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    node_id: Mapped[str | None] = mapped_column(String(64))
    # The step's retry key: a re-executed step finds its session instead of opening another.
    origin_key: Mapped[str | None] = mapped_column(String(36), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | ended
    # handoff | idle_timeout | replaced | blocked | workflow_stopped
    end_reason: Mapped[str | None] = mapped_column(String(32))
    config: Mapped[dict[str, Any]] = mapped_column(default=dict)
    started_at: Mapped[datetime] = mapped_column(default=_now)
    last_activity_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]


class AgentMessage(Base):
    """One line of a Customer Agent transcript (friend, agent or system note)."""

    __tablename__ = "agent_messages"
    __table_args__ = (UniqueConstraint("session_id", "event_key",
                                       name="uq_agent_messages_session_event"),
                      Index("ix_agent_messages_friend_id", "friend_id", "id"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("agent_sessions.id", ondelete="CASCADE"),
                                            index=True)
    friend_id: Mapped[int] = mapped_column(ForeignKey("friends.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))  # friend | agent | system
    text: Mapped[str] = mapped_column(Text)
    # The inbound webhookEventId: a re-processed event is recorded once.
    event_key: Mapped[str | None] = mapped_column(String(100))
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=_now)


class AuditEvent(Base):
    """Who did what to which resource (created, saved, started, paused, deleted, …)."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_org_id", "organisation_id", "id"),
                      Index("ix_audit_events_target", "target_type", "target_id"))
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id",
                                                            ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The user's e-mail at the time (kept when the user is deleted), or "agent" / "system".
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(32))
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[int | None] = mapped_column(BigId)
    target_name: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=_now)
