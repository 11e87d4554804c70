"""LUMO_WORKER_PROCESSES=2: the embedded server's workers in two child processes."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.servers import LumoProcess
from tests.support.stack import ACCESS_TOKEN, CHANNEL_SECRET, Simulator, user_id, wait_until


@pytest.fixture
def lumo(simulator: Simulator, tmp_path: Path) -> Iterator[LumoProcess]:
    token = "lumo_wp_" + uuid.uuid4().hex
    proc = LumoProcess(f"sqlite:///{tmp_path / 'lumo.db'}", {
        "LUMO_LINE_API_HOST": simulator.url, "LUMO_BOOTSTRAP_TOKEN": token,
        "LUMO_SECRET_KEY": os.environ["LUMO_SECRET_KEY"], "LUMO_WORKER_PROCESSES": "2",
        "LUMO_TEST_LOG": str(tmp_path / "lumo.log")})
    proc.token = token  # type: ignore[attr-defined]
    yield proc
    proc.stop()


def test_each_new_friend_is_welcomed_once_by_worker_processes(
        lumo: LumoProcess, simulator: Simulator) -> None:
    lumo.start()
    api = httpx.Client(base_url=lumo.url, timeout=30,
                       headers={"Authorization": f"Bearer {lumo.token}"})  # type: ignore[attr-defined]
    channel = str(uuid.uuid4().int)[:10]
    acc = api.post("/api/accounts", json={"name": "Procs", "channel_id": channel,
                                          "channel_secret": CHANNEL_SECRET,
                                          "access_token": ACCESS_TOKEN}).json()
    simulator.register(channel, f"{lumo.url}/webhooks/line/{channel}")
    wid = api.post("/api/workflows", json={"name": "welcome"}).json()["id"]
    assert api.put(f"/api/workflows/{wid}", headers={"If-Match": "1"}, json={"definition": {
        "nodes": [{"id": "start", "type": "start", "config": {"account_ids": [acc["id"]]}},
                  {"id": "t", "type": "trigger.friend_add", "config": {}},
                  {"id": "m", "type": "action.send_message", "config": {
                      "messages": [{"type": "text", "text": "welcome"}]}}],
        "edges": [{"source": "start", "target": "t"},
                  {"source": "t", "target": "m"}]}}).status_code == 200
    assert api.post(f"/api/workflows/{wid}/activate",
                    headers={"If-Match": "2"}).status_code == 200

    users = [user_id() for _ in range(20)]
    for uid in users:
        simulator.add_friend(uid, "Friend")
        simulator.act(channel, "follow", user_id=uid)

    wait_until(lambda: all(simulator.messages(uid) for uid in users), timeout=30,
               what="every friend welcomed")
    wait_until(lambda: len(api.get(f"/api/workflows/{wid}/executions").json()["items"]) >= 20,
               what="20 runs listed")
    for uid in users:
        texts = [m["text"] for rec in simulator.messages(uid) for m in rec["messages"]]
        assert texts == ["welcome"], uid
