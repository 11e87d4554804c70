"""The LINE simulator: a real HTTP server standing in for the Messaging API in dev and tests.

Point `linebot.v3.messaging.Configuration(host=...)` at it. It:
- implements what Lumo calls through line-bot-sdk v3: push, reply, profile, rich menu
  link/unlink per user and the loading animation, authenticated by the channel's access token;
- validates bodies the way LINE does (400 with `message` + `details`) and honours
  `X-Line-Retry-Key` (a key already accepted → 409 + `x-line-accepted-request-id`, no resend);
- records everything it accepted and can inject 429 (with Retry-After) / 500 / timeouts /
  lost responses / latency, seeded for reproducible runs;
- plays a friend: builds LINE webhook bodies, signs them with the channel secret and POSTs them
  to the channel's webhook URL (follow, message, postback, unfollow, video complete,
  redelivery).
Control endpoints live under `/_sim/`. `build_event` / `build_body` are pure, so tests and
benchmarks can make webhooks without any HTTP.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, model_validator

from engine.line.signature import sign

# LINE's documented limits, mirrored so a request LINE would refuse is refused here too.
MAX_MESSAGES = 5
MAX_TEXT_LENGTH = 5000
MAX_QUICK_REPLY_ITEMS = 13
MAX_URL_LENGTH = 2000

EVENT_KINDS = ("follow", "unfollow", "message", "postback", "video_complete")
_KIND_ALIASES = {"block": "unfollow", "videoPlayComplete": "video_complete"}
Endpoint = Literal["push", "reply", "profile", "richmenu", "loading"]

_LINE_ID = re.compile(r"^[UCR][0-9a-f]{32}$")  # user / group / room ids
_ULID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_MESSAGE_TYPES = {"text", "textV2", "sticker", "image", "video", "audio", "location",
                  "imagemap", "template", "flex", "coupon"}
_QUOTABLE = {"text", "textV2", "sticker", "image", "video"}  # LINE returns quoteTokens for these

AUTH_FAILED = ("Authentication failed. Confirm that the access token in the authorization "
               "header is valid.")


# -- pure webhook builders ---------------------------------------------------------------------

def new_webhook_event_id() -> str:
    """A ULID (48-bit ms time + 80 random bits, Crockford base32), like LINE's webhookEventId."""
    ms = int(time.time() * 1000)
    head = "".join(_ULID_CHARS[(ms >> (5 * i)) & 31] for i in reversed(range(10)))
    return head + "".join(secrets.choice(_ULID_CHARS) for _ in range(16))


def new_reply_token() -> str:
    return secrets.token_hex(16)


def new_user_id() -> str:
    """A user id in LINE's format (`U` + 32 hex digits)."""
    return "U" + secrets.token_hex(16)


def _message_id() -> str:
    return str(secrets.randbelow(9 * 10**17) + 10**17)  # LINE ids: 18-digit numeric strings


def build_event(kind: str, user_id: str, **kw: Any) -> dict[str, Any]:
    """One webhook event exactly as LINE sends it, from a 1:1 chat with `user_id`.

    kind: follow | unfollow (alias block) | message | postback | video_complete.
    Keywords: text (message), data and params (postback), tracking_id (video_complete),
    is_unblocked (follow), mode ("active" | "standby"), is_redelivery, and fixed values for
    webhook_event_id, reply_token, timestamp, message_id, quote_token when a test needs them.
    """
    kind = _KIND_ALIASES.get(kind, kind)
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown event kind {kind!r}; expected one of {EVENT_KINDS}")
    line_type = "videoPlayComplete" if kind == "video_complete" else kind
    event: dict[str, Any] = {
        "type": line_type,
        "mode": kw.get("mode") or "active",
        "timestamp": int(kw.get("timestamp") or time.time() * 1000),
        "source": {"type": "user", "userId": user_id},
        "webhookEventId": kw.get("webhook_event_id") or new_webhook_event_id(),
        "deliveryContext": {"isRedelivery": bool(kw.get("is_redelivery", False))},
    }
    if kind != "unfollow":  # a blocked chat cannot be replied to, so LINE sends no token
        event["replyToken"] = kw.get("reply_token") or new_reply_token()
    if kind == "follow":
        event["follow"] = {"isUnblocked": bool(kw.get("is_unblocked", False))}
    elif kind == "message":
        event["message"] = {"id": str(kw.get("message_id") or _message_id()), "type": "text",
                            "quoteToken": kw.get("quote_token") or secrets.token_urlsafe(32),
                            "text": str(kw.get("text", ""))}
    elif kind == "postback":
        postback: dict[str, Any] = {"data": str(kw.get("data", ""))}
        if kw.get("params"):
            postback["params"] = dict(kw["params"])
        event["postback"] = postback
    elif kind == "video_complete":
        event["videoPlayComplete"] = {"trackingId": str(kw.get("tracking_id", ""))}
    return event


