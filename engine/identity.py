"""Organisations, users, passwords and API tokens."""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import clock
from engine.crypto import hash_token, new_token
from engine.storage.models import ApiToken, Organisation, User

ROLES = ("admin", "editor", "viewer")
SESSION_TTL = timedelta(days=14)

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(user: User, password: str) -> bool:
    if not user.password_hash:
        return False
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_organisation(session: Session, name: str) -> Organisation:
    org = Organisation(name=name)
    session.add(org)
    session.flush()
    return org


def create_user(session: Session, org: Organisation, email: str, password: str | None,
                role: str = "admin") -> User:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    user = User(organisation_id=org.id, email=email.strip().lower(),
                password_hash=hash_password(password) if password else None, role=role)
    session.add(user)
    session.flush()
    return user


def issue_token(session: Session, user: User, name: str = "api", kind: str = "api",
                token: str | None = None) -> str:
    """Create a token and return its plain text; only its hash is stored."""
    token = token or new_token()
    expires = clock.now() + SESSION_TTL if kind == "session" else None
    session.add(ApiToken(user_id=user.id, token_hash=hash_token(token), name=name, kind=kind,
                         expires_at=expires))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked_at is not None:
        return None
    now = clock.now()
    if row.expires_at is not None and row.expires_at < now:
        return None
    # Coarse last-used stamp: one write per minute at most, not one per request.
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        row.last_used_at = now
    return row.user


def revoke_token(session: Session, token: str) -> None:
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is not None and row.revoked_at is None:
        row.revoked_at = clock.now()


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email.strip().lower()))
