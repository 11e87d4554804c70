"""Execution history: runs, their steps, stats and the runs-over-time chart."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.schemas.common import Page


class RunFriend(BaseModel):
    id: int
    display_name: str | None


class Run(BaseModel):
    id: str
    workflow_id: int
    revision: int
    status: Literal["queued", "running", "waiting", "completed", "failed", "cancelled",
                    "skipped"]
    friend: RunFriend | None
    trigger_node_id: str
    current_node_id: str | None
    error: str | None
    skip_reason: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class StepCounts(BaseModel):
    completed: int
    failed: int


class RunSummary(Run):
    steps: StepCounts


class Step(BaseModel):
    id: int
    node_id: str
    node_type: str
    visit: int
    status: str
    attempt: int
    output_handle: str | None
    output: Any  # what the step recorded (an object, or null when purged / not yet)
    error: str | None
    started_at: datetime
    finished_at: datetime | None
    waited_seconds: float | None = Field(
        description="Time spent waiting (so far, while waiting); null if it never waited.")
    ran_seconds: float | None = Field(
        description="Time spent running, waits excluded; null while running.")


class RunDetail(Run):
    steps: list[Step]


class RunStats(BaseModel):
    total: int
    skipped: int
    succeeded: int
    failed: int
    waiting: int
    running: int
    cancelled: int


class ExecutionPage(Page[RunSummary]):
    stats: RunStats
    node_counts: dict[str, dict[str, int]]  # node id → step status → count


class TimelineBucket(BaseModel):
    start: str  # ISO 8601 in the viewer's time zone
    total: int
    succeeded: int
    failed: int
    waiting: int
    running: int
    cancelled: int
    skipped: int


class Timeline(BaseModel):
    bucket: str
    tz: str
    periods: int
    buckets: list[TimelineBucket]
