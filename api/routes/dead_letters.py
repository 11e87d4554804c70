"""Dead letters: stored events whose handler kept failing (or that can never be processed).

Listed for everyone of the organisation; retried by an admin (the event goes back to pending
with a fresh attempt budget and is handed to the workers at once).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy import func, select

from api.deps import AdminDep, SessionDep, UserDep
from api.pagination import PageParams, page, page_params
from api.schemas.common import Page
from api.schemas.dead_letters import DeadLetter, DeadLetterDetail
from engine import clock
from engine.runtime.attempts import retry_dead
from engine.storage.models import LineAccount, WebhookEvent

router = APIRouter(tags=["dead-letters"])


def dead_letter_out(ev: WebhookEvent, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": ev.id, "account_id": ev.account_id, "source": ev.source,
        "event_type": ev.event_type, "event_key": ev.event_key,
        "line_user_id": ev.line_user_id, "status": ev.status, "attempts": ev.attempts,
        "error": ev.error, "received_at": ev.received_at, "dead_at": ev.dead_at}
    if full:
        out["payload"] = ev.payload
    return out


def _owned(session: SessionDep, organisation_id: int, event_id: int) -> WebhookEvent:
    ev = session.scalar(select(WebhookEvent).join(
        LineAccount, LineAccount.id == WebhookEvent.account_id).where(
        WebhookEvent.id == event_id, LineAccount.organisation_id == organisation_id))
    if ev is None:
        raise HTTPException(404, {"code": "not_found",
                                  "message": f"dead letter {event_id} not found"})
    return ev


@router.get("/api/dead-letters", response_model=Page[DeadLetter])
def list_dead_letters(user: UserDep, session: SessionDep,
                      params: Annotated[PageParams, Depends(page_params)],
                      account_id: int | None = None) -> dict[str, Any]:
    """Newest first."""
    stmt = (select(WebhookEvent).join(LineAccount, LineAccount.id == WebhookEvent.account_id)
            .where(LineAccount.organisation_id == user.organisation_id,
                   WebhookEvent.status == "dead"))
    if account_id is not None:
        stmt = stmt.where(WebhookEvent.account_id == account_id)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(WebhookEvent.dead_at.desc(), WebhookEvent.id.desc())
                           .limit(params.limit).offset(params.offset)).all()
    return page([dead_letter_out(ev) for ev in rows], total, params)


@router.get("/api/dead-letters/{event_id}", response_model=DeadLetterDetail)
def get_dead_letter(event_id: int, user: UserDep, session: SessionDep) -> dict[str, Any]:
    """One event (dead, or since retried) with the payload LINE sent."""
    return dead_letter_out(_owned(session, user.organisation_id, event_id), full=True)


@router.post("/api/dead-letters/{event_id}/retry", response_model=DeadLetter)
def retry_dead_letter(event_id: int, user: AdminDep, session: SessionDep,
                      request: Request) -> dict[str, Any]:
    ev = _owned(session, user.organisation_id, event_id)
    if not retry_dead(session, ev.id, clock.now()):
        raise HTTPException(409, {"code": "not_dead", "field": "status",
                                  "message": f"event {event_id} is {ev.status}, not dead"})
    session.commit()
    request.app.state.backend.submit_events([ev.id])
    session.refresh(ev)
    return dead_letter_out(ev)
