"""validate(definition, account_context): errors block activation, warnings inform.

The editor, the Marketing Agent's repair loop and activation all call this one function.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from engine.graph import (
    DefinitionError,
    Node,
    WorkflowDefinition,
    clean_loc,
    parse_config,
    parse_definition,
)
from engine.issue_words import explain
from engine.nodes.base import NodeConfig

RESOURCE_LABELS = {
    "account": "LINE account",
    "tag": "Friend Tag",
    "auto_message": "auto-send message",
    "rich_menu": "rich menu",
    "qr_code": "QR code",
}


@dataclass
class AccountContext:
    """The organisation's resources a definition may reference (ids)."""

    account_ids: set[int] = field(default_factory=set)
    tag_ids: set[int] = field(default_factory=set)
    auto_message_ids: set[int] = field(default_factory=set)
    rich_menu_ids: set[int] = field(default_factory=set)
    qr_code_ids: set[int] = field(default_factory=set)
    integrations: set[str] = field(default_factory=set)

    def known(self, kind: str) -> set[int]:
        return getattr(self, f"{kind}_ids")


class Issue(BaseModel):
    # Reports are dumped whole: in serialization schemas every field is present.
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)
    code: str
    message: str
    node_id: str | None = None
    field: str | None = None  # JSON pointer into the definition, e.g. /nodes/2/config/tag_id
    severity: Literal["error", "warning"] = "error"
    # The same in plain words for the editor (engine.issue_words), English and Japanese.
    text: str = ""
    text_ja: str = ""


