"""Delay (365-day max, send window), Tag add/remove and rich menu link/unlink end to end."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from engine import clock
from tests.actions.helpers import friend_of, keyword, new_friend, only_run, say, settled, step
from tests.support.stack import Stack, text_node, wait_until

TOKYO = ZoneInfo("Asia/Tokyo")


def _delay(amount: int, unit: str, window: dict[str, str] | None = None) -> dict[str, Any]:
    config: dict[str, Any] = {"amount": amount, "unit": unit}
    if window:
        config["send_window"] = window
    return {"id": "d", "type": "action.delay", "config": config}


def _validation(stack: Stack, delay: dict[str, Any]) -> dict[str, Any]:
    wid = stack.http.post("/api/workflows", json={"name": "delay check"}).json()["id"]
    start = {"id": "start", "type": "start", "config": {"account_ids": [stack.account["id"]]}}
    r = stack.http.put(f"/api/workflows/{wid}", headers={"If-Match": "1"}, json={
        "definition": {"nodes": [start, {"id": "t", "type": "trigger.friend_add",
                                         "config": {}}, delay, text_node("m", "x")],
                       "edges": [{"source": "start", "target": "t"},
                                 {"source": "t", "target": "d"},
                                 {"source": "d", "target": "m"}]}})
    assert r.status_code == 200, r.text
    return r.json()["validation"]


def test_delay_is_at_most_365_days_and_a_year_long_wait_still_fires(stack: Stack) -> None:
    assert _validation(stack, _delay(365, "days"))["valid"]
    assert _validation(stack, _delay(52, "weeks"))["valid"]
    too_long = _validation(stack, _delay(366, "days"))
    assert not too_long["valid"]
    assert [(e["node_id"], e["field"]) for e in too_long["errors"]] == [
        ("d", "/nodes/2/config/amount")]
    assert "365 days" in too_long["errors"][0]["message"]
    assert not _validation(stack, _delay(53, "weeks"))["valid"]

    wid = stack.workflow([{"id": "t", "type": "trigger.friend_add", "config": {}},
                          _delay(365, "days"), text_node("m", "One year with us!")],
                         [("start", "t"), ("t", "d"), ("d", "m")])
    uid = new_friend(stack, "Anniv", follow=True)
    run = only_run(stack, wid, "waiting")
    wake = datetime.fromisoformat(step(run, "d")["output"]["wake_at"])
    waited = wake - datetime.fromisoformat(step(run, "d")["started_at"])
    assert abs(waited - timedelta(days=365)) < timedelta(seconds=5)
    clock.advance(364 * 86_400)
    stack.idle()
    assert stack.sim.texts(uid) == []
    clock.advance(86_400 + 5)
    wait_until(lambda: stack.sim.texts(uid) == ["One year with us!"], what="anniversary")


def test_send_window_wakes_at_the_next_opening_in_the_account_time_zone(stack: Stack) -> None:
    assert stack.account["timezone"] == "Asia/Tokyo"
    wid = stack.workflow([{"id": "t", "type": "trigger.friend_add", "config": {}},
                          _delay(1, "hours", {"start": "09:00", "end": "21:00"}),
                          text_node("m", "Good morning offer")],
                         [("start", "t"), ("t", "d"), ("d", "m")])
    # Move the clock to 22:30 Tokyo time: +1 hour is 23:30, outside the window.
    now = clock.now().astimezone(TOKYO)
    target = now.replace(hour=22, minute=30, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    clock.advance((target - now).total_seconds())
    uid = new_friend(stack, "Early", follow=True)
    run = only_run(stack, wid, "waiting")
    wake = datetime.fromisoformat(step(run, "d")["output"]["wake_at"]).astimezone(TOKYO)
    assert (wake.hour, wake.minute) == (9, 0) and wake.date() == target.date() + timedelta(1)

    clock.advance((wake - clock.now()).total_seconds() - 120)  # 08:58 Tokyo
    stack.idle()
    assert stack.sim.texts(uid) == []
    clock.advance(180)
    wait_until(lambda: stack.sim.texts(uid) == ["Good morning offer"], what="window opening")
    assert settled(stack, wid)[0]["status"] == "completed"

    # Inside the window nothing is postponed: 09:01 + 1 hour = 10:01.
    other = new_friend(stack, "Noon", follow=True)
    runs = wait_until(lambda: [r for r in stack.runs(wid, "waiting")], what="second run")
    wake2 = datetime.fromisoformat(step(stack.execution(runs[0]["id"]), "d")["output"]
                                   ["wake_at"]).astimezone(TOKYO)
    assert wake2 - clock.now().astimezone(TOKYO) <= timedelta(hours=1)
    assert stack.sim.texts(other) == []


def test_tags_are_added_and_removed_idempotently(stack: Stack) -> None:
    vip = stack.tag("VIP")
    add = stack.workflow([keyword("t", "add"),
                          {"id": "a1", "type": "action.tag", "config": {"tag_id": vip}},
                          {"id": "a2", "type": "action.tag", "config": {"tag_id": vip}}],
                         [("start", "t"), ("t", "a1"), ("a1", "a2")], name="add")
    remove = stack.workflow([keyword("t", "remove"),
                             {"id": "r1", "type": "action.tag",
                              "config": {"tag_id": vip, "operation": "remove"}},
                             {"id": "r2", "type": "action.tag",
                              "config": {"tag_id": vip, "operation": "remove"}}],
                            [("start", "t"), ("t", "r1"), ("r1", "r2")], name="remove")
    uid = new_friend(stack, "Tagged")
    say(stack, uid, "add")
    run = stack.execution(settled(stack, add)[0]["id"])
    assert step(run, "a1")["output"] == {"tag": "VIP", "operation": "add", "changed": True}
    assert step(run, "a2")["output"] == {"tag": "VIP", "operation": "add", "changed": False}
    assert [t["name"] for t in friend_of(stack, uid)["tags"]] == ["VIP"]
    tags = {t["name"]: t for t in stack.http.get("/api/tags").json()["items"]}
    assert tags["VIP"]["friend_count"] == 1

    say(stack, uid, "remove")
    run = stack.execution(settled(stack, remove)[0]["id"])
    assert [step(run, n)["output"]["changed"] for n in ("r1", "r2")] == [True, False]
    assert friend_of(stack, uid)["tags"] == []

    # The tag must exist: validation says so, and a run on a deleted tag fails visibly.
    missing = stack.http.post("/api/workflows", json={"name": "ghost tag"}).json()["id"]
    start = {"id": "start", "type": "start", "config": {"account_ids": [stack.account["id"]]}}
    r = stack.http.put(f"/api/workflows/{missing}", headers={"If-Match": "1"}, json={
        "definition": {"nodes": [start, keyword("t", "x"),
                                 {"id": "g", "type": "action.tag", "config": {"tag_id": 9999}}],
                       "edges": [{"source": "start", "target": "t"},
                                 {"source": "t", "target": "g"}]}})
    assert not r.json()["validation"]["valid"]
    assert stack.http.delete(f"/api/tags/{vip}").status_code == 204
    say(stack, uid, "add")
    runs = settled(stack, add, 2)
    failed = stack.execution(runs[0]["id"])
    assert failed["status"] == "failed"
    assert "no longer exists" in step(failed, "a1")["error"]


def test_rich_menu_link_and_unlink_through_the_per_user_endpoints(stack: Stack) -> None:
    menu = stack.http.post("/api/rich-menus", json={
        "name": "Members", "line_rich_menu_id": "richmenu-0123456789abcdef",
        "account_id": stack.account["id"]}).json()
    link = stack.workflow([keyword("t", "member"),
                           {"id": "rm", "type": "action.rich_menu",
                            "config": {"operation": "link", "rich_menu_id": menu["id"]}}],
                          [("start", "t"), ("t", "rm")], name="link")
    unlink = stack.workflow([keyword("t", "reset"),
                             {"id": "rm", "type": "action.rich_menu",
                              "config": {"operation": "unlink"}}],
                            [("start", "t"), ("t", "rm")], name="unlink")
    uid = new_friend(stack, "Menu")

    def menu_of() -> dict[str, Any]:
        return stack.sim.http.get(f"/_sim/richmenus/{uid}").json()

    say(stack, uid, "member")
    run = stack.execution(settled(stack, link)[0]["id"])
    assert step(run, "rm")["output"]["linked"] == "Members"
    assert menu_of()["rich_menu_id"] == "richmenu-0123456789abcdef"
    say(stack, uid, "reset")
    run = stack.execution(settled(stack, unlink)[0]["id"])
    assert step(run, "rm")["output"]["unlinked"] is True
    state = menu_of()
    assert state["rich_menu_id"] is None
    assert [h["action"] for h in state["history"]] == ["link", "unlink"]

    # LINE refuses (500 on every attempt): the step fails with LINE's answer, menu unchanged.
    stack.sim.faults(rate_500=1.0, endpoints=["richmenu"])
    say(stack, uid, "member")
    runs = settled(stack, link, 2)
    stack.sim.clear_faults()
    failed = step(stack.execution(runs[0]["id"]), "rm")
    assert failed["status"] == "failed" and failed["error"].startswith("LINE answered 500")
    assert failed["attempt"] == 6
    assert menu_of()["rich_menu_id"] is None
