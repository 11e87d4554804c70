"""Execution history of workflows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from api.deps import SessionDep, UserDep
from api.pagination import PageParams, page, page_params
from api.schemas.executions import ExecutionPage, RunDetail, Timeline
from engine import history
from engine import workflows as wf_service
from engine.storage.models import Run, Workflow

router = APIRouter(tags=["executions"])


@router.get("/api/workflows/{workflow_id}/executions", response_model=ExecutionPage)
def list_executions(workflow_id: int, user: UserDep, session: SessionDep,
                    params: Annotated[PageParams, Depends(page_params)],
                    status: Annotated[str | None, Query(
                        pattern="^(" + "|".join(history.RUN_STATUSES) + ")$")] = None
                    ) -> dict[str, Any]:
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    items, total = history.list_runs(session, wf.id, status=status, limit=params.limit,
                                     offset=params.offset)
    return page(items, total, params) | {"stats": history.run_stats(session, wf.id),
                                         "node_counts": history.node_counts(session, wf.id)}


@router.get("/api/executions/{run_id}", response_model=RunDetail)
def get_execution(run_id: str, user: UserDep, session: SessionDep) -> dict[str, Any]:
    run = session.get(Run, run_id)
    wf = session.get(Workflow, run.workflow_id) if run else None
    if run is None or wf is None or wf.organisation_id != user.organisation_id:
        raise HTTPException(404, {"code": "not_found", "message": f"execution {run_id} not found"})
    return history.run_detail(session, run)


# -- runs over time (the history's chart) ---------------------------------------------------------

_TIMELINE_STATUS = {"completed": "succeeded", "failed": "failed", "waiting": "waiting",
                    "running": "running", "queued": "running", "cancelled": "cancelled",
                    "skipped": "skipped"}


# Every time zone's UTC offset is a multiple of 15 minutes, so a UTC quarter hour lies within
# one local hour and one local day: the database counts per quarter hour (a few thousand rows at
# most, however many runs there were) and Python files those into the viewer's buckets.
QUARTER = 900


def _quarter_hour_counts(session: Session, workflow_id: int,
                         since: datetime) -> list[tuple[int, str, int]]:
    if session.get_bind().dialect.name == "postgresql":
        slot = cast(func.floor(func.extract("epoch", Run.created_at) / QUARTER), Integer)
    else:  # SQLite keeps naive UTC text
        slot = cast(func.strftime("%s", Run.created_at), Integer) / QUARTER
    query = (select(slot.label("slot"), Run.status, func.count())
             .where(Run.workflow_id == workflow_id, Run.created_at >= since)
             .group_by(slot, Run.status))
    return [(int(a), str(b), int(c)) for a, b, c in session.execute(query)]


def _bucket_start(moment: datetime, bucket: str, zone: ZoneInfo) -> datetime:
    local = moment.astimezone(zone)
    if bucket == "hour":
        return local.replace(minute=0, second=0, microsecond=0)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


@router.get("/api/workflows/{workflow_id}/executions/timeline", response_model=Timeline)
def executions_timeline(
        workflow_id: int, user: UserDep, session: SessionDep,
        bucket: Annotated[Literal["hour", "day"], Query()] = "day",
        periods: Annotated[int, Query(ge=1, le=366)] = 14,
        tz: Annotated[str, Query(max_length=64)] = "UTC") -> dict[str, Any]:
    """Runs per hour or day (in the viewer's time zone), newest bucket last, with statuses."""
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise HTTPException(422, [{"loc": ["query", "tz"], "type": "invalid_tz",
                                   "msg": f"unknown time zone “{tz}”"}]) from None
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    step = timedelta(hours=1) if bucket == "hour" else timedelta(days=1)
    last = _bucket_start(datetime.now(UTC), bucket, zone)
    # Same-zone arithmetic is wall-clock arithmetic, so a day stays a calendar day across DST.
    starts = [last - step * i for i in range(periods - 1, -1, -1)]
    keys = {s.isoformat(): i for i, s in enumerate(starts)}
    rows: list[dict[str, Any]] = [
        {"start": s.isoformat(), "total": 0, "succeeded": 0, "failed": 0, "waiting": 0,
         "running": 0, "cancelled": 0, "skipped": 0} for s in starts]
    since = starts[0].astimezone(UTC)
    for slot, status, n in _quarter_hour_counts(session, wf.id, since):
        moment = datetime.fromtimestamp(slot * QUARTER, UTC)
        i = keys.get(_bucket_start(moment, bucket, zone).isoformat())
        if i is None:
            continue
        if status != "skipped":  # a skipped trigger is not a run that ran
            rows[i]["total"] += n
        rows[i][_TIMELINE_STATUS.get(status, "running")] += n
    return {"bucket": bucket, "tz": tz, "periods": periods, "buckets": rows}
