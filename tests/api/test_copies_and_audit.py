"""Duplicate, export / import (re-linked by name, with a report), revisions, the audit log."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_workflow_lifecycle import add_account
from tests.conftest import Tenant, create_tenant


def _flow(account_id: int, tag_id: int, other_tag: int) -> dict[str, Any]:
    return {"nodes": [
        {"id": "start", "type": "start", "config": {"account_ids": [account_id]}},
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "g", "type": "action.tag", "config": {"tag_id": tag_id, "operation": "add"}},
        {"id": "b", "type": "action.branch", "config": {"branches": [
            {"conditions": [{"kind": "tag", "tag_id": other_tag}]}]}},
    ], "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "g"},
                 {"source": "g", "target": "b"}]}


def _workflow(c: TestClient, t: Tenant, definition: dict[str, Any], name: str = "Welcome"
              ) -> int:
    wid = c.post("/api/workflows", headers=t.headers, json={"name": name}).json()["id"]
    r = c.put(f"/api/workflows/{wid}", headers={**t.headers, "If-Match": "1"},
              json={"definition": definition})
    assert r.status_code == 200, r.text
    return wid


def test_export_import_relinks_by_name_and_reports_what_is_missing(client: TestClient,
                                                                   tenant: Tenant) -> None:
    h = tenant.headers
    acc = add_account(client, tenant)
    vip = client.post("/api/tags", headers=h, json={"name": "VIP"}).json()["id"]
    lead = client.post("/api/tags", headers=h, json={"name": "Lead"}).json()["id"]
    wid = _workflow(client, tenant, _flow(acc["id"], vip, lead))
    exported = client.get(f"/api/workflows/{wid}/export", headers=h)
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    data = exported.json()
    assert {(r["node_id"], r["kind"], r["name"]) for r in data["references"]} == {
        ("start", "account", "Main shop"), ("g", "tag", "VIP"), ("b", "tag", "Lead")}

    # Another organisation: it has a "VIP" tag (other id) and an account of the same name.
    other = create_tenant(client.app.state.db, "Shop B")  # type: ignore[attr-defined]
    oh = other.headers
    their_acc = add_account(client, other, channel_id="2000000002")
    client.post("/api/tags", headers=oh, json={"name": "Unrelated"})
    their_vip = client.post("/api/tags", headers=oh, json={"name": "VIP"}).json()["id"]
    r = client.post("/api/workflows/import", headers=oh, json=data)
    assert r.status_code == 201, r.text
    report = r.json()["report"]
    assert not report["complete"]
    assert [(m["node_id"], m["kind"], m["name"]) for m in report["missing"]] == [
        ("b", "tag", "Lead")]
    assert "Tag “Lead” does not exist here" in report["missing"][0]["message"]
    imported = r.json()["workflow"]
    assert imported["status"] == "draft" and imported["name"] == "Welcome"
    nodes = {n["id"]: n for n in imported["definition"]["nodes"]}
    assert nodes["start"]["config"]["account_ids"] == [their_acc["id"]]
    assert nodes["g"]["config"]["tag_id"] == their_vip
    assert "tag_id" not in nodes["b"]["config"]["branches"][0]["conditions"][0]
    assert not imported["validation"]["valid"]  # the editor asks for the missing tag
    # Round trip in the same organisation: everything re-links, nothing is missing.
    again = client.post("/api/workflows/import", headers=h, json=data).json()
    assert again["report"]["complete"] and again["workflow"]["definition"] == \
        client.get(f"/api/workflows/{wid}", headers=h).json()["definition"]


def test_import_errors_name_the_field_and_store_nothing(client: TestClient,
                                                        tenant: Tenant) -> None:
    h = tenant.headers
    good = {"format": "lumo.workflow", "version": 1, "name": "X",
            "definition": {"nodes": [{"id": "start", "type": "start", "config": {}}],
                           "edges": []}, "references": []}
    cases = [
        ({**good, "format": "zapier"}, ["body", "format"]),
        ({**good, "version": 9}, ["body", "version"]),
        ({**good, "definition": "nope"}, ["body", "definition"]),
        ({**good, "name": ""}, ["body", "name"]),
        ({**good, "reentry": "sometimes"}, ["body", "reentry"]),
        ({**good, "references": [{"node_id": "ghost", "path": "tag_id", "kind": "tag"}]},
         ["body", "references", "0"]),
        ({**good, "references": [{"node_id": "start", "path": "nope/3", "kind": "account",
                                  "name": "A"}]}, ["body", "references", "0", "path"]),
        ({**good, "definition": {"nodes": [{"id": "start", "type": "start", "config": {}},
                                           {"id": "x", "type": "action.teleport"}],
                                 "edges": []}}, ["body", "definition", "nodes", 1, "type"]),
    ]
    for body, loc in cases:
        r = client.post("/api/workflows/import", headers=h, json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["detail"][0]["loc"] == loc, r.json()
    assert client.post("/api/workflows/import", headers=h, content=b"[1,2]",
                       ).status_code == 422
    assert client.get("/api/workflows", headers=h).json()["total"] == 0
    viewer = create_tenant(client.app.state.db, "Viewers", role="viewer")  # type: ignore
    assert client.post("/api/workflows/import", headers=viewer.headers,
                       json=good).status_code == 403


def test_duplicate_revisions_diff_restore_and_the_audit_log(client: TestClient,
                                                            tenant: Tenant) -> None:
    h = tenant.headers
    acc = add_account(client, tenant)
    vip = client.post("/api/tags", headers=h, json={"name": "VIP"}).json()["id"]
    wid = _workflow(client, tenant, _flow(acc["id"], vip, vip))  # revision 2
    wf = client.get(f"/api/workflows/{wid}", headers=h).json()
    changed = wf["definition"]
    changed["nodes"] = [n for n in changed["nodes"] if n["id"] != "b"]
    changed["edges"] = [e for e in changed["edges"] if e["target"] != "b"]
    changed["nodes"][2]["config"]["operation"] = "remove"
    assert client.put(f"/api/workflows/{wid}", headers={**h, "If-Match": "2"},
                      json={"definition": changed}).status_code == 200  # revision 3
    revs = client.get(f"/api/workflows/{wid}/revisions", headers=h).json()["items"]
    assert [r["number"] for r in revs] == [3, 2, 1]
    assert revs[0]["latest"] and revs[0]["created_by"] == tenant.email
    d = client.get(f"/api/workflows/{wid}/revisions/diff", headers=h,
                   params={"from": 2, "to": 3}).json()
    assert d["nodes"]["removed"] == [{"id": "b", "type": "action.branch"}]
    assert d["nodes"]["changed"][0]["id"] == "g"
    assert d["nodes"]["changed"][0]["before"] == {"operation": "add"}
    assert d["nodes"]["changed"][0]["after"] == {"operation": "remove"}
    assert len(d["edges"]["removed"]) == 1 and d["nodes"]["added"] == []
    assert client.get(f"/api/workflows/{wid}/revisions/diff", headers=h,
                      params={"from": 2, "to": 99}).status_code == 404
    stale = client.post(f"/api/workflows/{wid}/revisions/2/restore",
                        headers={**h, "If-Match": "2"})
    assert stale.status_code == 409
    restored = client.post(f"/api/workflows/{wid}/revisions/2/restore",
                           headers={**h, "If-Match": "3"})
    assert restored.status_code == 200 and restored.json()["revision"] == 4
    assert {n["id"] for n in restored.json()["definition"]["nodes"]} == {"start", "t", "g", "b"}
    assert client.get(f"/api/workflows/{wid}/revisions", headers=h).json()["items"][0][
        "note"] == "restored from revision 2"

    copy = client.post(f"/api/workflows/{wid}/duplicate", headers=h)
    assert copy.status_code == 201
    assert copy.json()["name"] == "Copy of Welcome" and copy.json()["status"] == "draft"
    assert copy.json()["definition"] == restored.json()["definition"]
    assert client.post(f"/api/workflows/{wid}/activate",
                       headers={**h, "If-Match": "4"}).status_code == 200
    assert client.post(f"/api/workflows/{wid}/pause", headers=h).status_code == 200
    assert client.delete(f"/api/workflows/{copy.json()['id']}", headers=h).status_code == 204

    log = client.get("/api/audit", headers=h, params={"limit": 5, "target_type": "workflow"})
    assert log.status_code == 200
    body = log.json()
    assert body["total"] == 8 and len(body["items"]) == 5
    assert [e["action"] for e in body["items"]] == ["deleted", "paused", "started",
                                                    "duplicated", "restored"]
    assert all(e["actor"] == tenant.email for e in body["items"])
    rest = client.get("/api/audit", headers=h, params={"limit": 5, "offset": 5,
                                                             "target_type": "workflow"}).json()
    assert [e["action"] for e in rest["items"]] == ["saved", "saved", "created"]
    only = client.get("/api/audit", headers=h,
                      params={"target_type": "workflow", "target_id": wid}).json()
    assert only["total"] == 6  # (duplicated and deleted concern the copy)
    assert client.get("/api/audit", headers=h, params={"action": "nope"}).status_code == 422
    other = create_tenant(client.app.state.db, "Elsewhere")  # type: ignore[attr-defined]
    assert client.get("/api/audit", headers=other.headers).json()["total"] == 0
