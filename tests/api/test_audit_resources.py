"""The audit log beyond workflows: accounts, tags, auto-send messages, rich menus, QR codes,
integrations and agent approvals; filters by resource type and actor; deleting an account."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_agent_routes import agent_client, close, converse
from tests.api.test_workflow_lifecycle import add_account, coupon_flow
from tests.conftest import Tenant, create_tenant, make_client
from tests.support.stack import ACCESS_TOKEN, CHANNEL_SECRET, Simulator

SECRETS = ("s3cret-channel-123", "token-abcdefgh-123", "hubspot-key-123456", CHANNEL_SECRET,
           ACCESS_TOKEN)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def entries(c: TestClient, t: Tenant, **params: Any) -> list[tuple[str, str, str]]:
    r = c.get("/api/audit", headers=t.headers, params={"limit": 100, **params})
    assert r.status_code == 200, r.text
    return [(e["action"], e["target"]["type"], e["target"]["name"])
            for e in reversed(r.json()["items"])]


def no_secret_in_log(c: TestClient, t: Tenant) -> None:
    text = json.dumps(c.get("/api/audit", headers=t.headers, params={"limit": 100}).json())
    for secret in SECRETS:
        assert secret not in text


@pytest.fixture
def line_client(sqlite_url: str, simulator: Simulator) -> Iterator[TestClient]:
    """The API talking to the LINE simulator (rich menus made in Lumo go there)."""
    simulator.register("2000000717", "http://127.0.0.1:9/unused")
    with make_client(sqlite_url, line_api_host=simulator.url,
                     line_blob_host=simulator.url) as c:
        yield c
    c.app.state.db.dispose()  # type: ignore[attr-defined]


def test_resources_are_audited_with_who_and_never_a_secret(line_client: TestClient) -> None:
    c = line_client
    t = create_tenant(c.app.state.db, "Shop A")  # type: ignore[attr-defined]
    h = t.headers
    acc = c.post("/api/accounts", headers=h, json={
        "name": "Main shop", "channel_id": "2000000717", "channel_secret": CHANNEL_SECRET,
        "access_token": ACCESS_TOKEN}).json()
    tag = c.post("/api/tags", headers=h, json={"name": "VIP"}).json()
    text = [{"type": "text", "text": "Hello"}]
    msg = c.post("/api/auto-messages", headers=h, json={"name": "Hi", "messages": text}).json()
    assert c.put(f"/api/auto-messages/{msg['id']}", headers=h,
                 json={"name": "Welcome", "messages": text}).status_code == 200
    assert c.delete(f"/api/auto-messages/{msg['id']}", headers=h).status_code == 204
    qr = c.post("/api/qr-codes", headers=h, json={"name": "Flyer", "account_id": acc["id"]})
    assert qr.status_code == 201
    menu = {"size": {"width": 2500, "height": 843}, "selected": False, "name": "Main",
            "chatBarText": "Menu", "areas": [{"bounds": {"x": 0, "y": 0, "width": 2500,
                                                         "height": 843},
                                              "action": {"type": "message", "text": "hi"}}]}
    made = c.post("/api/rich-menus", headers=h, json={
        "name": "Main menu", "account_id": acc["id"], "menu": menu,
        "image_base64": base64.b64encode(PNG).decode(), "set_default": True})
    assert made.status_code == 201, made.text
    ref = c.post("/api/rich-menus", headers=h, json={
        "name": "Elsewhere", "line_rich_menu_id": "richmenu-abc123"}).json()
    assert c.delete(f"/api/rich-menus/{ref['id']}", headers=h).status_code == 204
    hubspot = {"kind": "hubspot", "api_key": SECRETS[2]}
    assert c.post("/api/integrations", headers=h, json=hubspot).status_code == 201
    assert c.post("/api/integrations", headers=h, json=hubspot).status_code == 200  # rotated
    assert c.delete("/api/integrations/hubspot", headers=h).status_code == 204
    assert c.delete(f"/api/tags/{tag['id']}", headers=h).status_code == 204

    assert entries(c, t) == [
        ("created", "account", "Main shop"), ("created", "tag", "VIP"),
        ("created", "auto_message", "Hi"), ("changed", "auto_message", "Welcome"),
        ("deleted", "auto_message", "Welcome"), ("created", "qr_code", "Flyer"),
        ("created", "rich_menu", "Main menu"), ("image_uploaded", "rich_menu", "Main menu"),
        ("set_default", "rich_menu", "Main menu"), ("created", "rich_menu", "Elsewhere"),
        ("deleted", "rich_menu", "Elsewhere"), ("connected", "integration", "HubSpot"),
        ("connected", "integration", "HubSpot"), ("disconnected", "integration", "HubSpot"),
        ("deleted", "tag", "VIP")]
    log = c.get("/api/audit", headers=h, params={"limit": 100}).json()["items"]
    assert {e["actor"] for e in log} == {t.email}
    assert log[-1]["target"]["id"] == acc["id"]
    renamed = next(e for e in log if e["action"] == "changed")
    assert renamed["detail"] == {"renamed_from": "Hi"}
    rotations = [e["detail"]["rotated"] for e in log if e["action"] == "connected"]
    assert rotations == [True, False]  # newest first
    no_secret_in_log(c, t)
    # Another organisation sees none of it.
    other = create_tenant(c.app.state.db, "Shop B")  # type: ignore[attr-defined]
    assert c.get("/api/audit", headers=other.headers).json()["total"] == 0


def test_the_log_filters_by_resource_type_and_actor_paginated(client: TestClient,
                                                              tenant: Tenant) -> None:
    h = tenant.headers
    with client.app.state.db.session() as session:  # type: ignore[attr-defined]
        from engine.identity import create_user, issue_token
        from engine.storage.models import Organisation

        org = session.get(Organisation, tenant.organisation_id)
        colleague = create_user(session, org, "kana@shopa.test", "another horse battery",
                                role="editor")
        other_headers = {"Authorization": f"Bearer {issue_token(session, colleague)}"}
    for name in ("A", "B", "C"):
        assert client.post("/api/tags", headers=h, json={"name": name}).status_code == 201
    assert client.post("/api/tags", headers=other_headers, json={"name": "D"}).status_code \
        == 201
    client.post("/api/workflows", headers=other_headers, json={"name": "Welcome"})

    tags = client.get("/api/audit", headers=h, params={"target_type": "tag", "limit": 2}).json()
    assert tags["total"] == 4 and [e["target"]["name"] for e in tags["items"]] == ["D", "C"]
    page2 = client.get("/api/audit", headers=h,
                       params={"target_type": "tag", "limit": 2, "offset": 2}).json()
    assert [e["target"]["name"] for e in page2["items"]] == ["B", "A"]
    kana = entries(client, tenant, actor="kana@shopa.test")
    assert kana == [("created", "tag", "D"), ("created", "workflow", "Welcome")]
    assert entries(client, tenant, actor="kana@shopa.test", target_type="tag") == [
        ("created", "tag", "D")]
    assert client.get("/api/audit/actors", headers=h).json()["items"] == sorted(
        ["kana@shopa.test", tenant.email])
    bad = client.get("/api/audit", headers=h, params={"target_type": "planet"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "target_type"]


def test_an_account_used_by_an_active_workflow_is_not_deleted(client: TestClient,
                                                              tenant: Tenant) -> None:
    h = tenant.headers
    acc = add_account(client, tenant)
    spare = add_account(client, tenant, channel_id="2000000009")
    wid = client.post("/api/workflows", headers=h, json={"name": "Coupon"}).json()["id"]
    assert client.put(f"/api/workflows/{wid}", headers={**h, "If-Match": "1"},
                      json={"definition": coupon_flow([acc["id"]])}).status_code == 200
    assert client.post(f"/api/workflows/{wid}/activate",
                       headers={**h, "If-Match": "2"}).status_code == 200

    r = client.delete(f"/api/accounts/{acc['id']}", headers=h)
    assert r.status_code == 409
    detail = r.json()["detail"]
    assert detail["code"] == "account_in_use" and "“Coupon”" in detail["message"]
    assert detail["workflows"] == [{"id": wid, "name": "Coupon"}]
    assert client.get(f"/api/accounts/{acc['id']}", headers=h).status_code == 200

    # Unused accounts go at once; once paused, the workflow no longer holds its account.
    assert client.delete(f"/api/accounts/{spare['id']}", headers=h).status_code == 204
    assert client.post(f"/api/workflows/{wid}/pause", headers=h).status_code == 200
    assert client.delete(f"/api/accounts/{acc['id']}", headers=h).status_code == 204
    assert client.get("/api/accounts", headers=h).json()["total"] == 0
    assert client.delete(f"/api/accounts/{acc['id']}", headers=h).status_code == 404
    assert entries(client, tenant, target_type="account") == [
        ("created", "account", "Main shop"), ("created", "account", "Main shop"),
        ("deleted", "account", "Main shop"), ("deleted", "account", "Main shop")]
    # The paused workflow stays, and says it now needs an account.
    wf = client.get(f"/api/workflows/{wid}", headers=h).json()
    assert not wf["validation"]["valid"]
    no_secret_in_log(client, tenant)


def test_viewers_and_other_organisations_cannot_delete_an_account(client: TestClient,
                                                                  tenant: Tenant) -> None:
    acc = add_account(client, tenant)
    other = create_tenant(client.app.state.db, "Shop B")  # type: ignore[attr-defined]
    assert client.delete(f"/api/accounts/{acc['id']}", headers=other.headers).status_code \
        == 404
    viewer = create_tenant(client.app.state.db, "Viewers", role="viewer")  # type: ignore
    assert client.delete(f"/api/accounts/{acc['id']}", headers=viewer.headers).status_code \
        == 403
    assert client.get(f"/api/accounts/{acc['id']}", headers=tenant.headers).status_code == 200


def test_an_agent_approval_is_audited_with_the_tags_it_created(sqlite_url: str) -> None:
    with agent_client(sqlite_url) as api:
        shop = create_tenant(api.app.state.db, "Shop A")  # type: ignore[attr-defined]
        add_account(api, shop)
        cid, body = converse(api, shop, "I want to tag people who answer a survey")
        body = api.post(f"/api/agent/conversations/{cid}/messages",
                                  headers=shop.headers,
                                  json={"text": body["clarification"]["options"][0]}).json()
        r = api.post(f"/api/agent/conversations/{cid}/approve", headers=shop.headers,
                     json={"create_tags": True})
        assert r.status_code == 200, r.text
        log = api.get("/api/audit", headers=shop.headers).json()["items"]
        name = api.get(f"/api/workflows/{r.json()['workflow_id']}",
                       headers=shop.headers).json()["name"]
        approved = next(e for e in log if e["action"] == "approved")
        assert approved["target"] == {"type": "agent_conversation", "id": None, "name": name}
        assert approved["detail"] == {"conversation_id": cid,
                                      "workflow_id": r.json()["workflow_id"]}
        assert approved["actor"] == shop.email
        tag = next(e for e in log if e["target"]["type"] == "tag")
        assert tag["action"] == "created" and tag["target"]["name"] == "Survey answered"
        assert tag["detail"]["via"] == "marketing agent"
    close(api)
