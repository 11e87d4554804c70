"""Typed dependencies shared by the routes: database session, current user, roles."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.orm import Session

from engine.identity import user_for_token
from engine.settings import Settings
from engine.storage.db import Database
from engine.storage.models import User

SESSION_COOKIE = "lumo_session"
# Double-submit CSRF: a readable cookie the web app copies into this header on unsafe methods.
CSRF_COOKIE = "lumo_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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


def bearer_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return None


def bearer_or_cookie(request: Request) -> str | None:
    return bearer_token(request) or request.cookies.get(SESSION_COOKIE)


def csrf_token_for(session_token: str) -> str:
    """The CSRF token bound to a session ("signed double submit"): a cookie planted by someone
    else (a sibling subdomain, a man in the middle on http) does not match the session."""
    key = session_token.encode("utf-8", "surrogateescape")
    return hmac.new(key, b"lumo-csrf", hashlib.sha256).hexdigest()


def _same(a: str, b: str) -> bool:
    # Constant time; bytes, because compare_digest refuses non-ASCII str.
    return hmac.compare_digest(a.encode("utf-8", "surrogateescape"),
                               b.encode("utf-8", "surrogateescape"))


def check_csrf(request: Request) -> None:
    """Unsafe methods authenticated by the session cookie must echo the CSRF cookie in a header.

    A bearer token is never sent by a browser on its own, so bearer requests need no token.
    """
    if request.method in SAFE_METHODS or bearer_token(request):
        return
    session_token = request.cookies.get(SESSION_COOKIE)
    if not session_token:
        return  # not authenticated by a cookie: the route's own auth answers 401
    cookie = request.cookies.get(CSRF_COOKIE, "")
    header = request.headers.get(CSRF_HEADER, "")
    expected = csrf_token_for(session_token)
    if not (header and _same(header, cookie) and _same(header, expected)):
        raise HTTPException(403, {"code": "csrf",
                                  "message": f"Send the {CSRF_COOKIE} cookie's value in the "
                                             f"{CSRF_HEADER} header (sign in again if it is "
                                             "missing)."})


def current_user(request: Request, session: SessionDep) -> User:
    token = bearer_or_cookie(request)
    user = user_for_token(session, token) if token else None
    if user is None:
        raise HTTPException(401, {"code": "unauthenticated",
                                  "message": "Sign in or send a valid API token."},
                            headers={"WWW-Authenticate": "Bearer"})
    check_csrf(request)
    session.commit()  # persists the last-used stamp
    return user


def editor(user: Annotated[User, Depends(current_user)]) -> User:
    if user.role == "viewer":
        raise HTTPException(403, {"code": "forbidden",
                                  "message": "Viewers cannot change anything."})
    return user


def admin(user: Annotated[User, Depends(current_user)]) -> User:
    if user.role != "admin":
        raise HTTPException(403, {"code": "forbidden",
                                  "message": "Only an admin can do this."})
    return user


UserDep = Annotated[User, Depends(current_user)]
EditorDep = Annotated[User, Depends(editor)]
AdminDep = Annotated[User, Depends(admin)]


def if_match(if_match: Annotated[str | None, Header(alias="If-Match")] = None) -> int | None:
    """Revision number from If-Match: accepts 3, "3" and W/"3"."""
    if if_match is None:
        return None
    raw = if_match.strip()
    raw = raw[2:] if raw.startswith("W/") else raw
    raw = raw.strip('"')
    if not (raw.isascii() and raw.isdigit()):  # "²".isdigit() is True, int("²") fails
        raise HTTPException(400, {"code": "invalid_if_match", "field": "If-Match",
                                  "message": "If-Match must be a revision number, e.g. \"3\"."})
    return int(raw)


IfMatchDep = Annotated[int | None, Depends(if_match)]
