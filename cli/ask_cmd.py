"""Commands of this group are registered here (see cli/main.py)."""

import typer


def register(app: typer.Typer) -> None:
    return None
