"""The FastAPI application: the composition root that wires storage, engine and routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api import errors
from api.bootstrap import ensure_bootstrap_admin
from api.limits import BodySizeLimit
from api.request_ids import RequestId
from api.routes import (
    accounts,
    audit,
    auth,
    auto_messages,
    catalog,
    conversations,
    dead_letters,
    executions,
    faq,
    friends,
    health,
    integrations,
    qr_codes,
    qr_links,
    rich_menus,
    tags,
    tokens,
    try_it,
    webhooks,
    workflow_copies,
    workflows,
)
from api.routes import agent as agent_routes
from api.runtime import build_backend, build_services
from engine.ingest import IngestWriter
from engine.settings import Settings, get_settings
from engine.storage.db import Database
from engine.storage.migrate import upgrade

WEB_DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
ROUTERS = (auth, accounts, tags, friends, auto_messages, rich_menus, qr_codes, catalog,
           workflow_copies, workflows, audit, executions, webhooks, qr_links, health,
           agent_routes, tokens, faq, conversations, integrations, try_it, dead_letters)


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or get_settings()
    if migrate and settings.migrate_on_start:
        upgrade(settings.database_url, lock_timeout=settings.migration_lock_timeout)
    db = Database(settings.database_url)
    if settings.bootstrap_token:
        ensure_bootstrap_admin(db, settings.bootstrap_token)

    services = build_services(settings, db)
    backend = build_backend(settings, services)

    ingest = IngestWriter(db, on_stored=backend.submit_events)

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[None]:
        backend.start()
        ingest.start()
        try:
            yield
        finally:
            ingest.stop()
            backend.stop()
            marketing = getattr(application.state, "marketing_agent", None)
            if marketing is not None:
                marketing.close()

    app = FastAPI(title="Lumo Workflows", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.db = db
    app.state.services = services
    app.state.backend = backend
    app.state.ingest = ingest
    errors.install(app)
    for module in ROUTERS:
        app.include_router(module.router)
    # Outermost first: size limit, then the LINE webhook fast path, then FastAPI.
    app.add_middleware(webhooks.LineWebhook, state=app.state)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestId)
    _serve_web(app)
    return app


def _serve_web(app: FastAPI) -> None:
    """Serve the built single-page app; unknown non-API paths get index.html."""
    index = WEB_DIST / "index.html"
    if (WEB_DIST / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=WEB_DIST / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str) -> FileResponse:
        if path.startswith(("api/", "webhooks/")) or not index.exists():
            raise HTTPException(404, {"code": "not_found", "message": f"/{path} not found"})
        candidate = (WEB_DIST / path).resolve()
        if path and candidate.is_file() and WEB_DIST in candidate.parents:
            return FileResponse(candidate)
        return FileResponse(index)
