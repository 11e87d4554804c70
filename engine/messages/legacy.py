"""Lumo's first message shape (`kind`, `original_url`, `preview_url`) → LINE's own.

Used by migration 0006 on stored definitions and auto-send messages, and by the agent on
proposals from models or planners that still speak the old shape. Idempotent: a message
already in LINE's shape comes back unchanged.
"""

from __future__ import annotations

from typing import Any

_RENAMES = {"original_url": "originalContentUrl", "preview_url": "previewImageUrl",
            "tracking_id": "trackingId"}


def upgrade_message(message: Any) -> Any:
    if not isinstance(message, dict) or "kind" not in message or "type" in message:
        return message
    out = {"type": message["kind"]}
    for key, value in message.items():
        if key != "kind":
            out[_RENAMES.get(key, key)] = value
    return out


def upgrade_messages(messages: Any) -> Any:
    return [upgrade_message(m) for m in messages] if isinstance(messages, list) else messages


def upgrade_definition(definition: Any) -> tuple[Any, bool]:
    """(definition with every Send Message and Question node's messages in LINE's shape,
    changed?)"""
    if not isinstance(definition, dict):
        return definition, False
    changed = False
    nodes = []
    for node in definition.get("nodes") or []:
        config = node.get("config") if isinstance(node, dict) else None
        if isinstance(config, dict) and node.get("type") in ("action.send_message",
                                                            "action.question"):
            new = upgrade_messages(config.get("messages"))
            if new != config.get("messages"):
                node = {**node, "config": {**config, "messages": new}}
                changed = True
        nodes.append(node)
    return ({**definition, "nodes": nodes} if changed else definition), changed


def downgrade_message(message: Any) -> Any:
    """LINE's shape → the old one, for text and image (all the old shape could hold)."""
    if not isinstance(message, dict) or message.get("type") not in ("text", "image"):
        return message
    if message["type"] == "text":
        return {"kind": "text", "text": message.get("text", "")}
    return {"kind": "image", "original_url": message.get("originalContentUrl"),
            "preview_url": message.get("previewImageUrl")}
