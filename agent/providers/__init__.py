"""LLM providers for the agents: an OpenAI-compatible client and the offline planner."""

from __future__ import annotations

from agent.providers.base import AssistantTurn, Provider, ProviderError, ToolCall
from agent.providers.config import ProviderConfig


def make_provider(config: ProviderConfig | None = None) -> Provider:
    """The configured provider: OpenAI-compatible when a key is set, else the offline planner."""
    config = config or ProviderConfig.from_env()
    if config.provider == "openai":
        from agent.providers.openai_chat import OpenAIProvider

        return OpenAIProvider(config)
    from agent.providers.offline import OfflinePlanner

    return OfflinePlanner()


__all__ = ["AssistantTurn", "Provider", "ProviderConfig", "ProviderError", "ToolCall",
           "make_provider"]