def build_body(destination: str, events: list[dict[str, Any]]) -> bytes:
    """The raw webhook body (compact UTF-8 JSON, as LINE sends it); sign exactly these bytes."""
    return json.dumps({"destination": destination, "events": events}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def redelivered(event: dict[str, Any]) -> dict[str, Any]:
    """The same event as LINE redelivers it: same webhookEventId, isRedelivery true."""
    return {**event, "deliveryContext": {"isRedelivery": True}}


# -- state ---------------------------------------------------------------------------------------

@dataclass
class Channel:
    channel_id: str
    channel_secret: str
    access_token: str
    webhook_url: str
    bot_user_id: str = field(default_factory=new_user_id)  # the webhook `destination`
    webhook_timeout_s: float = 10.0


@dataclass
class Faults:
    rate_429: float = 0.0
    rate_500: float = 0.0
    rate_timeout: float = 0.0
    rate_lost_response: float = 0.0
    latency_ms: int = 0
    retry_after: int | None = None
    timeout_sleep_s: float = 5.0
    endpoints: frozenset[str] | None = None  # None: every bot endpoint
    rng: random.Random = field(default_factory=random.Random)

    def active_for(self, endpoint: str) -> bool:
        return self.endpoints is None or endpoint in self.endpoints


@dataclass
class Accepted:
    """What LINE remembers about an accepted retry key (echoed in the 409)."""

    request_id: str
    sent_messages: list[dict[str, str]]


class SimState:
    """All simulator memory. Handlers run on the event loop and in the threadpool (sync
    control endpoints), so every read-modify-write happens under `lock`."""

    def __init__(self) -> None:
        self.lock = threading.RLock()  # (re-entrant: handlers may count while holding it)
        self.reset()

    def reset(self) -> None:
        self.channels: dict[str, Channel] = {}
        self.by_token: dict[str, Channel] = {}
        self.friends: dict[str, dict[str, Any]] = {}
        self.known_users: set[str] = set()
        self.blocked: set[tuple[str, str]] = set()  # (channel_id, user_id)
        self.ever_blocked: set[tuple[str, str]] = set()
        self.messages: list[dict[str, Any]] = []
        self.retry_keys: dict[tuple[str, str], Accepted] = {}
        self.reply_tokens: dict[str, dict[str, Any]] = {}
        self.reply_token_ttl = 60.0  # seconds (LINE: "use it within a minute")
        self.richmenus: dict[str, str | None] = {}
        self.richmenu_log: list[dict[str, Any]] = []
        # Rich menus made through the API: id -> {channel_id, menu, image, content_type}.
        self.menus: dict[str, dict[str, Any]] = {}
        self.default_menus: dict[str, str] = {}  # channel_id -> richMenuId
        self.aliases: dict[tuple[str, str], str] = {}  # (channel_id, alias) -> richMenuId
        self.blob_hosts: set[str] = set()  # Host headers images were uploaded to
        self.loading: list[dict[str, Any]] = []
        self.sent_events: dict[str, tuple[str, dict[str, Any]]] = {}
        self.deliveries: list[dict[str, Any]] = []
        self.stats: dict[str, int] = {}
        self.by_status: dict[str, int] = {}
        self.faulted = 0
        self.faults = Faults()

    def count(self, endpoint: str, status: str) -> None:
        key = f"{endpoint}:{status}"
        self.stats[key] = self.stats.get(key, 0) + 1
        self.by_status[status] = self.by_status.get(status, 0) + 1


# -- control API bodies -------------------------------------------------------------------------

class ChannelIn(BaseModel):
    channel_id: str = Field(min_length=1)
    channel_secret: str = Field(min_length=1)
    access_token: str = Field(min_length=1)
    webhook_url: str
    bot_user_id: str | None = Field(default=None, pattern=r"^U[0-9a-f]{32}$")
    webhook_timeout_s: float = Field(default=10.0, gt=0, le=120)


class FriendIn(BaseModel):
    user_id: str = Field(min_length=1)
    display_name: str = "Friend"
    picture_url: str | None = None
    status_message: str | None = None
    language: str | None = "ja"


class FaultsIn(BaseModel):
    rate_429: float = Field(default=0.0, ge=0, le=1)
    rate_500: float = Field(default=0.0, ge=0, le=1)
    rate_timeout: float = Field(default=0.0, ge=0, le=1)
    rate_lost_response: float = Field(
        default=0.0, ge=0, le=1,
        description="Accept and record, then stall like a timeout: the client must retry with "
                    "the same retry key and get 409.")
    latency_ms: int = Field(default=0, ge=0, le=60_000)
    retry_after: int | None = Field(default=None, ge=0, le=3600)
    timeout_sleep_s: float = Field(default=5.0, ge=0, le=120)
    endpoints: list[Endpoint] | None = None
    seed: int | None = None

    @model_validator(mode="after")
    def _rates_fit(self) -> FaultsIn:
        total = self.rate_429 + self.rate_500 + self.rate_timeout + self.rate_lost_response
        if total > 1.0 + 1e-9:
            raise ValueError("fault rates add up to more than 1")
        return self


class FriendAction(BaseModel):
    user_id: str = Field(min_length=1)
    display_name: str | None = None
    picture_url: str | None = None
    text: str = ""
    data: str = ""
    params: dict[str, str] | None = None
    tracking_id: str = ""
    is_unblocked: bool | None = None  # None: derived from whether this user blocked before
    mode: Literal["active", "standby"] = "active"


class SimSettingsIn(BaseModel):
    reply_token_ttl: float = Field(default=60.0, ge=0, le=3600,
                                   description="Seconds a reply token stays usable.")


class RedeliverIn(BaseModel):
    event: dict[str, Any] | None = None
    webhook_event_id: str | None = None


# -- LINE-shaped responses -----------------------------------------------------------------------

def line_error(status: int, message: str, *, details: list[dict[str, str]] | None = None,
               headers: dict[str, str] | None = None,
               extra: dict[str, Any] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"message": message}
    if details:
        body["details"] = details
    body.update(extra or {})
    return JSONResponse(body, status_code=status, headers=headers)


def _bad_request(details: list[dict[str, str]]) -> JSONResponse:
    # LINE's own wording, "(s)" included: the double answers as the real API does.
    return line_error(400, f"The request body has {len(details)} error(s)", details=details)


def _utf16_len(text: str) -> int:
    # LINE counts text limits in UTF-16 code units: an emoji outside the BMP counts twice.
    return len(text.encode("utf-16-le")) // 2


def _https_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("https://") \
        and len(value) <= MAX_URL_LENGTH


_URL, _STR, _INT, _NUM, _OBJ, _LIST = "url", "str", "int", "num", "obj", "list"
# What LINE requires of each message type (property -> kind of value).
_REQUIRED: dict[str, dict[str, str]] = {
    "text": {"text": _STR}, "textV2": {"text": _STR},
    "sticker": {"packageId": _STR, "stickerId": _STR},
    "image": {"originalContentUrl": _URL, "previewImageUrl": _URL},
    "video": {"originalContentUrl": _URL, "previewImageUrl": _URL},
    "audio": {"originalContentUrl": _URL, "duration": _INT},
    "location": {"title": _STR, "address": _STR, "latitude": "lat", "longitude": "lon"},
    "imagemap": {"baseUrl": _URL, "altText": _STR, "baseSize": _OBJ, "actions": _LIST},
    "template": {"altText": _STR, "template": _OBJ},
    "flex": {"altText": _STR, "contents": _OBJ},
    "coupon": {"couponId": _STR},
}
_ALT_TEXT_MAX = {"template": 400, "flex": 1500, "imagemap": 1500}
_ACTION_TYPES = {"postback", "message", "uri", "datetimepicker", "camera", "cameraRoll",
                 "location", "richmenuswitch", "clipboard"}
_TEMPLATE_ACTIONS = {"buttons": (1, 4), "confirm": (2, 2)}
_TRACKING_ID = re.compile(r"^[A-Za-z0-9\-.=,+*()%$&;:@{}!?<>\[\]]{1,100}$")


def _kind_ok(value: Any, kind: str) -> bool:
    if kind == _URL:
        return _https_url(value)
    if kind == _STR:
        return isinstance(value, str) and value != ""
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool) and value > 0
    if kind in (_NUM, "lat", "lon"):
        limit = {"lat": 90, "lon": 180}.get(kind, float("inf"))
        return isinstance(value, int | float) and not isinstance(value, bool) \
            and -limit <= value <= limit
    if kind == _OBJ:
        return isinstance(value, dict)
    return isinstance(value, list) and len(value) > 0


