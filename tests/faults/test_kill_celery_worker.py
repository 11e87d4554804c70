"""kill -9 of a Celery worker (PostgreSQL + Redis, 2 workers, scheduler) mid-way through 1,000
runs.

The dead worker is started again at once (as a supervisor would) and the two workers finish
everything they can; what the dead worker held (runs it had leased, events it had claimed) is
taken over once the lease (5 minutes) has expired — the test skips that time with
LUMO_CLOCK_OFFSET_SECONDS on restarted workers and scheduler (Temporal-style time skipping)
instead of sleeping. Afterwards: every run completed, every friend got exactly one welcome and
one coupon.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.conftest import drop_postgres_database, fresh_postgres_database
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
from tests.scale.test_celery_backend import REDIS_URL as SCALE_REDIS_URL
from tests.scale.test_celery_backend import Proc, ensure_redis
from tests.support.stack import Simulator, wait_until

RUNS = 1000
# A loaded 2-core machine: the waits inside have their own deadlines; this is the backstop.
pytestmark = pytest.mark.timeout(600)
# A Redis database of its own: tests/scale flushes its one (15) and may run at the same time.
REDIS_URL = os.environ.get("LUMO_FAULTS_REDIS", SCALE_REDIS_URL.rsplit("/", 1)[0] + "/14")
LATER = str(5 * 60 + 30)  # past the run lease and the event claim timeout (5 min each)


TASK_LINE = re.compile(r"Task lumo\.\w+\[([0-9a-f-]+)\] (received|succeeded|failed|raised)")


def tasks_in_flight(log: Path) -> int:
    """Tasks the worker has received and not finished, from its log (flushed per line)."""
    open_ids: set[str] = set()
    for task_id, what in TASK_LINE.findall(log.read_text(errors="replace")):
        (open_ids.add if what == "received" else open_ids.discard)(task_id)
    return len(open_ids)


@pytest.fixture
def celery(sim: Simulator, pg_server: str, tmp_path: Path) -> Iterator[dict]:
    ensure_redis()
    redis.Redis.from_url(REDIS_URL).flushdb()
    name, db_url = fresh_postgres_database(pg_server)
    token = "lumo_fault_" + uuid.uuid4().hex
    env = {**os.environ, **lumo_env(sim.url, token), "LUMO_DATABASE_URL": db_url,
           "LUMO_BACKEND": "celery", "LUMO_REDIS_URL": REDIS_URL}
    api = Lumo(db_url, {**env, "LUMO_TEST_LOG": str(tmp_path / "api.log")}).start()
    workers = [Proc(["worker", "--concurrency", "4"], env, tmp_path / f"worker{i}.log").start()
               for i in range(2)]
    scheduler = Proc(["scheduler", "--tick", "0.1"], env, tmp_path / "scheduler.log").start()
    try:
        yield {"api": api, "workers": workers, "scheduler": scheduler, "token": token,
               "db_url": db_url}
    finally:
        for p in [*workers, scheduler]:
            p.stop()
        api.stop()
        drop_postgres_database(pg_server, name)


def test_celery_worker_killed_mid_load(celery: dict, sim: Simulator) -> None:
    api: Lumo = celery["api"]
    victim, survivor = celery["workers"]
    shop = Shop(api.url, celery["token"], sim).setup()
    ledger = Ledger(celery["db_url"])
    # LINE takes 50 ms per push, so the victim always dies holding runs between two steps.
    sim.faults(latency_ms=50, endpoints=["push"])
    events = LinePlatform.follows(RUNS)
    t0 = time.monotonic()
    line = LinePlatform(api.url, shop.channel_id).start(events, pace=0.5)

    wait_until(lambda: sim_stats(sim)["messages"] >= 2 * RUNS // 3, timeout=150,
               interval=0.02, what="a third of the pushes")
    # Kill while the victim demonstrably holds work (≥ its 4 threads' worth of tasks), so the
    # test never kills an idle worker and passes for nothing.
    wait_until(lambda: tasks_in_flight(victim.log) >= 4, timeout=60, interval=0.01,
               what="the victim to be busy")
    at_kill = sim_stats(sim)["messages"]
    victim.p.kill()  # SIGKILL: no warm shutdown, no acks, leases left behind
    victim.p.wait(10)
    in_flight_at_kill = tasks_in_flight(victim.log)
    t_kill = time.monotonic() - t0
    victim.start()  # restarted by its supervisor: a new process, none of the old leases
    line.join()

    # The workers do everything the dead process did not hold; then progress stops.
    def stalled() -> bool:
        before = (sim_stats(sim)["messages"], ledger.run_statuses())
        time.sleep(3)
        return (sim_stats(sim)["messages"], ledger.run_statuses()) == before
    wait_until(stalled, timeout=150, interval=0, what="the workers to run out of work")
    held = ledger.run_statuses()
    orphaned = sum(n for s, n in held.items() if s not in ("completed", "failed"))
    pending_events = sum(n for s, n in ledger.event_statuses().items()
                         if s in ("pending", "processing"))
    t_stall = time.monotonic() - t0

    # Five and a half minutes later (skipped): leases and claims have expired.
    for p in (victim, survivor, celery["scheduler"]):
        p.stop()
    later = {"LUMO_CLOCK_OFFSET_SECONDS": LATER}
    for p in (victim, survivor, celery["scheduler"]):
        p.start(later)
    statuses = settle(ledger, RUNS, timeout=180)
    t_done = time.monotonic() - t0

    pushes = pushes_by_friend(sim)
    users = {e["source"]["userId"] for e in events}
    assert set(pushes) == users, "a friend got no message (lost run) or a stranger got one"
    wrong = {u: texts for u, texts in pushes.items() if texts != [WELCOME, COUPON]}
    assert not wrong, f"{len(wrong)} friends got duplicates or a wrong order, e.g. " \
                      f"{next(iter(wrong.items()))}"
    assert statuses == {"completed": RUNS}
    assert set(ledger.runs_per_friend().values()) == {1}
    assert ledger.event_statuses() == {"processed": RUNS}
    stats = sim_stats(sim)
    figure("kill_celery_worker", runs=RUNS, pushes=stats["messages"], pushes_at_kill=at_kill,
           runs_orphaned_by_the_kill=orphaned,
           victim_tasks_in_flight=in_flight_at_kill, events_orphaned=pending_events,
           reexecuted_push_steps=ledger.reexecuted_steps(),
           retry_key_409=stats["counts"].get("push:409", 0), killed_at_s=round(t_kill, 1),
           others_done_at_s=round(t_stall, 1), all_done_at_s=round(t_done, 1))
    ledger.dispose()
