"""Marketing Agent conversations: turns, drafts, approval.

A draft's definition is the engine's `WorkflowDefinition` when it parses; a proposal the
engine would refuse is still shown as the agent left it (a plain object), never a 500.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.workflows import Validation
from engine.graph import WorkflowDefinition


class ConversationCreated(BaseModel):
    id: str
    status: str


class Draft(BaseModel):
    # The agent may add keys over time (they are passed through as they are).
    model_config = ConfigDict(extra="allow")
    name: str
    summary: str
    # Left to right: the stored object as it is (byte-for-byte), typed as the engine's model.
    definition: dict[str, Any] | WorkflowDefinition = Field(union_mode="left_to_right")
    validation: Validation
    new_tags: list[Any] = []


class TranscriptEntry(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: str
    text: str
    at: str | None = None
    kind: str | None = None


class Turn(BaseModel):
    """The agent's answer to a message (or to discard)."""
    reply: str
    draft: Draft | None
    clarification: Any
    changes: list[Any]
    status: str
    workflow_id: int | None


class Conversation(BaseModel):
    id: str
    status: str
    created_at: str | None
    transcript: list[TranscriptEntry]
    draft: Draft | None
    clarification: Any
    workflow_id: int | None
    usage: dict[str, Any]


class Approved(BaseModel):
    workflow_id: int | None
    created_tags: list[Any]
    reply: str
    status: str | None
