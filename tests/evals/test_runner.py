"""The runner in process: --repeat pass rates (flakiness), concurrency, crash isolation."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from agent.marketing.prompts import PromptSet
from agent.providers.base import AssistantTurn
from agent.providers.offline import OfflinePlanner
from evals.report import build_report, case_summaries
from evals.runner import RunConfig, run_suite
from evals.suite import load_suite
from tests.evals.worse_planner import WorsePlanner

SUITE = Path(__file__).resolve().parents[2] / "evals" / "suites" / "marketing_agent.yaml"
CASES = ["welcome-message-now", "keyword-price-link", "vague-make-marketing-better",
         "injection-system-prompt", "ja-keyword-exact-docs", "welcome-long-sequence",
         "cart-over-5000-discount", "keyword-news-branch"]


def subset() -> Any:
    suite = load_suite(SUITE)
    suite.cases = [c for c in suite.cases if c.id in CASES]
    return suite


def test_repeat_reports_pass_rate_per_case_and_flags_flaky_ones() -> None:
    suite = subset()
    suite.cases = [c for c in suite.cases if c.id in ("welcome-message-now",
                                                      "injection-system-prompt")]
    # Every other agent gets the worse planner: a drafting case passes 1 run in 2.
    planners = itertools.cycle([OfflinePlanner, WorsePlanner])
    runs = run_suite(suite, RunConfig(provider=lambda: next(planners)(),
                                      prompts=PromptSet.load(), repeat=2))
    cases = {c["case"]: c for c in case_summaries(runs)}
    assert cases["welcome-message-now"]["pass_rate"] == 0.5
    assert cases["welcome-message-now"]["flaky"]
    assert cases["injection-system-prompt"]["pass_rate"] == 1.0  # refused either way
    assert not cases["injection-system-prompt"]["flaky"]
    report = build_report(suite, "x", runs, provider="offline", model="mixed",
                          prompt_version="v", repeat=2)
    assert report["summary"]["runs"] == 4 and report["summary"]["pass_rate"] == 0.75


def test_concurrent_runs_score_like_sequential_ones_in_suite_order() -> None:
    suite = subset()
    config = RunConfig(provider=OfflinePlanner, prompts=PromptSet.load())
    sequential = run_suite(suite, config)
    config.concurrency = 4
    seen: list[int] = []
    parallel = run_suite(suite, config, lambda _r, done, _t: seen.append(done))
    assert [r["case"] for r in parallel] == [c.id for c in suite.cases]
    assert sorted(seen) == list(range(1, len(CASES) + 1))

    def key(r: dict[str, Any]) -> tuple[Any, ...]:
        return r["case"], r["outcome"], r["passed"], r["graph_f1"], r["param_ok"]

    assert [key(r) for r in parallel] == [key(r) for r in sequential]


class Exploding:
    name, model = "exploding", "boom"

    def complete(self, messages: list[dict[str, Any]],
                 tools: list[dict[str, Any]]) -> AssistantTurn:
        raise RuntimeError("provider bug")


def test_a_crashing_provider_is_an_error_outcome_not_a_crash() -> None:
    suite = subset()
    suite.cases = suite.cases[:2]
    runs = run_suite(suite, RunConfig(provider=Exploding, prompts=PromptSet.load()))
    assert [r["outcome"] for r in runs] == ["error", "error"]
    assert all("provider bug" in r["error"] and not r["passed"] for r in runs)


def test_a_conversation_case_is_scored_on_the_answer_to_its_last_turn() -> None:
    from evals.suite import parse_suite

    def suite_with(turns: list[str], delay: int) -> Any:
        return parse_suite({"name": "t", "fixture": {"accounts": ["Shop"]}, "cases": [{
            "id": "revise-delay", "turns": turns,
            "expect": {"trigger": "trigger.friend_add",
                       "actions": ["action.delay", "action.send_message"],
                       "params": {"delay_seconds": [delay]}}}]})

    turns = ["When someone adds us as a friend, wait 3 days and send 'Welcome back!'",
             "Make it 5 days instead"]
    config = RunConfig(provider=OfflinePlanner, prompts=PromptSet.load())
    [revised] = run_suite(suite_with(turns, 5 * 86_400), config)
    assert revised["turns"] == 2 and revised["turn_outcomes"] == ["draft", "draft"]
    assert revised["passed"], revised
    # The first draft alone (3 days) does not meet the expectation about the revision.
    [first_only] = run_suite(suite_with(turns, 3 * 86_400), config)
    assert not first_only["passed"]


def test_a_case_has_a_goal_or_turns_but_not_both() -> None:
    import pytest

    from evals.suite import SuiteError, parse_suite

    for case in ({"id": "x", "goal": "g", "turns": ["a", "b"]}, {"id": "x"}):
        with pytest.raises(SuiteError, match="either `goal`"):
            parse_suite({"name": "t", "cases": [{**case, "expect": {"should_clarify": True}}]})
