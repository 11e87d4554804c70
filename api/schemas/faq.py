"""FAQ entries and the Customer Agent's preview answer."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class FaqEntry(BaseModel):
    id: int
    question: str
    answer: str
    account_id: int | None
    created_at: datetime
    updated_at: datetime | None


class FaqPreview(BaseModel):
    text: str
    known: bool
    sources: list[int]  # the FAQ entries the answer came from
    provider: str
