"""LINE Official Accounts. The channel secret and access token are write-only: not here."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class Account(BaseModel):
    id: int
    name: str
    channel_id: str
    basic_id: str | None
    timezone: str
    webhook_url: str
    commerce_webhook_url: str
    created_at: datetime


class AccountCreated(Account):
    commerce_secret: str  # the commerce webhook's signing secret, shown this once
