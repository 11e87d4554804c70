"""The node catalog: every node type, declared once in its own module."""

from __future__ import annotations

from engine.nodes import (
    ab_split,
    auto_message,
    block,
    branch,
    cart_abandoned,
    customer_agent,
    delay,
    friend_add,
    hubspot,
    klaviyo,
    message_received,
    postback,
    purchase_completed,
    qr_scan,
    question,
    rich_menu,
    send_message,
    start,
    tag,
    video_viewed,
)
from engine.nodes.base import NodeSpec

_MODULES = (
    start, friend_add, message_received, postback, qr_scan, video_viewed, block,
    purchase_completed, cart_abandoned, send_message, auto_message, question, branch, delay,
    tag, rich_menu, customer_agent, hubspot, klaviyo, ab_split,
)

NODE_TYPES: dict[str, NodeSpec] = {m.SPEC.type: m.SPEC for m in _MODULES}

TRIGGER_TYPES = tuple(t for t, s in NODE_TYPES.items() if s.category == "trigger")
ACTION_TYPES = tuple(t for t, s in NODE_TYPES.items() if s.category == "action")


def get_spec(node_type: str) -> NodeSpec:
    return NODE_TYPES[node_type]


def short_names(node_type: str) -> tuple[str, str] | None:
    """(English, Japanese) short names of a node type, None for a type nobody declared."""
    spec = NODE_TYPES.get(node_type)
    return spec.short_names() if spec is not None else None


def trigger_kinds() -> frozenset[str]:
    """The event kinds some trigger node listens for: the dispatcher ignores the rest."""
    return frozenset(s.event_kind for s in NODE_TYPES.values()
                     if s.category == "trigger" and s.event_kind)
