"""Store inbound events once, fast.

Redeliveries and duplicates hit the (account, event key) unique constraint and are absorbed
(INSERT … ON CONFLICT DO NOTHING); the ids returned are only the events stored for the first
time. `IngestWriter` is a single writer thread doing group commits: concurrent webhook
requests share one transaction (one round trip, one fsync), and SQLite never sees competing
writers from the request pool.

One body that cannot be stored never fails the others in its group commit: when the shared
INSERT fails for a reason other than the database being unreachable, each body is written on
its own, and only the body that still fails hears of it (`Unstorable`: 400, not "redeliver").
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from engine.storage.errors import is_transient_db_error
from engine.storage.models import WebhookEvent


class Unstorable(Exception):
    """These rows can never be stored (bad data, not a passing database failure)."""


def _insert(session: Session) -> Any:
    return (postgresql.insert if session.get_bind().dialect.name == "postgresql"
            else sqlite.insert)(WebhookEvent)


def event_key(event: dict[str, Any]) -> str:
    key = event.get("webhookEventId")
    if isinstance(key, str) and 0 < len(key) <= 100:
        return key
    # Very old webhooks lack an id: the event's own content identifies it.
    return "sha256:" + hashlib.sha256(json.dumps(event, sort_keys=True).encode()).hexdigest()[:64]


def store_events(session: Session, account_id: int, source: str,
                 events: list[tuple[str, str, str | None, dict[str, Any]]],
                 now: datetime) -> list[int]:
    """events: (event key, type, LINE user id, payload). Returns ids of newly stored rows."""
    if not events:
        return []
    return insert_rows(session, [event_row(account_id, source, e, now) for e in events])


def event_row(account_id: int, source: str, event: tuple[str, str, str | None, dict[str, Any]],
              now: datetime) -> dict[str, Any]:
    key, type_, user, payload = event
    return {"account_id": account_id, "event_key": key, "source": source,
            "event_type": type_[:40], "line_user_id": user, "payload": payload,
            "status": "pending", "attempts": 0, "received_at": now, "next_attempt_at": now}


def insert_rows(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    # executemany form: one cached statement, batched by SQLAlchemy's insertmanyvalues.
    stmt = (_insert(session).on_conflict_do_nothing(index_elements=["account_id", "event_key"])
            .returning(WebhookEvent.id))
    return list(session.scalars(stmt, rows))


def store_line_events(session: Session, account_id: int, events: list[dict[str, Any]],
                      now: datetime) -> list[int]:
    # Within one body, LINE never repeats an id; dedupe anyway so one INSERT cannot conflict
    # with itself.
    seen: dict[str, tuple[str, str, str | None, dict[str, Any]]] = {}
    for e in events:
        key = event_key(e)
        seen.setdefault(key, (key, str(e.get("type", "unknown")),
                              (e.get("source") or {}).get("userId"), e))
    return store_events(session, account_id, "line", list(seen.values()), now)


def line_event_tuples(events: list[dict[str, Any]]) -> list[tuple[str, str, str | None,
                                                                   dict[str, Any]]]:
    seen: dict[str, tuple[str, str, str | None, dict[str, Any]]] = {}
    for e in events:
        key = event_key(e)
        seen.setdefault(key, (key, str(e.get("type", "unknown")),
                              (e.get("source") or {}).get("userId"), e))
    return list(seen.values())


log = logging.getLogger("lumo.ingest")
_Item = tuple[list[dict[str, Any]], "Future[list[int]]"]


class IngestWriter:
    """Group commit of inbound events by one thread; callers wait on a future."""

    def __init__(self, db: Any, on_stored: Callable[[list[int]], None],
                 max_batch: int = 2000):
        self.db = db
        self.on_stored = on_stored
        self.max_batch = max_batch
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="lumo-ingest", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread:
            self._queue.put(None)
            self._thread.join(10)
            self._thread = None

    def submit(self, rows: list[dict[str, Any]]) -> Future[list[int]]:
        """Resolves once the rows are committed; the ids are the new rows' ids when the
        body was written alone, else empty (the new ids are always handed to on_stored)."""
        fut: Future[list[int]] = Future()
        if not rows:
            fut.set_result([])
        elif self._thread is None:  # not started (e.g. a script): write directly
            self._write_one_by_one([(rows, fut)])
        else:
            self._queue.put((rows, fut))
        return fut

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            size = len(first[0])
            while size < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)
                    break
                batch.append(item)
                size += len(item[0])
            self._write(batch)

    def _write(self, batch: list[_Item]) -> None:
        rows: dict[tuple[int, str], dict[str, Any]] = {}
        for item_rows, _ in batch:
            for row in item_rows:  # the same event may sit in two bodies of one batch
                rows.setdefault((row["account_id"], row["event_key"]), row)
        try:
            with self.db.session() as session:
                new_ids = insert_rows(session, list(rows.values()))
        except Exception as exc:  # noqa: BLE001 - every waiting request must hear of it
            if is_transient_db_error(exc):
                log.warning("storing %d webhook bodies failed: %s", len(batch),
                            str(exc).splitlines()[0][:200])
                for _, fut in batch:
                    fut.set_exception(exc)
                return
            self._write_one_by_one(batch)
            return
        if len(batch) == 1:
            batch[0][1].set_result(new_ids)
        else:
            # One INSERT for the whole batch; callers only need "committed" and a count.
            for _, fut in batch:
                fut.set_result([])
        if new_ids:
            self.on_stored(new_ids)

    def _write_one_by_one(self, batch: list[_Item]) -> None:
        """The shared INSERT failed on its data: each body alone, so one bad body fails only
        itself (its rows are refused for good; the others are stored as usual)."""
        new_ids: list[int] = []
        for item_rows, fut in batch:
            try:
                with self.db.session() as session:
                    ids = insert_rows(session, item_rows)
            except Exception as exc:  # noqa: BLE001 - the body's request must hear of it
                if is_transient_db_error(exc):
                    fut.set_exception(exc)
                else:
                    log.warning("a webhook body of %d events cannot be stored: %s",
                                len(item_rows), str(exc).splitlines()[0][:200])
                    fut.set_exception(Unstorable(type(exc).__name__))
                continue
            new_ids += ids
            fut.set_result(ids)
        if new_ids:
            self.on_stored(new_ids)
