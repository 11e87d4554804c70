"""The audit log: who created, saved, started, paused, deleted (… ) which workflow, and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import clock
from engine.storage.models import AuditEvent, User

ACTIONS = ("created", "saved", "settings_changed", "started", "paused", "deleted", "duplicated",
           "imported", "restored")


def record(session: Session, organisation_id: int, user_id: int | None, action: str,
           target_type: str, target_id: int | None, target_name: str = "",
           actor: str | None = None, **detail: Any) -> None:
    if actor is None:
        user = session.get(User, user_id) if user_id is not None else None
        actor = user.email if user is not None else "system"
    session.add(AuditEvent(organisation_id=organisation_id, user_id=user_id, actor=actor,
                           action=action, target_type=target_type, target_id=target_id,
                           target_name=target_name[:200], detail=detail,
                           created_at=clock.now()))


def event_out(e: AuditEvent) -> dict[str, Any]:
    return {"id": e.id, "at": e.created_at, "actor": e.actor, "user_id": e.user_id,
            "action": e.action, "target": {"type": e.target_type, "id": e.target_id,
                                           "name": e.target_name}, "detail": e.detail}


def list_events(session: Session, organisation_id: int, *, limit: int, offset: int,
                target_type: str | None = None, target_id: int | None = None,
                action: str | None = None) -> tuple[list[dict[str, Any]], int]:
    stmt = select(AuditEvent).where(AuditEvent.organisation_id == organisation_id)
    if target_type:
        stmt = stmt.where(AuditEvent.target_type == target_type)
    if target_id is not None:
        stmt = stmt.where(AuditEvent.target_id == target_id)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(AuditEvent.id.desc()).limit(limit).offset(offset))
    return [event_out(e) for e in rows], total
