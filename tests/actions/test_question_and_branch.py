"""Question (quick replies, re-prompts, timeout) and conditional branch end to end."""

from __future__ import annotations

from typing import Any

from engine import clock
from tests.actions.helpers import friend_of, keyword, new_friend, say, settled, step
from tests.support.stack import Stack, text_node, wait_until


def test_question_quick_replies_reprompts_at_most_n_times(stack: Stack) -> None:
    keyword_flow = stack.workflow([keyword("t", "S", match="equals"),
                                   text_node("m", "keyword flow")],
                                  [("start", "t"), ("t", "m")], name="size keyword")
    wid = stack.workflow([
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "q", "type": "action.question", "config": {
            "text": "Your T-shirt size?", "options": ["S", "M", "L"], "attribute": "size",
            "timeout_seconds": 7200, "reprompt_text": "Please pick S, M or L",
            "max_reprompts": 2}},
        text_node("thanks", "Size {{friend.size}} noted, {{friend.display_name}}!"),
        text_node("late", "No answer"),
    ], [("start", "t"), ("t", "q"), ("q", "answered", "thanks"), ("q", "timeout", "late")],
        name="size survey")
    uid = new_friend(stack, "Nao", follow=True)
    wait_until(lambda: stack.sim.texts(uid) == ["Your T-shirt size?"], what="question")
    asked = stack.sim.messages(uid)[0]["messages"][0]
    assert [i["action"] for i in asked["quickReply"]["items"]] == [
        {"type": "postback", "label": o, "data": f"lumo:answer:q:{o}", "displayText": o}
        for o in ("S", "M", "L")]

    for n, wrong in enumerate(("XL", "huge"), start=1):
        say(stack, uid, wrong)
        wait_until(lambda n=n: stack.sim.texts(uid).count("Please pick S, M or L") == n,
                   what=f"re-prompt {n}")
    reprompt = stack.sim.messages(uid)[-1]["messages"][0]
    assert len(reprompt["quickReply"]["items"]) == 3  # the options come back with it
    # Out of re-prompts: the third answer is kept as said and the flow continues.
    say(stack, uid, "XXL")
    run = stack.execution(settled(stack, wid)[0]["id"])
    assert stack.sim.texts(uid).count("Please pick S, M or L") == 2
    assert stack.sim.texts(uid)[-1] == "Size XXL noted, Nao!"
    q = step(run, "q")
    assert q["output_handle"] == "answered" and q["output"] == {"attribute": "size",
                                                                 "answer": "XXL",
                                                                 "via": "message"}
    assert friend_of(stack, uid)["attributes"] == {"size": "XXL"}
    assert stack.runs(keyword_flow) == []  # answers never start keyword workflows

    # A quick-reply answer (full-width, lower case) matches its option.
    other = new_friend(stack, "Jun", follow=True)
    wait_until(lambda: stack.sim.texts(other) == ["Your T-shirt size?"], what="question 2")
    say(stack, other, "ｍ")
    wait_until(lambda: stack.sim.texts(other)[-1] == "Size M noted, Jun!", what="answer M")

    # Silence: the timeout path, after the configured wait and not before.
    silent = new_friend(stack, "Shy", follow=True)
    wait_until(lambda: stack.sim.texts(silent) == ["Your T-shirt size?"], what="question 3")
    clock.advance(7100)
    stack.idle()
    assert stack.sim.texts(silent) == ["Your T-shirt size?"]
    clock.advance(200)
    wait_until(lambda: stack.sim.texts(silent)[-1:] == ["No answer"], what="timeout path")
    runs = settled(stack, wid, 3)
    timed_out = step(stack.execution(runs[0]["id"]), "q")
    assert timed_out["output_handle"] == "timeout" and timed_out["output"]["timed_out"]
    assert "size" not in friend_of(stack, silent)["attributes"]


