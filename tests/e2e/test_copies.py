"""In the browser: duplicate a workflow, export it and import it back (with the report of what
could not be re-linked), and restore an older revision."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.support import Lumo, unique


def _tagged_definition(tag_id: int) -> dict:
    return {"nodes": [
        {"id": "start", "type": "start", "config": {}, "position": {"x": 0, "y": 0}},
        {"id": "hello", "type": "trigger.friend_add", "config": {},
         "position": {"x": 0, "y": 160}},
        {"id": "mark", "type": "action.tag", "config": {"tag_id": tag_id, "operation": "add"},
         "position": {"x": 0, "y": 320}},
    ], "edges": [{"source": "start", "source_handle": "out", "target": "hello"},
                 {"source": "hello", "source_handle": "out", "target": "mark"}]}


def test_duplicate_from_the_list(page: Page, lumo: Lumo) -> None:
    name = unique("Original")
    wid = lumo.create_workflow(name, template="keyword_auto_reply")
    page.goto(f"{lumo.url}/workflows")
    page.get_by_test_id(f"workflow-duplicate-{wid}").click()
    expect(page).not_to_have_url(re.compile(rf"/workflows/{wid}$"))
    expect(page).to_have_url(re.compile(r"/workflows/\d+$"))
    expect(page.get_by_test_id("workflow-name-input")).to_have_value(f"Copy of {name}")
    expect(page.get_by_test_id("node-reply")).to_be_visible()
    expect(page.get_by_test_id("editor-status")).to_have_attribute("data-status", "draft")


def test_export_and_import_round_trip_with_a_report(page: Page, lumo: Lumo,
                                                    tmp_path: Path) -> None:
    tag = lumo.api.post("/api/tags", json={"name": unique("Exported tag")}).json()
    name = unique("Exported")
    wid = lumo.create_workflow(name, definition=_tagged_definition(tag["id"]))
    page.goto(f"{lumo.url}/workflows")
    with page.expect_download() as dl:
        page.get_by_test_id(f"workflow-export-{wid}").click()
    path = tmp_path / "export.json"
    dl.value.save_as(path)
    data = json.loads(path.read_text())
    assert data["format"] == "lumo.workflow" and data["name"] == name

    page.get_by_test_id("import-workflow-file").set_input_files(str(path))
    report = page.get_by_test_id("import-report")
    expect(report).to_be_visible()
    expect(page.get_by_test_id("import-report-summary")).to_contain_text("every tag")
    page.get_by_test_id("import-open").click()
    expect(page.get_by_test_id("node-mark")).to_be_visible()
    expect(page.get_by_test_id("workflow-name-input")).to_have_value(name)

    # The same file naming a tag this organisation does not have: imported, and said so.
    for ref in data["references"]:
        if ref["kind"] == "tag":
            ref["name"] = "No such tag"
    path.write_text(json.dumps(data))
    page.goto(f"{lumo.url}/workflows")
    page.get_by_test_id("import-workflow-file").set_input_files(str(path))
    expect(page.get_by_test_id("import-missing")).to_have_text(
        ["Tag “No such tag” does not exist here (step mark)."])
    page.get_by_test_id("import-open").click()
    expect(page.get_by_test_id("node-mark")).to_be_visible()


def test_restore_an_older_revision(page: Page, lumo: Lumo) -> None:
    tag = lumo.api.post("/api/tags", json={"name": unique("Rev tag")}).json()
    definition = _tagged_definition(tag["id"])
    wid = lumo.create_workflow(unique("Revised"), definition=definition)  # revision 2
    definition["nodes"] = definition["nodes"][:2]
    definition["edges"] = definition["edges"][:1]
    for n in definition["nodes"]:
        if n["type"] == "start":
            n["config"] = {"account_ids": [lumo.account_id]}
    r = lumo.api.put(f"/api/workflows/{wid}", headers={"If-Match": "2"},
                     json={"definition": definition})
    assert r.status_code == 200  # revision 3: the tag step is gone
    page.goto(f"{lumo.url}/workflows/{wid}")
    expect(page.get_by_test_id("node-hello")).to_be_visible()
    expect(page.get_by_test_id("node-mark")).to_have_count(0)
    page.get_by_test_id("revisions-link").click()
    expect(page.get_by_test_id("revision-list").locator("li")).to_have_count(3)
    page.get_by_test_id("revision-2").click()
    expect(page.get_by_test_id("revision-diff")).to_contain_text("Removed: mark")
    page.get_by_test_id("revision-restore").click()
    expect(page).to_have_url(re.compile(rf"/workflows/{wid}$"))
    expect(page.get_by_test_id("node-mark")).to_be_visible()
    assert lumo.api.get(f"/api/workflows/{wid}").json()["revision"] == 4
    page.goto(f"{lumo.url}/audit")
    expect(page.get_by_test_id("audit-row").first).to_have_attribute("data-action", "restored")


def test_compare_any_two_revisions(page: Page, lumo: Lumo) -> None:
    tag = lumo.api.post("/api/tags", json={"name": unique("Cmp tag")}).json()
    definition = _tagged_definition(tag["id"])
    wid = lumo.create_workflow(unique("Compared"), definition=definition)  # revision 2
    definition["nodes"] = definition["nodes"][:2]
    definition["edges"] = definition["edges"][:1]
    r = lumo.api.put(f"/api/workflows/{wid}", headers={"If-Match": "2"},
                     json={"definition": definition})
    assert r.status_code == 200  # revision 3: the tag step is gone
    definition["nodes"][1]["position"] = {"x": 400, "y": 400}
    r = lumo.api.put(f"/api/workflows/{wid}", headers={"If-Match": "3"},
                     json={"definition": definition})
    assert r.status_code == 200  # revision 4: a step moved
    page.goto(f"{lumo.url}/workflows/{wid}/revisions")
    page.get_by_test_id("revision-3").click()
    expect(page.get_by_test_id("revision-compare-with")).to_have_value("4")
    expect(page.get_by_test_id("revision-diff")).to_contain_text("Moved:")
    page.get_by_test_id("revision-compare-with").select_option("2")
    expect(page.get_by_test_id("revision-diff")).to_contain_text("Added: mark")
    page.get_by_test_id("revision-compare-with").select_option("3")
    expect(page.get_by_test_id("revision-diff")).to_have_text("No changes.")
    page.get_by_test_id("revision-2").click()
    page.get_by_test_id("revision-restore").click()
    expect(page.get_by_test_id("node-mark")).to_be_visible()
    saved = lumo.api.get(f"/api/workflows/{wid}").json()
    assert saved["revision"] == 5
    assert any(n["id"] == "mark" for n in saved["definition"]["nodes"])
