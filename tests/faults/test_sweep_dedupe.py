"""The recovery sweep re-submits lost work, not work that is merely waiting in a backlog.

Found by the redelivery and Celery fault tests: every second the sweep re-enqueued each event
that had been pending for longer than the grace period — under a backlog that is most of them —
so 1,000 follows became 7,217 event tasks on Celery (and thousands of extra skips in-process).
"""

from __future__ import annotations

import time

from engine.dispatch.inprocess import InProcessBackend
from engine.dispatch.tasks import SweepMemo


def test_sweep_memo_resubmits_each_item_at_most_once_per_period() -> None:
    memo = SweepMemo(every=0.2)
    assert memo.due("event", 1) and memo.due("event", 2) and memo.due("run", 1)
    assert not memo.due("event", 1) and not memo.due("run", 1)
    time.sleep(0.25)
    assert memo.due("event", 1)  # still pending a period later: a lost hand-off, retried


def test_in_process_queue_holds_each_event_and_run_once() -> None:
    backend = InProcessBackend(services=None, workers=1)  # type: ignore[arg-type]
    for _ in range(3):
        backend.submit.event(7)
        backend.submit.run("r-1")
    backend.submit.event(8)
    assert backend._queue.qsize() == 3
    # Once a worker has taken it, a new submission is queued again (it may be a retry).
    item = backend._queue.get()
    backend._queued.discard(item)
    backend.submit.event(7)
    assert backend._queue.qsize() == 3


def test_a_worker_survives_every_kind_of_task() -> None:
    """Lists of wait ids go through the same queue: a worker must not die on them."""
    import threading

    backend = InProcessBackend(services=None, workers=1)  # type: ignore[arg-type]
    backend.submit.waits([1, 2])
    backend.submit.event(7)
    backend.submit.run("r-1")
    backend._queue.put(None)
    worker = threading.Thread(target=backend._work)
    worker.start()  # every task fails (no services) and is logged; the worker carries on
    worker.join(10)
    assert not worker.is_alive() and backend._queue.empty() and not backend._queued
