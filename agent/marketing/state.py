"""The conversation state LangGraph checkpoints: plain JSON-able dicts and lists only."""

from __future__ import annotations

from typing import Any, TypedDict

# idle: nothing pending · clarifying: waiting for an answer to a question · awaiting_review:
# a draft waits for approve / revise / discard · approved · discarded
STATUSES = ("idle", "clarifying", "awaiting_review", "approved", "discarded")


class ConversationState(TypedDict, total=False):
    organisation_id: int
    user_id: int | None
    created_at: str
    lang: str  # en | ja: the language of the marketer's last message
    status: str
    transcript: list[dict[str, Any]]  # what the marketer sees: {role, text, at, kind}
    llm_messages: list[dict[str, Any]]  # the model's history (OpenAI chat format)
    draft: dict[str, Any] | None
    draft_seq: int
    clarification: dict[str, Any] | None
    pending: dict[str, Any] | None  # the message this run answers: {text, revise}
    decision: dict[str, Any] | None  # approve: {create_tags, user_id}
    last_reply: str
    last_changes: list[str]
    workflow_id: int | None
    created_tags: list[dict[str, Any]]
    usage: dict[str, int]
