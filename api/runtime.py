"""Wires the engine's runtime (gateway, services, dispatch backend) for the app."""

from __future__ import annotations

from engine.dispatch.inprocess import InProcessBackend
from engine.line.gateway import LineGateway
from engine.runtime.context import Services
from engine.settings import Settings
from engine.storage.db import Database


def build_services(settings: Settings, db: Database) -> Services:
    gateway = LineGateway(settings.line_api_host, timeout=settings.line_timeout,
                          max_attempts=settings.line_max_attempts,
                          backoff_initial=settings.line_backoff_initial,
                          backoff_max=settings.line_backoff_max)
    return Services(db=db, gateway=gateway)


def build_backend(settings: Settings, services: Services) -> InProcessBackend:
    if settings.backend == "celery":
        raise SystemExit("LUMO_BACKEND=celery is not available yet in this version; "
                         "use the default in-process backend.")
    return InProcessBackend(services, workers=settings.workers, tick=settings.scheduler_tick)
