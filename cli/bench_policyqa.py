"""`policydesk bench policyqa`: retrieval hit@B on PolicyQA vs plain LangChain (evals/policyqa.py)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from policydesk.cli.common import console, friendly_errors, make_settings, staged_progress


def register(bench_app: typer.Typer) -> None:
    bench_app.command("policyqa")(policyqa)


TARGET_RATIO, TARGET_FLOOR = 1.15, 0.50


@friendly_errors
def policyqa(
    squad: Path = typer.Argument(..., help="A SQuAD 1.1 JSON file, e.g. ../shared/benchmarks/policyqa/dev.json."),
    out: Path = typer.Option(None, "--out", help="Write the figures as JSON here."),
    limit: int = typer.Option(None, "--limit", help="Score a deterministic sample of N questions (quick runs)."),
) -> None:
    """Answer-span hit within 1000/2000/4000 characters of retrieved context, policydesk vs LangChain."""
    from policydesk.evals.policyqa import run_policyqa

    settings = make_settings()
    with staged_progress() as on_progress:
        result = run_policyqa(squad, settings, limit=limit, progress=on_progress)

    table = Table("pipeline", *result.policydesk.keys(), title=f"PolicyQA · {result.n_questions} questions · {result.n_policies} policies · {result.seconds:.0f}s")
    for name, rates in (("policydesk", result.policydesk), ("LangChain baseline", result.langchain_baseline)):
        table.add_row(name, *(f"{v:.3f}" for v in rates.values()))
    console.print(table)
    ratio = result.ratio_hit2000
    hit2000 = result.policydesk.get("hit@2000")
    if ratio is not None and hit2000 is not None:
        ok = ratio >= TARGET_RATIO and hit2000 >= TARGET_FLOOR
        console.print(
            f"hit@2000 policydesk / baseline = {ratio:.2f}x (target >= {TARGET_RATIO}x and >= {TARGET_FLOOR}): "
            + ("[green]met[/]" if ok else "[yellow]not met[/]"),
            highlight=False,
        )
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
        console.print(f"wrote {out}", highlight=False)
