"""Random bytes and random JSON against the real webhook endpoints (Lumo on a port).

Unsigned or wrongly signed bodies get 401 (400 when the bytes are not even UTF-8) and store
nothing; correctly signed garbage gets 400 (LINE) / 422 (commerce); nothing ever answers 5xx,
and the server stays healthy.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from api.routes.webhooks import commerce_signature
from engine.line.signature import sign
from engine.settings import Settings
from engine.storage.models import WebhookEvent
from tests.conftest import create_tenant
from tests.support.servers import ThreadServer

SECRET = "fuzz-channel-secret-0123456789abcdef"
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


class Target:
    def __init__(self, tmp: Path):
        from api.app import create_app

        self.app = create_app(Settings(database_url=f"sqlite:///{tmp / 'fuzz.db'}", workers=1))
        self.server = ThreadServer(self.app).start()
        self.http = httpx.Client(base_url=self.server.url, timeout=10)
        tenant = create_tenant(self.app.state.db, "Fuzz")
        self.channel = str(uuid.uuid4().int)[:10]
        r = self.http.post("/api/accounts", headers=tenant.headers, json={
            "name": "Fuzz", "channel_id": self.channel, "channel_secret": SECRET,
            "access_token": "fuzz-access-token-0123"})
        r.raise_for_status()
        self.account_id = r.json()["id"]
        self.commerce_secret = r.json()["commerce_secret"]

    def stored(self) -> int:
        with self.app.state.db.session() as s:
            return s.scalar(select(func.count()).select_from(WebhookEvent)) or 0

    def line(self, body: bytes, headers: dict[str, str] | None = None,
             channel: str | None = None) -> httpx.Response:
        return self.http.post(f"/webhooks/line/{channel or self.channel}", content=body,
                              headers=headers or {})

    def stop(self) -> None:
        self.server.stop()
        self.app.state.db.dispose()


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    t = Target(tmp_path_factory.mktemp("fuzz"))
    yield t
    t.stop()


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)
# Bodies shaped more and more like a webhook, so the parser's deeper branches are reached.
EVENTISH = st.fixed_dictionaries({
    "type": st.sampled_from(["message", "follow", "unfollow", "postback", "x", ""]) | JSON,
    "source": st.fixed_dictionaries({"type": st.just("user"),
                                     "userId": st.text(max_size=40)}) | JSON,
}, optional={"webhookEventId": st.text(max_size=120) | JSON, "mode": st.text(max_size=10),
             "timestamp": st.integers() | JSON, "message": JSON, "postback": JSON,
             "replyToken": st.text(max_size=40), "deliveryContext": JSON})
WEBHOOKISH = st.fixed_dictionaries({"destination": st.text(max_size=40) | JSON,
                                    "events": st.lists(EVENTISH, max_size=3) | JSON})


TOKEN_CHARS = st.characters(codec="ascii", categories=["L", "N", "P", "S"])


@FUZZ
@given(body=st.binary(max_size=2048), signature=st.none()
       | st.text(TOKEN_CHARS, min_size=1, max_size=60)
       | st.binary(min_size=32, max_size=32).map(lambda b: base64.b64encode(b).decode()))
def test_unsigned_or_badly_signed_bytes_are_refused_and_store_nothing(
        target: Target, body: bytes, signature: str | None) -> None:
    before = target.stored()
    headers = {} if signature is None else {"X-Line-Signature": signature}
    r = target.line(body, headers)
    try:
        body.decode("utf-8")
        expected = {401}
    except UnicodeDecodeError:  # the SDK's parser takes text: undecodable bytes are a 400
        expected = {400, 401} if signature is not None else {401}
    assert r.status_code in expected, (r.status_code, r.text)
    assert r.json()["detail"]["code"] in ("bad_signature", "bad_body")
    assert target.stored() == before


@FUZZ
@given(body=st.binary(max_size=2048))
def test_signed_random_bytes_are_400(target: Target, body: bytes) -> None:
    r = target.line(body, {"X-Line-Signature": sign(body, SECRET)})
    try:
        shaped = isinstance(json.loads(body), dict) and isinstance(json.loads(body).get(
            "events"), list)
    except ValueError:
        shaped = False
    assert r.status_code == 400 or (shaped and r.status_code == 200), (r.status_code, r.text)


@FUZZ
@given(payload=JSON | WEBHOOKISH)
def test_signed_random_json_never_breaks_the_endpoint(target: Target, payload: Any) -> None:
    body = json.dumps(payload).encode()
    r = target.line(body, {"x-line-signature": sign(body, SECRET)})  # header case ignored
    assert r.status_code in (200, 400), (r.status_code, r.text)
    if r.status_code == 400:
        assert r.json()["detail"]["code"] == "bad_body"


@FUZZ
@given(body=st.binary(max_size=1024), signed=st.booleans())
def test_commerce_webhook_random_bytes(target: Target, body: bytes, signed: bool) -> None:
    headers = {"X-Lumo-Signature": commerce_signature(body, target.commerce_secret)} \
        if signed else {}
    r = target.http.post(f"/webhooks/commerce/{target.account_id}", content=body,
                         headers=headers)
    assert r.status_code == (422 if signed else 401), (r.status_code, r.text)


@FUZZ
@given(channel=st.text(st.characters(codec="ascii", categories=["L", "N", "P", "S"],
                                     exclude_characters="/?#%\\"), min_size=1, max_size=30),
       body=st.binary(max_size=64))
def test_unknown_channels_are_404(target: Target, channel: str, body: bytes) -> None:
    # "." and ".." are dot segments: the client resolves them away before sending.
    if channel == target.channel or channel.strip() in (".", ".."):
        return
    r = target.line(body, {"X-Line-Signature": "x"}, channel=channel.strip() or "x")
    assert r.status_code in (404, 401), (r.status_code, r.text)


def test_server_still_healthy_after_the_fuzzing(target: Target) -> None:
    assert target.http.get("/healthz").json() == {"status": "ok"}
    event = {"type": "follow", "mode": "active", "timestamp": 1,
             "source": {"type": "user", "userId": "U" + uuid.uuid4().hex},
             "webhookEventId": uuid.uuid4().hex, "deliveryContext": {"isRedelivery": False},
             "replyToken": uuid.uuid4().hex}
    body = json.dumps({"destination": "U" + "0" * 32, "events": [event]}).encode()
    before = target.stored()
    assert target.line(body, {"X-Line-Signature": sign(body, SECRET)}).status_code == 200
    assert target.stored() == before + 1
