"""Webhook ingest: events/s accepted and ack latency (p50/p99) of POST /webhooks/line/{channel}.

Runs `lumo serve` (in-process backend) in a child process on SQLite by default or on the
database given, and sends signed LINE webhook bodies from an asyncio client:
  - open loop at --rate events/s for --seconds (the ack latency a steady LINE sees), then
  - closed loop with --concurrency clients (the most the server accepts).
Usage: python bench/webhook_ingest.py [--database-url URL] [--rate 1000] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid

import aiohttp
import httpx
from _common import machine, pct

from engine.line.signature import sign
from engine.line.simulator import build_body, build_event
from tests.support.servers import LumoProcess

SECRET = "bench-channel-secret-0123456789abcd"


def body_for(i: int, events_per_body: int) -> bytes:
    events = [build_event("message", f"U{(i * events_per_body + j) % 5000:032x}",
                          text=f"bench {i}") for j in range(events_per_body)]
    return build_body("Ubench", events)


# aiohttp, not httpx: httpx's async pool is the bottleneck at a few hundred requests/s.
async def open_loop(url: str, rate: float, seconds: float,
                    per_body: int) -> tuple[list[float], int, int]:
    latencies: list[float] = []
    errors = 0
    sent = 0
    interval = per_body / rate
    connector = aiohttp.TCPConnector(limit=256)
    async with aiohttp.ClientSession(connector=connector) as c:
        async def one(i: int) -> None:
            nonlocal errors
            body = body_for(i, per_body)
            headers = {"X-Line-Signature": sign(body, SECRET),
                       "Content-Type": "application/json"}
            t0 = time.perf_counter()
            try:
                async with c.post(url, data=body, headers=headers) as r:
                    await r.read()
                    if r.status != 200:
                        errors += 1
            except aiohttp.ClientError:
                errors += 1
            latencies.append((time.perf_counter() - t0) * 1000)

        tasks = []
        start = time.perf_counter()
        i = 0
        while time.perf_counter() - start < seconds:
            target = start + i * interval
            delay = target - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(i)))
            i += 1
            sent += per_body
        await asyncio.gather(*tasks)
    return latencies, errors, sent


async def closed_loop(url: str, concurrency: int, seconds: float,
                      per_body: int) -> tuple[int, float, int]:
    accepted = 0
    errors = 0
    stop = time.perf_counter() + seconds
    counter = iter(range(10**9))
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as c:
        async def worker() -> None:
            nonlocal accepted, errors
            while time.perf_counter() < stop:
                body = body_for(next(counter) + 10**6, per_body)
                headers = {"X-Line-Signature": sign(body, SECRET),
                           "Content-Type": "application/json"}
                async with c.post(url, data=body, headers=headers) as r:
                    await r.read()
                    if r.status == 200:
                        accepted += per_body
                    else:
                        errors += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    return accepted, elapsed, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--rate", type=float, default=1000.0)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--events-per-body", type=int, default=1)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="lumo-bench-")
    url = args.database_url or f"sqlite:///{tmp}/bench.db"
    fresh = None
    if url.startswith("postgres"):
        # A database of its own: the bootstrap token only works on an empty one, and old
        # events would skew the figures.
        import psycopg

        fresh = f"lumo_ingest_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{fresh}"')
        admin_url, url = url, url.rsplit("/", 1)[0] + f"/{fresh}"
    token = "lumo_bench_" + uuid.uuid4().hex
    from cryptography.fernet import Fernet

    proc = LumoProcess(url, {"LUMO_BOOTSTRAP_TOKEN": token,
                             "LUMO_SECRET_KEY": Fernet.generate_key().decode(),
                             "LUMO_LINE_API_HOST": "http://127.0.0.1:9",
                             "LUMO_WORKERS": os.environ.get("LUMO_WORKERS", "4"),
                             "LUMO_TEST_LOG": os.path.join(tmp, "serve.log")})
    proc.start()
    try:
        channel = str(uuid.uuid4().int)[:10]
        httpx.post(f"{proc.url}/api/accounts", headers={"Authorization": f"Bearer {token}"},
                   json={"name": "bench", "channel_id": channel, "channel_secret": SECRET,
                         "access_token": "bench-token-123456"}).raise_for_status()
        hook = f"{proc.url}/webhooks/line/{channel}"
        print(f"machine: {machine()}")
        print(f"database: {url.split('://')[0]}, events per body: {args.events_per_body}")
        lat, errors, sent = asyncio.run(open_loop(hook, args.rate, args.seconds,
                                                  args.events_per_body))
        print(f"open loop {args.rate:.0f} events/s for {args.seconds:.0f}s: {sent} events, "
              f"{errors} errors, ack p50 {pct(lat, 50):.1f} ms, p99 {pct(lat, 99):.1f} ms, "
              f"max {max(lat):.1f} ms")
        accepted, elapsed, errors = asyncio.run(closed_loop(hook, args.concurrency,
                                                            args.seconds, args.events_per_body))
        print(f"closed loop, {args.concurrency} clients: {accepted / elapsed:.0f} events/s "
              f"accepted ({accepted} in {elapsed:.1f}s, {errors} errors)")
    finally:
        proc.stop()
        if fresh:
            import psycopg

            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


if __name__ == "__main__":
    main()
