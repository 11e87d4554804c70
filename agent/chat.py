"""`lumo chat "GOAL"`: one goal in, one draft (or question, or answer) out, as a dict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from agent.marketing.checkpoint import memory
from agent.marketing.service import MarketingAgent
from agent.marketing.workspace import DbWorkspace, MemoryWorkspace, Workspace
from agent.providers import Provider, make_provider
from engine.settings import Settings, get_settings
from engine.storage.db import Database
from engine.storage.models import Organisation


def _workspace(settings: Settings, organisation_id: int | None) -> tuple[Workspace, int]:
    """The organisation's data when the database has it; otherwise an empty account."""
    url = settings.database_url
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1] if "///" in url else ""
        if not path or path == ":memory:" or not Path(path).exists():
            return MemoryWorkspace(), organisation_id or 0
    try:
        db = Database(url)
        with db.session() as session:
            ids = list(session.scalars(select(Organisation.id).order_by(Organisation.id)))
    except SQLAlchemyError:
        return MemoryWorkspace(), organisation_id or 0
    if organisation_id in ids:
        return DbWorkspace(db), int(organisation_id)  # type: ignore[arg-type]
    if organisation_id is None and len(ids) == 1:
        return DbWorkspace(db), ids[0]
    db.dispose()
    return MemoryWorkspace(), organisation_id or 0


def one_shot(goal: str, settings: Settings | None = None, *, organisation_id: int | None = None,
             provider: Provider | None = None) -> dict[str, Any]:
    settings = settings or get_settings()
    workspace, org = _workspace(settings, organisation_id)
    agent = MarketingAgent(provider or make_provider(), workspace, memory())
    conversation = agent.start(org)
    turn = agent.send(conversation, org, goal)
    return {"goal": goal, "status": turn["status"], "reply": turn["reply"],
            "draft": turn["draft"], "clarification": turn["clarification"],
            "provider": agent.provider.name, "model": agent.provider.model,
            "prompt_version": agent.prompts.version,
            "organisation_id": org if isinstance(workspace, DbWorkspace) else None}
