"""Shared plumbing for the CLI commands: settings from flags, one-line errors, a console."""

from __future__ import annotations

import functools
import sys
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from policydesk.core import lexicon
from policydesk.core.errors import PolicydeskError
from policydesk.core.settings import Settings, get_settings

console = Console()
err_console = Console(stderr=True)


def make_settings(**overrides) -> Settings:
    """Environment settings with the flags the user actually passed laid on top."""
    update = {k: v for k, v in overrides.items() if v is not None}
    settings = get_settings().model_copy(update=update)
    lexicon.set_cache_dir(settings.cache_dir)
    return settings


def fail(message: str, code: int = 1) -> None:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def friendly_errors(fn):
    """Turn a PolicydeskError into one line on stderr and its exit code, no traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except PolicydeskError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            err_console.print("interrupted")
            raise typer.Exit(130)

    return wrapper


StoreOpt = typer.Option(None, "--store", help="Store directory (env POLICYDESK_STORE, default ./.policydesk).")
CollectionOpt = typer.Option(None, "--collection", help="Chroma collection name (env POLICYDESK_COLLECTION).")
ChromaUrlOpt = typer.Option(None, "--chroma-url", help="Chroma server URL (env POLICYDESK_CHROMA_URL).")
ReviewerOpt = typer.Option(None, "--reviewer", help="Your name, recorded on every log row (env POLICYDESK_REVIEWER).")
LlmOpt = typer.Option(None, "--llm", help="Answer back end: extractive|openai|ollama|llamacpp (env POLICYDESK_LLM).")
ModelOpt = typer.Option(None, "--model", help="LLM model name, or GGUF path for llamacpp (env POLICYDESK_LLM_MODEL).")


@contextmanager
def staged_progress(labels: dict[str, str] | None = None):
    """A rich progress bar per stage, fed by library callbacks `progress(stage, done, total)`.

    Shown only on a terminal (stderr), so piped and CI output stays one summary line.
    """
    labels = labels or {}
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=not err_console.is_terminal,
    ) as bar:
        tasks: dict[str, int] = {}

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(labels.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield on_progress


def is_tty() -> bool:
    return sys.stderr.isatty()


__all__ = [
    "ChromaUrlOpt",
    "CollectionOpt",
    "ReviewerOpt",
    "Path",
    "StoreOpt",
    "console",
    "err_console",
    "fail",
    "friendly_errors",
    "is_tty",
    "make_settings",
    "staged_progress",
]
