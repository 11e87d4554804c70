"""Finding the account's resources by name in a goal, and tag ids (existing or new)."""

from __future__ import annotations

import re
from typing import Any

from agent.marketing.account import Snapshot


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def find_by_name(snapshot: Snapshot, kind: str, name: str) -> dict[str, Any] | None:
    """Exact (case-insensitive) name, else a unique partial match."""
    key = _key(name)
    rows = snapshot.get(kind, [])
    exact = [r for r in rows if _key(r["name"]) == key]
    if exact:
        return exact[0]
    partial = [r for r in rows if key and (key in _key(r["name"]) or _key(r["name"]) in key)
               and min(len(key), len(_key(r["name"]))) >= 2]
    return partial[0] if len(partial) == 1 else None


def mentioned(snapshot: Snapshot, kind: str, text: str) -> list[dict[str, Any]]:
    """Resources whose whole name appears in the text (longest names first)."""
    low = _key(text)
    rows = sorted(snapshot.get(kind, []), key=lambda r: -len(r["name"]))
    found: list[dict[str, Any]] = []
    for r in rows:
        name = _key(r["name"])
        if len(name) < 2:
            continue
        pattern = re.escape(name) if not name.isascii() else \
            r"(?<![A-Za-z0-9_])" + re.escape(name) + r"(?![A-Za-z0-9_])"
        if re.search(pattern, low) and not any(name in _key(f["name"]) for f in found):
            found.append(r)
    return found


class TagBook:
    """Tag ids for names: existing tags by id, missing ones as negative placeholders."""

    def __init__(self, snapshot: Snapshot, new_tags: list[dict[str, Any]] | None = None):
        self.snapshot = snapshot
        self.new_tags: list[dict[str, Any]] = [dict(t) for t in new_tags or []]

    def ref(self, name: str) -> int:
        name = name.strip()[:100]
        hit = find_by_name(self.snapshot, "tags", name)
        if hit is not None and _key(hit["name"]) == _key(name):
            return int(hit["id"])
        for t in self.new_tags:
            if _key(t["name"]) == _key(name):
                return int(t["placeholder_id"])
        placeholder = min([0, *(t["placeholder_id"] for t in self.new_tags)]) - 1
        self.new_tags.append({"placeholder_id": placeholder, "name": name})
        return placeholder

    def existing(self, name: str) -> int | None:
        hit = find_by_name(self.snapshot, "tags", name)
        return int(hit["id"]) if hit else None
