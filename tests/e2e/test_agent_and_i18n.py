"""The Marketing Agent panel (chat → draft preview → approve → editor), the Japanese / English
switch, and keyboard use of the editor's key controls."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.support import Lumo, screenshot, unique

COUPON_GOAL = "I want to send a coupon three days after someone adds us as a friend"


def test_agent_drafts_the_coupon_flow_and_approve_opens_it(page: Page, lumo: Lumo) -> None:
    page.goto(f"{lumo.url}/workflows")
    page.get_by_test_id("nav-agent").click()
    expect(page).to_have_url(re.compile(r"/agent$"))
    page.get_by_test_id("agent-input").fill(COUPON_GOAL)
    page.get_by_test_id("agent-input").press("Enter")

    transcript = page.get_by_test_id("agent-transcript")
    expect(transcript.locator("[data-role=user]")).to_have_text([COUPON_GOAL])
    expect(transcript.locator("[data-role=assistant]")).to_have_count(1)
    draft = page.get_by_test_id("agent-draft")
    expect(draft).to_be_visible()
    expect(page.get_by_test_id("agent-draft-summary")).to_contain_text("Wait 3 days")
    expect(page.get_by_test_id("agent-draft-validation")).to_have_text("No problems found.")
    preview = page.get_by_test_id("agent-draft-preview")
    expect(preview.locator(".flow-node")).to_have_count(4)
    expect(preview.locator("[data-node-type='trigger.friend_add']")).to_be_visible()
    expect(preview.locator("[data-node-type='action.delay']")).to_contain_text("Wait 3 days")
    expect(preview.locator(".add-button")).to_have_count(0)  # read-only
    screenshot(page, "agent")

    page.get_by_test_id("agent-approve").click()
    expect(page).to_have_url(re.compile(r"/workflows/\d+$"))
    wid = int(page.url.rsplit("/", 1)[1])
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "draft")
    expect(page.locator("[data-node-type='trigger.friend_add']")).to_have_count(1)
    expect(page.locator("[data-node-type='action.delay']")).to_have_count(1)
    expect(page.locator("[data-node-type^='action.']")).to_have_count(2)  # delay, then coupon
    # The agent never starts anything; the draft already has the account, so Start is offered.
    wf = lumo.api.get(f"/api/workflows/{wid}").json()
    assert wf["status"] == "draft" and wf["published_revision"] is None
    expect(page.get_by_test_id("start-button")).to_be_enabled()


def test_agent_revises_the_draft_then_discards_it(page: Page, lumo: Lumo) -> None:
    before = lumo.api.get("/api/workflows").json()["total"]
    page.goto(f"{lumo.url}/agent")
    page.get_by_test_id("agent-input").fill(COUPON_GOAL)
    page.get_by_test_id("agent-send").click()
    summary = page.get_by_test_id("agent-draft-summary")
    expect(summary).to_contain_text("Wait 3 days")

    # Revise: another message changes the draft, and the panel says what changed.
    page.get_by_test_id("agent-input").fill("make it 5 days instead")
    page.get_by_test_id("agent-input").press("Enter")
    expect(summary).to_contain_text("Wait 5 days")
    expect(page.get_by_test_id("agent-draft-changes")).to_be_visible()
    preview = page.get_by_test_id("agent-draft-preview")
    expect(preview.locator("[data-node-type='action.delay']")).to_contain_text("Wait 5 days")

    page.get_by_test_id("agent-discard").click()
    expect(page.get_by_test_id("agent-draft")).to_have_count(0)
    expect(page.get_by_test_id("agent-approve")).to_have_count(0)
    assert lumo.api.get("/api/workflows").json()["total"] == before  # nothing was saved


def test_japanese_and_english(page: Page, lumo: Lumo) -> None:
    wid = lumo.create_workflow(unique("言語"), template="keyword_auto_reply")
    page.goto(f"{lumo.url}/workflows")
    expect(page.get_by_test_id("nav-workflows")).to_have_text("Workflows")
    page.get_by_test_id("language-switch").select_option("ja")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_test_id("nav-workflows")).to_have_text("ワークフロー")
    expect(page.get_by_test_id("new-workflow")).to_contain_text("ワークフローを作成")
    expect(page.get_by_test_id(f"workflow-status-{wid}")).to_have_text("下書き")

    page.goto(f"{lumo.url}/workflows/{wid}")  # the choice survives a reload
    expect(page.get_by_test_id("start-button")).to_contain_text("開始")
    expect(page.get_by_test_id("node-trigger")).to_contain_text("メッセージ受信")
    expect(page.get_by_test_id("node-trigger-summary")).to_contain_text("を含む")
    page.get_by_test_id("node-trigger").click()
    expect(page.get_by_test_id("side-panel-description")).to_have_text(
        "友だちがキーワードに一致するテキストメッセージを送ったときに開始します。")
    expect(page.get_by_test_id("node-form")).to_contain_text("キーワード")
    page.get_by_test_id("add-after-reply").click()
    picker = page.get_by_test_id("node-picker")
    expect(picker.get_by_test_id("picker-item-action.delay")).to_contain_text("待機")
    expect(picker.get_by_test_id("picker-item-action.delay")).to_contain_text("365日")
    page.get_by_test_id("picker-filter").fill("リッチメニュー")
    expect(picker.locator("[data-testid^=picker-item-]")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(picker).to_be_hidden()
    page.get_by_test_id("try-it-button").click()
    expect(page.get_by_test_id("try-it-panel")).to_contain_text("友だちシミュレーター")

    page.get_by_test_id("language-switch").select_option("en")
    expect(page.get_by_test_id("start-button")).to_contain_text("Start")
    expect(page.get_by_test_id("try-it-panel")).to_contain_text("friend simulator")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_keyboard_adds_steps_and_saves(page: Page, lumo: Lumo) -> None:
    wid = lumo.create_workflow(unique("Keyboard"), template="keyword_auto_reply")
    page.goto(f"{lumo.url}/workflows/{wid}")
    expect(page.get_by_test_id("node-reply")).to_be_visible()

    # Nodes are focusable: Enter selects one and opens its form.
    page.locator(".react-flow__node[data-id='trigger']").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("side-panel")).to_have_attribute("data-node-id", "trigger")

    # The "+" under a node is a button: focus it, Enter opens the picker; type, Enter adds.
    page.get_by_test_id("add-after-reply").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("picker-filter")).to_be_focused()
    page.keyboard.type("delay")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("node-delay")).to_be_visible()
    expect(page.get_by_test_id("side-panel")).to_have_attribute("data-node-id", "delay")

    # Tab reaches the generated form; Escape goes back to the workflow settings.
    amount = page.get_by_test_id("field-amount")
    amount.focus()
    page.keyboard.type("2")
    expect(page.get_by_test_id("node-delay-summary")).to_contain_text("Wait 2")
    page.get_by_test_id("canvas").locator(".react-flow__pane").click(position={"x": 5, "y": 5})
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("workflow-name-input")).to_be_visible()

    # Toolbar buttons work from the keyboard: Tab to Save and press Enter.
    save = page.get_by_test_id("save-button")
    page.get_by_test_id("layout-button").focus()
    page.keyboard.press("Tab")
    expect(save).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
    page.keyboard.press("Tab")
    expect(page.get_by_test_id("start-button")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "active")
    expect(page.get_by_test_id("pause-button")).to_be_focused()  # Pause took Start's place
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "inactive")
    delay = lumo.api.get(f"/api/workflows/{wid}").json()["definition"]["nodes"][-1]
    assert delay["type"] == "action.delay" and delay["config"]["amount"] == 2, delay
