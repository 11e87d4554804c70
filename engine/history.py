"""Execution history: runs of a workflow (paginated, with totals) and a run's steps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from engine import clock
from engine.reentry import REASONS, SKIPPED
from engine.storage.models import Friend, Run, Step

RUN_STATUSES = ("queued", "running", "waiting", "completed", "failed", "cancelled", SKIPPED)


def run_totals(session: Session, workflow_ids: list[int]) -> dict[int, tuple[int, Any]]:
    """workflow id → (run count, last run time), counted from the runs themselves (indexed)
    rather than from a counter every run would have to lock."""
    if not workflow_ids:
        return {}
    rows = session.execute(select(Run.workflow_id, func.count(Run.id), func.max(Run.created_at))
                           .where(Run.workflow_id.in_(workflow_ids), Run.status != SKIPPED)
                           .group_by(Run.workflow_id))
    return {wid: (n, last) for wid, n, last in rows}


def run_stats(session: Session, workflow_id: int) -> dict[str, int]:
    counts = dict(session.execute(select(Run.status, func.count()).where(
        Run.workflow_id == workflow_id).group_by(Run.status)).all())
    skipped = counts.pop(SKIPPED, 0)
    return {"total": sum(counts.values()), "skipped": skipped,
            "succeeded": counts.get("completed", 0),
            "failed": counts.get("failed", 0), "waiting": counts.get("waiting", 0),
            "running": counts.get("running", 0) + counts.get("queued", 0),
            "cancelled": counts.get("cancelled", 0)}


def list_runs(session: Session, workflow_id: int, *, status: str | None, limit: int,
              offset: int) -> tuple[list[dict[str, Any]], int]:
    stmt = select(Run, Friend.display_name).outerjoin(Friend, Friend.id == Run.friend_id) \
        .where(Run.workflow_id == workflow_id)
    count_stmt = select(func.count(Run.id)).where(Run.workflow_id == workflow_id)
    if status:
        stmt = stmt.where(Run.status == status)
        count_stmt = count_stmt.where(Run.status == status)
    total = session.scalar(count_stmt) or 0
    rows = session.execute(stmt.order_by(Run.created_at.desc(), Run.id.desc())
                           .limit(limit).offset(offset)).all()
    ids = [r.id for r, _ in rows]
    step_counts: dict[str, dict[str, int]] = {}
    if ids:
        for run_id, done, failed in session.execute(
                select(Step.run_id,
                       func.sum(case((Step.status == "completed", 1), else_=0)),
                       func.sum(case((Step.status == "failed", 1), else_=0)))
                .where(Step.run_id.in_(ids)).group_by(Step.run_id)):
            step_counts[run_id] = {"completed": int(done or 0), "failed": int(failed or 0)}
    return [run_out(r, name) | {"steps": step_counts.get(r.id, {"completed": 0, "failed": 0})}
            for r, name in rows], total


def run_out(run: Run, friend_name: str | None = None) -> dict[str, Any]:
    return {"id": run.id, "workflow_id": run.workflow_id, "revision": run.revision,
            "status": run.status, "friend": {"id": run.friend_id, "display_name": friend_name}
            if run.friend_id else None, "trigger_node_id": run.trigger_node_id,
            "current_node_id": run.current_node_id, "error": run.error,
            "skip_reason": _skip_reason(run),
            "created_at": run.created_at, "started_at": run.started_at,
            "finished_at": run.finished_at}


def _skip_reason(run: Run) -> str | None:
    if run.status != SKIPPED:
        return None
    code = (run.context or {}).get("skip_reason")
    return REASONS.get(code, code)


def step_times(step: Step, now: datetime) -> tuple[float | None, float | None]:
    """(waited, ran) in seconds. A Delay or Question's wait is not its run time: "waited 3 days,
    ran 12 ms" instead of a 3-day step. Waited is None for a step that never waited (or was
    recorded before waits were timed); ran is None while the step runs."""
    if step.wait_started_at is None:
        ran = (step.finished_at - step.started_at).total_seconds() if step.finished_at else None
        return None, ran
    waited = step.waited_seconds or 0.0
    if step.status == "waiting":  # the current wait goes on
        current = max(0.0, (now - step.wait_started_at).total_seconds())
        return waited + current, max(0.0, (step.wait_started_at - step.started_at)
                                     .total_seconds() - waited)
    end = step.finished_at or now
    return waited, max(0.0, (end - step.started_at).total_seconds() - waited)


def step_out(step: Step, now: datetime | None = None) -> dict[str, Any]:
    waited, ran = step_times(step, now or clock.now())
    return {"id": step.id, "node_id": step.node_id, "node_type": step.node_type,
            "visit": step.visit, "status": step.status, "attempt": step.attempt,
            "output_handle": step.output_handle, "output": step.output, "error": step.error,
            "started_at": step.started_at, "finished_at": step.finished_at,
            "waited_seconds": waited, "ran_seconds": ran}


def run_detail(session: Session, run: Run) -> dict[str, Any]:
    friend = session.get(Friend, run.friend_id) if run.friend_id else None
    now = clock.now()
    steps = session.scalars(select(Step).where(Step.run_id == run.id)
                            .order_by(Step.started_at, Step.id)).all()
    return run_out(run, friend.display_name if friend else None) | {
        "steps": [step_out(s, now) for s in steps]}


def node_counts(session: Session, workflow_id: int) -> dict[str, dict[str, int]]:
    """Per node: how many steps completed / failed / wait there (for the canvas)."""
    out: dict[str, dict[str, int]] = {}
    rows = session.execute(select(Step.node_id, Step.status, func.count())
                           .join(Run, Run.id == Step.run_id)
                           .where(Run.workflow_id == workflow_id)
                           .group_by(Step.node_id, Step.status))
    for node_id, status, n in rows:
        out.setdefault(node_id, {})[status] = n
    return out
