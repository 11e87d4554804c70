"""Runs end to end: waits, questions, pause, duplicates, signatures, 429 storms, history."""

from __future__ import annotations

import json
import threading

import httpx
from sqlalchemy import func, select

from engine import clock
from engine.line.signature import sign
from engine.line.simulator import build_body, build_event
from engine.storage.models import WebhookEvent
from tests.support.stack import CHANNEL_SECRET, Stack, text_node, user_id, wait_until


def _events_stored(stack: Stack) -> int:
    with stack.app.state.db.session() as s:
        return s.scalar(select(func.count(WebhookEvent.id))) or 0


def test_forged_or_missing_signature_is_401_and_stores_nothing(stack: Stack) -> None:
    body = build_body("Udest", [build_event("follow", user_id())])
    url = f"{stack.server.url}/webhooks/line/{stack.channel_id}"
    assert httpx.post(url, content=body).status_code == 401
    assert httpx.post(url, content=body, headers={
        "X-Line-Signature": sign(body, "not-the-secret")}).status_code == 401
    assert httpx.post(url, content=body, headers={
        "X-Line-Signature": "!!not base64!!"}).status_code == 401
    assert httpx.post(url, content=b"\x00\xff garbage", headers={
        "X-Line-Signature": sign(b"\x00\xff garbage", CHANNEL_SECRET)}).status_code == 400
    assert _events_stored(stack) == 0
    # Header names are case-insensitive; an empty event list (LINE's Verify) is fine.
    empty = json.dumps({"destination": "Udest", "events": []}).encode()
    assert httpx.post(url, content=empty, headers={
        "x-line-signature": sign(empty, CHANNEL_SECRET)}).status_code == 200
    assert httpx.post(url, content=body, headers={
        "X-LINE-SIGNATURE": sign(body, CHANNEL_SECRET)}).status_code == 200
    assert _events_stored(stack) == 1
    unknown = f"{stack.server.url}/webhooks/line/999"
    assert httpx.post(unknown, content=body, headers={
        "X-Line-Signature": sign(body, CHANNEL_SECRET)}).status_code == 404


def test_duplicate_and_redelivered_webhooks_start_one_run(stack: Stack) -> None:
    wid = stack.workflow([{"id": "t", "type": "trigger.message_received",
                           "config": {"keywords": ["hello"], "match_type": "equals"}},
                          text_node("m", "hi!")], [("start", "t"), ("t", "m")])
    uid = user_id()
    stack.sim.add_friend(uid, "Dup")
    event = build_event("message", uid, text="hello")
    body = build_body("Udest", [event])
    redelivered = dict(event, deliveryContext={"isRedelivery": True})
    body2 = build_body("Udest", [redelivered])
    url = f"{stack.server.url}/webhooks/line/{stack.channel_id}"

    def post(b: bytes) -> None:
        r = httpx.post(url, content=b, headers={"X-Line-Signature": sign(b, CHANNEL_SECRET)})
        assert r.status_code == 200

    threads = [threading.Thread(target=post, args=(b,)) for b in [body] * 8 + [body2] * 4]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stack.idle()
    assert stack.sim.texts(uid) == ["hi!"]
    assert len(stack.runs(wid)) == 1
    assert _events_stored(stack) == 1


def test_question_answer_reprompt_and_timeout(stack: Stack) -> None:
    yes_kw = stack.workflow([{"id": "t", "type": "trigger.message_received",
                              "config": {"keywords": ["yes"], "match_type": "equals"}},
                             text_node("m", "keyword workflow")], [("start", "t"), ("t", "m")],
                            name="yes keyword")
    wid = stack.workflow([
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "q", "type": "action.question", "config": {
            "text": "Want a coupon?", "options": ["Yes", "No"], "attribute": "wants_coupon",
            "timeout_seconds": 3600, "reprompt_text": "Please tap Yes or No",
            "max_reprompts": 1}},
        {"id": "b", "type": "action.branch", "config": {"branches": [
            {"label": "yes", "conditions": [{"kind": "attribute", "attribute": "wants_coupon",
                                             "op": "equals", "value": "Yes"}]}]}},
        text_node("coupon", "Here is your coupon"),
        text_node("no", "OK, maybe later"),
        text_node("late", "You did not answer"),
    ], [("start", "t"), ("t", "q"), ("q", "answered", "b"), ("q", "timeout", "late"),
        ("b", "branch-1", "coupon"), ("b", "else", "no")], name="survey")
    answerer, silent = user_id(), user_id()
    stack.sim.add_friend(answerer, "Answerer")
    stack.sim.add_friend(silent, "Silent")
    stack.act("follow", user_id=answerer)
    stack.act("follow", user_id=silent)
    wait_until(lambda: len(stack.runs(wid, "waiting")) == 2, what="two waiting runs")
    asked = stack.sim.messages(answerer)[0]["messages"][0]
    assert asked["text"] == "Want a coupon?"
    assert [i["action"]["label"] for i in asked["quickReply"]["items"]] == ["Yes", "No"]

    stack.act("message", user_id=answerer, text="maybe")
    wait_until(lambda: "Please tap Yes or No" in stack.sim.texts(answerer), what="re-prompt")
    stack.act("message", user_id=answerer, text="yes")
    wait_until(lambda: "Here is your coupon" in stack.sim.texts(answerer), what="coupon")
    assert "keyword workflow" not in stack.sim.texts(answerer)  # the answer was consumed
    assert stack.runs(yes_kw) == []
    friend = next(f for f in stack.http.get("/api/friends").json()["items"]
                  if f["line_user_id"] == answerer)
    assert stack.http.get(f"/api/friends/{friend['id']}").json()["attributes"] == {
        "wants_coupon": "Yes"}

    assert stack.sim.texts(silent) == ["Want a coupon?"]
    clock.advance(3601)
    wait_until(lambda: "You did not answer" in stack.sim.texts(silent), what="timeout path")
    stats = stack.executions(wid)["stats"]
    assert stats["total"] == 2 and stats["succeeded"] == 2 and stats["waiting"] == 0


