"""Threads are checkpointed in SQLite (next to the database) or PostgreSQL; `lumo chat`."""

from __future__ import annotations

from pathlib import Path

from agent.chat import one_shot
from agent.marketing.checkpoint import open_checkpointer, sqlite_path_for
from agent.marketing.service import MarketingAgent
from agent.marketing.workspace import DbWorkspace
from agent.providers.offline import OfflinePlanner
from engine.settings import Settings
from engine.storage.db import Database
from tests.conftest import create_tenant

SEED = "I want to send a coupon three days after someone adds us as a friend"


def test_checkpoint_locations() -> None:
    assert sqlite_path_for("sqlite:///var/lumo.db") == Path("var/lumo.agent.sqlite")
    assert sqlite_path_for("sqlite:////tmp/x/shop.db") == Path("/tmp/x/shop.agent.sqlite")
    assert sqlite_path_for("sqlite://") is None
    assert sqlite_path_for("sqlite:///:memory:") is None


def test_thread_resumes_on_each_database(migrated_db: Database) -> None:
    """SQLite: a file next to the DB; PostgreSQL: langgraph-checkpoint-postgres in the DB."""
    shop = create_tenant(migrated_db, "Shop")
    first = MarketingAgent(OfflinePlanner(), DbWorkspace(migrated_db),
                           open_checkpointer(migrated_db.url))
    cid = first.start(shop.organisation_id, shop.user_id)
    first.send(cid, shop.organisation_id, SEED)
    first.close()
    second = MarketingAgent(OfflinePlanner(), DbWorkspace(migrated_db),
                            open_checkpointer(migrated_db.url))
    try:
        assert second.get(cid, shop.organisation_id)["status"] == "awaiting_review"
        result = second.approve(cid, shop.organisation_id, shop.user_id)
        assert result["status"] == "approved" and result["workflow_id"]
    finally:
        second.close()


def test_one_shot_without_database(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'missing.db'}")
    out = one_shot(SEED, settings)
    assert out["status"] == "awaiting_review" and out["provider"] == "offline"
    draft = out["draft"]
    assert [n["type"] for n in draft["definition"]["nodes"]] == [
        "start", "trigger.friend_add", "action.delay", "action.send_message"]
    # No LINE account in an empty account: visible, not hidden.
    assert [e["code"] for e in draft["validation"]["errors"]] == ["no_account"]
    assert not (tmp_path / "missing.db").exists()


def test_one_shot_uses_the_only_organisation(tmp_path: Path) -> None:
    from engine.storage.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'lumo.db'}"
    upgrade(url)
    db = Database(url)
    shop = create_tenant(db, "Shop")
    from engine.storage.models import Tag

    with db.session() as s:
        s.add(Tag(organisation_id=shop.organisation_id, name="VIP"))
    out = one_shot("When someone adds us, tag them VIP", Settings(database_url=url))
    assert out["organisation_id"] == shop.organisation_id
    tag = next(n for n in out["draft"]["definition"]["nodes"] if n["type"] == "action.tag")
    assert tag["config"]["tag_id"] > 0 and out["draft"]["new_tags"] == []
    db.dispose()


def test_latency_bench_runs() -> None:
    from agent.bench import measure

    result = measure(runs=1)
    assert result["drafts"] == 6 and result["p50_ms"] > 0
