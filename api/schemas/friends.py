"""Friends and their Customer Agent conversations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class TagRef(BaseModel):
    id: int
    name: str


class Friend(BaseModel):
    id: int
    account_id: int
    line_user_id: str
    display_name: str | None
    picture_url: str | None
    status: str
    tags: list[TagRef]
    followed_at: datetime | None
    last_seen_at: datetime | None


class FriendDetail(Friend):
    attributes: dict[str, Any]
    language: str | None
    blocked_at: datetime | None
    created_at: datetime


class AgentSession(BaseModel):
    id: int
    friend_id: int
    account_id: int
    status: str
    end_reason: str | None
    run_id: str | None
    workflow_id: int | None
    node_id: str | None
    handoff_keyword: str | None
    started_at: datetime
    last_activity_at: datetime | None
    expires_at: datetime | None
    ended_at: datetime | None


class TranscriptMessage(BaseModel):
    """One message; the optional keys are present only when the agent recorded them."""
    id: int
    role: str
    text: str
    created_at: datetime
    known: bool | None = None
    sources: list[Any] | None = None
    delivery: Any = None
    provider: str | None = None
    error: Any = None
    handoff: Any = None
    greeting: Any = None


class AgentSessionWithMessages(AgentSession):
    messages: list[TranscriptMessage]
