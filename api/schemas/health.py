"""Liveness and readiness."""

from __future__ import annotations

from pydantic import BaseModel


class Status(BaseModel):
    status: str


class Check(BaseModel):
    ok: bool
    ms: float | None = None
    error: str | None = None


class Readiness(BaseModel):
    status: str
    checks: dict[str, Check]
