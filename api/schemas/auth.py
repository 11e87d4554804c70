"""Sign-in, the current user and API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel


class OrganisationRef(BaseModel):
    id: int
    name: str


class Me(BaseModel):
    id: int
    email: str
    role: Literal["admin", "editor", "viewer"]
    organisation: OrganisationRef


class Login(BaseModel):
    token: str
    user: Me


class TokenUser(BaseModel):
    id: int
    email: str


class ApiToken(BaseModel):
    id: int
    name: str
    kind: str
    user: TokenUser
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    current: bool


class ApiTokenCreated(ApiToken):
    token: str  # the plain token, in this answer only
