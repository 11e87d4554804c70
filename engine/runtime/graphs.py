"""Published revisions, parsed once: revisions never change, so they are cached by number."""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.graph import Node, WorkflowDefinition, parse_config
from engine.storage.models import WorkflowRevision


@dataclass
class RunnableGraph:
    definition: WorkflowDefinition
    nodes: dict[str, Node]
    configs: dict[str, Any]
    next: dict[tuple[str, str], list[str]]

    def targets(self, node_id: str, handle: str | None) -> list[str]:
        return [] if handle is None else self.next.get((node_id, handle), [])


# Keyed by database too: tests (and tools) may run several databases in one process.
_cache: OrderedDict[tuple[str, int, int], RunnableGraph] = OrderedDict()
_lock = threading.Lock()
_MAX = 2048


def load_graph(session: Session, workflow_id: int, revision: int) -> RunnableGraph:
    key = (str(session.get_bind().url), workflow_id, revision)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    raw = session.scalar(select(WorkflowRevision.definition).where(
        WorkflowRevision.workflow_id == workflow_id, WorkflowRevision.number == revision))
    if raw is None:
        raise LookupError(f"revision {revision} of workflow {workflow_id} is missing")
    definition = WorkflowDefinition.model_validate(raw)
    nodes = {n.id: n for n in definition.nodes}
    configs = {n.id: parse_config(n.spec, n.config)[0] for n in definition.nodes}
    nxt: dict[tuple[str, str], list[str]] = defaultdict(list)
    for edge in definition.edges:
        nxt[(edge.source, edge.source_handle)].append(edge.target)
    graph = RunnableGraph(definition, nodes, configs, dict(nxt))
    with _lock:
        _cache[key] = graph
        if len(_cache) > _MAX:
            _cache.popitem(last=False)
    return graph
