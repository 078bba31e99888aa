"""`policydesk ask`: parse flags, call `assistant.chain.ask`, render the Answer.

With a question: one answer (`--json` prints exactly `Answer.to_json()`). Without one, on a
terminal: an interactive session that keeps the conversation, so follow-ups ("and in
Germany?") work; with piped input: one answer per non-empty line.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import typer
from rich.markup import escape
from rich.panel import Panel

from policydesk.cli.common import (
    ChromaUrlOpt,
    CollectionOpt,
    LlmOpt,
    ModelOpt,
    Path,
    ReviewerOpt,
    StoreOpt,
    console,
    err_console,
    friendly_errors,
    make_settings,
)
from policydesk.core.errors import InputError
from policydesk.core.types import Answer, Filters

BADGE = {
    "approve": "[bold white on green] APPROVE [/]",
    "restrict": "[bold black on yellow] RESTRICT [/]",
    "reject": "[bold white on red] REJECT [/]",
    "escalate": "[bold white on blue] ESCALATE [/]",
}
ROUTE_BADGE = {"auto": "[bold white on green] AUTO [/]", "review": "[bold black on white] REVIEW [/]"}


def parse_as_of(value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"invalid --as-of {value!r}: use a date as YYYY-MM-DD, e.g. --as-of 2025-01-31") from None


def render(answer: Answer, why: bool = False, threshold: float | None = None) -> None:
    """A readable answer: badge, source of the verdict, route, text, why, then the citations under it.
    `threshold`: the store's auto threshold the answer was routed by (None: not calibrated)."""
    from policydesk.assistant.why import why_lines
    from policydesk.core.calibration import route_reason

    src = {"declared": "declared in the policy", "inferred": "inferred from the wording", "none": "no guidance found"}
    console.print(f"{BADGE[answer.verdict]}  [dim]verdict {src[answer.verdict_source]} · {answer.latency_ms:.0f} ms[/]")
    console.print(
        f"{ROUTE_BADGE[answer.route]}  [dim]route {answer.route} · confidence {answer.confidence:.2f} · {escape(route_reason(answer, threshold))}[/]",
        highlight=False,
    )
    console.print(escape(answer.answer), highlight=False)
    if why:
        console.print("[bold]Why this verdict[/]")
        for line in why_lines(answer):
            console.print("  " + escape(line), highlight=False, soft_wrap=True)
    elif answer.trace is not None and answer.trace.reason:
        console.print(f"[bold]Why:[/] {escape(answer.trace.reason)}", highlight=False, soft_wrap=True)
    if answer.conditions:
        console.print("[bold]Conditions[/]")
        for c in answer.conditions:
            console.print(f"  • {escape(c)}", highlight=False)
    for c in answer.citations:
        where = " · ".join(
            x
            for x in (
                c.source,
                c.section or None,
                c.clause_id,
                f"p. {c.page}" if c.page else None,
                f"v{c.version}" if c.version else None,
            )
            if x
        )
        console.print(Panel(escape(c.quote), title=f"[{c.n}] {escape(where)}", title_align="left", expand=False))
    if answer.filters:
        console.print("[dim]filters: " + ", ".join(f"{k}={v}" for k, v in answer.filters.items()) + "[/]")
    for w in answer.warnings:
        console.print(f"[dim]note: {escape(w)}[/]", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command("ask")
    @friendly_errors
    def ask_command(
        question: str = typer.Argument(None, help="The question, e.g. \"Can we advertise beer in Germany?\""),
        market: str = typer.Option(None, "--market", help="Market code (ISO 3166, e.g. DE); chunks for it, global or unset match."),
        business_line: str = typer.Option(None, "--business-line", help="Business line, e.g. ads, commerce, creators."),
        as_of: str = typer.Option(None, "--as-of", help="Use the policy versions in force on this date (YYYY-MM-DD); default today."),
        store: Path = StoreOpt,
        collection: str = CollectionOpt,
        chroma_url: str = ChromaUrlOpt,
        reviewer: str = ReviewerOpt,
        as_json: bool = typer.Option(False, "--json", help="Print the answer as one JSON object (the ask contract)."),
        why: bool = typer.Option(False, "--why", help="Show the rules considered and each condition checked (kind, requirement, fact, result, [n])."),
        llm: str = LlmOpt,
        model: str = ModelOpt,
    ) -> None:
        """Ask a policy question; get a verdict, a short answer and cited policy text."""
        from policydesk.core.embedding import warm_encoder

        filters = Filters(market=market.upper() if market else None, business_line=business_line, as_of=parse_as_of(as_of))
        settings = make_settings(store=store, collection=collection, chroma_url=chroma_url, llm=llm, llm_model=model, reviewer=reviewer)
        warm_encoder(settings, question)  # loads the encoder while the imports below run
        # Imported here, not at module level: `policydesk --help` and the other commands should
        # not pay for the chain or the calibration reader. The log write takes SQLAlchemy's
        # path (core/querylog.py) only when the plain sqlite3 append cannot do it.
        from policydesk.assistant.chain import ask
        from policydesk.core import querylog_sqlite as querylog
        from policydesk.core.calibration import auto_threshold

        def one(q: str, history: list[tuple[str, str]]) -> Answer:
            answer = ask(q, filters=filters, settings=settings, history=history)
            if as_json:
                typer.echo(json.dumps(answer.to_json(), ensure_ascii=False))
            else:
                render(answer, why=why, threshold=auto_threshold(settings))
            try:
                querylog.log_answer(settings, answer, session_id="cli")  # audit log (issue 6): every answer, after it is shown
            except querylog.LogDeferred as exc:  # the database is down: the row is spooled, the answer stands
                err_console.print(f"warning: {exc}", highlight=False, soft_wrap=True)
            return answer

        if question is not None:
            one(question, [])
            return
        if sys.stdin.isatty():
            _interactive(one)
            return
        for line in sys.stdin:
            if line.strip():
                one(line.strip(), [])


def _interactive(one) -> None:
    """A conversation on the terminal; errors on one question do not end the session."""
    from policydesk.core.errors import PolicydeskError

    console.print("[dim]Ask about an ad or listing; follow-ups like \"and in Germany?\" work. Empty line or Ctrl-D to quit.[/]")
    history: list[tuple[str, str]] = []
    while True:
        try:
            q = console.input("[bold]question>[/] ").strip()
        except EOFError:
            break
        if not q or q.lower() in ("quit", "exit", ":q"):
            break
        try:
            answer = one(q, history)
        except InputError as exc:
            console.print(f"[red]{escape(str(exc))}[/]")
            continue
        except PolicydeskError:
            raise
        history.append((q, answer.answer))
