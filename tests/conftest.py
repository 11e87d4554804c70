"""Shared fixtures: real SQLite and PostgreSQL databases, the API app, users per organisation."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

# Secrets at rest need a key; tests use a throwaway one instead of writing var/secret.key.
os.environ.setdefault("LUMO_SECRET_KEY", Fernet.generate_key().decode())

import psycopg  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from engine.settings import Settings  # noqa: E402
from engine.storage.db import Database  # noqa: E402
from engine.storage.migrate import upgrade  # noqa: E402

PG_ADMIN_DSN = os.environ.get("LUMO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_up() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_DSN, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def ensure_postgres() -> None:
    """Start the machine's PostgreSQL when it is down, rather than skipping silently."""
    if _pg_up():
        return
    versions = sorted(Path("/etc/postgresql").iterdir()) if Path("/etc/postgresql").exists() \
        else []
    if versions:
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].name, "main",
                        "start"], check=False)
    for _ in range(30):
        if _pg_up():
            return
        time.sleep(1)
    pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_DSN} and could not be started")


@pytest.fixture(scope="session")
def pg_server() -> str:
    ensure_postgres()
    return PG_ADMIN_DSN


def fresh_postgres_database(admin_dsn: str) -> tuple[str, str]:
    name = f"lumo_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, admin_dsn.rsplit("/", 1)[0] + f"/{name}"


def drop_postgres_database(admin_dsn: str, name: str) -> None:
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind (migrations not yet applied)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lumo.db'}"
        return
    admin = request.getfixturevalue("pg_server")
    name, url = fresh_postgres_database(admin)
    try:
        yield url
    finally:
        drop_postgres_database(admin, name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'lumo.db'}"


@pytest.fixture
def migrated_db(database_url: str) -> Iterator[Database]:
    upgrade(database_url)
    db = Database(database_url)
    yield db
    db.dispose()


def make_client(url: str, **settings: object) -> TestClient:
    from api.app import create_app

    app = create_app(Settings(database_url=url, **settings))  # type: ignore[arg-type]
    return TestClient(app)


@pytest.fixture
def client(sqlite_url: str) -> Iterator[TestClient]:
    """The API on SQLite (the embedded default)."""
    with make_client(sqlite_url) as c:
        yield c
    c.app.state.db.dispose()  # type: ignore[attr-defined]


@pytest.fixture
def any_client(database_url: str) -> Iterator[TestClient]:
    """The API on each database kind."""
    with make_client(database_url) as c:
        yield c
    c.app.state.db.dispose()  # type: ignore[attr-defined]


@dataclass
class Tenant:
    organisation_id: int
    user_id: int
    token: str
    email: str
    password: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def create_tenant(db: Database, name: str = "Shop", role: str = "admin") -> Tenant:
    from engine.identity import create_organisation, create_user, issue_token

    email = f"{uuid.uuid4().hex[:8]}@{name.lower().replace(' ', '')}.test"
    password = "correct horse battery"
    with db.session() as session:
        org = create_organisation(session, name)
        user = create_user(session, org, email, password, role=role)
        token = issue_token(session, user)
        return Tenant(org.id, user.id, token, email, password)


@pytest.fixture
def tenant(client: TestClient) -> Tenant:
    return create_tenant(client.app.state.db, "Shop A")  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def simulator() -> Iterator[object]:
    """The LINE simulator, a real HTTP server, shared by the whole test session."""
    from engine.line.simulator import create_app
    from tests.support.servers import ThreadServer
    from tests.support.stack import Simulator

    server = ThreadServer(create_app()).start()
    yield Simulator(server.url)
    server.stop()