def _validate_action(action: Any, where: str, *, label_required: bool) -> list[dict[str, str]]:
    if not isinstance(action, dict) or action.get("type") not in _ACTION_TYPES:
        return [{"message": "must be one of the action types", "property": f"{where}.type"}]
    out = []
    label = action.get("label")
    if label_required and not isinstance(label, str) or \
            isinstance(label, str) and not 1 <= _utf16_len(label) <= 20:
        out.append({"message": "Length must be between 1 and 20", "property": f"{where}.label"})
    kind = action["type"]
    if kind in ("postback", "datetimepicker", "richmenuswitch"):
        data = action.get("data")
        if not isinstance(data, str) or not 0 < _utf16_len(data) <= 300:
            out.append({"message": "Length must be between 1 and 300",
                        "property": f"{where}.data"})
    if kind == "message" and not (isinstance(action.get("text"), str)
                                  and 0 < _utf16_len(action["text"]) <= 300):
        out.append({"message": "Length must be between 1 and 300", "property": f"{where}.text"})
    if kind == "uri" and not (isinstance(action.get("uri"), str)
                              and 0 < len(action["uri"]) <= 1000):
        out.append({"message": "must be specified", "property": f"{where}.uri"})
    return out


def _validate_template(t: dict[str, Any], where: str) -> list[dict[str, str]]:
    kind = t.get("type")
    if kind not in ("buttons", "confirm", "carousel", "image_carousel"):
        return [{"message": "must be one of the template types", "property": f"{where}.type"}]
    out: list[dict[str, str]] = []
    if kind in _TEMPLATE_ACTIONS:
        low, high = _TEMPLATE_ACTIONS[kind]
        limit = 240 if kind == "confirm" else (60 if t.get("title") or
                                                t.get("thumbnailImageUrl") else 160)
        text = t.get("text")
        if not isinstance(text, str) or not 0 < _utf16_len(text) <= limit:
            out.append({"message": f"Length must be between 1 and {limit}",
                        "property": f"{where}.text"})
        actions = t.get("actions")
        if not isinstance(actions, list) or not low <= len(actions) <= high:
            out.append({"message": f"size must be between {low} and {high}",
                        "property": f"{where}.actions"})
        else:
            for j, a in enumerate(actions):
                out += _validate_action(a, f"{where}.actions[{j}]", label_required=True)
        return out
    columns = t.get("columns")
    if not isinstance(columns, list) or not 1 <= len(columns) <= 10:
        return [{"message": "size must be between 1 and 10", "property": f"{where}.columns"}]
    for j, c in enumerate(columns):
        cw = f"{where}.columns[{j}]"
        if not isinstance(c, dict):
            out.append({"message": "must be an object", "property": cw})
        elif kind == "image_carousel":
            if not _https_url(c.get("imageUrl")):
                out.append({"message": "must be a valid HTTPS URL", "property": f"{cw}.imageUrl"})
            out += _validate_action(c.get("action"), f"{cw}.action", label_required=False)
        else:
            actions = c.get("actions")
            if not isinstance(actions, list) or not 1 <= len(actions) <= 3:
                out.append({"message": "size must be between 1 and 3",
                            "property": f"{cw}.actions"})
            else:
                for k, a in enumerate(actions):
                    out += _validate_action(a, f"{cw}.actions[{k}]", label_required=True)
    return out


