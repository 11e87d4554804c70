"""The embedded topology's workers in child processes of `lumo serve` (LUMO_WORKER_PROCESSES).

The web server and the worker threads share one GIL in one process; with N ≥ 1 the server
keeps the API and the webhook door, and N child processes (`python -m api.worker_process`)
each run the same `InProcessBackend` (LUMO_WORKERS threads and a scheduler). The server hands
each stored webhook event's id to one child over its stdin, one a line (`t` when triggers
changed). Nothing is lost with the pipe: events are stored before they are handed over, and
the children's sweeps pick up what never reached them. The first child, on the server's
start, takes back whatever was in flight (as the embedded server does on restart); a child
that dies is started again and its claims expire into the others' sweeps. SQLite (WAL, 30 s
busy timeout) takes the processes' writes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

log = logging.getLogger("lumo.worker")
ROOT = Path(__file__).resolve().parent.parent
RECOVER_ENV = "LUMO_WORKER_RECOVER"  # internal: set for the first child's first start only


class WorkerProcessBackend:
    name = "inprocess"

    def __init__(self, processes: int = 1, *, restart_delay: float = 1.0):
        self.processes = max(1, processes)
        self.restart_delay = restart_delay
        self._procs: list[subprocess.Popen[bytes] | None] = [None] * self.processes
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._watch: threading.Thread | None = None
        self._next = 0

    def _spawn(self, i: int, *, recover: bool) -> None:
        env = {**os.environ, RECOVER_ENV: "1" if recover else "0"}
        self._procs[i] = subprocess.Popen([sys.executable, "-m", "api.worker_process"],
                                          stdin=subprocess.PIPE, cwd=ROOT, env=env)

    def start(self) -> None:
        self._stop.clear()
        with self._lock:
            for i in range(self.processes):
                self._spawn(i, recover=i == 0)
        self._watch = threading.Thread(target=self._watchdog, name="lumo-worker-watch",
                                       daemon=True)
        self._watch.start()

    def _watchdog(self) -> None:
        while not self._stop.wait(self.restart_delay):
            with self._lock:
                for i, proc in enumerate(self._procs):
                    if proc is not None and proc.poll() is not None:
                        log.error("worker process %d exited (%s); starting it again", i,
                                  proc.returncode)
                        self._spawn(i, recover=False)

    def _send(self, i: int, lines: str) -> None:
        proc = self._procs[i]
        if proc is None or proc.stdin is None:
            return
        try:
            proc.stdin.write(lines.encode())
            proc.stdin.flush()
        except (BrokenPipeError, OSError):  # the watchdog restarts it; sweeps recover
            log.warning("worker process %d not reachable; a sweep will pick the work up", i)

    def submit_events(self, ids: list[int]) -> None:
        if not ids:
            return
        with self._lock:
            parts: list[list[str]] = [[] for _ in range(self.processes)]
            for event_id in ids:
                parts[self._next].append(f"{event_id}\n")
                self._next = (self._next + 1) % self.processes
            for i, part in enumerate(parts):
                if part:
                    self._send(i, "".join(part))

    def triggers_changed(self) -> None:
        with self._lock:
            for i in range(self.processes):
                self._send(i, "t\n")

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        if self._watch is not None:
            self._watch.join(timeout)
        with self._lock:
            procs, self._procs = self._procs, [None] * self.processes
        for proc in procs:
            if proc is not None and proc.stdin is not None:
                with contextlib.suppress(OSError):
                    proc.stdin.close()  # EOF: the child stops its threads and exits
        for proc in procs:
            if proc is None:
                continue
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def serve(stdin: IO[bytes]) -> None:
    from api.runtime import build_services
    from engine.dispatch.inprocess import InProcessBackend
    from engine.logs import configure_logging
    from engine.settings import get_settings
    from engine.storage.db import Database

    settings = get_settings()
    configure_logging(settings)
    db = Database(settings.database_url)
    backend = InProcessBackend(build_services(settings, db), workers=settings.workers,
                               tick=settings.scheduler_tick,
                               recover=os.environ.get(RECOVER_ENV, "1") == "1")
    backend.start()
    try:
        for raw in stdin:
            line = raw.strip()
            if line == b"t":
                backend.triggers_changed()
            elif line:
                backend.submit_events([int(line)])
    finally:
        backend.stop()
        db.dispose()


if __name__ == "__main__":
    serve(sys.stdin.buffer)
