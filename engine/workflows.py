"""Workflow management: create, save revisions, activate, pause, delete, list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from engine import clock
from engine.graph import WorkflowDefinition, empty_definition, parse_definition
from engine.lifecycle import (
    ACTIVE,
    DRAFT,
    INACTIVE,
    ActivationRequest,
    check_activation,
    check_pause,
)
from engine.reentry import DEFAULT as DEFAULT_REENTRY
from engine.resources import account_context
from engine.storage.models import Workflow, WorkflowRevision
from engine.templates import TEMPLATES
from engine.validation import ValidationReport, validate


class NotFound(Exception):
    pass


class StaleRevision(Exception):
    def __init__(self, given: int, latest: int):
        super().__init__(f"Revision {given} is out of date: the saved revision is {latest}. "
                         "Reload to see the other changes, then save again.")
        self.given, self.latest = given, latest


class UnknownTemplate(ValueError):
    pass


@dataclass
class WorkflowView:
    workflow: Workflow
    definition: dict[str, Any]
    report: ValidationReport


def get_workflow(session: Session, organisation_id: int, workflow_id: int,
                 for_update: bool = False) -> Workflow:
    stmt = select(Workflow).where(Workflow.id == workflow_id,
                                  Workflow.organisation_id == organisation_id,
                                  Workflow.deleted_at.is_(None))
    if for_update:
        stmt = stmt.with_for_update()
    wf = session.scalar(stmt)
    if wf is None:
        raise NotFound(f"workflow {workflow_id} not found")
    return wf


def revision(session: Session, workflow_id: int, number: int) -> WorkflowRevision:
    rev = session.scalar(select(WorkflowRevision).where(
        WorkflowRevision.workflow_id == workflow_id, WorkflowRevision.number == number))
    if rev is None:
        raise NotFound(f"revision {number} of workflow {workflow_id} not found")
    return rev


def view(session: Session, wf: Workflow) -> WorkflowView:
    definition = revision(session, wf.id, wf.latest_revision).definition
    report = validate(definition, account_context(session, wf.organisation_id))
    return WorkflowView(wf, definition, report)


def create_workflow(session: Session, organisation_id: int, user_id: int | None, name: str,
                    description: str = "", template: str | None = None,
                    definition: WorkflowDefinition | None = None,
                    reentry: str = DEFAULT_REENTRY) -> Workflow:
    if definition is None:
        if template:
            if template not in TEMPLATES:
                raise UnknownTemplate(f"unknown template “{template}”; known: "
                                      f"{', '.join(TEMPLATES)}")
            definition = TEMPLATES[template].definition()
        else:
            definition = empty_definition()
    now = clock.now()
    wf = Workflow(organisation_id=organisation_id, name=name, description=description,
                  reentry=reentry, status=DRAFT, latest_revision=1, created_at=now, updated_at=now)
    session.add(wf)
    session.flush()
    session.add(WorkflowRevision(workflow_id=wf.id, number=1, created_by_user_id=user_id,
                                 definition=definition.model_dump(mode="json"),
                                 note=f"template {template}" if template else "created"))
    session.flush()
    return wf


def save_workflow(session: Session, wf: Workflow, if_match: int, user_id: int | None, *,
                  name: str | None = None, description: str | None = None,
                  definition: Any = None, reentry: str | None = None) -> Workflow:
    """Store a new revision. Raises StaleRevision or graph.DefinitionError; stores nothing then."""
    if if_match != wf.latest_revision:
        raise StaleRevision(if_match, wf.latest_revision)
    parsed = parse_definition(definition) if definition is not None else None
    if name is not None:
        wf.name = name
    if description is not None:
        wf.description = description
    if reentry is not None:  # a setting of the workflow, live at once (not revisioned)
        wf.reentry = reentry
    if parsed is not None:
        wf.latest_revision += 1
        session.add(WorkflowRevision(workflow_id=wf.id, number=wf.latest_revision,
                                     created_by_user_id=user_id,
                                     definition=parsed.model_dump(mode="json")))
    wf.updated_at = clock.now()
    session.flush()
    return wf


def activate(session: Session, wf: Workflow, if_match: int | None) -> Workflow:
    """Publish the saved revision and start (or keep) the workflow running."""
    current = view(session, wf)
    start = next((n for n in current.definition.get("nodes", []) if n.get("type") == "start"),
                 None)
    account_ids = list((start or {}).get("config", {}).get("account_ids") or [])
    check_activation(ActivationRequest(status=wf.status, latest_revision=wf.latest_revision,
                                       if_match=if_match, account_ids=account_ids,
                                       report=current.report))
    now = clock.now()
    wf.published_revision = wf.latest_revision
    if wf.status != ACTIVE:
        wf.activated_at = now
    wf.status = ACTIVE
    wf.updated_at = now
    session.flush()
    return wf


def pause(session: Session, wf: Workflow) -> Workflow:
    if check_pause(wf.status):
        wf.status = INACTIVE
        wf.updated_at = clock.now()
        session.flush()
    return wf


def delete(session: Session, wf: Workflow) -> None:
    """Soft delete: the history stays for reporting, the workflow stops."""
    now = clock.now()
    wf.deleted_at = now
    if wf.status == ACTIVE:
        wf.status = INACTIVE
    wf.updated_at = now
    session.flush()


def list_workflows(session: Session, organisation_id: int, *, q: str | None = None,
                   status: str | None = None, limit: int = 50,
                   offset: int = 0) -> tuple[list[Workflow], int]:
    stmt = select(Workflow).where(Workflow.organisation_id == organisation_id,
                                  Workflow.deleted_at.is_(None))
    if status:
        stmt = stmt.where(Workflow.status == status)
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(or_(func.lower(Workflow.name).like(like),
                              func.lower(Workflow.description).like(like)))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    items = session.scalars(stmt.order_by(Workflow.updated_at.desc(), Workflow.id.desc())
                            .limit(limit).offset(offset)).all()
    return list(items), total


def has_unpublished_changes(wf: Workflow) -> bool:
    return wf.published_revision is not None and wf.published_revision != wf.latest_revision


def active_using_account(session: Session, organisation_id: int,
                         account_id: int) -> list[tuple[int, str]]:
    """(id, name) of the active workflows whose published Start node selects the account:
    deleting the account would silently stop them, so the API refuses while there are any."""
    rows = session.execute(
        select(Workflow.id, Workflow.name, WorkflowRevision.definition)
        .join(WorkflowRevision, (WorkflowRevision.workflow_id == Workflow.id)
              & (WorkflowRevision.number == Workflow.published_revision))
        .where(Workflow.organisation_id == organisation_id, Workflow.status == ACTIVE,
               Workflow.deleted_at.is_(None)).order_by(Workflow.name, Workflow.id)).all()
    out = []
    for wid, name, definition in rows:
        start = next((n for n in (definition or {}).get("nodes", []) if n.get("type") == "start"),
                     None)
        if account_id in ((start or {}).get("config") or {}).get("account_ids", []):
            out.append((wid, name))
    return out
