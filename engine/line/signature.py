"""LINE webhook signatures: base64(HMAC-SHA256(channel secret, raw body)).

LINE signs the exact bytes it sends, so verification must run on the raw request body, before
any JSON parsing or re-encoding.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def _digest(body: bytes, channel_secret: str) -> bytes:
    return hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()


def sign(body: bytes, channel_secret: str) -> str:
    """The `X-Line-Signature` value LINE would send for `body`."""
    return base64.b64encode(_digest(body, channel_secret)).decode("ascii")


def verify(body: bytes, channel_secret: str, signature: str | None) -> bool:
    """True only when `signature` is LINE's signature of `body`; never raises.

    The canonical base64 strings are compared in constant time (as the LINE SDK does, so a
    non-canonical encoding of the right digest is refused too); malformed, non-ASCII or missing
    headers and wrongly typed arguments are plain mismatches rather than errors.
    """
    if not signature or not isinstance(signature, str):
        return False
    try:
        given = signature.strip().encode("ascii")
        expected = sign(body, channel_secret).encode("ascii")
    except (ValueError, TypeError, AttributeError, UnicodeError):
        return False
    return hmac.compare_digest(expected, given)
