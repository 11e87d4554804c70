"""Wires the engine's runtime (services, dispatch backend) for the app.

This is where the agent meets the engine: the Customer Agent (agent/customer) is plugged into
the engine's CustomerAgentPort, and integration endpoints come from the settings.
"""

from __future__ import annotations

from typing import Any

from agent.customer import build_customer_agent
from engine.dispatch.inprocess import InProcessBackend
from engine.integrations import endpoints_from
from engine.runtime.context import Services
from engine.settings import Settings
from engine.storage.db import Database


def build_services(settings: Settings, db: Database) -> Services:
    services = Services.from_settings(settings, db)
    services.customer_agent = build_customer_agent(db)
    services.integrations.update(endpoints_from(settings))
    return services


def build_backend(settings: Settings, services: Services) -> Any:
    if settings.backend == "celery":
        from engine.dispatch.celery_backend import CeleryBackend

        return CeleryBackend(settings)
    if settings.worker_processes:
        from api.worker_process import WorkerProcessBackend

        return WorkerProcessBackend(settings.worker_processes)
    return InProcessBackend(services, workers=settings.workers, tick=settings.scheduler_tick)
