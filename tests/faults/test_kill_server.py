"""kill -9 of `lumo serve` (embedded: SQLite + in-process workers) in the middle of 1,000 runs.

LINE keeps delivering while the server is down (those bodies fail and are redelivered after the
restart). Afterwards every run completes, each friend got exactly one welcome and one coupon
(0 lost, 0 duplicate pushes: a step re-executed after the crash reuses its retry key and the
simulator answers 409), and every acknowledged event was processed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.harness import (
    COUPON,
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

RUNS = 1000
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


def test_kill_9_mid_load_loses_nothing_and_sends_nothing_twice(lumo: Lumo,
                                                              sim: Simulator) -> None:
    lumo.start()
    shop = Shop(lumo.url, lumo.token, sim).setup()  # type: ignore[attr-defined]
    ledger = Ledger(lumo.database_url)
    # LINE takes 50 ms per push, so the kill always lands on steps between push and commit.
    sim.faults(latency_ms=50, endpoints=["push"])
    events = LinePlatform.follows(RUNS)
    # Paced at ~50 events/s so that LINE is still delivering when the server dies.
    line = LinePlatform(lumo.url, shop.channel_id).start(events, pace=0.8)

    # Crash once a third of the pushes are out: runs are mid-flight, events mid-queue.
    wait_until(lambda: sim_stats(sim)["messages"] >= 2 * RUNS // 3, timeout=120, interval=0.02,
               what="a third of the pushes")
    at_kill = sim_stats(sim)["messages"]
    lumo.kill()
    killed_at = time.monotonic()
    time.sleep(1.0)  # LINE's deliveries fail meanwhile and are redelivered later
    lumo.start()
    restarted = time.monotonic() - killed_at

    line.join()
    statuses = settle(ledger, RUNS, timeout=180)
    recovered = time.monotonic() - killed_at

    # What LINE received: one welcome and one coupon per friend, in order, nothing else.
    pushes = pushes_by_friend(sim)
    users = {e["source"]["userId"] for e in events}
    assert set(pushes) == users, "a friend got no message (lost run) or a stranger got one"
    wrong = {u: texts for u, texts in pushes.items() if texts != [WELCOME, COUPON]}
    assert not wrong, f"{len(wrong)} friends got duplicates or a wrong order, e.g. " \
                      f"{next(iter(wrong.items()))}"
    assert statuses == {"completed": RUNS}
    # One run per friend and per event; every acknowledged event was processed.
    assert set(ledger.runs_per_friend().values()) == {1}
    assert len(ledger.runs_per_event()) == RUNS
    assert line.acked == {e["webhookEventId"] for e in events}
    assert ledger.event_statuses() == {"processed": RUNS}
    stats = sim_stats(sim)
    figure("kill_server", runs=RUNS, pushes=stats["messages"], pushes_at_kill=at_kill,
           refused_bodies=dict(line.refused), webhook_posts=line.attempts,
           reexecuted_push_steps=ledger.reexecuted_steps(),
           retry_key_409=stats["counts"].get("push:409", 0),
           restart_s=round(restarted, 1), all_done_after_kill_s=round(recovered, 1))
    ledger.dispose()
