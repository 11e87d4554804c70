"""The scale-out path for real: PostgreSQL, Redis, two `lumo worker` processes, `lumo scheduler`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis

from tests.conftest import drop_postgres_database, fresh_postgres_database
from tests.support.servers import ROOT, LumoProcess
from tests.support.stack import ACCESS_TOKEN, CHANNEL_SECRET, Simulator, user_id, wait_until

REDIS_URL = os.environ.get("LUMO_TEST_REDIS", "redis://127.0.0.1:6379/15")


def ensure_redis() -> None:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
        return
    except redis.ConnectionError:
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1",
                        "--port", "6379", "--save", "", "--appendonly", "no", "--dir",
                        "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"], check=False)
    for _ in range(30):
        try:
            client.ping()
            return
        except redis.ConnectionError:
            time.sleep(0.5)
    pytest.fail(f"Redis is not reachable at {REDIS_URL} and could not be started")


class Proc:
    def __init__(self, args: list[str], env: dict[str, str], log: Path):
        self.args, self.env, self.log = args, env, log
        self.p: subprocess.Popen[bytes] | None = None

    def start(self, extra: dict[str, str] | None = None) -> Proc:
        self.p = subprocess.Popen([sys.executable, "-m", "api.cli", *self.args], cwd=ROOT,
                                  env={**self.env, **(extra or {})},
                                  stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        return self

    def stop(self) -> None:
        if self.p and self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(15)
            except subprocess.TimeoutExpired:
                self.p.kill()


@pytest.fixture
def celery_stack(simulator: Simulator, pg_server: str, tmp_path: Path) -> Iterator[dict]:
    ensure_redis()
    redis.Redis.from_url(REDIS_URL).flushdb()
    name, db_url = fresh_postgres_database(pg_server)
    token = "lumo_celery_" + uuid.uuid4().hex
    env = {**os.environ, "LUMO_DATABASE_URL": db_url, "LUMO_BACKEND": "celery",
           "LUMO_REDIS_URL": REDIS_URL, "LUMO_LINE_API_HOST": simulator.url,
           "LUMO_BOOTSTRAP_TOKEN": token, "LUMO_SECRET_KEY": os.environ["LUMO_SECRET_KEY"],
           "LUMO_LINE_BACKOFF_INITIAL": "0.05", "LUMO_LINE_BACKOFF_MAX": "0.5"}
    api = LumoProcess(db_url, {**env, "LUMO_TEST_LOG": str(tmp_path / "api.log")}).start()
    workers = [Proc(["worker", "--concurrency", "4"], env, tmp_path / f"worker{i}.log").start()
               for i in range(2)]
    scheduler = Proc(["scheduler", "--tick", "0.1"], env, tmp_path / "scheduler.log").start()
    try:
        yield {"api": api, "workers": workers, "scheduler": scheduler, "token": token,
               "env": env, "tmp": tmp_path}
    finally:
        for p in [*workers, scheduler]:
            p.stop()
        api.stop()
        drop_postgres_database(pg_server, name)


def test_celery_workers_run_each_step_once_and_durable_delays_resume(
        celery_stack: dict, simulator: Simulator) -> None:
    api_proc: LumoProcess = celery_stack["api"]
    http = httpx.Client(base_url=api_proc.url, timeout=30,
                        headers={"Authorization": f"Bearer {celery_stack['token']}"})
    channel = str(uuid.uuid4().int)[:10]
    acc = http.post("/api/accounts", json={"name": "Celery", "channel_id": channel,
                                           "channel_secret": CHANNEL_SECRET,
                                           "access_token": ACCESS_TOKEN}).json()
    simulator.register(channel, f"{api_proc.url}/webhooks/line/{channel}")
    definition = {"nodes": [
        {"id": "start", "type": "start", "config": {"account_ids": [acc["id"]]}},
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "hi", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": "hello from celery"}]}},
        {"id": "d", "type": "action.delay", "config": {"amount": 1, "unit": "minutes"}},
        {"id": "later", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": "one minute later"}]}}],
        "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "hi"},
                  {"source": "hi", "target": "d"}, {"source": "d", "target": "later"}]}
    wid = http.post("/api/workflows", json={"name": "celery"}).json()["id"]
    assert http.put(f"/api/workflows/{wid}", headers={"If-Match": "1"},
                    json={"definition": definition}).status_code == 200
    assert http.post(f"/api/workflows/{wid}/activate",
                     headers={"If-Match": "2"}).status_code == 200

    friends = [user_id() for _ in range(60)]
    for uid in friends:
        simulator.add_friend(uid, "Celery friend")
    for uid in friends:
        assert simulator.act(channel, "follow", user_id=uid)["status_code"] == 200

    def stats() -> dict:
        return http.get(f"/api/workflows/{wid}/executions").json()["stats"]

    wait_until(lambda: stats()["waiting"] == 60, timeout=60, what="60 runs waiting")
    for uid in friends:
        assert simulator.texts(uid) == ["hello from celery"]

    # Restart the scheduler and workers one minute and a bit later in time.
    for p in [*celery_stack["workers"], celery_stack["scheduler"]]:
        p.stop()
    later = {"LUMO_CLOCK_OFFSET_SECONDS": "90"}
    for p in [*celery_stack["workers"], celery_stack["scheduler"]]:
        p.start(later)
    wait_until(lambda: stats()["succeeded"] == 60, timeout=90, what="60 runs completed")
    for uid in friends:
        assert simulator.texts(uid) == ["hello from celery", "one minute later"]
    # Every step ran once: no step needed a second attempt, LINE saw no repeated retry key.
    runs = http.get(f"/api/workflows/{wid}/executions", params={"limit": 200}).json()["items"]
    for run in runs[:10]:
        steps = http.get(f"/api/executions/{run['id']}").json()["steps"]
        assert [s["attempt"] for s in steps] == [1, 1, 1, 1]
