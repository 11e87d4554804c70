"""Inbound webhooks (the LINE webhook answers from middleware, before FastAPI)."""

from __future__ import annotations

from pydantic import BaseModel


class CommerceStored(BaseModel):
    stored: bool  # false: a repeat of an event already stored
