"""One turn of the agent: model ↔ tools until a proposal, a question, or a plain answer.

Every proposal is validated; when it has errors the model gets them (with JSON-pointer
fields) and may repair at most MAX_REPAIRS times. Malformed tool calls count as failed rounds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from agent.marketing.account import Snapshot
from agent.marketing.prompts import PromptSet
from agent.marketing.proposal import Proposal
from agent.marketing.tools import run_tool, tool_specs
from agent.providers.base import Provider, ProviderError

MAX_REPAIRS = 3
MAX_MODEL_CALLS = 12


@dataclass
class TurnResult:
    messages: list[dict[str, Any]]  # the history to keep (without the system prompt)
    text: str = ""  # what the model said, if it answered in words
    proposal: Proposal | None = None
    clarification: dict[str, Any] | None = None
    failed_rounds: int = 0
    gave_up: bool = False  # repairs exhausted (or the model stopped) with errors left
    error: ProviderError | None = None
    usage: dict[str, int] = field(default_factory=dict)
    model_calls: int = 0
    seconds: float = 0.0


def run_turn(provider: Provider, prompts: PromptSet, snapshot: Snapshot,
             history: list[dict[str, Any]], user_content: str) -> TurnResult:
    started = time.perf_counter()
    messages = [*history, {"role": "user", "content": user_content}]
    result = TurnResult(messages=messages)
    system = {"role": "system", "content": prompts.system.text}
    tools = tool_specs()
    failed = 0
    for _ in range(MAX_MODEL_CALLS):
        try:
            turn = provider.complete([system, *messages], tools)
        except ProviderError as exc:
            result.error = exc
            result.messages = history  # nothing of this turn is kept
            break
        result.model_calls += 1
        for k, v in turn.usage.items():
            result.usage[k] = result.usage.get(k, 0) + v
        messages.append(turn.as_message())
        if not turn.tool_calls:
            result.text = turn.text.strip()
            result.gave_up = bool(result.proposal and result.proposal.blocking)
            break
        stop = False
        for call in turn.tool_calls:
            outcome = run_tool(call, snapshot, prompts.repair.text)
            messages.append(outcome.message(call))
            if outcome.kind == "proposal":
                assert outcome.proposal is not None
                result.proposal = outcome.proposal
                if outcome.proposal.blocking:
                    failed += 1
                else:
                    stop = True
            elif outcome.kind == "error":
                failed += 1
            elif outcome.kind == "clarification":
                result.clarification = outcome.clarification
                stop = True
        if stop:
            break
        if failed > MAX_REPAIRS:
            result.gave_up = True
            break
    else:
        result.gave_up = bool(result.proposal and result.proposal.blocking)
    result.failed_rounds = failed
    result.messages = messages if result.error is None else history
    result.seconds = time.perf_counter() - started
    return result
