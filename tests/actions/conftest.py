"""Fixtures for action tests: Lumo + the LINE simulator + HubSpot / Klaviyo doubles, all over
real HTTP (the doubles stop at the process boundary, nothing is patched inside Lumo)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from tests.actions.doubles import HubSpotDouble, KlaviyoDouble
from tests.support.stack import Simulator, Stack


def mount_action_routes(app: FastAPI) -> None:
    """Make sure the FAQ / conversations / integrations routers are served.

    api/app.py's ROUTERS owns the wiring; until it lists these routers, mount them ahead of
    the web app's catch-all route. Once listed, this does nothing.
    """
    from api.routes import conversations, faq, integrations

    paths = {getattr(r, "path", None) for r in app.router.routes}
    for module in (faq, conversations, integrations):
        new = [r for r in module.router.routes if r.path not in paths]  # type: ignore[attr-defined]
        if not new:
            continue
        catch_all = next((i for i, r in enumerate(app.router.routes)
                          if getattr(r, "path", "") == "/{path:path}"), len(app.router.routes))
        app.router.routes[catch_all:catch_all] = new


@pytest.fixture(scope="session")
def hubspot() -> Iterator[HubSpotDouble]:
    double = HubSpotDouble().start()
    yield double
    double.stop()


@pytest.fixture(scope="session")
def klaviyo() -> Iterator[KlaviyoDouble]:
    double = KlaviyoDouble().start()
    yield double
    double.stop()


def make_stack(simulator: Simulator, database_url: str, hubspot: HubSpotDouble,
               klaviyo: KlaviyoDouble, **settings: Any) -> Stack:
    s = Stack(database_url, simulator,
              hubspot_api_base=hubspot.url, klaviyo_api_base=klaviyo.url,
              integration_backoff_initial=0.05, integration_backoff_max=0.5,
              integration_max_attempts=4, **settings)
    mount_action_routes(s.app)
    return s.start()


@pytest.fixture
def stack(simulator: Simulator, tmp_path: Path, hubspot: HubSpotDouble,
          klaviyo: KlaviyoDouble) -> Iterator[Stack]:
    simulator.clear_faults()
    hubspot.reset()
    klaviyo.reset()
    s = make_stack(simulator, f"sqlite:///{tmp_path / 'lumo.db'}", hubspot, klaviyo)
    yield s
    s.stop()
    simulator.clear_faults()


@pytest.fixture
def pg_stack(simulator: Simulator, pg_server: str, hubspot: HubSpotDouble,
             klaviyo: KlaviyoDouble) -> Iterator[Stack]:
    """The same stack on PostgreSQL (row locks, JSONB)."""
    from tests.conftest import drop_postgres_database, fresh_postgres_database

    simulator.clear_faults()
    hubspot.reset()
    klaviyo.reset()
    name, url = fresh_postgres_database(pg_server)
    s = make_stack(simulator, url, hubspot, klaviyo)
    try:
        yield s
    finally:
        s.stop()
        drop_postgres_database(pg_server, name)


@pytest.fixture(autouse=True)
def _reset_clock() -> Iterator[None]:
    from engine import clock

    clock.reset()
    yield
    clock.reset()
