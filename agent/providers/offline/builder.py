"""Plan → the arguments of a `propose_workflow` call (the same shape an LLM sends)."""

from __future__ import annotations

from typing import Any

from agent.providers.offline.plan import Plan, Step
from engine.nodes import short_names


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.counts: dict[str, int] = {}

    def add(self, node_type: str, config: dict[str, Any]) -> str:
        base = node_type.split(".")[-1].replace("_", "-")
        self.counts[base] = self.counts.get(base, 0) + 1
        node_id = base if node_type == "start" else f"{base}-{self.counts[base]}"
        self.nodes.append({"id": node_id, "type": node_type, "config": config,
                           "position": {"x": 0, "y": 0}})
        return node_id

    def connect(self, source: str, handle: str, target: str) -> None:
        self.edges.append({"id": f"e-{source}-{handle}-{target}", "source": source,
                           "source_handle": handle, "target": target})

    def chain(self, steps: list[Step], source: str, handle: str) -> None:
        for step in steps:
            config = dict(step.config)
            if step.kind == "action.branch":
                config = {"branches": [{"label": arm.label, "match": "all",
                                        "conditions": arm.conditions} for arm in step.arms]}
            node_id = self.add(step.kind, config)
            self.connect(source, handle, node_id)
            if step.kind == "action.question":
                if step.timeout:
                    self.chain(step.timeout, node_id, "timeout")
                source, handle = node_id, "answered"
            elif step.kind == "action.branch":
                for i, arm in enumerate(step.arms, start=1):
                    self.chain(arm.steps, node_id, f"branch-{i}")
                self.chain(step.otherwise, node_id, "else")
                return  # nothing follows a branch on the main line
            elif step.kind == "action.ab_split":
                for i, arm in enumerate(step.arms, start=1):
                    self.chain(arm.steps, node_id, f"variant-{i}")
                return  # likewise after a split
            else:
                source, handle = node_id, "out"


def _flat_labels(steps: list[Step]) -> list[str]:
    out = []
    for s in steps:
        if s.kind in ("action.branch", "action.ab_split"):
            for arm in s.arms:
                out += _flat_labels(arm.steps)
        else:
            out.append(s.label)
    return out


def workflow_name(plan: Plan) -> str:
    labels = [label for label in _flat_labels(plan.steps) if label]
    trigger = " / ".join(t[2] for t in plan.triggers)
    joiner = "→" if plan.lang == "ja" else ", "
    head = f"{trigger}：" if plan.lang == "ja" else f"{trigger}: "
    name = head + joiner.join(labels[:4]) + ("…" if len(labels) > 4 else "")
    return name[:200]


def proposal(plan: Plan, summary: str = "") -> dict[str, Any]:
    g = _Graph()
    start = g.add("start", {"account_ids": list(plan.account_ids)})
    trigger_ids = []
    for node_type, config, _label in plan.triggers:
        trigger_ids.append(g.add(node_type, dict(config)))
        g.connect(start, "out", trigger_ids[-1])
    if trigger_ids:
        g.chain(plan.steps, trigger_ids[0], "out")
        first_action = next((e["target"] for e in g.edges if e["source"] == trigger_ids[0]), None)
        for extra in trigger_ids[1:]:
            if first_action:
                g.connect(extra, "out", first_action)
    return {"name": workflow_name(plan), "summary": summary or workflow_name(plan),
            "definition": {"nodes": g.nodes, "edges": g.edges},
            "new_tags": list(plan.new_tags)}


UNIT_JA = {"minutes": "分", "hours": "時間", "days": "日", "weeks": "週間"}


def name_for(definition: dict[str, Any], lang: str, tag_names: dict[int, str]) -> str:
    """A workflow name from a definition: its trigger and its first actions."""
    ja = lang == "ja"
    nodes = {n["id"]: n for n in definition.get("nodes", [])}
    edges = definition.get("edges", [])
    triggers = [n for n in nodes.values() if n["type"].startswith("trigger.")]
    labels: list[str] = []
    current = triggers[0]["id"] if triggers else None
    seen: set[str] = set()
    while current and current not in seen and len(labels) < 5:
        seen.add(current)
        nxt = next((e["target"] for e in edges if e["source"] == current), None)
        node = nodes.get(nxt or "")
        if node is None:
            break
        c, t = node.get("config") or {}, node["type"]
        if t == "action.delay":
            unit = c.get("unit", "days")
            labels.append(f"{c.get('amount')}{UNIT_JA.get(unit, unit)}待機" if ja else
                          f"wait {c.get('amount')} {unit[:-1] if c.get('amount') == 1 else unit}")
        elif t == "action.tag":
            name = tag_names.get(c.get("tag_id"), "?")
            labels.append(f"タグ「{name}」" if ja else f"tag {name}")
        else:
            labels.append((short_names(t) or (t, t))[1 if ja else 0])
        current = nxt
    head = (short_names(triggers[0]["type"]) or ("", ""))[1 if ja else 0] if triggers else ""
    joiner = "→" if ja else ", "
    return ((f"{head}：" if ja else f"{head}: ") + joiner.join(labels[:4]))[:200]
