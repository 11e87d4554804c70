"""Checking a `propose_workflow` call: shape, tag placeholders, accounts, layout, validation.

New tags are referenced in the definition by negative placeholder ids declared in `new_tags`;
they count as known for validation and become real ids (or empty fields) on approval.
"""

from __future__ import annotations

import copy
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from agent.marketing.account import Snapshot, context_of
from agent.providers.strict_schema import drop_nulls
from engine.messages.legacy import upgrade_definition
from engine.validation import Issue, ValidationReport, validate

X_STEP, Y_STEP = 280, 160
# Errors the model cannot fix: the marketer has to act in the app first.
MARKETER_CODES = frozenset({"integration_not_connected"})


class BadArguments(ValueError):
    """The tool call's arguments do not have the documented shape."""


@dataclass
class Proposal:
    name: str
    model_summary: str
    definition: dict[str, Any]
    new_tags: list[dict[str, Any]]
    report: ValidationReport
    notes: list[str] = field(default_factory=list)

    @property
    def blocking(self) -> list[Issue]:
        """Errors the model should repair (not those only the marketer can resolve)."""
        return [e for e in self.report.errors if not needs_marketer(e, self)]


def needs_marketer(issue: Issue, proposal: Proposal) -> bool:
    if issue.code in MARKETER_CODES:
        return True
    return issue.code == "no_account" and "no_accounts" in proposal.notes


def check_arguments(args: Any) -> dict[str, Any]:
    if not isinstance(args, dict):
        raise BadArguments("arguments must be a JSON object")
    problems = []
    if not isinstance(args.get("name"), str) or not args["name"].strip():
        problems.append("`name` (a non-empty string) is required")
    if not isinstance(args.get("definition"), dict):
        problems.append("`definition` (an object with `nodes` and `edges`) is required")
    tags = args.get("new_tags", [])
    if not isinstance(tags, list) or not all(
            isinstance(t, dict) and isinstance(t.get("name"), str) and t["name"].strip()
            and isinstance(t.get("placeholder_id"), int) and t["placeholder_id"] < 0
            for t in tags):
        problems.append("`new_tags` must be a list of {placeholder_id: negative integer, "
                        "name: non-empty string}")
    if problems:
        raise BadArguments("; ".join(problems))
    return args


def walk_tag_refs(definition: dict[str, Any], replace: Any) -> None:
    """Call replace(container, key, value) for every `tag_id` inside node configs."""

    def visit(obj: Any) -> None:
        if isinstance(obj, dict):
            for key in list(obj):
                if key == "tag_id" and isinstance(obj[key], int) and not isinstance(obj[key], bool):
                    replace(obj, key, obj[key])
                else:
                    visit(obj[key])
        elif isinstance(obj, list):
            for item in obj:
                visit(item)

    for node in definition.get("nodes") or []:
        if isinstance(node, dict):
            visit(node.get("config"))


def substitute_tags(definition: dict[str, Any], mapping: dict[int, int | None]) -> None:
    """Replace placeholder tag ids; a placeholder mapped to None leaves the field empty."""

    def replace(container: dict[str, Any], key: str, value: int) -> None:
        if value in mapping:
            if mapping[value] is None:
                del container[key]
            else:
                container[key] = mapping[value]

    walk_tag_refs(definition, replace)


def referenced_tags(definition: dict[str, Any]) -> set[int]:
    found: set[int] = set()
    walk_tag_refs(definition, lambda _c, _k, v: found.add(v))
    return found


def _resolve_new_tags(new_tags: list[dict[str, Any]], snapshot: Snapshot,
                      definition: dict[str, Any]) -> list[dict[str, Any]]:
    existing = {str(t["name"]).strip().casefold(): int(t["id"]) for t in snapshot["tags"]}
    mapping: dict[int, int | None] = {}
    kept: list[dict[str, Any]] = []
    by_name: dict[str, int] = {}
    for tag in new_tags:
        name = tag["name"].strip()[:100]
        key = name.casefold()
        if key in existing:
            mapping[tag["placeholder_id"]] = existing[key]
        elif key in by_name:
            mapping[tag["placeholder_id"]] = by_name[key]
        else:
            by_name[key] = tag["placeholder_id"]
            kept.append({"placeholder_id": tag["placeholder_id"], "name": name})
    substitute_tags(definition, mapping)
    used = referenced_tags(definition)
    return [t for t in kept if t["placeholder_id"] in used]


def _fill_accounts(definition: dict[str, Any], snapshot: Snapshot, notes: list[str]) -> None:
    for node in definition.get("nodes") or []:
        if isinstance(node, dict) and node.get("type") == "start":
            config = node.setdefault("config", {})
            if isinstance(config, dict) and not config.get("account_ids"):
                config["account_ids"] = [a["id"] for a in snapshot["accounts"]]
    if not snapshot["accounts"]:
        notes.append("no_accounts")


def layout(definition: dict[str, Any]) -> None:
    """Top-down positions: one row per depth from Start, arms side by side."""
    nodes = [n for n in definition.get("nodes") or [] if isinstance(n, dict)]
    edges = [e for e in definition.get("edges") or [] if isinstance(e, dict)]
    children: dict[str, list[str]] = {}
    for e in edges:
        children.setdefault(str(e.get("source")), []).append(str(e.get("target")))
    depth: dict[str, int] = {}
    start = next((str(n.get("id")) for n in nodes if n.get("type") == "start"), None)
    queue = deque([start] if start else [])
    if start:
        depth[start] = 0
    while queue:
        current = queue.popleft()
        for child in children.get(current, []):
            if child not in depth:
                depth[child] = depth[current] + 1
                queue.append(child)
    bottom = max(depth.values(), default=0) + 1
    columns: dict[int, int] = {}
    for n in nodes:
        level = depth.get(str(n.get("id")), bottom)
        col = columns.get(level, 0)
        columns[level] = col + 1
        n["position"] = {"x": col * X_STEP, "y": level * Y_STEP}


def prepare(args: Any, snapshot: Snapshot) -> Proposal:
    """Normalise and validate a proposal (raises BadArguments when the shape is wrong)."""
    args = check_arguments(drop_nulls(args))
    # Models and planners that still write Lumo's first message shape get LINE's.
    definition, _ = upgrade_definition(copy.deepcopy(args["definition"]))
    notes: list[str] = []
    new_tags = _resolve_new_tags(list(args.get("new_tags") or []), snapshot, definition)
    _fill_accounts(definition, snapshot, notes)
    if isinstance(definition.get("nodes"), list):
        layout(definition)
    placeholders = {t["placeholder_id"] for t in new_tags}
    report = validate(definition, context_of(snapshot, extra_tag_ids=placeholders))
    return Proposal(name=args["name"].strip()[:200],
                    model_summary=str(args.get("summary") or "")[:1000],
                    definition=definition, new_tags=new_tags, report=report, notes=notes)