def _validate_one(m: dict[str, Any], where: str) -> list[dict[str, str]]:
    kind = m["type"]
    out = [{"message": "must be specified" if m.get(prop) is None else
            "must be a valid HTTPS URL" if need == _URL else "invalid value",
            "property": f"{where}.{prop}"}
           for prop, need in _REQUIRED.get(kind, {}).items() if not _kind_ok(m.get(prop), need)]
    if out:
        return out
    if kind in ("text", "textV2") and _utf16_len(m["text"]) > MAX_TEXT_LENGTH:
        out.append({"message": f"Length must be between 0 and {MAX_TEXT_LENGTH}",
                    "property": f"{where}.text"})
    if kind in _ALT_TEXT_MAX and _utf16_len(m["altText"]) > _ALT_TEXT_MAX[kind]:
        out.append({"message": f"Length must be between 1 and {_ALT_TEXT_MAX[kind]}",
                    "property": f"{where}.altText"})
    if kind == "video" and m.get("trackingId") is not None and \
            not (isinstance(m["trackingId"], str) and _TRACKING_ID.match(m["trackingId"])):
        out.append({"message": "invalid trackingId", "property": f"{where}.trackingId"})
    if kind == "template":
        out += _validate_template(m["template"], f"{where}.template")
    if kind == "flex" and m["contents"].get("type") not in ("bubble", "carousel"):
        out.append({"message": "must be one of bubble, carousel",
                    "property": f"{where}.contents.type"})
    if kind == "imagemap":
        size = m["baseSize"]
        if size.get("width") != 1040 or not isinstance(size.get("height"), int):
            out.append({"message": "invalid base size", "property": f"{where}.baseSize"})
    if not out:  # the shapes LINE publishes (line-bot-sdk's models are generated from them)
        from linebot.v3.messaging.models import Message as SdkMessage

        try:
            SdkMessage.from_dict(m)
        except Exception as exc:  # noqa: BLE001 - any refusal is a 400, as at LINE
            out.append({"message": f"invalid: {str(exc).splitlines()[0][:200]}",
                        "property": where})
    return out


def validate_rich_menu(menu: dict[str, Any]) -> list[dict[str, str]]:
    """LINE's checks on a rich menu object (size, chat bar text, areas inside the image)."""
    out: list[dict[str, str]] = []
    size = menu.get("size")
    width = size.get("width") if isinstance(size, dict) else None
    height = size.get("height") if isinstance(size, dict) else None
    if not isinstance(width, int) or not isinstance(height, int) or not 800 <= width <= 2500 \
            or height < 250 or width / height < 1.45:
        out.append({"message": "width 800 to 2500, height at least 250, width/height at "
                               "least 1.45", "property": "size"})
        width = height = None
    if not isinstance(menu.get("selected"), bool):
        out.append({"message": "must be specified", "property": "selected"})
    for prop, limit in (("name", 300), ("chatBarText", 14)):
        value = menu.get(prop)
        if not isinstance(value, str) or not 0 < _utf16_len(value) <= limit:
            out.append({"message": f"Length must be between 1 and {limit}", "property": prop})
    areas = menu.get("areas")
    if not isinstance(areas, list) or len(areas) > 20:
        return out + [{"message": "size must be between 0 and 20", "property": "areas"}]
    for i, area in enumerate(areas):
        where = f"areas[{i}]"
        b = area.get("bounds") if isinstance(area, dict) else None
        if not isinstance(b, dict) or not all(isinstance(b.get(k), int) and b[k] >= 0
                                              for k in ("x", "y", "width", "height")):
            out.append({"message": "must be specified", "property": f"{where}.bounds"})
        elif width is not None and height is not None and (
                b["x"] + b["width"] > width or b["y"] + b["height"] > height):
            out.append({"message": "must be inside the rich menu", "property":
                        f"{where}.bounds"})
        out += _validate_action(area.get("action") if isinstance(area, dict) else None,
                                f"{where}.action", label_required=False)
    return out


def validate_messages(messages: Any) -> list[dict[str, str]]:
    """LINE-style error details for a `messages` array (empty when LINE would accept it)."""
    if messages is None:
        return [{"message": "must be specified", "property": "messages"}]
    if not isinstance(messages, list) or not 1 <= len(messages) <= MAX_MESSAGES:
        return [{"message": f"size must be between 1 and {MAX_MESSAGES}",
                 "property": "messages"}]
    details: list[dict[str, str]] = []
    for i, m in enumerate(messages):
        where = f"messages[{i}]"
        if not isinstance(m, dict):
            details.append({"message": "must be an object", "property": where})
            continue
        if m.get("type") not in _MESSAGE_TYPES:
            details.append({"message": "must be one of the message types",
                            "property": f"{where}.type"})
            continue
        details += _validate_one(m, where)
        quick = m.get("quickReply")
        if quick is not None:
            items = quick.get("items") if isinstance(quick, dict) else None
            if not isinstance(items, list) or not 1 <= len(items) <= MAX_QUICK_REPLY_ITEMS:
                details.append({"message": f"size must be between 1 and "
                                           f"{MAX_QUICK_REPLY_ITEMS}",
                                "property": f"{where}.quickReply.items"})
            else:
                for j, item in enumerate(items):
                    details += _validate_action(
                        item.get("action") if isinstance(item, dict) else None,
                        f"{where}.quickReply.items[{j}].action", label_required=True)
    return details


