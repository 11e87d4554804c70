"""Workflows, their revisions, validation reports, exports and imports.

Definitions are the engine's own `WorkflowDefinition` (nodes: id, type, config, position;
edges) and reports the engine's `Issue`: one graph model serves API, agent and editor.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from engine.graph import Edge, WorkflowDefinition
from engine.reentry import Reentry
from engine.validation import Issue


class Validation(BaseModel):
    """`validate()`'s report: errors block activation, warnings inform."""
    valid: bool
    errors: list[Issue]
    warnings: list[Issue]


class WorkflowSummary(BaseModel):
    id: int
    name: str
    description: str
    status: Literal["draft", "active", "inactive"] = Field(
        description="draft, active or inactive (paused)")
    reentry: Reentry
    revision: int = Field(description="The latest saved revision (send it in If-Match).")
    published_revision: int | None
    has_unpublished_changes: bool
    run_count: int
    last_run_at: datetime | None
    created_at: datetime
    updated_at: datetime
    activated_at: datetime | None


class Workflow(WorkflowSummary):
    definition: WorkflowDefinition
    validation: Validation


class Revision(BaseModel):
    workflow_id: int
    number: int
    definition: WorkflowDefinition
    created_at: datetime
    note: str


class RevisionSummary(BaseModel):
    number: int
    created_at: datetime
    created_by: str | None
    note: str
    nodes: int
    published: bool
    latest: bool


class NodeRef(BaseModel):
    id: str
    type: str | None


class ChangedNode(BaseModel):
    id: str
    type: str | None
    fields: list[str]
    before: dict[str, Any]
    after: dict[str, Any]
    type_changed: bool
    moved: bool


class NodeChanges(BaseModel):
    added: list[NodeRef]
    removed: list[NodeRef]
    changed: list[ChangedNode]


class EdgeChanges(BaseModel):
    added: list[Edge]
    removed: list[Edge]


class RevisionDiff(BaseModel):
    from_: int = Field(alias="from")
    to: int
    nodes: NodeChanges
    edges: EdgeChanges


class Reference(BaseModel):
    """A resource a definition points at, by name, so an import can re-link it."""
    node_id: str
    path: str
    kind: str
    name: str | None


class Relinked(BaseModel):
    """A reference an import re-linked (`id`: this organisation's resource of that name)."""
    node_id: str
    field: str  # the reference's path inside the node's config
    kind: str
    name: str | None
    id: int


class Unlinked(BaseModel):
    """A reference an import could not re-link: the step needs one chosen."""
    node_id: str
    field: str
    kind: str
    name: str | None
    message: str


class WorkflowExport(BaseModel):
    format: str
    version: int
    name: str
    description: str
    reentry: Reentry
    definition: WorkflowDefinition
    references: list[Reference]


class ImportReport(BaseModel):
    linked: list[Relinked]
    missing: list[Unlinked]
    complete: bool


class WorkflowImported(BaseModel):
    workflow: Workflow
    report: ImportReport


class Template(BaseModel):
    id: str
    name: str
    name_ja: str
    description: str
    definition: WorkflowDefinition
