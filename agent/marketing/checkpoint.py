"""The checkpointer of conversation threads: SQLite next to the database by default,
PostgreSQL (langgraph-checkpoint-postgres) when LUMO_DATABASE_URL is PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.checkpoint.sqlite import SqliteSaver

from engine.settings import VAR_DIR


@dataclass
class Checkpointer:
    saver: BaseCheckpointSaver
    location: str
    close: Callable[[], None]


def sqlite_path_for(database_url: str | None) -> Path | None:
    """var/lumo.db → var/lumo.agent.sqlite; None for in-memory databases."""
    if not database_url:
        return VAR_DIR / "lumo.agent.sqlite"
    if not database_url.startswith("sqlite"):
        return VAR_DIR / "lumo.agent.sqlite"
    path = database_url.split("///", 1)[-1] if "///" in database_url else ""
    if not path or path == ":memory:":
        return None
    return Path(path).with_suffix(".agent.sqlite")


def open_sqlite(path: Path | None) -> Checkpointer:
    if path is None:
        return Checkpointer(InMemorySaver(), ":memory:", lambda: None)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    saver = SqliteSaver(conn)
    saver.setup()
    return Checkpointer(saver, str(path), conn.close)


def open_postgres(url: str) -> Checkpointer:
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    conninfo = url.replace("postgresql+psycopg://", "postgresql://", 1).replace(
        "postgres://", "postgresql://", 1)
    pool = ConnectionPool(conninfo=conninfo, min_size=1, max_size=5, open=True,
                          kwargs={"autocommit": True, "prepare_threshold": 0,
                                  "row_factory": dict_row})
    saver = PostgresSaver(pool)  # type: ignore[arg-type]
    saver.setup()
    return Checkpointer(saver, conninfo.rsplit("@", 1)[-1], pool.close)


def open_checkpointer(database_url: str | None) -> Checkpointer:
    if database_url and database_url.startswith(("postgresql", "postgres:")):
        return open_postgres(database_url)
    return open_sqlite(sqlite_path_for(database_url))


def memory() -> Checkpointer:
    return Checkpointer(InMemorySaver(), ":memory:", lambda: None)