def _sent_messages(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = []
    for m in messages:
        sent = {"id": _message_id()}
        if m.get("type") in _QUOTABLE:
            sent["quoteToken"] = secrets.token_urlsafe(32)
        out.append(sent)
    return out


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@dataclass
class _Admission:
    channel: Channel | None = None
    response: JSONResponse | None = None
    lose_response: bool = False
    timeout_sleep_s: float = 0.0


# -- the app -------------------------------------------------------------------------------------

def create_app(state: SimState | None = None) -> FastAPI:
    st = state or SimState()
    app = FastAPI(title="LINE simulator", docs_url="/_sim/docs", openapi_url="/_sim/openapi.json")
    app.state.sim = st

    def done(endpoint: str, response: JSONResponse) -> JSONResponse:
        with st.lock:
            st.count(endpoint, str(response.status_code))
        return response

    async def admit(request: Request, endpoint: str) -> _Admission:
        """Authenticate a bot call, then apply injected latency and faults."""
        auth = request.headers.get("authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        with st.lock:
            channel = st.by_token.get(token) if token else None
            faults = st.faults
        if channel is None:
            return _Admission(response=done(endpoint, line_error(401, AUTH_FAILED)))
        if not faults.active_for(endpoint):
            return _Admission(channel=channel)
        if faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000)
        with st.lock:
            roll = faults.rng.random()
        edge = faults.rate_429
        if roll < edge:
            headers = ({"Retry-After": str(faults.retry_after)}
                       if faults.retry_after is not None else None)
            with st.lock:
                st.faulted += 1
            return _Admission(response=done(endpoint, line_error(
                429, "The API rate limit has been exceeded. Try again later.",
                headers=headers)))
        edge += faults.rate_500
        if roll < edge:
            with st.lock:
                st.faulted += 1
            return _Admission(response=done(endpoint, line_error(
                500, "An internal server error occurred (simulated)")))
        edge += faults.rate_timeout
        if roll < edge:
            # Counted before sleeping so a test can see it while the client is still waiting.
            with st.lock:
                st.faulted += 1
                st.count(endpoint, "timeout")
            await asyncio.sleep(faults.timeout_sleep_s)
            return _Admission(response=line_error(504, "Gateway timeout (simulated)"))
        edge += faults.rate_lost_response
        if roll < edge:
            with st.lock:
                st.faulted += 1
                st.count(endpoint, "lost_response")
            return _Admission(channel=channel, lose_response=True,
                              timeout_sleep_s=faults.timeout_sleep_s)
        return _Admission(channel=channel)

    async def finish(endpoint: str, adm: _Admission, response: JSONResponse) -> JSONResponse:
        if adm.lose_response:  # the work is done; the answer arrives after the client left
            await asyncio.sleep(adm.timeout_sleep_s)
        return done(endpoint, response)

    async def read_json(request: Request) -> tuple[dict[str, Any] | None, JSONResponse | None]:
        try:
            body = json.loads(await request.body() or b"null")
        except (ValueError, UnicodeDecodeError):
            return None, line_error(400, "The request body could not be parsed as JSON")
        if not isinstance(body, dict):
            return None, line_error(400, "The request body must be a JSON object")
        return body, None

    def known_target(to: str) -> bool:
        with st.lock:
            return to in st.known_users or to in st.friends
    # -- Messaging API ---------------------------------------------------------------------

    @app.post("/v2/bot/message/push")
    async def push(request: Request) -> JSONResponse:
        adm = await admit(request, "push")
        if adm.response is not None:
            return adm.response
        ch = adm.channel
        assert ch is not None
        retry_key = request.headers.get("x-line-retry-key")
        if retry_key is not None and not _is_uuid(retry_key):
            return done("push", line_error(
                400, "The value for the 'X-Line-Retry-Key' header is invalid"))
        body, bad = await read_json(request)
        if bad is not None or body is None:
            return done("push", bad or line_error(400, "Empty body"))
        to = body.get("to")
        details: list[dict[str, str]] = []
        if not isinstance(to, str) or not to:
            details.append({"message": "must be specified", "property": "to"})
        details += validate_messages(body.get("messages"))
        if details:
            return done("push", _bad_request(details))
        assert isinstance(to, str)
        # Ids we handed out (friends, webhook senders) are accepted as-is, so tests may use
        # readable ids; anything else must look like a LINE id, as LINE itself requires.
        if not _LINE_ID.match(to) and not known_target(to):
            return done("push", line_error(
                400, "The property, 'to', in the request body is invalid"))
        request_id = uuid.uuid4().hex
        with st.lock:  # check-and-record is atomic: concurrent retries send once
            key = (ch.channel_id, retry_key.lower()) if retry_key else None
            accepted = st.retry_keys.get(key) if key else None
            if accepted is not None:
                response = line_error(
                    409, "The retry key is already accepted",
                    headers={"x-line-accepted-request-id": accepted.request_id,
                             "x-line-request-id": request_id},
                    extra={"sentMessages": accepted.sent_messages})
            else:
                sent = _sent_messages(body["messages"])
                if key:
                    st.retry_keys[key] = Accepted(request_id, sent)
                st.messages.append({
                    "kind": "push", "channel_id": ch.channel_id, "to": to,
                    "messages": body["messages"], "retry_key": retry_key,
                    "request_id": request_id, "sent_messages": sent,
                    "delivered": (ch.channel_id, to) not in st.blocked,
                    "received_at": time.time()})
                response = JSONResponse({"sentMessages": sent},
                                        headers={"x-line-request-id": request_id})
        return await finish("push", adm, response)

    @app.post("/v2/bot/message/reply")
    async def reply(request: Request) -> JSONResponse:
        adm = await admit(request, "reply")
        if adm.response is not None:
            return adm.response
        ch = adm.channel
        assert ch is not None
        body, bad = await read_json(request)
        if bad is not None or body is None:
            return done("reply", bad or line_error(400, "Empty body"))
        token = body.get("replyToken")
        details: list[dict[str, str]] = []
        if not isinstance(token, str) or not token:
            details.append({"message": "must be specified", "property": "replyToken"})
        details += validate_messages(body.get("messages"))
        if details:
            return done("reply", _bad_request(details))
        assert isinstance(token, str)
        request_id = uuid.uuid4().hex
        with st.lock:
            issued = st.reply_tokens.get(token)
            # As at LINE: a token is valid once, for its own channel, for a short while after
            # the event that carried it; tokens the simulator never issued are refused.
            expired = issued is not None and time.time() - issued["issued_at"] > st.reply_token_ttl
            if issued is None or issued["used"] or issued["channel_id"] != ch.channel_id \
                    or expired:
                response = line_error(400, "Invalid reply token")
            else:
                issued["used"] = True
                sent = _sent_messages(body["messages"])
                st.messages.append({
                    "kind": "reply", "channel_id": ch.channel_id,
                    "to": issued["user_id"], "reply_token": token,
                    "messages": body["messages"], "retry_key": None,
                    "request_id": request_id, "sent_messages": sent, "delivered": True,
                    "received_at": time.time()})
                response = JSONResponse({"sentMessages": sent},
                                        headers={"x-line-request-id": request_id})
        return await finish("reply", adm, response)

    @app.get("/v2/bot/profile/{user_id}")
    async def profile(user_id: str, request: Request) -> JSONResponse:
        adm = await admit(request, "profile")
        if adm.response is not None:
            return adm.response
        ch = adm.channel
        assert ch is not None
        with st.lock:
            friend = st.friends.get(user_id)
            blocked = (ch.channel_id, user_id) in st.blocked
        if friend is None or blocked:  # LINE hides profiles of non-friends and blockers
            return await finish("profile", adm, line_error(404, "Not found"))
        out = {"userId": user_id, "displayName": friend["display_name"]}
        for key, name in (("picture_url", "pictureUrl"), ("status_message", "statusMessage"),
                          ("language", "language")):
            if friend.get(key):  # LINE omits absent fields rather than sending null
                out[name] = friend[key]
        return await finish("profile", adm, JSONResponse(out))

    # -- rich menus (objects, images on the blob host, default, aliases) ------------------

    def menu_of(ch: Channel, rich_menu_id: str) -> dict[str, Any] | None:
        menu = st.menus.get(rich_menu_id)
        return menu if menu is not None and menu["channel_id"] == ch.channel_id else None

    @app.post("/v2/bot/richmenu")
    async def create_menu(request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        body, bad = await read_json(request)
        if bad is not None or body is None:
            return done("richmenu", bad or line_error(400, "Empty body"))
        details = validate_rich_menu(body)
        if details:
            return done("richmenu", _bad_request(details))
        menu_id = "richmenu-" + secrets.token_hex(16)
        with st.lock:
            st.menus[menu_id] = {"channel_id": adm.channel.channel_id, "menu": body,
                                 "image": None, "content_type": None}
        return await finish("richmenu", adm, JSONResponse({"richMenuId": menu_id}))

    @app.post("/v2/bot/richmenu/{rich_menu_id}/content")
    async def upload_menu_image(rich_menu_id: str, request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type not in ("image/png", "image/jpeg"):
            return done("richmenu", line_error(400, "The content type must be image/png or "
                                                    "image/jpeg"))
        image = await request.body()
        if not image or len(image) > 1_048_576:
            return done("richmenu", line_error(400, "The image must be 1 MB or smaller"))
        if not (image.startswith(b"\x89PNG") or image.startswith(b"\xff\xd8")):
            return done("richmenu", line_error(400, "The image could not be decoded"))
        with st.lock:
            menu = menu_of(adm.channel, rich_menu_id)
            if menu is None:
                return done("richmenu", line_error(404, "Not found"))
            if menu["image"] is not None:  # LINE: an image cannot be replaced
                return done("richmenu", line_error(400, "An image has already been "
                                                        "uploaded to the richmenu"))
            menu["image"], menu["content_type"] = image, content_type
            st.blob_hosts.add(request.headers.get("host", ""))
        return await finish("richmenu", adm, JSONResponse({}))

    @app.get("/v2/bot/richmenu/list")
    async def list_menus(request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            items = [{"richMenuId": k, **v["menu"]} for k, v in st.menus.items()
                     if v["channel_id"] == adm.channel.channel_id]
        return await finish("richmenu", adm, JSONResponse({"richmenus": items}))

    @app.delete("/v2/bot/richmenu/{rich_menu_id}")
    async def delete_menu(rich_menu_id: str, request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            if menu_of(adm.channel, rich_menu_id) is None:
                return done("richmenu", line_error(404, "Not found"))
            del st.menus[rich_menu_id]
        return await finish("richmenu", adm, JSONResponse({}))

    @app.post("/v2/bot/user/all/richmenu/{rich_menu_id}")
    async def set_default_menu(rich_menu_id: str, request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            menu = menu_of(adm.channel, rich_menu_id)
            if menu is None:
                return done("richmenu", line_error(404, "Not found"))
            if menu["image"] is None:
                return done("richmenu", line_error(400, "must upload richmenu image before "
                                                        "applying it to user"))
            st.default_menus[adm.channel.channel_id] = rich_menu_id
        return await finish("richmenu", adm, JSONResponse({}))

    @app.get("/v2/bot/user/all/richmenu")
    async def get_default_menu(request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            menu_id = st.default_menus.get(adm.channel.channel_id)
        if menu_id is None:
            return await finish("richmenu", adm, line_error(404, "no default richmenu"))
        return await finish("richmenu", adm, JSONResponse({"richMenuId": menu_id}))

    @app.delete("/v2/bot/user/all/richmenu")
    async def clear_default_menu(request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            st.default_menus.pop(adm.channel.channel_id, None)
        return await finish("richmenu", adm, JSONResponse({}))

    @app.post("/v2/bot/richmenu/alias")
    async def create_alias(request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        body, bad = await read_json(request)
        if bad is not None or body is None:
            return done("richmenu", bad or line_error(400, "Empty body"))
        alias, menu_id = body.get("richMenuAliasId"), body.get("richMenuId")
        if not isinstance(alias, str) or not re.fullmatch(r"[a-z0-9_-]{1,32}", alias):
            return done("richmenu", _bad_request([{"message": "invalid alias id",
                                                   "property": "richMenuAliasId"}]))
        with st.lock:
            if not isinstance(menu_id, str) or menu_of(adm.channel, menu_id) is None:
                return done("richmenu", _bad_request([{"message": "rich menu not found",
                                                       "property": "richMenuId"}]))
            if st.menus[menu_id]["image"] is None:
                return done("richmenu", line_error(400, "must upload richmenu image before "
                                                        "creating an alias"))
            key = (adm.channel.channel_id, alias)
            if key in st.aliases:
                return done("richmenu", line_error(400, "conflict richmenu alias id"))
            st.aliases[key] = menu_id
        return await finish("richmenu", adm, JSONResponse({}))

    @app.get("/v2/bot/richmenu/alias/list")
    async def list_aliases(request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            items = [{"richMenuAliasId": a, "richMenuId": m}
                     for (c, a), m in st.aliases.items() if c == adm.channel.channel_id]
        return await finish("richmenu", adm, JSONResponse({"aliases": items}))

    @app.get("/v2/bot/richmenu/alias/{alias_id}")
    async def get_alias(alias_id: str, request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            menu_id = st.aliases.get((adm.channel.channel_id, alias_id))
        if menu_id is None:
            return await finish("richmenu", adm, line_error(404, "Not found"))
        return await finish("richmenu", adm, JSONResponse({"richMenuAliasId": alias_id,
                                                           "richMenuId": menu_id}))

    @app.delete("/v2/bot/richmenu/alias/{alias_id}")
    async def delete_alias(alias_id: str, request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            if st.aliases.pop((adm.channel.channel_id, alias_id), None) is None:
                return done("richmenu", line_error(404, "Not found"))
        return await finish("richmenu", adm, JSONResponse({}))

    @app.post("/v2/bot/user/{user_id}/richmenu/{rich_menu_id}")
    async def link_menu(user_id: str, rich_menu_id: str, request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            st.richmenus[user_id] = rich_menu_id
            st.richmenu_log.append({"action": "link", "channel_id": adm.channel.channel_id,
                                    "user_id": user_id, "rich_menu_id": rich_menu_id,
                                    "at": time.time()})
        return await finish("richmenu", adm, JSONResponse({}))

    @app.delete("/v2/bot/user/{user_id}/richmenu")
    async def unlink_menu(user_id: str, request: Request) -> JSONResponse:
        adm = await admit(request, "richmenu")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        with st.lock:
            st.richmenus[user_id] = None
            st.richmenu_log.append({"action": "unlink", "channel_id": adm.channel.channel_id,
                                    "user_id": user_id, "rich_menu_id": None,
                                    "at": time.time()})
        return await finish("richmenu", adm, JSONResponse({}))

    @app.post("/v2/bot/chat/loading/start")
    async def loading(request: Request) -> JSONResponse:
        adm = await admit(request, "loading")
        if adm.response is not None:
            return adm.response
        assert adm.channel is not None
        body, bad = await read_json(request)
        if bad is not None or body is None:
            return done("loading", bad or line_error(400, "Empty body"))
        chat_id = body.get("chatId")
        seconds = body.get("loadingSeconds", 20)
        details = []
        if not isinstance(chat_id, str) or not chat_id:
            details.append({"message": "must be specified", "property": "chatId"})
        if not isinstance(seconds, int) or not 5 <= seconds <= 60 or seconds % 5:
            details.append({"message": "must be a multiple of 5 between 5 and 60",
                            "property": "loadingSeconds"})
        if details:
            return done("loading", _bad_request(details))
        with st.lock:
            st.loading.append({"channel_id": adm.channel.channel_id, "chat_id": chat_id,
                               "seconds": seconds, "at": time.time()})
        return await finish("loading", adm, JSONResponse({}, status_code=202))

    # -- control API -----------------------------------------------------------------------

    @app.post("/_sim/channels")
    def add_channel(body: ChannelIn) -> dict[str, Any]:
        with st.lock:
            old = st.channels.get(body.channel_id)
            if old is not None:
                st.by_token.pop(old.access_token, None)
            # Re-registering keeps the bot's user id: it is the webhook `destination`.
            bot_user_id = body.bot_user_id or (old.bot_user_id if old else new_user_id())
            ch = Channel(channel_id=body.channel_id, channel_secret=body.channel_secret,
                         access_token=body.access_token, webhook_url=body.webhook_url,
                         bot_user_id=bot_user_id, webhook_timeout_s=body.webhook_timeout_s)
            st.channels[ch.channel_id] = ch
            st.by_token[ch.access_token] = ch
        return {"channel_id": ch.channel_id, "bot_user_id": ch.bot_user_id,
                "webhook_url": ch.webhook_url}

    @app.post("/_sim/friends")
    def add_friend(body: FriendIn) -> dict[str, Any]:
        with st.lock:
            st.friends[body.user_id] = body.model_dump()
            st.known_users.add(body.user_id)
        return body.model_dump()

    @app.get("/_sim/friends")
    def list_friends() -> dict[str, Any]:
        with st.lock:
            return {"friends": list(st.friends.values()),
                    "blocked": [{"channel_id": c, "user_id": u} for c, u in sorted(st.blocked)]}

    @app.get("/_sim/messages")
    def list_messages(channel_id: str | None = None, to: str | None = None,
                      kind: Literal["push", "reply"] | None = None) -> dict[str, Any]:
        with st.lock:
            items = [m for m in st.messages
                     if (channel_id is None or m["channel_id"] == channel_id)
                     and (to is None or m["to"] == to)
                     and (kind is None or m["kind"] == kind)]
        return {"messages": items, "total": len(items)}

    @app.delete("/_sim/messages")
    def clear_messages() -> dict[str, bool]:
        # Retry keys stay remembered, as at LINE: clearing the record is not a new platform.
        with st.lock:
            st.messages.clear()
        return {"ok": True}

    @app.get("/_sim/richmenus/{user_id}")
    def richmenu_of(user_id: str) -> dict[str, Any]:
        with st.lock:
            return {"user_id": user_id, "rich_menu_id": st.richmenus.get(user_id),
                    "history": [e for e in st.richmenu_log if e["user_id"] == user_id]}

    @app.get("/_sim/richmenus")
    def menus(channel_id: str | None = None) -> dict[str, Any]:
        with st.lock:
            return {"richmenus": [
                {"richMenuId": k, "channel_id": v["channel_id"], **v["menu"],
                 "has_image": v["image"] is not None, "content_type": v["content_type"],
                 "image_bytes": len(v["image"] or b"")}
                for k, v in st.menus.items() if channel_id in (None, v["channel_id"])],
                "defaults": dict(st.default_menus),
                "aliases": [{"channel_id": c, "richMenuAliasId": a, "richMenuId": m}
                            for (c, a), m in st.aliases.items()],
                "blob_hosts": sorted(st.blob_hosts)}

    @app.post("/_sim/settings")
    def settings(body: SimSettingsIn) -> dict[str, Any]:
        with st.lock:
            st.reply_token_ttl = body.reply_token_ttl
        return body.model_dump()

    @app.get("/_sim/loading")
    def loading_calls(chat_id: str | None = None) -> dict[str, Any]:
        with st.lock:
            return {"calls": [c for c in st.loading
                              if chat_id is None or c["chat_id"] == chat_id]}

    @app.get("/_sim/webhooks")
    def webhook_deliveries(channel_id: str | None = None) -> dict[str, Any]:
        with st.lock:
            return {"deliveries": [d for d in st.deliveries
                                   if channel_id is None or d["channel_id"] == channel_id]}

    @app.post("/_sim/faults")
    def set_faults(body: FaultsIn) -> dict[str, Any]:
        with st.lock:
            st.faults = Faults(
                rate_429=body.rate_429, rate_500=body.rate_500, rate_timeout=body.rate_timeout,
                rate_lost_response=body.rate_lost_response, latency_ms=body.latency_ms,
                retry_after=body.retry_after, timeout_sleep_s=body.timeout_sleep_s,
                endpoints=frozenset(body.endpoints) if body.endpoints is not None else None,
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
            return {"counts": dict(st.stats), "by_status": dict(st.by_status),
                    "faulted": st.faulted, "messages": len(st.messages),
                    "webhooks": len(st.deliveries)}

    @app.post("/_sim/reset")
    def reset() -> dict[str, bool]:
        with st.lock:
            st.reset()
        return {"ok": True}

    # -- playing a friend ------------------------------------------------------------------

    async def deliver(ch: Channel, event: dict[str, Any]) -> dict[str, Any]:
        body = build_body(ch.bot_user_id, [event])
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "X-Line-Signature": sign(body, ch.channel_secret),
                   "User-Agent": "LineBotWebhook/2.0"}
        status: int | None = None
        error: str | None = None
        started = time.monotonic()
        try:
            async with httpx.AsyncClient(timeout=ch.webhook_timeout_s) as client:
                status = (await client.post(ch.webhook_url, content=body,
                                            headers=headers)).status_code
        except httpx.HTTPError as exc:  # reported to the caller, as LINE's console would
            error = f"{type(exc).__name__}: {exc}"
        with st.lock:
            st.deliveries.append({
                "channel_id": ch.channel_id, "webhook_event_id": event["webhookEventId"],
                "type": event["type"], "is_redelivery": event["deliveryContext"]["isRedelivery"],
                "status_code": status, "error": error,
                "elapsed_ms": round((time.monotonic() - started) * 1000, 1)})
        out: dict[str, Any] = {"status_code": status, "event": event}
        if error:
            out["error"] = error
        return out

    @app.post("/_sim/channels/{channel_id}/events/{kind}")
    async def act(channel_id: str, kind: str, body: FriendAction) -> JSONResponse:
        kind = _KIND_ALIASES.get(kind, kind)
        with st.lock:
            ch = st.channels.get(channel_id)
        if ch is None:
            return JSONResponse({"message": f"unknown channel {channel_id}"}, status_code=404)
        if kind not in EVENT_KINDS:
            return JSONResponse({"message": f"unknown event kind {kind}; expected one of "
                                            f"{', '.join(EVENT_KINDS)}"}, status_code=400)
        uid = body.user_id
        pair = (channel_id, uid)
        with st.lock:
            st.known_users.add(uid)
            is_unblocked = False
            if kind == "follow":
                is_unblocked = (body.is_unblocked if body.is_unblocked is not None
                                else pair in st.ever_blocked)
                st.blocked.discard(pair)
                friend = st.friends.get(uid)
                # Everyone who follows has a profile at LINE; invent one if the test didn't.
                if friend is None or body.display_name:
                    st.friends[uid] = {
                        **(friend or {"user_id": uid, "language": "ja",
                                      "display_name": f"Friend {uid[-4:]}"}),
                        **({"display_name": body.display_name} if body.display_name else {}),
                        **({"picture_url": body.picture_url} if body.picture_url else {})}
            elif kind == "unfollow":
                st.blocked.add(pair)
                st.ever_blocked.add(pair)
            elif body.display_name:
                st.friends.setdefault(uid, {"user_id": uid, "language": "ja"})
                st.friends[uid]["display_name"] = body.display_name
        event = build_event(kind, uid, text=body.text, data=body.data, params=body.params,
                            tracking_id=body.tracking_id, is_unblocked=is_unblocked,
                            mode=body.mode)
        with st.lock:
            st.sent_events[event["webhookEventId"]] = (channel_id, event)
            if "replyToken" in event:
                st.reply_tokens[event["replyToken"]] = {"channel_id": channel_id,
                                                        "user_id": uid, "used": False,
                                                        "issued_at": time.time()}
        return JSONResponse(await deliver(ch, event))

    @app.post("/_sim/channels/{channel_id}/redeliver")
    async def redeliver(channel_id: str, body: RedeliverIn) -> JSONResponse:
        with st.lock:
            ch = st.channels.get(channel_id)
            known = st.sent_events.get(body.webhook_event_id or "")
        if ch is None:
            return JSONResponse({"message": f"unknown channel {channel_id}"}, status_code=404)
        original = body.event or (known[1] if known else None)
        if not original or "webhookEventId" not in original:
            return JSONResponse({"message": "give the event or the webhook_event_id of one "
                                            "sent before"}, status_code=404)
        return JSONResponse(await deliver(ch, redelivered(original)))

    return app


def serve(host: str = "127.0.0.1", port: int = 8100) -> None:
    """Run the simulator in the foreground (`lumo simulator`)."""
    import uvicorn

    uvicorn.run(create_app(), host=host, port=port, log_level="warning")
