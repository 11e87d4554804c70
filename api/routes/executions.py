"""Execution history of workflows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from api.deps import SessionDep, UserDep
from api.pagination import PageParams, page, page_params
from engine import history
from engine import workflows as wf_service
from engine.storage.models import Run, Workflow

router = APIRouter(tags=["executions"])


@router.get("/api/workflows/{workflow_id}/executions")
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


@router.get("/api/executions/{run_id}")
def get_execution(run_id: str, user: UserDep, session: SessionDep) -> dict[str, Any]:
    run = session.get(Run, run_id)
    wf = session.get(Workflow, run.workflow_id) if run else None
    if run is None or wf is None or wf.organisation_id != user.organisation_id:
        raise HTTPException(404, {"code": "not_found", "message": f"execution {run_id} not found"})
    return history.run_detail(session, run)
