"""Every LINE message type, as marketers use them: accepted in LINE's own shape (bad fields named
in a 422), received by the simulator exactly so, buttons that start postback workflows, videos
whose complete view starts the video trigger, and reply before push (with the fallback)."""

from __future__ import annotations

from typing import Any

import httpx

from engine.messages import builders as b
from tests.actions.helpers import new_friend, say, settled, step
from tests.support.stack import Stack, wait_until

IMG = "https://cdn.example.com/pic.jpg"
FLEX_BUBBLE = {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": [
    {"type": "text", "text": "Spring sale", "weight": "bold"},
    {"type": "button", "action": {"type": "uri", "label": "Shop", "uri": "https://shop.example"}}]}}

# One message of every type, made with the builders (LINE's shape), and for each a broken copy
# with the field a 422 must name.
SAMPLES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "text": (b.quick_replies(b.text("Hi $ friend", emojis=[
        {"index": 3, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"}]),
        [b.postback("Menu", "menu"), b.message_action("Help"), b.uri("Site", "https://x.example"),
         b.datetime_picker("Book", "book", "datetime")]),
        {"type": "text", "text": "x" * 5001}, "text"),
    "sticker": (b.sticker(446, 1988), {"type": "sticker", "packageId": "446"}, "stickerId"),
    "image": (b.image(IMG), {"type": "image", "originalContentUrl": "http://insecure.example/a.jpg",
                             "previewImageUrl": IMG}, "originalContentUrl"),
    "video": (b.video("https://cdn.example.com/intro.mp4", IMG, tracking_id="intro-1"),
              {"type": "video", "originalContentUrl": "https://cdn.example.com/v.mp4",
               "previewImageUrl": IMG, "trackingId": "has spaces"}, "trackingId"),
    "audio": (b.audio("https://cdn.example.com/a.m4a", 60_000),
              {"type": "audio", "originalContentUrl": "https://cdn.example.com/a.m4a",
               "duration": 0}, "duration"),
    "location": (b.location("Shop", "1-1 Shibuya, Tokyo", 35.66, 139.70),
                 {"type": "location", "title": "Shop", "address": "x", "latitude": 135,
                  "longitude": 0}, "latitude"),
    "imagemap": (b.imagemap("https://cdn.example.com/map", "Map", 1040, [
        {"type": "uri", "linkUri": "https://shop.example",
         "area": {"x": 0, "y": 0, "width": 520, "height": 1040}},
        {"type": "message", "text": "Hello", "area": {"x": 520, "y": 0, "width": 520,
                                                     "height": 1040}}]),
        {"type": "imagemap", "baseUrl": "https://cdn.example.com/map", "altText": "Map",
         "baseSize": {"width": 1040, "height": 1040}, "actions": []}, "actions"),
    "buttons": (b.buttons("Coming on Saturday?", [b.postback("Yes", "rsvp=yes"),
                                                   b.postback("No", "rsvp=no")], title="Party"),
                b.buttons("Pick", [{"type": "postback", "label": "Yes", "data": "d" * 301}]),
                "data"),
    "confirm": (b.confirm("Keep your booking?"), {"type": "template", "altText": "x", "template": {
        "type": "confirm", "text": "Sure?", "actions": [b.postback("Yes", "y")]}}, "actions"),
    "carousel": (b.carousel([{"title": "Tea", "text": "Green", "thumbnailImageUrl": IMG,
                              "actions": [b.postback("Buy", "buy=tea")]},
                             {"title": "Cake", "text": "Cheese", "thumbnailImageUrl": IMG,
                              "actions": [b.postback("Buy", "buy=cake")]}]),
                 b.carousel([{"text": "a", "actions": [b.postback("x" * 21, "d")]}]), "label"),
    "image_carousel": (b.image_carousel([(IMG, b.uri("Open", "https://shop.example")),
                                         (IMG, b.postback("Want", "want"))]),
                       b.image_carousel([("ftp://x", b.postback("Want", "want"))]), "imageUrl"),
    "flex": (b.flex("Spring sale", FLEX_BUBBLE),
             {"type": "flex", "altText": "", "contents": FLEX_BUBBLE}, "altText"),
    "coupon": (b.coupon("01JABCDEF"), {"type": "coupon", "couponId": ""}, "couponId"),
}


def test_every_type_is_accepted_in_lines_shape_and_bad_fields_are_named(stack: Stack) -> None:
    for name, (good, bad, field) in SAMPLES.items():
        r = stack.http.post("/api/auto-messages", json={"name": name, "messages": [good]})
        assert r.status_code == 201, (name, r.text)
        assert r.json()["messages"] == [good], name  # stored as given: LINE's shape, no nulls
        r = stack.http.post("/api/auto-messages", json={"name": name, "messages": [bad]})
        assert r.status_code == 422, (name, r.text)
        locs = [e["loc"] for e in r.json()["detail"]]
        assert any(field in loc for loc in locs), (name, locs)
        assert all(loc[:3] == ["body", "messages", 0] for loc in locs), (name, locs)
    # Our old field names are refused, naming the field.
    r = stack.http.post("/api/auto-messages", json={"name": "old", "messages": [
        {"kind": "image", "original_url": IMG, "preview_url": IMG}]})
    assert r.status_code == 422 and "type" in r.text
    # The catalog's schema of Send Message offers every type.
    catalog = stack.http.get("/api/catalog").json()
    send = next(n for n in catalog["node_types"] if n["type"] == "action.send_message")
    assert all(t in str(send["schema"]) for t in ("sticker", "imagemap", "flex", "coupon"))


def test_every_type_reaches_line_as_sent_reply_first_then_push(stack: Stack) -> None:
    messages = [m for m, _, _ in SAMPLES.values()]
    wid = stack.workflow([
        {"id": "t", "type": "trigger.message_received",
         "config": {"keywords": ["all"], "match_type": "equals"}},
        *[{"id": f"m{i}", "type": "action.send_message",
           "config": {"messages": messages[i * 5:i * 5 + 5]}} for i in range(3)],
    ], [("start", "t"), ("t", "m0"), ("m0", "m1"), ("m1", "m2")])
    uid = new_friend(stack, "Aoi")
    say(stack, uid, "all")
    run = stack.execution(settled(stack, wid)[0]["id"])
    assert run["status"] == "completed", run
    records = stack.sim.messages(uid)
    # The first send used the event's reply token (free); it is single use, so the rest pushed.
    assert [r["kind"] for r in records] == ["reply", "push", "push"]
    assert all(r["retry_key"] for r in records[1:])
    assert [m for r in records for m in r["messages"]] == messages
    assert [step(run, f"m{i}")["output"]["delivery"] for i in range(3)] == [
        "reply", "push", "push"]
    metrics = httpx.get(f"{stack.server.url}/metrics").text
    assert 'lumo_line_messages_total{method="reply",result="sent"}' in metrics
    assert 'lumo_line_messages_total{method="push",result="sent"}' in metrics


def test_a_lumo_button_starts_a_postback_workflow(stack: Stack) -> None:
    stack.workflow([
        {"id": "t", "type": "trigger.message_received",
         "config": {"keywords": ["party"], "match_type": "equals"}},
        {"id": "ask", "type": "action.send_message", "config": {"messages": [
            b.buttons("Coming on Saturday?", [b.postback("Yes", "rsvp=yes"),
                                               b.postback("No", "rsvp=no")])]}},
    ], [("start", "t"), ("t", "ask")], name="invite")
    answer = stack.workflow([
        {"id": "p", "type": "trigger.postback",
         "config": {"data": "rsvp=", "match_type": "starts_with"}},
        {"id": "ok", "type": "action.send_message",
         "config": {"messages": [b.text("Thanks for answering!")]}},
    ], [("start", "p"), ("p", "ok")], name="rsvp")
    uid = new_friend(stack, "Ren")
    say(stack, uid, "party")
    sent = wait_until(lambda: stack.sim.messages(uid), what="the buttons")
    button = sent[0]["messages"][0]["template"]["actions"][0]
    stack.act("postback", user_id=uid, data=button["data"])  # the friend taps “Yes”
    run = stack.execution(settled(stack, answer)[0]["id"])
    assert run["status"] == "completed"
    assert "Thanks for answering!" in stack.sim.texts(uid)


def test_a_video_lumo_sent_starts_the_video_trigger_when_watched(stack: Stack) -> None:
    stack.workflow([
        {"id": "t", "type": "trigger.message_received",
         "config": {"keywords": ["video"], "match_type": "equals"}},
        {"id": "v", "type": "action.send_message", "config": {"messages": [
            b.video("https://cdn.example.com/intro.mp4", IMG, tracking_id="intro-1")]}},
    ], [("start", "t"), ("t", "v")], name="send video")
    watched = stack.workflow([
        {"id": "w", "type": "trigger.video_viewed", "config": {"tracking_id": "intro-1"}},
        {"id": "next", "type": "action.send_message",
         "config": {"messages": [b.text("Here is part 2")]}},
    ], [("start", "w"), ("w", "next")], name="after video")
    uid = new_friend(stack, "Mio")
    say(stack, uid, "video")
    sent = wait_until(lambda: stack.sim.messages(uid), what="the video")
    video = sent[0]["messages"][0]
    assert video["type"] == "video" and video["trackingId"] == "intro-1"
    stack.act("video_complete", user_id=uid, tracking_id=video["trackingId"])
    settled(stack, watched)
    assert stack.sim.texts(uid)[-1] == "Here is part 2"


def test_an_expired_reply_token_falls_back_to_a_push(stack: Stack) -> None:
    wid = stack.workflow([
        {"id": "t", "type": "trigger.message_received",
         "config": {"keywords": ["hi"], "match_type": "equals"}},
        {"id": "m", "type": "action.send_message", "config": {"messages": [b.sticker(446, 1988)]}},
    ], [("start", "t"), ("t", "m")])
    uid = new_friend(stack, "Sora")
    stack.sim.http.post("/_sim/settings", json={"reply_token_ttl": 0}).raise_for_status()
    try:
        say(stack, uid, "hi")
        run = stack.execution(settled(stack, wid)[0]["id"])
    finally:
        stack.sim.http.post("/_sim/settings", json={"reply_token_ttl": 60})
    m = step(run, "m")
    assert m["status"] == "completed" and m["output"]["delivery"] == "push"
    assert "Invalid reply token" in m["output"]["reply_error"]
    [record] = stack.sim.messages(uid)
    assert record["kind"] == "push" and record["retry_key"]
    metrics = httpx.get(f"{stack.server.url}/metrics").text
    assert 'lumo_line_messages_total{method="reply",result="refused"}' in metrics


def test_a_question_is_answered_by_tapping_an_option(stack: Stack) -> None:
    wid = stack.workflow([
        {"id": "t", "type": "trigger.friend_add", "config": {}},
        {"id": "q", "type": "action.question", "config": {
            "text": "Tea or coffee?", "options": ["Tea", "Coffee"], "attribute": "drink"}},
        {"id": "thanks", "type": "action.send_message",
         "config": {"messages": [b.text("{{friend.drink}} it is!")]}},
    ], [("start", "t"), ("t", "q"), ("q", "answered", "thanks")])
    uid = new_friend(stack, "Yui", follow=True)
    asked = wait_until(lambda: stack.sim.messages(uid), what="the question")[0]["messages"][0]
    coffee = asked["quickReply"]["items"][1]["action"]
    assert coffee["type"] == "postback" and coffee["displayText"] == "Coffee"
    stack.act("postback", user_id=uid, data=coffee["data"])
    run = stack.execution(settled(stack, wid)[0]["id"])
    assert step(run, "q")["output"] == {"attribute": "drink", "answer": "Coffee",
                                        "via": "postback"}
    assert stack.sim.texts(uid)[-1] == "Coffee it is!"


def test_a_question_with_an_image_prompt_is_answered_by_postback_down_its_arm(
        stack: Stack) -> None:
    chart = b.image("https://cdn.example.com/size-chart.png")
    wid = stack.workflow([
        {"id": "t", "type": "trigger.message_received",
         "config": {"keywords": ["size"], "match_type": "equals"}},
        {"id": "q", "type": "action.question", "config": {
            "messages": [chart, b.flex("Sizes", FLEX_BUBBLE)], "text": "Which size?",
            "options": ["S", "M", "L"], "attribute": "size"}},
        {"id": "b", "type": "action.branch", "config": {"branches": [
            {"label": "large", "match": "all", "conditions": [
                {"kind": "attribute", "attribute": "size", "op": "equals", "value": "L"}]}]}},
        {"id": "big", "type": "action.send_message",
         "config": {"messages": [b.text("Large it is")]}},
        {"id": "small", "type": "action.send_message",
         "config": {"messages": [b.text("Not large")]}},
        {"id": "late", "type": "action.send_message",
         "config": {"messages": [b.text("No answer")]}},
    ], [("start", "t"), ("t", "q"), ("q", "answered", "b"), ("q", "timeout", "late"),
        ("b", "branch-1", "big"), ("b", "else", "small")])

    def ask(name: str) -> tuple[str, dict[str, Any]]:
        uid = new_friend(stack, name)
        say(stack, uid, "size")
        [record] = wait_until(lambda: stack.sim.messages(uid), what="the question")
        return uid, record

    uid, record = ask("Rin")
    # One reply (the friend just wrote): image, Flex, then the text with the options, in
    # LINE's shape; the simulator accepted it as LINE would.
    assert record["kind"] == "reply"
    image, flex, asked = record["messages"]
    assert image == chart and flex["type"] == "flex" and flex["contents"] == FLEX_BUBBLE
    assert "quickReply" not in image and "quickReply" not in flex
    assert asked["type"] == "text" and asked["text"] == "Which size?"
    assert [i["action"] for i in asked["quickReply"]["items"]] == [
        {"type": "postback", "label": o, "data": f"lumo:answer:q:{o}", "displayText": o}
        for o in ("S", "M", "L")]

    stack.act("postback", user_id=uid, data=asked["quickReply"]["items"][2]["action"]["data"])
    run = stack.execution(settled(stack, wid)[0]["id"])
    assert step(run, "q")["output"] == {"attribute": "size", "answer": "L", "via": "postback"}
    assert [s["node_id"] for s in run["steps"]][-2:] == ["b", "big"]
    assert stack.sim.texts(uid)[-1] == "Large it is"

    # Another friend taps S: the other arm; the prompt (image first) is pushed this time,
    # when the reply token has expired.
    stack.sim.http.post("/_sim/settings", json={"reply_token_ttl": 0}).raise_for_status()
    try:
        other, record = ask("Kai")
    finally:
        stack.sim.http.post("/_sim/settings", json={"reply_token_ttl": 60})
    assert record["kind"] == "push" and record["retry_key"]
    assert record["messages"][0] == chart and len(record["messages"]) == 3
    stack.act("postback", user_id=other,
              data=record["messages"][-1]["quickReply"]["items"][0]["action"]["data"])
    wait_until(lambda: stack.sim.texts(other)[-1:] == ["Not large"], what="the else arm")
