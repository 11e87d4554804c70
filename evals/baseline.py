"""Comparing a run with a baseline report, case by case.

A case regresses when its pass rate drops, or — pass rate unchanged — when its quality score
(mean of node F1, graph F1 and parameter accuracy) drops by more than EPSILON; improvements
mirror that. Cases new to this run or missing from it are listed, not judged.
"""

from __future__ import annotations

from typing import Any

EPSILON = 0.005


def quality(case: dict[str, Any]) -> float:
    parts = [case.get(k) for k in ("node_f1", "graph_f1", "param_accuracy")]
    values = [float(p) for p in parts if p is not None]
    return sum(values) / len(values) if values else 0.0


def compare(current: list[dict[str, Any]], baseline: dict[str, Any],
            baseline_path: str = "") -> dict[str, Any]:
    before = {c["case"]: c for c in baseline.get("cases", []) if isinstance(c, dict)}
    now = {c["case"]: c for c in current}
    rows: list[dict[str, Any]] = []
    for case_id, case in now.items():
        old = before.get(case_id)
        if old is None:
            rows.append({"case": case_id, "change": "new"})
            continue
        delta_pass = round(case["pass_rate"] - float(old.get("pass_rate", 0)), 4)
        delta_quality = round(quality(case) - quality(old), 4)
        if delta_pass < 0 or (delta_pass == 0 and delta_quality < -EPSILON):
            change = "regression"
        elif delta_pass > 0 or (delta_pass == 0 and delta_quality > EPSILON):
            change = "improvement"
        else:
            change = "same"
        rows.append({"case": case_id, "change": change,
                     "pass_rate": case["pass_rate"], "baseline_pass_rate": old.get("pass_rate"),
                     "quality": round(quality(case), 4),
                     "baseline_quality": round(quality(old), 4)})
    removed = sorted(set(before) - set(now))
    return {"baseline": baseline_path,
            "baseline_config": baseline.get("config"),
            "baseline_summary": baseline.get("summary"),
            "cases": rows,
            "regressions": [r["case"] for r in rows if r["change"] == "regression"],
            "improvements": [r["case"] for r in rows if r["change"] == "improvement"],
            "new": [r["case"] for r in rows if r["change"] == "new"],
            "removed": removed}
