"""A local JSONL spool for rows the shared database could not take right now.

A moderator's answer is shown whether or not the log server is up, but an audit log must
not silently lose it: the row goes to `<store>/db-spool.jsonl` and is written on the next
write or start. Every spooled row carries a client-made key (`row_key`) and the database has
a unique index on it, so a row whose first write did reach the server before the connection
broke is not written twice. Appends and drains take an exclusive `flock`, so the threads and
processes sharing a store neither interleave lines nor drain the same row twice.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

SPOOL_FILE = "db-spool.jsonl"


def spool_path(settings) -> Path:
    return settings.store_dir / SPOOL_FILE


@contextmanager
def _locked(settings) -> Iterator[Path]:
    path = spool_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield path
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def append(settings, kind: str, record: dict) -> Path:
    """Add one row (flushed to disk before returning: it is the only copy)."""
    line = json.dumps({"kind": kind, "record": record}, ensure_ascii=False, default=str) + "\n"
    with _locked(settings) as path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
    return path


def pending(settings) -> int:
    path = spool_path(settings)
    try:
        if path.stat().st_size == 0:
            return 0
    except FileNotFoundError:
        return 0
    with open(path, encoding="utf-8") as fh:
        return sum(1 for line in fh if line.strip())


def drain(settings, write: Callable[[str, dict], None], stop_on: type[BaseException]) -> int:
    """Write spooled rows oldest first with `write(kind, record)`; keep the rest on `stop_on`.

    Returns how many rows were written. The rows not yet written are put back atomically.
    """
    if not pending(settings):
        return 0
    written = 0
    with _locked(settings) as path:
        try:
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        except FileNotFoundError:
            return 0
        rest: list[str] = []
        for i, line in enumerate(lines):
            item = json.loads(line)
            try:
                write(item["kind"], item["record"])
            except stop_on:
                rest = lines[i:]
                break
            written += 1
        tmp = path.with_suffix(".tmp")
        tmp.write_text("".join(x + "\n" for x in rest), encoding="utf-8")
        os.replace(tmp, path)
    return written
