"""The Marketing Agent: from a goal in chat to an approved, valid draft workflow."""

from __future__ import annotations

from agent.marketing.checkpoint import open_checkpointer
from agent.marketing.prompts import PromptSet
from agent.marketing.service import AgentConflict, ConversationNotFound, MarketingAgent
from agent.marketing.workspace import DbWorkspace, MemoryWorkspace
from agent.providers import Provider, make_provider
from engine.settings import Settings
from engine.storage.db import Database


def build_agent(settings: Settings, db: Database, provider: Provider | None = None,
                prompt_version: str | None = None) -> MarketingAgent:
    """The agent the API uses: the configured provider, the organisation data in `db`, and
    conversation threads checkpointed next to it (SQLite) or in it (PostgreSQL)."""
    return MarketingAgent(provider or make_provider(), DbWorkspace(db),
                          open_checkpointer(settings.database_url),
                          PromptSet.load(prompt_version))


__all__ = ["AgentConflict", "ConversationNotFound", "DbWorkspace", "MarketingAgent",
           "MemoryWorkspace", "build_agent"]
