"""`policydesk ui`, `policydesk log` and `policydesk coverage`: thin shells over ui/, querylog, coverage."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

import typer
from rich.table import Table

from policydesk.cli.common import ChromaUrlOpt, LlmOpt, ModelOpt, StoreOpt, console, err_console, friendly_errors, make_settings
from policydesk.core.errors import InputError


def register(app: typer.Typer) -> None:
    app.command("ui")(ui)
    app.command("log")(log)
    app.command("coverage")(coverage)


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


@friendly_errors
def ui(
    store: Path = StoreOpt,
    chroma_url: str = ChromaUrlOpt,
    port: int = typer.Option(None, "--port", help="Port to serve on (env POLICYDESK_UI_PORT, default 8501)."),
    host: str = typer.Option(None, "--host", help="Address to bind (default 127.0.0.1: this machine only)."),
    runs: Path = typer.Option(None, "--runs", help="Eval runs directory for the QA pages (default ./runs)."),
    llm: str = LlmOpt,
    model: str = ModelOpt,
) -> None:
    """Start the Streamlit app (moderator chat, QA-lead eval pages, policy-writer coverage)."""
    from policydesk.ui.nav import ENTRY

    settings = make_settings(store=store, ui_port=port, ui_host=host)
    if not _port_free(settings.ui_host, settings.ui_port):
        raise InputError(f"port {settings.ui_port} on {settings.ui_host} is in use; pass --port with a free one")
    app = ENTRY
    env = dict(os.environ)
    env["POLICYDESK_STORE"] = str(settings.store_dir.resolve())
    if chroma_url:
        env["POLICYDESK_CHROMA_URL"] = chroma_url
    if llm:  # the app reads its Settings from the environment
        env["POLICYDESK_LLM"] = llm
    if model:
        env["POLICYDESK_LLM_MODEL"] = model
    env["POLICYDESK_RUNS_DIR"] = str((runs or Path(env.get("POLICYDESK_RUNS_DIR", "runs"))).resolve())
    env.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    args = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.headless", "true",
        "--server.address", settings.ui_host,
        "--server.port", str(settings.ui_port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--theme.base", "light",
        "--client.toolbarMode", "viewer",
    ]  # fmt: skip
    err_console.print(f"policydesk ui: http://{settings.ui_host}:{settings.ui_port}  (store {env['POLICYDESK_STORE']})", highlight=False)
    sys.stderr.flush()
    # exec, so the server is this process: stopping `policydesk ui` stops Streamlit with it.
    os.execve(sys.executable, args, env)


@friendly_errors
def log(
    since: str = typer.Option(None, "--since", help="Only answers logged on or after DATE (YYYY-MM-DD, UTC)."),
    fmt: str = typer.Option("jsonl", "--format", help="csv (one row per answer, latest feedback) or jsonl (everything)."),
    store: Path = StoreOpt,
) -> None:
    """Export the query log (questions, answers, verdicts, citations, feedback) to stdout."""
    from policydesk.core import querylog

    settings = make_settings(store=store)
    if fmt not in querylog.EXPORT_FORMATS:
        raise InputError(f"--format must be csv or jsonl, not {fmt!r}")
    querylog.parse_since(since)
    if not querylog.log_exists(settings):
        raise InputError(f"no query log at {querylog.log_path(settings)}; answers are logged once someone asks with this --store")
    try:
        querylog.drain_spool(settings)  # rows kept while the database was down go in before the export
    except querylog.DatabaseUnavailableError:
        pass  # the export below reports it
    n = querylog.export_log(settings, sys.stdout, fmt, since=since)
    sys.stdout.flush()
    err_console.print(f"{n} answers exported", highlight=False)


@friendly_errors
def coverage(
    store: Path = StoreOpt,
    golden: list[Path] = typer.Option(None, "--golden", help="Golden JSONL file(s); repeat for several."),
    runs: Path = typer.Option(Path("runs"), "--runs", help="Eval runs directory; the newest run's results.jsonl is read."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole report as one JSON object."),
    out: Path = typer.Option(None, "--out", help="Write coverage.json and sections/uncovered/gaps/conflicts CSVs here."),
) -> None:
    """Which sections are tested, cited and asked about; gaps moderators hit; clauses that conflict."""
    from policydesk.evals import coverage as cov

    settings = make_settings(store=store)
    report = cov.coverage_report(settings, golden=golden or [], runs_dir=runs)
    if out:
        for path in cov.write_outputs(report, out):
            err_console.print(f"wrote {path}", highlight=False)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
        return
    _render(report, cov)


def _render(report, cov) -> None:
    counts = cov.summary_counts(report)
    share = f"{counts['coverage_share']:.0%}" if counts["coverage_share"] is not None else "n/a"
    console.print(
        f"[bold]{counts['sections']}[/] sections in force · {counts['covered']} with a golden case ({share}) · "
        f"{counts['uncovered']} uncovered · {counts['gaps']} gap groups ({counts['gap_questions']} questions) · "
        f"{counts['conflicts']} conflicts",
        highlight=False,
    )
    if report.eval_run:
        console.print(f"eval run: {report.eval_run}", highlight=False)
    t = Table(title="Uncovered sections", show_lines=False)
    for col in ("source", "clause", "section"):
        t.add_column(col, overflow="fold")
    for u in report.uncovered:
        t.add_row(u.source, u.clause_id or "", u.section or "(introduction)")
    console.print(t)
    if report.gaps:
        t = Table(title="Gaps (escalated or thumbs-down questions)")
        t.add_column("count", justify="right")
        t.add_column("question")
        t.add_column("nearest section", overflow="fold")
        for g in report.gaps:
            t.add_row(str(g.count), g.representative, g.nearest_section or "")
        console.print(t)
    if report.conflicts:
        t = Table(title="Conflicts to reconcile")
        for col in ("kind", "sim", "markets", "a", "b"):
            t.add_column(col, overflow="fold")
        for c in report.conflicts:
            t.add_row(
                c.kind, f"{c.similarity:.2f}", ",".join(c.shared_markets),
                f"{c.a.key} ({c.a.decision})", f"{c.b.key} ({c.b.decision})",
            )  # fmt: skip
        console.print(t)
    if report.unmatched_evidence:
        err_console.print(
            f"note: {len(report.unmatched_evidence)} golden evidence item(s) match no section in force "
            "(superseded version or edited quote); see unmatched_evidence in --json",
            highlight=False,
        )
