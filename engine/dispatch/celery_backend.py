"""The scale-out backend: Celery workers over Redis, the same task functions as in-process.

Durable waits stay in the database: `lumo scheduler` claims due rows (SKIP LOCKED) and enqueues
short tasks; no long ETA/countdown tasks ever sit in the broker. Tasks are acks_late and the
steps idempotent, so a worker lost mid-task is simply redone by another.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from celery import Celery

from engine.dispatch.tasks import (
    Submitters,
    SweepMemo,
    due_waits,
    handle_event,
    handle_run,
    handle_waits,
    purge,
    sweep,
)
from engine.runtime.context import Services
from engine.settings import Settings, get_settings
from engine.triggers import TriggerIndex

log = logging.getLogger("lumo.celery")

celery_app = Celery("lumo")
celery_app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    task_ignore_result=True,
    worker_prefetch_multiplier=4,
    broker_connection_retry_on_startup=True,
    task_default_queue="lumo",
    worker_hijack_root_logger=False,
)

_local = threading.local()
_lock = threading.Lock()
_shared: dict[str, Any] = {}


def configure(settings: Settings) -> Celery:
    celery_app.conf.broker_url = settings.redis_url
    return celery_app


configure(get_settings())


def set_services_factory(factory: Callable[[Settings], Services]) -> None:
    """The composition root (api/) plugs in what the engine cannot import (Customer Agent)."""
    _shared["factory"] = factory


def _services() -> Services:
    with _lock:
        if "services" not in _shared:
            factory = _shared.get("factory", Services.from_settings)
            _shared["services"] = factory(get_settings())
            _shared["index"] = TriggerIndex()
        return _shared["services"]


def _index() -> TriggerIndex:
    _services()
    return _shared["index"]


@celery_app.task(name="lumo.event")
def event_task(event_id: int) -> None:
    handle_event(_services(), _index(), event_id)


@celery_app.task(name="lumo.run")
def run_task(run_id: str) -> None:
    handle_run(_services(), run_id)


@celery_app.task(name="lumo.waits")
def waits_task(wait_ids: list[int]) -> None:
    handle_waits(_services(), wait_ids, submit_run=lambda r: run_task.delay(r))


SUBMIT = Submitters(event=lambda i: event_task.delay(i), run=lambda r: run_task.delay(r),
                    waits=lambda ws: waits_task.delay(ws))


class CeleryBackend:
    """What the API process uses with LUMO_BACKEND=celery: it only enqueues."""

    name = "celery"

    def __init__(self, settings: Settings):
        configure(settings)

    def start(self) -> None:
        pass

    def stop(self, timeout: float = 10.0) -> None:
        pass

    def submit_events(self, ids: list[int]) -> None:
        for event_id in ids:
            event_task.delay(event_id)

    def triggers_changed(self) -> None:
        pass  # workers refresh their trigger index within its max age

    def idle(self) -> bool:
        return True


def run_scheduler(settings: Settings, tick: float = 0.25,
                  grace: timedelta = timedelta(seconds=10),
                  stop: threading.Event | None = None) -> None:
    """`lumo scheduler`: one per deployment (several are safe: claims use SKIP LOCKED)."""
    configure(settings)
    services = _shared.get("factory", Services.from_settings)(settings)
    stop = stop or threading.Event()
    memo = SweepMemo()
    last_sweep = last_purge = 0.0
    while not stop.wait(tick):
        try:
            due_waits(services, SUBMIT)
            if time.monotonic() - last_sweep >= 1.0:
                sweep(services, SUBMIT, grace, memo)
                last_sweep = time.monotonic()
            if time.monotonic() - last_purge >= 600:
                purge(services, settings.step_retention_days)
                last_purge = time.monotonic()
        except Exception:  # noqa: BLE001 - database or broker restarting: next tick retries
            log.exception("scheduler tick failed")
