"""Inbound webhooks: LINE (signed with the channel secret) and commerce (signed per account).

The request only verifies, stores each event once and answers: LINE gives up after 2 s, so
workflow work happens in the workers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.webhook import WebhookParser
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select

from engine import clock
from engine.crypto import decrypt
from engine.ingest import store_events, store_line_events
from engine.storage.db import Database
from engine.storage.models import LineAccount

router = APIRouter(tags=["webhooks"])


class _AccountCache:
    """channel id → (account id, secret): decrypting per request would dominate ingest."""

    def __init__(self, ttl: float = 30.0):
        self.ttl = ttl
        self._items: dict[str, tuple[float, int, str, WebhookParser]] = {}
        self._lock = threading.Lock()

    def get(self, db: Database, channel_id: str) -> tuple[int, str, WebhookParser] | None:
        now = time.monotonic()
        with self._lock:
            hit = self._items.get(channel_id)
        if hit and now - hit[0] < self.ttl:
            return hit[1], hit[2], hit[3]
        with db.session() as session:
            row = session.execute(select(LineAccount.id, LineAccount.channel_secret_enc)
                                  .where(LineAccount.channel_id == channel_id)).first()
        if row is None:
            return None
        secret = decrypt(row[1])
        with self._lock:
            self._items[channel_id] = (now, row[0], secret, WebhookParser(secret))
        return row[0], secret, self._items[channel_id][3]


def _cache(request: Request) -> _AccountCache:
    if not hasattr(request.app.state, "account_cache"):
        request.app.state.account_cache = _AccountCache()
    return request.app.state.account_cache


def _bad_signature() -> HTTPException:
    return HTTPException(401, {"code": "bad_signature",
                               "message": "X-Line-Signature is missing or does not match."})


@router.post("/webhooks/line/{channel_id}")
async def line_webhook(channel_id: str, request: Request) -> dict[str, Any]:
    body = await request.body()
    db: Database = request.app.state.db
    found = await run_in_threadpool(_cache(request).get, db, channel_id)
    if found is None:
        raise HTTPException(404, {"code": "unknown_channel",
                                  "message": f"No LINE account with channel id {channel_id}."})
    account_id, _secret, parser = found
    signature = request.headers.get("x-line-signature")
    if not signature:
        raise _bad_signature()
    try:
        text = body.decode("utf-8")
        # The SDK checks the signature (constant time) and the body's shape.
        parser.parse(text, signature)
        payload = json.loads(text)
    except InvalidSignatureError:
        raise _bad_signature() from None
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise HTTPException(400, {"code": "bad_body", "message": f"Not a LINE webhook body: "
                                  f"{type(exc).__name__}"}) from None
    events = payload.get("events") if isinstance(payload, dict) else None
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise HTTPException(400, {"code": "bad_body", "field": "events",
                                  "message": "events must be a list of objects"})
    if not events:
        return {}  # LINE's "Verify" button sends an empty list

    def store() -> list[int]:
        with db.session() as session:
            return store_line_events(session, account_id, events, clock.now())

    new_ids = await run_in_threadpool(store)
    request.app.state.backend.submit_events(new_ids)
    return {}


class CommerceItem(BaseModel):
    sku: str = Field(min_length=1, max_length=100)
    quantity: int = Field(default=1, ge=1, le=100_000)
    price: float | None = Field(default=None, ge=0)


class CommerceEvent(BaseModel):
    id: str = Field(min_length=1, max_length=100, description="Your unique event id.")
    type: Literal["purchase_completed", "cart_abandoned"]
    line_user_id: str = Field(pattern=r"^U[0-9a-f]{32}$")
    amount: float | None = Field(default=None, ge=0)
    cart_value: float | None = Field(default=None, ge=0)
    currency: str = Field(default="JPY", pattern=r"^[A-Z]{3}$")
    items: list[CommerceItem] = Field(default_factory=list, max_length=500)


def commerce_signature(body: bytes, secret: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


@router.post("/webhooks/commerce/{account_id}")
async def commerce_webhook(account_id: int, request: Request) -> dict[str, Any]:
    body = await request.body()
    db: Database = request.app.state.db

    def secret_of() -> str | None:
        with db.session() as session:
            enc = session.scalar(select(LineAccount.commerce_secret_enc)
                                 .where(LineAccount.id == account_id))
        return decrypt(enc) if enc else None

    secret = await run_in_threadpool(secret_of)
    if secret is None:
        raise HTTPException(404, {"code": "unknown_account", "message": "No such account."})
    given = request.headers.get("x-lumo-signature", "")
    if not hmac.compare_digest(given.encode(), commerce_signature(body, secret).encode()):
        raise HTTPException(401, {"code": "bad_signature",
                                  "message": "X-Lumo-Signature is missing or does not match."})
    try:
        event = CommerceEvent.model_validate_json(body)
    except ValidationError as exc:
        raise HTTPException(422, [{"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]}
                                  for e in exc.errors(include_url=False)]) from None

    def store() -> list[int]:
        with db.session() as session:
            return store_events(session, account_id, "commerce", [
                (event.id, event.type, event.line_user_id, event.model_dump(mode="json"))],
                clock.now())

    new_ids = await run_in_threadpool(store)
    request.app.state.backend.submit_events(new_ids)
    return {"stored": bool(new_ids)}
