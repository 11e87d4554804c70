"""Try it: the friend simulator panel."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class TryItResult(BaseModel):
    user_id: str
    action: str
    webhook_status: int | None
    error: Any
    event: dict[str, Any] | None  # the LINE webhook event the simulator sent, in LINE's shape


class SentMessage(BaseModel):
    kind: str | None
    to: str | None
    messages: list[dict[str, Any]]
    at: float | None
