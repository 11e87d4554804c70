"""Issue 15 behind the door: events whose handler fails are counted durably, back off, and
are dead-lettered after N attempts (or at once when they can never be read); dead letters are
listed and retryable by an admin, counted in /metrics, and never block other events.

Lumo runs on a real port (in-process backend, SQLite) with a fresh LINE simulator; the
failures are real ones, made in the database as they happen in production: events stored by
a version without the door check, and a published workflow naming a node type that no longer
exists.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from engine import clock
from engine.line.signature import sign
from engine.line.simulator import build_body, build_event
from engine.storage.models import WebhookEvent, Workflow, WorkflowRevision
from tests.conftest import create_tenant
from tests.support.stack import CHANNEL_SECRET, Simulator, Stack, text_node, wait_until

MAX_ATTEMPTS = 3


@pytest.fixture
def stack(sim: Simulator, tmp_path: Path) -> Iterator[Stack]:
    s = Stack(f"sqlite:///{tmp_path / 'lumo.db'}", sim, event_max_attempts=MAX_ATTEMPTS,
              event_backoff_initial=0.05, event_backoff_max=0.2).start()
    yield s
    s.stop()


def post(stack: Stack, events: list[dict[str, Any]]) -> int:
    body = build_body("U" + "0" * 32, events)
    return stack.http.post(f"/webhooks/line/{stack.channel_id}", content=body, headers={
        "X-Line-Signature": sign(body, CHANNEL_SECRET)}).status_code


def statuses(stack: Stack) -> dict[str, int]:
    with stack.app.state.db.session() as s:
        return {k: v for k, v in s.execute(select(WebhookEvent.status, func.count())
                                           .group_by(WebhookEvent.status))}


def store_legacy(stack: Stack, payloads: list[dict[str, Any]]) -> None:
    """Events as an earlier version stored them: accepted with 200, never checked."""
    now = clock.now()
    with stack.app.state.db.session() as s:
        s.execute(insert(WebhookEvent), [
            {"account_id": stack.account["id"], "event_key": p["webhookEventId"],
             "source": "line", "event_type": "message", "line_user_id": None, "payload": p,
             "status": "pending", "attempts": 0, "received_at": now, "next_attempt_at": now}
            for p in payloads])


def poison(i: int) -> dict[str, Any]:
    event = build_event("message", "U" + uuid.uuid4().hex, text="x")
    if i % 3 == 0:
        event["message"]["text"] = 5
    elif i % 3 == 1:
        event["source"]["userId"] = 12345
    else:
        event = build_event("postback", "U" + uuid.uuid4().hex, data="x")
        event["postback"]["data"] = {"a": 1}
    return event


COUPON_FLOW = [{"id": "t", "type": "trigger.message_received",
                "config": {"keywords": ["coupon"], "match_type": "contains"}},
               text_node("m", "Here is your coupon")]


def test_stored_poison_is_dead_lettered_with_its_field_and_never_blocks_good_events(
        stack: Stack, sim: Simulator, caplog: pytest.LogCaptureFixture) -> None:
    stack.workflow(COUPON_FLOW, [("start", "t"), ("t", "m")])
    caplog.set_level(logging.INFO)
    store_legacy(stack, [poison(i) for i in range(300)])
    users = ["U" + uuid.uuid4().hex for _ in range(20)]
    assert post(stack, [build_event("message", u, text="coupon please") for u in users]) == 200
    wait_until(lambda: statuses(stack).get("dead") == 300, timeout=60, what="300 dead letters")
    wait_until(lambda: all(sim.texts(u) == ["Here is your coupon"] for u in users),
               timeout=30, what="every good event's push")
    stack.idle()
    assert statuses(stack) == {"dead": 300, "processed": 20}
    with stack.app.state.db.session() as s:
        errors = list(s.scalars(select(WebhookEvent.error).where(WebhookEvent.status == "dead")))
    assert all("message.text" in e or "source.userId" in e or "postback.data" in e
               for e in errors), errors[:3]
    # A bounded log: one line per dead letter, no tracebacks, no retry loop.
    # (Per-request and per-run lines are the access log and the good runs, not the poison.)
    lines = [r for r in caplog.records if r.name.startswith("lumo")
             and r.name not in ("lumo.http", "lumo.runs")]
    assert len(lines) <= 300 + 20, len(lines)
    assert not [r for r in lines if r.exc_info]


def _break_published_revision(stack: Stack, workflow_id: int) -> None:
    """A published trigger whose node type no longer exists: every matching fails."""
    with stack.app.state.db.session() as s:
        wf = s.get(Workflow, workflow_id)
        rev = s.scalar(select(WorkflowRevision).where(
            WorkflowRevision.workflow_id == workflow_id,
            WorkflowRevision.number == wf.published_revision))
        definition = rev.definition
        rev.definition = {**definition, "nodes": [
            {**n, "type": "trigger.retired"} if n["id"] == "t" else n
            for n in definition["nodes"]]}
        wf.updated_at = clock.now()
        s.flush()
        good = definition
    stack.app.state.backend.triggers_changed()
    stack.good_definition = good  # type: ignore[attr-defined]


def _repair(stack: Stack, workflow_id: int) -> None:
    with stack.app.state.db.session() as s:
        wf = s.get(Workflow, workflow_id)
        s.execute(update(WorkflowRevision).where(
            WorkflowRevision.workflow_id == workflow_id,
            WorkflowRevision.number == wf.published_revision).values(
            definition=stack.good_definition))  # type: ignore[attr-defined]
        wf.updated_at = clock.now()
    stack.app.state.backend.triggers_changed()


def profile_calls(sim: Simulator) -> int:
    counts = sim.http.get("/_sim/stats").json()["counts"]
    return sum(n for k, n in counts.items() if k.startswith("profile"))


def test_a_failing_handler_is_counted_backs_off_and_is_dead_lettered_after_n_attempts(
        stack: Stack, sim: Simulator, caplog: pytest.LogCaptureFixture) -> None:
    wid = stack.workflow([{"id": "t", "type": "trigger.friend_add", "config": {}},
                          text_node("m", "Welcome!")], [("start", "t"), ("t", "m")])
    _break_published_revision(stack, wid)
    caplog.set_level(logging.INFO)
    users = ["U" + uuid.uuid4().hex for _ in range(10)]
    profiles_before = profile_calls(sim)
    assert post(stack, [build_event("follow", u) for u in users]) == 200
    wait_until(lambda: statuses(stack).get("dead") == 10, timeout=60, what="10 dead letters")
    with stack.app.state.db.session() as s:
        rows = s.execute(select(WebhookEvent.attempts, WebhookEvent.error,
                                WebhookEvent.dead_at)).all()
    assert {r.attempts for r in rows} == {MAX_ATTEMPTS}
    assert all("trigger.retired" in r.error and r.dead_at for r in rows)
    # A new user's profile is fetched once, not on every retry (the issue: 652 calls).
    assert profile_calls(sim) - profiles_before == len(users)
    failures = [r for r in caplog.records if r.name == "lumo.events"]
    assert len(failures) <= MAX_ATTEMPTS * len(users) + len(users)
    assert sim.texts(users[0]) == []

    # Listed for the organisation, with the error; counted in /metrics.
    page = stack.http.get("/api/dead-letters", params={"limit": 4}).json()
    assert page["total"] == 10 and len(page["items"]) == 4
    assert page["items"][0]["attempts"] == MAX_ATTEMPTS
    assert "trigger.retired" in page["items"][0]["error"]
    metrics = stack.http.get("/metrics").text
    assert "lumo_events_dead 10.0" in metrics
    assert stack.http.get(f"/api/dead-letters/{page['items'][0]['id']}").json()[
        "payload"]["type"] == "follow"

    # Another organisation sees none of them; a viewer or an editor cannot retry.
    other = create_tenant(stack.app.state.db, "Other shop")
    assert stack.http.get("/api/dead-letters", headers=other.headers).json()["total"] == 0
    event_id = page["items"][0]["id"]
    assert stack.http.post(f"/api/dead-letters/{event_id}/retry",
                           headers=other.headers).status_code == 404
    with stack.app.state.db.session() as s:
        org = stack.tenant.organisation_id  # type: ignore[union-attr]
        editor = _user(s, org, "editor")
    assert stack.http.post(f"/api/dead-letters/{event_id}/retry",
                           headers=editor).status_code == 403

    # Repaired, then retried by an admin: processed and pushed exactly once.
    _repair(stack, wid)
    for item in stack.http.get("/api/dead-letters", params={"limit": 50}).json()["items"]:
        r = stack.http.post(f"/api/dead-letters/{item['id']}/retry")
        assert r.status_code == 200, r.text
        assert r.json()["status"] in ("pending", "processed")
    wait_until(lambda: all(sim.texts(u) == ["Welcome!"] for u in users), timeout=30,
               what="the retried welcomes")
    assert statuses(stack) == {"processed": 10}
    assert stack.http.post(f"/api/dead-letters/{event_id}/retry").status_code == 409


def _user(session: Any, organisation_id: int, role: str) -> dict[str, str]:
    from engine.identity import create_user, issue_token
    from engine.storage.models import Organisation

    org = session.get(Organisation, organisation_id)
    user = create_user(session, org, f"{role}-{uuid.uuid4().hex[:6]}@example.com", None,
                       role=role)
    token = issue_token(session, user, name="t")
    return {"Authorization": f"Bearer {token}"}


def test_the_sweep_hands_out_by_due_time_skips_backoff_and_dead(stack: Stack) -> None:
    """Fairness of the recovery sweep, and its memo (Celery) letting a due retry through."""
    from datetime import timedelta

    from engine.dispatch.tasks import Submitters, SweepMemo, sweep

    stack.app.state.backend.stop()  # the test is the only one to hand events out
    now = clock.now()
    rows = []
    for i, (status, attempts, due) in enumerate([
            ("pending", 2, now + timedelta(minutes=5)),  # backing off: not yet
            ("dead", 5, None),                              # dead: never
            ("pending", 0, now - timedelta(minutes=1)),     # arrived later, due earlier
            ("pending", 1, now - timedelta(minutes=2)),     # backoff over: first
            ("pending", 0, now)]):                          # fresh: inside the grace
        rows.append({"account_id": stack.account["id"], "event_key": f"k{i}", "source": "line",
                     "event_type": "follow", "payload": {}, "status": status,
                     "attempts": attempts, "received_at": now, "next_attempt_at": due})
    with stack.app.state.db.session() as s:
        ids = list(s.scalars(insert(WebhookEvent).returning(WebhookEvent.id), rows))
    handed: list[int] = []
    submit = Submitters(event=handed.append, run=lambda r: None, waits=lambda w: None)
    memo = SweepMemo(every=60)
    sweep(stack.app.state.services, submit, grace=timedelta(seconds=10), memo=memo)
    assert handed == [ids[3], ids[2]]
    sweep(stack.app.state.services, submit, grace=timedelta(seconds=10), memo=memo)
    assert handed == [ids[3], ids[2]]  # the memo holds them back...
    with stack.app.state.db.session() as s:  # ...until one failed again and is due again
        s.execute(update(WebhookEvent).where(WebhookEvent.id == ids[3])
                  .values(attempts=2, next_attempt_at=now))
    sweep(stack.app.state.services, submit, grace=timedelta(seconds=10), memo=memo)
    assert handed == [ids[3], ids[2], ids[3]]
