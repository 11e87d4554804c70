"""Wires the engine's runtime (services, dispatch backend) for the app."""

from __future__ import annotations

from typing import Any

from engine.dispatch.inprocess import InProcessBackend
from engine.runtime.context import Services
from engine.settings import Settings
from engine.storage.db import Database


def build_services(settings: Settings, db: Database) -> Services:
    return Services.from_settings(settings, db)


def build_backend(settings: Settings, services: Services) -> Any:
    if settings.backend == "celery":
        from engine.dispatch.celery_backend import CeleryBackend

        return CeleryBackend(settings)
    return InProcessBackend(services, workers=settings.workers, tick=settings.scheduler_tick)
