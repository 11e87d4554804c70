"""HubSpot / Klaviyo connections. The API key is write-only: not here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from api.schemas.common import ItemList


class Integration(BaseModel):
    id: int
    kind: str
    name: str
    connected: bool
    settings: dict[str, Any]
    created_at: datetime


class AvailableIntegration(BaseModel):
    kind: str
    name: str
    connected: bool


class IntegrationList(ItemList[Integration]):
    available: list[AvailableIntegration]


class KeyCheck(BaseModel):
    ok: bool
    kind: str
    message: str
