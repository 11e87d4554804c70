"""Migration 0003 (FAQ entries, agent sessions, transcripts) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from engine import clock
from engine.identity import create_organisation
from engine.storage.db import Database
from engine.storage.migrate import downgrade, upgrade
from engine.storage.models import AgentMessage, AgentSession, FaqEntry, Friend, LineAccount

NEW_TABLES = {"faq_entries", "agent_sessions", "agent_messages"}


def test_0003_upgrades_downgrades_and_round_trips(database_url: str) -> None:
    upgrade(database_url, "0002")
    db = Database(database_url)
    try:
        assert not NEW_TABLES & set(inspect(db.engine).get_table_names())
        upgrade(database_url, "0003")
        with db.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == "0003"
        assert set(inspect(db.engine).get_table_names()) >= NEW_TABLES
        now = clock.now()
        with db.session() as s:
            org = create_organisation(s, "Org")
            acc = LineAccount(organisation_id=org.id, name="A", channel_id="c0003",
                              channel_secret_enc="x", access_token_enc="y")
            s.add(acc)
            s.flush()
            friend = Friend(organisation_id=org.id, account_id=acc.id, line_user_id="U1",
                            attributes={})
            s.add(friend)
            s.flush()
            s.add(FaqEntry(organisation_id=org.id, question="営業時間は？",
                           answer="10時〜20時です。"))
            session = AgentSession(organisation_id=org.id, account_id=acc.id,
                                   friend_id=friend.id, config={"handoff_keyword": "スタッフ"},
                                   expires_at=now + timedelta(minutes=30))
            s.add(session)
            s.flush()
            s.add(AgentMessage(session_id=session.id, friend_id=friend.id, role="friend",
                               text="こんにちは", event_key="E1", meta={"known": True}))
        with db.session() as s:
            got = s.scalar(select(AgentSession))
            assert got is not None and got.config == {"handoff_keyword": "スタッフ"}
            assert got.expires_at.tzinfo is not None and got.status == "active"
            assert s.scalar(select(FaqEntry.answer)) == "10時〜20時です。"
            assert s.scalar(select(AgentMessage.meta)) == {"known": True}
    finally:
        db.dispose()
    downgrade(database_url, "0002")
    db = Database(database_url)
    try:
        assert not NEW_TABLES & set(inspect(db.engine).get_table_names())
    finally:
        db.dispose()
    upgrade(database_url)
