"""Which agent configuration a run scores: provider, model, prompt version, token prices.

`--provider` is `offline`, `openai`, or `package.module:factory` — any callable returning a
Provider (how a test plugs in a deliberately worse planner, or a team a provider of its own).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from agent.providers import Provider, ProviderConfig, make_provider

# USD per 1M tokens (input, output), public list prices; --price-input/--price-output override.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}


class ProviderChoiceError(ValueError):
    pass


@dataclass(frozen=True)
class Prices:
    input_per_million: float
    output_per_million: float

    def cost(self, usage: dict[str, int]) -> float:
        return (usage.get("prompt_tokens", 0) * self.input_per_million
                + usage.get("completion_tokens", 0) * self.output_per_million) / 1_000_000


def provider_factory(choice: str, model: str | None = None) -> Callable[[], Provider]:
    if choice == "offline":
        return lambda: make_provider(ProviderConfig(provider="offline"))
    if choice == "openai":
        env = dict(os.environ)
        if model:
            env["LUMO_MODEL"] = model
        env["LUMO_AGENT_PROVIDER"] = "openai"
        config = ProviderConfig.from_env(env)
        if not config.api_key:
            raise ProviderChoiceError("--provider openai needs OPENAI_API_KEY (and "
                                      "OPENAI_BASE_URL for a server other than OpenAI's)")
        return lambda: make_provider(config)
    if ":" in choice:
        module_name, _, attr = choice.partition(":")
        if os.getcwd() not in sys.path:  # like uvicorn: the project's own modules resolve
            sys.path.insert(0, os.getcwd())
        try:
            factory = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise ProviderChoiceError(f"--provider {choice}: {exc}") from None
        if not callable(factory):
            raise ProviderChoiceError(f"--provider {choice} is not callable")
        return factory  # type: ignore[no-any-return]
    raise ProviderChoiceError(f"--provider must be offline, openai or module:factory, not "
                              f"“{choice}”")


def prices_for(model: str, input_price: float | None, output_price: float | None
               ) -> Prices | None:
    """Known or given prices; None when the cost cannot be stated honestly."""
    listed = PRICES.get(model)
    if input_price is not None and output_price is not None:
        return Prices(input_price, output_price)
    if listed is None:
        return None
    return Prices(input_price if input_price is not None else listed[0],
                  output_price if output_price is not None else listed[1])
