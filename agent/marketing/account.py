"""A plain-dict snapshot of what an organisation has, for tools, the planner and validation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.plural import counted
from engine.storage.models import AutoMessage, Integration, LineAccount, QrCode, RichMenu, Tag
from engine.validation import AccountContext

Snapshot = dict[str, Any]
KINDS = ("accounts", "tags", "auto_messages", "rich_menus", "qr_codes")


def empty_snapshot() -> Snapshot:
    return {**{k: [] for k in KINDS}, "integrations": []}


def _preview(messages: list[Any]) -> str:
    for m in messages or []:
        if isinstance(m, dict) and (m.get("type") or m.get("kind")) == "text":
            text = str(m.get("text", ""))
            return text if len(text) <= 80 else text[:79] + "…"
    return counted(len(messages or []), "message")


def load_snapshot(session: Session, organisation_id: int) -> Snapshot:
    def rows(model: Any) -> list[Any]:
        return list(session.scalars(select(model).where(
            model.organisation_id == organisation_id).order_by(model.id)))

    return {
        "accounts": [{"id": a.id, "name": a.name} for a in rows(LineAccount)],
        "tags": [{"id": t.id, "name": t.name, "description": t.description}
                 for t in rows(Tag)],
        "auto_messages": [{"id": m.id, "name": m.name, "preview": _preview(m.messages)}
                          for m in rows(AutoMessage)],
        "rich_menus": [{"id": r.id, "name": r.name} for r in rows(RichMenu)],
        "qr_codes": [{"id": q.id, "name": q.name, "prefill_text": q.prefill_text}
                     for q in rows(QrCode)],
        "integrations": sorted(i.kind for i in rows(Integration)),
    }


def snapshot_from_fixture(fixture: dict[str, Any] | None) -> Snapshot:
    """An account given as data (evals, tests): names alone get ids 1, 2, … per kind."""
    out = empty_snapshot()
    for kind in KINDS:
        for i, item in enumerate((fixture or {}).get(kind, []) or [], start=1):
            row = {"name": item} if isinstance(item, str) else dict(item)
            row.setdefault("id", i)
            if kind == "tags":
                row.setdefault("description", "")
            if kind == "auto_messages":
                row.setdefault("preview", "")
            if kind == "qr_codes":
                row.setdefault("prefill_text", "")
            out[kind].append(row)
    out["integrations"] = sorted((fixture or {}).get("integrations", []) or [])
    return out


def context_of(snapshot: Snapshot, extra_tag_ids: set[int] | None = None) -> AccountContext:
    def ids(kind: str) -> set[int]:
        return {int(r["id"]) for r in snapshot.get(kind, [])}

    return AccountContext(account_ids=ids("accounts"),
                          tag_ids=ids("tags") | (extra_tag_ids or set()),
                          auto_message_ids=ids("auto_messages"), rich_menu_ids=ids("rich_menus"),
                          qr_code_ids=ids("qr_codes"),
                          integrations=set(snapshot.get("integrations", [])))


def name_of(snapshot: Snapshot, kind: str, ref: Any) -> str | None:
    return next((str(r["name"]) for r in snapshot.get(kind, []) if r["id"] == ref), None)
