"""Fetch a row only if it belongs to the caller's organisation (404 otherwise)."""

from __future__ import annotations

from typing import TypeVar

from fastapi import HTTPException
from sqlalchemy.orm import Session

from engine.storage.models import Base, User

M = TypeVar("M", bound=Base)


def owned(session: Session, model: type[M], row_id: int, user: User, what: str) -> M:
    row = session.get(model, row_id)
    # Another organisation's row is reported exactly like a missing one.
    if row is None or getattr(row, "organisation_id", None) != user.organisation_id:
        raise HTTPException(404, {"code": "not_found", "message": f"{what} {row_id} not found"})
    return row