def test_pause_cancels_waiting_runs_at_their_next_step(stack: Stack) -> None:
    wid = stack.workflow([{"id": "t", "type": "trigger.friend_add", "config": {}},
                          {"id": "d", "type": "action.delay",
                           "config": {"amount": 1, "unit": "days"}},
                          text_node("m", "one day later")],
                         [("start", "t"), ("t", "d"), ("d", "m")])
    uid = user_id()
    stack.sim.add_friend(uid, "Paused")
    stack.act("follow", user_id=uid)
    run = wait_until(lambda: stack.runs(wid, "waiting"), what="waiting run")[0]
    assert stack.http.post(f"/api/workflows/{wid}/pause").json()["status"] == "inactive"
    other = user_id()
    stack.act("follow", user_id=other)  # no new runs while paused
    clock.advance(86_400 + 60)
    wait_until(lambda: stack.execution(run["id"])["status"] == "cancelled", what="cancelled")
    detail = stack.execution(run["id"])
    assert "paused" in detail["error"]
    assert detail["steps"][-1]["node_id"] == "d" and detail["steps"][-1]["status"] == "cancelled"
    assert stack.sim.texts(uid) == []
    assert len(stack.runs(wid)) == 1


def test_429_storm_ends_in_exactly_one_message_per_run(stack: Stack) -> None:
    wid = stack.workflow([{"id": "t", "type": "trigger.friend_add", "config": {}},
                          text_node("m", "storm-proof hello")], [("start", "t"), ("t", "m")])
    friends = [user_id() for _ in range(15)]
    for uid in friends:
        stack.sim.add_friend(uid, "Storm")
    stack.sim.faults(rate_429=0.6, rate_500=0.1, seed=7)
    for uid in friends:
        stack.act("follow", user_id=uid)
    wait_until(lambda: len(stack.runs(wid)) == 15 and all(
        r["status"] in ("completed", "failed") for r in stack.runs(wid)), timeout=60,
        what="all runs finished")
    stack.sim.clear_faults()
    runs = stack.runs(wid)
    completed = [r for r in runs if r["status"] == "completed"]
    for uid in friends:
        assert stack.sim.texts(uid).count("storm-proof hello") <= 1
    delivered = sum(stack.sim.texts(uid).count("storm-proof hello") for uid in friends)
    assert delivered == len(completed)
    for r in runs:
        if r["status"] == "failed":  # a run that gave up says why, on the step
            step = stack.execution(r["id"])["steps"][-1]
            assert step["status"] == "failed" and "429" in (step["error"] or "") or "500" in (
                step["error"] or "")
    retried = [s for r in completed for s in stack.execution(r["id"])["steps"]
               if s["node_id"] == "m" and s["attempt"] > 1]
    assert retried, "the storm should have forced retries"


def test_execution_history_is_paginated_with_totals(stack: Stack) -> None:
    wid = stack.workflow([{"id": "t", "type": "trigger.message_received", "config": {}},
                          text_node("m", "got it")], [("start", "t"), ("t", "m")])
    uid = user_id()
    stack.sim.add_friend(uid, "Pager")
    for i in range(5):
        stack.act("message", user_id=uid, text=f"msg {i}")
        stack.idle()
    page1 = stack.http.get(f"/api/workflows/{wid}/executions", params={"limit": 2}).json()
    page3 = stack.http.get(f"/api/workflows/{wid}/executions",
                           params={"limit": 2, "offset": 4}).json()
    assert page1["total"] == 5 and len(page1["items"]) == 2 and len(page3["items"]) == 1
    assert page1["stats"] == {"total": 5, "succeeded": 5, "failed": 0, "waiting": 0,
                              "running": 0, "cancelled": 0, "skipped": 0}
    times = [i["created_at"] for i in page1["items"]]
    assert times == sorted(times, reverse=True)
    assert page1["node_counts"]["m"]["completed"] == 5
    listed = stack.http.get("/api/workflows").json()["items"][0]
    assert listed["run_count"] == 5 and listed["last_run_at"]
