"""Accounts, tags, auto-send messages, rich menus, QR codes, catalog, auth, viewer role."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.conftest import Tenant, create_tenant


def test_account_secrets_are_write_only(client: TestClient, tenant: Tenant) -> None:
    r = client.post("/api/accounts", headers=tenant.headers, json={
        "name": "Shop", "channel_id": "4000000001", "channel_secret": "very-secret-channel",
        "access_token": "very-secret-token-123", "basic_id": "@shop"})
    assert r.status_code == 201
    assert "very-secret" not in r.text
    assert r.json()["webhook_url"].endswith("/webhooks/line/4000000001")
    listed = client.get("/api/accounts", headers=tenant.headers)
    assert "very-secret" not in listed.text and listed.json()["total"] == 1
    with client.app.state.db.engine.connect() as conn:  # type: ignore[attr-defined]
        raw = conn.execute(text("SELECT channel_secret_enc, access_token_enc "
                                "FROM line_accounts")).one()
    assert "very-secret" not in "".join(raw)
    dup = client.post("/api/accounts", headers=tenant.headers, json={
        "name": "Again", "channel_id": "4000000001", "channel_secret": "another-secret",
        "access_token": "another-token-123"})
    assert dup.status_code == 409 and dup.json()["detail"]["field"] == "channel_id"
    bad_tz = client.post("/api/accounts", headers=tenant.headers, json={
        "name": "Tz", "channel_id": "4000000002", "channel_secret": "another-secret",
        "access_token": "another-token-123", "timezone": "Mars/Olympus"})
    assert bad_tz.status_code == 422 and bad_tz.json()["detail"][0]["loc"] == ["body",
                                                                              "timezone"]


def test_tags_unique_per_organisation(client: TestClient, tenant: Tenant) -> None:
    h = tenant.headers
    assert client.post("/api/tags", headers=h, json={"name": "VIP"}).status_code == 201
    dup = client.post("/api/tags", headers=h, json={"name": "VIP"})
    assert dup.status_code == 409 and dup.json()["detail"]["field"] == "name"
    other = create_tenant(client.app.state.db, "Other")  # type: ignore[attr-defined]
    assert client.post("/api/tags", headers=other.headers,
                       json={"name": "VIP"}).status_code == 201
    items = client.get("/api/tags", headers=h).json()["items"]
    assert [(t["name"], t["friend_count"]) for t in items] == [("VIP", 0)]


def test_deleted_auto_message_invalidates_workflow(client: TestClient, tenant: Tenant) -> None:
    h = tenant.headers
    acc = client.post("/api/accounts", headers=h, json={
        "name": "A", "channel_id": "4000000009", "channel_secret": "secret-1234567",
        "access_token": "token-1234567"}).json()
    msg = client.post("/api/auto-messages", headers=h, json={"name": "Welcome", "messages": [
        {"type": "text", "text": "Hello {{friend.display_name}}"},
        {"type": "image", "originalContentUrl": "https://example.com/a.jpg",
         "previewImageUrl": "https://example.com/a-small.jpg"}]})
    assert msg.status_code == 201
    mid = msg.json()["id"]
    wid = client.post("/api/workflows", headers=h, json={"name": "W"}).json()["id"]
    r = client.put(f"/api/workflows/{wid}", headers={**h, "If-Match": "1"}, json={
        "definition": {"nodes": [
            {"id": "start", "type": "start", "config": {"account_ids": [acc["id"]]}},
            {"id": "t", "type": "trigger.friend_add", "config": {}},
            {"id": "m", "type": "action.auto_message", "config": {"auto_message_id": mid}}],
            "edges": [{"source": "start", "target": "t"}, {"source": "t", "target": "m"}]}})
    assert r.json()["validation"]["valid"] is True
    assert client.delete(f"/api/auto-messages/{mid}", headers=h).status_code == 204
    v = client.get(f"/api/workflows/{wid}/validation", headers=h).json()
    assert v["valid"] is False
    assert v["errors"][0]["code"] == "unknown_auto_message"
    assert v["errors"][0]["field"] == "/nodes/2/config/auto_message_id"


def test_rich_menus_and_qr_codes(client: TestClient, tenant: Tenant) -> None:
    h = tenant.headers
    acc = client.post("/api/accounts", headers=h, json={
        "name": "A", "channel_id": "4000000010", "channel_secret": "secret-1234567",
        "access_token": "token-1234567"}).json()
    rm = client.post("/api/rich-menus", headers=h, json={
        "name": "VIP", "line_rich_menu_id": "richmenu-0123abcd", "account_id": acc["id"]})
    assert rm.status_code == 201
    bad = client.post("/api/rich-menus", headers=h, json={"name": "x",
                                                          "line_rich_menu_id": "nope"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body",
                                                                         "line_rich_menu_id"]
    qr = client.post("/api/qr-codes", headers=h, json={"name": "Flyer",
                                                       "account_id": acc["id"]})
    assert qr.status_code == 201
    body = qr.json()
    assert body["url"].endswith(f"/q/{body['code']}") and body["prefill_text"]
    assert client.get("/api/qr-codes", headers=h).json()["items"][0]["scan_count"] == 0


def test_catalog_lists_every_node_type(client: TestClient, tenant: Tenant) -> None:
    cat = client.get("/api/catalog", headers=tenant.headers).json()["node_types"]
    types = {n["type"] for n in cat}
    assert {"trigger.friend_add", "trigger.message_received", "trigger.postback",
            "trigger.qr_scan", "trigger.video_viewed", "trigger.block",
            "trigger.purchase_completed", "trigger.cart_abandoned", "action.send_message",
            "action.auto_message", "action.question", "action.branch", "action.delay",
            "action.tag", "action.rich_menu", "action.customer_agent", "action.ab_split"} <= types
    question = next(n for n in cat if n["type"] == "action.question")
    assert [h["id"] for h in question["outputs"]] == ["answered", "timeout"]
    assert {"text", "attribute"} <= set(question["schema"]["required"])


def test_integration_actions_appear_once_connected(client: TestClient, tenant: Tenant) -> None:
    def offered() -> set[str]:
        return {n["type"] for n in client.get("/api/catalog",
                                               headers=tenant.headers).json()["node_types"]}

    body = client.get("/api/catalog", headers=tenant.headers).json()
    assert {"action.hubspot", "action.klaviyo"}.isdisjoint(offered())
    assert {n["type"] for n in body["unavailable"]} == {"action.hubspot", "action.klaviyo"}
    assert "Connect HubSpot" in next(n for n in body["unavailable"]
                                     if n["type"] == "action.hubspot")["unavailable_reason"]
    r = client.post("/api/integrations", headers=tenant.headers,
                    json={"kind": "hubspot", "api_key": "pat-na1-0123456789abcdef"})
    assert r.status_code == 201, r.text
    assert "action.hubspot" in offered() and "action.klaviyo" not in offered()


def test_login_session_cookie_and_logout(client: TestClient, tenant: Tenant) -> None:
    bad = client.post("/api/auth/login", json={"email": tenant.email, "password": "nope"})
    assert bad.status_code == 401 and bad.json()["detail"]["code"] == "invalid_credentials"
    r = client.post("/api/auth/login", json={"email": tenant.email.upper(),
                                             "password": tenant.password})
    assert r.status_code == 200
    assert r.json()["user"]["organisation"]["name"] == "Shop A"
    assert "httponly" in r.headers["set-cookie"].lower()
    me = client.get("/api/me")  # cookie only
    assert me.status_code == 200 and me.json()["email"] == tenant.email
    client.post("/api/auth/logout")
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/me", headers={"Authorization": f"Bearer {r.json()['token']}"}
                      ).status_code == 401


def test_viewer_can_read_but_not_change(client: TestClient, tenant: Tenant) -> None:
    from engine.identity import create_user, issue_token
    from engine.storage.models import Organisation

    with client.app.state.db.session() as s:  # type: ignore[attr-defined]
        org = s.get(Organisation, tenant.organisation_id)
        viewer = create_user(s, org, "viewer@shop.test", "pw-viewer-1", role="viewer")
        token = issue_token(s, viewer)
    h = {"Authorization": f"Bearer {token}"}
    wid = client.post("/api/workflows", headers=tenant.headers, json={"name": "W"}).json()["id"]
    assert client.get(f"/api/workflows/{wid}", headers=h).status_code == 200
    assert client.post("/api/workflows", headers=h, json={"name": "x"}).status_code == 403
    assert client.put(f"/api/workflows/{wid}", headers={**h, "If-Match": "1"},
                      json={"name": "x"}).status_code == 403
    assert client.post(f"/api/workflows/{wid}/activate",
                       headers={**h, "If-Match": "1"}).status_code == 403


def test_bootstrap_token_and_demo(sqlite_url: str) -> None:
    from api.bootstrap import seed_demo
    from tests.conftest import make_client

    with make_client(sqlite_url, bootstrap_token="lumo_boot_token_123456") as c:
        me = c.get("/api/me", headers={"Authorization": "Bearer lumo_boot_token_123456"})
        assert me.status_code == 200 and me.json()["role"] == "admin"
        creds = seed_demo(c.app.state.db)  # type: ignore[attr-defined]
        again = seed_demo(c.app.state.db)  # type: ignore[attr-defined]
        assert again.organisation_id == creds.organisation_id
        login = c.post("/api/auth/login", json={"email": again.email,
                                                "password": again.password})
        assert login.status_code == 200
        h = {"Authorization": f"Bearer {login.json()['token']}"}
        assert c.get("/api/accounts", headers=h).json()["total"] == 1
        assert c.get("/api/tags", headers=h).json()["total"] >= 3
        assert c.get("/api/auto-messages", headers=h).json()["total"] == 1
        assert c.get("/api/rich-menus", headers=h).json()["total"] == 2
    # A restart with the same token does not create a second admin or organisation.
    with make_client(sqlite_url, bootstrap_token="lumo_boot_token_123456") as c:
        from api.bootstrap import organisation_names

        assert organisation_names(c.app.state.db).count("Lumo") == 1  # type: ignore[attr-defined]


def test_web_mock_catalog_is_the_engine_catalog() -> None:
    """The editor's unit tests run against web/mock/catalog.json: it must not drift."""
    import json
    from pathlib import Path

    from engine.catalog import catalog

    mock = Path(__file__).resolve().parents[2] / "web" / "mock" / "catalog.json"
    assert json.loads(mock.read_text()) == json.loads(json.dumps(catalog())), (
        "regenerate with: python -c \"import json; from engine.catalog import catalog; "
        "json.dump(catalog(), open('web/mock/catalog.json','w'), ensure_ascii=False, indent=2)\"")
