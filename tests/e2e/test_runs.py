"""Runs in the browser: the Try it friend simulator (message → reply → run path on the canvas)
and the execution history after friends follow through the LINE simulator (totals, chart, steps,
a run's path, per-node counts)."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.e2e.support import Console, Lumo, fit_view, screenshot, unique


def uid() -> str:
    return "U" + uuid.uuid4().hex


def test_done_means_template_trigger_drag_save_start_try_and_history(page: Page,
                                                                       lumo: Lumo) -> None:
    """The issue's walk-through: create from a template, add a message-received trigger with a
    keyword, connect a send-message action by dragging a handle, fill the form, save, start,
    send the keyword from the friend simulator and see the run succeed in the history."""
    page.goto(f"{lumo.url}/workflows")
    page.get_by_test_id("new-workflow").click()
    page.get_by_test_id("create-workflow-name").fill(unique("Coupon keyword"))
    page.get_by_test_id("create-workflow-template").select_option("keyword_auto_reply")
    page.get_by_test_id("create-workflow-submit").click()
    expect(page.get_by_test_id("node-reply")).to_be_visible()

    page.get_by_test_id("add-after-start").click()
    page.get_by_test_id("picker-item-trigger.message_received").click()
    page.get_by_test_id("field-keywords-add").click()
    page.get_by_test_id("field-keywords.0").fill("coupon")
    page.get_by_test_id("palette-toggle").click()
    page.get_by_test_id("palette-item-action.send_message").click()
    expect(page.get_by_test_id("node-send_message")).to_have_attribute("data-node-type",
                                                                       "action.send_message")
    page.get_by_test_id("palette-toggle").click()  # fold the palette away
    fit_view(page, "start", "message_received", "send_message")  # both ends of the drag in view
    page.locator("[data-testid=node-message_received] .react-flow__handle.source").drag_to(
        page.locator("[data-testid=node-send_message] .react-flow__handle.target"))
    expect(page.get_by_test_id("rf__edge-e-message_received-out-send_message")).to_have_count(1)
    page.get_by_test_id("node-send_message").click()
    page.get_by_test_id("field-messages.0.text").fill("Here is your coupon: SAVE5")
    page.get_by_test_id("node-start").click()
    page.get_by_test_id(f"field-account_ids-{lumo.account_id}").check()
    page.get_by_test_id("layout-button").click()
    page.keyboard.press("Escape")

    start = page.get_by_test_id("start-button")
    expect(start).to_be_disabled()
    expect(page.get_by_test_id("start-disabled-reason")).to_have_text(
        "Save your changes before starting.")
    page.get_by_test_id("save-button").click()
    expect(start).to_be_enabled()
    screenshot(page, "editor")
    start.click()
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "active")

    page.get_by_test_id("try-it-button").click()
    page.get_by_test_id("try-name").fill("Mio")
    page.get_by_test_id("try-text").fill("coupon please")
    page.get_by_test_id("try-send").click()
    expect(page.get_by_test_id("try-chat").locator("[data-from=bot]")).to_have_text(
        ["Here is your coupon: SAVE5"])
    expect(page.get_by_test_id("node-send_message")).to_have_attribute("data-run-status",
                                                                       "completed")
    page.get_by_test_id("executions-link").click()
    expect(page.get_by_test_id("stat-succeeded").locator(".stat-value")).to_have_text("1")
    row = page.get_by_test_id("executions-table").locator("[data-testid^=execution-row-]")
    expect(row).to_have_count(1)
    expect(row.get_by_test_id("run-status")).to_have_attribute("data-status", "completed")
    expect(row).to_contain_text("Mio")
    row.click()
    expect(page.locator("[data-testid^=run-steps-] [data-testid=step-send_message]")
           ).to_have_attribute("data-status", "completed")


def test_try_it_sends_the_keyword_and_shows_the_run(page: Page, lumo: Lumo) -> None:
    wid = lumo.create_workflow(unique("Try it"), template="keyword_auto_reply", activate=True)
    page.goto(f"{lumo.url}/workflows/{wid}")
    expect(page.get_by_test_id("node-reply")).to_be_visible()
    page.get_by_test_id("try-it-button").click()
    panel = page.get_by_test_id("try-it-panel")
    expect(panel).to_be_visible()
    expect(page.get_by_test_id("try-inactive")).to_have_count(0)
    expect(page.get_by_test_id("try-account")).to_have_value(str(lumo.account_id))
    page.get_by_test_id("try-name").fill("Hana")

    # A message that does not match: no run.
    page.get_by_test_id("try-text").fill("hello there")
    page.get_by_test_id("try-text").press("Enter")
    chat = page.get_by_test_id("try-chat")
    expect(chat.locator("[data-from=friend]")).to_have_text(["hello there"])

    # The template's keyword, offered as a suggestion.
    page.get_by_test_id("try-suggest-message-0").click()
    expect(chat.locator("[data-from=friend]")).to_have_count(2)
    expect(chat.locator("[data-from=bot]")).to_contain_text(["We are open every day"])
    runs = page.get_by_test_id("try-runs").locator("[data-testid^=try-run-]")
    expect(runs).to_have_count(1)
    expect(runs.first).to_have_attribute("data-status", "completed")
    expect(runs.first).to_contain_text("Hana")
    # The new run is followed on the canvas: its path lights up, the rest is dimmed.
    expect(page.get_by_test_id("run-path-banner")).to_have_attribute("data-status", "completed")
    for node in ("start", "trigger", "reply"):
        expect(page.get_by_test_id(f"node-{node}")).to_have_attribute("data-run-status",
                                                                       "completed")
    expect(page.locator(".react-flow__edge.on-path")).to_have_count(2)
    expect(page.get_by_test_id("node-reply-counts")).to_contain_text("✓ 1")
    screenshot(page, "try-it")

    page.get_by_test_id("clear-run-path").click()
    expect(page.get_by_test_id("node-reply")).not_to_have_attribute("data-run-status",
                                                                     "completed")
    runs.first.click()  # a run from the list shows its path again
    expect(page.get_by_test_id("node-reply")).to_have_attribute("data-run-status", "completed")
    page.get_by_test_id("try-it-close").click()
    expect(page.get_by_test_id("side-panel")).to_be_visible()
    expect(page.locator(".flow-node.off-path")).to_have_count(0)


def test_try_it_postback_and_follow_on_a_paused_workflow(page: Page, lumo: Lumo) -> None:
    definition = {"nodes": [
        {"id": "start", "type": "start", "config": {}, "position": {"x": 0, "y": 0}},
        {"id": "tap", "type": "trigger.postback", "config": {"data": "action=coupon"},
         "position": {"x": 0, "y": 160}},
        {"id": "coupon", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": "Coupon: TAP10"}]},
         "position": {"x": 0, "y": 320}},
    ], "edges": [{"source": "start", "source_handle": "out", "target": "tap"},
                 {"source": "tap", "source_handle": "out", "target": "coupon"}]}
    wid = lumo.create_workflow(unique("Postback"), definition=definition)
    page.goto(f"{lumo.url}/workflows/{wid}")
    page.get_by_test_id("try-it-button").click()
    expect(page.get_by_test_id("try-inactive")).to_be_visible()  # a draft does not react
    page.get_by_test_id("try-follow").click()
    expect(page.get_by_test_id("try-chat").locator("[data-from=system]")).to_contain_text(
        ["added the account as a friend"])

    page.get_by_test_id("try-it-button").click()  # closes the panel
    page.get_by_test_id("start-button").click()
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "active")
    page.get_by_test_id("try-it-button").click()
    expect(page.get_by_test_id("try-inactive")).to_have_count(0)
    page.get_by_test_id("try-suggest-postback-0").click()
    expect(page.get_by_test_id("try-chat").locator("[data-from=bot]")).to_have_text(
        ["Coupon: TAP10"])
    expect(page.get_by_test_id("node-coupon")).to_have_attribute("data-run-status", "completed")
    page.get_by_test_id("try-postback-data").fill("something else")
    page.get_by_test_id("try-postback").click()
    expect(page.get_by_test_id("try-chat").locator("[data-from=friend]")).to_have_count(2)
    expect(page.get_by_test_id("try-runs").locator("[data-testid^=try-run-]")).to_have_count(1)


def test_try_it_reports_an_unreachable_simulator(page: Page, lumo: Lumo,
                                                 console: Console) -> None:
    console.expect_status(409)
    wid = lumo.create_workflow(unique("No simulator"), template="keyword_auto_reply")
    settings = lumo.app.state.settings
    real = settings.line_api_host
    settings.line_api_host = "http://127.0.0.1:9"  # nothing listens there
    try:
        page.goto(f"{lumo.url}/workflows/{wid}")
        page.get_by_test_id("try-it-button").click()
        page.get_by_test_id("try-follow").click()
        expect(page.get_by_test_id("try-error")).to_contain_text(
            "LINE simulator is not reachable")
    finally:
        settings.line_api_host = real


def test_history_after_friends_follow(page: Page, lumo: Lumo) -> None:
    wid = lumo.create_workflow(unique("History"), template="friend_add_flow", activate=True)
    lumo.friend("follow", user_id=uid(), display_name="Aiko")
    waiting = lumo.wait_runs(wid, lambda rs: len(rs) == 1 and rs[0]["status"] == "waiting",
                             "a run waiting on the 3-day delay")[0]
    # The next friend's welcome message fails: LINE answers 500 to every push.
    lumo.sim.faults(rate_500=1.0, endpoints=["push", "reply"])
    try:
        lumo.friend("follow", user_id=uid(), display_name="Kenji")
        runs = lumo.wait_runs(wid, lambda rs: any(r["status"] == "failed" for r in rs),
                              "a failed run")
    finally:
        lumo.sim.clear_faults()
    failed = next(r for r in runs if r["status"] == "failed")

    page.goto(f"{lumo.url}/workflows")
    expect(page.get_by_test_id(f"workflow-runs-{wid}")).to_have_text("2")
    page.goto(f"{lumo.url}/workflows/{wid}")
    # Per-node counts of all runs on the editor's canvas.
    expect(page.get_by_test_id("node-trigger-counts")).to_contain_text("✓ 2")
    expect(page.get_by_test_id("node-welcome-counts")).to_contain_text("✓ 1")
    expect(page.get_by_test_id("node-welcome-counts")).to_contain_text("✕ 1")
    expect(page.get_by_test_id("node-wait-counts")).to_contain_text("‖ 1")
    page.get_by_test_id("executions-link").click()
    expect(page).to_have_url(re.compile(rf"/workflows/{wid}/executions$"))

    for stat, value in (("total", "2"), ("succeeded", "0"), ("failed", "1"), ("waiting", "1")):
        expect(page.get_by_test_id(f"stat-{stat}").locator(".stat-value")).to_have_text(value)
    chart = page.get_by_test_id("runs-chart")
    expect(chart).to_have_attribute("data-total", "2")
    bars = chart.locator("[data-testid^=chart-bar-]")
    expect(bars).to_have_count(14)
    expect(bars.last).to_have_attribute("data-total", "2")  # today
    page.get_by_test_id("chart-bucket-hour").click()
    expect(chart).to_have_attribute("data-bucket", "hour")
    expect(bars).to_have_count(24)
    expect(bars.last).to_have_attribute("data-total", "2")
    page.get_by_test_id("chart-bucket-day").press("Enter")  # keyboard works too
    expect(chart).to_have_attribute("data-bucket", "day")

    rows = page.get_by_test_id("executions-table").locator("[data-testid^=execution-row-]")
    expect(rows).to_have_count(2)
    canvas = page.get_by_test_id("history-canvas")
    expect(canvas.get_by_test_id("node-welcome-counts")).to_contain_text("✕ 1")

    # Clicking a run shows its steps and highlights its path.
    page.get_by_test_id(f"execution-row-{waiting['id']}").click()
    steps = page.get_by_test_id(f"run-steps-{waiting['id']}")
    expect(steps.get_by_test_id("step-trigger")).to_have_attribute("data-status", "completed")
    expect(steps.get_by_test_id("step-welcome")).to_have_attribute("data-status", "completed")
    expect(steps.get_by_test_id("step-wait")).to_have_attribute("data-status", "waiting")
    # Rows say which step in words (its name and summary), outputs read as words, not ids.
    expect(steps.get_by_test_id("step-wait").get_by_test_id("step-name")).to_have_text("Delay")
    expect(steps.get_by_test_id("step-wait")).to_contain_text("Wait 3 days")
    expect(steps.get_by_test_id("step-wait").get_by_test_id("step-output")).to_contain_text(
        "wake at")
    expect(steps.get_by_test_id("step-trigger").get_by_test_id("step-output")).not_to_contain_text(
        "out")
    expect(page.get_by_test_id(f"execution-steps-{waiting['id']}")).to_contain_text("✓ 2")
    expect(canvas.get_by_test_id("node-welcome")).to_have_attribute("data-run-status",
                                                                     "completed")
    expect(canvas.get_by_test_id("node-wait")).to_have_attribute("data-run-status", "waiting")
    expect(canvas.get_by_test_id("node-coupon")).to_have_class(re.compile("off-path"))
    # The edges it took, each by name (a miss then says which one).
    for edge in ("e-start-out-trigger", "e-trigger-out-welcome", "e-welcome-out-wait"):
        expect(canvas.get_by_test_id(f"rf__edge-{edge}")).to_have_class(re.compile("on-path"))
    expect(canvas.get_by_test_id("rf__edge-e-wait-out-coupon")).to_have_class(
        re.compile("off-path"))
    expect(canvas.locator(".react-flow__edge.on-path")).to_have_count(3)
    expect(page.get_by_test_id("selected-run")).to_contain_text("Aiko")
    screenshot(page, "history")

    page.get_by_test_id(f"execution-toggle-{failed['id']}").click()
    fsteps = page.get_by_test_id(f"run-steps-{failed['id']}")
    expect(fsteps.get_by_test_id("step-welcome")).to_have_attribute("data-status", "failed")
    expect(fsteps.get_by_test_id("step-welcome")).to_contain_text("500")
    expect(canvas.get_by_test_id("node-welcome")).to_have_attribute("data-run-status", "failed")
    expect(canvas.get_by_test_id("node-wait")).to_have_class(re.compile("off-path"))
    expect(page.get_by_test_id(f"execution-steps-{failed['id']}")).to_contain_text("✕ 1")

    page.get_by_test_id("execution-status-filter").select_option("waiting")
    expect(rows).to_have_count(1)
    page.get_by_test_id("clear-run-path").click()
    expect(canvas.locator(".flow-node.off-path")).to_have_count(0)


def test_try_it_and_timeline_api_refusals(lumo: Lumo) -> None:
    from tests.conftest import create_tenant

    other = create_tenant(lumo.app.state.db, "Other shop")
    r = lumo.api.post(f"/api/try-it/{lumo.account_id}/follow", json={},
                      headers=other.headers)
    assert r.status_code == 404, r.text  # another organisation's account
    r = lumo.api.get(f"/api/try-it/{lumo.account_id}/messages", headers=other.headers)
    assert r.status_code == 404, r.text
    assert lumo.api.post(f"/api/try-it/{lumo.account_id}/dance", json={}).status_code == 422
    r = lumo.api.post(f"/api/try-it/{lumo.account_id}/message", json={"user_id": "bob"})
    assert r.status_code == 422, r.text

    # An account whose channel the simulator does not know: 409 with a clear message.
    acc = lumo.api.post("/api/accounts", json={
        "name": "Not simulated", "channel_id": uuid.uuid4().hex[:12],
        "channel_secret": "secret-0123456789", "access_token": "token-0123456789"}).json()
    r = lumo.api.post(f"/api/try-it/{acc['id']}/follow", json={})
    assert r.status_code == 409 and r.json()["detail"]["code"] == "channel_not_registered"

    friend = uid()
    r = lumo.api.post(f"/api/try-it/{lumo.account_id}/follow",
                      json={"user_id": friend, "display_name": "Rin"})
    assert r.status_code == 200 and r.json()["webhook_status"] == 200, r.text
    assert r.json()["user_id"] == friend

    wid = lumo.create_workflow(unique("Timeline"))
    r = lumo.api.get(f"/api/workflows/{wid}/executions/timeline",
                     params={"bucket": "hour", "periods": 3, "tz": "Asia/Tokyo"})
    body = r.json()
    assert r.status_code == 200 and body["bucket"] == "hour" and len(body["buckets"]) == 3
    assert body["buckets"][-1]["start"].endswith("+09:00")
    assert lumo.api.get(f"/api/workflows/{wid}/executions/timeline",
                        params={"tz": "Mars/Olympus"}).status_code == 422
    assert lumo.api.get(f"/api/workflows/{wid}/executions/timeline",
                        params={"periods": 0}).status_code == 422
    assert lumo.api.get(f"/api/workflows/{wid}/executions/timeline",
                        headers=other.headers).status_code == 404


def test_reentry_setting_and_skipped_triggers_in_try_it_and_history(page: Page,
                                                                   lumo: Lumo) -> None:
    """A friend waiting in a run sends the keyword again: Try it and the history say the
    trigger was skipped and why; switching the editor's re-entry to "Every time" starts a run."""
    definition = {"nodes": [
        {"id": "start", "type": "start", "config": {}, "position": {"x": 0, "y": 0}},
        {"id": "kw", "type": "trigger.message_received",
         "config": {"keywords": ["again"], "match_type": "equals"},
         "position": {"x": 0, "y": 160}},
        {"id": "hi", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": "Hi again"}]},
         "position": {"x": 0, "y": 320}},
        {"id": "wait", "type": "action.delay", "config": {"amount": 3, "unit": "days"},
         "position": {"x": 0, "y": 480}},
    ], "edges": [{"source": "start", "source_handle": "out", "target": "kw"},
                 {"source": "kw", "source_handle": "out", "target": "hi"},
                 {"source": "hi", "source_handle": "out", "target": "wait"}]}
    wid = lumo.create_workflow(unique("Re-entry"), definition=definition, activate=True)
    page.goto(f"{lumo.url}/workflows/{wid}")
    reentry = page.get_by_test_id("workflow-reentry")
    expect(reentry).to_have_value("not_concurrent")
    expect(reentry.locator("option:checked")).to_have_text("Not while in a run")

    page.get_by_test_id("try-it-button").click()
    page.get_by_test_id("try-name").fill("Kaito")
    runs = page.get_by_test_id("try-runs").locator("[data-testid^=try-run-]")
    for n in (1, 2):
        page.get_by_test_id("try-text").fill("again")
        page.get_by_test_id("try-text").press("Enter")
        expect(runs).to_have_count(n)
    expect(page.get_by_test_id("try-chat").locator("[data-from=bot]")).to_have_text(["Hi again"])
    expect(runs.first).to_have_attribute("data-status", "skipped")
    expect(runs.first.get_by_test_id("skip-reason")).to_have_text("Skipped: already in a run")

    page.get_by_test_id("try-it-close").click()
    page.get_by_test_id("workflow-reentry").select_option("always")
    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("save-button")).to_be_disabled()
    page.get_by_test_id("try-it-button").click()
    page.get_by_test_id("try-text").fill("again")
    page.get_by_test_id("try-text").press("Enter")
    expect(runs).to_have_count(3)
    expect(runs.first).to_have_attribute("data-status", "waiting")

    page.get_by_test_id("executions-link").click()
    expect(page.get_by_test_id("stat-skipped").locator(".stat-value")).to_have_text("1")
    rows = page.get_by_test_id("executions-table").locator("[data-testid^=execution-row-]")
    expect(rows).to_have_count(3)
    expect(rows.get_by_test_id("skip-reason")).to_have_text(["Skipped: already in a run"])
