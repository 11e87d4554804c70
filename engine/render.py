"""Message rendering: friend placeholders in stored LINE message objects, and quick replies."""

from __future__ import annotations

import copy
import re
from typing import Any

from engine.messages.limits import utf16_len
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


def _render_with_emojis(message: dict[str, Any], friend: Friend | None) -> dict[str, Any]:
    """Render around each emoji's `$`, so the emoji indexes (UTF-16) still point at them."""
    text: str = message["text"]
    emojis = sorted(message.get("emojis") or [], key=lambda e: e["index"])
    if not emojis:
        return {**message, "text": render_text(text, friend) or " "}
    units = text.encode("utf-16-le")
    out, new_emojis, at = "", [], 0
    for e in emojis:
        out += render_text(units[at * 2:e["index"] * 2].decode("utf-16-le"), friend)
        new_emojis.append({**e, "index": utf16_len(out)})
        out += "$"
        at = e["index"] + 1
    out += render_text(units[at * 2:].decode("utf-16-le"), friend)
    return {**message, "text": out, "emojis": new_emojis}


def to_line_message(message: dict[str, Any], friend: Friend | None) -> dict[str, Any]:
    """A stored message (LINE's shape) as sent: placeholders filled in, nulls left out."""
    message = {k: v for k, v in copy.deepcopy(message).items() if v is not None}
    if message.get("type") == "text":
        return _render_with_emojis(message, friend)
    if message.get("type") == "template":
        template = message.get("template") or {}
        for key in ("text", "title"):
            if isinstance(template.get(key), str):
                template[key] = render_text(template[key], friend) or " "
    if isinstance(message.get("altText"), str):
        message["altText"] = render_text(message["altText"], friend) or " "
    return message


def quick_reply(options: list[str], data_prefix: str | None = None) -> dict[str, Any]:
    """Quick reply buttons for options: postbacks carrying `<data_prefix><option>` (the answer
    is read from the postback, and the chat shows the option as the friend's message), or
    message actions when no prefix is given."""
    if data_prefix is None:
        items = [{"type": "message", "label": o[:20], "text": o} for o in options]
    else:
        items = [{"type": "postback", "label": o[:20], "data": f"{data_prefix}{o}"[:300],
                  "displayText": o} for o in options]
    return {"items": [{"type": "action", "action": a} for a in items]}
