"""LINE webhook signatures: base64(HMAC-SHA256(channel secret, raw body))."""

from __future__ import annotations

import base64
import hashlib
import hmac


def sign(body: bytes, channel_secret: str) -> str:
    digest = hmac.new(channel_secret.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def verify(body: bytes, channel_secret: str, signature: str | None) -> bool:
    if not signature:
        return False
    try:
        return hmac.compare_digest(sign(body, channel_secret).encode(), signature.encode())
    except (TypeError, ValueError, UnicodeError):
        return False
