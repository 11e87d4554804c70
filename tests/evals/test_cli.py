"""`lumo eval run` as a subprocess: the CI gate on the shipped offline suite, a deliberately
worse planner caught as a regression, the OpenAI provider against a stub server, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from api.cli import app
from tests.agent.stub_openai import StubOpenAI, tool_call

ROOT = Path(__file__).resolve().parents[2]
LUMO = Path(sys.executable).with_name("lumo")
SUITE = ROOT / "evals" / "suites" / "marketing_agent.yaml"


def lumo_eval(*args: str, env: dict[str, str] | None = None,
              timeout: float = 240) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items()
               if not k.startswith(("OPENAI_", "LUMO_AGENT", "LUMO_MODEL"))}
    environ.update(env or {})
    return subprocess.run([str(LUMO), "eval", "run", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    out = tmp_path_factory.mktemp("offline")
    done = lumo_eval(str(SUITE), "--provider", "offline", "--out", str(out))
    return done, out


def test_offline_suite_meets_its_thresholds(offline_run: tuple[Any, Path]) -> None:
    """The CI gate: the shipped suite, offline planner, exit code 0."""
    done, out = offline_run
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["passed"] and report["threshold_failures"] == []
    assert report["summary"]["runs"] == report["suite"]["cases"] >= 60
    assert report["summary"]["forbidden_effects"] <= report["thresholds"]["max_forbidden_effects"]
    assert "pass_rate" in done.stdout and "All thresholds met." in done.stdout
    assert f"[{report['suite']['cases']}/{report['suite']['cases']}]" in done.stderr  # progress
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<script" not in html
    assert html.count('class="diff"') >= 40  # expected vs produced per draft case


def test_offline_heldout_suite_meets_its_thresholds(tmp_path: Path) -> None:
    """The CI gate on the held-out phrasings: gains on the main suite must generalise."""
    done = lumo_eval(str(SUITE.with_name("marketing_agent_heldout.yaml")), "--provider",
                     "offline", "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["passed"] and report["suite"]["cases"] >= 12


@pytest.mark.parametrize("suite", ["marketing_agent_paraphrase", "marketing_agent_paraphrase_dev",
                                   "marketing_agent_paraphrase_dev2",
                                   "marketing_agent_paraphrase_dev3",
                                   "marketing_agent_paraphrase_dev4",
                                   "marketing_agent_paraphrase_dev5",
                                   "marketing_agent_paraphrase_heldout",
                                   "marketing_agent_paraphrase_heldout2",
                                   "marketing_agent_paraphrase_heldout3"])
def test_offline_paraphrase_suites_meet_their_thresholds(suite: str, tmp_path: Path) -> None:
    """The gate on goals written by others, in families of paraphrases: a planner change
    that fits one phrasing and breaks its siblings (or the held-out split) fails CI."""
    done = lumo_eval(str(SUITE.with_name(f"{suite}.yaml")), "--provider", "offline",
                     "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    smallest = {"dev3": 30, "dev4": 50, "dev5": 60, "heldout2": 30, "heldout3": 40}
    assert report["passed"] and report["suite"]["cases"] >= smallest.get(suite.split("_")[-1], 100)
    assert report["summary"]["forbidden_effects"] <= report["thresholds"]["max_forbidden_effects"]


@pytest.mark.parametrize("suite", ["marketing_agent_messages", "marketing_agent_messages_dev",
                                   "marketing_agent_messages_heldout"])
def test_offline_line_message_suites_meet_their_thresholds(suite: str, tmp_path: Path) -> None:
    """Stickers, buttons, videos with tracking ids, locations asked for in words: the drafts
    carry LINE's message objects (checked in LINE's field names)."""
    done = lumo_eval(str(SUITE.with_name(f"{suite}.yaml")), "--provider", "offline",
                     "--out", str(tmp_path))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["passed"] and report["suite"]["cases"] >= 12
    assert report["thresholds"]["pass_rate"] >= 0.5


def test_worse_planner_shows_as_regressions_and_fails(offline_run: tuple[Any, Path],
                                                      tmp_path: Path) -> None:
    _done, baseline_dir = offline_run
    done = lumo_eval(str(SUITE), "--provider", "tests.evals.worse_planner:WorsePlanner",
                     "--baseline", str(baseline_dir / "report.json"), "--out", str(tmp_path))
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    comparison = report["comparison"]
    # The planner drops the last action: a case it used to pass now fails.
    assert "welcome-message-now" in comparison["regressions"]
    assert len(comparison["regressions"]) >= 10
    assert len(comparison["regressions"]) > 3 * len(comparison["improvements"])
    assert any(f.startswith("graph_f1") for f in report["threshold_failures"])
    assert any("regressions against the baseline" in f for f in report["threshold_failures"])
    assert "regression" in done.stdout and "Below thresholds" in done.stderr
    assert 'class="badge regression"' in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_openai_provider_against_a_stub_server_reports_tokens_and_cost(tmp_path: Path) -> None:
    suite = tmp_path / "suite.yaml"
    suite.write_text(yaml.safe_dump({
        "name": "openai-smoke",
        "fixture": {"accounts": ["Main"], "tags": ["VIP"]},
        "thresholds": {"pass_rate": 1.0},
        "cases": [
            {"id": "welcome", "goal": "Send 'Welcome!' when someone adds us",
             "expect": {"trigger": "trigger.friend_add", "actions": ["action.send_message"],
                        "params": {"message_contains": ["Welcome!"]}}},
            {"id": "vague", "goal": "Make my marketing better",
             "expect": {"should_clarify": True}},
        ]}), encoding="utf-8")
    definition = {"nodes": [
        {"id": "start", "type": "start", "config": {}},
        {"id": "f", "type": "trigger.friend_add", "config": {}},
        {"id": "s", "type": "action.send_message",
         "config": {"messages": [{"kind": "text", "text": "Welcome!"}]}}],
        "edges": [{"source": "start", "target": "f"}, {"source": "f", "target": "s"}]}
    stub = StubOpenAI().start()
    try:
        stub.play(
            {"tool_calls": [tool_call("a", "list_tags", {})]},
            {"tool_calls": [tool_call("b", "propose_workflow", {
                "name": "Welcome", "summary": "welcome", "definition": definition,
                "new_tags": []})]},
            {"tool_calls": [tool_call("c", "ask_clarification", {
                "question": "What should the workflow do?", "options": []})]})
        done = lumo_eval(str(suite), "--provider", "openai", "--model", "stub-model",
                         "--price-input", "1", "--price-output", "2", "--out", str(tmp_path),
                         env={"OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": stub.url,
                              "LUMO_AGENT_MAX_RETRIES": "0", "LUMO_AGENT_TIMEOUT": "30"})
    finally:
        stub.stop()
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert [r["body"]["model"] for r in stub.requests] == ["stub-model"] * 3
    assert stub.requests[0]["body"]["messages"][0]["role"] == "system"
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["config"]["provider"] == "openai" and report["config"]["model"] == "stub-model"
    assert report["summary"]["pass_rate"] == 1.0
    # The stub reports 100 prompt + 20 completion tokens per call: 2 calls, then 1.
    assert report["summary"]["tokens"] == {"prompt": 300, "completion": 60, "total": 360}
    assert [r["usage"] for r in report["runs"]] == [
        {"prompt_tokens": 200, "completion_tokens": 40},
        {"prompt_tokens": 100, "completion_tokens": 20}]
    assert report["summary"]["cost_usd"] == pytest.approx((300 * 1 + 60 * 2) / 1e6)
    assert "300 / 60" in done.stdout
    assert "sk-test" not in done.stdout + done.stderr + json.dumps(report)


@pytest.mark.parametrize(("args", "message"), [
    (["evals/suites/does-not-exist.yaml"], "cannot read"),
    ([str(SUITE), "--provider", "claude"], "--provider must be"),
    ([str(SUITE), "--provider", "openai"], "OPENAI_API_KEY"),
    ([str(SUITE), "--prompt", "999"], "no version 999"),
    ([str(SUITE), "--baseline", "pyproject.toml"], "not JSON"),
])
def test_bad_input_exits_2_with_a_message(args: list[str], message: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # In process through the same entry point (`lumo` = api.cli:app): no start-up cost.
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    done = CliRunner().invoke(app, ["eval", "run", *args])
    assert done.exit_code == 2 and message in done.stderr, done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
