"""messages in LINE's own shape (type, originalContentUrl, previewImageUrl)

Converts the messages of Send Message nodes in every stored workflow revision, and saved
auto-send messages, from Lumo's first shape ({"kind": "image", "original_url", "preview_url"})
to LINE's ({"type": "image", "originalContentUrl", "previewImageUrl"}). Rows already in LINE's
shape are left alone, so the migration can run twice.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-03 15:00:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from engine.messages.legacy import downgrade_message, upgrade_definition, upgrade_messages
from engine.storage.types import JSONType

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_revisions = sa.table("workflow_revisions", sa.column("id", sa.BigInteger),
                      sa.column("definition", JSONType))
_auto = sa.table("auto_messages", sa.column("id", sa.BigInteger),
                 sa.column("messages", JSONType))


def _each(table: sa.TableClause, column: str):  # type: ignore[no-untyped-def]
    conn = op.get_bind()
    for row in conn.execute(sa.select(table.c.id, table.c[column])).all():
        yield conn, row.id, row[1]


def upgrade() -> None:
    for conn, row_id, definition in _each(_revisions, "definition"):
        new, changed = upgrade_definition(definition)
        if changed:
            conn.execute(_revisions.update().where(_revisions.c.id == row_id)
                         .values(definition=new))
    for conn, row_id, messages in _each(_auto, "messages"):
        new = upgrade_messages(messages)
        if new != messages:
            conn.execute(_auto.update().where(_auto.c.id == row_id).values(messages=new))


def _down_definition(definition: Any) -> Any:
    if not isinstance(definition, dict):
        return definition
    nodes = []
    for node in definition.get("nodes") or []:
        config = node.get("config") if isinstance(node, dict) else None
        if isinstance(config, dict) and node.get("type") == "action.send_message" \
                and isinstance(config.get("messages"), list):
            node = {**node, "config": {**config, "messages": [
                downgrade_message(m) for m in config["messages"]]}}
        nodes.append(node)
    return {**definition, "nodes": nodes}


def downgrade() -> None:
    # Only text and image existed before; other message types are kept as they are.
    for conn, row_id, definition in _each(_revisions, "definition"):
        new = _down_definition(definition)
        if new != definition:
            conn.execute(_revisions.update().where(_revisions.c.id == row_id)
                         .values(definition=new))
    for conn, row_id, messages in _each(_auto, "messages"):
        if isinstance(messages, list):
            new = [downgrade_message(m) for m in messages]
            if new != messages:
                conn.execute(_auto.update().where(_auto.c.id == row_id).values(messages=new))
