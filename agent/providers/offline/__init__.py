"""The offline planner: a deterministic provider that understands common goals in English and
Japanese and answers with the same tool calls an LLM would make.

Per turn: first the account look-ups, then one `propose_workflow`, `ask_clarification`, or an
honest plain answer. It does not repair proposals the validator rejects: it says so instead.
"""

from __future__ import annotations

import threading
from typing import Any

from agent.providers.base import AssistantTurn, tool_call
from agent.providers.offline.builder import proposal
from agent.providers.offline.conversation import goal_and_answers, revision, snapshot_of, turns
from agent.providers.offline.parser import parse_goal
from agent.providers.offline.plan import CannotPlan, Clarify, Plan
from agent.providers.offline.revise import revise
from agent.providers.offline.spelling import warm_up

PLANNER_VERSION = "offline-planner-2"
LOOKUPS = ("list_line_accounts", "list_tags", "list_auto_messages", "list_rich_menus",
           "list_qr_codes", "list_integrations")


class OfflinePlanner:
    name = "offline"
    model = PLANNER_VERSION

    def __init__(self) -> None:
        # The typo mender's word list takes about a second to load: not on a marketer's turn.
        threading.Thread(target=warm_up, name="offline-planner-warm-up", daemon=True).start()

    def complete(self, messages: list[dict[str, Any]],
                 tools: list[dict[str, Any]]) -> AssistantTurn:
        history = turns(messages)
        if not history:
            return AssistantTurn(text="Tell me what the workflow should do.")
        current = history[-1]
        n = len(current.calls)
        snapshot = snapshot_of(current)
        if snapshot is None:
            return AssistantTurn(tool_calls=[tool_call(f"offline-{n + i + 1}", name, {})
                                             for i, name in enumerate(LOOKUPS)])
        done = current.result_of("propose_workflow")
        if done is not None:
            problems = "; ".join(f"{e.get('message')} ({e.get('field')})"
                                 for e in done.get("errors", []))
            return AssistantTurn(text="I can't repair this automatically: " + problems)
        asked_revision = revision(current)
        if asked_revision is not None:
            outcome: Any = revise(asked_revision[0], asked_revision[1], snapshot)
            if isinstance(outcome, dict):
                return AssistantTurn(tool_calls=[tool_call(f"offline-{n + 1}",
                                                           "propose_workflow", outcome)])
        else:
            goal, answers = goal_and_answers(history)
            outcome = parse_goal(goal, snapshot, answers)
        if isinstance(outcome, Plan):
            return AssistantTurn(text="\n".join(outcome.notes), tool_calls=[
                tool_call(f"offline-{n + 1}", "propose_workflow", proposal(outcome))])
        if isinstance(outcome, Clarify):
            return AssistantTurn(tool_calls=[tool_call(
                f"offline-{n + 1}", "ask_clarification",
                {"question": outcome.question, "options": outcome.options,
                 "about": outcome.about})])
        assert isinstance(outcome, CannotPlan)
        return AssistantTurn(text=outcome.message)
