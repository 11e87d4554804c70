"""What the fault tests share: a fresh LINE simulator, LINE's webhook delivery (with
redelivery of anything not acknowledged), a Lumo set up over its API, and the counting.

Nothing inside Lumo is patched: Lumo runs as real processes (`lumo serve`, `lumo worker`,
`lumo scheduler`); the simulator is a real HTTP server; the test plays the LINE platform by
POSTing signed webhook bodies, exactly as LINE does, and redelivering those that were not
answered 200 (LINE's redelivery feature). Counts come from the simulator (what LINE received)
and from the database (runs, steps, events).
"""

from __future__ import annotations

import collections
import json
import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from engine.line.signature import sign
from engine.line.simulator import build_body, build_event, redelivered
from engine.storage.db import normalise_url
from tests.support.servers import LumoProcess, wait_http
from tests.support.stack import ACCESS_TOKEN, CHANNEL_SECRET, Simulator, wait_until

WELCOME, COUPON = "Welcome to the shop!", "Here is your coupon: SPRING10"


class Lumo(LumoProcess):
    """`lumo serve` as a child process, allowed a slow start: importing the app alone takes
    ~6 s of CPU, and these tests share 2 cores with a simulator, a load and other processes."""

    start_timeout = 90.0

    def start(self, extra_env: dict[str, str] | None = None) -> Lumo:
        import subprocess
        import sys

        from tests.support.servers import ROOT

        env = {**self.env, **(extra_env or {})}
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_http(f"{self.url}/healthz", timeout=self.start_timeout)
        except TimeoutError:
            self.kill()
            raise RuntimeError("lumo serve did not start:\n"
                               + self.log_path.read_text()[-3000:]) from None
        return self


def lumo_env(sim_url: str, token: str, **extra: str) -> dict[str, str]:
    import os

    return {"LUMO_LINE_API_HOST": sim_url, "LUMO_BOOTSTRAP_TOKEN": token,
            "LUMO_SECRET_KEY": os.environ["LUMO_SECRET_KEY"], "LUMO_SCHEDULER_TICK": "0.05",
            "LUMO_LINE_BACKOFF_INITIAL": "0.05", "LUMO_LINE_BACKOFF_MAX": "0.5",
            "LUMO_LINE_TIMEOUT": "5", **extra}


@dataclass
class Shop:
    """One organisation's LINE account and a two-push workflow, made through the API."""

    url: str
    token: str
    sim: Simulator
    channel_id: str = field(default_factory=lambda: str(uuid.uuid4().int)[:10])
    account_id: int = 0
    workflow_id: int = 0

    @property
    def http(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30,
                            headers={"Authorization": f"Bearer {self.token}"})

    def setup(self, trigger: dict[str, Any] | None = None, pushes: int = 2) -> Shop:
        with self.http as http:
            r = http.post("/api/accounts", json={
                "name": "Fault shop", "channel_id": self.channel_id,
                "channel_secret": CHANNEL_SECRET, "access_token": ACCESS_TOKEN})
            r.raise_for_status()
            self.account_id = r.json()["id"]
            self.sim.register(self.channel_id, f"{self.url}/webhooks/line/{self.channel_id}")
            trigger = trigger or {"id": "t", "type": "trigger.friend_add", "config": {}}
            definition = {"nodes": [
                {"id": "start", "type": "start", "config": {"account_ids": [self.account_id]}},
                trigger,
                {"id": "welcome", "type": "action.send_message",
                 "config": {"messages": [{"type": "text", "text": WELCOME}]}},
                {"id": "coupon", "type": "action.send_message",
                 "config": {"messages": [{"type": "text", "text": COUPON}]}}][:2 + pushes],
                "edges": [{"source": "start", "target": trigger["id"]},
                          {"source": trigger["id"], "target": "welcome"},
                          {"source": "welcome", "target": "coupon"}][:1 + pushes]}
            wid = http.post("/api/workflows", json={"name": "Two pushes"}).json()["id"]
            r = http.put(f"/api/workflows/{wid}", headers={"If-Match": "1"},
                         json={"definition": definition})
            assert r.status_code == 200, r.text
            r = http.post(f"/api/workflows/{wid}/activate", headers={"If-Match": "2"})
            assert r.status_code == 200, r.text
            self.workflow_id = wid
        return self

    def stats(self) -> dict[str, int]:
        with self.http as http:
            return http.get(f"/api/workflows/{self.workflow_id}/executions",
                            params={"limit": 1}).json()["stats"]


