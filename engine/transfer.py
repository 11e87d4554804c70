"""Export a workflow as JSON, import it into an organisation: resources re-linked by name.

Ids of tags, auto-send messages, rich menus, QR codes and LINE accounts mean nothing in
another organisation, so the export names every resource a node points at; the import finds
the importing organisation's resource of that kind and name. What cannot be re-linked is left
empty (the editor then asks for it) and listed in the import's report.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.graph import parse_config
from engine.nodes import NODE_TYPES
from engine.storage.models import AutoMessage, LineAccount, QrCode, RichMenu, Tag, Workflow

FORMAT = "lumo.workflow"
VERSION = 1
KIND_MODELS: dict[str, Any] = {"tag": Tag, "auto_message": AutoMessage, "rich_menu": RichMenu,
                               "qr_code": QrCode, "account": LineAccount}
KIND_WORDS = {"tag": "Tag", "auto_message": "Auto-send message", "rich_menu": "Rich menu",
              "qr_code": "QR code", "account": "LINE account"}


class ImportRefused(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def _references(node: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(path inside config, kind, id) of every resource the node points at."""
    spec = NODE_TYPES.get(node.get("type", ""))
    if spec is None:
        return []
    config = node.get("config") or {}
    parsed, _ = parse_config(spec, config)
    if parsed is not None:
        return parsed.referenced()
    out = []  # incomplete config: its top-level references at least
    for name, kind in spec.config_model.references.items():
        value = config.get(name)
        if isinstance(value, list):
            out.extend((f"{name}/{i}", kind, v) for i, v in enumerate(value))
        elif value is not None:
            out.append((name, kind, value))
    return out


def _names(session: Session, organisation_id: int, kind: str) -> dict[int, str]:
    model = KIND_MODELS[kind]
    return dict(session.execute(select(model.id, model.name).where(
        model.organisation_id == organisation_id)).all())


def export_workflow(session: Session, wf: Workflow, definition: dict[str, Any]
                    ) -> dict[str, Any]:
    names: dict[str, dict[int, str]] = {}
    refs = []
    for node in definition.get("nodes", []):
        for path, kind, rid in _references(node):
            if kind not in names:
                names[kind] = _names(session, wf.organisation_id, kind)
            refs.append({"node_id": node["id"], "path": path, "kind": kind,
                         "name": names[kind].get(rid)})
    return {"format": FORMAT, "version": VERSION, "name": wf.name,
            "description": wf.description, "reentry": wf.reentry,
            "definition": definition, "references": refs}


def _get(obj: Any, parts: list[str]) -> Any:
    for p in parts:
        obj = obj[int(p)] if isinstance(obj, list) else obj[p]
    return obj


def relink(session: Session, organisation_id: int, data: dict[str, Any]
           ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The definition with ids of this organisation, what was re-linked, and what was not."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused("format", f"not a Lumo workflow export (format must be “{FORMAT}”)")
    if data.get("version") != VERSION:
        raise ImportRefused("version", f"unsupported export version {data.get('version')!r} "
                                       f"(this Lumo reads version {VERSION})")
    definition = data.get("definition")
    if not isinstance(definition, dict) or not isinstance(definition.get("nodes"), list):
        raise ImportRefused("definition", "definition with a list of nodes is required")
    refs = data.get("references") or []
    if not isinstance(refs, list):
        raise ImportRefused("references", "references must be a list")
    definition = copy.deepcopy(definition)
    nodes = {n["id"]: n for n in definition["nodes"]
             if isinstance(n, dict) and isinstance(n.get("id"), str)}
    by_name: dict[str, dict[str, int]] = {}
    linked, missing = [], []
    drop: dict[tuple[str, str], list[int]] = {}  # list fields: indexes to remove
    for i, ref in enumerate(refs):
        if not isinstance(ref, dict) or ref.get("kind") not in KIND_MODELS or \
                ref.get("node_id") not in nodes or not isinstance(ref.get("path"), str):
            raise ImportRefused(f"references/{i}", "each reference needs node_id, path and a "
                                                   "known kind")
        kind, name, node = ref["kind"], ref.get("name"), nodes[ref["node_id"]]
        if kind not in by_name:
            by_name[kind] = {v: k for k, v in _names(session, organisation_id, kind).items()}
        parts = ref["path"].split("/")
        config = node.setdefault("config", {})
        try:
            if not isinstance(config, dict):
                raise TypeError
            parent = _get(config, parts[:-1])
            if not isinstance(parent, dict | list):
                raise TypeError
            _get(config, parts)
        except (KeyError, IndexError, ValueError, TypeError):
            raise ImportRefused(f"references/{i}/path",
                                f"{ref['path']} is not a field of node {node['id']}") from None
        found = by_name[kind].get(name) if name else None
        entry = {"node_id": node["id"], "field": ref["path"], "kind": kind, "name": name}
        if found is not None:
            parent[int(parts[-1]) if isinstance(parent, list) else parts[-1]] = found
            linked.append(entry | {"id": found})
            continue
        what = KIND_WORDS[kind]
        entry["message"] = (f"{what} “{name}” does not exist here: step “{node['id']}” needs "
                            f"one chosen." if name else
                            f"{what} of step “{node['id']}” had no name in the export.")
        missing.append(entry)
        if isinstance(parent, list):
            drop.setdefault((node["id"], "/".join(parts[:-1])), []).append(int(parts[-1]))
        else:
            parent.pop(parts[-1], None)
    for (node_id, path), indexes in drop.items():
        lst = _get(nodes[node_id]["config"], path.split("/"))
        for idx in sorted(indexes, reverse=True):
            lst.pop(idx)
    return definition, linked, missing
