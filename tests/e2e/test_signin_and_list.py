"""Sign-in, the workflow list (badges, search, status filter, row actions) and the Create
Workflow dialog with a template."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.support import Console, Lumo, new_context, screenshot, unique


def test_sign_in_with_the_keyboard_after_a_wrong_password(browser: Browser, lumo: Lumo) -> None:
    ctx = new_context(browser)  # signed out
    page = ctx.new_page()
    console = Console()
    console.attach(page)
    console.expect_status(401)  # the wrong password, on purpose
    try:
        page.goto(f"{lumo.url}/workflows?status=active")
        expect(page).to_have_url(re.compile(r"/login\?next=%2Fworkflows%3Fstatus%3Dactive$"))
        expect(page.get_by_test_id("login-email")).to_be_focused()
        page.keyboard.type(lumo.email)
        page.keyboard.press("Tab")
        expect(page.get_by_test_id("login-password")).to_be_focused()
        page.keyboard.type("not the password")
        page.keyboard.press("Enter")
        expect(page.get_by_test_id("login-error")).to_have_text("Wrong email or password.")
        expect(page).to_have_url(re.compile(r"/login"))

        page.get_by_test_id("login-password").fill(lumo.password)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/workflows\?status=active$"))
        expect(page.get_by_test_id("workflow-status-filter")).to_have_value("active")
        expect(page.get_by_test_id("current-user")).to_have_text(lumo.email)

        page.get_by_test_id("sign-out").click()
        expect(page.get_by_test_id("login-form")).to_be_visible()
        page.goto(f"{lumo.url}/workflows")
        expect(page).to_have_url(re.compile(r"/login\?next="))
        assert not console.unexpected(), console.unexpected()
    finally:
        ctx.close()


def test_list_shows_status_badges_and_filters(page: Page, lumo: Lumo) -> None:
    tag = unique("List")
    active = lumo.create_workflow(f"{tag} welcome", template="friend_add_flow", activate=True)
    paused = lumo.create_workflow(f"{tag} hours", template="keyword_auto_reply", activate=True)
    lumo.pause(paused)
    draft = lumo.create_workflow(f"{tag} cart", template="cart_abandonment", with_account=False)

    page.goto(f"{lumo.url}/workflows")
    search = page.get_by_test_id("workflow-search")
    search.fill(tag)
    rows = page.locator("[data-testid^=workflow-row-]")
    expect(rows).to_have_count(3)
    expect(page.get_by_test_id(f"workflow-status-{active}")).to_have_attribute("data-status",
                                                                               "active")
    expect(page.get_by_test_id(f"workflow-status-{active}")).to_have_text("Active")
    expect(page.get_by_test_id(f"workflow-status-{paused}")).to_have_attribute("data-status",
                                                                               "inactive")
    expect(page.get_by_test_id(f"workflow-status-{draft}")).to_have_attribute("data-status",
                                                                              "draft")
    expect(page.get_by_test_id(f"workflow-runs-{active}")).to_have_text("0")
    screenshot(page, "workflows")

    search.fill(f"{tag} hours")
    expect(rows).to_have_count(1)
    expect(page.get_by_test_id(f"workflow-row-{paused}")).to_be_visible()
    search.fill(tag)
    page.get_by_test_id("workflow-status-filter").select_option("active")
    expect(rows).to_have_count(1)
    expect(page.get_by_test_id(f"workflow-row-{active}")).to_be_visible()
    expect(page).to_have_url(re.compile(r"status=active"))
    page.get_by_test_id("workflow-status-filter").select_option("draft")
    expect(rows).to_have_count(1)
    expect(page.get_by_test_id(f"workflow-row-{draft}")).to_be_visible()
    search.fill("no such workflow at all")
    expect(page.get_by_test_id("workflow-empty")).to_be_visible()


def test_row_actions_pause_activate_delete(page: Page, lumo: Lumo) -> None:
    tag = unique("Rows")
    wid = lumo.create_workflow(f"{tag} a", template="keyword_auto_reply", activate=True)
    doomed = lumo.create_workflow(f"{tag} b", with_account=False)
    page.goto(f"{lumo.url}/workflows")
    page.get_by_test_id("workflow-search").fill(tag)
    expect(page.locator("[data-testid^=workflow-row-]")).to_have_count(2)

    page.get_by_test_id(f"workflow-pause-{wid}").click()
    expect(page.get_by_test_id("toast-success")).to_be_visible()
    expect(page.get_by_test_id(f"workflow-status-{wid}")).to_have_attribute("data-status",
                                                                            "inactive")
    page.get_by_test_id(f"workflow-activate-{wid}").click()
    expect(page.get_by_test_id(f"workflow-status-{wid}")).to_have_attribute("data-status",
                                                                            "active")

    page.get_by_test_id(f"workflow-delete-{doomed}").click()
    dialog = page.get_by_test_id("confirm-dialog")
    expect(dialog).to_be_visible()
    expect(page.get_by_test_id("confirm-message")).to_contain_text(f"{tag} b")
    page.get_by_test_id("confirm-cancel").click()
    expect(dialog).to_be_hidden()
    page.get_by_test_id(f"workflow-delete-{doomed}").click()
    page.get_by_test_id("confirm-ok").click()
    expect(page.get_by_test_id(f"workflow-row-{doomed}")).to_have_count(0)
    assert lumo.api.get(f"/api/workflows/{doomed}").status_code == 404


def test_create_dialog_with_a_template_opens_its_structure(page: Page, lumo: Lumo) -> None:
    page.goto(f"{lumo.url}/workflows")
    # Keyboard: Enter opens the dialog, Escape closes it, Enter in the form submits it.
    page.get_by_test_id("new-workflow").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_test_id("create-workflow-dialog")
    expect(dialog).to_be_visible()
    expect(page.get_by_test_id("create-workflow-name")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    page.get_by_test_id("new-workflow").click()
    page.get_by_test_id("create-workflow-submit").click()
    expect(page.get_by_test_id("create-workflow-error")).to_be_visible()  # name is required
    name = unique("From template")
    page.get_by_test_id("create-workflow-name").fill(name)
    page.get_by_test_id("create-workflow-description").fill("Welcome, wait, coupon")
    template = page.get_by_test_id("create-workflow-template")
    expect(template.locator("option")).to_have_count(6)  # blank + the five templates
    template.select_option("friend_add_flow")
    expect(dialog).to_contain_text("wait three days")
    page.get_by_test_id("create-workflow-name").press("Enter")

    expect(page).to_have_url(re.compile(r"/workflows/\d+$"))
    expect(page.get_by_test_id("editor-name")).to_have_text(name)
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "draft")
    for node, kind in (("start", "start"), ("trigger", "trigger.friend_add"),
                       ("welcome", "action.send_message"), ("wait", "action.delay"),
                       ("coupon", "action.send_message")):
        expect(page.get_by_test_id(f"node-{node}")).to_have_attribute("data-node-type", kind)
    expect(page.get_by_test_id("node-wait-summary")).to_have_text("Wait 3 days")
    expect(page.locator(".react-flow__edge")).to_have_count(4)
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
