"""Revisions of a workflow: list them, compare two, restore one as a new revision."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.storage.models import User, Workflow, WorkflowRevision


def list_revisions(session: Session, wf: Workflow) -> list[dict[str, Any]]:
    rows = session.execute(
        select(WorkflowRevision, User.email).outerjoin(
            User, User.id == WorkflowRevision.created_by_user_id)
        .where(WorkflowRevision.workflow_id == wf.id)
        .order_by(WorkflowRevision.number.desc())).all()
    return [{"number": r.number, "created_at": r.created_at, "created_by": email,
             "note": r.note, "nodes": len(r.definition.get("nodes", [])),
             "published": r.number == wf.published_revision,
             "latest": r.number == wf.latest_revision} for r, email in rows]


def _edge_key(e: dict[str, Any]) -> str:
    return f"{e.get('source')}:{e.get('source_handle') or 'out'}->{e.get('target')}"


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from `old` to `new`: nodes added / removed / changed (which fields, moved),
    edges added / removed."""
    a = {n["id"]: n for n in old.get("nodes", [])}
    b = {n["id"]: n for n in new.get("nodes", [])}
    changed = []
    for nid in sorted(a.keys() & b.keys()):
        x, y = a[nid], b[nid]
        fields = sorted(k for k in (x.get("config") or {}).keys() | (y.get("config") or {}).keys()
                        if (x.get("config") or {}).get(k) != (y.get("config") or {}).get(k))
        type_changed = x.get("type") != y.get("type")
        moved = x.get("position") != y.get("position")
        if fields or type_changed or moved:
            changed.append({"id": nid, "type": y.get("type"), "fields": fields,
                            "before": {k: (x.get("config") or {}).get(k) for k in fields},
                            "after": {k: (y.get("config") or {}).get(k) for k in fields},
                            "type_changed": type_changed, "moved": moved})
    ea = {_edge_key(e): e for e in old.get("edges", [])}
    eb = {_edge_key(e): e for e in new.get("edges", [])}
    return {
        "nodes": {"added": [{"id": i, "type": b[i].get("type")}
                            for i in sorted(b.keys() - a.keys())],
                  "removed": [{"id": i, "type": a[i].get("type")}
                              for i in sorted(a.keys() - b.keys())],
                  "changed": changed},
        "edges": {"added": [eb[k] for k in sorted(eb.keys() - ea.keys())],
                  "removed": [ea[k] for k in sorted(ea.keys() - eb.keys())]},
    }
