"""Webhook redelivery at volume: 10,000 events, every one redelivered, 0 duplicate runs.

1,000 friends send 10 messages each; one of them ("coupon please") starts a one-push workflow.
LINE delivers the 10,000 events and redelivers every one of them once more — 10,000
redeliveries (isRedelivery=true, regrouped into other bodies, shuffled, concurrent with the
originals, so a redelivery often arrives first or lands in the same group commit as its
original). Exactly 10,000 events are stored, exactly 1,000 runs start (one per matching event),
and each friend gets exactly one welcome.

LUMO_FAULTS_STORM=1 runs the duplicate-heavy variant instead: 2,000 events (2 per friend), each
delivered 6 times (the same 10,000 redeliveries, 5 per event).
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from engine.line.simulator import build_event, redelivered
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
from tests.support.stack import Simulator, wait_until

STORM = os.environ.get("LUMO_FAULTS_STORM") == "1"
FRIENDS = 1000
PER_FRIEND, COPIES = (2, 6) if STORM else (10, 2)  # messages per friend; deliveries per event
EVENTS = FRIENDS * PER_FRIEND
# A loaded 2-core machine: the waits inside have their own deadlines; this is the backstop.
pytestmark = pytest.mark.timeout(600)


@pytest.fixture
def lumo(sim: Simulator, tmp_path: Path) -> Iterator[Lumo]:
    token = "lumo_fault_" + uuid.uuid4().hex
    proc = Lumo(f"sqlite:///{tmp_path / 'lumo.db'}", {
        **lumo_env(sim.url, token), "LUMO_TEST_LOG": str(tmp_path / "lumo.log")})
    proc.token = token  # type: ignore[attr-defined]
    yield proc
    proc.stop()


def test_10000_redelivered_events_start_each_run_once(lumo: Lumo,
                                                      sim: Simulator) -> None:
    lumo.start()
    shop = Shop(lumo.url, lumo.token, sim).setup(  # type: ignore[attr-defined]
        trigger={"id": "t", "type": "trigger.message_received",
                 "config": {"keywords": ["coupon please"], "match_type": "equals"}}, pushes=1)
    ledger = Ledger(lumo.database_url)
    rng = random.Random(10_000)
    friends = ["U" + uuid.uuid4().hex for _ in range(FRIENDS)]
    with ThreadPoolExecutor(8) as pool:  # LINE knows their profiles
        list(pool.map(lambda u: sim.add_friend(u, "Friend"), friends))
    events = []
    for uid in friends:
        texts = [f"message {i}" for i in range(PER_FRIEND - 1)] + ["coupon please"]
        rng.shuffle(texts)
        events += [build_event("message", uid, text=t) for t in texts]
    bodies = [events[i:i + 10] for i in range(0, EVENTS, 10)]
    for copy in range(1, COPIES):
        again = [redelivered(e) for e in events]
        rng.shuffle(again)
        size = 5 + copy % 4  # regrouped: other bodies than the originals
        bodies += [again[i:i + size] for i in range(0, EVENTS, size)]
    rng.shuffle(bodies)

    line = LinePlatform(lumo.url, shop.channel_id)
    started = time.monotonic()

    def send(share: list[list[dict]]) -> None:
        with httpx.Client(timeout=30) as client:
            for body in share:
                line._deliver_body(client, body, time.monotonic() + 120)

    with ThreadPoolExecutor(8) as pool:
        for f in [pool.submit(send, bodies[i::8]) for i in range(8)]:
            f.result()
    acked_in = time.monotonic() - started
    assert line.acked == {e["webhookEventId"] for e in events}

    wait_until(lambda: ledger.event_statuses().get("processed", 0) == EVENTS, timeout=240,
               interval=0.5, what="every event processed")
    statuses = settle(ledger, FRIENDS, timeout=120)
    elapsed = time.monotonic() - started

    assert ledger.scalar("SELECT count(*) FROM webhook_events") == EVENTS
    per_event = ledger.runs_per_event()
    assert len(per_event) == FRIENDS and set(per_event.values()) == {1}, "a duplicate run"
    assert statuses == {"completed": FRIENDS}
    assert set(ledger.runs_per_friend().values()) == {1}
    pushes = pushes_by_friend(sim)
    assert set(pushes) == set(friends)
    assert all(texts == [WELCOME] for texts in pushes.values())
    figure("redelivery", events=EVENTS, deliveries=COPIES * EVENTS,
           redeliveries=(COPIES - 1) * EVENTS, bodies=len(bodies),
           webhook_posts=line.attempts, refused_bodies=dict(line.refused),
           stored=EVENTS, runs=FRIENDS, pushes=sim_stats(sim)["messages"],
           acked_in_s=round(acked_in, 1), all_done_s=round(elapsed, 1))
    ledger.dispose()
