"""`policydesk ingest` and `policydesk sources`."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from policydesk.cli.common import (
    ChromaUrlOpt,
    CollectionOpt,
    StoreOpt,
    console,
    err_console,
    friendly_errors,
    make_settings,
    staged_progress,
)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("sources")(sources)


@friendly_errors
def ingest(
    paths: list[Path] = typer.Argument(..., help="Policy files or folders (.md, .pdf, .html, .htm, .txt)."),
    store: Path = StoreOpt,
    collection: str = CollectionOpt,
    chroma_url: str = ChromaUrlOpt,
) -> None:
    """Index policy documents; re-running only does the work that changed."""
    from policydesk.ingest.pipeline import ingest_paths

    settings = make_settings(store=store, collection=collection, chroma_url=chroma_url)
    with staged_progress({"load": "Reading documents", "embed": "Embedding chunks"}) as on_progress:
        report = ingest_paths(paths, settings, progress=on_progress)

    for path, reason in report.skipped:
        err_console.print(f"skipped {path}: {reason}", highlight=False, soft_wrap=True)
    for path, reason in report.failed:
        err_console.print(f"ERROR {path}: {reason}", style="red", highlight=False, soft_wrap=True)
    for path, what in report.warnings:
        err_console.print(f"WARN {path}: {what}", style="yellow", highlight=False, soft_wrap=True)
    for notice in report.notices:
        err_console.print(f"note: {notice}", highlight=False, soft_wrap=True)
    console.print(
        f"documents {report.documents} ({len(report.ingested)} new or changed, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed) · chunks {report.chunks} ({report.embedded} embedded) · "
        f"skipped {len(report.skipped)} · failed {len(report.failed)} · {report.seconds:.1f}s",
        highlight=False,
    )
    raise typer.Exit(report.exit_code)


@friendly_errors
def sources(
    store: Path = StoreOpt,
    collection: str = CollectionOpt,
    chroma_url: str = ChromaUrlOpt,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array, one object per document."),
) -> None:
    """List ingested documents, with the versions that are superseded."""
    from policydesk.ingest.sources import list_sources

    settings = make_settings(store=store, collection=collection, chroma_url=chroma_url)
    docs = list_sources(settings)
    if as_json:
        rows = [
            {
                "source": d.source,
                "title": d.title,
                "policy_id": d.policy_id,
                "version": d.version,
                "effective_date": d.effective_date.isoformat() if d.effective_date else None,
                "chunks": d.chunks,
                "superseded": d.superseded,
                "format": d.format,
                "markets": d.markets,
                "business_line": d.business_line,
            }
            for d in docs
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("source", "title", "policy id", "version", "effective", "chunks", "superseded")
    for d in docs:
        table.add_row(
            d.source, d.title, d.policy_id, d.version or "", d.effective_date.isoformat() if d.effective_date else "",
            str(d.chunks), "yes" if d.superseded else "",
        )
    console.print(table)
