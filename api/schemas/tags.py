"""Friend Tags."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class Tag(BaseModel):
    id: int
    name: str
    description: str
    friend_count: int
    created_at: datetime
