"""Summaries come from the graph, diffs name what changed, prompts carry their version."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.marketing.account import Snapshot
from agent.marketing.diff import changes
from agent.marketing.prompts import PromptNotFound, PromptSet, get_prompt, parse_prompt
from agent.marketing.summary import summarise
from tests.agent.scripted import FRIEND_ADD_COUPON


def test_summary_is_written_from_the_definition(account: Snapshot) -> None:
    definition = {**FRIEND_ADD_COUPON, "nodes": [
        {**FRIEND_ADD_COUPON["nodes"][0], "config": {"account_ids": [11]}},
        *FRIEND_ADD_COUPON["nodes"][1:],
        {"id": "q", "type": "action.question",
         "config": {"text": "Cats or dogs?", "options": ["Cats", "Dogs"], "attribute": "pet"}},
        {"id": "b", "type": "action.branch", "config": {"branches": [
            {"label": "cats", "conditions": [{"kind": "attribute", "attribute": "pet",
                                              "op": "equals", "value": "Cats"}]}]}},
        {"id": "tg", "type": "action.tag", "config": {"tag_id": 21}},
    ], "edges": [*FRIEND_ADD_COUPON["edges"], {"source": "send", "target": "q"},
                 {"source": "q", "source_handle": "answered", "target": "b"},
                 {"source": "b", "source_handle": "branch-1", "target": "tg"}]}
    text = summarise(definition, account)
    assert text.splitlines() == [
        "Runs on “Tokyo shop”.",
        "When someone adds the account as a friend:",
        "   1. Wait 3 days",
        "   2. Send “Your coupon: WELCOME10”",
        "   3. Ask “Cats or dogs?” (options: Cats / Dogs), save the answer as “pet”, "
        "wait up to 1 day",
        "      • If they answer:",
        "         4. Check conditions",
        "            • If pet is “Cats”:",
        "               5. Add the tag “VIP”",
    ]
    ja = summarise(definition, account, lang="ja")
    assert "友だち追加されたとき" in ja and "タグ“VIP”を付ける" in ja


def test_changes_between_drafts(account: Snapshot) -> None:
    new = {**FRIEND_ADD_COUPON, "nodes": [dict(n) for n in FRIEND_ADD_COUPON["nodes"]]}
    new["nodes"][2] = {**new["nodes"][2], "config": {"amount": 5, "unit": "days"}}
    assert changes(FRIEND_ADD_COUPON, new, account) == ["Wait 3 days → Wait 5 days"]
    assert changes(FRIEND_ADD_COUPON, FRIEND_ADD_COUPON, account) == []


def test_prompt_files_have_headers_and_versions(tmp_path: Path) -> None:
    prompts = PromptSet.load()
    assert prompts.version == f"marketing_agent.system@{prompts.system.version}"
    assert "never activate" in prompts.system.text.lower() or "never" in prompts.system.text
    (tmp_path / "a.md").write_text("---\nid: marketing_agent.system\nversion: 1\n---\nold\n")
    (tmp_path / "b.md").write_text("---\nid: marketing_agent.system\nversion: 2\n---\nnew\n")
    (tmp_path / "r.md").write_text("---\nid: marketing_agent.repair\nversion: 1\n---\nfix\n")
    (tmp_path / "v.md").write_text("---\nid: marketing_agent.revise\nversion: 1\n---\nrev\n")
    assert PromptSet.load(root=tmp_path).system.text == "new\n"
    assert PromptSet.load("1", root=tmp_path).system.text == "old\n"
    with pytest.raises(PromptNotFound):
        get_prompt("marketing_agent.system", "9", tmp_path)
    with pytest.raises(ValueError):
        parse_prompt("no header")
