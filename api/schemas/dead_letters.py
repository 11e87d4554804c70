"""Dead letters: stored events whose handler kept failing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class DeadLetter(BaseModel):
    id: int
    account_id: int | None
    source: str
    event_type: str | None
    event_key: str | None
    line_user_id: str | None
    status: str
    attempts: int
    error: str | None
    received_at: datetime
    dead_at: datetime | None


class DeadLetterDetail(DeadLetter):
    payload: Any  # the event as LINE (or the shop) sent it
