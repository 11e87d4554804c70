"""The offline planner through the real agent: common goals in English and Japanese become
valid drafts with the right trigger, actions and parameters; vague goals get a question."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from agent.marketing.service import MarketingAgent
from tests.agent.conftest import chain, nodes_of

Check = Callable[[dict[str, Any]], None]


def draft_for(agent: MarketingAgent, goal: str, *answers: str) -> dict[str, Any]:
    cid = agent.start(1)
    turn = agent.send(cid, 1, goal)
    for answer in answers:
        assert turn["clarification"], turn["reply"]
        turn = agent.send(cid, 1, answer)
    assert turn["draft"] is not None, turn["reply"]
    assert turn["status"] == "awaiting_review"
    return turn["draft"]


def cfg(draft: dict[str, Any], node_type: str, i: int = 0) -> dict[str, Any]:
    """A node's config, from a draft or a definition."""
    definition = draft.get("definition", draft)
    return nodes_of(definition, node_type)[i]["config"]


def delay(amount: int, unit: str) -> Check:
    def check(d: dict[str, Any]) -> None:
        assert cfg(d, "action.delay") == {"amount": amount, "unit": unit}
    return check


def keyword(words: list[str], match: str) -> Check:
    def check(d: dict[str, Any]) -> None:
        assert cfg(d, "trigger.message_received") == {"keywords": words, "match_type": match}
    return check


def text(expected: str, i: int = 0) -> Check:
    def check(d: dict[str, Any]) -> None:
        assert cfg(d, "action.send_message", i)["messages"][0]["text"] == expected
    return check


def tag(tag_id: int, op: str = "add") -> Check:
    def check(d: dict[str, Any]) -> None:
        assert cfg(d, "action.tag") == {"operation": op, "tag_id": tag_id}
    return check


def new_tag(name: str) -> Check:
    def check(d: dict[str, Any]) -> None:
        assert [t["name"] for t in d["new_tags"]] == [name]
        assert cfg(d, "action.tag")["tag_id"] == d["new_tags"][0]["placeholder_id"]
    return check


