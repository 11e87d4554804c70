"""Each trigger kind fires its workflow, through real webhooks from the LINE simulator."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import httpx

from tests.support.stack import Stack, text_node, user_id, wait_until


def test_friend_add_fetches_profile_and_sends_welcome(stack: Stack) -> None:
    wid = stack.workflow([{"id": "t", "type": "trigger.friend_add", "config": {}},
                          text_node("m", "Welcome {{friend.display_name}}!")],
                         [("start", "t"), ("t", "m")])
    uid = user_id()
    stack.sim.add_friend(uid, "Aiko")
    assert stack.act("follow", user_id=uid)["status_code"] == 200
    assert wait_until(lambda: stack.sim.texts(uid), what="welcome") == ["Welcome Aiko!"]
    friend = stack.http.get("/api/friends").json()["items"][0]
    assert friend["display_name"] == "Aiko" and friend["status"] == "active"
    run = wait_until(lambda: stack.runs(wid, "completed"), what="completed run")[0]
    steps = stack.execution(run["id"])["steps"]
    assert [(s["node_id"], s["status"]) for s in steps] == [("t", "completed"),
                                                            ("m", "completed")]
    assert all(s["started_at"] and s["finished_at"] and s["attempt"] == 1 for s in steps)


def test_keyword_match_types(stack: Stack) -> None:
    for i, (kw, mt) in enumerate([("sale", "equals"), ("coupon", "contains"),
                                  ("予約", "starts_with"), ("ください", "ends_with")]):
        stack.workflow([{"id": "t", "type": "trigger.message_received",
                         "config": {"keywords": [kw], "match_type": mt}},
                        text_node("m", f"reply-{mt}")], [("start", "t"), ("t", "m")],
                       name=f"kw{i}")
    uid = user_id()
    stack.sim.add_friend(uid, "Kenji")
    for text in ("ＳＡＬＥ", "any coupon today?", "予約したいです", "資料をください",
                 "sale please", "hello"):
        stack.act("message", user_id=uid, text=text)
    stack.idle()
    got = sorted(stack.sim.texts(uid))
    assert got == ["reply-contains", "reply-ends_with", "reply-equals", "reply-starts_with"]


def test_postback_video_block_and_qr_scan(stack: Stack) -> None:
    vip = stack.tag("Left us")
    stack.workflow([{"id": "t", "type": "trigger.postback",
                     "config": {"data": "action=coupon", "match_type": "starts_with"}},
                    text_node("m", "postback ok")], [("start", "t"), ("t", "m")], name="pb")
    stack.workflow([{"id": "t", "type": "trigger.video_viewed",
                     "config": {"tracking_id": "promo-1"}},
                    text_node("m", "thanks for watching")], [("start", "t"), ("t", "m")],
                   name="video")
    stack.workflow([{"id": "t", "type": "trigger.block", "config": {}},
                    {"id": "g", "type": "action.tag", "config": {"tag_id": vip}}],
                   [("start", "t"), ("t", "g")], name="block")
    qr = stack.http.post("/api/qr-codes", json={"name": "Flyer",
                                                "account_id": stack.account["id"]}).json()
    stack.workflow([{"id": "t", "type": "trigger.qr_scan", "config": {"qr_code_id": qr["id"]}},
                    text_node("m", "scanned the flyer")], [("start", "t"), ("t", "m")],
                   name="qr")
    uid = user_id()
    stack.sim.add_friend(uid, "Mia")
    stack.act("follow", user_id=uid)
    stack.act("postback", user_id=uid, data="action=coupon&id=7")
    stack.act("postback", user_id=uid, data="other")
    stack.act("video_complete", user_id=uid, tracking_id="promo-1")
    stack.act("video_complete", user_id=uid, tracking_id="promo-2")
    # The tracked link redirects into the chat with the prefilled text…
    link = httpx.get(qr["url"], follow_redirects=False)
    assert link.status_code == 302 and "oaMessage" in link.headers["location"]
    # …and the friend sends it.
    stack.act("message", user_id=uid, text=qr["prefill_text"])
    stack.idle()
    assert sorted(stack.sim.texts(uid)) == ["postback ok", "scanned the flyer",
                                            "thanks for watching"]
    assert stack.http.get("/api/qr-codes").json()["items"][0]["scan_count"] == 1
    stack.act("unfollow", user_id=uid)
    stack.idle()
    friend = stack.http.get("/api/friends").json()["items"][0]
    assert friend["status"] == "blocked"
    assert [t["name"] for t in friend["tags"]] == ["Left us"]


def _commerce(stack: Stack, body: dict[str, object], secret: str | None = None) -> httpx.Response:
    raw = json.dumps(body).encode()
    sig = base64.b64encode(hmac.new((secret or stack.account["commerce_secret"]).encode(), raw,
                                    hashlib.sha256).digest()).decode()
    return httpx.post(f"{stack.server.url}/webhooks/commerce/{stack.account['id']}",
                      content=raw, headers={"X-Lumo-Signature": sig,
                                            "Content-Type": "application/json"})


def test_purchase_and_cart_abandoned(stack: Stack) -> None:
    stack.workflow([{"id": "t", "type": "trigger.purchase_completed",
                     "config": {"min_amount": 1000}},
                    text_node("m", "thanks for your order")], [("start", "t"), ("t", "m")],
                   name="purchase")
    stack.workflow([{"id": "t", "type": "trigger.cart_abandoned", "config": {}},
                    text_node("m", "your cart misses you")], [("start", "t"), ("t", "m")],
                   name="cart")
    uid = user_id()
    stack.sim.add_friend(uid, "Sora")
    stack.act("follow", user_id=uid)
    stack.idle()
    assert _commerce(stack, {"id": "o-1", "type": "purchase_completed", "line_user_id": uid,
                             "amount": 5000}).status_code == 200
    assert _commerce(stack, {"id": "o-2", "type": "purchase_completed", "line_user_id": uid,
                             "amount": 500}).status_code == 200  # below the minimum
    assert _commerce(stack, {"id": "c-1", "type": "cart_abandoned", "line_user_id": uid,
                             "cart_value": 100}).status_code == 200
    # Same order id again: stored once, no second message.
    again = _commerce(stack, {"id": "o-1", "type": "purchase_completed", "line_user_id": uid,
                              "amount": 5000})
    assert again.json() == {"stored": False}
    forged = _commerce(stack, {"id": "o-9", "type": "purchase_completed", "line_user_id": uid,
                               "amount": 9000}, secret="wrong")
    assert forged.status_code == 401
    bad = _commerce(stack, {"id": "o-10", "type": "refund", "line_user_id": uid})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "type"]
    stack.idle()
    assert sorted(stack.sim.texts(uid)) == ["thanks for your order", "your cart misses you"]


def test_standby_unknown_events_and_unconnected_nodes(stack: Stack) -> None:
    from engine.line.signature import sign
    from engine.line.simulator import build_body, build_event
    from tests.support.stack import CHANNEL_SECRET

    wid = stack.workflow([{"id": "t", "type": "trigger.message_received", "config": {}},
                          text_node("m", "connected"),
                          text_node("lonely", "never sent")],
                         [("start", "t"), ("t", "m")])
    uid = user_id()
    stack.sim.add_friend(uid, "Standby")
    url = f"{stack.server.url}/webhooks/line/{stack.channel_id}"
    standby = build_event("message", uid, text="hi", mode="standby")
    unknown = {"type": "membershipRenewal", "mode": "active", "timestamp": 1,
               "webhookEventId": "01UNKNOWNEVENT000000000000",
               "deliveryContext": {"isRedelivery": False},
               "source": {"type": "user", "userId": uid}}
    body = build_body("Udest", [standby, unknown])
    r = httpx.post(url, content=body, headers={"X-Line-Signature": sign(body, CHANNEL_SECRET)})
    assert r.status_code == 200
    stack.idle()
    assert stack.sim.texts(uid) == [] and stack.runs(wid) == []
    stack.act("message", user_id=uid, text="hello")
    stack.idle()
    assert stack.sim.texts(uid) == ["connected"]
    run = stack.runs(wid)[0]
    assert "lonely" not in [s["node_id"] for s in stack.execution(run["id"])["steps"]]


def test_refollow_reactivates_friend(stack: Stack) -> None:
    wid = stack.workflow([{"id": "t", "type": "trigger.friend_add",
                           "config": {"include_unblocked": False}},
                          text_node("m", "first time only")], [("start", "t"), ("t", "m")])
    uid = user_id()
    stack.sim.add_friend(uid, "Back")
    stack.act("follow", user_id=uid)
    stack.idle()
    stack.act("unfollow", user_id=uid)
    stack.idle()
    assert stack.http.get("/api/friends").json()["items"][0]["status"] == "blocked"
    stack.act("follow", user_id=uid, is_unblocked=True)
    stack.idle()
    assert stack.http.get("/api/friends").json()["items"][0]["status"] == "active"
    assert stack.sim.texts(uid) == ["first time only"]
    assert len(stack.runs(wid)) == 1
