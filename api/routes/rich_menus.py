"""Rich menus of the organisation: made in Lumo (created, image uploaded, aliased and set as
default at LINE through line-bot-sdk), or made elsewhere and referenced by LINE's id."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select

from api.deps import EditorDep, SessionDep, UserDep
from api.ownership import owned
from api.schemas import rich_menus as shapes
from api.schemas.common import ItemList
from engine import audit
from engine.crypto import decrypt
from engine.line.gateway import LineError
from engine.messages.rich_menus import ALIAS_PATTERN, RichMenuObject, field_errors
from engine.storage.models import LineAccount, RichMenu

router = APIRouter(tags=["rich-menus"])


class RichMenuIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    line_rich_menu_id: str | None = Field(
        default=None, pattern=r"^richmenu-[0-9A-Za-z\-]{1,90}$",
        description="The id LINE gave a rich menu made elsewhere (or give `menu`).")
    account_id: int | None = None
    menu: RichMenuObject | None = Field(
        default=None, description="A rich menu to make at LINE: size, chat bar text, areas.")
    image_base64: str | None = Field(default=None, max_length=1_400_000,
                                     description="The menu image (PNG or JPEG, ≤1 MB).")
    alias_id: str | None = Field(default=None, pattern=ALIAS_PATTERN,
                                 description="Alias, for richmenuswitch actions and nodes.")
    set_default: bool = Field(default=False, description="Show it to every friend.")

    @model_validator(mode="after")
    def _one_source(self) -> RichMenuIn:
        if (self.line_rich_menu_id is None) == (self.menu is None):
            raise ValueError("give either line_rich_menu_id or menu")
        if self.menu is not None:
            # Each missing part named at its own field (the web form shows it there).
            missing = [((key,), f"a menu made in Lumo needs {key}", None)
                       for key, value in (("account_id", self.account_id),
                                          ("image_base64", self.image_base64)) if not value]
            if missing:
                raise field_errors("RichMenuIn", missing)
        return self


def _image(body: RichMenuIn) -> tuple[bytes, str]:
    try:
        data = base64.b64decode(body.image_base64 or "", validate=True)
    except (binascii.Error, ValueError):
        data = b""
    kind = "image/png" if data.startswith(b"\x89PNG") else \
        "image/jpeg" if data.startswith(b"\xff\xd8") else None
    if kind is None or len(data) > 1_048_576:
        raise HTTPException(422, detail=[{"loc": ["body", "image_base64"], "type": "value_error",
                                          "msg": "must be a base64 PNG or JPEG of at most 1 MB"}])
    return data, kind


def _make_at_line(request: Request, account: LineAccount, body: RichMenuIn) -> str:
    assert body.menu is not None
    image, content_type = _image(body)
    gateway = request.app.state.services.gateway
    token = decrypt(account.access_token_enc)
    try:
        line_id = gateway.create_rich_menu(token, body.menu.model_dump(mode="json",
                                                                       exclude_none=True))
        gateway.upload_rich_menu_image(token, line_id, image, content_type)
        if body.alias_id:
            gateway.create_rich_menu_alias(token, body.alias_id, line_id)
        if body.set_default:
            gateway.set_default_rich_menu(token, line_id)
    except LineError as exc:
        raise HTTPException(502, detail={"code": "line_refused",
                                         "message": str(exc)[:300]}) from None
    return line_id


def rich_menu_out(m: RichMenu) -> dict[str, Any]:
    return {"id": m.id, "name": m.name, "line_rich_menu_id": m.line_rich_menu_id,
            "account_id": m.account_id, "created_at": m.created_at}


@router.get("/api/rich-menus/schema", response_model=dict[str, Any])
def rich_menu_schema(user: UserDep) -> dict[str, Any]:
    """The JSON Schema of LINE's rich menu object (size, chat bar text, tap areas): the web
    app's rich menu form is derived from it."""
    return RichMenuObject.model_json_schema()


@router.get("/api/rich-menus", response_model=ItemList[shapes.RichMenu])
def list_rich_menus(user: UserDep, session: SessionDep) -> dict[str, Any]:
    rows = session.scalars(select(RichMenu).where(
        RichMenu.organisation_id == user.organisation_id).order_by(RichMenu.name)).all()
    return {"items": [rich_menu_out(m) for m in rows], "total": len(rows)}


@router.post("/api/rich-menus", status_code=201, response_model=shapes.RichMenuCreated,
             response_model_exclude_unset=True)
def create_rich_menu(body: RichMenuIn, user: EditorDep, session: SessionDep,
                     request: Request) -> dict[str, Any]:
    account = owned(session, LineAccount, body.account_id, user, "account") \
        if body.account_id is not None else None
    line_id = body.line_rich_menu_id
    if body.menu is not None:
        assert account is not None
        line_id = _make_at_line(request, account, body)
    assert line_id is not None
    m = RichMenu(organisation_id=user.organisation_id, name=body.name,
                 line_rich_menu_id=line_id, account_id=body.account_id)
    session.add(m)
    session.flush()
    audit.log(session, user, "created", "rich_menu", m, line_rich_menu_id=line_id,
              account_id=body.account_id, made_in_lumo=body.menu is not None)
    if body.menu is not None:  # each change made at LINE gets its own entry
        audit.log(session, user, "image_uploaded", "rich_menu", m, line_rich_menu_id=line_id)
        if body.set_default:
            audit.log(session, user, "set_default", "rich_menu", m, account_id=body.account_id)
    session.commit()
    out = rich_menu_out(m)
    if body.menu is not None:
        out |= {"alias_id": body.alias_id, "default": body.set_default,
                "menu": body.menu.model_dump(mode="json", exclude_none=True)}
    return out


@router.delete("/api/rich-menus/{menu_id}", status_code=204)
def delete_rich_menu(menu_id: int, user: EditorDep, session: SessionDep) -> None:
    m = owned(session, RichMenu, menu_id, user, "rich menu")
    audit.log(session, user, "deleted", "rich_menu", m)
    session.delete(m)
    session.commit()
