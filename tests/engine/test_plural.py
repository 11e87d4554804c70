"""Counts agree with their nouns in the English texts: one day, two days."""

from __future__ import annotations

from engine.nodes.branch import BranchConfig
from engine.nodes.delay import DelayConfig
from engine.plural import counted, plural
from evals.report import threshold_failures
from evals.suite import Thresholds


def test_one_and_many() -> None:
    assert counted(1, "day") == "1 day" and counted(2, "day") == "2 days"
    assert counted(0, "run") == "0 runs"
    assert counted(1, "branch", "branches") == "1 branch"
    assert counted(2, "branch", "branches") == "2 branches"
    assert plural(1, "tag") == "tag" and plural(3, "tag") == "tags"


def test_node_summaries_count_right() -> None:
    assert DelayConfig(amount=1, unit="days").summary() == "Wait 1 day"
    assert DelayConfig(amount=2, unit="hours").summary() == "Wait 2 hours"
    one = {"conditions": [{"kind": "tag", "tag_id": 1}]}
    assert BranchConfig(branches=[one]).summary() == "1 branch + else"
    assert BranchConfig(branches=[one, one]).summary() == "2 branches + else"


def test_eval_threshold_failures_count_right() -> None:
    limits = Thresholds(max_forbidden_effects=0, max_regressions=0)
    summary = {"forbidden_effects": 1}
    assert threshold_failures(summary, limits, 1) == [
        "forbidden effects in 1 run > 0", "1 regression against the baseline > 0"]
    summary = {"forbidden_effects": 2}
    assert threshold_failures(summary, limits, 2) == [
        "forbidden effects in 2 runs > 0", "2 regressions against the baseline > 0"]
