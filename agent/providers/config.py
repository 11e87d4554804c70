"""Provider settings from the environment (OPENAI_API_KEY, OPENAI_BASE_URL, LUMO_MODEL...)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

DEFAULT_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class ProviderConfig:
    provider: Literal["offline", "openai"] = "offline"
    api_key: str | None = None
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    timeout_seconds: float = 60.0
    max_retries: int = 1

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ProviderConfig:
        env = os.environ if environ is None else environ
        key = env.get("OPENAI_API_KEY") or None
        chosen = env.get("LUMO_AGENT_PROVIDER") or ("openai" if key else "offline")
        if chosen not in ("offline", "openai"):
            raise ValueError("LUMO_AGENT_PROVIDER must be “offline” or “openai”")
        return cls(provider=chosen,  # type: ignore[arg-type]
                   api_key=key, base_url=env.get("OPENAI_BASE_URL") or None,
                   model=env.get("LUMO_MODEL") or DEFAULT_MODEL,
                   timeout_seconds=float(env.get("LUMO_AGENT_TIMEOUT") or 60.0),
                   max_retries=int(env.get("LUMO_AGENT_MAX_RETRIES") or 1))
