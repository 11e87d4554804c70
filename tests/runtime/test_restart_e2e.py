"""A 3-day delay survives a crash: kill -9 the server mid-wait, restart it later in time."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.servers import LumoProcess
from tests.support.stack import ACCESS_TOKEN, CHANNEL_SECRET, Simulator, user_id, wait_until

DAY = 86_400


@pytest.fixture
def lumo(simulator: Simulator, tmp_path: Path) -> Iterator[LumoProcess]:
    token = "lumo_e2e_" + uuid.uuid4().hex
    proc = LumoProcess(f"sqlite:///{tmp_path / 'lumo.db'}", {
        "LUMO_LINE_API_HOST": simulator.url, "LUMO_BOOTSTRAP_TOKEN": token,
        "LUMO_SECRET_KEY": os.environ["LUMO_SECRET_KEY"], "LUMO_SCHEDULER_TICK": "0.05",
        "LUMO_TEST_LOG": str(tmp_path / "lumo.log")})
    proc.token = token  # type: ignore[attr-defined]
    yield proc
    proc.stop()


def test_three_day_delay_survives_kill_and_restart(lumo: LumoProcess,
                                                   simulator: Simulator) -> None:
    lumo.start()
    api = httpx.Client(base_url=lumo.url, timeout=30,
                       headers={"Authorization": f"Bearer {lumo.token}"})  # type: ignore[attr-defined]
    channel = str(uuid.uuid4().int)[:10]
    acc = api.post("/api/accounts", json={"name": "Restart", "channel_id": channel,
                                          "channel_secret": CHANNEL_SECRET,
                                          "access_token": ACCESS_TOKEN}).json()
    simulator.register(channel, f"{lumo.url}/webhooks/line/{channel}")
    wid = api.post("/api/workflows", json={"name": "Coupon in 3 days",
                                           "template": "friend_add_flow"}).json()["id"]
    wf = api.get(f"/api/workflows/{wid}").json()
    definition = wf["definition"]
    definition["nodes"][0]["config"]["account_ids"] = [acc["id"]]
    assert api.put(f"/api/workflows/{wid}", headers={"If-Match": "1"},
                   json={"definition": definition}).status_code == 200
    assert api.post(f"/api/workflows/{wid}/activate",
                    headers={"If-Match": "2"}).status_code == 200

    uid = user_id()
    simulator.add_friend(uid, "Restart")
    simulator.act(channel, "follow", user_id=uid)

    def runs(status: str) -> list[dict[str, object]]:
        items = api.get(f"/api/workflows/{wid}/executions").json()["items"]
        return [r for r in items if r["status"] == status]

    wait_until(lambda: runs("waiting"), what="run waiting on the delay")
    welcome = [m for rec in simulator.messages(uid) for m in rec["messages"]]
    assert len(welcome) == 1 and welcome[0]["text"].startswith("Thanks for adding us, Restart")

    lumo.kill()  # crash in the middle of the 3-day wait
    lumo.start({"LUMO_CLOCK_OFFSET_SECONDS": str(2 * DAY)})  # two days later: still waiting
    api.get("/healthz")
    wait_until(lambda: runs("waiting"), what="still waiting after 2 days")
    import time

    time.sleep(1.0)  # several scheduler ticks: nothing may fire early
    assert len(simulator.messages(uid)) == 1

    lumo.kill()
    lumo.start({"LUMO_CLOCK_OFFSET_SECONDS": str(3 * DAY + 60)})
    wait_until(lambda: runs("completed"), timeout=20, what="run completed after 3 days")
    texts = [m["text"] for rec in simulator.messages(uid) for m in rec["messages"]]
    assert texts.count("Here is your 10% coupon: WELCOME10") == 1
    assert len(texts) == 2
    run = runs("completed")[0]
    steps = api.get(f"/api/executions/{run['id']}").json()["steps"]
    assert [s["node_id"] for s in steps] == ["trigger", "welcome", "wait", "coupon"]
    assert all(s["status"] == "completed" for s in steps)
