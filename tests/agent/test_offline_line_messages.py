"""The offline planner proposes LINE's message set from words (issue 16's agent part): the
draft carries LINE message objects that validate as a Send Message node's, in LINE's own field
names, so what the marketer asked for ("with buttons Yes / No", "the video … with tracking id
…") is what LINE will show."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from agent.marketing.account import snapshot_from_fixture
from agent.marketing.service import MarketingAgent
from agent.marketing.workspace import MemoryWorkspace
from agent.providers.offline import OfflinePlanner
from engine.messages.builders import validated
from tests.agent.test_offline_understanding import SHOP, converse


@pytest.fixture
def agent() -> Iterator[MarketingAgent]:
    a = MarketingAgent(OfflinePlanner(), MemoryWorkspace(snapshot_from_fixture(SHOP)))
    yield a
    a.close()


def messages(turn: dict[str, Any]) -> list[dict[str, Any]]:
    sends = [n for n in turn["draft"]["definition"]["nodes"]
             if n["type"] == "action.send_message"]
    assert len(sends) == 1, sends
    found = sends[0]["config"]["messages"]
    assert validated(found) == found  # LINE's shape, as the node stores it
    return found


def test_a_sticker_by_its_ids_and_a_default_one_named_in_the_reply(agent: MarketingAgent) -> None:
    turn = converse(agent, "When a friend sends 'thanks', reply with sticker 11537/52002734")
    assert messages(turn) == [{"type": "sticker", "packageId": "11537",
                               "stickerId": "52002734"}]
    turn = converse(agent, "友だち追加されたら「ようこそ！」とスタンプを送って")
    assert [m["type"] for m in messages(turn)] == ["text", "sticker"]
    assert "446/1988" in turn["reply"]  # the assumed sticker is said


def test_a_stamp_card_is_no_sticker(agent: MarketingAgent) -> None:
    turn = converse(agent, "友だち追加されたら「スタンプカードを始めました」と送って")
    assert [m["type"] for m in messages(turn)] == ["text"]


def test_buttons_are_postbacks_with_the_said_data(agent: MarketingAgent) -> None:
    turn = converse(agent, "When someone adds us, send 'Get our weekly news?' with buttons "
                           "'Subscribe' (data news=yes) and 'No thanks' (data news=no)")
    [m] = messages(turn)
    assert m["template"]["type"] == "buttons"
    assert m["template"]["text"] == "Get our weekly news?"
    assert [(a["type"], a["label"], a["data"]) for a in m["template"]["actions"]] == [
        ("postback", "Subscribe", "news=yes"), ("postback", "No thanks", "news=no")]


def test_unquoted_labels_default_to_their_own_data(agent: MarketingAgent) -> None:
    turn = converse(agent, "When someone sends 'event', ask 'Coming on Saturday?' with "
                           "buttons Yes / No")
    [m] = messages(turn)
    assert [(a["label"], a["data"]) for a in m["template"]["actions"]] == [("Yes", "Yes"),
                                                                        ("No", "No")]


def test_a_question_whose_answers_lead_somewhere_stays_a_question(agent: MarketingAgent) -> None:
    turn = converse(agent, "When someone adds us, ask 'Coffee or tea?' with buttons Coffee / "
                           "Tea; if they answer Coffee tag them coffee, otherwise tag them tea")
    types = [n["type"] for n in turn["draft"]["definition"]["nodes"]]
    assert "action.question" in types and "action.send_message" not in types


def test_a_link_button_opens_the_url_and_the_url_is_not_sent_as_text(
        agent: MarketingAgent) -> None:
    turn = converse(agent, "「予約」と送られたら「オンラインで予約できます」と「予約する」ボタン"
                           "（https://hana.example/book を開く）を送って")
    [m] = messages(turn)
    assert m["template"]["text"] == "オンラインで予約できます"
    assert m["template"]["actions"] == [{"type": "uri", "label": "予約する",
                                         "uri": "https://hana.example/book"}]


def test_a_video_keeps_its_url_preview_and_tracking_id(agent: MarketingAgent) -> None:
    turn = converse(agent, "友だち追加されたら紹介動画 https://hana.example/v/intro.mp4 を送って。"
                           "サムネイルは https://hana.example/v/intro.jpg、"
                           "トラッキングIDは intro-2026")
    assert messages(turn) == [{"type": "video",
                               "originalContentUrl": "https://hana.example/v/intro.mp4",
                               "previewImageUrl": "https://hana.example/v/intro.jpg",
                               "trackingId": "intro-2026"}]
    types = [n["type"] for n in turn["draft"]["definition"]["nodes"]]
    assert "trigger.friend_add" in types  # sending a video is not watching one


def test_a_video_without_preview_gets_an_assumed_one_said_in_the_reply(
        agent: MarketingAgent) -> None:
    turn = converse(agent, "send new friends https://hana.example/v/a.mp4, track views as promo1")
    [m] = messages(turn)
    assert (m["trackingId"], m["previewImageUrl"]) == ("promo1", "https://hana.example/v/a.jpg")
    assert "https://hana.example/v/a.jpg" in turn["reply"]


def test_the_shops_location_is_a_map_pin_not_a_geofence(agent: MarketingAgent) -> None:
    turn = converse(agent, "When someone sends 'access', send our shop location: Hana Coffee, "
                           "1-2-3 Jingumae, Shibuya (35.6702, 139.7027)")
    assert messages(turn) == [{"type": "location", "title": "Hana Coffee",
                               "address": "1-2-3 Jingumae, Shibuya", "latitude": 35.6702,
                               "longitude": 139.7027}]
    cid = agent.start(1)
    refused = agent.send(cid, 1, "お客様がお店の前を通ったら、位置情報で検知してクーポンを送って")
    assert refused["draft"] is None and "位置" in refused["reply"]


def test_revisions_add_a_sticker_or_buttons_to_the_message(agent: MarketingAgent) -> None:
    turn = converse(agent, "When someone adds us, send 'Welcome!'", "add a sticker too")
    assert [m["type"] for m in messages(turn)] == ["text", "sticker"]
    turn = converse(agent, "When someone sends 'event', send 'Coming on Saturday?'",
                    "add Yes and No buttons")
    [m] = messages(turn)
    assert m["template"]["text"] == "Coming on Saturday?"
    assert [a["label"] for a in m["template"]["actions"]] == ["Yes", "No"]


def test_a_tracking_id_line_refuses_is_made_valid_and_said(agent: MarketingAgent) -> None:
    turn = converse(agent, "「ラテ」と送られてきたら https://hana.example/v/latte.mp4 "
                           "の動画を送って（トラッキングID latte_art）")
    assert messages(turn)[0]["trackingId"] == "latte-art"
    assert turn["draft"]["validation"]["valid"]
    assert "latte-art" in turn["reply"] and "latte_art" in turn["reply"]


def test_a_button_called_later_is_no_wait(agent: MarketingAgent) -> None:
    turn = converse(agent, "video intro-2026 watched to the end → send 'Want a tasting?' with "
                           "buttons Yes (data tasting=yes) and Later (data tasting=later)")
    kinds = [n["type"] for n in turn["draft"]["definition"]["nodes"]]
    assert "action.delay" not in kinds
    actions = messages(turn)[0]["template"]["actions"]
    assert [(a["label"], a["data"]) for a in actions] == [("Yes", "tasting=yes"),
                                                         ("Later", "tasting=later")]


@pytest.mark.parametrize(("goal", "keyword"), [
    ("if a customer texts hi just reply with a sticker", "hi"),
    ("「こんにちは」って来たらスタンプで返して", "こんにちは"),
    ('Reply to "how to brew" with our brewing video https://hana.example/v/brew.mp4',
     "how to brew"),
])
def test_a_reply_said_around_its_keyword(agent: MarketingAgent, goal: str, keyword: str) -> None:
    turn = converse(agent, goal)
    trigger = next(n for n in turn["draft"]["definition"]["nodes"]
                   if n["type"] == "trigger.message_received")
    assert trigger["config"]["keywords"] == [keyword]
    assert messages(turn)[-1]["type"] in ("sticker", "video")


def test_a_location_said_in_the_next_sentence_with_named_fields(agent: MarketingAgent) -> None:
    turn = converse(agent, "「場所」と来たら店の位置情報を送って。住所は東京都渋谷区神宮前1-2-3、"
                           "緯度35.6702、経度139.7027")
    assert messages(turn) == [{"type": "location", "title": "Hana Coffee",
                               "address": "東京都渋谷区神宮前1-2-3", "latitude": 35.6702,
                               "longitude": 139.7027}]
