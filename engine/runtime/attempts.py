"""Durable attempts of stored events, backoff and dead letters.

A handler failure rolls back the event's transaction, and with it anything that transaction
wrote. So the failure is counted here, in a transaction of its own: attempts + 1, the error,
the next due time (exponential backoff). After `max_attempts` failures, or at once for an
event that can never be processed (its fields have the wrong shape), the event becomes a
**dead letter** (status `dead`): the sweeps never hand it out again, an admin can retry it.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from threading import Lock
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from engine.metrics import EVENT_FAILURES, EVENTS_DEAD_LETTERED
from engine.plural import counted
from engine.storage.db import Database
from engine.storage.models import WebhookEvent

log = logging.getLogger("lumo.events")

ERROR_MAX_CHARS = 2000


class PoisonEvent(Exception):
    """The stored event can never be processed (e.g. its text is a number): dead at once."""


@dataclass(frozen=True)
class EventRetryPolicy:
    max_attempts: int = 5
    backoff_initial: float = 2.0
    backoff_max: float = 300.0

    def delay(self, attempts: int) -> timedelta:
        """Wait after the `attempts`-th failure: initial, ×2 each time, capped."""
        seconds = self.backoff_initial * 2 ** max(0, attempts - 1)
        return timedelta(seconds=min(self.backoff_max, seconds))


def describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".strip()
    return text[:ERROR_MAX_CHARS]


def record_failure(db: Database, event_id: int, exc: BaseException, now: datetime,
                   policy: EventRetryPolicy) -> str | None:
    """Count one failed attempt of a pending event; returns its new status (pending | dead),
    None when the event was no longer pending (processed meanwhile, or deleted)."""
    permanent = isinstance(exc, PoisonEvent)
    error = describe(exc)
    with db.session() as session:
        row = session.execute(
            update(WebhookEvent).where(WebhookEvent.id == event_id,
                                       WebhookEvent.status.in_(("pending", "processing")))
            .values(attempts=WebhookEvent.attempts + 1, error=error)
            .returning(WebhookEvent.attempts)).first()
        if row is None:
            return None
        attempts = int(row[0])
        dead = permanent or attempts >= policy.max_attempts
        values: dict[str, Any] = (
            {"status": "dead", "dead_at": now, "next_attempt_at": None} if dead else
            {"status": "pending", "next_attempt_at": now + policy.delay(attempts)})
        session.execute(update(WebhookEvent).where(WebhookEvent.id == event_id).values(**values))
    EVENT_FAILURES.inc()
    if dead:
        EVENTS_DEAD_LETTERED.inc()
        # One line per event and attempt (no traceback): a flood of poison stays readable.
        log.warning("event %s dead-lettered after %s: %s", event_id,
                    counted(attempts, "attempt"), error[:300])
        return "dead"
    log.warning("event %s failed (attempt %d of %d, next in %ss): %s", event_id, attempts,
                policy.max_attempts, int(policy.delay(attempts).total_seconds()), error[:300])
    return "pending"


def retry_dead(session: Session, event_id: int, now: datetime) -> bool:
    """A dead letter back to pending with a fresh attempt budget (its last error is kept
    until it succeeds). False when the event is not dead."""
    result = session.execute(
        update(WebhookEvent).where(WebhookEvent.id == event_id, WebhookEvent.status == "dead")
        .values(status="pending", attempts=0, next_attempt_at=now, dead_at=None,
                claimed_at=None))
    return bool(result.rowcount)  # type: ignore[attr-defined]


class ProfileMemo:
    """Profiles fetched for an event whose transaction then failed, so its retry does not
    call LINE's profile endpoint again (bounded; per process)."""

    def __init__(self, size: int = 10_000):
        self.size = size
        self._items: OrderedDict[int, dict[str, Any] | None] = OrderedDict()
        self._lock = Lock()

    def keep(self, event_id: int, profile: dict[str, Any] | None) -> None:
        with self._lock:
            self._items[event_id] = profile
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def take(self, event_id: int) -> tuple[bool, dict[str, Any] | None]:
        with self._lock:
            if event_id in self._items:
                return True, self._items.pop(event_id)
        return False, None
