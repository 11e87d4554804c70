"""What changed between two drafts, in words (shown after a revision)."""

from __future__ import annotations

from typing import Any

from agent.marketing.account import Snapshot
from agent.marketing.summary import Names, describe


def _nodes(definition: dict[str, Any]) -> list[dict[str, Any]]:
    return [n for n in definition.get("nodes") or [] if isinstance(n, dict)]


def _match(old: list[dict[str, Any]], new: list[dict[str, Any]]
           ) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]],
                      list[dict[str, Any]]]:
    """Pairs of (old, new) nodes: same id and type first, then same type in order."""
    pairs = []
    new_left = list(new)
    old_left = []
    for o in old:
        hit = next((n for n in new_left if n.get("id") == o.get("id")
                    and n.get("type") == o.get("type")), None)
        if hit is not None:
            pairs.append((o, hit))
            new_left.remove(hit)
        else:
            old_left.append(o)
    removed = []
    for o in old_left:
        hit = next((n for n in new_left if n.get("type") == o.get("type")), None) or next(
            (n for n in new_left if n.get("id") == o.get("id")), None)
        if hit is not None:
            pairs.append((o, hit))
            new_left.remove(hit)
        else:
            removed.append(o)
    return pairs, removed, new_left


def _edges(definition: dict[str, Any], ids: dict[Any, Any]) -> set[tuple[Any, str, Any]]:
    return {(ids.get(e.get("source"), e.get("source")), e.get("source_handle", "out"),
             ids.get(e.get("target"), e.get("target")))
            for e in definition.get("edges") or [] if isinstance(e, dict)}


def changes(old: dict[str, Any], new: dict[str, Any], snapshot: Snapshot,
            old_tags: list[dict[str, Any]] | None = None,
            new_tags: list[dict[str, Any]] | None = None, lang: str = "en") -> list[str]:
    ja = lang == "ja"
    old_names, new_names = Names(snapshot, old_tags), Names(snapshot, new_tags)
    out = []
    pairs, removed, added = _match(_nodes(old), _nodes(new))
    for o, n in pairs:
        if (o.get("config") or {}) != (n.get("config") or {}):
            before, after = describe(o, old_names, lang), describe(n, new_names, lang)
            if before == after:
                after += "（設定を変更）" if ja else " (settings changed)"
            out.append(f"{before} → {after}")
    out += [("削除: " if ja else "Removed: ") + describe(n, old_names, lang) for n in removed]
    out += [("追加: " if ja else "Added: ") + describe(n, new_names, lang) for n in added]
    # Connections, compared through the node pairing (renamed ids are not a change).
    ids = {o.get("id"): n.get("id") for o, n in pairs}
    if _edges(old, ids) != _edges(new, {}) and not (removed or added):
        out.append("つながりを変更" if ja else "Connections changed")
    return out
