"""LINE messages in the editor: a buttons message built in the JSON tab (validated live),
shown in the phone-style preview, saved in LINE's shape; every type previews."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from engine.messages import builders as b
from tests.e2e.support import Lumo, screenshot, unique

IMG = "https://cdn.example.com/pic.jpg"
# A 1×1 PNG served for the CDN images (the test browser has no internet).
PIXEL = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                      "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5d8e1a4"
                      "0000000049454e44ae426082")


def _serve_images(page: Page) -> None:
    page.route("https://cdn.example.com/**",
               lambda route: route.fulfill(status=200, content_type="image/png", body=PIXEL))


def _flow(messages: list[dict]) -> dict:
    return {"nodes": [
        {"id": "start", "type": "start", "config": {"account_ids": []},
         "position": {"x": 0, "y": 0}},
        {"id": "t", "type": "trigger.message_received",
         "config": {"keywords": ["party"], "match_type": "equals"}, "position": {"x": 0, "y": 160}},
        {"id": "send", "type": "action.send_message", "config": {"messages": messages},
         "position": {"x": 0, "y": 320}}],
        "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "send"}]}


def test_build_a_buttons_message_in_the_editor(page: Page, lumo: Lumo) -> None:
    _serve_images(page)
    wid = lumo.create_workflow(unique("Buttons"), definition=_flow([b.text("Hello")]))
    page.goto(f"{lumo.url}/workflows/{wid}")
    page.get_by_test_id("node-send").click()
    preview = page.get_by_test_id("editor-preview")
    expect(preview.get_by_test_id("preview-text")).to_have_text("Hello")

    page.get_by_test_id("messages-tab-json").click()
    box = page.get_by_test_id("messages-json")
    status = page.get_by_test_id("messages-json-status")
    box.fill('[{"type": "flex", "altText": "x", "contents": {"type": "box"}}]')
    expect(status).to_contain_text("contents.type")  # Flex checked live, as typed
    buttons = b.buttons("Coming on Saturday?", [b.postback("Yes", "rsvp=yes"),
                                                 b.postback("No", "rsvp=no")], title="Party")
    box.fill(json.dumps([buttons]))
    expect(status).to_contain_text("✓")
    card = preview.get_by_test_id("preview-buttons")
    expect(card).to_contain_text("Coming on Saturday?")
    expect(card.get_by_test_id("preview-action")).to_have_text(["Yes", "No"])
    expect(page.get_by_test_id("node-send-summary")).to_contain_text("buttons")
    screenshot(page, "editor-buttons-preview")

    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
    saved = lumo.api.get(f"/api/workflows/{wid}").json()["definition"]
    send = next(n for n in saved["nodes"] if n["id"] == "send")
    assert send["config"]["messages"] == [buttons]


def test_the_preview_shows_every_message_type(page: Page, lumo: Lumo) -> None:
    flex = b.flex("Sale", {"type": "bubble", "body": {"type": "box", "layout": "vertical",
                                                      "contents": [{"type": "text",
                                                                    "text": "Spring sale"}]}})
    # (LINE shows the quick replies of the last message)
    first = [b.text("Hi"), b.sticker(446, 1988), b.image(IMG),
             b.video(IMG, IMG, tracking_id="v1"),
             b.quick_replies(flex, [b.postback("Menu", "menu")])]
    _serve_images(page)
    wid = lumo.create_workflow(unique("Preview"), definition=_flow(first))
    page.goto(f"{lumo.url}/workflows/{wid}")
    page.get_by_test_id("node-send").click()
    preview = page.get_by_test_id("editor-preview")
    expect(preview.get_by_test_id("preview-message")).to_have_count(5)
    for kind in ("text", "sticker", "image", "video", "flex"):
        expect(preview.get_by_test_id(f"preview-{kind}")).to_be_visible()
    expect(preview.get_by_test_id("preview-flex")).to_contain_text("Spring sale")
    expect(preview.get_by_test_id("preview-video")).to_contain_text("v1")
    expect(preview.get_by_test_id("preview-quick-replies")).to_have_text("Menu")


def test_build_buttons_with_a_postback_in_the_message_form(page: Page, lumo: Lumo) -> None:
    """The form is the message model's own: LINE's type values and field names, no JSON."""
    _serve_images(page)
    wid = lumo.create_workflow(unique("Form"), definition=_flow([b.text("Hello")]))
    page.goto(f"{lumo.url}/workflows/{wid}")
    page.get_by_test_id("node-send").click()
    form = page.get_by_test_id("node-form")
    expect(form).to_contain_text("type")
    page.get_by_test_id("field-messages.0-kind").select_option("template")
    expect(page.get_by_test_id("field-messages.0.template-kind")).to_have_value("buttons")
    page.get_by_test_id("field-messages.0.altText").fill("Party RSVP")
    page.get_by_test_id("field-messages.0.template.title").fill("Party")
    page.get_by_test_id("field-messages.0.template.text").fill("Coming on Saturday?")
    act = "field-messages.0.template.actions"
    expect(page.get_by_test_id(f"{act}.0-kind")).to_have_value("postback")
    page.get_by_test_id(f"{act}.0.label").fill("Yes")
    page.get_by_test_id(f"{act}.0.data").fill("rsvp=yes")
    page.get_by_test_id(f"{act}.0.displayText").fill("I'm coming")
    page.get_by_test_id(f"{act}-add").click()
    page.get_by_test_id(f"{act}.1-kind").select_option("uri")
    page.get_by_test_id(f"{act}.1.label").fill("Map")
    page.get_by_test_id(f"{act}.1.uri").fill("https://example.com/map")
    # quick replies on the message
    page.get_by_test_id("field-messages.0.quickReply-set").click()
    page.get_by_test_id("field-messages.0.quickReply.items.0.action-kind").select_option("message")
    page.get_by_test_id("field-messages.0.quickReply.items.0.action.label").fill("Later")
    page.get_by_test_id("field-messages.0.quickReply.items.0.action.text").fill("later")
    # the preview follows the typing
    card = page.get_by_test_id("editor-preview").get_by_test_id("preview-buttons")
    expect(card).to_contain_text("Coming on Saturday?")
    expect(card.get_by_test_id("preview-action")).to_have_text(["Yes", "Map"])
    expect(page.get_by_test_id("preview-quick-replies")).to_have_text("Later")
    expect(page.get_by_test_id("node-errors")).to_have_count(0)
    screenshot(page, "editor-message-form")

    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
    saved = lumo.api.get(f"/api/workflows/{wid}").json()["definition"]
    send = next(n for n in saved["nodes"] if n["id"] == "send")
    assert send["config"]["messages"] == [{
        "type": "template", "altText": "Party RSVP",
        "template": {"type": "buttons", "title": "Party", "text": "Coming on Saturday?",
                     "actions": [{"type": "postback", "label": "Yes", "data": "rsvp=yes",
                                  "displayText": "I'm coming"},
                                 {"type": "uri", "label": "Map",
                                  "uri": "https://example.com/map"}]},
        "quickReply": {"items": [{"type": "action", "action": {
            "type": "message", "label": "Later", "text": "later"}}]}}]


def test_a_bad_value_is_named_by_its_line_field(page: Page, lumo: Lumo) -> None:
    _serve_images(page)
    wid = lumo.create_workflow(unique("Bad"), definition=_flow([b.text("Hello")]))
    page.goto(f"{lumo.url}/workflows/{wid}")
    page.get_by_test_id("node-send").click()
    page.get_by_test_id("field-messages-add").click()
    page.get_by_test_id("field-messages.1-kind").select_option("sticker")
    page.get_by_test_id("field-messages.1.packageId").fill("446")
    page.get_by_test_id("field-messages.1.stickerId").fill("1988")
    page.get_by_test_id("field-messages-add").click()
    page.get_by_test_id("field-messages.2-kind").select_option("image")
    page.get_by_test_id("field-messages.2.originalContentUrl").fill("http://cdn.example.com/a.jpg")
    page.get_by_test_id("field-messages.2.previewImageUrl").fill("https://cdn.example.com/a.jpg")
    issues = page.get_by_test_id("field-messages.2.originalContentUrl-issues")
    expect(issues).to_contain_text("originalContentUrl")  # checked live by the API
    expect(page.get_by_test_id("editor-preview").get_by_test_id("preview-sticker")).to_contain_text(
        "446/1988")
    page.get_by_test_id("field-messages.2.originalContentUrl").fill("https://cdn.example.com/a.jpg")
    expect(issues).to_have_count(0)
    # reorder: the sticker goes first
    page.get_by_role("button", name="Move up: messages 2").click()
    expect(page.get_by_test_id("editor-preview").get_by_test_id("preview-message").first
           ).to_have_attribute("data-type", "sticker")


def test_the_preview_shows_the_other_types(page: Page, lumo: Lumo) -> None:
    """Audio, location, imagemap, confirm, carousel, image carousel and coupon preview too."""
    post = {"type": "postback", "label": "Go", "data": "go"}
    column = {"title": "Latte", "text": "Our best", "thumbnailImageUrl": IMG, "actions": [post]}
    first = [{"type": "audio", "originalContentUrl": "https://cdn.example.com/a.m4a",
              "duration": 60000},
             {"type": "location", "title": "Shop", "address": "1-2-3 Shibuya",
              "latitude": 35.66, "longitude": 139.7},
             {"type": "imagemap", "baseUrl": "https://cdn.example.com/map", "altText": "Map",
              "baseSize": {"width": 1040, "height": 1040},
              "actions": [{"type": "message", "text": "hi",
                           "area": {"x": 0, "y": 0, "width": 520, "height": 1040}}]},
             {"type": "template", "altText": "Sure?", "template": {
                 "type": "confirm", "text": "Sure?",
                 "actions": [{"type": "message", "label": "Yes", "text": "yes"},
                             {"type": "message", "label": "No", "text": "no"}]}},
             {"type": "template", "altText": "Menu", "template": {
                 "type": "carousel", "columns": [column, {**column, "title": "Mocha"}]}}]
    _serve_images(page)
    definition = _flow(first)
    definition["nodes"].append({"id": "more", "type": "action.send_message", "config": {
        "messages": [{"type": "template", "altText": "Pics", "template": {
            "type": "image_carousel", "columns": [{"imageUrl": IMG, "action": post}]}},
            {"type": "coupon", "couponId": "SPRING20"}]}, "position": {"x": 0, "y": 480}})
    definition["edges"].append({"source": "send", "target": "more"})
    wid = lumo.create_workflow(unique("Others"), definition=definition)
    page.goto(f"{lumo.url}/workflows/{wid}")
    page.get_by_test_id("node-send").click()
    preview = page.get_by_test_id("editor-preview")
    for kind in ("audio", "location", "imagemap", "confirm", "carousel"):
        expect(preview.get_by_test_id(f"preview-{kind}")).to_be_visible()
    expect(preview.get_by_test_id("preview-audio")).to_contain_text("60 s")
    expect(preview.get_by_test_id("preview-location")).to_contain_text("Shop")
    expect(preview.get_by_test_id("preview-confirm").get_by_test_id("preview-action")
           ).to_have_text(["Yes", "No"])
    expect(preview.get_by_test_id("preview-carousel")).to_contain_text("Mocha")
    page.get_by_test_id("node-more").click()
    expect(preview.get_by_test_id("preview-image_carousel")).to_contain_text("Go")
    expect(preview.get_by_test_id("preview-coupon")).to_contain_text("SPRING20")


def test_build_a_question_with_an_image_prompt(page: Page, lumo: Lumo) -> None:
    """The Question form reuses the message form of Send message for what it sends before its
    text; the preview shows the image, then the question with its options as quick replies."""
    _serve_images(page)
    page.route("http://insecure.example/**",
               lambda route: route.fulfill(status=200, content_type="image/png", body=PIXEL))
    definition = _flow([b.text("Hello")])
    definition["nodes"][2] = {"id": "ask", "type": "action.question", "config": {
        "text": "Which size?", "options": ["S", "M"], "attribute": "size"},
        "position": {"x": 0, "y": 320}}
    definition["edges"][1]["target"] = "ask"
    wid = lumo.create_workflow(unique("Question image"), definition=definition)
    page.goto(f"{lumo.url}/workflows/{wid}")
    page.get_by_test_id("node-ask").click()
    preview = page.get_by_test_id("editor-preview")
    expect(preview.get_by_test_id("preview-message")).to_have_count(1)
    expect(page.get_by_test_id("preview-quick-replies")).to_have_text("SM")

    page.get_by_test_id("field-messages-add").click()
    page.get_by_test_id("field-messages.0-kind").select_option("image")
    # LINE's own field names, as in Send message
    page.get_by_test_id("field-messages.0.originalContentUrl").fill(
        "https://cdn.example.com/chart.png")
    page.get_by_test_id("field-messages.0.previewImageUrl").fill(
        "https://cdn.example.com/chart-small.png")
    expect(preview.get_by_test_id("preview-message")).to_have_count(2)
    expect(preview.get_by_test_id("preview-message").first).to_have_attribute(
        "data-type", "image")
    expect(preview.get_by_test_id("preview-message").nth(1)).to_contain_text("Which size?")
    expect(page.get_by_test_id("preview-quick-replies")).to_have_text("SM")
    expect(page.get_by_test_id("node-ask-summary")).to_contain_text("(+1) “Which size?”")
    # a bad URL is named by its LINE field
    page.get_by_test_id("field-messages.0.previewImageUrl").fill("http://insecure.example/a")
    expect(page.get_by_test_id("field-messages.0.previewImageUrl-issues")).to_contain_text(
        "previewImageUrl")
    page.get_by_test_id("field-messages.0.previewImageUrl").fill(
        "https://cdn.example.com/chart-small.png")
    expect(page.get_by_test_id("node-errors")).to_have_count(0)
    screenshot(page, "editor-question-image")

    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
    saved = lumo.api.get(f"/api/workflows/{wid}").json()["definition"]
    ask = next(n for n in saved["nodes"] if n["id"] == "ask")["config"]
    assert ask["messages"] == [{"type": "image",
                                "originalContentUrl": "https://cdn.example.com/chart.png",
                                "previewImageUrl": "https://cdn.example.com/chart-small.png"}]
    assert ask["text"] == "Which size?" and ask["options"] == ["S", "M"]
