"""Migration 0006: stored messages move from Lumo's first shape to LINE's, and back."""

from __future__ import annotations

from alembic.migration import MigrationContext
from sqlalchemy import select

from engine.identity import create_organisation
from engine.storage.db import Database
from engine.storage.migrate import downgrade, upgrade
from engine.storage.models import AutoMessage, Workflow, WorkflowRevision

IMG = "https://cdn.example.com/a.png"
OLD = [{"kind": "text", "text": "Hi {{friend.display_name}}"},
       {"kind": "image", "original_url": IMG, "preview_url": IMG}]
NEW = [{"type": "text", "text": "Hi {{friend.display_name}}"},
       {"type": "image", "originalContentUrl": IMG, "previewImageUrl": IMG}]


def _definition(messages: list) -> dict:
    return {"nodes": [{"id": "start", "type": "start", "config": {"account_ids": []}},
                      {"id": "m", "type": "action.send_message",
                       "config": {"messages": messages}},
                      {"id": "b", "type": "action.branch", "config": {"branches": [
                          {"label": "x", "conditions": [{"kind": "tag", "tag_id": 1}]}]}}],
            "edges": []}


def test_0006_converts_definitions_and_auto_messages(database_url: str) -> None:
    upgrade(database_url, "0004")
    db = Database(database_url)
    try:
        with db.session() as s:
            org = create_organisation(s, "Org")
            wf = Workflow(organisation_id=org.id, name="w")
            s.add(wf)
            s.flush()
            s.add(WorkflowRevision(workflow_id=wf.id, number=1, definition=_definition(OLD)))
            s.add(AutoMessage(organisation_id=org.id, name="a", messages=OLD))
        upgrade(database_url, "0006")
        with db.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == "0006"
        with db.session() as s:
            definition = s.scalar(select(WorkflowRevision.definition))
            assert definition == _definition(NEW)  # branch conditions keep their `kind`
            assert s.scalar(select(AutoMessage.messages)) == NEW
        upgrade(database_url, "0006")  # idempotent
        downgrade(database_url, "0004")
        with db.session() as s:
            assert s.scalar(select(WorkflowRevision.definition)) == _definition(OLD)
            assert s.scalar(select(AutoMessage.messages)) == OLD
    finally:
        db.dispose()
