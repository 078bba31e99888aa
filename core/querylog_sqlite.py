"""A cold `policydesk ask` appends its answer to the query log with the standard library's
sqlite3 (hand-written), and leaves everything else to core/querylog.py.

Why: importing SQLAlchemy with the query-log and schema modules costs ~0.35 CPU s, more
than a tenth of a cold `policydesk ask` (issue 16), to write one row. This module does only
the common case: the default SQLite log under the store that already exists at this
release's schema (every migration of core/database.py recorded, none unknown, WAL journal)
with no spooled rows waiting. Then it issues the insert the SQLAlchemy path issues
(`INSERT ... ON CONFLICT (row_key) DO NOTHING RETURNING id`) under `BEGIN IMMEDIATE`, with
the same busy timeout. In any other case (a PostgreSQL URL, no log yet, an older or newer
schema, a spool to drain, any SQLite error) it writes nothing and `log_answer` hands the
same row (same `row_key`, so it is written once) to core/querylog.py, which creates,
migrates, retries, spools and explains as before. The schema itself stays in
core/database.py; `SCHEMA_MIGRATIONS` must list its migrations (tests/test_querylog_sqlite.py).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import datetime, timezone

from policydesk.core import spool
from policydesk.core.errors import PolicydeskError

LOG_FILE = "queries.sqlite"
BUSY_TIMEOUT_S = 5.0  # core/database.py BUSY_TIMEOUT_MS
SCHEMA_MIGRATIONS = (  # the names in core/database.py MIGRATIONS, in order
    "m001_initial",
    "m002_append_only",
    "m003_warnings",
    "m004_reviewer_and_keys",
    "m005_routing",
    "m006_drafts_and_runs",
)


class LogDeferred(PolicydeskError):
    """The database is down: the row is safe in the local spool and is written when it is back."""


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _citation_record(c) -> dict:
    return c.model_dump(mode="json")


def reviewer_name(settings, reviewer: str | None) -> str:
    """Who asked: the name given with the call, else the configured reviewer, else ""."""
    return (reviewer if reviewer is not None else getattr(settings, "reviewer", None) or "").strip()


def answer_row(settings, answer, session_id: str = "", reviewer: str | None = None) -> dict:
    """The row `log_answer` writes (also what the spool keeps)."""
    trace = getattr(answer, "trace", None)
    return {
        "ts": utc_now(),
        "session_id": session_id or "",
        "reviewer": reviewer_name(settings, reviewer),
        "question": answer.question,
        "filters": json.dumps(answer.filters or {}, sort_keys=True, default=str),
        "verdict": answer.verdict,
        "verdict_source": answer.verdict_source,
        "answer": answer.answer,
        "citations": json.dumps([_citation_record(c) for c in answer.citations], ensure_ascii=False),
        "latency_ms": float(answer.latency_ms),
        "backend": answer.backend,
        "model": answer.model,
        "warnings": json.dumps(list(answer.warnings), ensure_ascii=False),
        "confidence": getattr(answer, "confidence", None),
        "route": getattr(answer, "route", None),
        "trace": trace.model_dump_json() if trace is not None and hasattr(trace, "model_dump_json") else None,
        "row_key": uuid.uuid4().hex,
    }


def append_query_row(settings, row: dict) -> int | None:
    """Insert `row` into an existing, current SQLite log; its id, or None to leave it to
    core/querylog.py (nothing was written then)."""
    if (getattr(settings, "database_url", None) or "").strip() or spool.pending(settings):
        return None
    path = settings.store_dir / LOG_FILE
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            return None
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            done = [r[0] for r in conn.execute("SELECT name FROM _migrations")]
            if sorted(done) != sorted(SCHEMA_MIGRATIONS):
                conn.execute("ROLLBACK")
                return None
            cols = list(row)
            sql = (
                f"INSERT INTO queries ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)}) "
                "ON CONFLICT (row_key) DO NOTHING RETURNING id"
            )
            got = conn.execute(sql, [row[c] for c in cols]).fetchone()
            if got is None:
                got = conn.execute("SELECT id FROM queries WHERE row_key = ?", (row["row_key"],)).fetchone()
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return int(got[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def log_answer(settings, answer, session_id: str = "", reviewer: str | None = None) -> int:
    """Append one answer to the log and return its id (core/querylog.py `log_answer`).

    Raises `LogDeferred` (one line) when the database is down and the row went to the spool."""
    row = answer_row(settings, answer, session_id, reviewer)
    rowid = append_query_row(settings, row)
    if rowid is not None:
        return rowid
    from policydesk.core import querylog

    return querylog.append_row(settings, "query", row)
