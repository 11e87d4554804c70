"""Secrets (channel secret, access token, integration key, commerce secret) are encrypted at
rest, never logged — not even at DEBUG, not even on errors — and never returned after creation.

Everything runs for real: Lumo on a port with its workers, the LINE simulator, a HubSpot double;
all log records of every logger (DEBUG and up, all threads) and the process's stdout/stderr are
captured while accounts and integrations are created, webhooks arrive, pushes go out and fail.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from engine.crypto import decrypt
from tests.actions.conftest import make_stack
from tests.actions.doubles import HubSpotDouble, KlaviyoDouble
from tests.actions.helpers import keyword, new_friend, say, settled
from tests.conftest import Tenant
from tests.support.stack import Simulator, Stack, wait_until


@pytest.fixture
def doubles() -> Iterator[tuple[HubSpotDouble, KlaviyoDouble]]:
    hubspot = HubSpotDouble(api_key="pat-na1-" + uuid.uuid4().hex).start()
    klaviyo = KlaviyoDouble().start()
    yield hubspot, klaviyo
    hubspot.stop()
    klaviyo.stop()


@pytest.fixture
def stack(simulator: Simulator, tmp_path: Path,
          doubles: tuple[HubSpotDouble, KlaviyoDouble]) -> Iterator[Stack]:
    simulator.clear_faults()
    s = make_stack(simulator, f"sqlite:///{tmp_path / 'lumo.db'}", *doubles)
    yield s
    s.stop()
    simulator.clear_faults()


def _debug_everything() -> None:
    # line-bot-sdk's Configuration() pins "urllib3" and "linebot.v3.messaging" to WARNING each
    # time a client is made; open them up again so their DEBUG output is inspected too.
    for name in ("urllib3", "linebot.v3.messaging", "httpx", "httpcore", "sqlalchemy.engine",
                 "lumo", "celery", "uvicorn"):
        logging.getLogger(name).setLevel(logging.DEBUG)


def test_secrets_never_logged_returned_or_stored_in_clear(
        stack: Stack, doubles: tuple[HubSpotDouble, KlaviyoDouble], simulator: Simulator,
        caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]) -> None:
    hubspot, _ = doubles
    caplog.set_level(logging.DEBUG)
    _debug_everything()
    from tests.support.stack import ACCESS_TOKEN, CHANNEL_SECRET

    # The stack's own account (created at start) uses the simulator's channel credentials.
    account_id = stack.account["id"]
    commerce_secret = stack.account["commerce_secret"]  # shown once, at creation
    secrets = {"channel secret": CHANNEL_SECRET, "access token": ACCESS_TOKEN,
               "integration key": hubspot.state.api_key, "commerce secret": commerce_secret}

    # A second account created while logging, with fresh secrets.
    extra_secret, extra_token = "chs-" + uuid.uuid4().hex, "tok-" + uuid.uuid4().hex
    r = stack.http.post("/api/accounts", json={
        "name": "Second", "channel_id": str(uuid.uuid4().int)[:10],
        "channel_secret": extra_secret, "access_token": extra_token})
    assert r.status_code == 201
    secrets |= {"second channel secret": extra_secret, "second access token": extra_token}
    created_text = r.text
    assert extra_secret not in created_text and extra_token not in created_text

    r = stack.http.post("/api/integrations", json={"kind": "hubspot",
                                                   "api_key": hubspot.state.api_key})
    assert r.status_code == 201 and hubspot.state.api_key not in r.text

    wid = stack.workflow([keyword("t", "join"),
                          {"id": "hi", "type": "action.send_message",
                           "config": {"messages": [{"type": "text", "text": "Welcome!"}]}},
                          {"id": "hs", "type": "action.hubspot", "config": {}}],
                         [("start", "t"), ("t", "hi"), ("hi", "hs")], name="secret flow")
    first = new_friend(stack, "First")
    say(stack, first, "join")
    settled(stack, wid, 1)
    _debug_everything()  # the SDK client now exists: its loggers stay at DEBUG from here

    # A delivered push, and two that fail (LINE 500s, then a wrong HubSpot key → 401).
    second = new_friend(stack, "Second")
    say(stack, second, "join")
    settled(stack, wid, 2)
    simulator.faults(rate_500=1.0, endpoints=["push", "reply"], seed=1)
    third = new_friend(stack, "Third")
    say(stack, third, "join")
    runs = settled(stack, wid, 3)
    simulator.clear_faults()
    assert sorted(r["status"] for r in runs) == ["completed", "completed", "failed"]
    assert stack.http.post("/api/integrations", json={
        "kind": "hubspot", "api_key": "pat-wrong-" + uuid.uuid4().hex}).status_code == 200
    fourth = new_friend(stack, "Fourth")
    say(stack, fourth, "join")
    runs = settled(stack, wid, 4)
    assert sorted(r["status"] for r in runs).count("failed") == 2
    wait_until(lambda: len(simulator.texts(second)) == 1, what="second friend's welcome")

    # 1. Never logged (every record of every logger, formatted, with arguments and tracebacks).
    out, err = capfd.readouterr()
    records = caplog.records
    assert len(records) > 20, "the capture saw the run's logs"
    logged = "\n".join([caplog.text, out, err,
                        *(str(r.args) for r in records),
                        *(r.exc_text or "" for r in records)])
    assert "HTTP Request" in logged or "Starting new HTTP connection" in logged  # DEBUG seen
    for name, value in secrets.items():
        assert value not in logged, f"the {name} appears in the logs"

    # 2. Never returned after creation: every read of accounts, integrations and history.
    reads = [stack.http.get(p).text for p in (
        "/api/accounts", f"/api/accounts/{account_id}", "/api/integrations",
        "/api/integrations/hubspot", f"/api/workflows/{wid}/executions")]
    reads += [stack.http.get(f"/api/executions/{r['id']}").text for r in runs]
    for body in reads:
        for name, value in secrets.items():
            assert value not in body, f"the {name} is returned by the API"

    # 3. Encrypted at rest: no column of any row holds a secret in clear; the key opens them.
    with stack.app.state.db.session() as s:
        dump = []
        for table in ("line_accounts", "integrations", "api_tokens", "webhook_events", "steps",
                      "runs"):
            dump += [repr(tuple(row)) for row in s.execute(text(f"SELECT * FROM {table}"))]
        encrypted = s.execute(text(
            "SELECT channel_secret_enc, access_token_enc FROM line_accounts WHERE id = :id"),
            {"id": account_id}).one()
    stored = "\n".join(dump)
    for name, value in secrets.items():
        assert value not in stored, f"the {name} is stored in clear"
    assert decrypt(encrypted[0]) == CHANNEL_SECRET and decrypt(encrypted[1]) == ACCESS_TOKEN


def test_a_refused_secret_is_not_echoed_in_the_422(client: TestClient, tenant: Tenant) -> None:
    """FastAPI's 422 repeats each refused value ("input"); never for secrets and passwords."""
    short, long_token = "shrt-" + uuid.uuid4().hex[:2], "tok-" + "x" * 2100
    r = client.post("/api/accounts", headers=tenant.headers, json={
        "name": "A", "channel_id": "123", "channel_secret": short, "access_token": long_token})
    assert r.status_code == 422
    assert {tuple(e["loc"]) for e in r.json()["detail"]} == {
        ("body", "channel_secret"), ("body", "access_token")}
    assert short not in r.text and "x" * 100 not in r.text
    password = "p" * 201
    r = client.post("/api/auth/login", json={"email": tenant.email, "password": password})
    assert r.status_code == 422 and password not in r.text
    # Other fields still say what was refused.
    r = client.post("/api/tags", headers=tenant.headers, json={"name": "n" * 101})
    assert r.status_code == 422 and r.json()["detail"][0]["input"] == "n" * 101