SEND, DELAY, TAG, Q = "action.send_message", "action.delay", "action.tag", "action.question"
CASES: list[tuple[str, list[str], list[Check]]] = [
    # The seed goal.
    ("I want to send a coupon three days after someone adds us as a friend",
     ["trigger.friend_add", DELAY, SEND], [delay(3, "days")]),
    ("友だち追加の三日後にクーポンを送る", ["trigger.friend_add", DELAY, SEND], [delay(3, "days")]),
    ("友だち追加から3日後にクーポンを送りたい", ["trigger.friend_add", DELAY, SEND],
     [delay(3, "days")]),
    ("友だち追加の1週間後にお礼のメッセージを送る", ["trigger.friend_add", DELAY, SEND],
     [delay(1, "weeks")]),
    ("新しい友だちに「ご登録ありがとうございます」と送信し、30分後に「クーポンはこちら」と送る",
     ["trigger.friend_add", SEND, DELAY, SEND],
     [delay(30, "minutes"), text("ご登録ありがとうございます"), text("クーポンはこちら", 1)]),
    ("When someone adds us as a friend, send a welcome message, then a week later send a "
     "coupon", ["trigger.friend_add", SEND, DELAY, SEND], [delay(1, "weeks")]),
    ("When someone adds us, wait 2 hours, then send 'Did you see our menu?'",
     ["trigger.friend_add", DELAY, SEND], [delay(2, "hours"), text("Did you see our menu?")]),
    ("After someone follows us, send 'Hi!' and 30 minutes later send 'Here is our shop'",
     ["trigger.friend_add", SEND, DELAY, SEND], [delay(30, "minutes"), text("Hi!")]),
    # Keywords and match types.
    ("When a friend sends a message containing 'price', reply 'Prices are on our site'",
     ["trigger.message_received", SEND],
     [keyword(["price"], "contains"), text("Prices are on our site")]),
    ("When someone sends exactly \"menu\", show the Members rich menu",
     ["trigger.message_received", "action.rich_menu"],
     [keyword(["menu"], "equals"),
      lambda d: cfg(d, "action.rich_menu").__eq__({"operation": "link", "rich_menu_id": 31})
      or pytest.fail("menu")]),
    ("When a message starts with 'order', reply 'Please send your order number'",
     ["trigger.message_received", SEND], [keyword(["order"], "starts_with")]),
    ("When a friend sends a message ending with '?', send 'We will answer soon'",
     ["trigger.message_received", SEND], [keyword(["?"], "ends_with")]),
    ("「資料」と完全一致するメッセージを受信したら「資料はこちら」と返信",
     ["trigger.message_received", SEND], [keyword(["資料"], "equals"), text("資料はこちら")]),
    ("「予約」で始まるメッセージが届いたら「予約ページはこちら」と返信する",
     ["trigger.message_received", SEND], [keyword(["予約"], "starts_with")]),
    ("「キャンペーン」を含むメッセージを受信したら、「キャンペーン実施中です」と返信する",
     ["trigger.message_received", SEND], [keyword(["キャンペーン"], "contains")]),
    ("キーワード「資料請求」を受信したら「資料はこちらです」と返信する",
     ["trigger.message_received", SEND],
     [keyword(["資料請求"], "contains"), text("資料はこちらです")]),
    ("「クーポン」と送ってきたら、30分後に「クーポンコード：ABC123」を送る",
     ["trigger.message_received", DELAY, SEND], [delay(30, "minutes")]),
    # Tags: existing by id, missing proposed as new.
    ("When someone adds us, send 'Welcome!' and tag them VIP", ["trigger.friend_add", SEND, TAG],
     [tag(21)]),
    ("When someone watches the video 'intro-2024' to the end, tag them 'Watched intro'",
     ["trigger.video_viewed", TAG],
     [new_tag("Watched intro"),
      lambda d: cfg(d, "trigger.video_viewed").__eq__({"tracking_id": "intro-2024"})
      or pytest.fail("video")]),
    ("When a friend blocks us, remove the Newsletter tag", ["trigger.block", TAG],
     [tag(22, "remove")]),
    ("ブロックされたらVIPタグを外す", ["trigger.block", TAG], [tag(21, "remove")]),
    ("QRコード「Store front」を読み取った人に「来店ありがとうございます」と送り、来店タグを付ける",
     ["trigger.qr_scan", SEND, TAG],
     [new_tag("来店"), text("来店ありがとうございます"),
      lambda d: cfg(d, "trigger.qr_scan").__eq__({"qr_code_id": 51}) or pytest.fail("qr")]),
    # Other triggers and actions.
    ("When someone taps the button with postback data 'buy_now', send 'Thanks for your interest!'",
     ["trigger.postback", SEND],
     [lambda d: cfg(d, "trigger.postback").__eq__({"data": "buy_now", "match_type": "equals"})
      or pytest.fail("postback")]),
    ("After a purchase over 5000 yen, wait 1 week and send a review request",
     ["trigger.purchase_completed", DELAY, SEND],
     [delay(1, "weeks"), lambda d: cfg(d, "trigger.purchase_completed").__eq__(
         {"min_amount": 5000.0}) or pytest.fail("amount")]),
    ("When a cart is abandoned, send a reminder 1 hour later",
     ["trigger.cart_abandoned", DELAY, SEND], [delay(1, "hours")]),
    ("カゴ落ちしたら2時間後にリマインドを送る", ["trigger.cart_abandoned", DELAY, SEND],
     [delay(2, "hours")]),
    ("購入したら3日後に「ご購入ありがとうございました」と送る",
     ["trigger.purchase_completed", DELAY, SEND],
     [delay(3, "days"), text("ご購入ありがとうございました")]),
    ("When someone adds us, send the Spring sale message", ["trigger.friend_add",
                                                             "action.auto_message"],
     [lambda d: cfg(d, "action.auto_message").__eq__({"auto_message_id": 41})
      or pytest.fail("auto")]),
    ("When someone scans the QR code, switch their rich menu to Members",
     ["trigger.qr_scan", "action.rich_menu"], []),
    ("When a friend sends 'stop', reset their rich menu and remove the Newsletter tag",
     ["trigger.message_received", "action.rich_menu", TAG],
     [lambda d: cfg(d, "action.rich_menu").__eq__({"operation": "unlink"})
      or pytest.fail("unlink")]),
    ("When someone adds us, let the AI agent answer their questions",
     ["trigger.friend_add", "action.customer_agent"], []),
    ("友だち追加されたらAIが自動で応答する", ["trigger.friend_add", "action.customer_agent"], []),
    ("When someone purchases, add them to HubSpot", ["trigger.purchase_completed",
                                                     "action.hubspot"], []),
    ("When someone adds us, add them to the Klaviyo list 'Newsletter2024'",
     ["trigger.friend_add", "action.klaviyo"],
     [lambda d: cfg(d, "action.klaviyo").__eq__({"operation": "add_to_list",
                                                 "list_id": "Newsletter2024"})
      or pytest.fail("klaviyo")]),
    # Questions and branches.
    ("When someone adds us, ask 'Which do you prefer?' with options 'Cats' and 'Dogs'. If they "
     "answer 'Cats', tag them 'Cat lover'; if they answer 'Dogs' tag them 'Dog lover'",
     ["trigger.friend_add", Q, "action.branch", TAG],
     [lambda d: cfg(d, Q)["options"].__eq__(["Cats", "Dogs"]) or pytest.fail("options"),
      lambda d: [a["conditions"][0]["value"] for a in cfg(d, "action.branch")["branches"]]
      .__eq__(["Cats", "Dogs"]) or pytest.fail("arms")]),
    ("When someone messages 'vip', if they have the VIP tag send 'Welcome back', otherwise "
     "send 'Join our VIP club'",
     ["trigger.message_received", "action.branch", SEND],
     [lambda d: cfg(d, "action.branch")["branches"][0]["conditions"].__eq__(
         [{"kind": "tag", "tag_id": 21, "op": "has"}]) or pytest.fail("tag arm"),
      lambda d: {e["source_handle"] for e in d["definition"]["edges"]
                 if e["source"].startswith("branch")}.__eq__({"branch-1", "else"})
      or pytest.fail("else")]),
    ("VIPタグが付いている人が「セール」と送ったら「VIP限定セールのご案内です」と送る",
     ["trigger.message_received", "action.branch", SEND], [keyword(["セール"], "contains")]),
    ("When a friend sends a message starting with 'order', ask 'What is your order number?' and "
     "if they don't answer within 2 hours, send 'Please reply with your order number'",
     ["trigger.message_received", Q, SEND],
     [lambda d: cfg(d, Q)["timeout_seconds"].__eq__(7200) or pytest.fail("timeout"),
      lambda d: any(e["source_handle"] == "timeout" for e in d["definition"]["edges"])
      or pytest.fail("timeout edge")]),
    ("友だち追加されたらアンケートを送って、回答した人に「アンケート回答済み」タグを付ける",
     ["trigger.friend_add", Q, TAG], [new_tag("アンケート回答済み")]),
]


