"""HubSpot and Klaviyo actions end to end against local doubles of their APIs."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from engine.storage.models import Integration
from tests.actions.doubles import Fault, HubSpotDouble, KlaviyoDouble
from tests.actions.helpers import keyword, new_friend, say, settled, step
from tests.conftest import create_tenant
from tests.support.stack import Stack, wait_until


def _connect(stack: Stack, kind: str, key: str, settings: dict | None = None) -> dict:
    r = stack.http.post("/api/integrations", json={"kind": kind, "api_key": key,
                                                   "settings": settings or {}})
    assert r.status_code in (200, 201), r.text
    return r.json()


def test_api_keys_are_write_only_and_stored_encrypted(stack: Stack, hubspot: HubSpotDouble,
                                                      klaviyo: KlaviyoDouble) -> None:
    assert stack.http.get("/api/integrations").json()["available"] == [
        {"kind": "hubspot", "name": "HubSpot", "connected": False},
        {"kind": "klaviyo", "name": "Klaviyo", "connected": False}]
    created = stack.http.post("/api/integrations", json={
        "kind": "hubspot", "api_key": hubspot.state.api_key,
        "settings": {"id_property": "line_user_id"}})
    assert created.status_code == 201
    _connect(stack, "klaviyo", klaviyo.state.api_key)
    for text in (created.text, stack.http.get("/api/integrations").text,
                 stack.http.get("/api/integrations/hubspot").text,
                 stack.http.get(f"/api/integrations/{created.json()['id']}").text):
        assert hubspot.state.api_key not in text and klaviyo.state.api_key not in text
        assert "api_key" not in text
    with stack.app.state.db.session() as s:
        stored = {i.kind: i.api_key_enc for i in s.scalars(select(Integration))}
    assert hubspot.state.api_key not in stored["hubspot"]  # Fernet ciphertext
    # Connecting again rotates the key (200, same row); bad input never echoes the key.
    again = stack.http.post("/api/integrations", json={"kind": "hubspot",
                                                       "api_key": "pat-rotated-key-0002"})
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    bad = stack.http.post("/api/integrations", json={"kind": "hubspot", "api_key": "short"})
    assert bad.status_code == 422 and "short" not in bad.text
    bad = stack.http.post("/api/integrations", json={"kind": "hubspot",
                                                     "api_key": "secret-but-bad-settings",
                                                     "settings": {"nope": 1}})
    assert bad.status_code == 422 and "secret-but-bad-settings" not in bad.text
    assert stack.http.post("/api/integrations", json={
        "kind": "salesforce", "api_key": "whatever-key"}).status_code == 422
    other = create_tenant(stack.app.state.db, "Other")
    assert stack.http.get("/api/integrations", headers=other.headers).json()["total"] == 0
    assert stack.http.delete("/api/integrations/hubspot",
                             headers=other.headers).status_code == 404
    assert stack.http.delete("/api/integrations/hubspot").status_code == 204
    assert [i["kind"] for i in stack.http.get("/api/integrations").json()["items"]] == [
        "klaviyo"]


def _hubspot_flow(stack: Stack, properties: dict[str, str] | None = None) -> int:
    return stack.workflow([
        keyword("t", "plan"),
        {"id": "q", "type": "action.question", "config": {
            "text": "Which plan?", "options": ["Basic", "Pro"], "attribute": "plan",
            "timeout_seconds": 3600}},
        {"id": "hs", "type": "action.hubspot", "config": {"properties": properties or {
            "firstname": "display_name", "lumo_plan": "attributes.plan",
            "email": "attributes.email"}}},
    ], [("start", "t"), ("t", "q"), ("q", "answered", "hs")], name="hubspot sync")


def test_hubspot_upsert_creates_then_updates_the_same_contact(
        stack: Stack, hubspot: HubSpotDouble, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    _connect(stack, "hubspot", hubspot.state.api_key)
    wid = _hubspot_flow(stack)
    uid = new_friend(stack, "Taro")
    say(stack, uid, "plan")
    wait_until(lambda: "Which plan?" in stack.sim.texts(uid), what="question")
    say(stack, uid, "basic")
    first = settled(stack, wid)[0]
    assert first["status"] == "completed", stack.execution(first["id"])
    say(stack, uid, "plan")
    wait_until(lambda: stack.sim.texts(uid).count("Which plan?") == 2, what="question again")
    say(stack, uid, "Pro")
    runs = settled(stack, wid, 2)
    outs = [step(stack.execution(r["id"]), "hs") for r in reversed(runs)]
    assert [o["status"] for o in outs] == ["completed", "completed"]
    assert outs[0]["output"]["created"] is True and outs[1]["output"]["created"] is False
    assert outs[0]["output"]["contact_id"] == outs[1]["output"]["contact_id"]
    # email is unset on the friend: left out, never blanked at HubSpot.
    assert outs[0]["output"]["properties"] == ["firstname", "lumo_plan"]
    assert list(hubspot.contacts.values()) == [
        {**hubspot.contacts[outs[0]["output"]["contact_id"]],
         "properties": {"firstname": "Taro", "lumo_plan": "Pro", "line_user_id": uid}}]
    search = hubspot.requests("/search")[0]["body"]
    assert search["filterGroups"] == [{"filters": [
        {"propertyName": "line_user_id", "operator": "EQ", "value": uid}]}]
    assert [(r["method"], r["path"]) for r in hubspot.requests()] == [
        ("POST", "/crm/v3/objects/contacts/search"), ("POST", "/crm/v3/objects/contacts"),
        ("POST", "/crm/v3/objects/contacts/search"),
        ("PATCH", f"/crm/v3/objects/contacts/{outs[0]['output']['contact_id']}")]
    assert hubspot.state.api_key not in caplog.text


def test_hubspot_rate_limit_search_lag_and_refusals(stack: Stack,
                                                    hubspot: HubSpotDouble) -> None:
    _connect(stack, "hubspot", hubspot.state.api_key)
    wid = stack.workflow([keyword("t", "sync"),
                          {"id": "hs", "type": "action.hubspot", "config": {}}],
                         [("start", "t"), ("t", "hs")], name="sync")
    # 429 with Retry-After, then a create whose response is lost and whose contact search
    # does not show yet: the retry gets 409 "Existing ID" and updates that contact.
    uid = new_friend(stack, "Hana")
    hubspot.fail(Fault(429, retry_after=0, path="/search"),
                 Fault(503, applied=True, path="/crm/v3/objects/contacts"))
    hubspot.hidden_from_search.update(str(n) for n in range(50_001, 50_100))
    say(stack, uid, "sync")
    run = settled(stack, wid)[0]
    detail = step(stack.execution(run["id"]), "hs")
    assert detail["status"] == "completed" and detail["attempt"] == 3
    assert len(hubspot.contacts) == 1 and detail["output"]["created"] is False

    # HubSpot refuses a property that does not exist: failed at once with its message.
    hubspot.hidden_from_search.clear()
    bad = stack.workflow([keyword("t", "bad"), {"id": "hs", "type": "action.hubspot",
                                                "config": {"properties": {
                                                    "favourite_colour": "display_name"}}}],
                         [("start", "t"), ("t", "hs")], name="bad mapping")
    say(stack, uid, "bad")
    failed = step(stack.execution(settled(stack, bad)[0]["id"]), "hs")
    assert failed["status"] == "failed" and failed["attempt"] == 1
    assert failed["error"].startswith("HubSpot answered 400: Property values were not valid")
    assert "favourite_colour" in failed["error"]

    # A revoked key: 401, reported on the step without retrying.
    _connect(stack, "hubspot", "pat-revoked-key-9999")
    say(stack, uid, "sync")
    runs = settled(stack, wid, 2)
    revoked = step(stack.execution(runs[0]["id"]), "hs")
    assert revoked["status"] == "failed" and "HubSpot answered 401" in revoked["error"]
    assert "pat-revoked-key-9999" not in revoked["error"]

    # Disconnected: the workflow is invalid now, and a run that reaches the node says why.
    assert stack.http.delete("/api/integrations/hubspot").status_code == 204
    codes = [e["code"] for e in stack.http.get(f"/api/workflows/{wid}/validation")
             .json()["errors"]]
    assert "integration_not_connected" in codes
    say(stack, uid, "sync")
    runs = settled(stack, wid, 3)
    assert "HubSpot is not connected" in step(stack.execution(runs[0]["id"]), "hs")["error"]


def test_klaviyo_list_and_event_without_duplicates(stack: Stack,
                                                   klaviyo: KlaviyoDouble) -> None:
    _connect(stack, "klaviyo", klaviyo.state.api_key)
    klaviyo.lists["Xy12Ab"] = set()
    wid = stack.workflow([
        keyword("t", "join"),
        {"id": "list", "type": "action.klaviyo", "config": {"operation": "add_to_list",
                                                            "list_id": "Xy12Ab"}},
        {"id": "event", "type": "action.klaviyo", "config": {
            "operation": "track_event", "event_name": "Joined via LINE",
            "properties": {"name": "display_name"}}},
    ], [("start", "t"), ("t", "list"), ("list", "event")], name="klaviyo")
    uid = new_friend(stack, "Emi")
    # The event is stored but its response is lost, then the retry is throttled once.
    klaviyo.fail(Fault(503, applied=True, path="/api/events/"),
                 Fault(429, retry_after=0, path="/api/events/"))
    say(stack, uid, "join")
    run = stack.execution(settled(stack, wid)[0]["id"])
    assert run["status"] == "completed", run
    assert step(run, "event")["attempt"] == 3
    [profile_id] = list(klaviyo.profiles)
    assert klaviyo.profiles[profile_id]["external_id"] == uid
    assert klaviyo.profiles[profile_id]["first_name"] == "Emi"
    assert klaviyo.lists["Xy12Ab"] == {profile_id}
    assert step(run, "list")["output"] == {"list_id": "Xy12Ab", "profile_id": profile_id}
    # Three POSTs of one event (same unique_id); Klaviyo kept one.
    posts = klaviyo.requests("/api/events/")
    assert len(posts) == 3
    assert len({p["body"]["data"]["attributes"]["unique_id"] for p in posts}) == 1
    assert len(klaviyo.events) == 1
    event = klaviyo.events[0]
    assert event["metric"] == "Joined via LINE" and event["profile_id"] == profile_id
    assert event["properties"]["name"] == "Emi"
    assert event["unique_id"] == step(run, "event")["output"]["unique_id"]
    headers = posts[0]["headers"]
    assert headers["revision"] == "2024-10-15"
    assert headers["content-type"].startswith("application/vnd.api+json")
    assert headers["authorization"] == f"Klaviyo-API-Key {klaviyo.state.api_key}"


def test_klaviyo_refusals_are_recorded_on_the_step(stack: Stack,
                                                   klaviyo: KlaviyoDouble) -> None:
    _connect(stack, "klaviyo", klaviyo.state.api_key)
    wid = stack.workflow([keyword("t", "join"),
                          {"id": "list", "type": "action.klaviyo",
                           "config": {"operation": "add_to_list", "list_id": "NoSuchList"}}],
                         [("start", "t"), ("t", "list")], name="missing list")
    uid = new_friend(stack, "Rin")
    say(stack, uid, "join")
    failed = step(stack.execution(settled(stack, wid)[0]["id"]), "list")
    assert failed["status"] == "failed"
    assert failed["error"] == "Klaviyo answered 404: A list with id NoSuchList does not exist."
    # Klaviyo keeps failing with 500: retried, then the step fails saying so.
    klaviyo.lists["NoSuchList"] = set()
    klaviyo.fail(*[Fault(500, path="/api/profile-import/") for _ in range(4)])
    say(stack, uid, "join")
    runs = settled(stack, wid, 2)
    failed = step(stack.execution(runs[0]["id"]), "list")
    assert failed["status"] == "failed" and failed["attempt"] == 4
    assert failed["error"].startswith("Klaviyo answered 500")
    assert klaviyo.lists["NoSuchList"] == set()


def test_testing_a_stored_key(stack: Stack, hubspot: HubSpotDouble,
                              klaviyo: KlaviyoDouble) -> None:
    _connect(stack, "klaviyo", klaviyo.state.api_key)
    ok = stack.http.post("/api/integrations/klaviyo/test")
    assert ok.status_code == 200 and ok.json() == {"ok": True, "kind": "klaviyo",
                                                   "message": "Klaviyo accepted the key."}
    stack.http.post("/api/integrations", json={"kind": "hubspot",
                                               "api_key": "pat-wrong-key-00000009"})
    bad = stack.http.post("/api/integrations/hubspot/test").json()
    assert bad["ok"] is False and bad["message"] == "HubSpot refused the key (401)."
    assert "pat-wrong-key" not in str(bad)
    stack.http.post("/api/integrations", json={"kind": "hubspot",
                                               "api_key": hubspot.state.api_key})
    assert stack.http.post("/api/integrations/hubspot/test").json()["ok"] is True
    assert stack.http.delete("/api/integrations/hubspot").status_code == 204
    assert stack.http.post("/api/integrations/hubspot/test").status_code == 404
