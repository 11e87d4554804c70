"""Rich menus made in Lumo: created, image uploaded (to the blob host), aliased and set as
default at LINE through line-bot-sdk; a Rich menu step switches a friend to it by alias."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.messages import builders as b
from tests.actions.conftest import make_stack
from tests.actions.doubles import HubSpotDouble, KlaviyoDouble
from tests.actions.helpers import new_friend, say, settled, step
from tests.support.stack import Simulator, Stack

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # LINE checks the type; the simulator the magic


@pytest.fixture
def blob_stack(simulator: Simulator, tmp_path: Path, hubspot: HubSpotDouble,
               klaviyo: KlaviyoDouble) -> Iterator[Stack]:
    # The same simulator under another name: proves blob calls go to LUMO_LINE_BLOB_HOST.
    blob_host = simulator.url.replace("127.0.0.1", "localhost")
    s = make_stack(simulator, f"sqlite:///{tmp_path / 'lumo.db'}", hubspot, klaviyo,
                   line_blob_host=blob_host)
    yield s
    s.stop()


def _menu(name: str) -> dict:
    return {"size": {"width": 2500, "height": 843}, "selected": True, "name": name,
            "chatBarText": "Menu", "areas": [
                {"bounds": {"x": 0, "y": 0, "width": 1250, "height": 843},
                 "action": b.postback("Coupons", "menu=coupons")},
                {"bounds": {"x": 1250, "y": 0, "width": 1250, "height": 843},
                 "action": {"type": "richmenuswitch", "richMenuAliasId": "vip",
                            "data": "switch=vip"}}]}


def test_a_menu_is_made_uploaded_aliased_set_default_and_switched_to(blob_stack: Stack) -> None:
    stack = blob_stack
    r = stack.http.post("/api/rich-menus", json={
        "name": "VIP menu", "account_id": stack.account["id"], "menu": _menu("VIP"),
        "image_base64": base64.b64encode(PNG).decode(), "alias_id": "vip",
        "set_default": True})
    assert r.status_code == 201, r.text
    line_id = r.json()["line_rich_menu_id"]
    assert line_id.startswith("richmenu-") and r.json()["alias_id"] == "vip"

    at_line = stack.sim.http.get("/_sim/richmenus").json()
    made = next(m for m in at_line["richmenus"] if m["richMenuId"] == line_id)
    assert made["has_image"] and made["content_type"] == "image/png"
    assert made["areas"][0]["action"]["data"] == "menu=coupons"
    assert at_line["defaults"][stack.channel_id] == line_id
    assert {"channel_id": stack.channel_id, "richMenuAliasId": "vip",
            "richMenuId": line_id} in at_line["aliases"]
    assert any(h.startswith("localhost") for h in at_line["blob_hosts"])

    wid = stack.workflow([
        {"id": "t", "type": "trigger.message_received",
         "config": {"keywords": ["vip"], "match_type": "equals"}},
        {"id": "rm", "type": "action.rich_menu", "config": {"alias_id": "vip"}},
    ], [("start", "t"), ("t", "rm")])
    uid = new_friend(stack, "Kei")
    say(stack, uid, "vip")
    run = stack.execution(settled(stack, wid)[0]["id"])
    assert step(run, "rm")["output"]["rich_menu"] == line_id
    assert stack.sim.http.get(f"/_sim/richmenus/{uid}").json()["rich_menu_id"] == line_id


def test_bad_menus_are_refused_naming_the_field(blob_stack: Stack) -> None:
    stack = blob_stack
    base = {"name": "m", "account_id": stack.account["id"],
            "image_base64": base64.b64encode(PNG).decode()}
    outside = _menu("x")
    outside["areas"][0]["bounds"]["width"] = 3000
    r = stack.http.post("/api/rich-menus", json={**base, "menu": outside})
    assert r.status_code == 422 and "outside" in r.text
    long_bar = {**_menu("x"), "chatBarText": "x" * 15}
    r = stack.http.post("/api/rich-menus", json={**base, "menu": long_bar})
    assert r.status_code == 422 and "chatBarText" in str(r.json()["detail"][0]["loc"])
    gif = base64.b64encode(b"GIF89a").decode()
    r = stack.http.post("/api/rich-menus", json={**base, "menu": _menu("x"), "image_base64": gif})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "image_base64"]
    assert stack.http.get("/api/rich-menus").json()["total"] == 0
