"""A/B splits, answer arms and the Customer Agent's hand-off word from the offline planner,
checked on the drafted graph (node types, handles, configs). Phrasings are not the eval
suites' ones."""

from __future__ import annotations

from typing import Any

import pytest

from agent.marketing.service import MarketingAgent
from tests.agent.conftest import nodes_of
from tests.agent.test_offline_planner import cfg, draft_for


def arms(draft: dict[str, Any], node_type: str) -> dict[str, list[dict[str, Any]]]:
    """Handle → the nodes right after it, for the first node of that type."""
    d = draft["definition"]
    node = nodes_of(d, node_type)[0]
    nodes = {n["id"]: n for n in d["nodes"]}
    out: dict[str, list[dict[str, Any]]] = {}
    for e in d["edges"]:
        if e["source"] == node["id"]:
            out.setdefault(e["source_handle"], []).append(nodes[e["target"]])
    return out


def texts(nodes: list[dict[str, Any]]) -> list[str]:
    return [m["text"] for n in nodes for m in n["config"].get("messages", [])]


@pytest.mark.parametrize(("goal", "percents", "first", "second"), [
    ("Split-test our welcome: 80% of new friends receive 'Hi there!' and the other 20% receive "
     "'Hello and welcome!'", [80, 20], "Hi there!", "Hello and welcome!"),
    ("Test two greetings on people who add us: one half gets 'Version one', the rest get "
     "'Version two'", [50, 50], "Version one", "Version two"),
    ("A/B test after a purchase, 40/60: 40% get 'Thanks!' and 60% get 'Thank you so much!'",
     [40, 60], "Thanks!", "Thank you so much!"),
    ("友だち追加したら30%の人には「クーポンA」、70%の人には「クーポンB」を送るABテストをしたい",
     [30, 70], "クーポンA", "クーポンB"),
])
def test_ab_split_variants(agent: MarketingAgent, goal: str, percents: list[int], first: str,
                           second: str) -> None:
    draft = draft_for(agent, goal)
    assert [v["percent"] for v in cfg(draft, "action.ab_split")["variants"]] == percents
    out = arms(draft, "action.ab_split")
    assert sorted(out) == ["variant-1", "variant-2"]
    assert texts(out["variant-1"]) == [first] and texts(out["variant-2"]) == [second]
    assert draft["validation"]["valid"], draft["validation"]


def test_ab_split_with_a_saved_message_and_a_tag(agent: MarketingAgent) -> None:
    draft = draft_for(agent, "When someone scans the Store front QR code, split them 50/50: "
                             "half get the Spring sale saved message, the other half get tagged "
                             "Newsletter")
    out = arms(draft, "action.ab_split")
    assert [n["type"] for n in out["variant-1"]] == ["action.auto_message"]
    assert [n["type"] for n in out["variant-2"]] == ["action.tag"]
    assert out["variant-2"][0]["config"] == {"operation": "add", "tag_id": 22}


def test_percentages_that_do_not_add_up_are_asked(agent: MarketingAgent) -> None:
    cid = agent.start(1)
    turn = agent.send(cid, 1, "A/B test for new friends: 60% get 'A' and 60% get 'B'")
    assert turn["draft"] is None
    assert "100%" in turn["clarification"]["question"]


@pytest.mark.parametrize(("goal", "keyword"), [
    ("When a friend says 'question', the chatbot takes over; put them through to a real person "
     "when they send 'agent please'", "agent please"),
    ("When someone adds us, the AI support handles their questions. If they type 'STAFF' "
     "connect them with our team", "STAFF"),
    ("「質問」と送られたらAIが回答し、「人と話したい」と入力されたらオペレーターに転送する",
     "人と話したい"),
])
def test_handoff_keyword(agent: MarketingAgent, goal: str, keyword: str) -> None:
    draft = draft_for(agent, goal)
    assert cfg(draft, "action.customer_agent")["handoff_keyword"] == keyword
    # The hand-off condition is the AI step's, not an answer branch.
    assert not nodes_of(draft["definition"], "action.branch")


@pytest.mark.parametrize(("goal", "values", "tags"), [
    ("When someone adds us, ask 'Morning or evening person?' with options Morning and "
     "Evening. Tag those who pick Morning with 'Early bird' and those who pick Evening with "
     "'Night owl'", ["Morning", "Evening"], ["Early bird", "Night owl"]),
    ("友だち追加されたら「肉と魚、どちらが好き？」と聞いて、「肉」と答えた人に「肉派」タグ、「魚」と答えた人に"
     "「魚派」タグをつけて", ["肉", "魚"], ["肉派", "魚派"]),
])
def test_answer_arms_each_get_their_tag(agent: MarketingAgent, goal: str, values: list[str],
                                        tags: list[str]) -> None:
    draft = draft_for(agent, goal)
    branch = cfg(draft, "action.branch")
    assert [b["conditions"][0]["value"] for b in branch["branches"]] == values
    out = arms(draft, "action.branch")
    by_id = {t["placeholder_id"]: t["name"] for t in draft["new_tags"]}
    assert [by_id[out[f"branch-{i}"][0]["config"]["tag_id"]] for i in (1, 2)] == tags
    assert [e["source_handle"] for e in draft["definition"]["edges"]
            if e["target"] == nodes_of(draft["definition"], "action.branch")[0]["id"]] == [
        "answered"]
