"""The visual editor: "+" buttons and the picker, generated forms, validation highlighting,
Save / Start / Pause and why Start is disabled, connecting by dragging a handle, undo / redo,
auto-layout and the unsaved-changes guard."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Dialog, Page, expect

from tests.e2e.support import Lumo, fit_view, screenshot, unique

NONZERO = re.compile(r"^[1-9]\d*$")


def node_position(page: Page, node_id: str) -> tuple[float, float]:
    transform = page.locator(f".react-flow__node[data-id='{node_id}']").evaluate(
        "el => el.style.transform")
    x, y = re.findall(r"-?[\d.]+", transform)[:2]
    return float(x), float(y)


def test_build_a_keyword_flow_save_start_and_pause(page: Page, lumo: Lumo) -> None:
    wid = lumo.create_workflow(unique("Built by hand"), with_account=False)
    page.goto(f"{lumo.url}/workflows/{wid}")
    start = page.get_by_test_id("start-button")
    reason = page.get_by_test_id("start-disabled-reason")
    expect(start).to_be_disabled()
    expect(reason).to_have_text("Select at least one LINE account on the Start node.")

    # "+" under Start offers triggers only.
    page.get_by_test_id("add-after-start").click()
    picker = page.get_by_test_id("node-picker")
    expect(picker).to_be_visible()
    expect(picker.get_by_test_id("picker-item-trigger.message_received")).to_be_visible()
    expect(picker.get_by_test_id("picker-item-action.send_message")).to_have_count(0)
    picker.get_by_test_id("picker-item-trigger.message_received").click()
    expect(picker).to_be_hidden()
    trigger = page.get_by_test_id("node-message_received")
    expect(trigger).to_be_visible()
    panel = page.get_by_test_id("side-panel")
    expect(panel).to_have_attribute("data-node-id", "message_received")
    expect(page.get_by_test_id("side-panel-title")).to_have_text("Message received")
    page.get_by_test_id("field-keywords-add").click()
    page.get_by_test_id("field-keywords.0").fill("sale")
    page.get_by_test_id("field-match_type").select_option(label="Equals")
    expect(page.get_by_test_id("node-message_received-summary")).to_have_text(
        "Message is “sale”")
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "true")
    expect(reason).to_have_text("Save your changes before starting.")

    # "+" under the trigger offers actions; the new node is connected and selected.
    page.get_by_test_id("add-after-message_received").click()
    expect(picker.get_by_test_id("picker-item-trigger.friend_add")).to_have_count(0)
    picker.get_by_test_id("picker-item-action.send_message").click()
    expect(panel).to_have_attribute("data-node-id", "send_message")
    text = page.get_by_test_id("field-messages.0.text")
    expect(text).to_be_visible()
    required = page.locator(".form-row", has=text).locator(".req").first
    expect(required).to_contain_text("*")
    expect(page.locator("[data-testid^=rf__edge-]")).to_have_count(2)

    # An unconnected step from the palette: saved, but flagged with a warning.
    page.get_by_test_id("palette-toggle").click()
    page.get_by_test_id("palette-item-action.delay").click()
    expect(page.get_by_test_id("node-delay")).to_be_visible()
    page.get_by_test_id("palette-toggle").click()  # fold the palette away again
    fit_view(page, "start", "message_received", "send_message", "delay")

    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
    # The empty message text is an error on its node and under its field.
    expect(page.get_by_test_id("node-send_message")).to_have_attribute("data-errors", "1")
    expect(page.get_by_test_id("node-send_message")).to_have_class(re.compile(r"has-error"))
    expect(page.get_by_test_id("node-delay")).to_have_attribute("data-warnings", NONZERO)
    expect(page.get_by_test_id("node-delay-warnings")).to_be_visible()
    page.get_by_test_id("node-send_message").click()
    expect(page.get_by_test_id("field-messages.0.text-issues")).to_contain_text(
        "fill in the text (message 1)")
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("workflow-warnings")).to_contain_text("is not connected")
    expect(page.get_by_test_id("workflow-errors")).to_contain_text("Choose at least one LINE")
    expect(start).to_be_disabled()
    screenshot(page, "editor-validation")

    # Clicking an issue selects its node; fix it.
    page.get_by_test_id("workflow-errors").get_by_text("Send message").click()
    expect(panel).to_have_attribute("data-node-id", "send_message")
    text.fill("The sale starts now!")
    # Choose the account on Start.
    page.get_by_test_id("node-start").click()
    expect(panel).to_have_attribute("data-node-id", "start")
    page.get_by_test_id(f"field-account_ids-{lumo.account_id}").check()
    expect(page.get_by_test_id("node-start-summary")).to_contain_text("Demo Shop")
    expect(reason).to_have_text("Save your changes before starting.")
    page.keyboard.press("Control+s")
    expect(page.get_by_test_id("toast-success").last).to_contain_text("Saved revision 4")
    expect(page.get_by_test_id("node-send_message")).to_have_attribute("data-errors", "0")
    expect(page.get_by_test_id("node-delay")).to_have_attribute("data-warnings", NONZERO)
    expect(reason).to_have_count(0)  # warnings do not block starting

    start.click()
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "active")
    expect(start).to_have_count(0)  # already running: only Pause is offered
    page.get_by_test_id("pause-button").click()
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "inactive")
    expect(start).to_be_enabled()
    wf = lumo.api.get(f"/api/workflows/{wid}").json()
    assert wf["status"] == "inactive" and wf["published_revision"] == wf["revision"] == 4
    kinds = {n["id"]: n["type"] for n in wf["definition"]["nodes"]}
    assert kinds == {"start": "start", "message_received": "trigger.message_received",
                     "send_message": "action.send_message", "delay": "action.delay"}
    assert wf["definition"]["nodes"][1]["config"] == {"keywords": ["sale"],
                                                      "match_type": "equals"}


def unconnected_definition() -> dict[str, Any]:
    return {"nodes": [
        {"id": "start", "type": "start", "config": {}, "position": {"x": 0, "y": 0}},
        {"id": "trigger", "type": "trigger.message_received",
         "config": {"keywords": ["menu"], "match_type": "contains"},
         "position": {"x": 0, "y": 160}},
        {"id": "reply", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": "Here is the menu"}]},
         "position": {"x": 420, "y": 360}},
    ], "edges": [{"source": "start", "source_handle": "out", "target": "trigger"}]}


def test_connect_by_dragging_a_handle_then_publish_changes(page: Page, lumo: Lumo) -> None:
    wid = lumo.create_workflow(unique("Drag"), definition=unconnected_definition())
    page.goto(f"{lumo.url}/workflows/{wid}")
    expect(page.get_by_test_id("node-reply")).to_have_attribute("data-warnings", "1")
    source = page.locator("[data-testid=node-trigger] .react-flow__handle.source")
    target = page.locator("[data-testid=node-reply] .react-flow__handle.target")
    source.drag_to(target)
    expect(page.get_by_test_id("rf__edge-e-trigger-out-reply")).to_have_count(1)
    expect(page.get_by_test_id("start-disabled-reason")).to_have_text(
        "Save your changes before starting.")
    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("node-reply")).to_have_attribute("data-warnings", "0")
    page.get_by_test_id("start-button").click()
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "active")

    # An edit of an active workflow: saved as unpublished changes, Start becomes "Publish".
    page.get_by_test_id("workflow-name-input").fill("Drag renamed")
    page.get_by_test_id("save-button").click()
    publish = page.get_by_test_id("start-button")
    expect(publish).to_contain_text("Publish changes")
    publish.click()
    expect(publish).to_have_count(0)
    assert lumo.api.get(f"/api/workflows/{wid}").json()["has_unpublished_changes"] is False


def test_undo_redo_and_auto_layout(page: Page, lumo: Lumo) -> None:
    wid = lumo.create_workflow(unique("Layout"), definition=unconnected_definition())
    page.goto(f"{lumo.url}/workflows/{wid}")
    undo, redo = page.get_by_test_id("undo-button"), page.get_by_test_id("redo-button")
    expect(undo).to_be_disabled()

    page.get_by_test_id("add-after-trigger").click()
    page.get_by_test_id("picker-filter").fill("tag")
    page.get_by_test_id("picker-item-action.tag").click()
    expect(page.get_by_test_id("node-tag")).to_be_visible()
    undo.click()
    expect(page.get_by_test_id("node-tag")).to_have_count(0)
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
    redo.click()
    expect(page.get_by_test_id("node-tag")).to_be_visible()
    page.keyboard.press("Control+z")  # the canvas has focus after clicking: shortcuts work
    expect(page.get_by_test_id("node-tag")).to_have_count(0)
    page.keyboard.press("Control+Shift+z")
    expect(page.get_by_test_id("node-tag")).to_be_visible()

    before = node_position(page, "reply")
    page.get_by_test_id("layout-button").click()
    # Top to bottom: Start above the trigger, the trigger above its steps.
    page.wait_for_function(
        "() => document.querySelector(\".react-flow__node[data-id='reply']\")"
        f".style.transform !== 'translate({before[0]:g}px, {before[1]:g}px)'")
    ys = {n: node_position(page, n)[1] for n in ("start", "trigger", "tag", "reply")}
    assert ys["start"] < ys["trigger"] < ys["tag"], ys
    assert node_position(page, "reply") != before
    undo.click()
    page.wait_for_function(
        "() => document.querySelector(\".react-flow__node[data-id='reply']\")"
        f".style.transform === 'translate({before[0]:g}px, {before[1]:g}px)'")


def test_unsaved_changes_guard(page: Page, lumo: Lumo) -> None:
    wid = lumo.create_workflow(unique("Guard"), definition=unconnected_definition())
    page.goto(f"{lumo.url}/workflows/{wid}")
    page.get_by_test_id("workflow-name-input").fill("Changed, not saved")
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "true")

    seen: list[str] = []

    def dismiss(d: Dialog) -> None:
        seen.append(d.message)
        d.dismiss()

    page.once("dialog", dismiss)
    page.get_by_test_id("editor-back").click()
    expect(page).to_have_url(re.compile(rf"/workflows/{wid}$"))
    assert seen == ["You have unsaved changes. Leave without saving?"]

    page.once("dialog", lambda d: d.accept())
    page.get_by_test_id("editor-back").click()
    expect(page).to_have_url(re.compile(r"/workflows$"))
    expect(page.get_by_test_id("workflow-table")).to_be_visible()
    assert lumo.api.get(f"/api/workflows/{wid}").json()["name"] != "Changed, not saved"


def test_question_and_branch_nodes_show_their_named_outputs(page: Page, lumo: Lumo) -> None:
    definition = {"nodes": [
        {"id": "start", "type": "start", "config": {}, "position": {"x": 0, "y": 0}},
        {"id": "trigger", "type": "trigger.message_received",
         "config": {"keywords": ["size"], "match_type": "equals"},
         "position": {"x": 0, "y": 160}},
        {"id": "ask", "type": "action.question",
         "config": {"text": "Which size?", "options": ["S", "M"], "attribute": "size"},
         "position": {"x": 0, "y": 320}},
        {"id": "branch", "type": "action.branch",
         "config": {"branches": [{"label": "Size S", "conditions": [
             {"kind": "attribute", "attribute": "size", "op": "equals", "value": "S"}]}]},
         "position": {"x": 0, "y": 480}},
    ], "edges": [{"source": "start", "source_handle": "out", "target": "trigger"},
                 {"source": "trigger", "source_handle": "out", "target": "ask"},
                 {"source": "ask", "source_handle": "answered", "target": "branch"}]}
    wid = lumo.create_workflow(unique("Outputs"), definition=definition)
    page.goto(f"{lumo.url}/workflows/{wid}")
    ask, branch = page.get_by_test_id("node-ask"), page.get_by_test_id("node-branch")
    expect(ask.locator(".out-label")).to_have_text(["Answered", "Timeout"])
    expect(ask.locator(".react-flow__handle.source")).to_have_count(2)
    expect(page.get_by_test_id("add-after-ask-answered")).to_be_visible()
    expect(branch.locator(".out-label")).to_have_text(["Size S", "Else"])
    expect(page.get_by_test_id("add-after-branch-else")).to_be_visible()

    # A second arm in the form is a third output on the node.
    branch.click()
    page.get_by_test_id("field-branches-add").click()
    expect(branch.locator(".out-label")).to_have_count(3)
    expect(page.get_by_test_id("add-after-branch-branch-2")).to_be_visible()

    # "+" under the timeout output adds a step connected from that output.
    page.get_by_test_id("add-after-ask-timeout").click()
    page.get_by_test_id("picker-item-action.send_message").click()
    expect(page.get_by_test_id("rf__edge-e-ask-timeout-send_message")).to_have_count(1)
    page.get_by_test_id("field-messages.0.text").fill("No answer? Ask us any time.")
    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
    saved = lumo.api.get(f"/api/workflows/{wid}").json()["definition"]
    assert {"source": "ask", "source_handle": "timeout", "target": "send_message"} in [
        {k: e[k] for k in ("source", "source_handle", "target")} for e in saved["edges"]]
    arms = next(n for n in saved["nodes"] if n["id"] == "branch")["config"]["branches"]
    assert len(arms) == 2


def test_drag_a_step_from_the_palette_and_move_a_node(page: Page, lumo: Lumo) -> None:
    wid = lumo.create_workflow(unique("Drop"), definition=unconnected_definition())
    page.goto(f"{lumo.url}/workflows/{wid}")
    expect(page.get_by_test_id("node-reply")).to_be_visible()
    page.get_by_test_id("palette-toggle").click()
    pane = page.get_by_test_id("canvas").locator(".react-flow__pane")
    box = pane.bounding_box()
    assert box is not None
    drop = {"x": box["width"] * 0.5, "y": box["height"] * 0.15}  # empty canvas above the flow
    page.get_by_test_id("palette-item-action.tag").drag_to(pane, target_position=drop)
    tag = page.get_by_test_id("node-tag")
    expect(tag).to_be_visible()
    expect(page.get_by_test_id("side-panel")).to_have_attribute("data-node-id", "tag")
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "true")
    # It landed where it was dropped (under the pointer), not at a fixed spot.
    t, p = tag.bounding_box(), pane.bounding_box()
    assert t is not None and p is not None
    assert abs((t["x"] + t["width"] / 2) - (p["x"] + drop["x"])) < 40, (t, p, drop)
    page.get_by_test_id("palette-toggle").click()

    # Moving a node with the mouse is an edit that is saved with the workflow.
    fit_view(page, "trigger")
    before = node_position(page, "trigger")
    r = page.get_by_test_id("node-trigger").bounding_box()
    assert r is not None
    page.mouse.move(r["x"] + r["width"] / 2, r["y"] + 20)
    page.mouse.down()
    page.mouse.move(r["x"] + r["width"] / 2 - 60, r["y"] + 80, steps=8)
    page.mouse.up()
    page.wait_for_function(
        "() => document.querySelector(\".react-flow__node[data-id='trigger']\")"
        f".style.transform !== 'translate({before[0]:g}px, {before[1]:g}px)'")
    moved = node_position(page, "trigger")
    page.get_by_test_id("save-button").click()
    expect(page.get_by_test_id("dirty-indicator")).to_have_attribute("data-dirty", "false")
    saved = {n["id"]: n for n in lumo.api.get(f"/api/workflows/{wid}").json()["definition"]
             ["nodes"]}
    assert saved["tag"]["type"] == "action.tag"
    assert (saved["trigger"]["position"]["x"], saved["trigger"]["position"]["y"]) == moved
    assert moved != before


def test_live_validation_in_plain_words_highlights_the_node(page: Page, lumo: Lumo) -> None:
    """Issues refresh as the canvas changes (no save), in plain words, in both languages."""
    wid = lumo.create_workflow(unique("Live"), template="keyword_auto_reply")
    page.goto(f"{lumo.url}/workflows/{wid}")
    expect(page.get_by_test_id("validation-summary")).to_contain_text("No problems found")
    page.get_by_test_id("add-after-reply").click()
    page.get_by_test_id("picker-item-action.tag").click()
    node = page.locator("[data-node-type='action.tag']")
    expect(node).to_have_attribute("data-errors", "1")  # highlighted at once, unsaved
    page.keyboard.press("Escape")
    errors = page.get_by_test_id("workflow-errors")
    expect(errors).to_have_text(["“Tag”: choose a tag."])
    page.get_by_test_id("language-switch").select_option("ja")
    expect(errors).to_have_text(["「タグ操作」：タグを選んでください。"])
    page.get_by_test_id("language-switch").select_option("en")
    # Deleting the step clears the issue, still without saving.
    node.click()
    page.get_by_test_id("delete-node").click()
    expect(page.get_by_test_id("workflow-errors")).to_have_count(0)
    assert lumo.api.get(f"/api/workflows/{wid}").json()["revision"] == 2  # nothing saved
