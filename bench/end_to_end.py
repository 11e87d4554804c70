"""End to end: follow webhooks → runs → one push each at the LINE simulator.

Measures runs/s (first webhook sent → last push received) and webhook→push latency
percentiles, on the embedded topology (SQLite, in-process workers) and on the scale-out one
(PostgreSQL, Redis, `lumo worker` ×2, `lumo scheduler`). The simulator runs as its own
process (`lumo simulator`), as LINE would be elsewhere.
Usage: python bench/end_to_end.py [--runs 2000] [--rate 0 (as fast as possible)]
       [--topology embedded|celery|both] [--pg postgresql://postgres@127.0.0.1:5432/test]
       [--py-spy SECONDS]: sample the server (embedded: the GIL holder, i.e. its CPU) or the
       first Celery worker (wall time: what its threads wait on) during the burst
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
import httpx
from _common import ROOT, cpu_seconds, machine, pct
from _pyspy import record, summarise
from cryptography.fernet import Fernet

from engine.line.signature import sign
from engine.line.simulator import build_body, build_event
from tests.support.servers import LumoProcess, free_port, wait_http

SECRET = "e2e-bench-secret-0123456789abcdef"
TOKEN = "e2e-bench-token-0123456789abcdef"


def spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=env,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


async def fire(url: str, users: list[str], rate: float,
               secret: str = SECRET) -> dict[str, float]:
    sent: dict[str, float] = {}
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64)) as c:
        sem = asyncio.Semaphore(64)

        async def one(uid: str) -> None:
            body = build_body("Ubench", [build_event("follow", uid)])
            async with sem:
                sent[uid] = time.time()
                async with c.post(url, data=body, headers={
                        "X-Line-Signature": sign(body, secret),
                        "Content-Type": "application/json"}) as r:
                    await r.read()
                    if r.status != 200:
                        raise RuntimeError(f"webhook answered {r.status}")

        tasks = []
        t0 = time.perf_counter()
        for i, uid in enumerate(users):
            if rate > 0:
                delay = t0 + i / rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(uid)))
        await asyncio.gather(*tasks)
    return sent


def wait_ready(extra_procs: list[list[str]], tmp: Path, name: str,
               timeout: float = 180.0) -> None:
    """Celery workers take a while to start on a busy machine: fire only once they listen,
    or the figures measure their start-up."""
    deadline = time.time() + timeout
    for i, args in enumerate(extra_procs):
        if args[0] != "worker":
            continue
        log = tmp / f"{name}-{i}.log"
        while "ready." not in (log.read_text(errors="replace") if log.exists() else ""):
            if time.time() > deadline:
                raise TimeoutError(f"{args} did not start within {timeout:.0f}s")
            time.sleep(0.2)


def run_topology(name: str, env: dict[str, str], runs: int, rate: float, sim_url: str,
                 tmp: Path, extra_procs: list[list[str]], spy_seconds: float = 0) -> None:
    token = "lumo_bench_" + uuid.uuid4().hex
    env = {**env, "LUMO_BOOTSTRAP_TOKEN": token, "LUMO_LINE_API_HOST": sim_url}
    api = LumoProcess(env["LUMO_DATABASE_URL"], {**env, "LUMO_TEST_LOG": str(tmp / f"{name}.log")})
    api.start()
    procs = [spawn(a, env, tmp / f"{name}-{i}.log") for i, a in enumerate(extra_procs)]
    try:
        http = httpx.Client(base_url=api.url, headers={"Authorization": f"Bearer {token}"},
                            timeout=30)
        channel = str(uuid.uuid4().int)[:10]
        acc = http.post("/api/accounts", json={"name": name, "channel_id": channel,
                                               "channel_secret": SECRET,
                                               "access_token": TOKEN}).json()
        httpx.post(f"{sim_url}/_sim/channels", json={
            "channel_id": channel, "channel_secret": SECRET, "access_token": TOKEN,
            "webhook_url": f"{api.url}/webhooks/line/{channel}"}).raise_for_status()
        wid = http.post("/api/workflows", json={"name": "welcome"}).json()["id"]
        http.put(f"/api/workflows/{wid}", headers={"If-Match": "1"}, json={"definition": {
            "nodes": [{"id": "start", "type": "start", "config": {"account_ids": [acc["id"]]}},
                      {"id": "t", "type": "trigger.friend_add", "config": {}},
                      {"id": "m", "type": "action.send_message", "config": {
                          "messages": [{"type": "text", "text": "welcome"}]}}],
            "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "m"}]}}
        ).raise_for_status()
        http.post(f"/api/workflows/{wid}/activate", headers={"If-Match": "2"}).raise_for_status()
        wait_ready(extra_procs, tmp, name)
        time.sleep(2.5)  # workers' trigger index refresh

        users = ["U" + uuid.uuid4().hex for _ in range(runs)]
        pids = {"api": api.proc.pid} if api.proc else {}
        pids.update({f"{a[0]}-{i}": p.pid for i, (a, p) in enumerate(zip(extra_procs, procs,
                                                                          strict=True))})
        cpu0 = {k: cpu_seconds(pid) for k, pid in pids.items()}
        spy = None
        if spy_seconds:
            target = pids["api"] if not extra_procs else procs[0].pid
            spy = record(target, spy_seconds, tmp / "py-spy.txt", gil=not extra_procs)
        t0 = time.time()
        sent = asyncio.run(fire(f"{api.url}/webhooks/line/{channel}", users, rate))
        fired = time.time() - t0
        deadline = time.time() + max(120, runs / 20)
        received: dict[str, float] = {}
        while time.time() < deadline and len(received) < runs:
            msgs = httpx.get(f"{sim_url}/_sim/messages", params={"channel_id": channel},
                             timeout=60).json()["messages"]
            received = {m["to"]: m["received_at"] for m in msgs}
            time.sleep(0.5)
        # CPU per run, per process: what the 2 cores were spent on (the rest was waiting).
        cpu = {k: (cpu_seconds(pid) - cpu0[k]) * 1000 / max(len(received), 1)
               for k, pid in pids.items()}
        lat = [(received[u] - sent[u]) * 1000 for u in users if u in received]
        span = max(received.values()) - min(sent.values()) if received else float("nan")
        print(f"{name}: {len(received)}/{runs} pushes; webhooks sent in {fired:.1f}s; "
              f"{len(received) / span:.0f} runs/s end to end; webhook→push p50 "
              f"{pct(lat, 50):.0f} ms, p99 {pct(lat, 99):.0f} ms")
        print("  CPU ms per run: " + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items()))
        if spy is not None:
            spy.wait(spy_seconds + 30)
            print(("  profile of the server's CPU (GIL holder)" if not extra_procs else
                   "  profile of worker-0's threads (wall time)") + ":")
            print(summarise(tmp / "py-spy.txt"))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
        api.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--rate", type=float, default=0.0)
    ap.add_argument("--topology", default="both", choices=["embedded", "celery", "both"])
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    ap.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    ap.add_argument("--py-spy", type=float, default=0, metavar="SECONDS",
                    help="sample the server or first worker for this long (py-spy)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lumo-e2e-bench-"))
    print(f"machine: {machine()}")
    sim_port = free_port()
    sim_url = f"http://127.0.0.1:{sim_port}"
    sim = spawn(["simulator", "--port", str(sim_port)], dict(os.environ), tmp / "sim.log")
    wait_http(f"{sim_url}/_sim/stats")
    base = {**os.environ, "LUMO_SECRET_KEY": Fernet.generate_key().decode()}
    try:
        if args.topology in ("embedded", "both"):
            run_topology("embedded", {**base, "LUMO_DATABASE_URL": f"sqlite:///{tmp}/e2e.db"},
                         args.runs, args.rate, sim_url, tmp, [], args.py_spy)
        if args.topology in ("celery", "both"):
            import psycopg
            import redis

            redis.Redis.from_url(args.redis).flushdb()
            name = f"lumo_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            url = args.pg.rsplit("/", 1)[0] + f"/{name}"
            env = {**base, "LUMO_DATABASE_URL": url, "LUMO_BACKEND": "celery",
                   "LUMO_REDIS_URL": args.redis}
            try:
                run_topology("celery (2 workers)", env, args.runs, args.rate, sim_url, tmp,
                             [["worker", "--concurrency", "8"], ["worker", "--concurrency", "8"],
                              ["scheduler"]], args.py_spy)
            finally:
                with psycopg.connect(args.pg, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        sim.terminate()


if __name__ == "__main__":
    main()
