"""Saved auto-send messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class AutoMessage(BaseModel):
    id: int
    name: str
    # Stored as LINE message objects in LINE's own shape (validated by MessageList on input).
    messages: list[dict[str, Any]] = Field(description="1 to 5 LINE message objects.")
    created_at: datetime
    updated_at: datetime | None
