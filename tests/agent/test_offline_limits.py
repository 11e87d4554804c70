"""The offline planner declines what no Lumo workflow can do — other channels, deleting friends,
another account's resources — and still drafts goals that merely name those words.
Phrasings here are not the eval suites' ones."""

from __future__ import annotations

from typing import Any

import pytest

from agent.marketing.service import MarketingAgent
from tests.agent.conftest import chain
from tests.agent.test_offline_planner import draft_for

CANT = ("can't", "できません", "作れません")


def declined(agent: MarketingAgent, goal: str) -> dict[str, Any]:
    cid = agent.start(1)
    turn = agent.send(cid, 1, goal)
    assert turn["draft"] is None, turn["draft"]
    assert turn["clarification"] is None, turn["clarification"]
    assert any(word in turn["reply"] for word in CANT), turn["reply"]
    return turn


@pytest.mark.parametrize("goal", [
    "E-mail a receipt to everyone who buys something",
    "Text buyers by SMS right after they order",
    "Ring customers who left a cart to remind them",
    "DM people on Instagram when they scan the Store front QR code",
    "Share a story on our Facebook page whenever someone joins",
    "When somebody blocks us, message them on WhatsApp",
    "Mail a postcard to new friends a week after they add us",
    "カゴ落ちした人にメールでお知らせを送って",
    "購入した人に電話でお礼を伝えたい",
    "友だち追加されたらインスタに投稿して",
    "新しい友だちにハガキを郵送したい",
])
def test_other_channels_are_declined(agent: MarketingAgent, goal: str) -> None:
    declined(agent, goal)


@pytest.mark.parametrize("goal", [
    "Remove inactive customers who haven't purchased in 6 months",
    "When someone blocks us, delete those friends",
    "購入していない友だちを削除して",
])
def test_deleting_friends_is_declined(agent: MarketingAgent, goal: str) -> None:
    declined(agent, goal)


def test_other_accounts_resources_are_declined_without_naming_them(
        agent: MarketingAgent) -> None:
    turn = declined(agent, "Import the 'Regulars' tag from the Kyoto Sweets account and tag "
                           "new friends with it")
    assert "Kyoto" not in turn["reply"] and "Regulars" not in turn["reply"]


@pytest.mark.parametrize("goal", [
    "Every year on a customer's birthday send them a treat",
    "Annually remind friends to renew their membership",
])
def test_calendar_and_yearly_schedules_are_declined(agent: MarketingAgent, goal: str) -> None:
    declined(agent, goal)


def test_network_named_as_an_answer_option_is_not_a_channel(agent: MarketingAgent) -> None:
    draft = draft_for(agent, "After someone adds us, ask 'Where did you find us?' with the "
                             "choices TikTok, Instagram or Google")
    assert chain(draft["definition"]) == ["trigger.friend_add", "action.question"]
    q = next(n for n in draft["definition"]["nodes"] if n["type"] == "action.question")
    assert q["config"]["options"] == ["TikTok", "Instagram", "Google"]


def test_asking_for_an_email_address_is_fine(agent: MarketingAgent) -> None:
    draft = draft_for(agent, "When someone adds us, ask 'What is your email address?'")
    assert chain(draft["definition"]) == ["trigger.friend_add", "action.question"]


def test_line_part_is_drafted_and_the_other_channel_noted(agent: MarketingAgent) -> None:
    cid = agent.start(1)
    turn = agent.send(cid, 1, "When someone buys, tag them VIP. Also email them an invoice.")
    assert turn["draft"] is not None
    assert chain(turn["draft"]["definition"]) == ["trigger.purchase_completed", "action.tag"]
    assert "not possible" in turn["reply"]
