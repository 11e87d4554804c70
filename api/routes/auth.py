"""Sign-in, sign-out and the current user."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field

from api.deps import SESSION_COOKIE, SessionDep, UserDep, bearer_or_cookie
from engine.identity import (
    SESSION_TTL,
    check_password,
    find_user_by_email,
    issue_token,
    revoke_token,
)
from engine.storage.models import User

router = APIRouter(tags=["auth"])


class LoginIn(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=200)


def user_out(user: User) -> dict[str, object]:
    return {"id": user.id, "email": user.email, "role": user.role,
            "organisation": {"id": user.organisation.id, "name": user.organisation.name}}


@router.post("/api/auth/login")
def login(body: LoginIn, response: Response, session: SessionDep) -> dict[str, object]:
    user = find_user_by_email(session, body.email)
    if user is None or not check_password(user, body.password):
        raise HTTPException(401, {"code": "invalid_credentials",
                                  "message": "Wrong email or password."})
    token = issue_token(session, user, name="web session", kind="session")
    session.commit()
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict",
                        max_age=int(SESSION_TTL.total_seconds()), path="/")
    return {"token": token, "user": user_out(user)}


@router.post("/api/auth/logout")
def logout(request: Request, response: Response, session: SessionDep) -> dict[str, bool]:
    token = bearer_or_cookie(request)
    if token:
        revoke_token(session, token)
        session.commit()
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"ok": True}


@router.get("/api/me")
def me(user: UserDep) -> dict[str, object]:
    return user_out(user)
