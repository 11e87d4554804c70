"""A deliberately worse planner for the regression test: the offline planner, except that
every proposal loses its last action (the node and the edges into it)."""

from __future__ import annotations

import json
from typing import Any

from agent.providers.base import AssistantTurn, ToolCall
from agent.providers.offline import OfflinePlanner


def _drop_last_action(arguments: str) -> str:
    args = json.loads(arguments)
    definition = args["definition"]
    actions = [n for n in definition["nodes"] if n["type"].startswith("action.")]
    if actions:
        gone = actions[-1]["id"]
        definition["nodes"] = [n for n in definition["nodes"] if n["id"] != gone]
        definition["edges"] = [e for e in definition["edges"]
                               if gone not in (e["source"], e["target"])]
    return json.dumps(args, ensure_ascii=False)


class WorsePlanner:
    name = "offline"
    model = "worse-planner"

    def __init__(self) -> None:
        self.inner = OfflinePlanner()

    def complete(self, messages: list[dict[str, Any]],
                 tools: list[dict[str, Any]]) -> AssistantTurn:
        turn = self.inner.complete(messages, tools)
        turn.tool_calls = [ToolCall(c.id, c.name, _drop_last_action(c.arguments))
                           if c.name == "propose_workflow" else c for c in turn.tool_calls]
        return turn
