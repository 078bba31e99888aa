"""Entry point: registers each command group from its own module (split by group, not one file)."""

from __future__ import annotations

import typer

from policydesk.cli import ask_cmd, bench_cmd, eval_cmd, ingest_cmd, rules_cmd, ui_cmd

app = typer.Typer(
    name="policydesk",
    help="Policy guidance for moderators: ingest policies, ask for cited verdicts, evaluate, review coverage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (ingest_cmd, ask_cmd, eval_cmd, ui_cmd, rules_cmd, bench_cmd):
    module.register(app)


if __name__ == "__main__":  # pragma: no cover
    app()
