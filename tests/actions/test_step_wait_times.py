"""A Delay or Question that waited, then resumed, reports how long it waited apart from how long
it ran (GET /api/executions/{id}), on the controllable clock: 3 days pass in milliseconds."""

from __future__ import annotations

from engine import clock
from tests.actions.helpers import new_friend, only_run, say, settled, step
from tests.support.stack import Stack, text_node, wait_until

DAY = 86_400


def test_a_delay_waited_days_and_ran_for_milliseconds(stack: Stack) -> None:
    wid = stack.workflow([{"id": "t", "type": "trigger.friend_add", "config": {}},
                          {"id": "d", "type": "action.delay",
                           "config": {"amount": 3, "unit": "days"}},
                          text_node("m", "Here is your coupon")],
                         [("start", "t"), ("t", "d"), ("d", "m")])
    uid = new_friend(stack, "Aoi", follow=True)
    waiting = step(only_run(stack, wid, "waiting"), "d")
    assert waiting["status"] == "waiting" and waiting["waited_seconds"] is not None
    clock.advance(DAY)
    # While it waits, the wait so far grows with the clock; the run time does not.
    midway = step(only_run(stack, wid, "waiting"), "d")
    assert DAY <= midway["waited_seconds"] < DAY + 60
    assert midway["ran_seconds"] < 5

    clock.advance(2 * DAY + 5)
    wait_until(lambda: stack.sim.texts(uid) == ["Here is your coupon"], what="the coupon")
    run = stack.execution(settled(stack, wid)[0]["id"])
    d = step(run, "d")
    assert 3 * DAY <= d["waited_seconds"] < 3 * DAY + 60
    assert d["ran_seconds"] < 5
    # The step's span is both together; a step that never waited has no waited time.
    m = step(run, "m")
    assert m["waited_seconds"] is None and m["ran_seconds"] is not None
    assert m["ran_seconds"] < 5


def test_a_question_counts_every_wait_across_re_prompts(stack: Stack) -> None:
    wid = stack.workflow([
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "q", "type": "action.question", "config": {
            "text": "Your size?", "options": ["S", "M"], "attribute": "size",
            "timeout_seconds": 3 * DAY, "reprompt_text": "S or M, please", "max_reprompts": 2}},
        text_node("ok", "Noted"), text_node("late", "No answer"),
    ], [("start", "t"), ("t", "q"), ("q", "answered", "ok"), ("q", "timeout", "late")])
    uid = new_friend(stack, "Ren", follow=True)
    wait_until(lambda: stack.sim.texts(uid) == ["Your size?"], what="the question")
    clock.advance(3600)
    say(stack, uid, "XL")  # a wrong answer: re-prompted, and the step waits again
    wait_until(lambda: "S or M, please" in stack.sim.texts(uid), what="the re-prompt")
    clock.advance(7200)
    say(stack, uid, "M")
    wait_until(lambda: stack.sim.texts(uid)[-1] == "Noted", what="the answer")
    q = step(stack.execution(settled(stack, wid)[0]["id"]), "q")
    assert q["output_handle"] == "answered"
    assert 3 * 3600 <= q["waited_seconds"] < 3 * 3600 + 60
    assert q["ran_seconds"] < 5
