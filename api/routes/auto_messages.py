"""Saved auto-send messages, sent by Auto-send Message nodes by reference."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select

from api.deps import EditorDep, SessionDep, UserDep
from api.ownership import owned
from api.schemas import auto_messages as shapes
from api.schemas.common import ItemList
from engine import audit
from engine.messages import MessageList
from engine.storage.models import AutoMessage

router = APIRouter(tags=["auto-messages"])


class AutoMessageIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    messages: MessageList = Field(description="1 to 5 LINE message objects, in LINE's shape.")


def auto_message_out(m: AutoMessage) -> dict[str, Any]:
    return {"id": m.id, "name": m.name, "messages": m.messages, "created_at": m.created_at,
            "updated_at": m.updated_at}


@router.get("/api/auto-messages", response_model=ItemList[shapes.AutoMessage])
def list_auto_messages(user: UserDep, session: SessionDep) -> dict[str, Any]:
    rows = session.scalars(select(AutoMessage).where(
        AutoMessage.organisation_id == user.organisation_id).order_by(AutoMessage.name)).all()
    return {"items": [auto_message_out(m) for m in rows], "total": len(rows)}


@router.post("/api/auto-messages", status_code=201, response_model=shapes.AutoMessage)
def create_auto_message(body: AutoMessageIn, user: EditorDep,
                        session: SessionDep) -> dict[str, Any]:
    m = AutoMessage(organisation_id=user.organisation_id, name=body.name,
                    messages=[x.model_dump(mode="json", exclude_none=True) for x in body.messages])
    session.add(m)
    session.flush()
    audit.log(session, user, "created", "auto_message", m)
    session.commit()
    return auto_message_out(m)


@router.get("/api/auto-messages/{message_id}", response_model=shapes.AutoMessage)
def get_auto_message(message_id: int, user: UserDep, session: SessionDep) -> dict[str, Any]:
    return auto_message_out(owned(session, AutoMessage, message_id, user, "auto-send message"))


@router.put("/api/auto-messages/{message_id}", response_model=shapes.AutoMessage)
def update_auto_message(message_id: int, body: AutoMessageIn, user: EditorDep,
                        session: SessionDep) -> dict[str, Any]:
    m = owned(session, AutoMessage, message_id, user, "auto-send message")
    renamed_from = m.name if m.name != body.name else None
    m.name = body.name
    m.messages = [x.model_dump(mode="json", exclude_none=True) for x in body.messages]
    audit.log(session, user, "changed", "auto_message", m,
              **({"renamed_from": renamed_from} if renamed_from else {}))
    session.commit()
    return auto_message_out(m)


@router.delete("/api/auto-messages/{message_id}", status_code=204)
def delete_auto_message(message_id: int, user: EditorDep, session: SessionDep) -> None:
    # Workflows that send it become invalid (the validator says which), never crash.
    m = owned(session, AutoMessage, message_id, user, "auto-send message")
    audit.log(session, user, "deleted", "auto_message", m)
    session.delete(m)
    session.commit()
