"""Friend Tags: they must exist before workflows reference them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from api.deps import EditorDep, SessionDep, UserDep
from api.ownership import owned
from api.schemas import tags as shapes
from api.schemas.common import ItemList
from engine import audit
from engine.storage.models import FriendTag, Tag

router = APIRouter(tags=["tags"])


class TagIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=500)


def tag_out(tag: Tag, friend_count: int = 0) -> dict[str, Any]:
    return {"id": tag.id, "name": tag.name, "description": tag.description,
            "friend_count": friend_count, "created_at": tag.created_at}


@router.get("/api/tags", response_model=ItemList[shapes.Tag])
def list_tags(user: UserDep, session: SessionDep) -> dict[str, Any]:
    counts = (select(FriendTag.tag_id, func.count().label("n"))
              .group_by(FriendTag.tag_id).subquery())
    rows = session.execute(
        select(Tag, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.tag_id == Tag.id)
        .where(Tag.organisation_id == user.organisation_id).order_by(Tag.name)).all()
    return {"items": [tag_out(t, n) for t, n in rows], "total": len(rows)}


@router.post("/api/tags", status_code=201, response_model=shapes.Tag)
def create_tag(body: TagIn, user: EditorDep, session: SessionDep) -> dict[str, Any]:
    name = body.name.strip()
    if not name:
        raise HTTPException(422, [{"loc": ["body", "name"], "msg": "name must not be blank",
                                   "type": "value_error"}])
    if session.scalar(select(Tag.id).where(Tag.organisation_id == user.organisation_id,
                                           Tag.name == name)):
        raise HTTPException(409, {"code": "duplicate", "field": "name",
                                  "message": f"A tag named “{name}” already exists."})
    tag = Tag(organisation_id=user.organisation_id, name=name, description=body.description)
    session.add(tag)
    session.flush()
    audit.log(session, user, "created", "tag", tag)
    session.commit()
    return tag_out(tag)


@router.delete("/api/tags/{tag_id}", status_code=204)
def delete_tag(tag_id: int, user: EditorDep, session: SessionDep) -> None:
    tag = owned(session, Tag, tag_id, user, "tag")
    audit.log(session, user, "deleted", "tag", tag)
    session.delete(tag)
    session.commit()
