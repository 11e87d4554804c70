"""The LINE simulator over real HTTP, driven by the real line-bot-sdk v3 client.

Bot-side calls go through `linebot.v3.messaging` exactly as the gateway makes them; the
"friend" side is checked by a small receiving server that verifies signatures and by the SDK's
own `WebhookParser`, so the simulator cannot drift from what LINE and the SDK agree on.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    ImageMessage,
    MessagingApi,
    PushMessageRequest,
    ReplyMessageRequest,
    ShowLoadingAnimationRequest,
    TextMessage,
)
from linebot.v3.webhook import WebhookParser
from linebot.v3.webhooks import (
    FollowEvent,
    MessageEvent,
    PostbackEvent,
    TextMessageContent,
    UnfollowEvent,
    VideoPlayCompleteEvent,
)
from urllib3.exceptions import ReadTimeoutError

from engine.line.signature import sign, verify
from engine.line.simulator import build_body, build_event, new_user_id, redelivered

SECRET = "sim-test-secret-0123456789abcdef"


# -- helpers ---------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    body: bytes
    signature: str | None
    headers: dict[str, str]
    valid: bool


@dataclass
class Receiver:
    """Our side of the webhook: verifies X-Line-Signature and records every body."""

    url: str
    bodies: list[Received] = field(default_factory=list)
    answer: int = 200

    def last_events(self) -> list[dict[str, Any]]:
        return json.loads(self.bodies[-1].body)["events"]


@pytest.fixture(scope="module")
def receiver_server() -> Iterator[Receiver]:
    port = _free_port()
    rec = Receiver(url=f"http://127.0.0.1:{port}/webhook")
    app = FastAPI()

    @app.post("/webhook")
    async def webhook(request: Request) -> JSONResponse:
        raw = await request.body()
        signature = request.headers.get("x-line-signature")
        ok = verify(raw, SECRET, signature)
        rec.bodies.append(Received(raw, signature, dict(request.headers), ok))
        return JSONResponse({}, status_code=rec.answer if ok else 400)

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "receiver did not start"
        time.sleep(0.02)
    yield rec
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def receiver(receiver_server: Receiver) -> Receiver:
    receiver_server.bodies.clear()
    receiver_server.answer = 200
    return receiver_server


@dataclass
class Sim:
    url: str
    channel_id: str
    token: str
    bot_user_id: str
    http: httpx.Client

    def api(self, token: str | None = None) -> MessagingApi:
        cfg = Configuration(host=self.url, access_token=token or self.token)
        return MessagingApi(ApiClient(cfg))

    def get(self, path: str, **params: Any) -> Any:
        r = self.http.get(path, params=params)
        r.raise_for_status()
        return r.json()

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        r = self.http.post(path, json=body or {})
        r.raise_for_status()
        return r.json()

    def messages(self, to: str | None = None) -> list[dict[str, Any]]:
        params = {"channel_id": self.channel_id} | ({"to": to} if to else {})
        return self.get("/_sim/messages", **params)["messages"]

    def act(self, kind: str, **body: Any) -> dict[str, Any]:
        return self.post(f"/_sim/channels/{self.channel_id}/events/{kind}", body)

    def faults(self, **body: Any) -> None:
        self.post("/_sim/faults", body)


@pytest.fixture
def sim(line_simulator: str, receiver: Receiver) -> Iterator[Sim]:
    http = httpx.Client(base_url=line_simulator, timeout=30)
    channel_id = str(uuid.uuid4().int)[:10]
    token = "token-" + uuid.uuid4().hex
    reg = http.post("/_sim/channels", json={
        "channel_id": channel_id, "channel_secret": SECRET, "access_token": token,
        "webhook_url": receiver.url})
    reg.raise_for_status()
    yield Sim(line_simulator, channel_id, token, reg.json()["bot_user_id"], http)
    http.close()


def push(api: MessagingApi, to: str, *texts: str, retry_key: str | None = None,
         timeout: float | None = None) -> Any:
    request = PushMessageRequest(to=to, messages=[TextMessage(text=t) for t in texts])
    return api.push_message_with_http_info(request, x_line_retry_key=retry_key,
                                           _request_timeout=timeout)


def header(exc: ApiException, name: str) -> str | None:
    return {k.lower(): v for k, v in dict(exc.headers or {}).items()}.get(name.lower())


# -- Messaging API: push and the retry key ------------------------------------------------------

def test_push_is_recorded(sim: Sim) -> None:
    uid, key = new_user_id(), str(uuid.uuid4())
    resp = push(sim.api(), uid, "hello", "こんにちは 👋", retry_key=key)
    assert resp.status_code == 200
    assert len(resp.data.sent_messages) == 2
    assert all(m.id.isdigit() and m.quote_token for m in resp.data.sent_messages)
    [record] = sim.messages(uid)
    assert record["kind"] == "push" and record["channel_id"] == sim.channel_id
    assert record["to"] == uid and record["retry_key"] == key
    assert record["messages"] == [{"type": "text", "text": "hello"},
                                  {"type": "text", "text": "こんにちは 👋"}]
    assert abs(record["received_at"] - time.time()) < 30
    assert sim.get("/_sim/stats")["counts"]["push:200"] == 1


def test_same_retry_key_is_409_and_sends_once(sim: Sim) -> None:
    uid, key = new_user_id(), str(uuid.uuid4())
    api = sim.api()
    first = push(api, uid, "only once", retry_key=key)
    with pytest.raises(ApiException) as caught:
        push(api, uid, "only once", retry_key=key)
    assert caught.value.status == 409
    assert header(caught.value, "x-line-accepted-request-id") == \
        first.headers["x-line-request-id"]
    body = json.loads(caught.value.body)
    assert body["message"] == "The retry key is already accepted"
    assert body["sentMessages"] == [m.to_dict() for m in first.data.sent_messages]
    assert len(sim.messages(uid)) == 1
    # A new key (or none) is a new message.
    push(api, uid, "again", retry_key=str(uuid.uuid4()))
    push(api, uid, "and again")
    assert [r["messages"][0]["text"] for r in sim.messages(uid)] == [
        "only once", "again", "and again"]


def test_concurrent_retries_with_one_key_send_exactly_once(sim: Sim) -> None:
    uid, key = new_user_id(), str(uuid.uuid4())
    api = sim.api()

    def attempt(_: int) -> int:
        try:
            return push(api, uid, "race", retry_key=key).status_code
        except ApiException as exc:
            return int(exc.status)

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(attempt, range(16)))
    assert statuses == [200] + [409] * 15
    assert len(sim.messages(uid)) == 1


def test_retry_keys_are_per_channel_and_must_be_uuids(sim: Sim) -> None:
    other_token = "token-" + uuid.uuid4().hex
    sim.post("/_sim/channels", {"channel_id": "other", "channel_secret": "s",
                                "access_token": other_token, "webhook_url": "http://x"})
    uid, key = new_user_id(), str(uuid.uuid4())
    assert push(sim.api(), uid, "a", retry_key=key).status_code == 200
    assert push(sim.api(other_token), uid, "b", retry_key=key).status_code == 200
    with pytest.raises(ApiException) as caught:
        push(sim.api(), uid, "c", retry_key="not-a-uuid")
    assert caught.value.status == 400
    assert "X-Line-Retry-Key" in json.loads(caught.value.body)["message"]


def test_unknown_token_is_401(sim: Sim) -> None:
    with pytest.raises(ApiException) as caught:
        push(sim.api("wrong-token"), new_user_id(), "hi")
    assert caught.value.status == 401
    assert json.loads(caught.value.body)["message"].startswith("Authentication failed")
    no_auth = sim.http.post("/v2/bot/message/push", json={"to": new_user_id(), "messages": [
        {"type": "text", "text": "x"}]})
    assert no_auth.status_code == 401
    assert sim.messages() == []


def test_bodies_are_validated_like_line(sim: Sim) -> None:
    auth = {"Authorization": f"Bearer {sim.token}"}
    uid = new_user_id()

    def post(body: Any) -> httpx.Response:
        return sim.http.post("/v2/bot/message/push", json=body, headers=auth)

    r = post({"to": uid, "messages": [{"type": "text", "text": str(i)} for i in range(6)]})
    assert r.status_code == 400
    assert r.json() == {"message": "The request body has 1 error(s)", "details": [
        {"message": "size must be between 1 and 5", "property": "messages"}]}
    r = post({"messages": [{"type": "text", "text": "x" * 5001}, {"type": "text", "text": ""}]})
    assert r.status_code == 400 and r.json()["message"] == "The request body has 3 error(s)"
    assert {d["property"] for d in r.json()["details"]} == {
        "to", "messages[0].text", "messages[1].text"}
    r = post({"to": uid, "messages": []})
    assert r.status_code == 400
    r = post({"to": uid, "messages": [{"type": "image", "originalContentUrl": "http://a/b.png",
                                       "previewImageUrl": "https://a/b.png"}]})
    assert [d["property"] for d in r.json()["details"]] == ["messages[0].originalContentUrl"]
    r = post({"to": "not-a-line-id", "messages": [{"type": "text", "text": "x"}]})
    assert r.status_code == 400 and "'to'" in r.json()["message"]
    r = sim.http.post("/v2/bot/message/push", content=b"{nope", headers=auth)
    assert r.status_code == 400
    # LINE counts UTF-16 code units: 2500 emoji are 5000 units (fine), 2501 are too many.
    assert post({"to": uid, "messages": [{"type": "text", "text": "👋" * 2500}]}).is_success
    assert post({"to": uid, "messages": [{"type": "text", "text": "👋" * 2501}]}).status_code \
        == 400
    # The SDK surfaces the same 400 as an ApiException.
    with pytest.raises(ApiException) as caught:
        push(sim.api(), uid, "x" * 5001)
    assert caught.value.status == 400
    assert len(sim.messages(uid)) == 1  # only the 2500-emoji message got through


def test_images_and_readable_ids_of_known_friends_are_accepted(sim: Sim) -> None:
    sim.post("/_sim/friends", {"user_id": "Ualice", "display_name": "Alice"})
    request = PushMessageRequest(to="Ualice", messages=[ImageMessage(
        originalContentUrl="https://cdn.example.com/a.png",
        previewImageUrl="https://cdn.example.com/a-small.png")])
    assert sim.api().push_message_with_http_info(request).status_code == 200
    assert sim.messages("Ualice")[0]["messages"][0]["type"] == "image"


# -- fault injection -----------------------------------------------------------------------------

def test_injected_429_carries_retry_after_and_sends_nothing(sim: Sim) -> None:
    sim.faults(rate_429=1.0, retry_after=7)
    uid = new_user_id()
    with pytest.raises(ApiException) as caught:
        push(sim.api(), uid, "hi", retry_key=str(uuid.uuid4()))
    assert caught.value.status == 429
    assert header(caught.value, "Retry-After") == "7"
    assert "rate limit" in json.loads(caught.value.body)["message"]
    stats = sim.get("/_sim/stats")
    assert stats["counts"]["push:429"] == 1 and stats["by_status"]["429"] == 1
    assert stats["faulted"] == 1
    sim.http.delete("/_sim/faults").raise_for_status()
    assert push(sim.api(), uid, "hi").status_code == 200
    assert len(sim.messages(uid)) == 1


def test_retry_after_is_absent_unless_configured_and_500_is_injected(sim: Sim) -> None:
    sim.faults(rate_429=1.0)
    with pytest.raises(ApiException) as caught:
        push(sim.api(), new_user_id(), "hi")
    assert caught.value.status == 429 and header(caught.value, "Retry-After") is None
    sim.faults(rate_500=1.0)
    with pytest.raises(ApiException) as caught:
        push(sim.api(), new_user_id(), "hi")
    assert caught.value.status == 500
    assert sim.get("/_sim/stats")["by_status"] == {"429": 1, "500": 1}
    assert sim.messages() == []


def test_a_rejected_key_can_be_retried_after_a_fault(sim: Sim) -> None:
    """A 429/500 is not an accepted request: the same retry key must then go through."""
    uid, key = new_user_id(), str(uuid.uuid4())
    sim.faults(rate_500=1.0)
    with pytest.raises(ApiException):
        push(sim.api(), uid, "hi", retry_key=key)
    sim.http.delete("/_sim/faults")
    assert push(sim.api(), uid, "hi", retry_key=key).status_code == 200
    assert len(sim.messages(uid)) == 1


def test_timeout_outlasts_the_client_and_records_nothing(sim: Sim) -> None:
    sim.faults(rate_timeout=1.0, timeout_sleep_s=0.8)
    uid = new_user_id()
    with pytest.raises(ReadTimeoutError):
        push(sim.api(), uid, "slow", retry_key=str(uuid.uuid4()), timeout=0.2)
    time.sleep(1.0)  # let the simulator finish sleeping: it must still not have sent it
    assert sim.messages(uid) == []
    assert sim.get("/_sim/stats")["counts"]["push:timeout"] == 1


def test_lost_response_then_retry_with_the_same_key_is_409(sim: Sim) -> None:
    """The case the retry key exists for: LINE sent it, but the answer never reached us."""
    sim.faults(rate_lost_response=1.0, timeout_sleep_s=0.8)
    uid, key = new_user_id(), str(uuid.uuid4())
    with pytest.raises(ReadTimeoutError):
        push(sim.api(), uid, "once", retry_key=key, timeout=0.2)
    assert len(sim.messages(uid)) == 1
    sim.http.delete("/_sim/faults")
    with pytest.raises(ApiException) as caught:
        push(sim.api(), uid, "once", retry_key=key)
    assert caught.value.status == 409
    assert len(sim.messages(uid)) == 1


def test_seeded_faults_repeat_and_latency_is_applied(sim: Sim) -> None:
    def outcomes() -> list[int]:
        out = []
        for _ in range(20):
            try:
                out.append(push(sim.api(), new_user_id(), "x").status_code)
            except ApiException as exc:
                out.append(int(exc.status))
        return out

    sim.faults(rate_429=0.3, rate_500=0.2, seed=42)
    first = outcomes()
    sim.faults(rate_429=0.3, rate_500=0.2, seed=42)
    assert outcomes() == first
    assert {200, 429, 500} <= set(first)
    sim.faults(latency_ms=300)
    started = time.monotonic()
    push(sim.api(), new_user_id(), "x")
    assert time.monotonic() - started >= 0.3


def test_faults_can_target_one_endpoint(sim: Sim) -> None:
    uid = new_user_id()
    sim.post("/_sim/friends", {"user_id": uid, "display_name": "Aiko"})
    sim.faults(rate_429=1.0, endpoints=["push"])
    assert sim.api().get_profile(uid).display_name == "Aiko"
    with pytest.raises(ApiException):
        push(sim.api(), uid, "x")
    bad = sim.http.post("/_sim/faults", json={"rate_429": 0.7, "rate_500": 0.7})
    assert bad.status_code == 422


# -- profile, rich menus, loading, reply ----------------------------------------------------------

def test_profile_of_known_friend_and_404_for_strangers(sim: Sim) -> None:
    uid = new_user_id()
    sim.post("/_sim/friends", {"user_id": uid, "display_name": "Aiko",
                               "picture_url": "https://profile.line-scdn.net/x",
                               "language": "en"})
    profile = sim.api().get_profile(uid)
    assert (profile.user_id, profile.display_name, profile.picture_url, profile.language) == (
        uid, "Aiko", "https://profile.line-scdn.net/x", "en")
    assert profile.status_message is None
    with pytest.raises(ApiException) as caught:
        sim.api().get_profile(new_user_id())
    assert caught.value.status == 404
    assert json.loads(caught.value.body) == {"message": "Not found"}
    with pytest.raises(ApiException) as caught:
        sim.api("bad").get_profile(uid)
    assert caught.value.status == 401


def test_rich_menu_link_and_unlink_are_recorded(sim: Sim) -> None:
    uid = new_user_id()
    api = sim.api()
    api.link_rich_menu_id_to_user(uid, "richmenu-" + "a" * 32)
    state = sim.get(f"/_sim/richmenus/{uid}")
    assert state["rich_menu_id"] == "richmenu-" + "a" * 32
    api.unlink_rich_menu_id_from_user(uid)
    state = sim.get(f"/_sim/richmenus/{uid}")
    assert state["rich_menu_id"] is None
    assert [(h["action"], h["channel_id"]) for h in state["history"]] == [
        ("link", sim.channel_id), ("unlink", sim.channel_id)]
    assert sim.get(f"/_sim/richmenus/{new_user_id()}")["rich_menu_id"] is None


def test_loading_animation_is_recorded_and_validated(sim: Sim) -> None:
    uid = new_user_id()
    sim.api().show_loading_animation(ShowLoadingAnimationRequest(chatId=uid, loadingSeconds=10))
    assert [(c["chat_id"], c["seconds"]) for c in sim.get("/_sim/loading")["calls"]] == [
        (uid, 10)]
    r = sim.http.post("/v2/bot/chat/loading/start", json={"chatId": uid, "loadingSeconds": 7},
                      headers={"Authorization": f"Bearer {sim.token}"})
    assert r.status_code == 400 and r.json()["details"][0]["property"] == "loadingSeconds"


def test_reply_uses_the_token_once_and_is_recorded_to_the_friend(sim: Sim,
                                                                 receiver: Receiver) -> None:
    uid = new_user_id()
    event = sim.act("message", user_id=uid, text="hi")["event"]
    api = sim.api()
    request = ReplyMessageRequest(replyToken=event["replyToken"],
                                  messages=[TextMessage(text="hello back")])
    assert len(api.reply_message(request).sent_messages) == 1
    [record] = sim.messages(uid)
    assert record["kind"] == "reply" and record["reply_token"] == event["replyToken"]
    with pytest.raises(ApiException) as caught:
        api.reply_message(request)
    assert caught.value.status == 400
    assert json.loads(caught.value.body)["message"] == "Invalid reply token"
    with pytest.raises(ApiException):
        api.reply_message(ReplyMessageRequest(replyToken="garbage",
                                              messages=[TextMessage(text="x")]))
    assert len(sim.messages()) == 1


# -- playing a friend: signed webhooks ------------------------------------------------------------

def _parse(sim: Sim, received: Received) -> list[Any]:
    return WebhookParser(SECRET).parse(received.body.decode(), received.signature)


def test_friend_events_are_signed_line_webhooks_the_sdk_parses(sim: Sim,
                                                               receiver: Receiver) -> None:
    uid = new_user_id()
    results = [
        sim.act("follow", user_id=uid, display_name="Aiko"),
        sim.act("message", user_id=uid, text="こんにちは"),
        sim.act("postback", user_id=uid, data="action=buy&item=1"),
        sim.act("video_complete", user_id=uid, tracking_id="promo-video"),
        sim.act("unfollow", user_id=uid),
    ]
    assert [r["status_code"] for r in results] == [200] * 5
    assert len(receiver.bodies) == 5 and all(b.valid for b in receiver.bodies)
    for got in receiver.bodies:
        assert got.headers["content-type"].startswith("application/json")
        assert got.headers["user-agent"].startswith("LineBotWebhook/")
        assert got.signature == sign(got.body, SECRET)
        assert json.loads(got.body)["destination"] == sim.bot_user_id

    parsed = [_parse(sim, b)[0] for b in receiver.bodies]
    follow, message, postback, video, unfollow = parsed
    assert isinstance(follow, FollowEvent) and follow.follow.is_unblocked is False
    assert isinstance(message, MessageEvent) and isinstance(message.message, TextMessageContent)
    assert message.message.text == "こんにちは" and message.message.quote_token
    assert isinstance(postback, PostbackEvent) and postback.postback.data == "action=buy&item=1"
    assert isinstance(video, VideoPlayCompleteEvent)
    assert video.video_play_complete.tracking_id == "promo-video"
    assert isinstance(unfollow, UnfollowEvent)
    assert all(e.source.user_id == uid and e.mode.value == "active" for e in parsed)

    events = [json.loads(b.body)["events"][0] for b in receiver.bodies]
    assert [e["type"] for e in events] == ["follow", "message", "postback",
                                           "videoPlayComplete", "unfollow"]
    assert [e for e in events if "replyToken" in e] == events[:4]
    for e, r in zip(events, results, strict=True):
        assert e == r["event"]  # the control call returns exactly what was delivered
        assert e["deliveryContext"] == {"isRedelivery": False}
        assert e["source"] == {"type": "user", "userId": uid}
        assert len(e["webhookEventId"]) == 26 and abs(e["timestamp"] / 1000 - time.time()) < 60
    assert len({e["webhookEventId"] for e in events}) == 5
    assert set(events[1]["message"]) == {"id", "type", "text", "quoteToken"}
    deliveries = sim.get("/_sim/webhooks", channel_id=sim.channel_id)["deliveries"]
    assert [d["status_code"] for d in deliveries] == [200] * 5


def test_follow_registers_a_profile_and_blocking_hides_it(sim: Sim, receiver: Receiver) -> None:
    uid = new_user_id()
    sim.act("follow", user_id=uid, display_name="Kenji")
    assert sim.api().get_profile(uid).display_name == "Kenji"
    sim.act("unfollow", user_id=uid)
    with pytest.raises(ApiException) as caught:
        sim.api().get_profile(uid)
    assert caught.value.status == 404
    refollow = sim.act("follow", user_id=uid)["event"]
    assert refollow["follow"] == {"isUnblocked": True}
    assert sim.api().get_profile(uid).display_name == "Kenji"
    stranger = new_user_id()
    sim.act("follow", user_id=stranger)  # LINE always has a profile for a follower
    assert sim.api().get_profile(stranger).display_name


def test_redelivery_keeps_the_event_id_and_sets_the_flag(sim: Sim, receiver: Receiver) -> None:
    uid = new_user_id()
    original = sim.act("message", user_id=uid, text="again?")["event"]
    again = sim.post(f"/_sim/channels/{sim.channel_id}/redeliver", {"event": original})
    by_id = sim.post(f"/_sim/channels/{sim.channel_id}/redeliver",
                     {"webhook_event_id": original["webhookEventId"]})
    for result in (again, by_id):
        assert result["status_code"] == 200
        assert result["event"]["webhookEventId"] == original["webhookEventId"]
        assert result["event"]["deliveryContext"] == {"isRedelivery": True}
        assert result["event"]["message"] == original["message"]
    assert len(receiver.bodies) == 3 and all(b.valid for b in receiver.bodies)
    parsed = _parse(sim, receiver.bodies[-1])[0]
    assert isinstance(parsed, MessageEvent) and parsed.delivery_context.is_redelivery
    missing = sim.http.post(f"/_sim/channels/{sim.channel_id}/redeliver",
                            json={"webhook_event_id": "nope"})
    assert missing.status_code == 404


def test_our_status_code_is_reported_back(sim: Sim, receiver: Receiver) -> None:
    receiver.answer = 503
    assert sim.act("message", user_id=new_user_id(), text="x")["status_code"] == 503
    # A wrong secret on our side shows up as our 400 (the receiver refuses the signature).
    sim.post("/_sim/channels", {"channel_id": sim.channel_id, "channel_secret": "other",
                                "access_token": sim.token, "webhook_url": receiver.url})
    assert sim.act("message", user_id=new_user_id(), text="x")["status_code"] == 400
    # Re-registering keeps the bot user id, so `destination` is stable.
    assert json.loads(receiver.bodies[-1].body)["destination"] == sim.bot_user_id
    # An unreachable webhook is reported, not raised.
    sim.post("/_sim/channels", {"channel_id": sim.channel_id, "channel_secret": SECRET,
                                "access_token": sim.token,
                                "webhook_url": f"http://127.0.0.1:{_free_port()}/webhook"})
    result = sim.act("follow", user_id=new_user_id())
    assert result["status_code"] is None and result["error"]


def test_control_api_errors_and_reset(sim: Sim, receiver: Receiver) -> None:
    assert sim.http.post("/_sim/channels/nope/events/follow",
                         json={"user_id": "U1"}).status_code == 404
    assert sim.http.post(f"/_sim/channels/{sim.channel_id}/events/dance",
                         json={"user_id": "U1"}).status_code == 400
    push(sim.api(), new_user_id(), "x")
    sim.http.delete("/_sim/messages").raise_for_status()
    assert sim.messages() == []
    sim.post("/_sim/reset")
    with pytest.raises(ApiException) as caught:  # channels are gone too
        push(sim.api(), new_user_id(), "x")
    assert caught.value.status == 401
    assert sim.get("/_sim/stats")["messages"] == 0


# -- pure builders --------------------------------------------------------------------------------

def test_build_event_and_body_without_http() -> None:
    uid, destination = new_user_id(), new_user_id()
    events = [build_event("follow", uid), build_event("message", uid, text="こんにちは"),
              build_event("postback", uid, data="a=1", params={"date": "2026-01-01"}),
              build_event("video_complete", uid, tracking_id="t1"),
              build_event("block", uid)]
    events.append(redelivered(events[1]))
    body = build_body(destination, events)
    parsed = WebhookParser(SECRET).parse(body.decode(), sign(body, SECRET), as_payload=True)
    assert parsed.destination == destination
    assert [type(e).__name__ for e in parsed.events] == [
        "FollowEvent", "MessageEvent", "PostbackEvent", "VideoPlayCompleteEvent",
        "UnfollowEvent", "MessageEvent"]
    assert parsed.events[5].webhook_event_id == parsed.events[1].webhook_event_id
    assert parsed.events[5].delivery_context.is_redelivery
    assert parsed.events[2].postback.params == {"date": "2026-01-01"}
    assert "こんにちは".encode() in body and b'", "' not in body  # raw UTF-8, compact
    fixed = build_event("message", uid, text="x", webhook_event_id="01FIXED", reply_token="r",
                        mode="standby", timestamp=1)
    assert (fixed["webhookEventId"], fixed["replyToken"], fixed["mode"], fixed["timestamp"]) \
        == ("01FIXED", "r", "standby", 1)
    assert len({build_event("message", uid)["webhookEventId"] for _ in range(500)}) == 500
    with pytest.raises(ValueError):
        build_event("dance", uid)
