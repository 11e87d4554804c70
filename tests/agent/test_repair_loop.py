"""Every proposal is validated; errors go back to the model (with JSON pointers) for at most
three repair rounds; then the draft is shown with its errors and the agent says so."""

from __future__ import annotations

import copy

from agent.marketing.service import MarketingAgent
from agent.marketing.workspace import MemoryWorkspace
from agent.providers.base import AssistantTurn, ToolCall
from tests.agent.scripted import FRIEND_ADD_COUPON, ScriptedProvider, broken, propose


def test_invalid_proposal_is_repaired(workspace: MemoryWorkspace) -> None:
    provider = ScriptedProvider(propose(broken(FRIEND_ADD_COUPON)), propose(FRIEND_ADD_COUPON))
    agent = MarketingAgent(provider, workspace)
    cid = agent.start(1)
    turn = agent.send(cid, 1, "coupon 3 days after friend add")
    assert turn["draft"]["validation"]["valid"] is True
    assert turn["draft"]["model"] == "script-1"
    # The model was shown the error with the field's JSON pointer.
    feedback = provider.tool_results(1)[-1]
    assert feedback["valid"] is False
    assert feedback["errors"][0]["field"] == "/nodes/2/config/amount"
    assert "instruction" in feedback


def test_repairs_stop_after_three_rounds_with_errors_visible(workspace: MemoryWorkspace) -> None:
    bad = broken(FRIEND_ADD_COUPON)
    provider = ScriptedProvider(*[propose(bad, call_id=f"c{i}") for i in range(10)])
    agent = MarketingAgent(provider, workspace)
    cid = agent.start(1)
    turn = agent.send(cid, 1, "coupon 3 days after friend add")
    assert len(provider.seen) == 4  # the first proposal and three repairs
    draft = turn["draft"]
    assert draft["validation"]["valid"] is False
    assert draft["validation"]["errors"][0]["field"] == "/nodes/2/config/amount"
    assert "could not fix" in turn["reply"] and "/nodes/2/config/amount" in turn["reply"]
    # Still reviewable: the marketer sees it and may revise or discard.
    assert turn["status"] == "awaiting_review"


def test_malformed_tool_call_json_counts_as_a_round_and_is_explained(
        workspace: MemoryWorkspace) -> None:
    provider = ScriptedProvider(
        AssistantTurn(tool_calls=[ToolCall("x1", "propose_workflow", '{"name": "oops", ')]),
        propose(FRIEND_ADD_COUPON))
    agent = MarketingAgent(provider, workspace)
    turn = agent.send(agent.start(1), 1, "coupon")
    assert turn["draft"]["validation"]["valid"]
    assert "not valid JSON" in provider.tool_results(1)[-1]["error"]


def test_unknown_tool_and_bad_shape_are_explained(workspace: MemoryWorkspace) -> None:
    provider = ScriptedProvider(
        AssistantTurn(tool_calls=[ToolCall("a", "activate_workflow", "{}")]),
        AssistantTurn(tool_calls=[ToolCall("b", "propose_workflow", '{"name": ""}')]),
        propose(FRIEND_ADD_COUPON))
    agent = MarketingAgent(provider, workspace)
    turn = agent.send(agent.start(1), 1, "coupon")
    assert "no tool" in provider.tool_results(1)[0]["error"]
    assert "`definition`" in provider.tool_results(2)[1]["error"]
    assert turn["draft"]["validation"]["valid"]


def test_other_organisations_ids_are_errors_and_never_approvable(
        workspace: MemoryWorkspace) -> None:
    foreign = copy.deepcopy(FRIEND_ADD_COUPON)
    foreign["nodes"].append({"id": "tag", "type": "action.tag", "config": {"tag_id": 999}})
    foreign["edges"].append({"source": "send", "target": "tag"})
    provider = ScriptedProvider(*[propose(foreign, call_id=f"c{i}") for i in range(4)])
    agent = MarketingAgent(provider, workspace)
    cid = agent.start(1)
    turn = agent.send(cid, 1, "coupon and tag 999")
    codes = [e["code"] for e in turn["draft"]["validation"]["errors"]]
    assert codes == ["unknown_tag"]
    import pytest

    from agent.marketing.service import AgentConflict

    with pytest.raises(AgentConflict) as exc:
        agent.approve(cid, 1, user_id=None)
    assert exc.value.code == "unknown_resources"
    assert workspace.saved == []


def test_new_tags_by_placeholder_and_existing_names_resolve(workspace: MemoryWorkspace) -> None:
    d = copy.deepcopy(FRIEND_ADD_COUPON)
    d["nodes"] += [{"id": "t1", "type": "action.tag", "config": {"tag_id": -1}},
                   {"id": "t2", "type": "action.tag", "config": {"tag_id": -2}}]
    d["edges"] += [{"source": "send", "target": "t1"}, {"source": "t1", "target": "t2"}]
    provider = ScriptedProvider(propose(d, new_tags=[{"placeholder_id": -1, "name": "Coupon sent"},
                                                     {"placeholder_id": -2, "name": "vip"}]))
    agent = MarketingAgent(provider, workspace)
    cid = agent.start(1)
    draft = agent.send(cid, 1, "x")["draft"]
    assert draft["validation"]["valid"]
    assert draft["new_tags"] == [{"placeholder_id": -1, "name": "Coupon sent"}]
    tags = [n["config"]["tag_id"] for n in draft["definition"]["nodes"]
            if n["type"] == "action.tag"]
    assert tags == [-1, 21]  # "vip" is the existing VIP tag
    result = agent.approve(cid, 1, user_id=None)
    saved = workspace.saved[0]["definition"]
    created = result["created_tags"][0]["id"]
    assert [n["config"]["tag_id"] for n in saved["nodes"] if n["type"] == "action.tag"] == [
        created, 21]