def _branch_flow(stack: Stack, vip: int) -> int:
    return stack.workflow([
        keyword("t", "check"),
        {"id": "b", "type": "action.branch", "config": {"branches": [
            {"label": "adult VIP", "match": "all", "conditions": [
                {"kind": "tag", "tag_id": vip, "op": "has"},
                {"kind": "attribute", "attribute": "age", "op": "gte", "value": "20"}]},
            {"label": "minor or unknown", "match": "any", "conditions": [
                {"kind": "attribute", "attribute": "age", "op": "lt", "value": "13"},
                {"kind": "attribute", "attribute": "age", "op": "is_not_set"}]},
            {"label": "adult guest", "match": "all", "conditions": [
                {"kind": "tag", "tag_id": vip, "op": "has_not"},
                {"kind": "attribute", "attribute": "age", "op": "gt", "value": "19.5"},
                {"kind": "attribute", "attribute": "city", "op": "contains",
                 "value": "tokyo"}]},
        ]}},
        text_node("a1", "arm adult VIP"), text_node("a2", "arm minor or unknown"),
        text_node("a3", "arm adult guest"), text_node("else", "arm else"),
    ], [("start", "t"), ("t", "b"), ("b", "branch-1", "a1"), ("b", "branch-2", "a2"),
        ("b", "branch-3", "a3"), ("b", "else", "else")], name="segments")


def test_branch_on_tags_attributes_and_answers(stack: Stack) -> None:
    vip = stack.tag("VIP")
    stack.workflow([keyword("t", "join vip"), {"id": "tag", "type": "action.tag",
                                               "config": {"tag_id": vip}}],
                   [("start", "t"), ("t", "tag")], name="join vip")
    stack.workflow([
        keyword("t", "profile"),
        {"id": "age", "type": "action.question", "config": {"text": "Age?",
                                                            "attribute": "age"}},
        {"id": "city", "type": "action.question", "config": {"text": "City?",
                                                             "attribute": "city"}},
    ], [("start", "t"), ("t", "age"), ("age", "answered", "city")], name="profile")
    wid = _branch_flow(stack, vip)

    def friend(name: str, vip_member: bool, age: str | None, city: str = "Osaka") -> str:
        uid = new_friend(stack, name)
        if vip_member:
            say(stack, uid, "join vip")
            wait_until(lambda: any(t["name"] == "VIP" for t in friend_of(stack, uid)["tags"]),
                       what="VIP tag")
        if age is not None:
            say(stack, uid, "profile")
            wait_until(lambda: "Age?" in stack.sim.texts(uid), what="age question")
            say(stack, uid, age)
            wait_until(lambda: "City?" in stack.sim.texts(uid), what="city question")
            say(stack, uid, city)
            wait_until(lambda: friend_of(stack, uid)["attributes"].get("city") == city,
                       what="city saved")
        return uid

    cases: list[tuple[str, str, dict[str, Any]]] = [
        ("arm adult VIP", "branch-1", {"vip_member": True, "age": "25"}),
        ("arm minor or unknown", "branch-2", {"vip_member": False, "age": None}),
        ("arm minor or unknown", "branch-2", {"vip_member": True, "age": "10"}),
        ("arm adult guest", "branch-3", {"vip_member": False, "age": "３０",
                                         "city": "Shibuya, TOKYO"}),
        ("arm else", "else", {"vip_member": False, "age": "30", "city": "Osaka"}),
        ("arm else", "else", {"vip_member": True, "age": "15"}),
    ]
    for i, (text, handle, kw) in enumerate(cases):
        uid = friend(f"F{i}", **kw)
        say(stack, uid, "check")
        wait_until(lambda uid=uid, text=text: stack.sim.texts(uid)[-1:] == [text], what=text)
        run = stack.execution(settled(stack, wid, i + 1)[0]["id"])
        b = step(run, "b")
        assert b["output_handle"] == handle and b["output"] == {"chosen": handle}, (i, b)

    # Evaluated with the friend's state when the branch runs: leave VIP, age becomes unset.
    uid = friend("Changer", True, "40")
    say(stack, uid, "check")
    wait_until(lambda: stack.sim.texts(uid)[-1:] == ["arm adult VIP"], what="VIP arm")
    stack.workflow([keyword("t", "leave"), {"id": "tag", "type": "action.tag",
                                            "config": {"tag_id": vip, "operation": "remove"}}],
                   [("start", "t"), ("t", "tag")], name="leave vip")
    say(stack, uid, "leave")
    wait_until(lambda: friend_of(stack, uid)["tags"] == [], what="VIP removed")
    say(stack, uid, "check")
    wait_until(lambda: stack.sim.texts(uid)[-1:] == ["arm else"], what="else arm")
