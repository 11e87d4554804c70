"""The audit log of the caller's organisation (newest first, paginated)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from api.deps import SessionDep, UserDep
from api.pagination import PageParams, page, page_params
from api.schemas.audit import AuditEvent
from api.schemas.common import ItemList, Page
from engine import audit

router = APIRouter(tags=["audit"])


@router.get("/api/audit", response_model=Page[AuditEvent])
def list_audit(user: UserDep, session: SessionDep,
               params: Annotated[PageParams, Depends(page_params)],
               target_type: Annotated[str | None, Query(
                   pattern="^(" + "|".join(audit.TARGET_TYPES) + ")$")] = None,
               target_id: Annotated[int | None, Query(ge=1)] = None,
               action: Annotated[str | None, Query(pattern="^(" + "|".join(audit.ACTIONS) + ")$")]
               = None,
               actor: Annotated[str | None, Query(max_length=320,
                                                  description="The e-mail of who acted.")]
               = None) -> dict[str, Any]:
    items, total = audit.list_events(session, user.organisation_id, limit=params.limit,
                                     offset=params.offset, target_type=target_type,
                                     target_id=target_id, action=action,
                                     actor=actor)
    return page(items, total, params)


@router.get("/api/audit/actors", response_model=ItemList[str])
def list_actors(user: UserDep, session: SessionDep) -> dict[str, Any]:
    """Everyone who appears in the organisation's audit log (for the page's actor filter)."""
    actors = audit.actors(session, user.organisation_id)
    return {"items": actors, "total": len(actors)}
