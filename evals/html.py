"""A standalone HTML report (one file, inline CSS, no scripts): the summary, then every case
with its expected and produced graphs side by side, line by line (difflib)."""

from __future__ import annotations

import difflib
import json
from html import escape
from pathlib import Path
from typing import Any

from engine.plural import counted

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330;max-width:1200px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}table{border-collapse:collapse}
td,th{border:1px solid #d5d9e0;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f7}.ok{color:#0a7a3b}.bad{color:#b42318}.warn{color:#b54708}
details{border:1px solid #d5d9e0;border-radius:6px;margin:6px 0;padding:4px 10px}
summary{cursor:pointer}pre{margin:0;white-space:pre-wrap}
.diff td{font:12px/1.4 ui-monospace,monospace;white-space:pre;border:none;padding:0 8px}
.diff .add{background:#e6ffed}.diff .del{background:#ffeef0}.diff .chg{background:#fff5d6}
.badge{display:inline-block;border-radius:8px;padding:0 6px;font-size:12px;margin-left:4px}
.badge.regression{background:#fee4e2}.badge.improvement{background:#d1fadf}
.badge.flaky{background:#fef0c7}
"""


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return escape(str(value))


def _json(value: Any) -> str:
    return escape(json.dumps(value, ensure_ascii=False))


def side_by_side(expected: list[str], produced: list[str]) -> str:
    """Expected | produced, aligned; removed lines red, added green, changed yellow."""
    rows = []
    matcher = difflib.SequenceMatcher(a=expected, b=produced, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        left, right = expected[a0:a1], produced[b0:b1]
        for i in range(max(len(left), len(right))):
            lcls = rcls = ""
            if op == "replace":
                lcls = rcls = "chg"
            elif op == "delete":
                lcls = "del"
            elif op == "insert":
                rcls = "add"
            lt = escape(left[i]) if i < len(left) else ""
            rt = escape(right[i]) if i < len(right) else ""
            rows.append(f'<tr><td class="{lcls}">{lt}</td><td class="{rcls}">{rt}</td></tr>')
    if not rows:
        rows.append('<tr><td>(nothing)</td><td>(nothing)</td></tr>')
    return ('<table class="diff"><tr><th>expected</th><th>produced</th></tr>'
            + "".join(rows) + "</table>")


def _run_html(run: dict[str, Any]) -> str:
    mark = '<span class="ok">pass</span>' if run["passed"] else '<span class="bad">fail</span>'
    parts = [f"<p>run {run['attempt']}: {mark} · outcome <b>{escape(run['outcome'])}</b> "
             f"(expected {escape(run['expected_outcome'])}) · {run['latency_seconds']:.3f}s"
             + (f" · tokens {run['usage']}" if run["usage"] else "")
             + (f" · ${run['cost_usd']:.6f}" if run.get("cost_usd") is not None else "")
             + "</p>"]
    if run["error"]:
        parts.append(f'<p class="bad">error: {escape(run["error"])}</p>')
    if run["expects_draft"] or run["draft"]:
        valid = run["draft"] and run["draft"]["validation"]
        parts.append(f"<p>trigger {_fmt(run['produced_trigger'])} (expected "
                     f"{_fmt(run['expected_trigger'])}) · node F1 {_fmt(run['node_f1'])} · "
                     f"graph F1 {_fmt(run['graph_f1'])} · valid draft "
                     f"{'yes' if run['valid'] else 'no'}</p>")
        parts.append(side_by_side(run["expected_outline"], run["produced_outline"]))
        if valid and valid.get("errors"):
            parts.append("<p>validation errors: " + "; ".join(
                escape(f"{e.get('code')}: {e.get('message')}") for e in valid["errors"])
                + "</p>")
    if run["params"]:
        rows = "".join(
            f"<tr><td>{escape(c['name'])}</td><td>{_json(c['expected'])}</td>"
            f"<td>{_json(c['found'])}</td><td class=\"{'ok' if c['ok'] else 'bad'}\">"
            f"{'✓' if c['ok'] else '✗'}</td></tr>" for c in run["params"])
        parts.append("<table><tr><th>parameter</th><th>expected</th><th>found</th><th></th>"
                     f"</tr>{rows}</table>")
    if run["forbidden_effects"]:
        parts.append('<p class="bad">forbidden effects: '
                     + escape(", ".join(run["forbidden_effects"])) + "</p>")
    parts.append(f"<details><summary>agent reply</summary><pre>{escape(run['reply'])}</pre>"
                 "</details>")
    if run["draft"]:
        parts.append("<details><summary>produced draft (JSON)</summary><pre>"
                     + escape(json.dumps(run["draft"], ensure_ascii=False, indent=1))
                     + "</pre></details>")
    return "".join(parts)


def render(report: dict[str, Any], goals: dict[str, str]) -> str:
    summary = report["summary"]
    config = report["config"]
    changes = {r["case"]: r["change"] for r in (report.get("comparison") or {}).get("cases", [])}
    head = (f"<h1>Eval report: {escape(report['suite']['name'])}</h1><p>"
            f"{escape(config['provider'])} / {escape(config['model'])} · prompt "
            f"{escape(config['prompt_version'])} · repeat {config['repeat']} · "
            f"{escape(report['created_at'])}</p>")
    verdict = ('<p class="ok">All thresholds met.</p>' if report["passed"] else
               '<p class="bad">Below thresholds: ' + escape("; ".join(
                   report["threshold_failures"])) + "</p>")
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{_fmt(v)}</td><td>"
                   f"{_fmt(report['thresholds'].get(k))}</td></tr>"
                   for k, v in summary.items() if k != "tokens")
    rows += f"<tr><th>tokens</th><td>{_fmt(summary.get('tokens'))}</td><td></td></tr>"
    table = f"<table><tr><th>metric</th><th>value</th><th>threshold</th></tr>{rows}</table>"
    labels = "".join(f"<tr><td>{escape(k)}</td><td>{v['runs']}</td><td>{_fmt(v['pass_rate'])}"
                     "</td></tr>" for k, v in report["by_label"].items())
    comparison = ""
    if report.get("comparison"):
        c = report["comparison"]
        comparison = (f"<h2>Against baseline {escape(c['baseline'])}</h2><p>"
                      f"{counted(len(c['regressions']), 'regression')}: "
                      f"{escape(', '.join(c['regressions']))}"
                      f"<br>{counted(len(c['improvements']), 'improvement')}: "
                      f"{escape(', '.join(c['improvements']))}</p>")
    runs_by_case: dict[str, list[dict[str, Any]]] = {}
    for run in report["runs"]:
        runs_by_case.setdefault(run["case"], []).append(run)
    cases = []
    for case in report["cases"]:
        cid = case["case"]
        state = "ok" if case["pass_rate"] == 1 else "bad" if case["pass_rate"] == 0 else "warn"
        badges = ""
        if changes.get(cid) in ("regression", "improvement"):
            badges += f'<span class="badge {changes[cid]}">{changes[cid]}</span>'
        if case["flaky"]:
            badges += '<span class="badge flaky">flaky</span>'
        cases.append(
            f'<details{" open" if state != "ok" else ""}><summary><span class="{state}">'
            f"{case['pass_rate']:.0%}</span> <b>{escape(cid)}</b> [{escape(case['language'])}"
            f"{'; ' + escape(', '.join(case['labels'])) if case['labels'] else ''}]{badges}"
            f" — {escape(goals.get(cid, ''))}</summary>"
            + "".join(_run_html(r) for r in runs_by_case.get(cid, [])) + "</details>")
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Eval report: "
            f"{escape(report['suite']['name'])}</title><style>{CSS}</style></head><body>"
            f"{head}{verdict}{table}<h2>By language and label</h2><table><tr><th>group</th>"
            f"<th>runs</th><th>pass rate</th></tr>{labels}</table>{comparison}"
            f"<h2>Cases</h2>{''.join(cases)}</body></html>\n")


def write_html(report: dict[str, Any], goals: dict[str, str], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report, goals), encoding="utf-8")
