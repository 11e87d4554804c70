"""Workflows: create, read, save (If-Match), validate, activate, pause, delete, list."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from api.deps import EditorDep, IfMatchDep, SessionDep, UserDep
from api.pagination import PageParams, page, page_params
from api.schemas.common import Page
from api.schemas.workflows import Revision, Validation, WorkflowSummary
from api.schemas.workflows import Workflow as WorkflowOut
from engine import audit, history
from engine import workflows as wf_service
from engine.lifecycle import STATUSES
from engine.reentry import DEFAULT as DEFAULT_REENTRY
from engine.reentry import Reentry
from engine.resources import account_context
from engine.storage.models import Workflow
from engine.validation import validate

router = APIRouter(tags=["workflows"])

REENTRY_HELP = ("May a friend start this workflow again: once (once per friend), "
                "not_concurrent (not while in a run), always (every time).")


class WorkflowCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    template: str | None = Field(default=None, max_length=64)
    reentry: Reentry = Field(default=DEFAULT_REENTRY, description=REENTRY_HELP)


class WorkflowSave(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    # Checked by engine.graph.parse_definition, which reports paths inside it.
    definition: dict[str, Any] | None = None
    reentry: Reentry | None = Field(default=None, description=REENTRY_HELP)


def summary_out(wf: Workflow, totals: tuple[int, Any] = (0, None)) -> dict[str, Any]:
    return {"id": wf.id, "name": wf.name, "description": wf.description, "status": wf.status,
            "reentry": wf.reentry,
            "revision": wf.latest_revision, "published_revision": wf.published_revision,
            "has_unpublished_changes": wf_service.has_unpublished_changes(wf),
            "run_count": totals[0], "last_run_at": totals[1],
            "created_at": wf.created_at, "updated_at": wf.updated_at,
            "activated_at": wf.activated_at}


def full_out(session: SessionDep, wf: Workflow, response: Response) -> dict[str, Any]:
    v = wf_service.view(session, wf)
    response.headers["ETag"] = f'"{wf.latest_revision}"'
    totals = history.run_totals(session, [wf.id]).get(wf.id, (0, None))
    return {**summary_out(wf, totals), "definition": v.definition, "validation": v.report.as_dict()}


@router.get("/api/workflows", response_model=Page[WorkflowSummary])
def list_workflows(user: UserDep, session: SessionDep,
                   params: Annotated[PageParams, Depends(page_params)],
                   q: Annotated[str | None, Query(max_length=200)] = None,
                   status: Annotated[str | None, Query(pattern="^(" + "|".join(STATUSES) + ")$")]
                   = None) -> dict[str, Any]:
    items, total = wf_service.list_workflows(session, user.organisation_id, q=q, status=status,
                                             limit=params.limit, offset=params.offset)
    totals = history.run_totals(session, [w.id for w in items])
    return page([summary_out(w, totals.get(w.id, (0, None))) for w in items], total, params)


@router.post("/api/workflows", status_code=201, response_model=WorkflowOut)
def create_workflow(body: WorkflowCreate, user: EditorDep, session: SessionDep,
                    response: Response) -> dict[str, Any]:
    wf = wf_service.create_workflow(session, user.organisation_id, user.id, body.name,
                                    body.description, body.template, reentry=body.reentry)
    audit.record(session, user.organisation_id, user.id, "created", "workflow", wf.id, wf.name,
                 template=body.template)
    out = full_out(session, wf, response)
    session.commit()
    response.headers["Location"] = f"/api/workflows/{wf.id}"
    return out


@router.get("/api/workflows/{workflow_id}", response_model=WorkflowOut)
def get_workflow(workflow_id: int, user: UserDep, session: SessionDep,
                 response: Response) -> dict[str, Any]:
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    return full_out(session, wf, response)


@router.get("/api/workflows/{workflow_id}/revisions/{number}", response_model=Revision)
def get_revision(workflow_id: int, number: int, user: UserDep,
                 session: SessionDep) -> dict[str, Any]:
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    rev = wf_service.revision(session, wf.id, number)
    return {"workflow_id": wf.id, "number": rev.number, "definition": rev.definition,
            "created_at": rev.created_at, "note": rev.note}


@router.put("/api/workflows/{workflow_id}", response_model=WorkflowOut)
def save_workflow(workflow_id: int, body: WorkflowSave, revision: IfMatchDep, user: EditorDep,
                  session: SessionDep, request: Request, response: Response) -> dict[str, Any]:
    if revision is None:
        raise HTTPException(428, {"code": "revision_required", "field": "If-Match",
                                  "message": "Send the revision you edited in If-Match, so "
                                             "nobody's changes are overwritten."})
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id, for_update=True)
    reentry_changed = body.reentry is not None and body.reentry != wf.reentry
    before = wf.latest_revision
    wf_service.save_workflow(session, wf, revision, user.id, name=body.name,
                             description=body.description, definition=body.definition,
                             reentry=body.reentry)
    if wf.latest_revision != before:
        audit.record(session, user.organisation_id, user.id, "saved", "workflow", wf.id,
                     wf.name, revision=wf.latest_revision)
    if reentry_changed:
        audit.record(session, user.organisation_id, user.id, "settings_changed", "workflow",
                     wf.id, wf.name, reentry=wf.reentry)
    out = full_out(session, wf, response)
    session.commit()
    if reentry_changed:
        request.app.state.backend.triggers_changed()
    return out


@router.delete("/api/workflows/{workflow_id}", status_code=204)
def delete_workflow(workflow_id: int, user: EditorDep, session: SessionDep,
                    request: Request) -> None:
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id, for_update=True)
    wf_service.delete(session, wf)
    audit.record(session, user.organisation_id, user.id, "deleted", "workflow", wf.id, wf.name)
    session.commit()
    request.app.state.backend.triggers_changed()


@router.get("/api/workflows/{workflow_id}/validation", response_model=Validation)
def validation(workflow_id: int, user: UserDep, session: SessionDep) -> dict[str, Any]:
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    return wf_service.view(session, wf).report.as_dict()


class DraftIn(BaseModel):
    definition: Any = None


@router.post("/api/workflows/{workflow_id}/validation", response_model=Validation)
def validate_draft(workflow_id: int, body: DraftIn, user: EditorDep,
                   session: SessionDep) -> dict[str, Any]:
    """Validate the editor's unsaved graph (nothing is stored): live validation."""
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    return validate(body.definition if body.definition is not None else {},
                    account_context(session, wf.organisation_id)).as_dict()


@router.post("/api/workflows/{workflow_id}/activate", response_model=WorkflowOut)
def activate(workflow_id: int, revision: IfMatchDep, user: EditorDep, session: SessionDep,
             request: Request, response: Response) -> dict[str, Any]:
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id, for_update=True)
    wf_service.activate(session, wf, revision)
    audit.record(session, user.organisation_id, user.id, "started", "workflow", wf.id, wf.name,
                 revision=wf.published_revision)
    out = full_out(session, wf, response)
    session.commit()
    request.app.state.backend.triggers_changed()
    return out


@router.post("/api/workflows/{workflow_id}/pause", response_model=WorkflowOut)
def pause(workflow_id: int, user: EditorDep, session: SessionDep, request: Request,
          response: Response) -> dict[str, Any]:
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id, for_update=True)
    was = wf.status
    wf_service.pause(session, wf)
    if wf.status != was:
        audit.record(session, user.organisation_id, user.id, "paused", "workflow", wf.id,
                     wf.name)
    out = full_out(session, wf, response)
    session.commit()
    request.app.state.backend.triggers_changed()
    return out
