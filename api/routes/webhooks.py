"""Inbound webhooks: LINE (signed with the channel secret) and commerce (signed per account).

The request only verifies, stores each event once and answers: LINE gives up after 2 s, so
workflow work happens in the workers.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from linebot.v3.webhook import SignatureValidator
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select

from api.schemas.webhooks import CommerceStored
from engine import clock, metrics
from engine.crypto import decrypt
from engine.ingest import Unstorable, event_row, insert_rows, line_event_tuples
from engine.line.webhook_body import BodyError, parse_body
from engine.metrics import WEBHOOK_BODIES_REFUSED
from engine.storage.db import Database
from engine.storage.models import LineAccount
from engine.ttl_cache import TtlCache

router = APIRouter(tags=["webhooks"])


class _AccountCache:
    """channel id → (account id, secret): decrypting per request would dominate ingest."""

    def __init__(self, ttl: float = 30.0):
        self._items: TtlCache[str, tuple[int, str, SignatureValidator]] = TtlCache(ttl)

    def peek(self, channel_id: str) -> tuple[int, str, SignatureValidator] | None:
        return self._items.peek(channel_id)

    def get(self, db: Database, channel_id: str) -> tuple[int, str, SignatureValidator] | None:
        return self._items.get(channel_id, lambda: _load_channel(db, channel_id))


def _load_channel(db: Database, channel_id: str) -> tuple[int, str, SignatureValidator] | None:
    with db.session() as session:
        row = session.execute(select(LineAccount.id, LineAccount.channel_secret_enc)
                              .where(LineAccount.channel_id == channel_id)).first()
    if row is None:
        return None
    secret = decrypt(row[1])
    return row[0], secret, SignatureValidator(secret)


def _error(status: int, code: str, message: str, **extra: object) -> tuple[int, bytes]:
    metrics.EVENTS_REJECTED.labels(code).inc()
    return status, json.dumps({"detail": {"code": code, "message": message, **extra}}).encode()


class LineWebhook:
    """POST /webhooks/line/{channel_id} as a bare ASGI handler.

    The hottest path of the service (LINE sends up to 2,000 requests/s per channel), so it
    skips the framework's routing and dependency machinery: verify the signature with the SDK's
    SignatureValidator, check each event's shape (engine.line.webhook_body), hand the events to
    the group-commit writer, answer once they are committed.
    """

    PREFIX = "/webhooks/line/"

    def __init__(self, app: Any, state: Any):
        self.app = app
        self.state = state
        self.accounts = _AccountCache()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or \
                not scope["path"].startswith(self.PREFIX):
            await self.app(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        status, payload = await self.handle(scope["path"][len(self.PREFIX):], bytes(body),
                                            dict(scope["headers"]))
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(payload)).encode())]})
        await send({"type": "http.response.body", "body": payload})

    async def handle(self, channel_id: str, body: bytes,
                     headers: dict[bytes, bytes]) -> tuple[int, bytes]:
        if not channel_id or "/" in channel_id:
            return _error(404, "not_found", "Unknown webhook path.")
        found = self.accounts.peek(channel_id)
        if found is None:
            found = await run_in_threadpool(self.accounts.get, self.state.db, channel_id)
        if found is None:
            return _error(404, "unknown_channel", f"No LINE account with channel id "
                                                  f"{channel_id}.")
        account_id, _secret, validator = found
        # ASGI header names are lower-case bytes: the lookup is case-insensitive.
        signature = headers.get(b"x-line-signature", b"").decode("latin-1")
        if not signature:
            return _error(401, "bad_signature", "X-Line-Signature is missing.")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            WEBHOOK_BODIES_REFUSED.labels("bad_body").inc()
            return _error(400, "bad_body", "Not a LINE webhook body: not UTF-8")
        # The SDK's check (constant time) of the raw body; the full WebhookParser would also
        # build its models of every event, which we neither need nor trust (see below).
        if not validator.validate(text, signature):
            return _error(401, "bad_signature", "X-Line-Signature does not match the body.")
        try:
            # Parsed once; each event's fields that Lumo reads are checked here, so a body
            # that could never be processed is refused now instead of poisoning the workers.
            _destination, events = parse_body(body)
        except BodyError as exc:
            WEBHOOK_BODIES_REFUSED.labels("bad_body").inc()
            return _error(400, "bad_body", f"Not a LINE webhook body: {exc.message}",
                          field=exc.field or "body")
        if events:  # LINE's "Verify" button sends an empty list
            now = clock.now()
            rows = [event_row(account_id, "line", e, now) for e in line_event_tuples(events)]
            try:
                await asyncio.wrap_future(self.state.ingest.submit(rows))
            except Unstorable as exc:  # this body alone cannot be stored: never redeliver it
                WEBHOOK_BODIES_REFUSED.labels("unstorable").inc()
                return _error(400, "bad_body", f"Events could not be stored: {exc}",
                              field="events")
            except Exception:  # noqa: BLE001 - LINE redelivers on a non-2xx answer
                WEBHOOK_BODIES_REFUSED.labels("unavailable").inc()
                return _error(503, "unavailable", "Events could not be stored right now; "
                                                  "please redeliver.")
            metrics.EVENTS_RECEIVED.labels("line").inc(len(rows))
        return 200, b"{}"


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


@router.post("/webhooks/commerce/{account_id}", response_model=CommerceStored)
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
        metrics.EVENTS_REJECTED.labels("bad_signature").inc()
        raise HTTPException(401, {"code": "bad_signature",
                                  "message": "X-Lumo-Signature is missing or does not match."})
    try:
        event = CommerceEvent.model_validate_json(body)
    except ValidationError as exc:
        raise HTTPException(422, [{"loc": ["body", *e["loc"]], "msg": e["msg"], "type": e["type"]}
                                  for e in exc.errors(include_url=False)]) from None

    row = event_row(account_id, "commerce", (event.id, event.type, event.line_user_id,
                                             event.model_dump(mode="json")), clock.now())

    def store() -> list[int]:
        # Low volume and the caller wants to know "new or repeat": written directly.
        with db.session() as session:
            return insert_rows(session, [row])

    new_ids = await run_in_threadpool(store)
    metrics.EVENTS_RECEIVED.labels("commerce").inc()
    request.app.state.backend.submit_events(new_ids)
    return {"stored": bool(new_ids)}
