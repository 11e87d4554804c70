"""Reading the chat history the way a model would: this turn's look-ups, the goal behind a
chain of clarifying questions, and the draft a revision is about."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from agent.marketing.account import Snapshot, empty_snapshot
from agent.marketing.messages import REVISE_MARKER, REVISION_LABEL
from agent.providers.offline.lexicon import find_actions, find_triggers
from agent.providers.offline.text import find_quotes, mask_quotes, normalise

LOOKUP_KINDS = {"list_line_accounts": "accounts", "list_tags": "tags",
                "list_auto_messages": "auto_messages", "list_rich_menus": "rich_menus",
                "list_qr_codes": "qr_codes"}
GOAL_SLOTS = ("goal", "trigger", "action")


@dataclass
class Turn:
    user: str
    calls: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # id, name, args
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # call id → content

    def call(self, name: str) -> dict[str, Any] | None:
        found = [args for _id, n, args in self.calls if n == name]
        return found[-1] if found else None

    def result_of(self, name: str) -> dict[str, Any] | None:
        ids = [cid for cid, n, _a in self.calls if n == name]
        return self.results.get(ids[-1]) if ids else None


def _args(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def turns(messages: list[dict[str, Any]]) -> list[Turn]:
    out: list[Turn] = []
    for m in messages:
        role = m.get("role")
        if role == "user":
            out.append(Turn(str(m.get("content") or "")))
        elif not out:
            continue
        elif role == "assistant":
            for c in m.get("tool_calls") or []:
                f = c.get("function", {})
                out[-1].calls.append((c.get("id", ""), f.get("name", ""),
                                      _args(f.get("arguments", ""))))
        elif role == "tool":
            try:
                content = json.loads(m.get("content") or "{}")
            except json.JSONDecodeError:
                content = {}
            out[-1].results[str(m.get("tool_call_id"))] = content
    return out


def snapshot_of(turn: Turn) -> Snapshot | None:
    """The account as the look-ups of this turn returned it (None before any look-up)."""
    snap = empty_snapshot()
    seen = False
    for call_id, name, _args in turn.calls:
        result = turn.results.get(call_id)
        if result is None:
            continue
        if name in LOOKUP_KINDS:
            snap[LOOKUP_KINDS[name]] = list(result.get("items", []))
            seen = True
        elif name == "list_integrations":
            snap["integrations"] = list(result.get("connected", []))
            seen = True
    return snap if seen else None


def looks_like_goal(text: str) -> bool:
    clean = normalise(text)
    masked = mask_quotes(clean, find_quotes(clean))
    triggers = find_triggers(masked)
    return bool(triggers) and bool(find_actions(masked, triggers))


def goal_and_answers(history: list[Turn]) -> tuple[str, dict[str, str]]:
    """The goal this turn works on: earlier turns that ended in a question are part of it."""
    chain = [history[-1]]
    i = len(history) - 2
    asked = history[i].call("ask_clarification") if i >= 0 else None
    if asked is not None and asked.get("about") not in GOAL_SLOTS and \
            looks_like_goal(history[-1].user):
        return history[-1].user, {}  # not an answer: a whole new goal
    while i >= 0 and history[i].call("ask_clarification") is not None \
            and REVISE_MARKER not in history[i].user:
        chain.insert(0, history[i])
        i -= 1
    goal = chain[0].user
    answers: dict[str, str] = {}
    for question_turn, answered in zip(chain, chain[1:], strict=False):
        about = (question_turn.call("ask_clarification") or {}).get("about", "other")
        if about in GOAL_SLOTS or about == "other":
            goal = f"{goal}\n{answered.user}"
        else:
            answers[about] = answered.user.strip()
    return goal, answers


def revision(turn: Turn) -> tuple[str, dict[str, Any]] | None:
    """(instruction, current draft) when this turn asks to revise a draft."""
    if REVISE_MARKER not in turn.user:
        return None
    head, _, tail = turn.user.partition(REVISE_MARKER)
    instruction = head.split(REVISION_LABEL, 1)[-1].strip()
    try:
        draft = json.loads(tail.strip())
    except json.JSONDecodeError:
        return None
    return instruction, draft
