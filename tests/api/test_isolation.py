"""Every resource belongs to one organisation: another organisation sees 404, never data."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import create_tenant


def test_other_organisation_cannot_see_or_touch(any_client: TestClient) -> None:
    c = any_client
    a = create_tenant(c.app.state.db, "Shop A")  # type: ignore[attr-defined]
    b = create_tenant(c.app.state.db, "Shop B")  # type: ignore[attr-defined]

    acc = c.post("/api/accounts", headers=a.headers, json={
        "name": "A", "channel_id": "3000000001", "channel_secret": "secret-aaaa-1234",
        "access_token": "token-aaaa-1234"}).json()
    tag = c.post("/api/tags", headers=a.headers, json={"name": "VIP"}).json()
    msg = c.post("/api/auto-messages", headers=a.headers, json={
        "name": "Hi", "messages": [{"type": "text", "text": "hi"}]}).json()
    wid = c.post("/api/workflows", headers=a.headers, json={"name": "A's flow"}).json()["id"]

    for path in (f"/api/workflows/{wid}", f"/api/workflows/{wid}/validation",
                 f"/api/accounts/{acc['id']}", f"/api/auto-messages/{msg['id']}"):
        assert c.get(path, headers=b.headers).status_code == 404, path
    assert c.put(f"/api/workflows/{wid}", headers={**b.headers, "If-Match": "1"},
                 json={"name": "hijack"}).status_code == 404
    assert c.post(f"/api/workflows/{wid}/activate",
                  headers={**b.headers, "If-Match": "1"}).status_code == 404
    assert c.post(f"/api/workflows/{wid}/pause", headers=b.headers).status_code == 404
    assert c.delete(f"/api/workflows/{wid}", headers=b.headers).status_code == 404
    assert c.delete(f"/api/tags/{tag['id']}", headers=b.headers).status_code == 404

    for path in ("/api/workflows", "/api/accounts", "/api/tags", "/api/auto-messages",
                 "/api/rich-menus", "/api/qr-codes", "/api/friends"):
        assert c.get(path, headers=b.headers).json()["total"] == 0, path
    assert c.get(f"/api/workflows/{wid}", headers=a.headers).json()["name"] == "A's flow"

    # B may not build a workflow on A's account or tag: the validator says they do not exist.
    bw = c.post("/api/workflows", headers=b.headers, json={"name": "B"}).json()["id"]
    r = c.put(f"/api/workflows/{bw}", headers={**b.headers, "If-Match": "1"}, json={
        "definition": {"nodes": [
            {"id": "start", "type": "start", "config": {"account_ids": [acc["id"]]}},
            {"id": "t", "type": "trigger.friend_add", "config": {}},
            {"id": "g", "type": "action.tag", "config": {"tag_id": tag["id"]}}],
            "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "g"}]}})
    codes = {e["code"] for e in r.json()["validation"]["errors"]}
    assert {"unknown_account", "unknown_tag"} <= codes
    assert c.post(f"/api/workflows/{bw}/activate",
                  headers={**b.headers, "If-Match": "2"}).status_code == 409
    # B may not attach a QR code or rich menu to A's account either.
    assert c.post("/api/qr-codes", headers=b.headers, json={
        "name": "x", "account_id": acc["id"]}).status_code == 404
    assert c.post("/api/rich-menus", headers=b.headers, json={
        "name": "x", "line_rich_menu_id": "richmenu-abc", "account_id": acc["id"]}
    ).status_code == 404
