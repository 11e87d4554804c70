"""`lumo eval run SUITE …`: run a suite, print a table, write report.json and report.html.

Exit codes: 0 thresholds met · 1 below a threshold (or too many regressions) · 2 bad input.
The agent, engine and report modules are imported inside the command, so registering this
sub-app costs `lumo serve` and the other commands nothing at start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from engine.plural import counted

eval_app = typer.Typer(help="Score the Marketing Agent on eval suites.", no_args_is_help=True)


def _console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    # A wide table even when piped, so CI logs keep one row per case.
    return Console(file=stream, width=None if stream.isatty() else 160, highlight=False)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _pct(value: Any) -> str:
    return "–" if value is None else f"{value:.3f}"


def print_tables(report: dict[str, Any], console: Console) -> None:
    changes = {r["case"]: r["change"] for r in (report.get("comparison") or {}).get("cases", [])}
    table = Table(title=f"{report['suite']['name']} — {report['config']['provider']}/"
                        f"{report['config']['model']} · {report['config']['prompt_version']}")
    for column in ("case", "lang", "outcome", "trigger", "node F1", "graph F1", "params",
                   "pass", "latency s", "vs baseline"):
        table.add_column(column, no_wrap=column == "case")
    runs: dict[str, list[dict[str, Any]]] = {}
    for r in report["runs"]:
        runs.setdefault(r["case"], []).append(r)
    for case in report["cases"]:
        rs = runs[case["case"]]
        last = rs[-1]
        outcome = ",".join(case["outcomes"])
        if outcome != case["expected_outcome"]:
            outcome += f" (want {case['expected_outcome']})"
        trigger = "–" if not last["expects_draft"] else ("ok" if last["trigger_ok"] else "✗")
        params = "–" if not last["param_checks"] else \
            f"{sum(r['param_ok'] for r in rs)}/{sum(r['param_checks'] for r in rs)}"
        rate = case["pass_rate"]
        mark = "[green]pass[/]" if rate == 1 else "[red]fail[/]" if rate == 0 \
            else f"[yellow]{rate:.0%} flaky[/]"
        change = changes.get(case["case"], "")
        change = {"regression": "[red]regression[/]",
                  "improvement": "[green]improvement[/]"}.get(change, change)
        table.add_row(case["case"], case["language"], outcome, trigger,
                      _pct(case["node_f1"]) if last["expects_draft"] else "–",
                      _pct(case["graph_f1"]) if last["expects_draft"] else "–", params, mark,
                      f"{case['latency_seconds']:.3f}", change)
    console.print(table)
    s = report["summary"]
    thresholds = report["thresholds"]
    summary = Table(title="Summary")
    summary.add_column("metric")
    summary.add_column("value", justify="right")
    summary.add_column("threshold", justify="right")
    for key in ("pass_rate", "valid_draft_rate", "trigger_accuracy", "node_f1", "graph_f1",
                "param_accuracy", "clarification_accuracy", "refusal_accuracy"):
        summary.add_row(key, _pct(s[key]), _pct(thresholds.get(key)) if key in thresholds
                        else "")
    summary.add_row("forbidden_effects (runs)", str(s["forbidden_effects"]),
                    str(thresholds.get("max_forbidden_effects", "")))
    summary.add_row("errors (runs)", str(s["errors"]), "")
    summary.add_row("latency p50 / p95 s", f"{_pct(s['latency_p50_seconds'])} / "
                                            f"{_pct(s['latency_p95_seconds'])}", "")
    tokens = s.get("tokens")
    summary.add_row("tokens (prompt / completion)",
                    f"{tokens['prompt']} / {tokens['completion']}" if tokens else "not reported",
                    "")
    summary.add_row("cost USD", "–" if s.get("cost_usd") is None else f"{s['cost_usd']:.6f}", "")
    flaky = [c["case"] for c in report["cases"] if c["flaky"]]
    if report["config"]["repeat"] > 1:
        summary.add_row("flaky cases", str(len(flaky)), "")
    comparison = report.get("comparison")
    if comparison:
        summary.add_row("regressions / improvements",
                        f"{len(comparison['regressions'])} / "
                        f"{len(comparison['improvements'])}",
                        str(thresholds.get("max_regressions", "")))
    console.print(summary)
    labels = Table(title="Pass rate by language and label")
    labels.add_column("group")
    labels.add_column("runs", justify="right")
    labels.add_column("pass rate", justify="right")
    for key, value in report["by_label"].items():
        labels.add_row(key, str(value["runs"]), _pct(value["pass_rate"]))
    console.print(labels)


@eval_app.command("run")
def run(
    suite_path: Annotated[Path, typer.Argument(metavar="SUITE", help="Suite YAML file.")],
    provider: Annotated[str, typer.Option(
        help="offline, openai (OPENAI_API_KEY, OPENAI_BASE_URL), or module:factory.")
    ] = "offline",
    model: Annotated[str | None, typer.Option(help="Model name (openai).")] = None,
    prompt: Annotated[str | None, typer.Option(
        help="System prompt version (default: the newest under prompts/).")] = None,
    baseline: Annotated[Path | None, typer.Option(
        help="An earlier report.json: mark regressions and improvements per case.")] = None,
    repeat: Annotated[int, typer.Option(min=1, max=50, help="Runs per case.")] = 1,
    concurrency: Annotated[int, typer.Option(min=1, max=32, help="Cases at a time.")] = 1,
    out: Annotated[Path | None, typer.Option(
        help="Directory for report.json and report.html (default var/evals/<suite>).")] = None,
    price_input: Annotated[float | None, typer.Option(
        min=0, help="USD per 1M prompt tokens (default: list price of known models).")] = None,
    price_output: Annotated[float | None, typer.Option(
        min=0, help="USD per 1M completion tokens.")] = None,
) -> None:
    """Run every case of SUITE through the Marketing Agent and score it."""
    from agent.marketing.prompts import PromptNotFound, PromptSet
    from evals.baseline import compare
    from evals.html import write_html
    from evals.providers import ProviderChoiceError, prices_for, provider_factory
    from evals.report import ReportError, build_report, case_summaries, load_report, write_json
    from evals.runner import RunConfig, run_suite
    from evals.suite import SuiteError, load_suite

    try:
        suite = load_suite(suite_path)
    except SuiteError as exc:
        _fail(str(exc))
    try:
        factory = provider_factory(provider, model)
        prompts = PromptSet.load(prompt)
    except (ProviderChoiceError, PromptNotFound) as exc:
        _fail(str(exc))
    previous = None
    if baseline is not None:
        try:
            previous = load_report(baseline)
        except ReportError as exc:
            _fail(str(exc))
    probe = factory()
    prices = prices_for(probe.model, price_input, price_output)
    err = _console(stderr=True)
    err.print(f"Running {counted(len(suite.cases), 'case')} × {repeat} of “{suite.name}” with "
              f"{probe.name}/{probe.model}, prompt {prompts.version}, concurrency {concurrency}")

    def progress(result: dict[str, Any], done: int, total: int) -> None:
        mark = "pass" if result["passed"] else "FAIL"
        err.print(f"[{done}/{total}] {mark} {result['case']} ({result['outcome']}, "
                  f"{result['latency_seconds']:.2f}s)", markup=False)

    runs = run_suite(suite, RunConfig(provider=factory, prompts=prompts, repeat=repeat,
                                      concurrency=concurrency, prices=prices), progress)
    comparison = compare(case_summaries(runs), previous, str(baseline)) \
        if previous is not None else None
    report = build_report(suite, str(suite_path), runs, provider=probe.name, model=probe.model,
                          prompt_version=prompts.version, repeat=repeat, baseline=comparison)
    target = out or Path("var") / "evals" / suite_path.stem
    write_json(report, target / "report.json")
    write_html(report, {c.id: c.title for c in suite.cases}, target / "report.html")
    print_tables(report, _console())
    typer.echo(f"Reports: {target / 'report.json'} · {target / 'report.html'}")
    if not report["passed"]:
        typer.echo("Below thresholds: " + "; ".join(report["threshold_failures"]), err=True)
        raise typer.Exit(1)
    typer.echo("All thresholds met.")
