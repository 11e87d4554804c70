"""`lumo migrate` under a lock: processes that start together migrate once, all succeed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg

from engine.storage.migrate import current_revision, head_revision
from tests.conftest import drop_postgres_database, fresh_postgres_database

LUMO = [sys.executable, "-c", "from api.cli import app; app()"]
ROOT = Path(__file__).resolve().parents[2]


def _together(url: str, n: int = 3) -> list[subprocess.CompletedProcess[str]]:
    procs = [subprocess.Popen([*LUMO, "migrate", "--database-url", url], cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(n)]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=120)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


def test_three_processes_migrate_one_postgresql_database_at_once(pg_server: str) -> None:
    name, url = fresh_postgres_database(pg_server)
    try:
        results = _together(url)
        assert all(r.returncode == 0 for r in results), [r.stderr[-2000:] for r in results]
        said = sorted(r.stdout.strip().split(" ")[0] for r in results)
        assert said == ["database", "database", "migrated"]  # one migrated, two found it done
        assert current_revision(url) == head_revision()
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
            assert conn.execute("SELECT count(*) FROM workflows").fetchone() == (0,)
    finally:
        drop_postgres_database(pg_server, name)


def test_three_processes_migrate_one_sqlite_file_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lumo.db'}"
    results = _together(url)
    assert all(r.returncode == 0 for r in results), [r.stderr[-2000:] for r in results]
    assert current_revision(url) == head_revision()
