"""Friends of the organisation's LINE accounts (read-only: LINE events create them)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from api.deps import SessionDep, UserDep
from api.ownership import owned
from api.pagination import PageParams, page, page_params
from api.schemas import friends as shapes
from api.schemas.common import Page
from engine.storage.models import Friend, FriendTag

router = APIRouter(tags=["friends"])


def friend_out(f: Friend, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": f.id, "account_id": f.account_id, "line_user_id": f.line_user_id,
        "display_name": f.display_name, "picture_url": f.picture_url, "status": f.status,
        "tags": [{"id": t.id, "name": t.name} for t in f.tags],
        "followed_at": f.followed_at, "last_seen_at": f.last_seen_at,
    }
    if full:
        out |= {"attributes": f.attributes, "language": f.language, "blocked_at": f.blocked_at,
                "created_at": f.created_at}
    return out


@router.get("/api/friends", response_model=Page[shapes.Friend])
def list_friends(user: UserDep, session: SessionDep,
                 params: Annotated[PageParams, Depends(page_params)],
                 account_id: int | None = None, tag_id: int | None = None,
                 status: Annotated[str | None, Query(pattern="^(active|blocked)$")] = None,
                 q: Annotated[str | None, Query(max_length=100)] = None) -> dict[str, Any]:
    stmt = select(Friend).where(Friend.organisation_id == user.organisation_id)
    if account_id is not None:
        stmt = stmt.where(Friend.account_id == account_id)
    if status:
        stmt = stmt.where(Friend.status == status)
    if tag_id is not None:
        stmt = stmt.where(Friend.id.in_(select(FriendTag.friend_id)
                                        .where(FriendTag.tag_id == tag_id)))
    if q:
        stmt = stmt.where(func.lower(Friend.display_name).like(f"%{q.lower()}%"))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.options(selectinload(Friend.tags)).order_by(Friend.id.desc())
                           .limit(params.limit).offset(params.offset)).all()
    return page([friend_out(f) for f in rows], total, params)


@router.get("/api/friends/{friend_id}", response_model=shapes.FriendDetail)
def get_friend(friend_id: int, user: UserDep, session: SessionDep) -> dict[str, Any]:
    f = owned(session, Friend, friend_id, user, "friend")
    return friend_out(f, full=True)
