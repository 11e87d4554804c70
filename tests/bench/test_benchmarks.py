"""The benchmarks under bench/ still run and print their figures (tiny sizes: no timing asserted).

The figures in docs/scaling.md are only worth something if anyone can re-run the commands, so
each script runs here as a user would run it. The worker path's statement and commit counts per
run are deterministic, so they are held here: a change that adds a round trip to every run shows
up as a failure, not as a slower benchmark nobody re-ran.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import PG_ADMIN_DSN, ensure_postgres
from tests.scale.test_celery_backend import ensure_redis

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"


def bench(script: str, *args: str, timeout: float = 180) -> str:
    done = subprocess.run([sys.executable, str(BENCH / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("machine: "), done.stdout  # every figure says where it ran
    return done.stdout


def test_worker_path_keeps_its_round_trips_per_run() -> None:
    out = bench("worker_path.py", "--runs", "30")
    assert "30 runs, 50 pushes in total" in out, out  # (and 20 warm-up runs before)
    m = re.search(r"per run: ([\d.]+) SQL statements, ([\d.]+) commits", out)
    assert m, out
    # Event transaction + one step transaction; see "What changed on the hot path".
    assert float(m[1]) <= 12 and float(m[2]) <= 2, out


def test_end_to_end_embedded_delivers_every_push() -> None:
    out = bench("end_to_end.py", "--topology", "embedded", "--runs", "40")
    assert re.search(r"embedded: 40/40 pushes; .* [\d.]+ runs/s end to end; webhook→push "
                     r"p50 \d+ ms, p99 \d+ ms", out), out
    assert re.search(r"CPU ms per run: api [\d.]+", out), out


def test_end_to_end_celery_delivers_every_push() -> None:
    ensure_postgres()
    ensure_redis()
    out = bench("end_to_end.py", "--topology", "celery", "--runs", "40", "--pg", PG_ADMIN_DSN)
    assert "celery (2 workers): 40/40 pushes" in out, out
    assert re.search(r"worker-0 [\d.]+, worker-1 [\d.]+", out), out


def test_webhook_ingest_accepts_without_errors() -> None:
    out = bench("webhook_ingest.py", "--rate", "100", "--seconds", "1")
    assert re.search(r"open loop 100 events/s for 1s: \d+ events, 0 errors, ack p50", out), out
    assert re.search(r"closed loop, \d+ clients: \d+ events/s accepted \(\d+ in [\d.]+s, "
                     r"0 errors\)", out), out


def test_trigger_match_reports_each_size() -> None:
    out = bench("trigger_match.py", "--sizes", "10,100", "--events", "200")
    for size in (10, 100):
        assert re.search(rf"{size} active keyword workflows: .* per event p50 [\d.]+ µs", out), out


def test_timers_resume_every_due_delay() -> None:
    out = bench("timers.py", "--count", "2000", "--measure-seconds", "5")
    assert "resumed 2000 runs in" in out, out


def test_agent_latency_prints_percentiles() -> None:
    out = bench("agent_latency.py", "--runs", "5")
    figures = json.loads(out.splitlines()[-1])
    assert figures["provider"] == "offline" and figures["drafts"] > 0
    assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"]


@pytest.fixture
def pyspy_module() -> Iterator[ModuleType]:
    sys.path.insert(0, str(BENCH))
    try:
        import _pyspy

        yield _pyspy
    finally:
        sys.path.remove(str(BENCH))


def test_pyspy_summary_splits_samples_by_library_and_our_functions(pyspy_module: ModuleType,
                                                                   tmp_path: Path) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_text(
        "<module> (bench/x.py:1);process_event (engine/runtime/dispatcher.py:85);"
        "execute (sqlalchemy/orm/session.py:10) 6\n"
        "<module> (bench/x.py:1);advance_run (engine/runtime/interpreter.py:200);"
        "_call (engine/line/gateway.py:10);urlopen (urllib3/connectionpool.py:5) 3\n"
        "<module> (bench/x.py:1);advance_run (engine/runtime/interpreter.py:200) 1\n")
    text = pyspy_module.summarise(raw)
    assert "10 samples" in text
    assert re.search(r"60\.0 %  SQLAlchemy", text), text
    assert re.search(r"30\.0 %  HTTP client", text), text
    assert re.search(r"10\.0 %  Lumo's own code", text), text
    assert re.search(r"60\.0 %  process_event \(engine/runtime/dispatcher.py\)", text), text
    assert re.search(r"40\.0 %  advance_run \(engine/runtime/interpreter.py\)", text), text
    assert "bench/x.py" not in text  # a benchmark script is not "our code"
