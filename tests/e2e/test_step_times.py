"""In the browser: a Delay step that waited 3 days (on the controllable clock) reads "Waited 3
days, ran … ms" in the history, not as a 3-day step; and while it waits, how long so far."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from engine import clock
from tests.e2e.support import Lumo, unique


@pytest.fixture
def skipped_clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()  # the clock is the whole session's: leave it as found


def test_a_resumed_delay_shows_its_wait_apart_from_its_run_time(page: Page, lumo: Lumo,
                                                                skipped_clock: None) -> None:
    wid = lumo.create_workflow(unique("Timed"), template="friend_add_flow", activate=True)
    lumo.friend("follow", user_id="U" + uuid.uuid4().hex, display_name="Mio")
    run = lumo.wait_runs(wid, lambda rs: len(rs) == 1 and rs[0]["status"] == "waiting",
                         "a run waiting on the 3-day delay")[0]
    clock.advance(86_400)
    page.goto(f"{lumo.url}/workflows/{wid}/executions")
    page.get_by_test_id(f"execution-row-{run['id']}").click()
    steps = page.get_by_test_id(f"run-steps-{run['id']}")
    expect(steps.get_by_test_id("step-wait").get_by_test_id("step-time")).to_have_text(
        "Waiting for 1 day")

    clock.advance(2 * 86_400 + 5)
    lumo.wait_runs(wid, lambda rs: rs[0]["status"] == "completed", "the run after the delay")
    page.reload()
    page.get_by_test_id(f"execution-row-{run['id']}").click()
    wait_time = steps.get_by_test_id("step-wait").get_by_test_id("step-time")
    expect(wait_time).to_have_text(re.compile(r"^Waited 3 days, ran \d+ ms$"))
    # A step that never waited shows just how long it ran.
    expect(steps.get_by_test_id("step-coupon").get_by_test_id("step-time")).to_have_text(
        re.compile(r"^\d+(\.\d)? (ms|seconds?)$"))
