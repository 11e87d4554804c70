"""The LangGraph wiring: respond → (review ⇄ respond) → save | discard.

`review` pauses on interrupt() until the marketer approves, revises or discards. interrupt()
re-runs its node from the start on resume, so `review` has no side effects; saving happens in
`save`, after the decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from agent.marketing import replies
from agent.marketing.diff import changes
from agent.marketing.loop import TurnResult, run_turn
from agent.marketing.messages import REVISE_MARKER, REVISION_LABEL
from agent.marketing.prompts import PromptSet
from agent.marketing.proposal import Proposal
from agent.marketing.safety import screen
from agent.marketing.state import ConversationState
from agent.marketing.summary import summarise
from agent.marketing.workspace import Workspace
from agent.providers.base import Provider
from agent.providers.offline.text import is_japanese


@dataclass
class AgentDeps:
    """Run-time dependencies (not checkpointed)."""

    provider: Provider
    prompts: PromptSet
    workspace: Workspace


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _said(state: ConversationState, role: str, text: str, kind: str) -> list[dict[str, Any]]:
    return [*state.get("transcript", []), {"role": role, "text": text, "at": now(),
                                           "kind": kind}]


def revise_message(prompts: PromptSet, instruction: str, draft: dict[str, Any]) -> str:
    current = {"name": draft["name"], "definition": draft["definition"],
               "new_tags": draft.get("new_tags", [])}
    return (f"{prompts.revise.text.strip()}\n\n{REVISION_LABEL} {instruction}\n\n{REVISE_MARKER}\n"
            + json.dumps(current, ensure_ascii=False))


def _draft(proposal: Proposal, deps: AgentDeps, snapshot: dict[str, Any],
           lang: str) -> dict[str, Any]:
    return {"name": proposal.name,
            "summary": summarise(proposal.definition, snapshot, proposal.new_tags, lang),
            "definition": proposal.definition,
            "validation": proposal.report.as_dict(),
            "new_tags": proposal.new_tags,
            "prompt_version": deps.prompts.version,
            "model": deps.provider.model,
            "provider": deps.provider.name}


def _model_notes(result: TurnResult) -> list[str]:
    """Words the model said alongside its tool calls in this turn (assumptions, caveats)."""
    first_user = max(i for i, m in enumerate(result.messages) if m.get("role") == "user")
    return [str(m["content"]).strip() for m in result.messages[first_user + 1:]
            if m.get("role") == "assistant" and m.get("tool_calls") and m.get("content")]


def respond(state: ConversationState, runtime: Runtime[AgentDeps]) -> dict[str, Any]:
    deps = runtime.context
    pending = state.get("pending") or {}
    text = str(pending.get("text", ""))
    lang = "ja" if is_japanese(text) else "en"
    transcript = _said(state, "user", text, "message")
    draft = state.get("draft")
    base: dict[str, Any] = {"pending": None, "lang": lang, "last_changes": []}
    status_now = "awaiting_review" if draft else "idle"

    snapshot = deps.workspace.snapshot(state["organisation_id"])
    screening = screen(text, revising=bool(pending.get("revise") and draft),
                       own=[str(a.get("name", "")) for a in snapshot.get("accounts") or []])
    if screening.refusal:
        return {**base, "transcript": [*transcript, {"role": "assistant",
                                                     "text": screening.refusal, "at": now(),
                                                     "kind": "refusal"}],
                "last_reply": screening.refusal, "clarification": None, "status": status_now}

    revising = bool(pending.get("revise") and draft)
    content = revise_message(deps.prompts, text, draft) if revising and draft else text
    result = run_turn(deps.provider, deps.prompts, snapshot, state.get("llm_messages", []),
                      content)
    usage = dict(state.get("usage") or {})
    for k, v in result.usage.items():
        usage[k] = usage.get(k, 0) + v

    if result.error is not None:
        reply, kind = replies.error_reply(str(result.error), lang), "error"
        update: dict[str, Any] = {"status": status_now}
    elif result.proposal is not None and not result.clarification:
        new = _draft(result.proposal, deps, snapshot, lang)
        diff = changes(draft["definition"], new["definition"], snapshot,
                       draft.get("new_tags"), new["new_tags"], lang) if revising and draft \
            else None
        notes = _model_notes(result) + ([result.text] if result.text else [])
        if screening.note:
            notes.append(screening.note)
        reply = replies.draft_reply(new, lang, gave_up=result.gave_up, changes=diff,
                                    notes=notes)
        kind = "draft"
        update = {"draft": new, "draft_seq": state.get("draft_seq", 0) + 1,
                  "status": "awaiting_review", "clarification": None,
                  "last_changes": diff or []}
    elif result.clarification:
        reply, kind = replies.clarification_reply(result.clarification, lang), "clarification"
        update = {"clarification": result.clarification,
                  "status": "awaiting_review" if draft else "clarifying"}
    else:
        reply, kind = result.text or replies.no_plan_reply(lang), "reply"
        update = {"clarification": None, "status": status_now}

    messages = result.messages
    if messages and messages[-1].get("role") == "tool":
        messages = [*messages, {"role": "assistant", "content": reply}]
    return {**base, **update, "llm_messages": messages, "usage": usage, "last_reply": reply,
            "transcript": [*transcript, {"role": "assistant", "text": reply, "at": now(),
                                         "kind": kind}]}


def review(state: ConversationState) -> Command[Any]:
    decision = interrupt({"kind": "review", "draft": state.get("draft")})
    action = (decision or {}).get("action")
    if action == "approve":
        return Command(goto="save", update={"decision": decision})
    if action == "discard":
        return Command(goto="discard")
    return Command(goto="respond", update={"pending": {"text": str(decision.get("text", "")),
                                                       "revise": True}})


def save(state: ConversationState, runtime: Runtime[AgentDeps]) -> dict[str, Any]:
    decision = state.get("decision") or {}
    draft = state["draft"]
    assert draft is not None
    thread = runtime.execution_info.thread_id if runtime.execution_info else None
    key = f"{thread}:{state.get('draft_seq', 0)}"
    saved = runtime.context.workspace.save_draft(
        state["organisation_id"], decision.get("user_id"), draft,
        bool(decision.get("create_tags", True)), key)
    lang = state.get("lang", "en")
    reply = replies.saved_reply(saved["workflow_id"], draft["name"], saved["created_tags"],
                                saved["unresolved_tags"], lang)
    return {"status": "approved", "workflow_id": saved["workflow_id"],
            "created_tags": saved["created_tags"], "draft": None, "decision": None,
            "clarification": None, "last_reply": reply,
            "transcript": _said(state, "assistant", reply, "approved")}


def discard(state: ConversationState) -> dict[str, Any]:
    reply = replies.discarded_reply(state.get("lang", "en"))
    return {"status": "discarded", "draft": None, "clarification": None, "last_reply": reply,
            "transcript": _said(state, "assistant", reply, "discarded")}


def _entry(state: ConversationState) -> str:
    return "respond" if state.get("pending") else END


def _after_respond(state: ConversationState) -> str:
    return "review" if state.get("draft") and state.get("status") == "awaiting_review" else END


def build_graph() -> StateGraph:
    builder = StateGraph(ConversationState, context_schema=AgentDeps)
    builder.add_node("respond", respond)
    builder.add_node("review", review, destinations=("save", "discard", "respond"))
    builder.add_node("save", save)
    builder.add_node("discard", discard)
    builder.add_conditional_edges(START, _entry, ["respond", END])
    builder.add_conditional_edges("respond", _after_respond, ["review", END])
    builder.add_edge("save", END)
    builder.add_edge("discard", END)
    return builder