class LinePlatform:
    """Delivers webhook events like LINE: signed bodies of a few events, several in flight;
    a body answered anything but 200 (or not answered) is redelivered later with
    isRedelivery=true, until it is acknowledged."""

    def __init__(self, url: str, channel_id: str, *, batch: int = 5, concurrency: int = 8,
                 redeliver_after: float = 0.3, seed: int = 7):
        self.url = f"{url}/webhooks/line/{channel_id}"
        self.batch = batch
        self.concurrency = concurrency
        self.redeliver_after = redeliver_after
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.acked: set[str] = set()
        self.attempts = 0
        self.refused: collections.Counter[str] = collections.Counter()  # status → bodies
        self.thread: threading.Thread | None = None
        self.destination = "U" + uuid.uuid4().hex

    @staticmethod
    def follows(n: int) -> list[dict[str, Any]]:
        return [build_event("follow", "U" + uuid.uuid4().hex) for _ in range(n)]

    def post(self, client: httpx.Client, events: list[dict[str, Any]]) -> bool:
        body = build_body(self.destination, events)
        with self.lock:
            self.attempts += 1
        try:
            r = client.post(self.url, content=body, headers={
                "Content-Type": "application/json", "X-Line-Signature": sign(body,
                                                                             CHANNEL_SECRET)})
            status = str(r.status_code)
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        if status == "200":
            with self.lock:
                self.acked.update(e["webhookEventId"] for e in events)
            return True
        with self.lock:
            self.refused[status] += 1
        return False

    def _deliver_body(self, client: httpx.Client, events: list[dict[str, Any]],
                      deadline: float) -> None:
        while not self.post(client, events):
            if time.monotonic() > deadline:
                raise TimeoutError("LINE gave up redelivering a body")
            time.sleep(self.redeliver_after)
            events = [redelivered(e) for e in events]

    def deliver(self, events: list[dict[str, Any]], pace: float = 0.0,
                timeout: float = 240.0) -> None:
        """Deliver everything (blocking); `pace` seconds between bodies per sender."""
        bodies = [events[i:i + self.batch] for i in range(0, len(events), self.batch)]
        deadline = time.monotonic() + timeout

        def sender(share: list[list[dict[str, Any]]]) -> None:
            with httpx.Client(timeout=10) as client:
                for body in share:
                    self._deliver_body(client, body, deadline)
                    if pace:
                        time.sleep(pace)

        shares = [bodies[i::self.concurrency] for i in range(self.concurrency)]
        with ThreadPoolExecutor(self.concurrency) as pool:
            for f in [pool.submit(sender, s) for s in shares]:
                f.result()

    def start(self, events: list[dict[str, Any]], **kw: Any) -> LinePlatform:
        self.error: BaseException | None = None

        def run() -> None:
            try:
                self.deliver(events, **kw)
            except BaseException as exc:  # noqa: BLE001 - reported by join()
                self.error = exc

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        return self

    def join(self, timeout: float = 240.0) -> None:
        assert self.thread is not None
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "LINE's deliveries did not finish"
        if self.error:
            raise self.error


def pushes_by_friend(sim: Simulator) -> dict[str, list[str]]:
    out: dict[str, list[str]] = collections.defaultdict(list)
    for rec in sim.messages():
        if rec["kind"] == "push":
            out[rec["to"]].extend(m.get("text", "") for m in rec["messages"])
    return out


def sim_stats(sim: Simulator) -> dict[str, Any]:
    return sim.http.get("/_sim/stats").json()


class Ledger:
    """Read-only SQL on Lumo's database (runs, steps, events)."""

    def __init__(self, database_url: str):
        self.engine = create_engine(normalise_url(database_url), pool_pre_ping=True)

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params))

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def run_statuses(self) -> collections.Counter[str]:
        return collections.Counter({s: n for s, n in self.rows(
            "SELECT status, count(*) FROM runs GROUP BY status")})

    def runs_per_friend(self) -> collections.Counter[str]:
        return collections.Counter({u: n for u, n in self.rows(
            "SELECT f.line_user_id, count(r.id) FROM runs r JOIN friends f "
            "ON f.id = r.friend_id GROUP BY f.line_user_id")})

    def runs_per_event(self) -> collections.Counter[str]:
        return collections.Counter({e: n for e, n in self.rows(
            "SELECT trigger_event_id, count(*) FROM runs GROUP BY trigger_event_id")})

    def event_statuses(self) -> collections.Counter[str]:
        return collections.Counter({s: n for s, n in self.rows(
            "SELECT status, count(*) FROM webhook_events GROUP BY status")})

    def reexecuted_steps(self) -> int:
        return int(self.scalar("SELECT count(*) FROM steps WHERE attempt > 1 "
                               "AND node_type = 'action.send_message'") or 0)

    def dispose(self) -> None:
        self.engine.dispose()


def settle(ledger: Ledger, expected_runs: int, timeout: float = 180.0,
           finished: tuple[str, ...] = ("completed",)) -> collections.Counter[str]:
    """Wait until `expected_runs` runs exist and all are in a finished status."""
    last: dict[str, Any] = {}

    def done() -> collections.Counter[str] | None:
        statuses = last["runs"] = ledger.run_statuses()
        total = sum(statuses.values())
        over = sum(statuses[s] for s in ("completed", "failed", "cancelled"))
        return statuses if total >= expected_runs and over == total and \
            sum(statuses[s] for s in finished) >= expected_runs else None

    try:
        return wait_until(done, timeout=timeout, interval=0.5,
                          what=f"{expected_runs} runs finished")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; runs {dict(last.get('runs', {}))}, events "
                             f"{dict(ledger.event_statuses())}") from None


def figure(name: str, **values: Any) -> None:
    """Print one line of figures (shown with `pytest -s`; docs/reliability.md quotes them)."""
    print(f"\nFIGURE {name}: " + json.dumps(values, sort_keys=True, default=str))
