"""Where the agent reads an organisation's resources and saves approved drafts.

`DbWorkspace` is the real one (SQLAlchemy); `MemoryWorkspace` serves evals, the CLI without a
database, and tests. Both save drafts as DRAFT workflows only: nothing is ever activated.
"""

from __future__ import annotations

import copy
from typing import Any, Protocol

from sqlalchemy import select

from agent.marketing.account import Snapshot, empty_snapshot, load_snapshot
from agent.marketing.proposal import substitute_tags
from engine.graph import parse_definition
from engine.storage.db import Database
from engine.storage.models import Tag, Workflow, WorkflowRevision
from engine.workflows import create_workflow

NOTE_PREFIX = "marketing agent "


class Workspace(Protocol):
    def snapshot(self, organisation_id: int) -> Snapshot: ...

    def save_draft(self, organisation_id: int, user_id: int | None, draft: dict[str, Any],
                   create_tags: bool, key: str) -> dict[str, Any]: ...


def _note(draft: dict[str, Any], key: str) -> str:
    return (f"{NOTE_PREFIX}{key} · {draft.get('prompt_version', '')} · "
            f"{draft.get('provider', '')}/{draft.get('model', '')}")[:500]


class DbWorkspace:
    def __init__(self, db: Database):
        self.db = db

    def snapshot(self, organisation_id: int) -> Snapshot:
        with self.db.session() as session:
            return load_snapshot(session, organisation_id)

    def save_draft(self, organisation_id: int, user_id: int | None, draft: dict[str, Any],
                   create_tags: bool, key: str) -> dict[str, Any]:
        note = _note(draft, key)
        with self.db.session() as session:
            # Idempotent: a re-run of the save step finds the workflow it already made.
            done = session.scalar(
                select(Workflow.id).join(WorkflowRevision, WorkflowRevision.workflow_id ==
                                         Workflow.id)
                .where(Workflow.organisation_id == organisation_id,
                       WorkflowRevision.note == note))
            if done is not None:
                return {"workflow_id": done, "created_tags": [], "unresolved_tags": []}
            definition = copy.deepcopy(draft["definition"])
            mapping: dict[int, int | None] = {}
            created, unresolved = [], []
            for t in draft.get("new_tags") or []:
                tag = session.scalar(select(Tag).where(Tag.organisation_id == organisation_id,
                                                       Tag.name == t["name"]))
                if tag is None and create_tags:
                    tag = Tag(organisation_id=organisation_id, name=t["name"],
                              description="Created by the Marketing Agent")
                    session.add(tag)
                    session.flush()
                    created.append({"id": tag.id, "name": tag.name})
                if tag is None:
                    unresolved.append(t["name"])
                mapping[t["placeholder_id"]] = tag.id if tag is not None else None
            substitute_tags(definition, mapping)
            wf = create_workflow(session, organisation_id, user_id, draft["name"],
                                 description=str(draft.get("summary", ""))[:2000],
                                 definition=parse_definition(definition))
            revision = session.scalar(select(WorkflowRevision).where(
                WorkflowRevision.workflow_id == wf.id, WorkflowRevision.number == 1))
            if revision is not None:
                revision.note = note
            return {"workflow_id": wf.id, "created_tags": created, "unresolved_tags": unresolved}


class MemoryWorkspace:
    """An account given as data; saved drafts are kept in `saved`."""

    def __init__(self, snapshot: Snapshot | None = None):
        self.data = snapshot or empty_snapshot()
        self.saved: list[dict[str, Any]] = []

    def snapshot(self, organisation_id: int) -> Snapshot:
        return copy.deepcopy(self.data)

    def save_draft(self, organisation_id: int, user_id: int | None, draft: dict[str, Any],
                   create_tags: bool, key: str) -> dict[str, Any]:
        for saved in self.saved:
            if saved["key"] == key:
                return {"workflow_id": saved["id"], "created_tags": [], "unresolved_tags": []}
        definition = copy.deepcopy(draft["definition"])
        mapping: dict[int, int | None] = {}
        created, unresolved = [], []
        for t in draft.get("new_tags") or []:
            hit = next((x for x in self.data["tags"] if x["name"] == t["name"]), None)
            if hit is None and create_tags:
                hit = {"id": max([0, *(x["id"] for x in self.data["tags"])]) + 1,
                       "name": t["name"], "description": "Created by the Marketing Agent"}
                self.data["tags"].append(hit)
                created.append({"id": hit["id"], "name": hit["name"]})
            if hit is None:
                unresolved.append(t["name"])
            mapping[t["placeholder_id"]] = hit["id"] if hit else None
        substitute_tags(definition, mapping)
        parse_definition(definition)
        workflow_id = len(self.saved) + 1
        self.saved.append({"id": workflow_id, "key": key, "name": draft["name"],
                           "status": "draft", "definition": definition,
                           "organisation_id": organisation_id})
        return {"workflow_id": workflow_id, "created_tags": created,
                "unresolved_tags": unresolved}
