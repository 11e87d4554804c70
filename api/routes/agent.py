"""Marketing Agent conversations: chat a goal, get a validated draft, approve / discard.

Conversations belong to the caller's organisation (another organisation gets 404). Approving
needs the editor role and saves a DRAFT workflow; nothing here activates or sends anything.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from agent.marketing import (
    AgentConflict,
    ConversationNotFound,
    MarketingAgent,
    build_agent,
)
from api.deps import EditorDep, UserDep
from api.ratelimit import check_agent_quota
from api.schemas.agent import Approved, Conversation, ConversationCreated, Turn
from engine import audit, metrics
from engine.storage.models import Workflow

router = APIRouter(tags=["agent"])
_build_lock = threading.Lock()


class MessageIn(BaseModel):
    text: str = Field(min_length=1, max_length=4000)


class ApproveIn(BaseModel):
    create_tags: bool = True


def marketing_agent(request: Request) -> MarketingAgent:
    """The app's agent (app.state.marketing_agent), built on first use."""
    state = request.app.state
    agent = getattr(state, "marketing_agent", None)
    if agent is None:
        with _build_lock:
            agent = getattr(state, "marketing_agent", None)
            if agent is None:
                agent = build_agent(state.settings, state.db)
                state.marketing_agent = agent
    return agent


def _not_found(conversation_id: str) -> HTTPException:
    return HTTPException(404, {"code": "not_found",
                               "message": f"conversation {conversation_id} not found"})


@router.post("/api/agent/conversations", status_code=201, response_model=ConversationCreated)
def create_conversation(user: UserDep, request: Request) -> dict[str, Any]:
    agent = marketing_agent(request)
    conversation_id = agent.start(user.organisation_id, user.id)
    return {"id": conversation_id, "status": "idle"}


@router.get("/api/agent/conversations/{conversation_id}", response_model=Conversation,
            response_model_exclude_unset=True)
def get_conversation(conversation_id: str, user: UserDep, request: Request) -> dict[str, Any]:
    try:
        return marketing_agent(request).get(conversation_id, user.organisation_id)
    except ConversationNotFound:
        raise _not_found(conversation_id) from None


@router.post("/api/agent/conversations/{conversation_id}/messages", response_model=Turn,
             response_model_exclude_unset=True)
def send_message(conversation_id: str, body: MessageIn, user: UserDep,
                 request: Request) -> dict[str, Any]:
    check_agent_quota(request, user.organisation_id)  # 429 beyond N messages/minute per org
    try:
        with metrics.timed_turn("marketing"):
            return marketing_agent(request).send(conversation_id, user.organisation_id,
                                                 body.text)
    except ConversationNotFound:
        raise _not_found(conversation_id) from None


@router.post("/api/agent/conversations/{conversation_id}/approve", response_model=Approved,
             response_model_exclude_unset=True)
def approve(conversation_id: str, user: EditorDep, request: Request,
            body: ApproveIn | None = None) -> dict[str, Any]:
    body = body or ApproveIn()
    try:
        out = marketing_agent(request).approve(conversation_id, user.organisation_id, user.id,
                                                create_tags=body.create_tags)
    except ConversationNotFound:
        raise _not_found(conversation_id) from None
    except AgentConflict as exc:
        raise HTTPException(409, {"code": exc.code, "message": exc.message}) from None
    wid = out.get("workflow_id") if isinstance(out, dict) else None
    if isinstance(wid, int):
        with request.app.state.db.session() as session:
            wf = session.get(Workflow, wid)
            name = wf.name if wf is not None else ""
            audit.record(session, user.organisation_id, user.id, "created", "workflow", wid,
                         name, via="marketing agent",
                         conversation_id=conversation_id)
            audit.record(session, user.organisation_id, user.id, "approved",
                         "agent_conversation", None, name,
                         conversation_id=conversation_id, workflow_id=wid)
            for tag in out.get("created_tags") or []:
                audit.record(session, user.organisation_id, user.id, "created", "tag",
                             tag.get("id"), str(tag.get("name") or ""), via="marketing agent",
                             conversation_id=conversation_id)
    return out


@router.post("/api/agent/conversations/{conversation_id}/discard", response_model=Turn,
             response_model_exclude_unset=True)
def discard(conversation_id: str, user: UserDep, request: Request) -> dict[str, Any]:
    try:
        return marketing_agent(request).discard(conversation_id, user.organisation_id)
    except ConversationNotFound:
        raise _not_found(conversation_id) from None
    except AgentConflict as exc:
        raise HTTPException(409, {"code": exc.code, "message": exc.message}) from None
