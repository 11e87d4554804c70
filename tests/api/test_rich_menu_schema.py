"""`GET /api/rich-menus/schema`: what the rich menu page builds its form from — LINE's sizes,
the tap area action types, and the limits the API then enforces (the two must agree)."""

from __future__ import annotations

import base64
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Tenant

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64).decode()


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _schema(client: TestClient, tenant: Tenant) -> dict[str, Any]:
    r = client.get("/api/rich-menus/schema", headers=tenant.headers)
    assert r.status_code == 200
    return r.json()


def test_the_schema_needs_a_signed_in_user(client: TestClient) -> None:
    assert client.get("/api/rich-menus/schema").status_code == 401


def test_sizes_action_types_and_limits(client: TestClient, tenant: Tenant) -> None:
    s = _schema(client, tenant)
    props = s["properties"]
    assert set(s["required"]) == {"name", "chatBarText"}
    # LINE's template sizes, offered by the page's size picker; the default is the first.
    sizes = [(x["width"], x["height"]) for x in props["size"]["examples"]]
    assert sizes == [(2500, 1686), (2500, 843), (1200, 810), (1200, 405), (800, 540),
                     (800, 270)]
    size = _resolve(s, props["size"])["properties"]
    assert (size["width"]["default"], size["height"]["default"]) == (2500, 1686)
    assert (size["width"]["minimum"], size["width"]["maximum"]) == (800, 2500)
    assert (size["height"]["minimum"], size["height"]["maximum"]) == (250, 1686)
    # LINE's limits: 14 characters of chat bar text, 20 tap areas.
    assert props["chatBarText"]["maxLength"] == 14
    assert props["areas"]["maxItems"] == 20
    area = _resolve(s, props["areas"]["items"])
    assert set(area["required"]) == {"bounds", "action"}
    bounds = _resolve(s, area["properties"]["bounds"])
    assert set(bounds["required"]) == {"x", "y", "width", "height"}
    assert bounds["properties"]["width"]["minimum"] == 1
    # The tap actions a rich menu can hold (no camera / location: quick reply only).
    variants = [_resolve(s, v) for v in area["properties"]["action"]["oneOf"]]
    types = {v["properties"]["type"]["const"]: v for v in variants}
    assert set(types) == {"postback", "message", "uri", "datetimepicker", "richmenuswitch",
                          "clipboard"}
    assert types["postback"]["properties"]["data"]["maxLength"] == 300
    assert {"richMenuAliasId", "data"} <= set(types["richmenuswitch"]["required"])


def test_the_api_enforces_the_limits_the_schema_states(client: TestClient,
                                                       tenant: Tenant) -> None:
    h = tenant.headers
    s = _schema(client, tenant)
    account = client.post("/api/accounts", headers=h, json={
        "name": "A", "channel_id": "4000000077", "channel_secret": "secret-1234567",
        "access_token": "token-1234567"}).json()
    max_bar = s["properties"]["chatBarText"]["maxLength"]
    max_areas = s["properties"]["areas"]["maxItems"]

    def menu(**over: Any) -> dict[str, Any]:
        return {"name": "m", "account_id": account["id"], "image_base64": PNG, "menu": {
            "name": "m", "chatBarText": "Menu", "size": {"width": 2500, "height": 843},
            "areas": [], **over}}

    def locs(r: Any) -> list[list[Any]]:
        assert r.status_code == 422, r.text
        return [e["loc"] for e in r.json()["detail"]]

    r = client.post("/api/rich-menus", headers=h, json=menu(chatBarText="x" * (max_bar + 1)))
    assert locs(r) == [["body", "menu", "chatBarText"]]
    area = {"bounds": {"x": 0, "y": 0, "width": 100, "height": 100},
            "action": {"type": "postback", "data": "d"}}
    r = client.post("/api/rich-menus", headers=h, json=menu(areas=[area] * (max_areas + 1)))
    assert locs(r) == [["body", "menu", "areas"]]
    r = client.post("/api/rich-menus", headers=h, json=menu(areas=[{
        **area, "action": {"type": "camera", "label": "Cam"}}]))
    assert all(loc[:4] == ["body", "menu", "areas", 0] for loc in locs(r))
    # A size outside the schema's range is refused at the size; an area outside the menu at
    # the bound that sticks out.
    r = client.post("/api/rich-menus", headers=h, json=menu(size={"width": 3000,
                                                                   "height": 843}))
    assert locs(r) == [["body", "menu", "size", "width"]]
    r = client.post("/api/rich-menus", headers=h, json=menu(areas=[{
        **area, "bounds": {"x": 0, "y": 800, "width": 100, "height": 100}}]))
    assert locs(r) == [["body", "menu", "areas", 0, "bounds", "height"]]
    assert client.get("/api/rich-menus", headers=h).json()["total"] == 0
