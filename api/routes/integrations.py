"""HubSpot / Klaviyo connections. The API key is write-only: stored encrypted, never returned.

Connecting again replaces the key (rotation); DELETE disconnects. Workflows using a
disconnected integration become invalid (the validator says so) and their steps fail visibly.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.deps import EditorDep, SessionDep, UserDep
from api.schemas.integrations import Integration as IntegrationOut
from api.schemas.integrations import IntegrationList, KeyCheck
from engine import audit
from engine.crypto import decrypt, encrypt
from engine.integrations import KINDS, IntegrationError
from engine.integrations.hubspot import HubSpotClient
from engine.integrations.klaviyo import KlaviyoClient
from engine.storage.models import Integration, User

router = APIRouter(tags=["integrations"])


class HubSpotSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id_property: str = Field(default="line_user_id", pattern=r"^[a-z][a-z0-9_]{0,99}$",
                             description="The contact property holding the LINE user id.")


class KlaviyoSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")


SETTINGS_MODELS: dict[str, type[BaseModel]] = {"hubspot": HubSpotSettings,
                                               "klaviyo": KlaviyoSettings}


class IntegrationIn(BaseModel):
    kind: Literal["hubspot", "klaviyo"]
    # SecretStr, and no length rule at parse time: a refused key must not be echoed in a 422.
    api_key: SecretStr
    settings: dict[str, Any] = Field(default_factory=dict)


def integration_out(row: Integration) -> dict[str, Any]:
    return {"id": row.id, "kind": row.kind, "name": KINDS[row.kind], "connected": True,
            "settings": row.settings, "created_at": row.created_at}


class _Audited:
    """An integration as the audit log names it (the row has a kind, not a name)."""

    def __init__(self, row: Integration) -> None:
        self.id, self.name = row.id, KINDS[row.kind]


def _find(session: Session, user: User, ref: str) -> Integration:
    where = Integration.id == int(ref) if ref.isascii() and ref.isdigit() else \
        Integration.kind == ref
    row = session.scalar(select(Integration).where(
        Integration.organisation_id == user.organisation_id, where))
    if row is None:
        raise HTTPException(404, {"code": "not_found", "message": f"integration {ref} not found"})
    return row


@router.get("/api/integrations", response_model=IntegrationList)
def list_integrations(user: UserDep, session: SessionDep) -> dict[str, Any]:
    rows = session.scalars(select(Integration).where(
        Integration.organisation_id == user.organisation_id).order_by(Integration.kind)).all()
    connected = {r.kind for r in rows}
    return {"items": [integration_out(r) for r in rows], "total": len(rows),
            "available": [{"kind": k, "name": n, "connected": k in connected}
                          for k, n in KINDS.items()]}


@router.get("/api/integrations/{ref}", response_model=IntegrationOut)
def get_integration(ref: str, user: UserDep, session: SessionDep) -> dict[str, Any]:
    return integration_out(_find(session, user, ref))


@router.post("/api/integrations", status_code=201, response_model=IntegrationOut)
def connect(body: IntegrationIn, user: EditorDep, session: SessionDep,
            response: Response) -> dict[str, Any]:
    key = body.api_key.get_secret_value().strip()
    if not 8 <= len(key) <= 500 or any(c.isspace() for c in key):
        raise HTTPException(422, [{"loc": ["body", "api_key"], "type": "value_error",
                                   "msg": "an API key is 8 to 500 characters without spaces"}])
    try:
        settings = SETTINGS_MODELS[body.kind].model_validate(body.settings).model_dump()
    except ValidationError as exc:
        raise HTTPException(422, [{"loc": ["body", "settings", *e["loc"]], "msg": e["msg"],
                                   "type": e["type"]} for e in exc.errors()]) from None
    row = session.scalar(select(Integration).where(
        Integration.organisation_id == user.organisation_id, Integration.kind == body.kind))
    if row is None:
        row = Integration(organisation_id=user.organisation_id, kind=body.kind,
                          api_key_enc=encrypt(key), settings=settings)
        session.add(row)
    else:  # connecting again rotates the key
        row.api_key_enc, row.settings = encrypt(key), settings
        response.status_code = 200
    session.flush()
    # Never the key itself: only that it was replaced.
    audit.log(session, user, "connected", "integration", _Audited(row),
              kind=row.kind, rotated=response.status_code == 200)
    session.commit()
    return integration_out(row)


@router.post("/api/integrations/{ref}/test", response_model=KeyCheck)
def test_key(ref: str, user: EditorDep, session: SessionDep, request: Request
             ) -> dict[str, Any]:
    """Call the service with the stored key: {"ok": true} or {"ok": false, "message": why}."""
    row = _find(session, user, ref)
    kind = row.kind
    try:
        key = decrypt(row.api_key_enc)
    except ValueError as exc:
        return {"ok": False, "kind": kind, "message": str(exc)}
    session.close()  # no connection held over the HTTP call
    endpoint = request.app.state.services.integrations[kind]
    client = HubSpotClient(key, endpoint) if kind == "hubspot" else KlaviyoClient(key, endpoint)
    try:
        client.check()
    except IntegrationError as exc:
        refused = exc.status in (401, 403)
        return {"ok": False, "kind": kind, "message":
                f"{KINDS[kind]} refused the key ({exc.status})." if refused else str(exc)}
    return {"ok": True, "kind": kind, "message": f"{KINDS[kind]} accepted the key."}


@router.delete("/api/integrations/{ref}", status_code=204)
def disconnect(ref: str, user: EditorDep, session: SessionDep) -> None:
    row = _find(session, user, ref)
    audit.log(session, user, "disconnected", "integration", _Audited(row), kind=row.kind)
    session.delete(row)
    session.commit()
