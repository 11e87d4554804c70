"""The audit log: who created, changed, started, paused, deleted (…) which resource, and when.

Workflows, LINE accounts, tags, auto-send messages, rich menus, QR codes, integrations and the
Marketing Agent's approvals are recorded. An entry never holds a secret: `log` drops any detail
whose key names one (channel secret, access token, API key, …).
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine import clock
from engine.storage.models import AuditEvent, User

ACTIONS = ("created", "saved", "settings_changed", "started", "paused", "deleted", "duplicated",
           "imported", "restored", "changed", "image_uploaded", "set_default", "connected",
           "disconnected", "approved")
TARGET_TYPES = ("workflow", "account", "tag", "auto_message", "rich_menu", "qr_code",
                "integration", "agent_conversation")
# Detail keys that could carry a secret: never stored, whatever a caller passes.
_SECRET_WORDS = ("secret", "token", "key", "password", "credential")


class _Named(Protocol):
    id: Any
    name: Any


def log(session: Session, user: User, action: str, target_type: str, target: _Named | None,
        **detail: Any) -> None:
    """One line per audited action in a route: `audit.log(session, user, "created", "tag", tag)`.
    The entry is added to the session; the caller's commit stores it with the change."""
    safe = {k: v for k, v in detail.items()
            if not any(word in k.lower() for word in _SECRET_WORDS)}
    target_id = getattr(target, "id", None)
    record(session, user.organisation_id, user.id, action, target_type,
           target_id if isinstance(target_id, int) else None,
           str(getattr(target, "name", "") or ""), actor=user.email, **safe)


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
                action: str | None = None, actor: str | None = None
                ) -> tuple[list[dict[str, Any]], int]:
    stmt = select(AuditEvent).where(AuditEvent.organisation_id == organisation_id)
    if target_type:
        stmt = stmt.where(AuditEvent.target_type == target_type)
    if target_id is not None:
        stmt = stmt.where(AuditEvent.target_id == target_id)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if actor:
        stmt = stmt.where(AuditEvent.actor == actor)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.order_by(AuditEvent.id.desc()).limit(limit).offset(offset))
    return [event_out(e) for e in rows], total


def actors(session: Session, organisation_id: int) -> list[str]:
    return list(session.scalars(select(AuditEvent.actor).where(
        AuditEvent.organisation_id == organisation_id).distinct().order_by(AuditEvent.actor)))
