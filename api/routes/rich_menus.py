"""Rich menus known to the organisation (created in LINE; referenced here by id)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select

from api.deps import EditorDep, SessionDep, UserDep
from api.ownership import owned
from engine.storage.models import LineAccount, RichMenu

router = APIRouter(tags=["rich-menus"])


class RichMenuIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    line_rich_menu_id: str = Field(pattern=r"^richmenu-[0-9A-Za-z\-]{1,90}$",
                                   description="The id LINE gave the rich menu.")
    account_id: int | None = None


def rich_menu_out(m: RichMenu) -> dict[str, Any]:
    return {"id": m.id, "name": m.name, "line_rich_menu_id": m.line_rich_menu_id,
            "account_id": m.account_id, "created_at": m.created_at}


@router.get("/api/rich-menus")
def list_rich_menus(user: UserDep, session: SessionDep) -> dict[str, Any]:
    rows = session.scalars(select(RichMenu).where(
        RichMenu.organisation_id == user.organisation_id).order_by(RichMenu.name)).all()
    return {"items": [rich_menu_out(m) for m in rows], "total": len(rows)}


@router.post("/api/rich-menus", status_code=201)
def create_rich_menu(body: RichMenuIn, user: EditorDep, session: SessionDep) -> dict[str, Any]:
    if body.account_id is not None:
        owned(session, LineAccount, body.account_id, user, "account")
    m = RichMenu(organisation_id=user.organisation_id, name=body.name,
                 line_rich_menu_id=body.line_rich_menu_id, account_id=body.account_id)
    session.add(m)
    session.commit()
    return rich_menu_out(m)


@router.delete("/api/rich-menus/{menu_id}", status_code=204)
def delete_rich_menu(menu_id: int, user: EditorDep, session: SessionDep) -> None:
    session.delete(owned(session, RichMenu, menu_id, user, "rich menu"))
    session.commit()
