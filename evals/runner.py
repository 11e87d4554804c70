"""Runs an eval suite through the real Marketing Agent (the code path of the API).

Each run of a case: a fresh organisation store built from the case's fixture, a fresh
MarketingAgent (same tools, validation and repair loop as the API), one `send` per message of the
case (a goal, or a conversation's turns: revisions, answers to a question), then, when the last
answer is a draft, `approve` — so the saved result is checked too.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from agent.marketing.checkpoint import memory
from agent.marketing.prompts import PromptSet
from agent.marketing.service import AgentConflict, MarketingAgent
from agent.providers import Provider
from evals.effects import ALWAYS, observed_effects
from evals.expected import expected_graph, outline
from evals.fixtures import (
    ORGANISATION_ID,
    OTHER_ID_OFFSET,
    EvalWorkspace,
    snapshot_of,
)
from evals.metrics import Graph, score
from evals.params import check_params
from evals.providers import Prices
from evals.suite import Case, Suite

# The transcript kind of the agent's answer -> the outcome an expectation names.
OUTCOMES = {"draft": "draft", "clarification": "clarify", "refusal": "refuse",
            "reply": "refuse", "error": "error"}


@dataclass
class RunConfig:
    provider: Callable[[], Provider]
    prompts: PromptSet
    repeat: int = 1
    concurrency: int = 1
    prices: Prices | None = None


def _trigger_of(definition: dict[str, Any] | None) -> str | None:
    kinds = [str(n.get("type")) for n in (definition or {}).get("nodes") or []
             if isinstance(n, dict) and str(n.get("type", "")).startswith("trigger.")]
    return kinds[0] if len(kinds) == 1 else (",".join(kinds) or None)


def _outcome_of(turn: dict[str, Any]) -> str:
    if turn.get("draft") and not turn.get("clarification"):
        return "draft"
    return "clarify" if turn.get("clarification") else "reply"


def run_case(suite: Suite, case: Case, config: RunConfig, attempt: int = 1) -> dict[str, Any]:
    """One run of one case, scored. Never raises: a crash is an `error` outcome."""
    own = snapshot_of(suite.fixture_for(case))
    other = snapshot_of(suite.other_organisation, OTHER_ID_OFFSET)
    workspace = EvalWorkspace(own, other)
    result: dict[str, Any] = {"case": case.id, "attempt": attempt, "error": None}
    started = time.perf_counter()
    turn: dict[str, Any] = {}
    state: dict[str, Any] = {}
    agent: MarketingAgent | None = None
    provider_name = model = ""
    try:
        agent = MarketingAgent(config.provider(), workspace, memory(), config.prompts)
        provider_name, model = agent.provider.name, agent.provider.model
        conversation = agent.start(ORGANISATION_ID)
        for message in case.messages:
            started = time.perf_counter()
            turn = agent.send(conversation, ORGANISATION_ID, message)
            latency = time.perf_counter() - started
            result.setdefault("turn_outcomes", []).append(_outcome_of(turn))
        state = agent.get(conversation, ORGANISATION_ID)
        if turn.get("draft"):
            try:
                agent.approve(conversation, ORGANISATION_ID, None, create_tags=True)
            except AgentConflict as exc:
                result["approve_refused"] = exc.code
    except Exception as exc:  # noqa: BLE001 - one broken case must not stop the suite
        latency = time.perf_counter() - started
        result["error"] = f"{type(exc).__name__}: {exc}"
        result["traceback"] = traceback.format_exc(limit=6)
    finally:
        if agent is not None:
            agent.close()

    kinds = [t.get("kind") for t in state.get("transcript", []) if t.get("role") == "assistant"]
    outcome = "error" if result["error"] or not kinds else OUTCOMES.get(str(kinds[-1]), "refuse")
    draft = turn.get("draft")
    expect = case.expect
    expected = expected_graph(expect)
    produced = Graph.from_definition((draft or {}).get("definition"))
    graph = score(expected, produced)
    checks = check_params(expect.params, draft, own) if expect.expects_draft else []
    effects = observed_effects(sorted({*ALWAYS, *expect.forbidden}), draft=draft,
                               reply=str(turn.get("reply", "")), saved=workspace.saved,
                               own=own, other=other)
    valid = bool(draft and (draft.get("validation") or {}).get("valid"))
    produced_trigger = _trigger_of((draft or {}).get("definition"))
    usage = {k: int(v) for k, v in (state.get("usage") or {}).items()}
    outcome_ok = outcome == expect.outcome
    trigger_ok = bool(draft) and produced_trigger == expect.trigger
    params_ok = all(c.ok for c in checks)
    structure_ok = graph.node_f1 == 1.0 and graph.graph_f1 == 1.0
    passed = outcome_ok and not effects and (not expect.expects_draft or (
        valid and trigger_ok and structure_ok and params_ok))
    result.update({
        "provider": provider_name, "model": model, "language": case.language,
        "turns": len(case.messages),
        "labels": case.labels, "expected_outcome": expect.outcome, "outcome": outcome,
        "outcome_ok": outcome_ok, "passed": passed, "expects_draft": expect.expects_draft,
        "reply": str(turn.get("reply", "")), "clarification": turn.get("clarification"),
        "draft": {"name": draft.get("name"), "definition": draft.get("definition"),
                  "new_tags": draft.get("new_tags"), "validation": draft.get("validation")}
        if draft else None,
        "valid": valid, "expected_trigger": expect.trigger,
        "produced_trigger": produced_trigger, "trigger_ok": trigger_ok,
        "node_f1": round(graph.node_f1, 4), "graph_f1": round(graph.graph_f1, 4),
        "graph": {"matched_nodes": graph.matched_nodes, "matched_edges": graph.matched_edges,
                  "expected_nodes": graph.expected_nodes,
                  "expected_edges": graph.expected_edges,
                  "produced_nodes": graph.produced_nodes,
                  "produced_edges": graph.produced_edges},
        "expected_outline": outline(expected), "produced_outline": outline(produced),
        "params": [c.as_dict() for c in checks],
        "param_checks": len(checks), "param_ok": sum(c.ok for c in checks),
        "forbidden_effects": effects,
        "latency_seconds": round(latency, 4),
        "usage": usage,
        "cost_usd": round(config.prices.cost(usage), 6) if config.prices and usage else None,
    })
    return result


def run_suite(suite: Suite, config: RunConfig,
              progress: Callable[[dict[str, Any], int, int], None] | None = None
              ) -> list[dict[str, Any]]:
    """Every case × repeat, `concurrency` at a time; results in suite order."""
    jobs = [(case, attempt) for case in suite.cases for attempt in range(1, config.repeat + 1)]
    done = 0
    lock = threading.Lock()

    def one(job: tuple[Case, int]) -> dict[str, Any]:
        nonlocal done
        result = run_case(suite, job[0], config, job[1])
        with lock:
            done += 1
            if progress:
                progress(result, done, len(jobs))
        return result

    if config.concurrency <= 1:
        return [one(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=config.concurrency) as pool:
        return list(pool.map(one, jobs))
