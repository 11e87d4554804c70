"""Run Alembic migrations programmatically (`lumo migrate`, `lumo serve`, the tests).

Several processes may start together (a deployment rolls out servers and workers at once), so
an upgrade runs under a lock: a PostgreSQL advisory lock held on its own connection, or an
exclusive file lock next to a SQLite database. The first process migrates; the others wait,
then find the database at head and do nothing.
"""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from engine.storage.db import normalise_url

MIGRATIONS = Path(__file__).with_name("migrations")
# pg_advisory_lock key: "lumo" + "migr" as two int32s would also do; one bigint is simpler.
LOCK_KEY = 0x6C756D6F_6D696772 - (1 << 63)


class MigrationLockTimeout(RuntimeError):
    pass


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return cfg


@contextmanager
def migration_lock(url: str, timeout: float = 300.0) -> Iterator[None]:
    """Held while migrating: one process at a time per database."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if not path or path == ":memory:":
            yield
            return
        lock_path = Path(path + ".migrate.lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + timeout
        with open(lock_path, "w") as fh:
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise MigrationLockTimeout(
                            f"another process has been migrating {path} for over "
                            f"{timeout:.0f}s") from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
        return
    engine = create_engine(url, pool_pre_ping=True)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"SET lock_timeout = '{int(timeout * 1000)}ms'"))
            try:
                conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": LOCK_KEY})
            except Exception as exc:
                if "lock timeout" in str(exc).lower():
                    raise MigrationLockTimeout(
                        f"another process has been migrating for over {timeout:.0f}s") from exc
                raise
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})
                conn.commit()
    finally:
        engine.dispose()


def current_revision(url: str) -> str | None:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def upgrade(url: str, revision: str = "head", lock_timeout: float = 300.0) -> str | None:
    """Migrate under the lock; returns the revision the database was at (read under it)."""
    with migration_lock(url, lock_timeout):
        before = current_revision(url)
        command.upgrade(alembic_config(url), revision)
    return before


def downgrade(url: str, revision: str = "base", lock_timeout: float = 300.0) -> None:
    with migration_lock(url, lock_timeout):
        command.downgrade(alembic_config(url), revision)
