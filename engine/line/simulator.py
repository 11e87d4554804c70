"""The LINE simulator: a real HTTP server standing in for the Messaging API in dev and tests.

- Implements what Lumo calls through line-bot-sdk: push, reply, profile, rich menu
  link/unlink per user, loading animation. Bot calls authenticate with the channel's token.
- Honours X-Line-Retry-Key (a repeated accepted key → 409, not a second message).
- Records what it received; can inject 429 / 500 / timeouts / latency.
- Plays a friend: builds LINE webhook bodies, signs them and POSTs them to the channel's
  webhook URL (follow, message, postback, unfollow, video complete, redelivery).
Control endpoints live under /_sim/.
"""

from __future__ import annotations

import asyncio
import random
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from engine.line.signature import sign

_ULID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _ulid() -> str:
    """A ULID-like id, as LINE uses for webhookEventId (time-ordered, 26 chars)."""
    ms = int(time.time() * 1000)
    head = "".join(_ULID_CHARS[(ms >> (5 * i)) & 31] for i in reversed(range(10)))
    return head + "".join(secrets.choice(_ULID_CHARS) for _ in range(16))


def build_event(kind: str, user_id: str, **kw: Any) -> dict[str, Any]:
    """A webhook event as LINE sends it. kind: follow|unfollow|message|postback|video_complete."""
    event: dict[str, Any] = {
        "mode": kw.get("mode", "active"),
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": user_id},
        "webhookEventId": kw.get("webhook_event_id") or _ulid(),
        "deliveryContext": {"isRedelivery": False},
    }
    reply_token = uuid.uuid4().hex
    if kind == "follow":
        event |= {"type": "follow", "replyToken": reply_token,
                  "follow": {"isUnblocked": bool(kw.get("is_unblocked", False))}}
    elif kind == "unfollow":
        event |= {"type": "unfollow"}
    elif kind == "message":
        event |= {"type": "message", "replyToken": reply_token,
                  "message": {"id": str(random.randint(10**17, 10**18)), "type": "text",
                              "text": kw.get("text", ""), "quoteToken": uuid.uuid4().hex}}
    elif kind == "postback":
        event |= {"type": "postback", "replyToken": reply_token,
                  "postback": {"data": kw.get("data", "")}}
    elif kind == "video_complete":
        event |= {"type": "videoPlayComplete", "replyToken": reply_token,
                  "videoPlayComplete": {"trackingId": kw.get("tracking_id", "")}}
    else:
        raise ValueError(f"unknown event kind {kind!r}")
    return event


def build_body(destination: str, events: list[dict[str, Any]]) -> bytes:
    import json

    return json.dumps({"destination": destination, "events": events},
                      ensure_ascii=False).encode()


@dataclass
class Channel:
    channel_id: str
    channel_secret: str
    access_token: str
    webhook_url: str
    bot_user_id: str = field(default_factory=lambda: "U" + uuid.uuid4().hex)


@dataclass
class Faults:
    rate_429: float = 0.0
    rate_500: float = 0.0
    rate_timeout: float = 0.0
    latency_ms: int = 0
    retry_after: int | None = None
    timeout_sleep_s: float = 5.0
    rng: random.Random = field(default_factory=random.Random)


class SimState:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.channels: dict[str, Channel] = {}
        self.by_token: dict[str, Channel] = {}
        self.friends: dict[str, dict[str, Any]] = {}
        self.messages: list[dict[str, Any]] = []
        self.retry_keys: dict[tuple[str, str], str] = {}
        self.richmenus: dict[str, str | None] = {}
        self.loading: list[dict[str, Any]] = []
        self.sent_events: dict[str, tuple[str, dict[str, Any]]] = {}
        self.stats: dict[str, int] = {}
        self.faults = Faults()

    def count(self, key: str) -> None:
        self.stats[key] = self.stats.get(key, 0) + 1


class ChannelIn(BaseModel):
    channel_id: str
    channel_secret: str
    access_token: str
    webhook_url: str


