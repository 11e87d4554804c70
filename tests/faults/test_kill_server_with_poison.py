"""kill -9 of `lumo serve` with 1,000 poison events in the backlog (issue 15).

Before: the recovery sweep took the first 1,000 pending events by id, the poison ones were
retried forever (their attempt counter rolled back with them), so after a crash the good
events stayed pending for minutes with 0 pushes while the log grew by ≈229 KiB/s.

Now: 1,000 poison events sent to the door get 400 and are stored nowhere; 1,000 poison events
already stored (by a version without the door check) are dead-lettered; 1,000 good follows
delivered around a kill -9 are each pushed exactly once; the log stays bounded.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from engine import clock
from engine.line.signature import sign
from engine.line.simulator import build_body, build_event
from tests.faults.harness import (
    WELCOME,
    Ledger,
    LinePlatform,
    Lumo,
    Shop,
    figure,
    lumo_env,
    pushes_by_friend,
    settle,
    sim_stats,
)
from tests.support.stack import CHANNEL_SECRET, Simulator, wait_until

GOOD = POISON = 1000
pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def lumo(sim: Simulator, tmp_path: Path) -> Iterator[Lumo]:
    token = "lumo_fault_" + uuid.uuid4().hex
    proc = Lumo(f"sqlite:///{tmp_path / 'lumo.db'}", {
        **lumo_env(sim.url, token, LUMO_EVENT_MAX_ATTEMPTS="3",
                   LUMO_EVENT_BACKOFF_INITIAL="0.1", LUMO_EVENT_BACKOFF_MAX="1"),
        "LUMO_TEST_LOG": str(tmp_path / "lumo.log")})
    proc.token = token  # type: ignore[attr-defined]
    yield proc
    proc.stop()


def poison_event(i: int) -> dict[str, Any]:
    """The issue's shapes: text a number or a list, a numeric userId, postback data an
    object."""
    user = "U" + uuid.uuid4().hex
    kind = i % 4
    if kind == 3:
        event = build_event("postback", user, data="x")
        event["postback"]["data"] = {"a": i}
        return event
    event = build_event("message", user, text="x")
    if kind == 0:
        event["message"]["text"] = i
    elif kind == 1:
        event["message"]["text"] = ["a", i]
    else:
        event["source"]["userId"] = i
    return event


def test_kill_9_with_1000_poison_events_pushes_every_good_one_once(lumo: Lumo,
                                                                   sim: Simulator) -> None:
    started = time.monotonic()
    lumo.start()
    shop = Shop(lumo.url, lumo.token, sim).setup(pushes=1)  # type: ignore[attr-defined]
    ledger = Ledger(lumo.database_url)

    # 1. At the door: 1,000 poison events in 200 signed bodies → 400 each, nothing stored.
    url = f"{lumo.url}/webhooks/line/{shop.channel_id}"
    door: dict[int, int] = {}
    with httpx.Client(timeout=30) as client:
        for i in range(0, POISON, 5):
            body = build_body("U" + "0" * 32, [poison_event(j) for j in range(i, i + 5)])
            r = client.post(url, content=body, headers={
                "X-Line-Signature": sign(body, CHANNEL_SECRET)})
            door[r.status_code] = door.get(r.status_code, 0) + 1
    assert door == {400: POISON // 5}
    assert ledger.scalar("SELECT count(*) FROM webhook_events") == 0

    # 2. Stored by a version without that check: 1,000 poison events ahead of everything.
    now = clock.now().replace(tzinfo=None).isoformat(sep=" ")
    with ledger.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO webhook_events (account_id, event_key, source, event_type, payload, "
            "status, attempts, received_at, next_attempt_at) VALUES (:a, :k, 'line', :t, :p, "
            "'pending', 0, :now, :now)"), [
            {"a": shop.account_id, "k": e["webhookEventId"], "t": e["type"],
             "p": json.dumps(e), "now": now}
            for e in (poison_event(i) for i in range(POISON))])

    # 3. 1,000 good follows, with a kill -9 once a third of the welcomes are out.
    sim.faults(latency_ms=20, endpoints=["push"])
    events = LinePlatform.follows(GOOD)
    line = LinePlatform(lumo.url, shop.channel_id).start(events, pace=0.2)
    wait_until(lambda: sim_stats(sim)["messages"] >= GOOD // 3, timeout=120, interval=0.02,
               what="a third of the pushes")
    at_kill = sim_stats(sim)["messages"]
    lumo.kill()
    killed_at = time.monotonic()
    time.sleep(0.5)
    lumo.start()
    restarted = time.monotonic() - killed_at
    line.join()
    statuses = settle(ledger, GOOD, timeout=120)
    recovered = time.monotonic() - killed_at
    wait_until(lambda: ledger.event_statuses().get("dead", 0) == POISON, timeout=60,
               what="every stored poison event dead-lettered")

    pushes = pushes_by_friend(sim)
    users = {e["source"]["userId"] for e in events}
    assert set(pushes) == users, "a good event was never pushed, or a stranger got a push"
    wrong = {u: t for u, t in pushes.items() if t != [WELCOME]}
    assert not wrong, f"{len(wrong)} friends got duplicates, e.g. {next(iter(wrong.items()))}"
    assert statuses == {"completed": GOOD}
    assert ledger.event_statuses() == {"processed": GOOD, "dead": POISON}
    assert ledger.scalar("SELECT count(*) FROM webhook_events WHERE status = 'dead' "
                         "AND error LIKE '%cannot be read%'") == POISON

    # A bounded log: at most one line per dead letter, no tracebacks of the poison.
    log = lumo.log_path.read_text(errors="replace").splitlines()
    dead_lines = sum("dead-lettered" in line for line in log)
    tracebacks = sum(line.startswith("Traceback") for line in log)
    assert dead_lines <= POISON, dead_lines
    assert tracebacks <= 5, tracebacks
    figure("kill_server_with_poison", good=GOOD, poison_at_door=POISON,
           poison_stored=POISON, door_answers=door, pushes=sim_stats(sim)["messages"],
           pushes_at_kill=at_kill, refused_bodies=dict(line.refused),
           log_lines=len(log), log_bytes=lumo.log_path.stat().st_size,
           dead_letter_lines=dead_lines, tracebacks=tracebacks,
           restart_s=round(restarted, 1), all_done_after_kill_s=round(recovered, 1),
           test_s=round(time.monotonic() - started, 1))
    ledger.dispose()
