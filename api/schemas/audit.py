"""The audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class AuditTarget(BaseModel):
    type: str
    id: int | None
    name: str | None


class AuditEvent(BaseModel):
    id: int
    at: datetime
    actor: str | None
    user_id: int | None
    action: str
    target: AuditTarget
    detail: dict[str, Any]
