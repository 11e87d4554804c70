"""Tracked QR codes: each is a link /q/{code} that records the scan and opens the chat."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select

from api.deps import EditorDep, SessionDep, SettingsDep, UserDep
from api.ownership import owned
from api.schemas import qr_codes as shapes
from api.schemas.common import ItemList
from engine import audit
from engine.settings import Settings
from engine.storage.models import LineAccount, QrCode

router = APIRouter(tags=["qr-codes"])


class QrCodeIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    account_id: int
    prefill_text: str | None = Field(
        default=None, max_length=200,
        description="Text the chat opens with; a unique one is made when empty.")


def qr_out(q: QrCode, settings: Settings) -> dict[str, Any]:
    return {"id": q.id, "name": q.name, "account_id": q.account_id, "code": q.code,
            "prefill_text": q.prefill_text, "scan_count": q.scan_count,
            "url": f"{settings.public_url}/q/{q.code}", "created_at": q.created_at}


@router.get("/api/qr-codes", response_model=ItemList[shapes.QrCode])
def list_qr_codes(user: UserDep, session: SessionDep, settings: SettingsDep) -> dict[str, Any]:
    rows = session.scalars(select(QrCode).where(
        QrCode.organisation_id == user.organisation_id).order_by(QrCode.id)).all()
    return {"items": [qr_out(q, settings) for q in rows], "total": len(rows)}


@router.post("/api/qr-codes", status_code=201, response_model=shapes.QrCode)
def create_qr_code(body: QrCodeIn, user: EditorDep, session: SessionDep,
                   settings: SettingsDep) -> dict[str, Any]:
    owned(session, LineAccount, body.account_id, user, "account")
    code = secrets.token_urlsafe(8)
    # The prefilled text is how the scan is recognised when it arrives as a message.
    prefill = (body.prefill_text or "").strip() or f"#{code}"
    q = QrCode(organisation_id=user.organisation_id, account_id=body.account_id, name=body.name,
               code=code, prefill_text=prefill)
    session.add(q)
    session.flush()
    audit.log(session, user, "created", "qr_code", q, account_id=q.account_id, code=q.code)
    session.commit()
    return qr_out(q, settings)
