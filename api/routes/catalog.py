"""The node catalog and workflow templates, as the editor and agent read them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from api.deps import SessionDep, UserDep
from api.schemas.catalog import Catalog
from api.schemas.workflows import Template
from engine.catalog import catalog
from engine.storage.models import Integration
from engine.templates import TEMPLATES

router = APIRouter(tags=["catalog"])


@router.get("/api/catalog", response_model=Catalog)
def get_catalog(user: UserDep, session: SessionDep) -> dict[str, Any]:
    """Node types this organisation can use; integration actions only once connected."""
    connected = set(session.scalars(select(Integration.kind).where(
        Integration.organisation_id == user.organisation_id)))
    available, unavailable = [], []
    for node_type in catalog()["node_types"]:
        needs = node_type["integration"]
        if needs is None or needs in connected:
            available.append(node_type)
        else:
            unavailable.append({**node_type, "unavailable_reason":
                                f"Connect {node_type['label']} under Integrations first."})
    return {"node_types": available, "unavailable": unavailable}


@router.get("/api/templates", response_model=list[Template])
def list_templates(_: UserDep) -> list[dict[str, Any]]:
    return [{"id": t.id, "name": t.name, "name_ja": t.name_ja, "description": t.description,
             "definition": t.definition().model_dump(mode="json")} for t in TEMPLATES.values()]
