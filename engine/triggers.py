"""Index of active triggers by (account, event kind), so an event never scans every workflow.

Built from the published revision of each active workflow. `invalidate()` is called on
activate / pause / delete in this process; other processes pick changes up within
`max_age` seconds (the version check is one cheap query).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.events import MESSAGE, NormalisedEvent
from engine.graph import parse_config
from engine.keyword_index import KeywordIndex
from engine.nodes import NODE_TYPES
from engine.storage.models import Workflow, WorkflowRevision


@dataclass(frozen=True)
class ActiveTrigger:
    workflow_id: int
    revision: int
    node_id: str
    node_type: str
    config: Any
    reentry: str


class TriggerIndex:
    def __init__(self, max_age: float = 2.0):
        self.max_age = max_age
        self._lock = threading.Lock()
        self._by_key: dict[tuple[int, str], list[ActiveTrigger]] = {}
        self._keywords: dict[tuple[int, str], KeywordIndex] = {}
        self._version: Any = None
        self._checked = 0.0
        self._dirty = True

    def invalidate(self) -> None:
        self._dirty = True

    def _current_version(self, session: Session) -> Any:
        return tuple(session.execute(select(func.count(Workflow.id), func.max(Workflow.updated_at))
                                     .where(Workflow.status == "active")).one())

    def refresh(self, session: Session, force: bool = False) -> None:
        now = time.monotonic()
        if not force and not self._dirty and now - self._checked < self.max_age:
            return
        version = self._current_version(session)
        self._checked = now
        if not force and not self._dirty and version == self._version:
            return
        index: dict[tuple[int, str], list[ActiveTrigger]] = defaultdict(list)
        rows = session.execute(
            select(Workflow.id, Workflow.reentry, WorkflowRevision.number,
                   WorkflowRevision.definition)
            .join(WorkflowRevision, (WorkflowRevision.workflow_id == Workflow.id)
                  & (WorkflowRevision.number == Workflow.published_revision))
            .where(Workflow.status == "active", Workflow.deleted_at.is_(None))).all()
        for workflow_id, reentry, number, definition in rows:
            for trigger, account_ids in _triggers_of(definition):
                for account_id in account_ids:
                    spec = NODE_TYPES[trigger["type"]]
                    config, _ = parse_config(spec, trigger.get("config") or {})
                    if config is None or spec.event_kind is None:
                        continue
                    index[(account_id, spec.event_kind)].append(ActiveTrigger(
                        workflow_id, number, trigger["id"], trigger["type"], config, reentry))
        keywords = {
            key: KeywordIndex([(t, t.config.keywords, t.config.match_type) for t in trigs])
            for key, trigs in index.items() if key[1] == MESSAGE}
        with self._lock:
            self._by_key = dict(index)
            self._keywords = keywords
            self._version = version
            self._dirty = False

    def candidates(self, account_id: int, kind: str) -> list[ActiveTrigger]:
        return self._by_key.get((account_id, kind), [])

    def match(self, session: Session, account_id: int,
              event: NormalisedEvent) -> list[ActiveTrigger]:
        """Matching triggers, at most one per workflow (the first in node order)."""
        self.refresh(session)
        return self.match_loaded(account_id, event)

    def match_loaded(self, account_id: int, event: NormalisedEvent) -> list[ActiveTrigger]:
        """Match against the index as it is (no refresh): the hot path, and benchmarks."""
        if event.kind == MESSAGE:
            kw = self._keywords.get((account_id, MESSAGE))
            hits = kw.match(event.text) if kw is not None and event.text is not None else []
        else:
            hits = [t for t in self.candidates(account_id, event.kind)
                    if (spec := NODE_TYPES[t.node_type]).match is not None
                    and spec.match(t.config, event)]
        seen: set[int] = set()
        out = []
        for trig in hits:  # at most one trigger per workflow: the first in node order
            if trig.workflow_id not in seen:
                seen.add(trig.workflow_id)
                out.append(trig)
        return out


def _triggers_of(definition: dict[str, Any]) -> list[tuple[dict[str, Any], list[int]]]:
    nodes = {n["id"]: n for n in definition.get("nodes", [])}
    start = next((n for n in nodes.values() if n["type"] == "start"), None)
    if start is None:
        return []
    account_ids = list(start.get("config", {}).get("account_ids") or [])
    out = []
    for edge in definition.get("edges", []):
        target = nodes.get(edge["target"])
        if edge["source"] == start["id"] and target and \
                NODE_TYPES[target["type"]].category == "trigger":
            out.append((target, account_ids))
    return out
