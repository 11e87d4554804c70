"""Values the offline planner reads from a goal and puts in the draft: minimum amounts, SKUs,
Klaviyo list ids, tracking ids, postback data, unquoted tag names, offers and links in
messages, steps the marketer said not to take. Phrasings are not the eval suites' ones."""

from __future__ import annotations

from typing import Any

import pytest

from agent.marketing.service import MarketingAgent
from tests.agent.conftest import chain, nodes_of
from tests.agent.test_offline_planner import cfg, draft_for

PURCHASE, CART = "trigger.purchase_completed", "trigger.cart_abandoned"


@pytest.mark.parametrize(("goal", "trigger", "expected"), [
    ("Tag shoppers VIP when their order totals more than 8,000 yen", PURCHASE,
     {"min_amount": 8000.0}),
    ("Orders of $150 or more should get the VIP tag", PURCHASE, {"min_amount": 150.0}),
    ("If a customer spends over ¥30,000, tag them VIP", PURCHASE, {"min_amount": 30000.0}),
    ("3万円以上購入したお客様にVIPタグを付けて", PURCHASE, {"min_amount": 30000.0}),
    ("Buyers of product code MUG-7 get tagged VIP", PURCHASE, {"product_sku": "MUG-7"}),
    ("品番 CUP-22 を買った人にVIPタグを付ける", PURCHASE, {"product_sku": "CUP-22"}),
    ("When carts above 3000 yen are abandoned, tag them VIP", CART, {"min_cart_value": 3000.0}),
    ("5000円を超えるカゴ落ちがあったらVIPタグを付与", CART, {"min_cart_value": 5000.0}),
])
def test_amounts_and_skus_reach_the_trigger(agent: MarketingAgent, goal: str, trigger: str,
                                            expected: dict[str, Any]) -> None:
    draft = draft_for(agent, goal)
    assert chain(draft["definition"]) == [trigger, "action.tag"]
    assert cfg(draft, trigger) == expected
    assert cfg(draft, "action.tag") == {"operation": "add", "tag_id": 21}
    assert draft["new_tags"] == []


def test_a_discount_is_not_a_minimum_amount(agent: MarketingAgent) -> None:
    draft = draft_for(agent, "After a purchase, send a 500 yen off coupon")
    assert cfg(draft, PURCHASE) == {}
    assert "500 yen off" in cfg(draft, "action.send_message")["messages"][0]["text"]


@pytest.mark.parametrize(("goal", "expected"), [
    ("Put new followers on the Klaviyo list 'Friends of the shop' (list ID: Lst_88)", "Lst_88"),
    ("After a purchase add the buyer to Klaviyo list BUYERS2 please", "BUYERS2"),
    ("友だち追加されたらKlaviyoのリスト（ID：NEWF01）に登録", "NEWF01"),
])
def test_klaviyo_list_id_said_as_such(workspace: Any, goal: str, expected: str) -> None:
    workspace.data["integrations"] = ["klaviyo"]
    from agent.providers.offline import OfflinePlanner

    agent = MarketingAgent(OfflinePlanner(), workspace)
    draft = draft_for(agent, goal)
    assert cfg(draft, "action.klaviyo") == {"operation": "add_to_list", "list_id": expected}
    agent.close()


def test_postback_data_beats_the_button_label(agent: MarketingAgent) -> None:
    draft = draft_for(agent, "If a friend clicks the 'Get my coupon' button (data: coupon_get), "
                             "reply 'Here you go: SAVE5'")
    assert cfg(draft, "trigger.postback") == {"data": "coupon_get", "match_type": "equals"}
    assert cfg(draft, "action.send_message")["messages"][0]["text"] == "Here you go: SAVE5"


def test_japanese_tracking_id_in_brackets(agent: MarketingAgent) -> None:
    draft = draft_for(agent, "新商品の動画（トラッキングID：item_2025）を見た人にVIPタグをつける")
    assert cfg(draft, "trigger.video_viewed") == {"tracking_id": "item_2025"}
    assert cfg(draft, "action.tag") == {"operation": "add", "tag_id": 21}


@pytest.mark.parametrize("goal", [
    "Label customers Newsletter after they check out",
    "Anyone who completes an order gets the Newsletter tag",
    "When someone orders, give them the tag Newsletter",
])
def test_unquoted_existing_tag_names(agent: MarketingAgent, goal: str) -> None:
    draft = draft_for(agent, goal)
    assert chain(draft["definition"]) == [PURCHASE, "action.tag"]
    assert cfg(draft, "action.tag") == {"operation": "add", "tag_id": 22}
    assert draft["new_tags"] == []


def test_unquoted_new_tag_name_is_proposed(agent: MarketingAgent) -> None:
    draft = draft_for(agent, "When someone scans the Store front QR code, mark them as Walkin")
    assert [t["name"] for t in draft["new_tags"]] == ["Walkin"]


@pytest.mark.parametrize(("goal", "trigger"), [
    ("When a friend unfollows, tag them Newsletter and do not message them", "trigger.block"),
    ("ブロックされたらNewsletterタグを付けて、メッセージは送らないで", "trigger.block"),
])
def test_steps_said_not_to_take_are_left_out(agent: MarketingAgent, goal: str,
                                             trigger: str) -> None:
    draft = draft_for(agent, goal)
    assert chain(draft["definition"]) == [trigger, "action.tag"]
    assert not nodes_of(draft["definition"], "action.send_message")


@pytest.mark.parametrize(("goal", "offer"), [
    ("Two days after someone follows us, send a 20% off coupon", "20%"),
    ("動画（トラッキングID：v1）を見た人に15%オフのクーポンを送る", "15%"),
])
def test_coupon_text_carries_the_offer(agent: MarketingAgent, goal: str, offer: str) -> None:
    draft = draft_for(agent, goal)
    assert offer in cfg(draft, "action.send_message")["messages"][0]["text"]


@pytest.mark.parametrize("goal", [
    "When a friend sends 'hours', reply with our hours page https://shop.example/hours",
    "「地図」と送られてきたら https://shop.example/hours を返信する",
])
def test_links_go_into_the_message(agent: MarketingAgent, goal: str) -> None:
    draft = draft_for(agent, goal)
    texts = [m["text"] for m in cfg(draft, "action.send_message")["messages"]]
    assert any("https://shop.example/hours" in t for t in texts)


def test_asking_them_to_do_something_is_a_message(agent: MarketingAgent) -> None:
    draft = draft_for(agent, "A day after a purchase, ask the buyer to rate us at "
                             "https://shop.example/rate")
    assert chain(draft["definition"]) == [PURCHASE, "action.delay", "action.send_message"]
    assert "https://shop.example/rate" in cfg(draft, "action.send_message")["messages"][0]["text"]
