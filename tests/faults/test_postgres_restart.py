"""PostgreSQL restarted in the middle of 1,000 runs (embedded workers on PostgreSQL).

During the outage webhooks are answered 5xx (nothing was stored, so nothing was acknowledged)
and LINE redelivers them. LINE answers pushes after 100 ms, so some steps are always between
their push and their commit when the connections drop: they must be redone (same retry key,
409), not failed and not left hanging. Afterwards the service recovers by itself: every run
completes, each friend got the welcome and the coupon exactly once, and every event LINE sent
is stored and processed once.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import drop_postgres_database, ensure_postgres, fresh_postgres_database
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


def restart_postgres() -> float:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    started = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
                   check=True, capture_output=True)
    ensure_postgres()
    return time.monotonic() - started


@pytest.fixture
def lumo(sim: Simulator, pg_server: str, tmp_path: Path) -> Iterator[Lumo]:
    name, url = fresh_postgres_database(pg_server)
    token = "lumo_fault_" + uuid.uuid4().hex
    proc = Lumo(url, {**lumo_env(sim.url, token, LUMO_WORKERS="16"),
                             "LUMO_TEST_LOG": str(tmp_path / "lumo.log")})
    proc.token = token  # type: ignore[attr-defined]
    try:
        yield proc
    finally:
        proc.stop()
        ensure_postgres()
        drop_postgres_database(pg_server, name)


def test_postgres_restart_mid_load_recovers_without_help(lumo: Lumo,
                                                         sim: Simulator) -> None:
    lumo.start()
    shop = Shop(lumo.url, lumo.token, sim).setup()  # type: ignore[attr-defined]
    ledger = Ledger(lumo.database_url)
    sim.faults(latency_ms=100, endpoints=["push"])
    events = LinePlatform.follows(RUNS)
    # Paced (~35 events/s) so that LINE is still delivering while PostgreSQL is down.
    line = LinePlatform(lumo.url, shop.channel_id).start(events, pace=1.2)

    wait_until(lambda: sim_stats(sim)["messages"] >= 2 * RUNS // 3, timeout=120, interval=0.02,
               what="a third of the pushes")
    at_restart = sim_stats(sim)["messages"]
    outage = restart_postgres()
    back = time.monotonic()

    line.join()
    statuses = settle(ledger, RUNS, timeout=150)
    recovered = time.monotonic() - back

    pushes = pushes_by_friend(sim)
    users = {e["source"]["userId"] for e in events}
    assert set(pushes) == users, "a friend got no message (lost run) or a stranger got one"
    wrong = {u: texts for u, texts in pushes.items() if texts != [WELCOME, COUPON]}
    assert not wrong, f"{len(wrong)} friends got duplicates or a wrong order, e.g. " \
                      f"{next(iter(wrong.items()))}"
    assert statuses == {"completed": RUNS}
    assert set(ledger.runs_per_friend().values()) == {1}
    assert ledger.event_statuses() == {"processed": RUNS}
    assert line.acked == {e["webhookEventId"] for e in events}
    stats = sim_stats(sim)
    figure("postgres_restart", runs=RUNS, pushes=stats["messages"],
           pushes_at_restart=at_restart, restart_s=round(outage, 1),
           refused_bodies=dict(line.refused), webhook_posts=line.attempts,
           reexecuted_push_steps=ledger.reexecuted_steps(),
           retry_key_409=stats["counts"].get("push:409", 0),
           all_done_after_restart_s=round(recovered, 1))
    ledger.dispose()
