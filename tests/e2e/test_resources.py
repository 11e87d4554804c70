"""Resource pages create what workflows reference: tags, auto-send messages, rich menus,
QR codes and LINE accounts; the editor's forms then offer them."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from tests.e2e.support import Console, Lumo, unique
from tests.e2e.test_message_preview import PIXEL

QR_LINK = re.compile(r"/q/[A-Za-z0-9_-]+$")


def create(page: Page, kind: str, values: dict[str, str], selects: dict[str, str] | None = None
           ) -> None:
    page.get_by_test_id(f"nav-{kind}").click()
    page.get_by_test_id(f"new-{kind}").click()
    form = page.get_by_test_id(f"{kind}-form")
    expect(form).to_be_visible()
    for name, value in values.items():
        page.get_by_test_id(f"{kind}-field-{name}").fill(value)
    for name, label in (selects or {}).items():
        page.get_by_test_id(f"{kind}-field-{name}").select_option(label=label)
    page.get_by_test_id(f"{kind}-submit").click()
    expect(form).to_be_hidden()
    expect(page.get_by_test_id("toast-success").last).to_contain_text("Created")


def test_create_every_resource_and_use_them_in_the_editor(page: Page, lumo: Lumo) -> None:
    tag, auto, menu, qr, account = (unique(x) for x in ("Loyal", "Spring coupon", "Spring menu",
                                                         "Flyer", "Second shop"))
    page.goto(f"{lumo.url}/workflows")
    create(page, "tags", {"name": tag})
    expect(page.get_by_test_id("tags-table")).to_contain_text(tag)

    # the message preview loads the image (the test browser has no internet)
    page.route("https://example.com/**", lambda route: route.fulfill(
        status=200, content_type="image/png", body=PIXEL))
    page.get_by_test_id("nav-auto-messages").click()
    page.get_by_test_id("new-auto-messages").click()
    page.get_by_test_id("auto-messages-field-name").fill(auto)
    page.get_by_test_id("field-messages.0.text").fill("Spring sale: 20% off with SPRING20")
    page.get_by_test_id("field-messages-add").click()
    page.get_by_test_id("field-messages.1-kind").select_option("image")
    page.get_by_test_id("field-messages.1.originalContentUrl").fill(
        "https://example.com/spring.png")
    page.get_by_test_id("field-messages.1.previewImageUrl").fill(
        "https://example.com/spring-small.png")
    page.get_by_test_id("auto-messages-submit").click()
    expect(page.get_by_test_id("auto-messages-table")).to_contain_text(auto)
    expect(page.get_by_test_id("auto-messages-table")).to_contain_text("(+1)")

    create(page, "rich-menus", {"name": menu, "line_rich_menu_id": "richmenu-spring2026"},
           {"account_id": "Demo Shop (simulated LINE)"})
    expect(page.get_by_test_id("rich-menus-table")).to_contain_text("richmenu-spring2026")

    create(page, "qr-codes", {"name": qr, "prefill_text": "#flyer"},
           {"account_id": "Demo Shop (simulated LINE)"})
    qr_table = page.get_by_test_id("qr-codes-table")
    expect(qr_table).to_contain_text(qr)
    expect(qr_table.get_by_role("link").last).to_have_attribute("href", QR_LINK)

    channel = str(uuid.uuid4().int)[:10]
    create(page, "accounts", {"name": account, "channel_id": channel,
                              "channel_secret": "a-channel-secret-123",
                              "access_token": "an-access-token-12345"})
    accounts = page.get_by_test_id("accounts-table")
    expect(accounts).to_contain_text(account)
    expect(accounts).to_contain_text(f"/webhooks/line/{channel}")
    assert "a-channel-secret-123" not in page.content()  # secrets are write-only

    # The editor's reference fields list what was just created.
    definition = {"nodes": [
        {"id": "start", "type": "start", "config": {}, "position": {"x": 0, "y": 0}},
        {"id": "trigger", "type": "trigger.qr_scan", "config": {},
         "position": {"x": 0, "y": 160}},
        {"id": "tag", "type": "action.tag", "config": {"operation": "add"},
         "position": {"x": 0, "y": 320}},
        {"id": "auto", "type": "action.auto_message", "config": {},
         "position": {"x": 0, "y": 480}},
        {"id": "menu", "type": "action.rich_menu", "config": {"operation": "link"},
         "position": {"x": 0, "y": 640}},
    ], "edges": [{"source": "start", "source_handle": "out", "target": "trigger"},
                 {"source": "trigger", "source_handle": "out", "target": "tag"},
                 {"source": "tag", "source_handle": "out", "target": "auto"},
                 {"source": "auto", "source_handle": "out", "target": "menu"}]}
    wid = lumo.create_workflow(unique("Uses resources"), definition=definition)
    page.goto(f"{lumo.url}/workflows/{wid}")
    for node, field, label in (("trigger", "qr_code_id", qr), ("tag", "tag_id", tag),
                               ("auto", "auto_message_id", auto),
                               ("menu", "rich_menu_id", menu)):
        page.get_by_test_id(f"node-{node}").click()
        page.get_by_test_id(f"field-{field}").select_option(label=label)
        expect(page.get_by_test_id(f"node-{node}-summary")).to_contain_text(label)
    page.get_by_test_id("node-start").click()
    expect(page.get_by_test_id("node-form")).to_contain_text(account)  # the new account
    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
    expect(page.get_by_test_id("start-disabled-reason")).to_have_count(0)


def test_resource_form_errors_are_shown(page: Page, lumo: Lumo, console: Console) -> None:
    console.expect_status(409, 422)
    page.goto(f"{lumo.url}/rich-menus")
    page.get_by_test_id("new-rich-menus").click()
    page.get_by_test_id("rich-menus-submit").click()  # nothing filled: checked before sending
    expect(page.get_by_test_id("rich-menus-error")).to_contain_text("Name")
    page.get_by_test_id("rich-menus-field-name").fill("Broken")
    page.get_by_test_id("rich-menus-field-line_rich_menu_id").fill("not-a-rich-menu-id")
    page.get_by_test_id("rich-menus-field-account_id").select_option(
        label="Demo Shop (simulated LINE)")
    page.get_by_test_id("rich-menus-submit").click()
    expect(page.get_by_test_id("rich-menus-error")).to_contain_text("richmenu-")

    page.get_by_test_id("nav-tags").click()
    page.get_by_test_id("new-tags").click()
    page.get_by_test_id("tags-field-name").fill("VIP")  # the demo already has it
    page.get_by_test_id("tags-submit").click()
    expect(page.get_by_test_id("tags-error")).to_be_visible()
