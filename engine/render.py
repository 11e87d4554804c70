"""Message rendering: friend placeholders and our message dicts → LINE message objects."""

from __future__ import annotations

import re
from typing import Any

from engine.storage.models import Friend

_PLACEHOLDER = re.compile(r"\{\{\s*friend\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def render_text(text: str, friend: Friend | None) -> str:
    """Replace {{friend.display_name}} and {{friend.<attribute>}}; unknown ones render empty."""

    def value(match: re.Match[str]) -> str:
        if friend is None:
            return ""
        name = match.group(1)
        if name in ("display_name", "line_user_id", "language"):
            return str(getattr(friend, name) or "")
        got = (friend.attributes or {}).get(name)
        return "" if got is None else str(got)

    return _PLACEHOLDER.sub(value, text)


def to_line_message(message: dict[str, Any], friend: Friend | None) -> dict[str, Any]:
    if message.get("kind") == "image":
        return {"type": "image", "originalContentUrl": str(message["original_url"]),
                "previewImageUrl": str(message["preview_url"])}
    return {"type": "text", "text": render_text(message["text"], friend) or " "}


def quick_reply(options: list[str]) -> dict[str, Any]:
    return {"items": [{"type": "action", "action": {"type": "message", "label": o[:20],
                                                    "text": o}} for o in options]}
