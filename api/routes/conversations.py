"""Customer Agent transcripts: per friend, and a list of sessions (e.g. hand-offs to answer)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.deps import SessionDep, UserDep
from api.ownership import owned
from api.pagination import PageParams, page, page_params
from api.schemas import friends as shapes
from api.schemas.common import Page
from engine.storage.models import AgentMessage, AgentSession, Friend, Run

router = APIRouter(tags=["conversations"])


def session_out(s: AgentSession, workflow_id: int | None) -> dict[str, Any]:
    return {"id": s.id, "friend_id": s.friend_id, "account_id": s.account_id,
            "status": s.status, "end_reason": s.end_reason, "run_id": s.run_id,
            "workflow_id": workflow_id, "node_id": s.node_id,
            "handoff_keyword": (s.config or {}).get("handoff_keyword"),
            "started_at": s.started_at, "last_activity_at": s.last_activity_at,
            "expires_at": s.expires_at if s.status == "active" else None,
            "ended_at": s.ended_at}


def message_out(m: AgentMessage) -> dict[str, Any]:
    meta = m.meta or {}
    out: dict[str, Any] = {"id": m.id, "role": m.role, "text": m.text,
                           "created_at": m.created_at}
    for key in ("known", "sources", "delivery", "provider", "error", "handoff", "greeting"):
        if key in meta:
            out[key] = meta[key]
    return out


def _workflows(session: Session, rows: list[AgentSession]) -> dict[str, int]:
    run_ids = [s.run_id for s in rows if s.run_id]
    if not run_ids:
        return {}
    rows = session.execute(select(Run.id, Run.workflow_id).where(Run.id.in_(run_ids)))
    return {run_id: workflow_id for run_id, workflow_id in rows}


@router.get("/api/friends/{friend_id}/conversations",
            response_model=Page[shapes.AgentSessionWithMessages],
            response_model_exclude_unset=True)
def friend_conversations(friend_id: int, user: UserDep, session: SessionDep,
                         params: Annotated[PageParams, Depends(page_params)]
                         ) -> dict[str, Any]:
    """The friend's Customer Agent sessions, newest first, each with its transcript."""
    friend = owned(session, Friend, friend_id, user, "friend")
    stmt = select(AgentSession).where(AgentSession.friend_id == friend.id)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = list(session.scalars(stmt.order_by(AgentSession.id.desc())
                                .limit(params.limit).offset(params.offset)))
    messages: dict[int, list[dict[str, Any]]] = {s.id: [] for s in rows}
    if rows:
        for m in session.scalars(select(AgentMessage).where(
                AgentMessage.session_id.in_(list(messages))).order_by(AgentMessage.id)):
            messages[m.session_id].append(message_out(m))
    workflows = _workflows(session, rows)
    return page([session_out(s, workflows.get(s.run_id or "")) | {"messages": messages[s.id]}
                 for s in rows], total, params)


@router.get("/api/conversations", response_model=Page[shapes.AgentSession])
def list_conversations(user: UserDep, session: SessionDep,
                       params: Annotated[PageParams, Depends(page_params)],
                       status: Annotated[str | None, Query(pattern="^(active|ended)$")] = None,
                       end_reason: Annotated[str | None, Query(max_length=32)] = None
                       ) -> dict[str, Any]:
    """Sessions of the organisation, newest first (end_reason=handoff: friends awaiting staff)."""
    stmt = select(AgentSession).where(AgentSession.organisation_id == user.organisation_id)
    if status:
        stmt = stmt.where(AgentSession.status == status)
    if end_reason:
        stmt = stmt.where(AgentSession.end_reason == end_reason)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = list(session.scalars(stmt.order_by(AgentSession.id.desc())
                                .limit(params.limit).offset(params.offset)))
    workflows = _workflows(session, rows)
    return page([session_out(s, workflows.get(s.run_id or "")) for s in rows], total, params)
