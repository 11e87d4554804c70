"""Tracked QR codes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class QrCode(BaseModel):
    id: int
    name: str
    account_id: int
    code: str
    prefill_text: str
    scan_count: int
    url: str
    created_at: datetime