class FriendIn(BaseModel):
    user_id: str
    display_name: str = "Friend"
    picture_url: str | None = None
    language: str | None = "ja"


class FaultsIn(BaseModel):
    rate_429: float = Field(default=0.0, ge=0, le=1)
    rate_500: float = Field(default=0.0, ge=0, le=1)
    rate_timeout: float = Field(default=0.0, ge=0, le=1)
    latency_ms: int = Field(default=0, ge=0, le=60_000)
    retry_after: int | None = Field(default=None, ge=0, le=3600)
    timeout_sleep_s: float = Field(default=5.0, ge=0, le=120)
    seed: int | None = None


class FriendAction(BaseModel):
    user_id: str
    display_name: str | None = None
    text: str = ""
    data: str = ""
    tracking_id: str = ""
    is_unblocked: bool = False
    mode: str = "active"


def _line_error(status: int, message: str, headers: dict[str, str] | None = None,
                details: list[dict[str, str]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"message": message}
    if details:
        body["details"] = details
    return JSONResponse(body, status_code=status, headers=headers)


def create_app(state: SimState | None = None) -> FastAPI:
    st = state or SimState()
    app = FastAPI(title="LINE simulator")
    app.state.sim = st

    def channel_for(request: Request) -> Channel | None:
        auth = request.headers.get("authorization", "")
        token = auth[7:] if auth.lower().startswith("bearer ") else ""
        with st.lock:
            return st.by_token.get(token)

    async def fault(kind: str) -> JSONResponse | None:
        """Injected failures for bot calls; None when the call should go through."""
        f = st.faults
        if f.latency_ms:
            await asyncio.sleep(f.latency_ms / 1000)
        with st.lock:
            roll = f.rng.random()
        if roll < f.rate_429:
            with st.lock:
                st.count(f"{kind}:429")
            headers = {"Retry-After": str(f.retry_after)} if f.retry_after is not None else None
            return _line_error(429, "Too Many Requests", headers)
        if roll < f.rate_429 + f.rate_500:
            with st.lock:
                st.count(f"{kind}:500")
            return _line_error(500, "Internal Server Error")
        if roll < f.rate_429 + f.rate_500 + f.rate_timeout:
            with st.lock:
                st.count(f"{kind}:timeout")
            await asyncio.sleep(f.timeout_sleep_s)
            return _line_error(504, "Gateway Timeout (simulated)")
        return None

    def validate_messages(body: dict[str, Any]) -> JSONResponse | None:
        messages = body.get("messages")
        if not isinstance(messages, list) or not 1 <= len(messages) <= 5:
            return _line_error(400, "The request body has 1 error(s)", details=[
                {"message": "Size must be between 1 and 5", "property": "messages"}])
        for i, m in enumerate(messages):
            if m.get("type") == "text" and not 0 < len(m.get("text", "")) <= 5000:
                return _line_error(400, "The request body has 1 error(s)", details=[
                    {"message": "Length must be between 1 and 5000",
                     "property": f"messages[{i}].text"}])
        return None

    # -- Messaging API ---------------------------------------------------------------------
    @app.post("/v2/bot/message/push")
    async def push(request: Request) -> JSONResponse:
        ch = channel_for(request)
        if ch is None:
            return _line_error(401, "Authentication failed due to the following reason: "
                                    "invalid token. Confirm that the access token in the "
                                    "authorization header is valid.")
        if (injected := await fault("push")) is not None:
            return injected
        body = await request.json()
        if not body.get("to"):
            return _line_error(400, "The request body has 1 error(s)", details=[
                {"message": "May not be empty", "property": "to"}])
        if (bad := validate_messages(body)) is not None:
            return bad
        retry_key = request.headers.get("x-line-retry-key")
        request_id = uuid.uuid4().hex
        with st.lock:
            if retry_key and (ch.channel_id, retry_key) in st.retry_keys:
                st.count("push:409")
                return _line_error(409, "The retry key is already accepted", headers={
                    "x-line-accepted-request-id": st.retry_keys[(ch.channel_id, retry_key)]})
            if retry_key:
                st.retry_keys[(ch.channel_id, retry_key)] = request_id
            st.messages.append({"kind": "push", "channel_id": ch.channel_id,
                                "to": body["to"], "messages": body["messages"],
                                "retry_key": retry_key, "received_at": time.time()})
            st.count("push:200")
        return JSONResponse({"sentMessages": [{"id": uuid.uuid4().hex}
                                              for _ in body["messages"]]},
                            headers={"x-line-request-id": request_id})

    @app.post("/v2/bot/message/reply")
    async def reply(request: Request) -> JSONResponse:
        ch = channel_for(request)
        if ch is None:
            return _line_error(401, "Authentication failed")
        if (injected := await fault("reply")) is not None:
            return injected
        body = await request.json()
        if (bad := validate_messages(body)) is not None:
            return bad
        with st.lock:
            st.messages.append({"kind": "reply", "channel_id": ch.channel_id,
                                "to": body.get("replyToken"), "messages": body["messages"],
                                "retry_key": None, "received_at": time.time()})
            st.count("reply:200")
        return JSONResponse({"sentMessages": []})

    @app.get("/v2/bot/profile/{user_id}")
    async def profile(user_id: str, request: Request) -> JSONResponse:
        if channel_for(request) is None:
            return _line_error(401, "Authentication failed")
        if (injected := await fault("profile")) is not None:
            return injected
        with st.lock:
            friend = st.friends.get(user_id)
        if friend is None:
            return _line_error(404, "Not found")
        return JSONResponse({"userId": user_id, "displayName": friend["display_name"],
                             "pictureUrl": friend.get("picture_url"),
                             "language": friend.get("language")})

    @app.post("/v2/bot/user/{user_id}/richmenu/{rich_menu_id}")
    async def link_menu(user_id: str, rich_menu_id: str, request: Request) -> JSONResponse:
        if channel_for(request) is None:
            return _line_error(401, "Authentication failed")
        if (injected := await fault("richmenu")) is not None:
            return injected
        with st.lock:
            st.richmenus[user_id] = rich_menu_id
        return JSONResponse({})

    @app.delete("/v2/bot/user/{user_id}/richmenu")
    async def unlink_menu(user_id: str, request: Request) -> JSONResponse:
        if channel_for(request) is None:
            return _line_error(401, "Authentication failed")
        if (injected := await fault("richmenu")) is not None:
            return injected
        with st.lock:
            st.richmenus[user_id] = None
        return JSONResponse({})

    @app.post("/v2/bot/chat/loading/start")
    async def loading(request: Request) -> JSONResponse:
        ch = channel_for(request)
        if ch is None:
            return _line_error(401, "Authentication failed")
        body = await request.json()
        with st.lock:
            st.loading.append({"channel_id": ch.channel_id, "chat_id": body.get("chatId"),
                               "seconds": body.get("loadingSeconds"), "at": time.time()})
        return JSONResponse({}, status_code=202)

    # -- control API -----------------------------------------------------------------------
    @app.post("/_sim/channels")
    def add_channel(body: ChannelIn) -> dict[str, Any]:
        ch = Channel(**body.model_dump())
        with st.lock:
            old = st.channels.get(ch.channel_id)
            if old is not None:
                st.by_token.pop(old.access_token, None)
            st.channels[ch.channel_id] = ch
            st.by_token[ch.access_token] = ch
        return {"channel_id": ch.channel_id, "bot_user_id": ch.bot_user_id}

    @app.post("/_sim/friends")
    def add_friend(body: FriendIn) -> dict[str, Any]:
        with st.lock:
            st.friends[body.user_id] = body.model_dump()
        return body.model_dump()

    @app.get("/_sim/messages")
    def list_messages(channel_id: str | None = None, to: str | None = None) -> dict[str, Any]:
        with st.lock:
            items = [m for m in st.messages
                     if (channel_id is None or m["channel_id"] == channel_id)
                     and (to is None or m["to"] == to)]
        return {"messages": items, "total": len(items)}

    @app.delete("/_sim/messages")
    def clear_messages() -> dict[str, bool]:
        with st.lock:
            st.messages.clear()
        return {"ok": True}

    @app.get("/_sim/richmenus/{user_id}")
    def richmenu_of(user_id: str) -> dict[str, Any]:
        with st.lock:
            return {"user_id": user_id, "rich_menu_id": st.richmenus.get(user_id)}

    @app.get("/_sim/loading")
    def loading_calls() -> dict[str, Any]:
        with st.lock:
            return {"calls": list(st.loading)}

    @app.post("/_sim/faults")
    def set_faults(body: FaultsIn) -> dict[str, Any]:
        with st.lock:
            st.faults = Faults(rate_429=body.rate_429, rate_500=body.rate_500,
                               rate_timeout=body.rate_timeout, latency_ms=body.latency_ms,
                               retry_after=body.retry_after,
                               timeout_sleep_s=body.timeout_sleep_s,
                               rng=random.Random(body.seed))
        return body.model_dump()

    @app.delete("/_sim/faults")
    def clear_faults() -> dict[str, bool]:
        with st.lock:
            st.faults = Faults()
        return {"ok": True}

    @app.get("/_sim/stats")
    def stats() -> dict[str, Any]:
        with st.lock:
            return {"counts": dict(st.stats), "messages": len(st.messages)}

    @app.post("/_sim/reset")
    def reset() -> dict[str, bool]:
        with st.lock:
            st.reset()
        return {"ok": True}

    async def deliver(ch: Channel, body: bytes) -> int:
        async with httpx.AsyncClient(timeout=10) as client:
            r = await client.post(ch.webhook_url, content=body, headers={
                "Content-Type": "application/json",
                "X-Line-Signature": sign(body, ch.channel_secret),
                "User-Agent": "LineBotWebhook/2.0"})
            return r.status_code

    @app.post("/_sim/channels/{channel_id}/events/{kind}")
    async def act(channel_id: str, kind: str, body: FriendAction) -> JSONResponse:
        with st.lock:
            ch = st.channels.get(channel_id)
        if ch is None:
            return JSONResponse({"message": f"unknown channel {channel_id}"}, status_code=404)
        if kind not in ("follow", "unfollow", "message", "postback", "video_complete"):
            return JSONResponse({"message": f"unknown event kind {kind}"}, status_code=400)
        if body.display_name:
            with st.lock:
                st.friends.setdefault(body.user_id, {"user_id": body.user_id,
                                                     "display_name": body.display_name,
                                                     "language": "ja"})
        event = build_event(kind, body.user_id, text=body.text, data=body.data,
                            tracking_id=body.tracking_id, is_unblocked=body.is_unblocked,
                            mode=body.mode)
        with st.lock:
            st.sent_events[event["webhookEventId"]] = (channel_id, event)
        try:
            status = await deliver(ch, build_body(ch.bot_user_id, [event]))
        except httpx.HTTPError as exc:
            return JSONResponse({"status_code": None, "error": str(exc), "event": event})
        return JSONResponse({"status_code": status, "event": event})

    @app.post("/_sim/channels/{channel_id}/redeliver")
    async def redeliver(channel_id: str, body: dict[str, Any]) -> JSONResponse:
        with st.lock:
            ch = st.channels.get(channel_id)
        if ch is None:
            return JSONResponse({"message": f"unknown channel {channel_id}"}, status_code=404)
        event = dict(body["event"])
        event["deliveryContext"] = {"isRedelivery": True}
        status = await deliver(ch, build_body(ch.bot_user_id, [event]))
        return JSONResponse({"status_code": status, "event": event})

    return app


def serve(host: str = "127.0.0.1", port: int = 8100) -> None:
    import uvicorn

    uvicorn.run(create_app(), host=host, port=port, log_level="warning")
