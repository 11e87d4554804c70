"""Metrics outside the server: a worker's own port, and multiprocess mode (one directory)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from engine import metrics
from engine.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_worker_serves_its_own_metrics_port() -> None:
    port = _free_port()
    server = metrics.serve_worker_metrics(port, addr="127.0.0.1")
    try:
        metrics.RUNS_STARTED.labels("worker-port-test").inc()
        body = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert 'lumo_runs_started_total{workflow_id="worker-port-test"} 1.0' in body
    finally:
        server.shutdown()


def test_multiprocess_mode_sums_every_process(tmp_path: Path) -> None:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    bump = ("from engine import metrics; metrics.RUNS_STARTED.labels('mp').inc(); "
            "metrics.LINE_SENDS.labels('push', 'ok').inc(2)")
    for _ in range(3):  # three worker processes, each its own counters
        subprocess.run([sys.executable, "-c", bump], env=env, cwd=ROOT, check=True)
    out = subprocess.run([sys.executable, "-c",
                          "from engine import metrics; print(metrics.render()[0].decode())"],
                         env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    assert 'lumo_runs_started_total{workflow_id="mp"} 3.0' in out
    assert 'lumo_line_sends_total{kind="push",result="ok"} 6.0' in out


def test_readyz_checks_redis_under_celery(sqlite_url: str) -> None:
    from api.app import create_app

    redis_url = os.environ.get("LUMO_TEST_REDIS", "redis://127.0.0.1:6379/13")
    app = create_app(Settings(database_url=sqlite_url, backend="celery", redis_url=redis_url))
    r = TestClient(app).get("/readyz")
    assert r.status_code == 200, r.text
    assert r.json()["checks"]["redis"]["ok"] is True
    app.state.db.dispose()
