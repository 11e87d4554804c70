"""Store inbound events once, fast: one multi-row INSERT … ON CONFLICT DO NOTHING per webhook.

Redeliveries and duplicates hit the (account, event key) unique constraint and are absorbed;
the ids returned are only the events stored for the first time.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from engine.storage.models import WebhookEvent


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
    rows = [{"account_id": account_id, "event_key": key, "source": source,
             "event_type": type_[:40], "line_user_id": user, "payload": payload,
             "status": "pending", "attempts": 0, "received_at": now}
            for key, type_, user, payload in events]
    stmt = (_insert(session).values(rows)
            .on_conflict_do_nothing(index_elements=["account_id", "event_key"])
            .returning(WebhookEvent.id))
    return list(session.scalars(stmt))


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
