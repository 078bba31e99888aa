"""`policydesk bench cold`: a cold `policydesk ask` against a plain LangChain script (evals/perf_cold.py)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from policydesk.cli.common import console, err_console, friendly_errors


def register(bench_app: typer.Typer) -> None:
    bench_app.command("cold")(cold)


@friendly_errors
def cold(
    store: Path = typer.Option(None, "--store", help="policydesk store to ask (default: ingest corpus/ into a temp store)."),
    langchain_store: Path = typer.Option(None, "--langchain-store", help="Persisted LangChain Chroma dir (default: built from corpus/)."),
    question: str = typer.Option(None, "--question", help="The question both sides answer."),
    repeats: int = typer.Option(5, "--repeats", min=1, help="Timed cold runs of each command."),
    out: Path = typer.Option(None, "--out", help="Write the figures as JSON here."),
) -> None:
    """Time a first question in a new process: `policydesk ask` vs HuggingFaceEmbeddings + Chroma."""
    from policydesk.evals.perf_cold import DEFAULT_QUESTION, run_cold

    result = run_cold(
        store=store, langchain_store=langchain_store, question=question or DEFAULT_QUESTION, repeats=repeats,
        log=lambda m: err_console.print(m, highlight=False),
    )  # fmt: skip
    table = Table("command (new process each run)", "median s", "min s", "median CPU s", "runs s", title="policydesk bench cold")
    for t in (result.policydesk_ask, result.langchain_script, *result.light):
        table.add_row(t.command, f"{t.median_s:.2f}", f"{t.min_s:.2f}", f"{t.median_cpu_s:.2f}", " ".join(f"{s:.2f}" for s in t.seconds))
    console.print(table)
    verdict = "[green]PASS[/]" if result.passed else "[red]MISS[/]"
    console.print(
        f"cold ask / LangChain script (medians): {result.ratio_median:.3f} (target {result.target}) {verdict}, "
        f"by CPU time {result.ratio_median_cpu:.3f} · "
        f"load {result.load_avg_at_start} -> {result.load_avg_at_end}",
        highlight=False,
    )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result.model_dump(mode="json"), indent=2) + "\n")
        console.print(f"wrote {out}", highlight=False)