@pytest.mark.parametrize(("goal", "expected", "checks"), CASES, ids=[c[0][:40] for c in CASES])
def test_goal_becomes_valid_draft(agent: MarketingAgent, goal: str, expected: list[str],
                                  checks: list[Check]) -> None:
    draft = draft_for(agent, goal)
    definition = draft["definition"]
    assert chain(definition) == expected
    for check in checks:
        check(draft)
    errors = [e for e in draft["validation"]["errors"] if e["code"] != "integration_not_connected"]
    assert errors == []
    assert nodes_of(definition, "start")[0]["config"]["account_ids"] == [11]
    assert draft["provider"] == "offline" and draft["model"].startswith("offline-planner")
    assert draft["prompt_version"].startswith("marketing_agent.system@")


def test_survey_goal_asks_when_then_drafts_with_a_named_tag_guess(agent: MarketingAgent) -> None:
    cid = agent.start(1)
    turn = agent.send(cid, 1, "I want to tag people who answer a survey")
    assert turn["status"] == "clarifying"
    assert turn["clarification"]["options"][0] == "When someone adds us as a friend"
    turn = agent.send(cid, 1, "When someone adds us as a friend")
    # Draft first: a new tag is assumed and said, with the account's own tags to pick from.
    assert turn["draft"]["new_tags"] == [{"placeholder_id": -1, "name": "Survey answered"}]
    assert "“Survey answered”" in turn["reply"] and "“VIP”" in turn["reply"]
    turn = agent.send(cid, 1, "Use the VIP tag instead")
    d = turn["draft"]["definition"]
    assert chain(d) == ["trigger.friend_add", Q, TAG]
    assert cfg(d, TAG) == {"operation": "add", "tag_id": 21}
    assert turn["draft"]["new_tags"] == []
    assert any(e["source_handle"] == "answered" for e in d["edges"])


