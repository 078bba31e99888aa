"""`policydesk eval`: score the assistant against a golden set (logic in policydesk.evals.evaluate)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from policydesk.cli.common import ChromaUrlOpt, CollectionOpt, LlmOpt, ModelOpt, ReviewerOpt, StoreOpt, console, err_console, friendly_errors, make_settings
from policydesk.core.calibration import DEFAULT_MIN_AUTO, DEFAULT_TARGET_PRECISION


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def summary_metrics() -> tuple[str, ...]:
    """The headline metrics minus the case count (imported on use: the report module pulls in
    numpy and the metrics, which `policydesk --help` does not need)."""
    from policydesk.evals.report import HEADLINE

    return tuple(m for m in HEADLINE if m != "n_cases")


@friendly_errors
def eval_command(
    golden: Path = typer.Argument(..., help="Golden cases, JSONL (one case a line)."),
    store: Path = StoreOpt,
    collection: str = CollectionOpt,
    chroma_url: str = ChromaUrlOpt,
    reviewer: str = ReviewerOpt,
    out: Path = typer.Option(None, "--out", help="Report directory (default runs/<timestamp>/)."),
    baseline: Path = typer.Option(None, "--baseline", help="An earlier run directory to compare with."),
    fail_under: list[str] = typer.Option(
        None, "--fail-under", help="METRIC=VALUE; exit 1 when the metric is below VALUE (repeatable)."
    ),
    llm: str = LlmOpt,
    model: str = ModelOpt,
    calibrate: bool = typer.Option(
        False, "--calibrate", help="Store the lowest auto-route threshold that reaches --target-precision in <store>/calibration.json."
    ),
    target_precision: float = typer.Option(
        DEFAULT_TARGET_PRECISION, "--target-precision", help="With --calibrate: the auto-routed precision to reach."
    ),
    min_auto: int = typer.Option(
        DEFAULT_MIN_AUTO, "--min-auto", help="With --calibrate: fewest auto-routed answers a threshold must be measured on."
    ),
) -> None:
    """Run every golden case through the same chain as `ask`; write metrics and reports; gate CI."""
    from policydesk.evals.evaluate import evaluate
    from policydesk.evals.report import fmt, fmt_delta

    settings = make_settings(store=store, collection=collection, chroma_url=chroma_url, llm=llm, llm_model=model, reviewer=reviewer)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
        console=err_console, transient=True, disable=not err_console.is_terminal,
    ) as bar:
        task = {}

        def on_start(n: int, warnings: list[str]) -> None:
            for w in warnings:
                err_console.print(f"warning: {w}", highlight=False, soft_wrap=True)
            task["id"] = bar.add_task("Evaluating", total=n)

        def on_progress(done: int, total: int, case_id: str) -> None:
            bar.update(task["id"], completed=done, description=f"Evaluating {case_id}")

        outcome = evaluate(
            golden, settings, out, baseline, fail_under, progress=on_progress, on_start=on_start,
            calibrate=calibrate, target_precision=target_precision, min_auto=min_auto,
        )

    run, m = outcome.run, outcome.run.metrics
    rate = f" · {run.meta.cases_per_s:.1f} cases/s" if run.meta.cases_per_s else ""
    table = Table(
        title=f"policydesk eval · {m['n_cases']} cases · {run.meta.backend} · {run.meta.seconds:.0f}s{rate}", show_edge=False
    )
    table.add_column("metric")
    table.add_column("value", justify="right")
    if outcome.comparison:
        table.add_column("Δ baseline", justify="right")
    deltas = {d.name: d for d in outcome.comparison.deltas} if outcome.comparison else {}
    for name in summary_metrics():
        row = [name, fmt(m.get(name), name)]
        if outcome.comparison:
            d = deltas[name]
            style = {True: "green", False: "red", None: ""}[d.better]
            row.append(f"[{style}]{fmt_delta(d.delta, name)}[/]" if style else fmt_delta(d.delta, name))
        table.add_row(*row)
    console.print(table)
    causes = ", ".join(f"{k} {v}" for k, v in run.root_causes.items() if v) or "none"
    console.print(f"failing cases {len(run.failing)} of {m['n_cases']} · root causes: {causes}", highlight=False)
    if run.meta.n_fallback:
        err_console.print(
            f"WARN {run.meta.n_fallback} of {m['n_cases']} cases were answered offline because the model was unavailable "
            "(`fallback` in metrics.json; `fallback: true` in results.jsonl)",
            highlight=False, soft_wrap=True,
        )
    if outcome.comparison:
        c = outcome.comparison
        console.print(f"vs {c.baseline_dir}: fixed {len(c.fixed)} ({', '.join(c.fixed) or '-'}) · broken {len(c.broken)} ({', '.join(c.broken) or '-'})", highlight=False, soft_wrap=True)
        if c.golden_changed:
            err_console.print("warning: the golden file changed since the baseline run", highlight=False)
    console.print(f"reports: {outcome.out_dir}/ (report.html, report.md, metrics.json, results.jsonl)", highlight=False)
    if outcome.calibration is not None:
        if outcome.calibration_path is not None:
            console.print(f"calibrated: stored {outcome.calibration.message()} in {outcome.calibration_path}", highlight=False, soft_wrap=True)
        else:
            err_console.print(f"calibration: {outcome.calibration.message()}", highlight=False, soft_wrap=True)
    for f in outcome.gate_failures:
        err_console.print(f"[bold red]fail-under:[/] {f.message()}", highlight=False)
    raise typer.Exit(outcome.exit_code)
