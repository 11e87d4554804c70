"""A provider that replays scripted assistant turns (and records what it was sent)."""

from __future__ import annotations

import json
from typing import Any

from agent.providers.base import AssistantTurn, ToolCall

FRIEND_ADD_COUPON = {
    "nodes": [
        {"id": "start", "type": "start", "config": {"account_ids": []}},
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "wait", "type": "action.delay", "config": {"amount": 3, "unit": "days"}},
        {"id": "send", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": "Your coupon: WELCOME10"}]}},
    ],
    "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "wait"},
              {"source": "wait", "target": "send"}],
}


def propose(definition: dict[str, Any], name: str = "Coupon after friend add",
            new_tags: list[dict[str, Any]] | None = None, call_id: str = "c1") -> AssistantTurn:
    return AssistantTurn(tool_calls=[ToolCall(call_id, "propose_workflow", json.dumps(
        {"name": name, "summary": "model's own words", "definition": definition,
         "new_tags": new_tags or []}))])


def broken(definition: dict[str, Any]) -> dict[str, Any]:
    """The coupon flow with the delay's amount missing (a required field)."""
    d = json.loads(json.dumps(definition))
    d["nodes"][2]["config"] = {"unit": "days"}
    return d


class ScriptedProvider:
    name = "scripted"
    model = "script-1"

    def __init__(self, *turns: AssistantTurn):
        self.turns = list(turns)
        self.seen: list[list[dict[str, Any]]] = []

    def complete(self, messages: list[dict[str, Any]],
                 tools: list[dict[str, Any]]) -> AssistantTurn:
        self.seen.append(messages)
        if not self.turns:
            return AssistantTurn(text="(no more script)")
        return self.turns.pop(0)

    def tool_results(self, call_no: int) -> list[dict[str, Any]]:
        """Tool results the model had seen when it was called the call_no-th time (0-based)."""
        return [json.loads(m["content"]) for m in self.seen[call_no] if m["role"] == "tool"]
