"""Liveness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select, text

from engine.metrics import EVENTS_DEAD
from engine.storage.models import WebhookEvent

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(request: Request) -> dict[str, str]:
    with request.app.state.db.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return {"status": "ok"}


@router.get("/metrics", response_class=PlainTextResponse)
def metrics(request: Request) -> Response:
    # Read at scrape time, so the figure is the same whichever process serves it.
    with request.app.state.db.session() as session:
        EVENTS_DEAD.set(session.scalar(select(func.count()).select_from(WebhookEvent)
                                       .where(WebhookEvent.status == "dead")) or 0)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
