"""The first step of a new run uses what the event's commit wrote instead of reading it back.

What a user would notice if that went wrong: a second workflow started by the same event acting
on a stale or broken friend after the first one failed, or a rotated access token never being
picked up. These tests run the real task function against the LINE simulator.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from engine import clock
from engine.crypto import encrypt
from engine.dispatch.tasks import handle_event
from engine.ingest import store_line_events
from engine.line.gateway import LineGateway
from engine.line.simulator import build_event
from engine.runtime.accounts import AccountCache
from engine.runtime.context import Services
from engine.storage.db import Database
from engine.storage.migrate import upgrade
from engine.storage.models import (
    Friend,
    FriendTag,
    LineAccount,
    Run,
    Step,
    Tag,
    Workflow,
    WorkflowRevision,
)
from engine.triggers import TriggerIndex
from tests.support.stack import CHANNEL_SECRET, Simulator, add_simulated_account, user_id


@pytest.fixture
def services(simulator: Simulator, tmp_path: Path) -> Iterator[tuple[Services, str]]:
    url = f"sqlite:///{tmp_path / 'warm.db'}"
    upgrade(url)
    db = Database(url)
    channel = str(uuid.uuid4().int)[:10]
    simulator.register(channel, "http://127.0.0.1:9/unused")
    gateway = LineGateway(simulator.url, backoff_initial=0.01, backoff_max=0.05,
                          max_attempts=2)
    yield Services(db=db, gateway=gateway), channel
    db.dispose()


def _account(services: Services, channel: str) -> tuple[int, int]:
    with services.db.session() as s:
        return add_simulated_account(s, channel, "warm")


def _workflow(services: Services, org_id: int, account_id: int,
              actions: list[dict[str, Any]]) -> int:
    """friend added → the actions in order."""
    nodes = [{"id": "start", "type": "start", "config": {"account_ids": [account_id]}},
             {"id": "t", "type": "trigger.friend_add", "config": {}}, *actions]
    chain = ["t", *[a["id"] for a in actions]]
    edges = [{"source": "start", "target": "t"}] + [
        {"source": a, "target": b} for a, b in zip(chain, chain[1:], strict=False)]
    with services.db.session() as s:
        wf = Workflow(organisation_id=org_id, name=f"wf-{uuid.uuid4().hex[:6]}",
                      status="active", latest_revision=1, published_revision=1)
        s.add(wf)
        s.flush()
        s.add(WorkflowRevision(workflow_id=wf.id, number=1,
                               definition={"nodes": nodes, "edges": edges}))
        return wf.id


def _follow(services: Services, account_id: int, uid: str) -> int:
    with services.db.session() as s:
        return store_line_events(s, account_id, [build_event("follow", uid)], clock.now())[0]


def _text(node_id: str, text: str) -> dict[str, Any]:
    return {"id": node_id, "type": "action.send_message",
            "config": {"messages": [{"type": "text", "text": text}]}}


def test_a_failed_first_step_does_not_spoil_the_next_run_of_the_same_event(
        services: tuple[Services, str], simulator: Simulator) -> None:
    svc, channel = services
    org_id, account_id = _account(svc, channel)
    with svc.db.session() as s:
        vip = Tag(organisation_id=org_id, name="vip")
        s.add(vip)
        s.flush()
        vip_id = vip.id
    # Matched first: its first step fails (the tag was deleted), rolling its transaction back.
    broken = _workflow(svc, org_id, account_id, [
        {"id": "tag", "type": "action.tag", "config": {"tag_id": vip_id + 1000}}])
    good = _workflow(svc, org_id, account_id, [
        {"id": "tag", "type": "action.tag", "config": {"tag_id": vip_id}},
        _text("hello", "welcome")])
    uid = user_id()
    simulator.add_friend(uid, "Hanako")

    handle_event(svc, TriggerIndex(), _follow(svc, account_id, uid))

    with svc.db.session() as s:
        runs = {r.workflow_id: r for r in s.scalars(select(Run))}
        first_steps = {wid: s.scalar(select(Step.id).where(Step.run_id == r.id,
                                                           Step.node_id == "t"))
                       for wid, r in runs.items()}
        friend = s.scalars(select(Friend)).one()
        tags = list(s.scalars(select(Tag.name).join(FriendTag, FriendTag.tag_id == Tag.id)
                              .where(FriendTag.friend_id == friend.id)))
        assert runs[broken].status == "failed"
        assert "no longer exists" in (runs[broken].error or "")
        assert runs[good].status == "completed"
        # The broken run was advanced first, so the good one ran after the rollback.
        assert first_steps[broken] < first_steps[good]
        assert tags == ["vip"]
        assert friend.display_name == "Hanako"
    assert simulator.texts(uid) == ["welcome"]


def test_a_rotated_access_token_is_used_once_the_account_view_is_refreshed(
        services: tuple[Services, str], simulator: Simulator) -> None:
    svc, channel = services
    svc.accounts = AccountCache(ttl=0.3)
    org_id, account_id = _account(svc, channel)
    _workflow(svc, org_id, account_id, [_text("hello", "welcome")])
    first = user_id()
    handle_event(svc, TriggerIndex(), _follow(svc, account_id, first))
    assert simulator.texts(first) == ["welcome"]

    # The channel's token is reissued: LINE now refuses the old one.
    new_token = "rotated-" + uuid.uuid4().hex
    simulator.http.post("/_sim/channels", json={
        "channel_id": channel, "channel_secret": CHANNEL_SECRET, "access_token": new_token,
        "webhook_url": "http://127.0.0.1:9/unused"}).raise_for_status()
    with svc.db.session() as s:
        s.execute(update(LineAccount).where(LineAccount.id == account_id)
                  .values(access_token_enc=encrypt(new_token)))
    time.sleep(0.4)

    second = user_id()
    handle_event(svc, TriggerIndex(), _follow(svc, account_id, second))
    assert simulator.texts(second) == ["welcome"]
    with svc.db.session() as s:
        assert {r.status for r in s.scalars(select(Run))} == {"completed"}
