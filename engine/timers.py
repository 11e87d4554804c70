"""Durable waits and recovery sweeps, claimed in the database (never broker ETAs).

PostgreSQL claims with FOR UPDATE SKIP LOCKED so several schedulers never take the same row;
SQLite has a single writer, so a plain UPDATE … WHERE status = 'pending' is already exclusive.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from engine.storage.models import Run, Wait, WebhookEvent

CLAIM_TIMEOUT = timedelta(minutes=5)


def _skip_locked(session: Session, stmt):  # type: ignore[no-untyped-def]
    if session.get_bind().dialect.name == "postgresql":
        return stmt.with_for_update(skip_locked=True)
    return stmt


def claim_due_waits(session: Session, now: datetime, limit: int = 1000) -> list[int]:
    """Waits whose time has come (or whose claimer died), marked claimed; returns their ids."""
    stmt = select(Wait.id).where(or_(
        and_(Wait.status == "pending", Wait.wake_at <= now),
        and_(Wait.status == "claimed", Wait.claimed_at < now - CLAIM_TIMEOUT),
    )).order_by(Wait.wake_at).limit(limit)
    ids = list(session.scalars(_skip_locked(session, stmt)))
    if ids:
        session.execute(update(Wait).where(Wait.id.in_(ids))
                        .values(status="claimed", claimed_at=now))
    return ids


def claim_answer(session: Session, friend_id: int, answer: str, now: datetime,
                 via: str = "message") -> int | None:
    """The friend's pending question, if any, claimed with their answer."""
    stmt = select(Wait).where(Wait.friend_id == friend_id, Wait.kind == "question",
                              Wait.status == "pending").order_by(Wait.id).limit(1)
    wait = session.scalar(_skip_locked(session, stmt))
    if wait is None:
        return None
    wait.status = "claimed"
    wait.claimed_at = now
    wait.data = {**wait.data, "answer": answer, "via": via}
    session.flush()
    return wait.id


def stale_events(session: Session, now: datetime, grace: timedelta,
                 limit: int = 1000) -> list[tuple[int, int]]:
    """Stored events nobody processed (lost hand-off, crashed worker), and failed ones whose
    backoff is over: the `limit` longest due, oldest due first.

    Fair by construction: an event that failed waits for its next due time (later after each
    failure), so it never stays ahead of events that arrived after it; dead letters are never
    handed out. (The first 1,000 by id used to be taken: 1,000 poison events blocked all.)
    Returns (event id, attempts so far) pairs.
    """
    # The grace keeps a fresh event (still on its way to a worker) from being handed out
    # twice; an event waiting out its backoff has no hand-off in flight: due is due.
    ids = [(r[0], r[1]) for r in session.execute(
        select(WebhookEvent.id, WebhookEvent.attempts)
        .where(WebhookEvent.status == "pending", WebhookEvent.next_attempt_at <= now,
               or_(WebhookEvent.attempts > 0, WebhookEvent.next_attempt_at <= now - grace))
        .order_by(WebhookEvent.next_attempt_at).limit(limit))]
    if len(ids) < limit:  # claimed by a worker that died (legacy status)
        ids += [(r[0], r[1]) for r in session.execute(select(
            WebhookEvent.id, WebhookEvent.attempts).where(
            WebhookEvent.status == "processing", WebhookEvent.claimed_at < now - CLAIM_TIMEOUT)
            .order_by(WebhookEvent.claimed_at).limit(limit - len(ids)))]
    return ids


def stale_runs(session: Session, now: datetime, grace: timedelta,
               limit: int = 1000) -> list[str]:
    """Runs queued but never picked up, or running with an expired lease (worker died)."""
    return list(session.scalars(select(Run.id).where(or_(
        and_(Run.status == "queued", Run.created_at <= now - grace),
        and_(Run.status == "running", Run.lease_until < now),
    )).limit(limit)))
