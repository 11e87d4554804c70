"""Webhook signatures: LINE's scheme (base64 HMAC-SHA256), checked against independent sources."""

from __future__ import annotations

import base64
import json

from hypothesis import given
from hypothesis import strategies as st
from linebot.v3.webhook import SignatureValidator

from engine.line.signature import sign, verify

SECRET = "0123456789abcdef0123456789abcdef"
BODY = json.dumps({"destination": "U" + "0" * 32, "events": [
    {"type": "message", "message": {"type": "text", "text": "こんにちは 👋"}}]},
    ensure_ascii=False).encode()


def test_sign_matches_the_published_hmac_sha256_vector() -> None:
    # Well-known HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
    expected = bytes.fromhex("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
    assert sign(b"The quick brown fox jumps over the lazy dog", "key") == \
        base64.b64encode(expected).decode()


def test_sign_agrees_with_the_line_sdk_validator() -> None:
    signature = sign(BODY, SECRET)
    assert SignatureValidator(SECRET).validate(BODY.decode(), signature)
    assert not SignatureValidator("another-secret").validate(BODY.decode(), signature)


def test_verify_accepts_only_the_right_body_secret_and_signature() -> None:
    signature = sign(BODY, SECRET)
    assert verify(BODY, SECRET, signature)
    assert not verify(BODY, "wrong-secret", signature)
    assert not verify(BODY + b" ", SECRET, signature)  # re-encoded bodies must not verify
    assert not verify(BODY.replace("👋".encode(), b"!"), SECRET, signature)
    assert not verify(BODY, SECRET, sign(b"{}", SECRET))


def test_verify_treats_missing_and_garbage_headers_as_mismatch() -> None:
    good = sign(BODY, SECRET)
    for bad in (None, "", " ", "!!!!", "not base64 at all", "署名", good[:-4], good[:-1],
                good + "AAAA", good.lower(), "A" * 44, base64.b64encode(b"x" * 31).decode()):
        assert verify(BODY, SECRET, bad) is False, bad


def test_verify_refuses_a_non_canonical_encoding_of_the_right_digest() -> None:
    good = sign(BODY, SECRET)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    # The 43rd character carries 2 unused bits: flipping one decodes to the same 32 bytes.
    twin = good[:42] + alphabet[alphabet.index(good[42]) ^ 1] + good[43:]
    assert twin != good and base64.b64decode(twin) == base64.b64decode(good)
    assert verify(BODY, SECRET, twin) is False


def test_verify_never_raises_on_wrong_types() -> None:
    assert verify(BODY, SECRET, 123) is False  # type: ignore[arg-type]
    assert verify(BODY, None, sign(BODY, SECRET)) is False  # type: ignore[arg-type]
    assert verify("text body", SECRET, sign(BODY, SECRET)) is False  # type: ignore[arg-type]


@given(body=st.binary(max_size=2048), secret=st.text(min_size=1, max_size=64))
def test_sign_then_verify_round_trips(body: bytes, secret: str) -> None:
    signature = sign(body, secret)
    assert len(base64.b64decode(signature)) == 32
    assert verify(body, secret, signature)
    assert not verify(body + b"x", secret, signature)


@given(signature=st.text(max_size=100))
def test_verify_never_raises_on_arbitrary_headers(signature: str) -> None:
    assert verify(BODY, SECRET, signature) is (signature.strip() == sign(BODY, SECRET))
