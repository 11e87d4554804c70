"""Schemathesis against the OpenAPI spec: no 5xx, no response outside its declared schema.

Lumo runs on a real port (SQLite, in-process workers) with a bootstrap admin token; every
operation of `app.openapi()` gets a bounded number of generated requests (valid and invalid),
authenticated with that token. The organisation holds one of each resource so that ids in the
generated requests sometimes hit real rows. LUMO_SCHEMATHESIS_EXAMPLES raises the bound for a
deeper local run (e.g. 200); LUMO_SCHEMATHESIS_DB=postgresql runs it on PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from engine.settings import Settings
from tests.support.servers import ThreadServer

EXAMPLES = int(os.environ.get("LUMO_SCHEMATHESIS_EXAMPLES", "12"))
TOKEN = "lumo_schemathesis_" + uuid.uuid4().hex
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if os.environ.get("LUMO_SCHEMATHESIS_DB") != "postgresql":
        tmp: Path = tmp_path_factory.mktemp("schemathesis")
        yield f"sqlite:///{tmp / 'lumo.db'}"
        return
    from tests.conftest import (
        PG_ADMIN_DSN,
        drop_postgres_database,
        ensure_postgres,
        fresh_postgres_database,
    )

    ensure_postgres()
    name, url = fresh_postgres_database(PG_ADMIN_DSN)
    yield url
    drop_postgres_database(PG_ADMIN_DSN, name)


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[ThreadServer]:
    from api.app import create_app

    app = create_app(Settings(database_url=database_url, bootstrap_token=TOKEN, workers=1))
    srv = ThreadServer(app).start()
    srv.app = app  # type: ignore[attr-defined]
    import httpx

    h = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=srv.url, headers=h, timeout=30) as http:
        acc = http.post("/api/accounts", json={
            "name": "Fuzzed", "channel_id": "1234", "channel_secret": "fuzz-secret-1234",
            "access_token": "fuzz-token-1234"}).json()
        http.post("/api/tags", json={"name": "VIP"})
        http.post("/api/auto-messages", json={"name": "Hi", "messages": [
            {"type": "text", "text": "hi"}]})
        http.post("/api/qr-codes", json={"name": "Desk", "account_id": acc["id"]})
        http.post("/api/rich-menus", json={"name": "Menu", "line_rich_menu_id": "richmenu-1"})
        http.post("/api/workflows", json={"name": "Welcome", "template": "friend_add_flow"})
    yield srv
    srv.stop()
    agent = getattr(app.state, "marketing_agent", None)
    if agent is not None:
        agent.close()
    app.state.db.dispose()


def _spec() -> dict:
    """The app's OpenAPI document (built without touching a database)."""
    from api.app import create_app

    return create_app(Settings(database_url="sqlite://"), migrate=False).openapi()


# Loaded at collection (schemathesis' fixture-based loader does not support pytest 9 yet).
# Never sign out or revoke the token every other request relies on.
schema = (schemathesis.openapi.from_dict(_spec())
          .exclude(path="/api/auth/logout")
          .exclude(path_regex=r"^/api/tokens/\{token_id\}$", method="DELETE"))


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_api_never_5xx_and_answers_match_the_schema(case: schemathesis.Case,
                                                    server: ThreadServer) -> None:
    case.call_and_validate(base_url=server.url, headers={"Authorization": f"Bearer {TOKEN}"},
                           checks=CHECKS, timeout=30)
