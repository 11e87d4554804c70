"""API tokens: list, create (the plain token is shown once), revoke.

Only a SHA-256 of each token is stored. Everyone manages their own tokens; an admin also sees
and may revoke the tokens of every user of their organisation (a leaked key is cut off by
someone who is awake). A token carries its user's role, so a viewer's token can only read.
Web sessions are tokens too (kind "session"): listing them shows where one is signed in, and
revoking one signs that browser out.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy import Select, select

from api.deps import SessionDep, UserDep, bearer_or_cookie
from api.schemas import auth as shapes
from api.schemas.common import ItemList
from engine import clock
from engine.crypto import hash_token
from engine.identity import issue_token
from engine.storage.models import ApiToken, User

router = APIRouter(tags=["tokens"])


class TokenIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)


def token_out(row: ApiToken, current_hash: str | None = None) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "kind": row.kind,
            "user": {"id": row.user.id, "email": row.user.email},
            "created_at": row.created_at, "last_used_at": row.last_used_at,
            "expires_at": row.expires_at, "revoked_at": row.revoked_at,
            "current": row.token_hash == current_hash}


def _visible(user: User) -> Select[tuple[ApiToken]]:
    stmt = select(ApiToken).join(User, ApiToken.user_id == User.id)
    if user.role == "admin":
        return stmt.where(User.organisation_id == user.organisation_id)
    return stmt.where(ApiToken.user_id == user.id)


@router.get("/api/tokens", response_model=ItemList[shapes.ApiToken])
def list_tokens(user: UserDep, session: SessionDep, request: Request,
                include_revoked: bool = False) -> dict[str, Any]:
    stmt = _visible(user)
    if not include_revoked:
        stmt = stmt.where(ApiToken.revoked_at.is_(None))
    rows = session.scalars(stmt.order_by(ApiToken.id)).all()
    now = clock.now()
    rows = [r for r in rows if include_revoked or r.expires_at is None or r.expires_at > now]
    current = bearer_or_cookie(request)
    current_hash = hash_token(current) if current else None
    return {"items": [token_out(r, current_hash) for r in rows], "total": len(rows)}


@router.post("/api/tokens", status_code=201, response_model=shapes.ApiTokenCreated)
def create_token(body: TokenIn, user: UserDep, session: SessionDep) -> dict[str, Any]:
    """A new API token for the caller. The token is in this answer only: store it now."""
    name = body.name.strip()
    if not name:
        raise HTTPException(422, [{"loc": ["body", "name"], "msg": "name must not be blank",
                                   "type": "value_error"}])
    plain = issue_token(session, user, name=name, kind="api")
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(plain)))
    session.commit()
    assert row is not None
    return token_out(row) | {"token": plain}


@router.delete("/api/tokens/{token_id}", status_code=204)
def revoke(token_id: int, user: UserDep, session: SessionDep) -> None:
    row = session.scalar(_visible(user).where(ApiToken.id == token_id))
    if row is None:
        raise HTTPException(404, {"code": "not_found", "message": f"token {token_id} not found"})
    if row.revoked_at is None:
        row.revoked_at = clock.now()
    session.commit()
