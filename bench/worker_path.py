"""The worker's hot path alone: CPU per follow event → run → push, one thread, no contention.

`end_to_end` measures the whole system on 2 shared cores, which is noisy when other work runs
on the machine; this isolates the cost this process pays per run (what bounds an embedded
server, whose worker threads share one GIL). It stores N follow events for a "friend added →
send message" workflow, then calls the task function every backend runs (`handle_event`) for
each, in this thread, against the LINE simulator running as its own process.
Usage: python bench/worker_path.py [--runs 1000] [--database-url URL] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import subprocess
import sys
import tempfile
import time
import uuid

from _common import ROOT, machine
from cryptography.fernet import Fernet

os.environ.setdefault("LUMO_SECRET_KEY", Fernet.generate_key().decode())

import httpx  # noqa: E402
from sqlalchemy import event  # noqa: E402

from engine import clock  # noqa: E402
from engine.crypto import encrypt  # noqa: E402
from engine.dispatch.tasks import handle_event  # noqa: E402
from engine.ingest import store_line_events  # noqa: E402
from engine.line.simulator import build_event  # noqa: E402
from engine.runtime.context import Services  # noqa: E402
from engine.settings import Settings  # noqa: E402
from engine.storage.migrate import upgrade  # noqa: E402
from engine.storage.models import LineAccount, Organisation, Workflow, WorkflowRevision  # noqa: E402
from engine.triggers import TriggerIndex  # noqa: E402
from tests.support.servers import free_port, wait_http  # noqa: E402

SECRET = "worker-path-secret-0123456789abcdef"
TOKEN = "worker-path-token-0123456789abcdef"


def setup(services: Services, sim_url: str) -> int:
    channel = str(uuid.uuid4().int)[:10]
    with services.db.session() as s:
        org = Organisation(name="bench")
        s.add(org)
        s.flush()
        acc = LineAccount(organisation_id=org.id, name="a", channel_id=channel,
                          channel_secret_enc=encrypt(SECRET), access_token_enc=encrypt(TOKEN))
        s.add(acc)
        s.flush()
        wf = Workflow(organisation_id=org.id, name="welcome", status="active",
                      latest_revision=1, published_revision=1)
        s.add(wf)
        s.flush()
        s.add(WorkflowRevision(workflow_id=wf.id, number=1, definition={
            "nodes": [{"id": "start", "type": "start", "config": {"account_ids": [acc.id]}},
                      {"id": "t", "type": "trigger.friend_add", "config": {}},
                      {"id": "m", "type": "action.send_message", "config": {
                          "messages": [{"type": "text", "text": "welcome"}]}}],
            "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "m"}]}))
        account_id = acc.id
    httpx.post(f"{sim_url}/_sim/channels", json={
        "channel_id": channel, "channel_secret": SECRET, "access_token": TOKEN,
        "webhook_url": "http://127.0.0.1:9/unused"}).raise_for_status()
    return account_id


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--profile", action="store_true", help="print the top functions (cProfile)")
    args = ap.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/worker.db"
    port = free_port()
    sim_url = f"http://127.0.0.1:{port}"
    sim = subprocess.Popen([sys.executable, "-m", "api.cli", "simulator", "--port", str(port)],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_http(f"{sim_url}/_sim/stats")
        upgrade(url)
        services = Services.from_settings(Settings(database_url=url, line_api_host=sim_url))
        account_id = setup(services, sim_url)
        index = TriggerIndex()
        with services.db.session() as s:
            ids = store_line_events(s, account_id, [
                build_event("follow", "U" + uuid.uuid4().hex) for _ in range(args.runs + 20)],
                clock.now())
        for event_id in ids[:20]:  # warm up: imports, statement caches, connections
            handle_event(services, index, event_id)
        counts = {"statements": 0, "commits": 0}

        def statement(*_: object) -> None:
            counts["statements"] += 1

        def commit(*_: object) -> None:
            counts["commits"] += 1

        event.listen(services.db.engine, "before_cursor_execute", statement)
        event.listen(services.db.engine, "commit", commit)
        # CPU time, not wall time: waits on LINE or the database are not cost here.
        profiler = cProfile.Profile(time.thread_time) if args.profile else None
        c0, t0 = time.thread_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        for event_id in ids[20:]:
            handle_event(services, index, event_id)
        if profiler:
            profiler.disable()
        cpu, wall = time.thread_time() - c0, time.perf_counter() - t0
        sent = httpx.get(f"{sim_url}/_sim/stats").json()["messages"]
        print(f"machine: {machine()}")
        print(f"database: {url.split('://')[0]}; {args.runs} runs, {sent} pushes in total")
        print(f"worker path: {cpu * 1000 / args.runs:.2f} ms CPU per run (this thread), "
              f"{wall * 1000 / args.runs:.2f} ms wall; {args.runs / wall:.0f} runs/s "
              f"in one thread")
        print(f"per run: {counts['statements'] / args.runs:.1f} SQL statements, "
              f"{counts['commits'] / args.runs:.1f} commits")
        if profiler:
            stats = pstats.Stats(profiler)
            # Deterministic, unlike CPU time on a shared machine: Python calls made per run.
            print(f"per run: {stats.total_calls / args.runs:.0f} Python function calls")
            stats.sort_stats("cumulative").print_stats(45)
            if os.environ.get("BENCH_PROFILE_OUT"):
                stats.dump_stats(os.environ["BENCH_PROFILE_OUT"])
        services.db.dispose()
    finally:
        sim.terminate()
        sim.wait(10)


if __name__ == "__main__":
    main()
