"""Sign-in, sign-out and the current user.

Sign-in sets two cookies: `lumo_session` (httpOnly, SameSite=strict: the session) and
`lumo_csrf` (readable by the web app, which echoes it in X-CSRF-Token on unsafe requests).
Failed sign-ins are throttled per (email, client address) and per address (429 + Retry-After).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field

from api.deps import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    SessionDep,
    UserDep,
    bearer_or_cookie,
    csrf_token_for,
)
from api.ratelimit import LoginThrottle
from api.schemas.auth import Login, Me
from api.schemas.common import Ok
from engine.identity import (
    SESSION_TTL,
    check_password,
    find_user_by_email,
    hash_password,
    issue_token,
    revoke_token,
)
from engine.storage.models import User

router = APIRouter(tags=["auth"])

# Verified against when the e-mail is unknown, so both answers take as long (no enumeration).
_DUMMY = User(password_hash=hash_password("lumo-timing-equaliser"))


class LoginIn(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=200)


def user_out(user: User) -> dict[str, object]:
    return {"id": user.id, "email": user.email, "role": user.role,
            "organisation": {"id": user.organisation.id, "name": user.organisation.name}}


@router.post("/api/auth/login", response_model=Login)
def login(body: LoginIn, request: Request, response: Response,
          session: SessionDep) -> dict[str, object]:
    throttle = LoginThrottle(request)
    throttle.check(body.email)
    user = find_user_by_email(session, body.email)
    if not check_password(user or _DUMMY, body.password) or user is None:
        raise HTTPException(401, {"code": "invalid_credentials",
                                  "message": "Wrong email or password."})
    throttle.succeeded(body.email)
    token = issue_token(session, user, name="web session", kind="session")
    session.commit()
    max_age = int(SESSION_TTL.total_seconds())
    secure = request.url.scheme == "https"
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict",
                        max_age=max_age, path="/", secure=secure)
    response.set_cookie(CSRF_COOKIE, csrf_token_for(token), httponly=False, samesite="strict",
                        max_age=max_age, path="/", secure=secure)
    return {"token": token, "user": user_out(user)}


@router.post("/api/auth/logout", response_model=Ok)
def logout(request: Request, response: Response, session: SessionDep) -> dict[str, bool]:
    # No CSRF check: ending one's own session is harmless, and a stale page must be able to.
    token = bearer_or_cookie(request)
    if token:
        revoke_token(session, token)
        session.commit()
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return {"ok": True}


@router.get("/api/me", response_model=Me)
def me(user: UserDep) -> dict[str, object]:
    return user_out(user)
