"""`policydesk bench annotate [--out FILE]`: rule-proposal accuracy against human-written rules."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from policydesk.cli.common import console, friendly_errors


def register(bench_app: typer.Typer) -> None:
    bench_app.command("annotate")(bench_annotate)


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


@friendly_errors
def bench_annotate(out: Path = typer.Option(None, "--out", help="Write the full report (scores, per document, misses) as JSON.")) -> None:
    """Strip the sample corpus's clause markers and score the annotator; the same on prose with truth files."""
    from policydesk.rules.bench import run_bench

    report = run_bench()
    table = Table(header_style="bold")
    for col in ("set", "rules", "proposed", "matched", "decision acc", "market F1", "condition F1"):
        table.add_column(col)
    rows = [("markdown (markers stripped)", report.markdown)] + [(f"  {d.document}", d.score) for d in report.markdown_documents]
    rows += [("prose (hand-written truth)", report.prose)] + [(f"  {d.document}", d.score) for d in report.prose_documents]
    for name, s in rows:
        table.add_row(name, str(s.rules), str(s.proposed), str(s.matched), _fmt(s.decision_accuracy), _fmt(s.market_f1), _fmt(s.condition_f1))
    console.print(table)
    if out:
        out.write_text(json.dumps(report.model_dump(mode="json"), indent=2), encoding="utf-8")
        console.print(f"wrote {out}", highlight=False)
