"""`policydesk annotate` and `policydesk lint`: thin shells over policydesk.rules."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from policydesk.cli.common import console, err_console, friendly_errors


def register(app: typer.Typer) -> None:
    app.command("annotate")(annotate)
    app.command("lint")(lint)


@friendly_errors
def annotate(
    paths: list[Path] = typer.Argument(..., help="Policy documents or folders."),
    write: bool = typer.Option(False, "--write", help="Create or update <file>.rules.yaml beside each document."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array, one object per rule."),
    llm: str = typer.Option(None, "--llm", help="Let a model propose too: openai|ollama|llamacpp (validated like offline rules)."),
    model: str = typer.Option(None, "--model", help="LLM model name, or GGUF path for llamacpp (env POLICYDESK_LLM_MODEL)."),
) -> None:
    """Propose machine-executable rules from policy prose (offline; writers confirm them in sidecars)."""
    from policydesk.rules.annotate import annotate_paths
    from policydesk.rules.sidecar_write import write_sidecar

    reports = []
    if llm and llm.strip().lower() != "extractive":
        from policydesk.cli.common import make_settings
        from policydesk.rules.annotate_llm import annotate_paths_llm

        results, reports, failed = annotate_paths_llm(paths, make_settings(llm=llm, llm_model=model))
    else:
        results, failed = annotate_paths(paths)
    _print_failed(failed)
    written = [(r, write_sidecar(r)) for r in results] if write else []
    if as_json:
        typer.echo(json.dumps([a.to_json() for r in results for a in r.rules], ensure_ascii=False, indent=2))
        raise typer.Exit(2 if failed else 0)
    table = Table(show_lines=False, header_style="bold")
    for col in ("source", "id", "decision", "markets", "except", "scope", "conditions", "conf", "status", "quote"):
        table.add_column(col, overflow="fold")
    for r in results:
        for a in r.rules:
            x = a.rule
            table.add_row(
                a.source, x.id, x.decision, ",".join(x.markets) or "all", ",".join(x.except_markets),
                ", ".join(x.scope) + (f" (overrides {x.overrides})" if x.overrides else ""), "; ".join(x.conditions),
                f"{x.confidence:.2f}", x.status, x.quote if len(x.quote) <= 90 else x.quote[:87] + "...",
            )
    console.print(table)
    for r, path in written:
        console.print(f"wrote {path}: {len(r.new_ids)} new, {len(r.stale_ids)} stale", highlight=False)
    if reports:
        added = sum(len(p.rules) for p in reports)
        dropped = sum(len(p.dropped) for p in reports)
        cleaned = sum(len(p.cleaned) for p in reports)
        console.print(f"model: {added} rules kept, {dropped} proposals dropped by validation, {cleaned} fields removed", highlight=False)
    raise typer.Exit(2 if failed else 0)


def _print_failed(failed: list[tuple[str, str]]) -> None:
    """One `ERROR <path>: <reason>` line on stderr per file that would not load, as ingest does."""
    for path, reason in failed:
        err_console.print(f"ERROR {path}: {reason}", style="red", highlight=False, soft_wrap=True)


@friendly_errors
def lint(
    paths: list[Path] = typer.Argument(..., help="Policy documents, sidecars or folders."),
    as_json: bool = typer.Option(False, "--json", help="Print problems as a JSON array."),
) -> None:
    """Check policies and their rule sidecars: one line per problem, exit 1 when any, 2 for unreadable input."""
    from policydesk.rules.lint import lint_paths

    report = lint_paths(paths)
    _print_failed(report.failed)
    if as_json:
        typer.echo(json.dumps([p.model_dump() for p in report.problems], indent=2))
    else:
        for p in report.problems:
            if p.kind != "unreadable":  # named once, on its ERROR line
                typer.echo(str(p))
        typer.echo(report.summary(), err=bool(report.problems))
    raise typer.Exit(report.exit_code)
