"""The node catalog and workflow templates, as the editor and agent read them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import UserDep
from engine.catalog import catalog
from engine.templates import TEMPLATES

router = APIRouter(tags=["catalog"])


@router.get("/api/catalog")
def get_catalog(_: UserDep) -> dict[str, Any]:
    return catalog()


@router.get("/api/templates")
def list_templates(_: UserDep) -> list[dict[str, Any]]:
    return [{"id": t.id, "name": t.name, "name_ja": t.name_ja, "description": t.description,
             "definition": t.definition().model_dump(mode="json")} for t in TEMPLATES.values()]
