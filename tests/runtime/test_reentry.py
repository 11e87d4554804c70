"""Re-entry: a friend already in (or done with) a workflow triggers it again, per the setting.

A refused trigger is never dropped silently: it shows in the history as a skipped run with the
reason.
"""

from __future__ import annotations

from tests.support.stack import Stack, text_node, user_id, wait_until


def _keyword_then_wait(stack: Stack, reentry: str | None, name: str, wait: bool = True) -> int:
    nodes = [{"id": "t", "type": "trigger.message_received",
              "config": {"keywords": [name], "match_type": "equals"}},
             text_node("m", f"hello {name}")]
    edges: list[tuple[str, ...]] = [("start", "t"), ("t", "m")]
    if wait:
        nodes.append({"id": "d", "type": "action.delay", "config": {"amount": 3, "unit": "days"}})
        edges.append(("m", "d"))
    wid = stack.workflow(nodes, edges, name=name)
    if reentry is not None:
        r = stack.http.put(f"/api/workflows/{wid}", headers={"If-Match": "2"},
                           json={"reentry": reentry})
        assert r.status_code == 200, r.text
        assert r.json()["reentry"] == reentry
    return wid


def test_not_while_in_a_run_is_the_default_and_skips_are_recorded(stack: Stack) -> None:
    wid = _keyword_then_wait(stack, None, "sale")
    assert stack.http.get(f"/api/workflows/{wid}").json()["reentry"] == "not_concurrent"
    uid = user_id()
    stack.sim.add_friend(uid, "Mio")
    for _ in range(3):
        stack.act("message", user_id=uid, text="sale")
        stack.idle()
    assert stack.sim.texts(uid) == ["hello sale"]
    page = stack.executions(wid)
    by_status = sorted(r["status"] for r in page["items"])
    assert by_status == ["skipped", "skipped", "waiting"]
    skipped = [r for r in page["items"] if r["status"] == "skipped"]
    assert {r["skip_reason"] for r in skipped} == {"already in a run"}
    assert skipped[0]["friend"]["display_name"] == "Mio"
    assert page["stats"]["skipped"] == 2 and page["stats"]["total"] == 1
    detail = stack.execution(skipped[0]["id"])
    assert [(s["node_id"], s["status"]) for s in detail["steps"]] == [("t", "skipped")]
    # Skipped triggers are not counted as runs in the list.
    listed = stack.http.get("/api/workflows").json()["items"]
    assert next(w for w in listed if w["id"] == wid)["run_count"] == 1
    only = stack.http.get(f"/api/workflows/{wid}/executions", params={"status": "skipped"})
    assert only.json()["total"] == 2


def test_once_per_friend_and_every_time(stack: Stack) -> None:
    once = _keyword_then_wait(stack, "once", "once", wait=False)
    every = _keyword_then_wait(stack, "always", "every")
    uid = user_id()
    stack.sim.add_friend(uid, "Ren")
    for text in ("once", "once", "every", "every"):
        stack.act("message", user_id=uid, text=text)
        stack.idle()
    assert sorted(stack.sim.texts(uid)) == ["hello every", "hello every", "hello once"]
    runs = stack.runs(once)
    assert sorted(r["status"] for r in runs) == ["completed", "skipped"]
    assert next(r for r in runs if r["status"] == "skipped")["skip_reason"] == "already ran once"
    assert sorted(r["status"] for r in stack.runs(every)) == ["waiting", "waiting"]
    # Once per friend means per friend: another friend still gets it.
    other = user_id()
    stack.sim.add_friend(other, "Sora")
    stack.act("message", user_id=other, text="once")
    wait_until(lambda: stack.sim.texts(other), what="reply to the other friend")


def test_changing_the_setting_applies_to_the_live_workflow(stack: Stack) -> None:
    wid = _keyword_then_wait(stack, None, "live")
    uid = user_id()
    stack.sim.add_friend(uid, "Yui")
    stack.act("message", user_id=uid, text="live")
    stack.idle()
    r = stack.http.put(f"/api/workflows/{wid}", headers={"If-Match": "2"},
                       json={"reentry": "always"})
    assert r.status_code == 200 and r.json()["status"] == "active"
    assert not r.json()["has_unpublished_changes"]
    stack.act("message", user_id=uid, text="live")
    stack.idle()
    assert stack.sim.texts(uid) == ["hello live", "hello live"]
