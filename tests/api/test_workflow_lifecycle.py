"""The workflow lifecycle through the HTTP API, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Tenant, create_tenant


def add_account(c: TestClient, t: Tenant, channel_id: str = "2000000001") -> dict[str, Any]:
    r = c.post("/api/accounts", headers=t.headers, json={
        "name": "Main shop", "channel_id": channel_id, "channel_secret": "s3cret-channel-123",
        "access_token": "token-abcdefgh-123"})
    assert r.status_code == 201, r.text
    return r.json()


def coupon_flow(account_ids: list[int]) -> dict[str, Any]:
    return {"nodes": [
        {"id": "start", "type": "start", "config": {"account_ids": account_ids}},
        {"id": "t1", "type": "trigger.friend_add", "config": {}},
        {"id": "d1", "type": "action.delay", "config": {"amount": 3, "unit": "days"}},
        {"id": "m1", "type": "action.send_message",
         "config": {"messages": [{"type": "text", "text": "Your coupon: THANKS3"}]}},
    ], "edges": [
        {"source": "start", "target": "t1"},
        {"source": "t1", "target": "d1"},
        {"source": "d1", "target": "m1"},
    ]}


def test_create_save_activate_pause(any_client: TestClient) -> None:
    c = any_client
    t = create_tenant(c.app.state.db, "Lifecycle")  # type: ignore[attr-defined]

    r = c.post("/api/workflows", headers=t.headers,
               json={"name": "Coupon after friend add", "description": "3-day coupon"})
    assert r.status_code == 201, r.text
    wf = r.json()
    assert wf["status"] == "draft" and wf["revision"] == 1
    assert r.headers["etag"] == '"1"'
    wid = wf["id"]

    # Save the flow without any account selected.
    r = c.put(f"/api/workflows/{wid}", headers={**t.headers, "If-Match": '"1"'},
              json={"definition": coupon_flow([])})
    assert r.status_code == 200, r.text
    assert r.json()["revision"] == 2
    assert [e["code"] for e in r.json()["validation"]["errors"]] == ["no_account"]

    r = c.post(f"/api/workflows/{wid}/activate", headers={**t.headers, "If-Match": "2"})
    assert r.status_code == 409
    assert r.json()["detail"]["code"] == "no_account"
    assert "LINE account" in r.json()["detail"]["message"]
    assert c.get(f"/api/workflows/{wid}", headers=t.headers).json()["status"] == "draft"

    account = add_account(c, t)
    r = c.put(f"/api/workflows/{wid}", headers={**t.headers, "If-Match": "2"},
              json={"definition": coupon_flow([account["id"]])})
    assert r.status_code == 200 and r.json()["revision"] == 3
    assert r.json()["validation"] == {"valid": True, "errors": [], "warnings": []}

    # Activating an older revision than the saved one is refused: unsaved changes.
    r = c.post(f"/api/workflows/{wid}/activate", headers={**t.headers, "If-Match": "2"})
    assert r.status_code == 409 and r.json()["detail"]["code"] == "unsaved_changes"

    r = c.post(f"/api/workflows/{wid}/activate", headers={**t.headers, "If-Match": "3"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "active" and body["published_revision"] == 3
    assert body["has_unpublished_changes"] is False

    # Saving an active workflow keeps revision 3 live and flags unpublished changes.
    edited = coupon_flow([account["id"]])
    edited["nodes"][2]["config"]["amount"] = 5
    r = c.put(f"/api/workflows/{wid}", headers={**t.headers, "If-Match": "3"},
              json={"definition": edited})
    assert r.json()["status"] == "active"
    assert r.json()["published_revision"] == 3 and r.json()["revision"] == 4
    assert r.json()["has_unpublished_changes"] is True
    r = c.post(f"/api/workflows/{wid}/activate", headers={**t.headers, "If-Match": "4"})
    assert r.json()["published_revision"] == 4 and not r.json()["has_unpublished_changes"]

    r = c.post(f"/api/workflows/{wid}/pause", headers=t.headers)
    assert r.status_code == 200 and r.json()["status"] == "inactive"
    listed = c.get("/api/workflows", headers=t.headers).json()
    assert listed["total"] == 1
    row = listed["items"][0]
    assert row["status"] == "inactive" and row["run_count"] == 0 and row["last_run_at"] is None
    assert row["updated_at"]

    # Resume: inactive → active again.
    r = c.post(f"/api/workflows/{wid}/activate", headers={**t.headers, "If-Match": "4"})
    assert r.status_code == 200 and r.json()["status"] == "active"


def test_stale_save_is_refused_and_changes_nothing(client: TestClient, tenant: Tenant) -> None:
    c, t = client, tenant
    wid = c.post("/api/workflows", headers=t.headers, json={"name": "A"}).json()["id"]
    first = c.put(f"/api/workflows/{wid}", headers={**t.headers, "If-Match": "1"},
                  json={"name": "Renamed by Alice", "definition": coupon_flow([])})
    assert first.status_code == 200
    stale = c.put(f"/api/workflows/{wid}", headers={**t.headers, "If-Match": "1"},
                  json={"name": "Bob overwrites", "definition": {"nodes": [], "edges": []}})
    assert stale.status_code == 409
    assert stale.json()["detail"]["code"] == "stale_revision"
    assert stale.json()["detail"]["latest_revision"] == 2
    now = c.get(f"/api/workflows/{wid}", headers=t.headers).json()
    assert now["name"] == "Renamed by Alice" and len(now["definition"]["nodes"]) == 4

    missing = c.put(f"/api/workflows/{wid}", headers=t.headers, json={"name": "x"})
    assert missing.status_code == 428
    assert missing.json()["detail"]["field"] == "If-Match"
    junk = c.put(f"/api/workflows/{wid}", headers={**t.headers, "If-Match": "abc"},
                 json={"name": "x"})
    assert junk.status_code == 400 and junk.json()["detail"]["field"] == "If-Match"


def test_activation_refused_while_invalid(client: TestClient, tenant: Tenant) -> None:
    c, t = client, tenant
    account = add_account(c, t)
    wid = c.post("/api/workflows", headers=t.headers, json={"name": "A"}).json()["id"]
    flow = coupon_flow([account["id"]])
    del flow["nodes"][3]["config"]["messages"]  # incomplete: saved, but cannot start
    r = c.put(f"/api/workflows/{wid}", headers={**t.headers, "If-Match": "1"},
              json={"definition": flow})
    assert r.status_code == 200
    r = c.post(f"/api/workflows/{wid}/activate", headers={**t.headers, "If-Match": "2"})
    assert r.status_code == 409
    detail = r.json()["detail"]
    assert detail["code"] == "invalid_definition"
    assert detail["errors"][0]["node_id"] == "m1"
    assert detail["errors"][0]["field"] == "/nodes/3/config/messages"
    no_rev = c.post(f"/api/workflows/{wid}/activate", headers=t.headers)
    assert no_rev.status_code == 409 and no_rev.json()["detail"]["code"] == "revision_required"


def test_pause_a_draft_is_refused(client: TestClient, tenant: Tenant) -> None:
    wid = client.post("/api/workflows", headers=tenant.headers, json={"name": "A"}).json()["id"]
    r = client.post(f"/api/workflows/{wid}/pause", headers=tenant.headers)
    assert r.status_code == 409 and r.json()["detail"]["code"] == "not_active"


def test_templates_create_their_structure(client: TestClient, tenant: Tenant) -> None:
    templates = client.get("/api/templates", headers=tenant.headers).json()
    names = {t["name"] for t in templates}
    assert {"Flow after friend add", "Keyword auto-reply", "Survey and tag",
            "Cart abandonment reminder"} <= names
    for tpl in templates:
        r = client.post("/api/workflows", headers=tenant.headers,
                        json={"name": tpl["name"], "template": tpl["id"]})
        assert r.status_code == 201, r.text
        types = [n["type"] for n in r.json()["definition"]["nodes"]]
        assert types[0] == "start" and types[1].startswith("trigger.")
        assert r.json()["validation"]["warnings"] == []
    cart = next(t for t in templates if t["id"] == "cart_abandonment")
    assert [n["type"] for n in cart["definition"]["nodes"]] == [
        "start", "trigger.cart_abandoned", "action.delay", "action.send_message"]
    bad = client.post("/api/workflows", headers=tenant.headers,
                      json={"name": "x", "template": "nope"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "template"]


def test_list_search_filter_and_paginate(client: TestClient, tenant: Tenant) -> None:
    h = tenant.headers
    for name in ("Welcome series", "Cart reminder", "Welcome VIP", "Survey"):
        client.post("/api/workflows", headers=h, json={"name": name})
    r = client.get("/api/workflows", headers=h, params={"q": "welcome"}).json()
    assert sorted(i["name"] for i in r["items"]) == ["Welcome VIP", "Welcome series"]
    page1 = client.get("/api/workflows", headers=h, params={"limit": 3}).json()
    page2 = client.get("/api/workflows", headers=h, params={"limit": 3, "offset": 3}).json()
    assert page1["total"] == 4 and len(page1["items"]) == 3 and len(page2["items"]) == 1
    assert {i["id"] for i in page1["items"]}.isdisjoint({i["id"] for i in page2["items"]})
    drafts = client.get("/api/workflows", headers=h, params={"status": "draft"}).json()
    assert drafts["total"] == 4
    assert client.get("/api/workflows", headers=h, params={"status": "active"}).json()[
        "total"] == 0
    assert client.get("/api/workflows", headers=h, params={"status": "bogus"}).status_code == 422


def test_delete_hides_workflow(client: TestClient, tenant: Tenant) -> None:
    h = tenant.headers
    wid = client.post("/api/workflows", headers=h, json={"name": "Temp"}).json()["id"]
    assert client.delete(f"/api/workflows/{wid}", headers=h).status_code == 204
    assert client.get(f"/api/workflows/{wid}", headers=h).status_code == 404
    assert client.get("/api/workflows", headers=h).json()["total"] == 0


def test_reentry_setting_is_stored_and_checked(client: TestClient, tenant: Tenant) -> None:
    h = tenant.headers
    r = client.post("/api/workflows", headers=h, json={"name": "Once", "reentry": "once"})
    assert r.status_code == 201 and r.json()["reentry"] == "once"
    wid = r.json()["id"]
    bad = client.put(f"/api/workflows/{wid}", headers={**h, "If-Match": "1"},
                     json={"reentry": "sometimes"})
    assert bad.status_code == 422
    assert any(e["loc"][-1] == "reentry" for e in bad.json()["detail"]), bad.json()
    ok = client.put(f"/api/workflows/{wid}", headers={**h, "If-Match": "1"},
                    json={"reentry": "always"})
    assert ok.status_code == 200 and ok.json()["reentry"] == "always"
    # A setting, not a new revision of the graph.
    assert ok.json()["revision"] == 1
    assert client.get(f"/api/workflows/{wid}", headers=h).json()["reentry"] == "always"
