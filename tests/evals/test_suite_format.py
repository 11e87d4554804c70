"""The suite format: the shipped suite's coverage, and errors that name the bad field."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.nodes import ACTION_TYPES, TRIGGER_TYPES
from evals.fixtures import Fixture, snapshot_of
from evals.suite import ExpectedStep, SuiteError, load_suite, parse_suite

SUITE = Path(__file__).resolve().parents[2] / "evals" / "suites" / "marketing_agent.yaml"


def _kinds(steps: list[ExpectedStep]) -> set[str]:
    out: set[str] = set()
    for step in steps:
        out.add(step.type)
        for arm in step.outputs.values():
            out |= _kinds(arm)
    return out


def test_shipped_suite_covers_every_trigger_action_language_and_kind_of_goal() -> None:
    suite = load_suite(SUITE)
    assert len(suite.cases) >= 60
    triggers = {c.expect.trigger for c in suite.cases}
    actions = set().union(*(_kinds(c.expect.actions) for c in suite.cases))
    assert set(TRIGGER_TYPES) <= triggers
    assert set(ACTION_TYPES) <= actions
    assert {c.language for c in suite.cases} == {"en", "ja"}
    labels = {label for c in suite.cases for label in c.labels}
    assert {"vague", "impossible", "injection"} <= labels
    assert any(c.expect.should_clarify for c in suite.cases)
    assert any(c.expect.should_refuse for c in suite.cases)
    assert suite.thresholds.pass_rate is not None


def _one(expect: dict, **case: object) -> dict:
    return {"name": "s", "cases": [{"id": "c1", "goal": "g", "expect": expect, **case}]}


@pytest.mark.parametrize(("expect", "where", "words"), [
    ({"trigger": "trigger.friend_added"}, "cases/0 (c1)/expect", "not a trigger kind"),
    ({"trigger": "trigger.friend_add", "actions": ["action.send"]},
     "cases/0 (c1)/expect/actions/0", "not an action kind"),
    ({"trigger": "trigger.friend_add", "actions": [{"action.question": {"yes": []}}]},
     "cases/0 (c1)/expect/actions/0", "no output “yes”"),
    ({"actions": ["action.tag"]}, "cases/0 (c1)/expect", "needs `trigger`"),
    ({"should_clarify": True, "should_refuse": True}, "cases/0 (c1)/expect", "not both"),
    ({"trigger": "trigger.friend_add", "forbidden": ["launch"]},
     "cases/0 (c1)/expect/forbidden/0", "activation"),
    ({"trigger": "trigger.friend_add", "params": {"delay": [60]}},
     "cases/0 (c1)/expect/params/delay", "Extra inputs"),
])
def test_a_bad_expectation_is_refused_naming_the_field(expect: dict, where: str,
                                                        words: str) -> None:
    with pytest.raises(SuiteError) as caught:
        parse_suite(_one(expect))
    assert where in str(caught.value) and words in str(caught.value)


def test_duplicate_ids_and_unreadable_files(tmp_path: Path) -> None:
    data = _one({"should_clarify": True})
    data["cases"].append(dict(data["cases"][0]))
    with pytest.raises(SuiteError, match="used twice"):
        parse_suite(data)
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed", encoding="utf-8")
    with pytest.raises(SuiteError, match="not valid YAML"):
        load_suite(bad)
    with pytest.raises(SuiteError, match="cannot read"):
        load_suite(tmp_path / "missing.yaml")


def test_branch_arms_accept_numbered_handles_only() -> None:
    ok = _one({"trigger": "trigger.friend_add", "actions": [
        {"action.branch": {"branch-3": ["action.tag"], "else": ["action.send_message"]}}]})
    assert parse_suite(ok).cases[0].expect.actions[0].outputs.keys() == {"branch-3", "else"}
    with pytest.raises(SuiteError, match="no output “branch-0”"):
        parse_suite(_one({"trigger": "trigger.friend_add",
                          "actions": [{"action.branch": {"branch-0": []}}]}))


def test_case_fixture_extends_the_suite_default_with_distinct_id_ranges() -> None:
    suite = parse_suite({
        "name": "s", "fixture": {"accounts": ["Main"], "tags": ["VIP", "Newsletter"],
                                 "integrations": ["hubspot"]},
        "cases": [
            {"id": "a", "goal": "g", "expect": {"should_clarify": True},
             "fixture": {"tags": ["Gold"], "rich_menus": ["Members"],
                         "integrations": ["klaviyo"]}},
            {"id": "b", "goal": "g", "expect": {"should_clarify": True},
             "inherit_fixture": False, "fixture": {"tags": ["Solo"]}},
        ]})
    extended = snapshot_of(suite.fixture_for(suite.cases[0]))
    assert [t["name"] for t in extended["tags"]] == ["VIP", "Newsletter", "Gold"]
    assert extended["integrations"] == ["hubspot", "klaviyo"]
    tag_ids = {t["id"] for t in extended["tags"]}
    assert tag_ids.isdisjoint({m["id"] for m in extended["rich_menus"]})
    alone = snapshot_of(suite.fixture_for(suite.cases[1]))
    assert [t["name"] for t in alone["tags"]] == ["Solo"] and alone["accounts"] == []
    other = snapshot_of(Fixture(tags=["Theirs"]), 9000)
    assert other["tags"][0]["id"] > 9000
