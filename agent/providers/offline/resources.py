"""Finding the account's resources by name in a goal, and tag ids (existing or new)."""

from __future__ import annotations

import re
from typing import Any

from agent.marketing.account import Snapshot
from agent.providers.offline.linking import best_match
from agent.providers.offline.linking import mentioned as mentioned  # re-exported


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def find_by_name(snapshot: Snapshot, kind: str, name: str,
                 partial: bool = True) -> dict[str, Any] | None:
    """The resource a phrase names on its own (exact, or fuzzy: see linking.best_match)."""
    key = _key(name)
    exact = [r for r in snapshot.get(kind, []) if _key(r["name"]) == key]
    if exact:
        return exact[0]
    return best_match(snapshot, kind, name, partial=partial)


class TagBook:
    """Tag ids for names: existing tags by id, missing ones as negative placeholders."""

    def __init__(self, snapshot: Snapshot, new_tags: list[dict[str, Any]] | None = None):
        self.snapshot = snapshot
        self.new_tags: list[dict[str, Any]] = [dict(t) for t in new_tags or []]

    def ref(self, name: str) -> int:
        name = name.strip()[:100]
        # An existing tag said loosely ("vip", "customers") is that tag, not a new one.
        hit = find_by_name(self.snapshot, "tags", name, partial=False)
        if hit is not None:
            return int(hit["id"])
        for t in self.new_tags:
            if _key(t["name"]) == _key(name):
                return int(t["placeholder_id"])
        placeholder = min([0, *(t["placeholder_id"] for t in self.new_tags)]) - 1
        self.new_tags.append({"placeholder_id": placeholder, "name": name})
        return placeholder

    def existing(self, name: str, strict: bool = False) -> int | None:
        """The existing tag a name means; `strict`: said as its name (any case or plural),
        not as a part of it."""
        hit = find_by_name(self.snapshot, "tags", name, partial=not strict)
        if hit is None and strict and len(name) > 3 and name.lower().endswith("s"):
            hit = find_by_name(self.snapshot, "tags", name[:-1], partial=False)  # "VIPs"
        return int(hit["id"]) if hit else None
