"""Storage on both databases: migrations, secrets at rest, tokens, passwords, constraints,
workflows with revisions and runs, time zones and JSON. Every test runs on SQLite and on
PostgreSQL (the `database_url` fixture is parametrized)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from engine import clock
from engine.crypto import decrypt, encrypt
from engine.friends import set_attribute
from engine.graph import parse_definition
from engine.identity import (
    check_password,
    create_organisation,
    create_user,
    find_user_by_email,
    issue_token,
    revoke_token,
    user_for_token,
)
from engine.storage.db import Database
from engine.storage.migrate import downgrade, upgrade
from engine.storage.models import (
    Base,
    Friend,
    LineAccount,
    Organisation,
    Run,
    Step,
    Tag,
    User,
    Wait,
    Workflow,
)
from engine.workflows import create_workflow, revision, save_workflow

JST = timezone(timedelta(hours=9))
TABLES = {"organisations", "users", "api_tokens", "line_accounts", "friends", "tags",
          "friend_tags", "auto_messages", "rich_menus", "qr_codes", "integrations",
          "workflows", "workflow_revisions", "runs", "steps"}


def _tables(url: str) -> set[str]:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        db.dispose()


def _org(session: Session, name: str = "Shop") -> Organisation:
    return create_organisation(session, name)


def _account(session: Session, org: Organisation, channel_id: str | None = None) -> LineAccount:
    acc = LineAccount(organisation_id=org.id, name="Shop", channel_id=channel_id or
                      uuid.uuid4().hex[:12], channel_secret_enc=encrypt("channel-secret"),
                      access_token_enc=encrypt("access-token"))
    session.add(acc)
    session.flush()
    return acc


# --- migrations -----------------------------------------------------------------------------------


def test_migrations_upgrade_downgrade_and_upgrade_again(database_url: str) -> None:
    assert _tables(database_url) == set()
    upgrade(database_url)
    assert TABLES | set(Base.metadata.tables) <= _tables(database_url)

    db = Database(database_url)
    try:
        with db.engine.connect() as conn:
            # The migrations build exactly what the models describe (no drift).
            diff = compare_metadata(MigrationContext.configure(
                conn, opts={"compare_type": True}), Base.metadata)
            assert diff == []
    finally:
        db.dispose()

    downgrade(database_url)
    assert _tables(database_url) <= {"alembic_version"}

    upgrade(database_url)
    db = Database(database_url)
    try:
        with db.session() as session:
            _account(session, _org(session))
        with db.session() as session:
            assert session.scalar(select(LineAccount.name)) == "Shop"
    finally:
        db.dispose()


def test_upgrade_is_idempotent(database_url: str) -> None:
    upgrade(database_url)
    db = Database(database_url)
    try:
        with db.session() as session:
            _org(session, "Kept")
        upgrade(database_url)  # `lumo serve` runs this on every start
        with db.session() as session:
            assert session.scalars(select(Organisation.name)).all() == ["Kept"]
    finally:
        db.dispose()


# --- secrets at rest ------------------------------------------------------------------------------


def test_line_account_secrets_are_encrypted_at_rest(any_client: TestClient) -> None:
    db: Database = any_client.app.state.db  # type: ignore[attr-defined]
    with db.session() as session:
        user = create_user(session, _org(session), "owner@shop.test", "pw-123456789")
        token = issue_token(session, user)
    headers = {"Authorization": f"Bearer {token}"}
    secret, access = "plain-channel-secret-42", "plain-access-token-" + "x" * 40
    created = []
    for channel_id in ("1650000001", "1650000002"):  # same secrets on two channels
        r = any_client.post("/api/accounts", headers=headers, json={
            "name": "Shop", "channel_id": channel_id, "channel_secret": secret,
            "access_token": access})
        assert r.status_code == 201, r.text
        created.append(r.json())

    with db.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT channel_secret_enc, access_token_enc, commerce_secret_enc "
            "FROM line_accounts ORDER BY id")).all()
    assert len(rows) == 2
    for (secret_enc, access_enc, commerce_enc), account in zip(rows, created, strict=True):
        raw = " ".join((secret_enc, access_enc, commerce_enc))
        assert secret not in raw and access not in raw
        assert account["commerce_secret"] not in raw
        assert decrypt(secret_enc) == secret
        assert decrypt(access_enc) == access
        assert decrypt(commerce_enc) == account["commerce_secret"]
    # Equal secrets do not give equal ciphertexts (nothing to compare across accounts).
    assert rows[0][0] != rows[1][0] and rows[0][1] != rows[1][1]


def test_decrypt_refuses_tampered_ciphertext() -> None:
    token = encrypt("channel-secret")
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(ValueError, match="LUMO_SECRET_KEY"):
        decrypt(tampered)


# --- API tokens and passwords ---------------------------------------------------------------------


def test_api_tokens_are_stored_hashed(migrated_db: Database) -> None:
    with migrated_db.session() as session:
        user = create_user(session, _org(session), "ops@shop.test", None)
        token = issue_token(session, user)
        other = issue_token(session, user, name="ci")
        user_id = user.id
    assert token != other

    with migrated_db.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM api_tokens"))
                        for v in row)
    assert token not in dump and token.removeprefix("lumo_") not in dump
    assert hashlib.sha256(token.encode()).hexdigest() in dump

    with migrated_db.session() as session:
        found = user_for_token(session, token)
        assert found is not None and found.id == user_id
        assert user_for_token(session, other).id == user_id  # type: ignore[union-attr]
        assert user_for_token(session, "lumo_not-a-real-token") is None
        assert user_for_token(session, token + "x") is None
        assert user_for_token(session, "") is None
        revoke_token(session, token)
    with migrated_db.session() as session:
        assert user_for_token(session, token) is None
        assert user_for_token(session, other) is not None  # only that token is revoked


def test_session_tokens_expire(migrated_db: Database) -> None:
    with migrated_db.session() as session:
        user = create_user(session, _org(session), "s@shop.test", None)
        token = issue_token(session, user, kind="session")
    try:
        clock.advance(13 * 86_400)
        with migrated_db.session() as session:
            assert user_for_token(session, token) is not None
        clock.advance(2 * 86_400)
        with migrated_db.session() as session:
            assert user_for_token(session, token) is None
    finally:
        clock.reset()


def test_passwords_are_argon2_hashes(migrated_db: Database) -> None:
    password = "correct horse battery"
    with migrated_db.session() as session:
        org = _org(session)
        create_user(session, org, "Aiko@Shop.TEST", password)
        create_user(session, org, "token-only@shop.test", None)
    with migrated_db.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users WHERE email = "
                                   "'aiko@shop.test'")).scalar_one()
    assert stored.startswith("$argon2id$") and password not in stored

    with migrated_db.session() as session:
        user = find_user_by_email(session, "  AIKO@shop.test ")
        assert user is not None
        assert check_password(user, password)
        assert not check_password(user, "correct horse battery ")
        assert not check_password(user, "")
        token_only = find_user_by_email(session, "token-only@shop.test")
        assert token_only is not None and not check_password(token_only, "")
    with migrated_db.session() as session:
        other = create_user(session, _org(session, "B"), "b@shop.test", password)
        assert other.password_hash != stored  # salted


# --- constraints ----------------------------------------------------------------------------------


def test_channel_id_is_unique(migrated_db: Database) -> None:
    with migrated_db.session() as session:
        _account(session, _org(session, "A"), "1650000001")
    with pytest.raises(IntegrityError), migrated_db.session() as session:
        _account(session, _org(session, "B"), "1650000001")
    with migrated_db.session() as session:
        assert len(session.scalars(select(LineAccount)).all()) == 1
        assert session.scalars(select(Organisation.name)).all() == ["A"]  # rolled back


def test_tag_names_are_unique_per_organisation(migrated_db: Database) -> None:
    with migrated_db.session() as session:
        a, b = _org(session, "A"), _org(session, "B")
        session.add_all([Tag(organisation_id=a.id, name="VIP"),
                         Tag(organisation_id=b.id, name="VIP"),
                         Tag(organisation_id=a.id, name="vip-2")])
        a_id = a.id
    with pytest.raises(IntegrityError), migrated_db.session() as session:
        session.add(Tag(organisation_id=a_id, name="VIP"))
        session.flush()
    with migrated_db.session() as session:
        names = session.execute(select(Tag.organisation_id, Tag.name)
                                .order_by(Tag.organisation_id, Tag.name)).all()
    assert [n for _, n in names] == ["VIP", "vip-2", "VIP"]


def test_friend_is_unique_per_account_and_user_emails_are_unique(migrated_db: Database) -> None:
    with migrated_db.session() as session:
        org = _org(session)
        acc, other_acc = _account(session, org), _account(session, org)
        session.add_all([Friend(organisation_id=org.id, account_id=acc.id, line_user_id="U1"),
                         Friend(organisation_id=org.id, account_id=other_acc.id,
                                line_user_id="U1")])
        create_user(session, org, "same@shop.test", None)
        ids = org.id, acc.id
    with pytest.raises(IntegrityError), migrated_db.session() as session:
        session.add(Friend(organisation_id=ids[0], account_id=ids[1], line_user_id="U1"))
        session.flush()
    with pytest.raises(IntegrityError), migrated_db.session() as session:
        create_user(session, session.get(Organisation, ids[0]), "SAME@shop.test", None)


def test_deleting_an_organisation_removes_its_data(migrated_db: Database) -> None:
    with migrated_db.session() as session:
        gone, kept = _org(session, "Gone"), _org(session, "Kept")
        for org in (gone, kept):
            _account(session, org)
            session.add(Tag(organisation_id=org.id, name="VIP"))
            create_user(session, org, f"{org.name}@shop.test", None)
        gone_id = gone.id
    with migrated_db.session() as session:
        session.execute(text("DELETE FROM organisations WHERE id = :id"), {"id": gone_id})
    with migrated_db.session() as session:
        assert session.scalar(select(Tag.name)) == "VIP"  # Kept's tag
        assert {u.email for u in session.scalars(select(User))} == {"kept@shop.test"}
        assert gone_id not in set(session.scalars(select(LineAccount.organisation_id)))
        assert gone_id not in set(session.scalars(select(Tag.organisation_id)))


# --- workflows, revisions, runs, steps ------------------------------------------------------------


def _definition(text_: str) -> dict[str, Any]:
    return {"nodes": [
        {"id": "start", "type": "start", "config": {"account_ids": [1]}},
        {"id": "trigger", "type": "trigger.friend_add", "config": {}},
        {"id": "send", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": text_}]}}],
        "edges": [{"source": "start", "target": "trigger"},
                  {"source": "trigger", "target": "send"}]}


def test_workflow_revisions_runs_and_steps_round_trip(migrated_db: Database) -> None:
    first, second = _definition("ようこそ！"), _definition("Welcome back 👋")
    with migrated_db.session() as session:
        org = _org(session)
        acc = _account(session, org)
        friend = Friend(organisation_id=org.id, account_id=acc.id, line_user_id="U1",
                        display_name="愛子")
        session.add(friend)
        session.flush()
        wf = create_workflow(session, org.id, None, "Welcome",
                             definition=parse_definition(first))
        run = Run(workflow_id=wf.id, revision=1, account_id=acc.id, friend_id=friend.id,
                  trigger_node_id="trigger", status="waiting", current_node_id="send")
        session.add(run)
        session.flush()
        started = datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=UTC)
        session.add_all([
            Step(run_id=run.id, node_id="trigger", node_type="trigger.friend_add",
                 status="completed", output_handle="out", output={"event": "follow"},
                 started_at=started, finished_at=started + timedelta(milliseconds=5)),
            Step(run_id=run.id, node_id="send", node_type="action.send_message",
                 status="failed", attempt=3, error="LINE answered 500 three times",
                 started_at=started + timedelta(seconds=1)),
        ])
        save_workflow(session, wf, 1, None, definition=second)
        ids = wf.id, run.id

    with migrated_db.session() as session:
        wf = session.get(Workflow, ids[0])
        assert wf is not None and wf.latest_revision == 2 and wf.status == "draft"
        run = session.get(Run, ids[1])
        assert run is not None and run.revision == 1 and run.status == "waiting"
        pinned = revision(session, wf.id, run.revision).definition
        assert pinned["nodes"][2]["config"]["messages"][0]["text"] == "ようこそ！"
        latest = revision(session, wf.id, wf.latest_revision).definition
        assert latest["nodes"][2]["config"]["messages"][0]["text"] == "Welcome back 👋"
        assert parse_definition(pinned) == parse_definition(first)
        steps = session.scalars(select(Step).where(Step.run_id == run.id)
                                .order_by(Step.started_at)).all()
        assert [(s.node_id, s.status, s.attempt, s.output_handle) for s in steps] == [
            ("trigger", "completed", 1, "out"), ("send", "failed", 3, None)]
        assert steps[0].output == {"event": "follow"} and steps[1].output is None
        assert steps[1].error == "LINE answered 500 three times"
        assert steps[0].finished_at - steps[0].started_at == timedelta(milliseconds=5)
        assert steps[0].started_at == datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=UTC)


def test_stale_save_stores_no_revision(migrated_db: Database) -> None:
    from engine.workflows import StaleRevision

    with migrated_db.session() as session:
        wf = create_workflow(session, _org(session).id, None, "W")
        save_workflow(session, wf, 1, None, definition=_definition("v2"))
        wf_id = wf.id
    with pytest.raises(StaleRevision), migrated_db.session() as session:
        save_workflow(session, session.get(Workflow, wf_id), 1, None,
                      definition=_definition("lost"))
    with migrated_db.session() as session:
        assert session.get(Workflow, wf_id).latest_revision == 2  # type: ignore[union-attr]


# --- time zones -----------------------------------------------------------------------------------


def test_datetimes_come_back_timezone_aware_utc(migrated_db: Database) -> None:
    nine_jst = datetime(2026, 1, 1, 9, 0, tzinfo=JST)  # = 00:00 UTC
    with migrated_db.session() as session:
        org = _org(session)
        acc = _account(session, org)
        friend = Friend(organisation_id=org.id, account_id=acc.id, line_user_id="U1",
                        followed_at=nine_jst, blocked_at=datetime(2026, 1, 2, 12, 30))  # naive
        session.add(friend)
        session.flush()
        wf = create_workflow(session, org.id, None, "W")
        run = Run(workflow_id=wf.id, revision=1, account_id=acc.id, friend_id=friend.id,
                  trigger_node_id="t")
        session.add(run)
        session.flush()
        session.add_all([
            Wait(run_id=run.id, node_id="d1", kind="delay", wake_at=nine_jst),
            Wait(run_id=run.id, node_id="d2", kind="delay",
                 wake_at=datetime(2026, 1, 1, 0, 45, tzinfo=UTC))])
        ids = friend.id, org.id

    with migrated_db.session() as session:
        if not migrated_db.is_sqlite:  # the server's zone must not leak into values
            session.execute(text("SET TIME ZONE 'America/Los_Angeles'"))
        friend = session.get(Friend, ids[0])
        assert friend is not None
        assert friend.followed_at == datetime(2026, 1, 1, 0, 0, tzinfo=UTC)
        assert friend.followed_at.utcoffset() == timedelta(0)  # type: ignore[union-attr]
        assert friend.blocked_at == datetime(2026, 1, 2, 12, 30, tzinfo=UTC)
        assert friend.blocked_at.tzinfo is not None  # type: ignore[union-attr]
        created = session.get(Organisation, ids[1]).created_at  # type: ignore[union-attr]
        assert created.utcoffset() == timedelta(0)
        assert abs(clock.now() - created) < timedelta(minutes=5)
        # Comparisons in SQL use the instant, whatever zone the parameter is written in.
        due = session.scalars(select(Wait.node_id).where(
            Wait.wake_at <= datetime(2026, 1, 1, 9, 30, tzinfo=JST))).all()
        assert due == ["d1"]


# --- JSON -----------------------------------------------------------------------------------------


def test_json_columns_round_trip_nested_japanese_data(migrated_db: Database) -> None:
    attributes = {"interest": "セール", "sizes": ["S", "M"], "profile": {
        "city": "東京", "visits": 3, "vip": True, "score": 4.5, "note": None,
        "history": [{"sku": "ABC-1", "qty": 2}, {"sku": "あいう", "qty": 1}]}}
    with migrated_db.session() as session:
        org = _org(session)
        friend = Friend(organisation_id=org.id, account_id=_account(session, org).id,
                        line_user_id="U1", attributes=attributes)
        session.add(friend)
        session.flush()
        definition = parse_definition(_definition("こんにちは {{friend.display_name}} さん🎉"))
        wf_id = create_workflow(session, org.id, None, "日本語のワークフロー",
                                definition=definition).id
        friend_id = friend.id

    with migrated_db.session() as session:
        friend = session.get(Friend, friend_id)
        assert friend is not None and friend.attributes == attributes
        set_attribute(session, friend, "回答", "はい")  # a Question answer
    with migrated_db.session() as session:
        friend = session.get(Friend, friend_id)
        assert friend is not None
        assert friend.attributes == {**attributes, "回答": "はい"}
        wf = session.get(Workflow, wf_id)
        assert wf is not None and wf.name == "日本語のワークフロー"
        stored = revision(session, wf_id, 1).definition
        assert stored == definition.model_dump(mode="json")
        assert stored["nodes"][2]["config"]["messages"][0]["text"] == \
            "こんにちは {{friend.display_name}} さん🎉"
        # JSON is queryable data, not an opaque string, on both databases.
        assert session.scalar(select(Friend.id).where(
            Friend.attributes["interest"].as_string() == "セール")) == friend_id