def test_survey_goal_on_account_without_tags_proposes_new_tag(workspace: Any) -> None:
    workspace.data["tags"] = []
    agent = MarketingAgent(__import__("agent.providers.offline", fromlist=["x"]).OfflinePlanner(),
                           workspace)
    draft = draft_for(agent, "I want to tag people who answer a survey",
                      "When someone adds us as a friend")
    assert chain(draft["definition"]) == ["trigger.friend_add", Q, TAG]
    assert [t["name"] for t in draft["new_tags"]] == ["Survey answered"]
    assert draft["validation"]["valid"]


@pytest.mark.parametrize("goal", ["help me with marketing", "make a workflow",
                                  "何かいい感じにして", "increase our sales"])
def test_vague_goal_gets_a_question(agent: MarketingAgent, goal: str) -> None:
    cid = agent.start(1)
    turn = agent.send(cid, 1, goal)
    assert turn["draft"] is None
    assert turn["status"] == "clarifying"
    assert turn["clarification"]["options"]


def test_unnamed_rich_menu_is_a_guess_said_with_the_others(agent: MarketingAgent) -> None:
    cid = agent.start(1)
    turn = agent.send(cid, 1, "When someone adds us, switch their rich menu")
    assert cfg(turn["draft"]["definition"], "action.rich_menu") == {"operation": "link",
                                                                    "rich_menu_id": 31}
    assert "“Members”" in turn["reply"] and "“Default menu”" in turn["reply"]
    turn = agent.send(cid, 1, "the default one")
    assert cfg(turn["draft"]["definition"], "action.rich_menu") == {"operation": "link",
                                                                    "rich_menu_id": 32}


def test_missing_message_text_is_a_placeholder_then_filled(agent: MarketingAgent) -> None:
    cid = agent.start(1)
    turn = agent.send(cid, 1, "When someone adds us as a friend, send a message")
    assert text("[Write your message here]")(turn["draft"]) is None
    assert "placeholder" in turn["reply"]
    turn = agent.send(cid, 1, "Thanks for adding us! Show this for a free coffee.")
    assert text("Thanks for adding us! Show this for a free coffee.")(turn["draft"]) is None
    assert chain(turn["draft"]["definition"]) == ["trigger.friend_add", SEND]


def test_video_without_tracking_id_is_a_named_placeholder(agent: MarketingAgent) -> None:
    cid = agent.start(1)
    turn = agent.send(cid, 1, "When someone finishes watching the video, tag them VIP")
    assert cfg(turn["draft"]["definition"], "trigger.video_viewed") == {
        "tracking_id": "VIDEO_TRACKING_ID"}
    assert "tracking ID" in turn["reply"]
    turn = agent.send(cid, 1, "promo-video")
    assert cfg(turn["draft"]["definition"], "trigger.video_viewed") == {
        "tracking_id": "promo-video"}


def test_goal_without_trigger_asks_when(agent: MarketingAgent) -> None:
    cid = agent.start(1)
    turn = agent.send(cid, 1, "送るクーポンを作りたい")
    assert turn["clarification"]["question"] == "いつ開始しますか？"
    turn = agent.send(cid, 1, "友だち追加されたとき")
    assert chain(turn["draft"]["definition"]) == ["trigger.friend_add", SEND]


@pytest.mark.parametrize("goal", ["Send a message every Monday at 9am",
                                  "毎朝8時にニュースを配信したい"])
def test_unsupported_goal_is_said_honestly(agent: MarketingAgent, goal: str) -> None:
    cid = agent.start(1)
    turn = agent.send(cid, 1, goal)
    assert turn["draft"] is None and turn["clarification"] is None
    assert any(word in turn["reply"] for word in ("can't", "できません", "作れません"))


def test_japanese_goal_gets_japanese_summary(agent: MarketingAgent) -> None:
    draft = draft_for(agent, "友だち追加の三日後にクーポンを送る")
    assert "友だち追加されたとき" in draft["summary"]
    assert "3日待つ" in draft["summary"]


def test_hubspot_not_connected_is_visible(workspace: Any) -> None:
    workspace.data["integrations"] = []
    from agent.providers.offline import OfflinePlanner

    agent = MarketingAgent(OfflinePlanner(), workspace)
    draft = draft_for(agent, "When someone purchases, add them to HubSpot")
    assert [e["code"] for e in draft["validation"]["errors"]] == ["integration_not_connected"]
