"""Typed dependencies shared by the routes: database session, current user, roles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.orm import Session

from engine.identity import user_for_token
from engine.settings import Settings
from engine.storage.db import Database
from engine.storage.models import User

SESSION_COOKIE = "lumo_session"


def get_database(request: Request) -> Database:
    return request.app.state.db


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_session(db: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    # Routes commit explicitly before answering, so a 200 always means "stored".
    with db.sessionmaker() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def bearer_or_cookie(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.cookies.get(SESSION_COOKIE)


def current_user(request: Request, session: SessionDep) -> User:
    token = bearer_or_cookie(request)
    user = user_for_token(session, token) if token else None
    if user is None:
        raise HTTPException(401, {"code": "unauthenticated",
                                  "message": "Sign in or send a valid API token."},
                            headers={"WWW-Authenticate": "Bearer"})
    session.commit()  # persists the last-used stamp
    return user


def editor(user: Annotated[User, Depends(current_user)]) -> User:
    if user.role == "viewer":
        raise HTTPException(403, {"code": "forbidden",
                                  "message": "Viewers cannot change anything."})
    return user


UserDep = Annotated[User, Depends(current_user)]
EditorDep = Annotated[User, Depends(editor)]


def if_match(if_match: Annotated[str | None, Header(alias="If-Match")] = None) -> int | None:
    """Revision number from If-Match: accepts 3, "3" and W/"3"."""
    if if_match is None:
        return None
    raw = if_match.strip()
    raw = raw[2:] if raw.startswith("W/") else raw
    raw = raw.strip('"')
    if not raw.isdigit():
        raise HTTPException(400, {"code": "invalid_if_match", "field": "If-Match",
                                  "message": "If-Match must be a revision number, e.g. \"3\"."})
    return int(raw)


IfMatchDep = Annotated[int | None, Depends(if_match)]
