"""The JSON report: per-case results (every run), per-case summaries and the aggregate.

Aggregates are over runs, so with --repeat a flaky case weighs as often as it was run:
- pass_rate: runs that met every expectation of their case;
- valid_draft_rate, trigger_accuracy, node_f1, graph_f1: over runs of cases that expect a
  draft (no draft scores 0);
- param_accuracy: parameter checks that held / all checks (micro average);
- clarification_accuracy / refusal_accuracy: runs where "asked" / "declined" was right,
  over every run (so asking when a draft was expected counts against it too);
- forbidden_effects: runs with at least one forbidden effect.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from engine.plural import counted
from evals.suite import Suite, Thresholds

REPORT_VERSION = 1
RATE_METRICS = ("pass_rate", "valid_draft_rate", "trigger_accuracy", "node_f1", "graph_f1",
                "param_accuracy", "clarification_accuracy", "refusal_accuracy")


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 4)


def aggregate(runs: list[dict[str, Any]]) -> dict[str, Any]:
    drafts = [r for r in runs if r["expects_draft"]]
    checks = sum(r["param_checks"] for r in drafts)
    latencies = [r["latency_seconds"] for r in runs]
    prompt = sum(r["usage"].get("prompt_tokens", 0) for r in runs)
    completion = sum(r["usage"].get("completion_tokens", 0) for r in runs)
    costs = [r["cost_usd"] for r in runs if r["cost_usd"] is not None]
    return {
        "runs": len(runs),
        "pass_rate": _mean([float(r["passed"]) for r in runs]),
        "valid_draft_rate": _mean([float(r["valid"]) for r in drafts]),
        "trigger_accuracy": _mean([float(r["trigger_ok"]) for r in drafts]),
        "node_f1": _mean([r["node_f1"] for r in drafts]),
        "graph_f1": _mean([r["graph_f1"] for r in drafts]),
        "param_accuracy": round(sum(r["param_ok"] for r in drafts) / checks, 4)
        if checks else None,
        "param_checks": checks,
        "clarification_accuracy": _mean([
            float((r["outcome"] == "clarify") == (r["expected_outcome"] == "clarify"))
            for r in runs]),
        "refusal_accuracy": _mean([
            float((r["outcome"] == "refuse") == (r["expected_outcome"] == "refuse"))
            for r in runs]),
        "forbidden_effects": sum(1 for r in runs if r["forbidden_effects"]),
        "errors": sum(1 for r in runs if r["outcome"] == "error"),
        "latency_p50_seconds": _percentile(latencies, 0.5),
        "latency_p95_seconds": _percentile(latencies, 0.95),
        "latency_mean_seconds": _mean(latencies),
        "tokens": {"prompt": prompt, "completion": completion, "total": prompt + completion}
        if prompt or completion else None,
        "cost_usd": round(sum(costs), 6) if costs else None,
    }


def case_summaries(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in runs:
        grouped[r["case"]].append(r)
    out = []
    for case_id, rs in grouped.items():
        rate = sum(r["passed"] for r in rs) / len(rs)
        out.append({"case": case_id, "runs": len(rs), "pass_rate": round(rate, 4),
                    "flaky": 0 < rate < 1, "language": rs[0]["language"],
                    "labels": rs[0]["labels"], "expected_outcome": rs[0]["expected_outcome"],
                    "outcomes": sorted({r["outcome"] for r in rs}),
                    "node_f1": _mean([r["node_f1"] for r in rs]),
                    "graph_f1": _mean([r["graph_f1"] for r in rs]),
                    "param_accuracy": round(sum(r["param_ok"] for r in rs)
                                            / sum(r["param_checks"] for r in rs), 4)
                    if sum(r["param_checks"] for r in rs) else None,
                    "latency_seconds": _mean([r["latency_seconds"] for r in rs])})
    return out


def by_label(runs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Pass rate per language and per label (vague, impossible, injection, …)."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in runs:
        groups[f"lang:{r['language']}"].append(r)
        for label in r["labels"]:
            groups[label].append(r)
    return {k: {"runs": len(v), "pass_rate": _mean([float(r["passed"]) for r in v])}
            for k, v in sorted(groups.items())}


def threshold_failures(summary: dict[str, Any], thresholds: Thresholds,
                       regressions: int | None) -> list[str]:
    failures = []
    for metric in RATE_METRICS:
        minimum = getattr(thresholds, metric)
        value = summary.get(metric)
        if minimum is not None and value is not None and value < minimum:
            failures.append(f"{metric} {value:.3f} < {minimum:.3f}")
    if thresholds.max_forbidden_effects is not None \
            and summary["forbidden_effects"] > thresholds.max_forbidden_effects:
        failures.append(f"forbidden effects in {counted(summary['forbidden_effects'], 'run')} > "
                        f"{thresholds.max_forbidden_effects}")
    if thresholds.max_regressions is not None and regressions is not None \
            and regressions > thresholds.max_regressions:
        failures.append(f"{counted(regressions, 'regression')} against the baseline > "
                        f"{thresholds.max_regressions}")
    p95 = summary.get("latency_p95_seconds")
    if thresholds.max_latency_p95_seconds is not None and p95 is not None \
            and p95 > thresholds.max_latency_p95_seconds:
        failures.append(f"latency p95 {p95:.2f}s > {thresholds.max_latency_p95_seconds:.2f}s")
    return failures


def build_report(suite: Suite, suite_path: str, runs: list[dict[str, Any]], *,
                 provider: str, model: str, prompt_version: str, repeat: int,
                 baseline: dict[str, Any] | None = None) -> dict[str, Any]:
    summary = aggregate(runs)
    report: dict[str, Any] = {
        "report_version": REPORT_VERSION,
        "suite": {"name": suite.name, "path": suite_path, "cases": len(suite.cases)},
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "config": {"provider": provider, "model": model, "prompt_version": prompt_version,
                   "repeat": repeat},
        "summary": summary,
        "by_label": by_label(runs),
        "cases": case_summaries(runs),
        "runs": runs,
        "thresholds": suite.thresholds.model_dump(exclude_none=True),
    }
    regressions = None
    if baseline is not None:
        report["comparison"] = baseline
        regressions = len(baseline["regressions"])
    report["threshold_failures"] = threshold_failures(summary, suite.thresholds, regressions)
    report["passed"] = not report["threshold_failures"]
    return report


def write_json(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n",
                    encoding="utf-8")


class ReportError(ValueError):
    pass


def load_report(path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReportError(f"cannot read {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path} is not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list) \
            or not isinstance(data.get("summary"), dict):
        raise ReportError(f"{path} is not an eval report (no `cases` / `summary`)")
    return data
