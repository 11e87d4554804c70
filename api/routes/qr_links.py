"""GET /q/{code}: the tracked QR link. Counts the visit and opens the account's chat with the
prefilled text whose arrival tells the engine which QR code the friend scanned."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, HTTPException
from fastapi.responses import RedirectResponse
from sqlalchemy import select

from api.deps import SessionDep
from engine.storage.models import LineAccount, QrCode

router = APIRouter(tags=["qr-codes"])


@router.get("/q/{code}")
def open_qr(code: str, session: SessionDep) -> RedirectResponse:
    qr = session.scalar(select(QrCode).where(QrCode.code == code))
    if qr is None:
        raise HTTPException(404, {"code": "not_found", "message": "Unknown QR code."})
    qr.scan_count += 1
    session.commit()
    account = session.get(LineAccount, qr.account_id)
    basic_id = (account.basic_id if account else None) or ""
    target = f"https://line.me/R/oaMessage/{quote(basic_id)}/?{quote(qr.prefill_text)}"
    return RedirectResponse(target, status_code=302)
