"""Secrets at rest (Fernet) and token hashing.

The key comes from LUMO_SECRET_KEY; the embedded default generates one under var/ on first
run so a fresh `make run` works, and keeps it so stored secrets stay readable.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from engine.logs import remember_secret
from engine.settings import VAR_DIR, get_settings

KEY_FILE = VAR_DIR / "secret.key"


def _load_or_create_key(path: Path = KEY_FILE) -> bytes:
    if path.exists():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    # O_EXCL: two processes starting together must not write different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


@lru_cache
def _fernet() -> Fernet:
    configured = get_settings().secret_key
    return Fernet(configured.encode() if configured else _load_or_create_key())


def encrypt(plain: str) -> str:
    remember_secret(plain)  # never logged, wherever it shows up
    return _fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        plain = _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:  # wrong key: say so rather than return garbage
        raise ValueError("secret cannot be decrypted with the configured LUMO_SECRET_KEY") from exc
    remember_secret(plain)
    return plain


def hash_token(token: str) -> str:
    """API tokens are random and long, so a plain SHA-256 is enough (no password stretching)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return "lumo_" + secrets.token_urlsafe(32)