class ValidationReport(BaseModel):
    errors: list[Issue] = []
    warnings: list[Issue] = []

    @property
    def valid(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {"valid": self.valid, **self.model_dump(mode="json")}


def _name(node: Node) -> str:
    return f"“{node.spec.label}” ({node.id})"


def _pointer(*parts: Any) -> str:
    """RFC 6901 JSON pointer from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def validate(definition: WorkflowDefinition | dict[str, Any],
             context: AccountContext | None = None) -> ValidationReport:
    report = _validate(definition, context)
    raw = definition.model_dump(mode="json") if isinstance(definition, WorkflowDefinition) \
        else definition
    types: dict[str, str] = {}
    if isinstance(raw, dict) and isinstance(raw.get("nodes"), list):
        types = {n["id"]: n.get("type") for n in raw["nodes"]
                 if isinstance(n, dict) and isinstance(n.get("id"), str)}
    for issue in (*report.errors, *report.warnings):
        issue.text, issue.text_ja = explain(issue.code, issue.message,
                                            types.get(issue.node_id or ""), issue.field)
    return report


def _validate(definition: WorkflowDefinition | dict[str, Any],
              context: AccountContext | None = None) -> ValidationReport:
    report = ValidationReport()
    err, warn = report.errors.append, report.warnings.append

    if not isinstance(definition, WorkflowDefinition):
        try:
            definition = parse_definition(definition)
        except DefinitionError as exc:
            for e in exc.errors:
                err(Issue(code="malformed", message=e["msg"],
                          field=_pointer(*e["loc"]) if e["loc"] else None))
            return report

    nodes = definition.nodes
    index = {n.id: i for i, n in enumerate(nodes)}
    if len(index) != len(nodes):  # only reachable when parse_definition was skipped
        dupes = sorted({n.id for n in nodes if sum(m.id == n.id for m in nodes) > 1})
        err(Issue(code="duplicate_id", message=f"Node ids must be unique: {', '.join(dupes)}."))
        return report
    starts = [n for n in nodes if n.type == "start"]
    if not starts:
        err(Issue(code="no_start", message="The workflow has no Start node."))
    for extra in starts[1:]:
        err(Issue(code="multiple_starts", node_id=extra.id, field=_pointer("nodes",
                  index[extra.id]), message=f"Only one Start node is allowed; remove {extra.id}."))
    start = starts[0] if starts else None

    configs: dict[str, NodeConfig | None] = {}
    for node in nodes:
        configs[node.id], _ = parse_config(node.spec, node.config)

    # Edges: handles must exist, Start feeds triggers, triggers only follow Start.
    outgoing: dict[str, list[str]] = defaultdict(list)
    incoming: dict[str, list[str]] = defaultdict(list)
    for i, edge in enumerate(definition.edges):
        src, dst = definition.node(edge.source), definition.node(edge.target)
        if src is None or dst is None:
            continue  # parse_definition already refuses dangling edges
        handles = src.spec.output_ids(configs[src.id])
        if edge.source_handle not in handles:
            err(Issue(code="unknown_handle", node_id=src.id,
                      field=_pointer("edges", i, "source_handle"),
                      message=f"{_name(src)} has no output “{edge.source_handle}” "
                              f"(outputs: {', '.join(handles)})."))
            continue
        if dst.type == "start":
            err(Issue(code="edge_into_start", node_id=dst.id, field=_pointer("edges", i),
                      message="Nothing can connect into the Start node."))
            continue
        if src.type == "start" and dst.spec.category != "trigger":
            err(Issue(code="start_needs_trigger", node_id=dst.id, field=_pointer("edges", i),
                      message=f"Start can only connect to triggers; {_name(dst)} is an action."))
            continue
        if dst.spec.category == "trigger" and src.type != "start":
            err(Issue(code="trigger_not_after_start", node_id=dst.id, field=_pointer("edges", i),
                      message=f"Trigger {_name(dst)} can only follow Start."))
            continue
        outgoing[src.id].append(dst.id)
        incoming[dst.id].append(src.id)

    reachable: set[str] = set()
    if start:
        queue = deque([start.id])
        while queue:
            current = queue.popleft()
            if current in reachable:
                continue
            reachable.add(current)
            queue.extend(outgoing[current])

    triggers = [n for n in nodes if n.spec.category == "trigger" and n.id in reachable]
    if start and not triggers:
        err(Issue(code="no_trigger", node_id=start.id, field=_pointer("nodes", index[start.id]),
                  message="Connect at least one trigger below Start: the workflow has nothing "
                          "that starts it."))

    if start:
        cfg = configs[start.id]
        account_ids = cfg.account_ids if cfg else []  # type: ignore[attr-defined]
        if not account_ids:
            err(Issue(code="no_account", node_id=start.id,
                      field=_pointer("nodes", index[start.id], "config", "account_ids"),
                      message="Select at least one LINE account on the Start node."))

    for node in nodes:
        i = index[node.id]
        if node.id not in reachable:
            warn(Issue(code="unconnected", node_id=node.id, field=_pointer("nodes", i),
                       severity="warning",
                       message=f"{_name(node)} is not connected to Start: it will not run."))
        # Gaps in nodes that will not run only warn: they cannot break a run.
        report_gap = err if node.id in reachable else warn
        severity: Literal["error", "warning"] = "error" if node.id in reachable else "warning"
        cfg = configs[node.id]
        if cfg is None:
            _, problems = parse_config(node.spec, node.config)
            for p in problems:
                what = "is required" if p["type"] == "missing" else p["msg"]
                loc = clean_loc(p["loc"], node.config)
                path = "/".join(str(x) for x in loc)
                report_gap(Issue(code="missing_field" if p["type"] == "missing"
                                 else "invalid_field", node_id=node.id, severity=severity,
                                 field=_pointer("nodes", i, "config", *loc),
                                 message=f"{_name(node)}: {path} {what}."))
            continue
        for path, msg in cfg.problems():
            report_gap(Issue(code="invalid_field", node_id=node.id, severity=severity,
                             field=_pointer("nodes", i, "config", *path.split("/")),
                             message=f"{_name(node)}: {msg}."))
        if context is not None:
            for path, kind, ref in cfg.referenced():
                if ref not in context.known(kind):
                    report_gap(Issue(
                        code=f"unknown_{kind}", node_id=node.id, severity=severity,
                        field=_pointer("nodes", i, "config", *path.split("/")),
                        message=f"{_name(node)}: {RESOURCE_LABELS[kind]} #{ref} does not exist "
                                f"in this organisation."))
            if node.spec.integration and node.spec.integration not in context.integrations:
                report_gap(Issue(code="integration_not_connected", node_id=node.id,
                                 severity=severity, field=_pointer("nodes", i),
                                 message=f"{_name(node)}: connect {node.spec.label} first."))

    cycle = _find_cycle(outgoing, reachable)
    if cycle:
        err(Issue(code="cycle", node_id=cycle[0],
                  message="The flow loops back on itself (" + " → ".join(cycle) +
                          "); a loop would run forever."))
    return report


def _find_cycle(outgoing: dict[str, list[str]], nodes: set[str]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on stack, 2 = done
    for root in nodes:
        if state.get(root):
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            children = outgoing[node]
            if i < len(children):
                stack.append((node, i + 1))
                child = children[i]
                if state.get(child) == 1:
                    return [*path[path.index(child):], child]
                if not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()
    return None
