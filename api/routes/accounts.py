"""LINE Official Accounts. Channel secret and access token are write-only."""

from __future__ import annotations

import secrets
from typing import Any
from zoneinfo import available_timezones

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select

from api.deps import EditorDep, SessionDep, SettingsDep, UserDep
from api.ownership import owned
from api.schemas.accounts import Account, AccountCreated
from api.schemas.common import ItemList
from engine import audit
from engine.crypto import encrypt
from engine.settings import Settings
from engine.storage.models import LineAccount
from engine.workflows import active_using_account

router = APIRouter(tags=["accounts"])


class AccountIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    channel_id: str = Field(pattern=r"^[0-9A-Za-z_\-]{1,64}$")
    channel_secret: str = Field(min_length=8, max_length=200)
    access_token: str = Field(min_length=8, max_length=2000)
    basic_id: str | None = Field(default=None, max_length=64,
                                 description="The @id used for chat links (QR codes).")
    timezone: str = "Asia/Tokyo"

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        if v not in available_timezones():
            raise ValueError(f"unknown time zone “{v}”")
        return v


def account_out(acc: LineAccount, settings: Settings) -> dict[str, Any]:
    return {"id": acc.id, "name": acc.name, "channel_id": acc.channel_id,
            "basic_id": acc.basic_id, "timezone": acc.timezone,
            "webhook_url": f"{settings.public_url}/webhooks/line/{acc.channel_id}",
            "commerce_webhook_url": f"{settings.public_url}/webhooks/commerce/{acc.id}",
            "created_at": acc.created_at}


@router.get("/api/accounts", response_model=ItemList[Account])
def list_accounts(user: UserDep, session: SessionDep, settings: SettingsDep) -> dict[str, Any]:
    rows = session.scalars(select(LineAccount).where(
        LineAccount.organisation_id == user.organisation_id).order_by(LineAccount.id)).all()
    return {"items": [account_out(a, settings) for a in rows], "total": len(rows)}


@router.post("/api/accounts", status_code=201, response_model=AccountCreated)
def create_account(body: AccountIn, user: EditorDep, session: SessionDep,
                   settings: SettingsDep) -> dict[str, Any]:
    if session.scalar(select(LineAccount.id).where(LineAccount.channel_id == body.channel_id)):
        raise HTTPException(409, {"code": "duplicate", "field": "channel_id",
                                  "message": "This LINE channel is already connected."})
    commerce_secret = secrets.token_urlsafe(32)
    acc = LineAccount(organisation_id=user.organisation_id, name=body.name,
                      channel_id=body.channel_id, basic_id=body.basic_id,
                      channel_secret_enc=encrypt(body.channel_secret),
                      access_token_enc=encrypt(body.access_token), timezone=body.timezone,
                      commerce_secret_enc=encrypt(commerce_secret))
    session.add(acc)
    session.flush()
    audit.log(session, user, "created", "account", acc, channel_id=acc.channel_id)
    session.commit()
    # The commerce signing secret is shown this once, like an API key.
    return account_out(acc, settings) | {"commerce_secret": commerce_secret}


@router.get("/api/accounts/{account_id}", response_model=Account)
def get_account(account_id: int, user: UserDep, session: SessionDep,
                settings: SettingsDep) -> dict[str, Any]:
    acc = owned(session, LineAccount, account_id, user, "account")
    return account_out(acc, settings)


@router.delete("/api/accounts/{account_id}", status_code=204,
               responses={409: {"description": "Active workflows still use the account."}})
def delete_account(account_id: int, user: EditorDep, session: SessionDep) -> None:
    acc = owned(session, LineAccount, account_id, user, "account")
    using = active_using_account(session, user.organisation_id, acc.id)
    if using:
        names = ", ".join(f"“{name}”" for _, name in using)
        raise HTTPException(409, {
            "code": "account_in_use", "field": "account_id",
            "message": f"Pause the active workflows that use “{acc.name}” first: {names}.",
            "workflows": [{"id": wid, "name": name} for wid, name in using]})
    # Its friends, runs, events, QR codes and rich menu links go with it (ON DELETE CASCADE).
    audit.log(session, user, "deleted", "account", acc, channel_id=acc.channel_id)
    session.delete(acc)
    session.commit()
