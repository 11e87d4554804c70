"""A/B split: friends are split by percentage, and a friend always gets the same variant."""

from __future__ import annotations

from tests.support.stack import Stack, text_node, user_id, wait_until


def test_ab_split_by_percentage_and_sticky_per_friend(stack: Stack) -> None:
    wid = stack.workflow([
        {"id": "t", "type": "trigger.message_received",
         "config": {"keywords": ["promo"], "match_type": "equals"}},
        {"id": "ab", "type": "action.ab_split", "config": {"variants": [
            {"label": "Coupon", "percent": 70}, {"label": "Points", "percent": 30}]}},
        text_node("a", "variant A: 10% coupon"),
        text_node("b", "variant B: double points"),
    ], [("start", "t"), ("t", "ab"), ("ab", "variant-1", "a"), ("ab", "variant-2", "b")])
    friends = [user_id() for _ in range(60)]
    for uid in friends:
        stack.sim.add_friend(uid, "Split")
        stack.act("message", user_id=uid, text="promo")
    wait_until(lambda: sum(len(stack.sim.texts(u)) for u in friends) == 60, timeout=60,
               what="60 answers")
    first = {u: stack.sim.texts(u)[0] for u in friends}
    share_a = sum(t.startswith("variant A") for t in first.values()) / len(friends)
    assert 0.5 <= share_a <= 0.9, share_a  # 70% expected; 60 friends leave some spread
    assert any(t.startswith("variant B") for t in first.values())
    # Sticky: the same friends again get the same variant as before.
    for uid in friends[:20]:
        stack.act("message", user_id=uid, text="promo")
    wait_until(lambda: sum(len(stack.sim.texts(u)) for u in friends[:20]) == 40, timeout=60,
               what="second answers")
    for uid in friends[:20]:
        assert stack.sim.texts(uid) == [first[uid], first[uid]]
    run = stack.runs(wid)[0]
    split = next(s for s in stack.execution(run["id"])["steps"] if s["node_id"] == "ab")
    assert split["status"] == "completed"
    assert split["output_handle"] in ("variant-1", "variant-2")
    assert split["output"]["label"] in ("Coupon", "Points")


def test_ab_split_percentages_must_add_to_100(stack: Stack) -> None:
    wid = stack.http.post("/api/workflows", json={"name": "bad split"}).json()["id"]
    r = stack.http.put(f"/api/workflows/{wid}", headers={"If-Match": "1"}, json={"definition": {
        "nodes": [{"id": "start", "type": "start",
                   "config": {"account_ids": [stack.account["id"]]}},
                  {"id": "t", "type": "trigger.friend_add", "config": {}},
                  {"id": "ab", "type": "action.ab_split", "config": {"variants": [
                      {"percent": 50}, {"percent": 40}]}}],
        "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "ab"}]}})
    errors = r.json()["validation"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [
        ("invalid_field", "/nodes/2/config/variants")]
    assert "add up to 90" in errors[0]["message"]
