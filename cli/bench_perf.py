"""Registers one `policydesk bench` sub-command (see cli/bench_cmd.py)."""

import typer


def register(bench_app: typer.Typer) -> None:
    return None
