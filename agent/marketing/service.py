"""MarketingAgent: conversations for the API, the CLI and evals (one code path for all).

Each conversation is a LangGraph thread (id = conversation id) owned by one organisation;
asking for another organisation's conversation is answered exactly like a missing one.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

from langgraph.types import Command

from agent.marketing.account import context_of
from agent.marketing.checkpoint import Checkpointer, memory
from agent.marketing.graph import AgentDeps, build_graph, now
from agent.marketing.prompts import PromptSet
from agent.marketing.workspace import Workspace
from agent.providers.base import Provider
from engine.graph import DefinitionError, parse_definition
from engine.validation import validate


class ConversationNotFound(LookupError):
    pass


class AgentConflict(Exception):
    """The request does not fit the conversation's state (nothing to approve, ...)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


class MarketingAgent:
    def __init__(self, provider: Provider, workspace: Workspace,
                 checkpointer: Checkpointer | None = None, prompts: PromptSet | None = None):
        self.provider = provider
        self.workspace = workspace
        self.checkpointer = checkpointer or memory()
        self.prompts = prompts or PromptSet.load()
        self.graph = build_graph().compile(checkpointer=self.checkpointer.saver)
        self.deps = AgentDeps(provider=provider, prompts=self.prompts, workspace=workspace)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def close(self) -> None:
        self.checkpointer.close()

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _config(conversation_id: str) -> dict[str, Any]:
        return {"configurable": {"thread_id": conversation_id}}

    def _lock(self, conversation_id: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(conversation_id, threading.Lock())

    def _state(self, conversation_id: str, organisation_id: int) -> Any:
        snapshot = self.graph.get_state(self._config(conversation_id))
        if snapshot.values.get("organisation_id") != organisation_id:
            raise ConversationNotFound(f"conversation {conversation_id} not found")
        return snapshot

    def _run(self, conversation_id: str, payload: Any) -> None:
        self.graph.invoke(payload, self._config(conversation_id), context=self.deps)

    def _turn(self, conversation_id: str, organisation_id: int) -> dict[str, Any]:
        values = self._state(conversation_id, organisation_id).values
        status = values.get("status", "idle")
        return {"reply": values.get("last_reply", ""),
                "draft": values.get("draft") if status == "awaiting_review" else None,
                "clarification": values.get("clarification"),
                "changes": values.get("last_changes") or [],
                "status": status,
                "workflow_id": values.get("workflow_id") if status == "approved" else None}

    # -- the conversation ----------------------------------------------------------------
    def start(self, organisation_id: int, user_id: int | None = None) -> str:
        conversation_id = uuid.uuid4().hex
        self._run(conversation_id, {"organisation_id": organisation_id, "user_id": user_id,
                                    "created_at": now(), "status": "idle", "transcript": [],
                                    "llm_messages": [], "draft": None, "draft_seq": 0,
                                    "clarification": None, "pending": None, "lang": "en",
                                    "usage": {}})
        return conversation_id

    def send(self, conversation_id: str, organisation_id: int, text: str) -> dict[str, Any]:
        with self._lock(conversation_id):
            snapshot = self._state(conversation_id, organisation_id)
            if "review" in snapshot.next:
                self._run(conversation_id, Command(resume={"action": "revise", "text": text}))
            else:
                self._run(conversation_id, {"pending": {"text": text, "revise": False}})
            return self._turn(conversation_id, organisation_id)

    def approve(self, conversation_id: str, organisation_id: int, user_id: int | None,
                create_tags: bool = True) -> dict[str, Any]:
        with self._lock(conversation_id):
            snapshot = self._state(conversation_id, organisation_id)
            draft = snapshot.values.get("draft")
            if "review" not in snapshot.next or not draft:
                raise AgentConflict("nothing_to_approve", "There is no draft waiting for "
                                    "approval in this conversation.")
            self._check_approvable(organisation_id, draft)
            self._run(conversation_id, Command(resume={"action": "approve", "user_id": user_id,
                                                       "create_tags": create_tags}))
            values = self._state(conversation_id, organisation_id).values
            return {"workflow_id": values.get("workflow_id"),
                    "created_tags": values.get("created_tags") or [],
                    "reply": values.get("last_reply", ""), "status": values.get("status")}

    def discard(self, conversation_id: str, organisation_id: int) -> dict[str, Any]:
        with self._lock(conversation_id):
            snapshot = self._state(conversation_id, organisation_id)
            if "review" not in snapshot.next:
                raise AgentConflict("nothing_to_discard", "There is no draft to discard in "
                                    "this conversation.")
            self._run(conversation_id, Command(resume={"action": "discard"}))
            return self._turn(conversation_id, organisation_id)

    def get(self, conversation_id: str, organisation_id: int) -> dict[str, Any]:
        values = self._state(conversation_id, organisation_id).values
        status = values.get("status", "idle")
        return {"id": conversation_id, "status": status, "created_at": values.get("created_at"),
                "transcript": values.get("transcript", []),
                "draft": values.get("draft") if status == "awaiting_review" else None,
                "clarification": values.get("clarification"),
                "workflow_id": values.get("workflow_id"),
                "usage": values.get("usage") or {}}

    def _check_approvable(self, organisation_id: int, draft: dict[str, Any]) -> None:
        """Never save a draft that points at resources outside the organisation."""
        try:
            parse_definition(draft["definition"])
        except DefinitionError as exc:
            raise AgentConflict("draft_malformed", f"The draft cannot be saved: {exc}. Ask me "
                                "to fix it or discard it.") from None
        snapshot = self.workspace.snapshot(organisation_id)
        placeholders = {t["placeholder_id"] for t in draft.get("new_tags") or []}
        report = validate(draft["definition"], context_of(snapshot, placeholders))
        foreign = [e for e in report.errors if e.code.startswith("unknown_")]
        if foreign:
            raise AgentConflict("unknown_resources", "The draft references resources that do "
                                "not exist in this organisation: " + "; ".join(
                                    e.message for e in foreign) + " Ask me to fix it first.")
