"""Durable timers: scheduler memory with many pending delays, and resumes/s when they fall due.

Fills the database with N runs waiting on a Delay (runs, steps and wait rows, as the engine
writes them), then:
  1. measures the scheduler's resident memory while it ticks over N pending (not yet due)
     waits, for a small and the full N — flat means it never loads the pending set;
  2. moves the clock past the wake time and measures how fast the in-process backend's
     scheduler + workers resume them (each resume completes its run).
Usage: python bench/timers.py [--count 1000000] [--database-url URL] [--measure-seconds 30]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
import uuid
from datetime import timedelta

from _common import machine
from cryptography.fernet import Fernet

os.environ.setdefault("LUMO_SECRET_KEY", Fernet.generate_key().decode())

from sqlalchemy import func, insert, select  # noqa: E402

from engine import clock  # noqa: E402
from engine.dispatch.inprocess import InProcessBackend  # noqa: E402
from engine.dispatch.tasks import Submitters, due_waits  # noqa: E402
from engine.runtime.context import Services  # noqa: E402
from engine.settings import Settings  # noqa: E402
from engine.storage.db import Database  # noqa: E402
from engine.storage.migrate import upgrade  # noqa: E402
from engine.storage.models import (  # noqa: E402
    Friend,
    LineAccount,
    Organisation,
    Run,
    Step,
    Wait,
    Workflow,
    WorkflowRevision,
)


def rss_mib() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def fill(db: Database, count: int, chunk: int = 20_000) -> None:
    now = clock.now()
    wake = now + timedelta(days=3)
    with db.session() as s:
        org = Organisation(name="timers")
        s.add(org)
        s.flush()
        acc = LineAccount(organisation_id=org.id, name="a", channel_id=uuid.uuid4().hex[:12],
                          channel_secret_enc="x", access_token_enc="y")
        s.add(acc)
        s.flush()
        friend = Friend(organisation_id=org.id, account_id=acc.id, line_user_id="U" + "0" * 32)
        s.add(friend)
        wf = Workflow(organisation_id=org.id, name="3 days", status="active",
                      latest_revision=1, published_revision=1)
        s.add(wf)
        s.flush()
        s.add(WorkflowRevision(workflow_id=wf.id, number=1, definition={
            "nodes": [{"id": "start", "type": "start", "config": {"account_ids": [acc.id]}},
                      {"id": "t", "type": "trigger.friend_add", "config": {}},
                      {"id": "d", "type": "action.delay",
                       "config": {"amount": 3, "unit": "days"}}],
            "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "d"}]}))
        ids = (wf.id, acc.id, friend.id)
    t0 = time.perf_counter()
    done = 0
    while done < count:
        n = min(chunk, count - done)
        run_ids = [str(uuid.uuid4()) for _ in range(n)]
        with db.session() as s:
            s.execute(insert(Run), [{
                "id": r, "workflow_id": ids[0], "revision": 1, "account_id": ids[1],
                "friend_id": ids[2], "trigger_node_id": "t", "status": "waiting",
                "current_node_id": "d", "context": {"stack": ["d"], "visits": {}},
                "created_at": now, "started_at": now} for r in run_ids])
            s.execute(insert(Step), [{
                "run_id": r, "node_id": "d", "node_type": "action.delay", "visit": 1,
                "status": "waiting", "attempt": 1, "started_at": now, "purged": False}
                for r in run_ids])
            s.execute(insert(Wait), [{
                "run_id": r, "node_id": "d", "kind": "delay", "friend_id": ids[2],
                "wake_at": wake, "status": "pending", "data": {"visit": 1},
                "created_at": now} for r in run_ids])
        done += n
    print(f"filled {count} waiting runs in {time.perf_counter() - t0:.0f}s")


def scheduler_rss(services: Services, ticks: int = 20) -> float:
    """Peak RSS over scheduler ticks while nothing is due."""
    sink = Submitters(event=lambda _: None, run=lambda _: None, waits=lambda _: None)
    peak = 0.0
    for _ in range(ticks):
        due_waits(services, sink)
        peak = max(peak, rss_mib())
    return peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--measure-seconds", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=4)
    args = ap.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/timers.db"
    upgrade(url)
    settings = Settings(database_url=url, line_api_host="http://127.0.0.1:9")
    services = Services.from_settings(settings)
    print(f"machine: {machine()}")
    print(f"database: {url.split('://')[0]}")

    small = min(10_000, args.count)
    fill(services.db, small)
    rss_small = scheduler_rss(services)
    fill(services.db, args.count - small)
    rss_full = scheduler_rss(services)
    print(f"scheduler RSS with {small} pending delays: {rss_small:.0f} MiB; "
          f"with {args.count}: {rss_full:.0f} MiB")

    clock.advance(3 * 86_400 + 60)  # everything is due now
    backend = InProcessBackend(services, workers=args.workers, tick=0.05)
    with services.db.session() as s:
        before = s.scalar(select(func.count(Run.id)).where(Run.status == "completed")) or 0
    t0 = time.perf_counter()
    backend.start()
    time.sleep(args.measure_seconds)
    with services.db.session() as s:
        after = s.scalar(select(func.count(Run.id)).where(Run.status == "completed")) or 0
    elapsed = time.perf_counter() - t0
    backend.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"resumed {after - before} runs in {elapsed:.1f}s: "
          f"{(after - before) / elapsed:.0f} resumes/s with {args.workers} worker threads "
          f"(peak RSS {peak:.0f} MiB)")


if __name__ == "__main__":
    main()
