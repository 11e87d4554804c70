"""A step is marked running in the commit before it runs, so a crash never loses or doubles it.

The hot path marks step N+1 running in step N's commit. These tests crash a worker right after
LINE accepted a push (before the step's commit) and check what a user would see: the message
arrives once, the history shows the step with its second attempt, and a paused workflow stops
at the step that was already marked.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from engine import clock
from engine.dispatch.tasks import handle_event
from engine.ingest import store_line_events
from engine.line.gateway import CallResult, LineGateway
from engine.line.simulator import build_event
from engine.runtime.context import Services
from engine.runtime.interpreter import advance_run
from engine.storage.db import Database
from engine.storage.migrate import upgrade
from engine.storage.models import (
    Run,
    Step,
    Workflow,
    WorkflowRevision,
)
from engine.triggers import TriggerIndex
from tests.support.stack import Simulator, add_simulated_account, user_id


class Crash(BaseException):
    """Stands for the process dying: nothing in the engine catches it."""


class CrashingGateway(LineGateway):
    """Delivers the push, then dies before the caller can commit (once, on a chosen text);
    or runs `meanwhile` while the push is in flight."""

    crash_on: str | None = None
    meanwhile: Callable[[], None] | None = None

    def push(self, access_token: str, to: str, messages: list[dict[str, Any]],
             retry_key: str) -> CallResult:
        result = super().push(access_token, to, messages, retry_key)
        if self.meanwhile is not None:
            self.meanwhile()
        if self.crash_on is not None and messages[0].get("text") == self.crash_on:
            self.crash_on = None
            raise Crash
        return result


@pytest.fixture
def engine(simulator: Simulator, tmp_path: Path) -> Iterator[tuple[Services, Simulator, str]]:
    url = f"sqlite:///{tmp_path / 'marking.db'}"
    upgrade(url)
    db = Database(url)
    channel = str(uuid.uuid4().int)[:10]
    simulator.register(channel, "http://127.0.0.1:9/unused")
    gateway = CrashingGateway(simulator.url, backoff_initial=0.01, backoff_max=0.05)
    yield Services(db=db, gateway=gateway), simulator, channel
    db.dispose()


def _setup(services: Services, channel: str) -> tuple[int, int]:
    """An active workflow: friend added → send "one" → send "two"."""
    with services.db.session() as s:
        org_id, acc_id = add_simulated_account(s, channel, "marking")
        wf = Workflow(organisation_id=org_id, name="two pushes", status="active",
                      latest_revision=1, published_revision=1)
        s.add(wf)
        s.flush()
        s.add(WorkflowRevision(workflow_id=wf.id, number=1, definition={
            "nodes": [{"id": "start", "type": "start", "config": {"account_ids": [acc_id]}},
                      {"id": "t", "type": "trigger.friend_add", "config": {}},
                      {"id": "one", "type": "action.send_message",
                       "config": {"messages": [{"type": "text", "text": "one"}]}},
                      {"id": "two", "type": "action.send_message",
                       "config": {"messages": [{"type": "text", "text": "two"}]}}],
            "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "one"},
                      {"source": "one", "target": "two"}]}))
        return acc_id, wf.id


def _follow(services: Services, account_id: int, uid: str) -> int:
    with services.db.session() as s:
        return store_line_events(s, account_id, [build_event("follow", uid)], clock.now())[0]


def _steps(services: Services) -> list[tuple[str, str, int]]:
    with services.db.session() as s:
        return [(st.node_id, st.status, st.attempt) for st in s.scalars(
            select(Step).order_by(Step.started_at, Step.id))]


def _expire_lease(services: Services) -> str:
    """What recovery sees once the dead worker's lease has run out."""
    with services.db.session() as s:
        s.execute(update(Run).values(lease_until=clock.now() - timedelta(seconds=1)))
        return s.scalars(select(Run.id)).one()


def test_crash_after_a_push_resends_nothing_and_counts_the_attempt(
        engine: tuple[Services, Simulator, str]) -> None:
    services, sim, channel = engine
    account_id, _ = _setup(services, channel)
    uid = user_id()
    services.gateway.crash_on = "two"  # type: ignore[attr-defined]
    with pytest.raises(Crash):
        handle_event(services, TriggerIndex(), _follow(services, account_id, uid))
    assert sim.texts(uid) == ["one", "two"]  # LINE accepted both before the crash
    # "one" committed with "two" marked running; "two"'s own commit was lost with the crash.
    assert _steps(services) == [("t", "completed", 1), ("one", "completed", 1),
                                ("two", "running", 1)]

    assert advance_run(services, _expire_lease(services)) == "completed"
    assert sim.texts(uid) == ["one", "two"]  # the redo reused the retry key: LINE said 409
    assert _steps(services) == [("t", "completed", 1), ("one", "completed", 1),
                                ("two", "completed", 2)]


def test_pause_while_a_step_runs_stops_the_run_at_the_step_already_marked(
        engine: tuple[Services, Simulator, str]) -> None:
    services, sim, channel = engine
    account_id, workflow_id = _setup(services, channel)
    uid = user_id()

    def pause() -> None:  # the marketer pauses while "one" is being sent
        with services.db.session() as s:
            s.execute(update(Workflow).where(Workflow.id == workflow_id)
                      .values(status="inactive"))

    services.gateway.meanwhile = pause  # type: ignore[attr-defined]
    handle_event(services, TriggerIndex(), _follow(services, account_id, uid))
    assert sim.texts(uid) == ["one"]  # "two" was marked with "one"'s result, never sent
    assert _steps(services) == [("t", "completed", 1), ("one", "completed", 1),
                                ("two", "cancelled", 1)]
    with services.db.session() as s:
        run = s.scalars(select(Run)).one()
        assert run.status == "cancelled" and "paused" in (run.error or "")
