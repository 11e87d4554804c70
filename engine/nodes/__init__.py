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
