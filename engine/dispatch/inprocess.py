"""The embedded backend: worker threads and a scheduler thread inside `lumo serve`."""

from __future__ import annotations

import logging
import queue
import threading
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import update

from engine import clock
from engine.dispatch.tasks import (
    Submitters,
    due_waits,
    handle_event,
    handle_run,
    handle_waits,
    purge,
    sweep,
)
from engine.runtime.context import Services
from engine.storage.models import Run, Wait, WebhookEvent
from engine.timers import CLAIM_TIMEOUT
from engine.triggers import TriggerIndex

log = logging.getLogger("lumo.worker")


class InProcessBackend:
    name = "inprocess"

    def __init__(self, services: Services, *, workers: int = 4, tick: float = 0.25,
                 grace: timedelta = timedelta(seconds=5), retention_days: int = 90,
                 recover: bool = True):
        self.services = services
        # Whether start() takes back whatever was in flight (one process owns all the work);
        # a worker process next to others leaves theirs alone: expired leases are swept.
        self.recover = recover
        self.index = TriggerIndex()
        self.workers = workers
        self.tick = tick
        self.grace = grace
        self.retention_days = retention_days
        self._queue: queue.Queue[tuple[str, Any] | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._busy = 0
        self._busy_lock = threading.Lock()
        # Events and runs waiting in the queue: the sweep must not queue them a second time
        # (a backlog older than the grace is not a lost hand-off).
        self._queued: set[tuple[str, Any]] = set()
        self.submit = Submitters(event=lambda i: self._put("event", i),
                                 run=lambda r: self._put("run", r),
                                 waits=lambda ws: self._queue.put(("waits", ws)))

    def _put(self, kind: str, arg: Any) -> None:
        with self._busy_lock:
            if (kind, arg) in self._queued:
                return
            self._queued.add((kind, arg))
        self._queue.put((kind, arg))

    # -- hand-offs used by the API -------------------------------------------------------
    def submit_events(self, ids: list[int]) -> None:
        for event_id in ids:
            self.submit.event(event_id)

    def triggers_changed(self) -> None:
        self.index.invalidate()

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._recover()
        for i in range(self.workers):
            t = threading.Thread(target=self._work, name=f"lumo-worker-{i}", daemon=True)
            t.start()
            self._threads.append(t)
        t = threading.Thread(target=self._schedule, name="lumo-scheduler", daemon=True)
        t.start()
        self._threads.append(t)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        for _ in range(self.workers):
            self._queue.put(None)
        for t in self._threads:
            t.join(timeout)
        self._threads.clear()

    def _recover(self) -> None:
        """Embedded mode has one process: whatever was in flight when it died is ours again."""
        past = clock.now() - CLAIM_TIMEOUT - timedelta(seconds=1)
        if not self.recover:
            sweep(self.services, self.submit, grace=timedelta(0))
            return
        with self.services.db.session() as session:
            session.execute(update(Run).where(Run.status == "running").values(lease_until=past))
            session.execute(update(WebhookEvent).where(WebhookEvent.status == "processing")
                            .values(claimed_at=past))
            session.execute(update(Wait).where(Wait.status == "claimed").values(claimed_at=past))
        sweep(self.services, self.submit, grace=timedelta(0))

    # -- threads ---------------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            kind, arg = item
            with self._busy_lock:
                self._busy += 1
                if kind != "waits":  # (lists of wait ids are not de-duplicated)
                    self._queued.discard((kind, arg))  # a re-submission is queued again
            try:
                if kind == "event":
                    handle_event(self.services, self.index, arg)
                elif kind == "run":
                    handle_run(self.services, arg)
                elif kind == "waits":
                    handle_waits(self.services, arg, self.submit.run)
            except Exception:  # noqa: BLE001 - keep the worker alive; sweeps retry the work
                log.exception("%s task %s failed", kind, arg)
            finally:
                with self._busy_lock:
                    self._busy -= 1

    def _schedule(self) -> None:
        last_sweep = last_purge = 0.0
        while not self._stop.wait(self.tick):
            try:
                due_waits(self.services, self.submit)
                if time.monotonic() - last_sweep >= 1.0:
                    sweep(self.services, self.submit, self.grace)
                    last_sweep = time.monotonic()
                if time.monotonic() - last_purge >= 600:
                    purge(self.services, self.retention_days)
                    last_purge = time.monotonic()
            except Exception:  # noqa: BLE001 - e.g. database restarting: try next tick
                log.exception("scheduler tick failed")

    def idle(self) -> bool:
        with self._busy_lock:
            return self._busy == 0 and self._queue.empty()
