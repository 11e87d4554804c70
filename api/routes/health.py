"""Health (liveness, readiness) and Prometheus metrics.

- `/livez`: the process answers (no dependency checked): restart it when this fails.
- `/readyz`: the database answers (and Redis, under the Celery backend); 503 with what failed
  otherwise, so a load balancer stops sending traffic.
- `/healthz`: kept for existing checks (the database answers).
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import func, select, text

from api.schemas.health import Readiness, Status
from engine import metrics
from engine.storage.models import WebhookEvent

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Status)
def healthz(request: Request) -> dict[str, str]:
    with request.app.state.db.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return {"status": "ok"}


@router.get("/livez", response_model=Status)
def livez() -> dict[str, str]:
    return {"status": "ok"}


def _check_database(request: Request) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        with request.app.state.db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - reported, never raised
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _check_redis(url: str) -> dict[str, Any]:
    import redis

    started = time.perf_counter()
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


@router.get("/readyz", response_model=Readiness)
async def readyz(request: Request) -> JSONResponse:
    checks = {"database": await run_in_threadpool(_check_database, request)}
    settings = request.app.state.settings
    if settings.backend == "celery":
        checks["redis"] = await run_in_threadpool(_check_redis, settings.redis_url)
    ready = all(c["ok"] for c in checks.values())
    return JSONResponse({"status": "ok" if ready else "unavailable", "checks": checks},
                        status_code=200 if ready else 503)


@router.get("/metrics", response_class=PlainTextResponse)
def metrics_endpoint(request: Request) -> Response:
    # Read at scrape time, so the figure is the same whichever process serves it.
    with request.app.state.db.session() as session:
        metrics.EVENTS_DEAD.set(session.scalar(select(func.count()).select_from(WebhookEvent)
                                               .where(WebhookEvent.status == "dead")) or 0)
    body, content_type = metrics.render(request.app.state.db)
    return Response(body, media_type=content_type)
