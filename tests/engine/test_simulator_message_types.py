"""The simulator validates each LINE message type as LINE does (400, `details` naming the
property) and accepts the shapes Lumo's builders make; rich menus need their image first."""

from __future__ import annotations

import uuid

from tests.actions.test_line_messages import SAMPLES
from tests.support.stack import Simulator

TOKEN = "sim-types-token-0123456789"


def _channel(simulator: Simulator) -> dict[str, str]:
    channel = "types-" + uuid.uuid4().hex[:8]
    simulator.http.post("/_sim/channels", json={
        "channel_id": channel, "channel_secret": "s" * 32, "access_token": TOKEN,
        "webhook_url": "http://127.0.0.1:9/unused"}).raise_for_status()
    return {"Authorization": f"Bearer {TOKEN}"}


def test_each_type_is_accepted_or_refused_naming_the_property(simulator: Simulator) -> None:
    headers = _channel(simulator)
    to = "U" + uuid.uuid4().hex
    for name, (good, bad, field) in SAMPLES.items():
        r = simulator.http.post("/v2/bot/message/push", headers=headers,
                                json={"to": to, "messages": [good]})
        assert r.status_code == 200, (name, r.text)
        r = simulator.http.post("/v2/bot/message/push", headers=headers,
                                json={"to": to, "messages": [bad]})
        assert r.status_code == 400, (name, r.text)
        props = [d["property"] for d in r.json()["details"]]
        assert all(p.startswith("messages[0]") for p in props), (name, props)
        if name not in ("image_carousel", "flex", "coupon", "sticker"):  # named differently
            assert any(field in p for p in props), (name, props)


def test_rich_menu_needs_an_image_before_default_and_alias(simulator: Simulator) -> None:
    headers = _channel(simulator)
    menu = {"size": {"width": 2500, "height": 843}, "selected": False, "name": "m",
            "chatBarText": "Menu", "areas": [{"bounds": {"x": 0, "y": 0, "width": 2500,
                                                         "height": 843},
                                              "action": {"type": "message", "text": "hi"}}]}
    bad = {**menu, "chatBarText": "x" * 15}
    r = simulator.http.post("/v2/bot/richmenu", headers=headers, json=bad)
    assert r.status_code == 400 and r.json()["details"][0]["property"] == "chatBarText"
    menu_id = simulator.http.post("/v2/bot/richmenu", headers=headers,
                                  json=menu).json()["richMenuId"]
    assert simulator.http.post(f"/v2/bot/user/all/richmenu/{menu_id}",
                               headers=headers).status_code == 400
    r = simulator.http.post(f"/v2/bot/richmenu/{menu_id}/content",
                            headers={**headers, "Content-Type": "image/png"},
                            content=b"\x89PNG\r\n\x1a\n")
    assert r.status_code == 200
    assert simulator.http.post(f"/v2/bot/user/all/richmenu/{menu_id}",
                               headers=headers).status_code == 200
    alias = {"richMenuAliasId": "main", "richMenuId": menu_id}
    assert simulator.http.post("/v2/bot/richmenu/alias", headers=headers,
                               json=alias).status_code == 200
    assert simulator.http.post("/v2/bot/richmenu/alias", headers=headers,
                               json=alias).status_code == 400  # taken
    assert simulator.http.get("/v2/bot/richmenu/alias/main",
                              headers=headers).json()["richMenuId"] == menu_id
