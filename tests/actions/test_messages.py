"""Send message and auto-send message end to end (LINE simulator)."""

from __future__ import annotations

from typing import Any

from tests.actions.helpers import keyword, new_friend, say, settled, step
from tests.support.stack import Stack, text_node, wait_until

IMAGE = {"type": "image", "originalContentUrl": "https://cdn.example.com/coupon.jpg",
         "previewImageUrl": "https://cdn.example.com/coupon-preview.jpg"}


def _definition(stack: Stack, nodes: list[dict[str, Any]],
                edges: list[tuple[str, str]]) -> dict[str, Any]:
    start = {"id": "start", "type": "start", "config": {"account_ids": [stack.account["id"]]}}
    return {"nodes": [start, *nodes],
            "edges": [{"source": a, "target": b, "source_handle": "out"} for a, b in edges]}


def test_text_and_image_with_placeholders(stack: Stack) -> None:
    wid = stack.workflow([
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "m", "type": "action.send_message", "config": {"messages": [
            {"type": "text", "text": "Welcome {{friend.display_name}}! Rank: "
                                     "[{{ friend.rank }}] {{friend.display_name}}"},
            IMAGE]}},
    ], [("start", "t"), ("t", "m")])
    uid = new_friend(stack, "Sakura", follow=True)
    run = stack.execution(settled(stack, wid)[0]["id"])
    assert run["status"] == "completed"
    [record] = stack.sim.messages(uid)
    # The friend just followed: the event's reply token is fresh, so the step replies.
    assert record["kind"] == "reply" and record["reply_token"]
    # A missing attribute renders empty, never as the raw placeholder.
    assert record["messages"] == [
        {"type": "text", "text": "Welcome Sakura! Rank: [] Sakura"},
        {"type": "image", "originalContentUrl": IMAGE["originalContentUrl"],
         "previewImageUrl": IMAGE["previewImageUrl"]}]
    m = step(run, "m")
    assert m["status"] == "completed" and m["output"]["messages"] == 2
    assert m["output"]["delivery"] == "reply"
    assert m["attempt"] == 1 and m["finished_at"]


def test_at_most_five_messages_and_https_images(stack: Stack) -> None:
    wid = stack.http.post("/api/workflows", json={"name": "too many"}).json()["id"]
    six = [{"type": "text", "text": f"m{i}"} for i in range(6)]
    r = stack.http.put(f"/api/workflows/{wid}", headers={"If-Match": "1"}, json={
        "definition": _definition(stack, [
            {"id": "t", "type": "trigger.friend_add", "config": {}},
            {"id": "m", "type": "action.send_message", "config": {"messages": six}}],
            [("start", "t"), ("t", "m")])})
    assert r.status_code == 422
    assert any("messages" in "/".join(map(str, e["loc"])) for e in r.json()["detail"])
    r = stack.http.put(f"/api/workflows/{wid}", headers={"If-Match": "1"}, json={
        "definition": _definition(stack, [
            {"id": "t", "type": "trigger.friend_add", "config": {}},
            {"id": "m", "type": "action.send_message", "config": {"messages": [
                {**IMAGE, "originalContentUrl": "http://cdn.example.com/x.jpg"}]}}],
            [("start", "t"), ("t", "m")])})
    assert r.status_code == 422 and "https" in r.text
    assert stack.http.post("/api/auto-messages", json={"name": "x",
                                                       "messages": six}).status_code == 422
    five = stack.http.post("/api/auto-messages", json={"name": "five", "messages": six[:5]})
    assert five.status_code == 201


def test_send_fails_visibly_when_line_keeps_refusing(stack: Stack) -> None:
    wid = stack.workflow([keyword("t", "hi"), text_node("m", "hello")],
                         [("start", "t"), ("t", "m")])
    uid = new_friend(stack, "Kaito")
    stack.sim.faults(rate_500=1.0, endpoints=["push", "reply"])
    say(stack, uid, "hi")
    run = stack.execution(settled(stack, wid)[0]["id"])
    stack.sim.clear_faults()
    m = step(run, "m")
    assert run["status"] == "failed" and m["status"] == "failed"
    assert m["error"].startswith("LINE answered 500") and m["attempt"] == 6
    assert stack.sim.texts(uid) == []


def test_auto_send_message_by_reference_and_after_deletion(stack: Stack) -> None:
    saved = stack.http.post("/api/auto-messages", json={"name": "Coupon", "messages": [
        {"type": "text", "text": "{{friend.display_name}}, here is 10% off: LUMO10"},
        IMAGE]}).json()
    wid = stack.workflow([keyword("t", "coupon"),
                          {"id": "a", "type": "action.auto_message",
                           "config": {"auto_message_id": saved["id"]}},
                          text_node("after", "enjoy")],
                         [("start", "t"), ("t", "a"), ("a", "after")])
    uid = new_friend(stack, "Ren")
    say(stack, uid, "coupon")
    run = stack.execution(settled(stack, wid)[0]["id"])
    assert step(run, "a")["output"]["auto_message"] == "Coupon"
    first = stack.sim.messages(uid)[0]["messages"]
    assert first[0]["text"] == "Ren, here is 10% off: LUMO10" and first[1]["type"] == "image"

    # Editing the saved message changes what the next run sends (it is a reference).
    stack.http.put(f"/api/auto-messages/{saved['id']}", json={
        "name": "Coupon", "messages": [{"type": "text", "text": "Now 20% off: LUMO20"}]})
    say(stack, uid, "coupon")
    wait_until(lambda: "Now 20% off: LUMO20" in stack.sim.texts(uid), what="edited message")
    settled(stack, wid, 2)

    # Deleted: the workflow is invalid (the validator names the node) ...
    assert stack.http.delete(f"/api/auto-messages/{saved['id']}").status_code == 204
    report = stack.http.get(f"/api/workflows/{wid}/validation").json()
    assert not report["valid"]
    assert any(e["node_id"] == "a" and "auto_message_id" in (e["field"] or "")
               for e in report["errors"])
    # ... and a run that still reaches it (published revision) fails on that step, visibly.
    say(stack, uid, "coupon")
    runs = settled(stack, wid, 3)
    failed = stack.execution(runs[0]["id"])
    assert failed["status"] == "failed"
    assert step(failed, "a")["status"] == "failed"
    assert "no longer exists" in step(failed, "a")["error"]
    assert stack.sim.texts(uid).count("enjoy") == 2  # not after the failed step
    # The engine is fine: other workflows keep running.
    other = stack.workflow([keyword("t", "ping"), text_node("m", "pong")],
                           [("start", "t"), ("t", "m")], name="ping")
    say(stack, uid, "ping")
    wait_until(lambda: "pong" in stack.sim.texts(uid), what="other workflow")
    assert settled(stack, other)[0]["status"] == "completed"
