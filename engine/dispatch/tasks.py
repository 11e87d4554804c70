"""The task functions every backend runs; they only touch the database and LINE.

Backends differ only in how a task reaches a worker (a thread queue, or Celery over Redis).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from engine import clock
from engine.retention import purge_step_outputs
from engine.runtime.attempts import record_failure
from engine.runtime.context import Services
from engine.runtime.dispatcher import process_event
from engine.runtime.interpreter import advance_run, resume_delays, resume_wait
from engine.storage.errors import is_transient_db_error
from engine.timers import claim_due_waits, stale_events, stale_runs
from engine.triggers import TriggerIndex


def handle_event(services: Services, index: TriggerIndex, event_id: int) -> None:
    try:
        result = process_event(services, index, event_id)
    except Exception as exc:
        # The event's transaction is rolled back; the attempt is counted in one of its own
        # (backoff, then dead letter). A database that is away is not the event's fault:
        # nothing is counted, the sweep hands the event out again.
        if is_transient_db_error(exc):
            raise
        try:
            status = record_failure(services.db, event_id, exc, clock.now(),
                                    services.event_policy)
        except Exception as again:  # noqa: BLE001 - the database failed too: sweep retries
            if not is_transient_db_error(again):
                raise
            raise exc from None
        if status is None:  # (already processed: a failure after the commit)
            raise
        return
    if result.answered_wait is not None:
        resume_wait(services, result.answered_wait)
    # The runs were created claimed by us: advance them here, no queue round trip.
    for run_id in result.run_ids:
        advance_run(services, run_id, claimed=True, warm=result.warm.get(run_id))


def handle_run(services: Services, run_id: str) -> None:
    advance_run(services, run_id)


def handle_waits(services: Services, wait_ids: list[int],
                 submit_run: Callable[[str], None]) -> None:
    """Delays are resumed in bulk; questions (answers, re-prompts) one by one."""
    advance, slow = resume_delays(services, wait_ids)
    for run_id in advance:
        submit_run(run_id)
    for wait_id in slow:
        resume_wait(services, wait_id)


@dataclass
class Submitters:
    event: Callable[[int], None]
    run: Callable[[str], None]
    waits: Callable[[list[int]], None]


WAIT_BATCH = 200


def due_waits(services: Services, submit: Submitters, limit: int = 2000) -> int:
    """One scheduler tick: claim due waits and hand them to workers in batches."""
    with services.db.session() as session:
        ids = claim_due_waits(session, clock.now(), limit)
    for i in range(0, len(ids), WAIT_BATCH):
        submit.waits(ids[i:i + WAIT_BATCH])
    return len(ids)


def purge(services: Services, retention_days: int) -> int:
    """Clear old step outputs (retention); a few thousand rows per call."""
    with services.db.session() as session:
        return purge_step_outputs(session, clock.now(), retention_days)


class SweepMemo:
    """What a sweeper re-submitted lately, so it does not re-submit it again every tick.

    "Pending for longer than the grace" also describes an event that simply waits behind a
    backlog in the queue. Without this memo a deep backlog was re-enqueued once per second per
    item (1,000 follows → 7,200 event tasks on Celery); now each item is re-submitted at most
    once per `every` seconds, which still retries a lost hand-off promptly.
    """

    def __init__(self, every: float = 30.0):
        self.every = every
        self._last: dict[tuple[str, object], float] = {}
        self._lock = threading.Lock()

    def due(self, kind: str, key: object) -> bool:
        now = time.monotonic()
        with self._lock:
            if len(self._last) > 50_000:  # forget what is long past
                self._last = {k: t for k, t in self._last.items() if now - t < self.every}
            last = self._last.get((kind, key))
            if last is not None and now - last < self.every:
                return False
            self._last[(kind, key)] = now
            return True


def sweep(services: Services, submit: Submitters, grace: timedelta,
          memo: SweepMemo | None = None) -> tuple[int, int]:
    """Re-submit work whose hand-off was lost (crash between commit and enqueue)."""
    now = clock.now()
    with services.db.session() as session:
        due = stale_events(session, now, grace)
        runs = stale_runs(session, now, grace)
    if memo is not None:
        # Keyed by the attempt too: an event whose backoff is over is a new hand-off.
        due = [(e, n) for e, n in due if memo.due("event", (e, n))]
        runs = [r for r in runs if memo.due("run", r)]
    events = [e for e, _ in due]
    for event_id in events:
        submit.event(event_id)
    for run_id in runs:
        submit.run(run_id)
    return len(events), len(runs)
