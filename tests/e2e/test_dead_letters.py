"""Dead letters in the execution history: an event of the workflow's account that could not
be processed is listed with its error; an admin retries it and it is processed."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect
from sqlalchemy import select

from engine import clock
from engine.line.simulator import build_event
from engine.storage.models import WebhookEvent
from tests.e2e.support import Lumo, unique


def test_dead_letter_listed_in_history_and_retried_by_an_admin(page: Page, lumo: Lumo) -> None:
    api = lumo.api
    wid = api.post("/api/workflows", json={"name": unique("Welcome")}).json()["id"]
    definition = {"nodes": [
        {"id": "start", "type": "start", "config": {"account_ids": [lumo.account_id]}},
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "m", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": "Welcome back!"}]}}],
        "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "m"}]}
    assert api.put(f"/api/workflows/{wid}", headers={"If-Match": "1"},
                   json={"definition": definition}).status_code == 200
    user = "U" + uuid.uuid4().hex
    event = build_event("follow", user)
    now = clock.now()
    with lumo.app.state.db.session() as s:
        dead = WebhookEvent(account_id=lumo.account_id, event_key=event["webhookEventId"],
                            event_type="follow", line_user_id=user, payload=event,
                            status="dead", attempts=5, received_at=now, dead_at=now,
                            error="RuntimeError: the profile service was down")
        s.add(dead)
        s.flush()
        dead_id = dead.id

    page.goto(f"{lumo.url}/workflows/{wid}/executions")
    row = page.get_by_test_id(f"dead-letter-{dead_id}")
    expect(row).to_contain_text("the profile service was down")
    expect(row).to_contain_text("follow")
    page.get_by_test_id(f"dead-letter-retry-{dead_id}").click()
    expect(row).to_have_count(0)
    with lumo.app.state.db.session() as s:
        status = s.scalar(select(WebhookEvent.status).where(WebhookEvent.id == dead_id))
    assert status in ("pending", "processed", "ignored")
