"""Duplicate, export and import workflows; list, compare and restore their revisions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from api.deps import EditorDep, IfMatchDep, SessionDep, UserDep
from api.routes.workflows import full_out
from api.schemas.common import ItemList
from api.schemas.workflows import RevisionDiff, RevisionSummary, WorkflowExport, WorkflowImported
from api.schemas.workflows import Workflow as WorkflowOut
from engine import audit, revisions, transfer
from engine import workflows as wf_service
from engine.graph import parse_definition

router = APIRouter(tags=["workflows"])


class DuplicateIn(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)


@router.post("/api/workflows/{workflow_id}/duplicate", status_code=201, response_model=WorkflowOut)
def duplicate(workflow_id: int, user: EditorDep, session: SessionDep, response: Response,
              body: DuplicateIn | None = None) -> dict[str, Any]:
    src = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    definition = wf_service.view(session, src).definition
    name = (body.name if body and body.name else f"Copy of {src.name}")[:200]
    wf = wf_service.create_workflow(session, user.organisation_id, user.id, name,
                                    src.description, definition=parse_definition(definition),
                                    reentry=src.reentry)
    audit.record(session, user.organisation_id, user.id, "duplicated", "workflow", wf.id,
                 wf.name, source_id=src.id, source_name=src.name)
    out = full_out(session, wf, response)
    session.commit()
    response.headers["Location"] = f"/api/workflows/{wf.id}"
    return out


@router.get("/api/workflows/{workflow_id}/export", response_model=WorkflowExport)
def export(workflow_id: int, user: UserDep, session: SessionDep,
           response: Response) -> dict[str, Any]:
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    data = transfer.export_workflow(session, wf, wf_service.view(session, wf).definition)
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in wf.name)[:60] or "workflow"
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}.lumo.json"'
    return data


@router.post("/api/workflows/import", status_code=201, response_model=WorkflowImported)
def import_workflow(body: dict[str, Any], user: EditorDep, session: SessionDep,
                    response: Response) -> dict[str, Any]:
    """Body: an export. Creates a draft; the report says what was and was not re-linked."""
    try:
        definition, linked, missing = transfer.relink(session, user.organisation_id, body)
    except transfer.ImportRefused as exc:
        raise HTTPException(422, [{"loc": ["body", *exc.field.split("/")], "msg": exc.message,
                                   "type": "import_refused"}]) from None
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise HTTPException(422, [{"loc": ["body", "name"], "msg": "name is required",
                                   "type": "missing"}])
    reentry = body.get("reentry", "not_concurrent")
    if reentry not in ("once", "not_concurrent", "always"):
        raise HTTPException(422, [{"loc": ["body", "reentry"], "type": "enum",
                                   "msg": "reentry must be once, not_concurrent or always"}])
    description = body.get("description") if isinstance(body.get("description"), str) else ""
    parsed = parse_definition(definition)  # 422 with the path inside "definition"
    wf = wf_service.create_workflow(session, user.organisation_id, user.id, name.strip()[:200],
                                    (description or "")[:2000], definition=parsed,
                                    reentry=reentry)
    audit.record(session, user.organisation_id, user.id, "imported", "workflow", wf.id,
                 wf.name, missing=len(missing))
    out = full_out(session, wf, response)
    session.commit()
    response.headers["Location"] = f"/api/workflows/{wf.id}"
    return {"workflow": out, "report": {"linked": linked, "missing": missing,
                                        "complete": not missing}}


@router.get("/api/workflows/{workflow_id}/revisions", response_model=ItemList[RevisionSummary])
def list_revisions(workflow_id: int, user: UserDep, session: SessionDep) -> dict[str, Any]:
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    items = revisions.list_revisions(session, wf)
    return {"items": items, "total": len(items)}


@router.get("/api/workflows/{workflow_id}/revisions/diff", response_model=RevisionDiff)
def diff_revisions(workflow_id: int, user: UserDep, session: SessionDep,
                   from_: int | None = Query(default=None, alias="from", ge=1),
                   to: int | None = Query(default=None, ge=1)) -> dict[str, Any]:
    """Changes from revision `from` (default: the one before `to`) to `to` (default: latest)."""
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id)
    to = to or wf.latest_revision
    from_ = from_ or max(1, to - 1)
    old = wf_service.revision(session, wf.id, from_).definition
    new = wf_service.revision(session, wf.id, to).definition
    return {"from": from_, "to": to, **revisions.diff(old, new)}


@router.post("/api/workflows/{workflow_id}/revisions/{number}/restore", response_model=WorkflowOut)
def restore_revision(workflow_id: int, number: int, revision: IfMatchDep, user: EditorDep,
                     session: SessionDep, request: Request, response: Response
                     ) -> dict[str, Any]:
    """Store revision `number`'s graph as a new revision (history is never rewritten)."""
    if revision is None:
        raise HTTPException(428, {"code": "revision_required", "field": "If-Match",
                                  "message": "Send the revision you are looking at in If-Match."})
    wf = wf_service.get_workflow(session, user.organisation_id, workflow_id, for_update=True)
    old = wf_service.revision(session, wf.id, number).definition
    wf_service.save_workflow(session, wf, revision, user.id, definition=old)
    latest = wf_service.revision(session, wf.id, wf.latest_revision)
    latest.note = f"restored from revision {number}"
    audit.record(session, user.organisation_id, user.id, "restored", "workflow", wf.id,
                 wf.name, from_revision=number, revision=wf.latest_revision)
    out = full_out(session, wf, response)
    session.commit()
    return out
