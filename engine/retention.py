"""Retention of heavy step data: after N days, a finished run's step outputs are dropped.

The run and its steps (node, status, times, attempt, error) stay for the history and its
totals; only `output` (message payloads, answers, API responses) is cleared.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from engine.storage.models import Run, Step

FINISHED = ("completed", "failed", "cancelled")


def purge_step_outputs(session: Session, now: datetime, days: int, limit: int = 5000) -> int:
    if days <= 0:
        return 0
    cutoff = now - timedelta(days=days)
    run_ids = select(Run.id).where(Run.status.in_(FINISHED), Run.finished_at < cutoff)
    ids = list(session.scalars(select(Step.id).where(Step.run_id.in_(run_ids),
                                                     Step.purged.is_(False)).limit(limit)))
    if ids:
        session.execute(update(Step).where(Step.id.in_(ids)).values(output=None, purged=True))
    return len(ids)
