"""The query log: every question, its answer and the feedback on it.

It lives in the database of `core/database.py`: `<store>/queries.sqlite` by default, a
shared PostgreSQL when `POLICYDESK_DATABASE_URL` is set (one schema and one list of
migrations for both). It is an audit trail, so it is append-only (triggers refuse UPDATE and
DELETE) and it must not lose a row when several sessions and processes write at once, nor
when the database server is down: such rows go to a local spool (core/spool.py) and are
written on the next write or start, exactly once (a unique client-made `row_key`).
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timezone
from typing import IO, Literal

import sqlalchemy as sa
from pydantic import BaseModel, Field

from policydesk.core import spool
from policydesk.core.database import (
    LOG_FILE,
    MIGRATIONS,
    SCHEMA_VERSION,
    DatabaseUnavailableError,
    QueryLogError,
    describe,
    log_exists,
    feedback as feedback_table,
    log_path,
    queries as queries_table,
    run_write,
    schema_info,
    transaction,
    utc_now,
)
from policydesk.core import querylog_sqlite
from policydesk.core.errors import InputError
from policydesk.core.querylog_sqlite import reviewer_name
from policydesk.core.types import Answer

# Defined beside the cold ask's sqlite3 append (no SQLAlchemy there); the same objects here.
LogDeferred = querylog_sqlite.LogDeferred
answer_row = querylog_sqlite.answer_row

FeedbackScore = Literal["up", "down"]
FeedbackReason = Literal["wrong verdict", "wrong citation", "missing guidance", "other"]
FEEDBACK_REASONS: tuple[str, ...] = ("wrong verdict", "wrong citation", "missing guidance", "other")
EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl")


# --------------------------------------------------------------------------- records


class Feedback(BaseModel):
    """One reviewer's reaction to one logged answer."""

    id: int
    query_id: int
    ts: str
    score: FeedbackScore
    reason: FeedbackReason | None = None
    text: str = ""
    session_id: str = ""
    reviewer: str = ""


class LogEntry(BaseModel):
    """One logged answer as read back, with all feedback given on it (oldest first)."""

    id: int
    ts: str
    session_id: str = ""
    reviewer: str = ""
    question: str
    filters: dict = Field(default_factory=dict)
    verdict: str
    verdict_source: str = ""
    answer: str = ""
    citations: list[dict] = Field(default_factory=list)
    latency_ms: float = 0.0
    backend: str = ""
    model: str | None = None
    warnings: list[str] = Field(default_factory=list)
    confidence: float | None = None  # None: logged before answers were routed
    route: str | None = None  # auto | review: whether machine enforcement could act on it
    trace: dict | None = None  # why this verdict (Answer.trace as JSON), when the answerer gave one
    feedback: list[Feedback] = Field(default_factory=list)

    @property
    def last_feedback(self) -> Feedback | None:
        return self.feedback[-1] if self.feedback else None

    @property
    def thumbs_down(self) -> bool:
        """The latest word counts: a reviewer who changed their mind to 'up' clears it."""
        fb = self.last_feedback
        return fb is not None and fb.score == "down"

    @property
    def is_gap(self) -> bool:
        """What policy writers must see: no guidance found, or guidance judged wrong."""
        return self.verdict == "escalate" or self.thumbs_down


def open_log(settings, create: bool = True):
    """A connection to the log in one transaction, migrated to the current schema (tests, support)."""
    return transaction(settings, write=True, create=create)


# --------------------------------------------------------------------------- writing


def _insert_once(conn, table: sa.Table, row: dict) -> int:
    """Insert unless a row with this row_key is there already (a retried spool row); its id."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table).values(**row).on_conflict_do_nothing(index_elements=["row_key"]).returning(table.c.id)
    rowid = conn.execute(stmt).scalar()
    if rowid is None:
        rowid = conn.execute(sa.select(table.c.id).where(table.c.row_key == row["row_key"])).scalar_one()
    return int(rowid)


def _write_row(settings, kind: str, row: dict) -> int:
    table = queries_table if kind == "query" else feedback_table
    if kind == "feedback":

        def go(conn):
            if conn.execute(sa.select(queries_table.c.id).where(queries_table.c.id == row["query_id"])).first() is None:
                raise InputError(f"no logged answer with id {row['query_id']} in {describe(settings)}")
            return _insert_once(conn, table, row)

        return run_write(settings, go)
    return run_write(settings, lambda conn: _insert_once(conn, table, row))


def drain_spool(settings) -> int:
    """Write rows spooled while the database was down; returns how many went in."""
    return spool.drain(settings, lambda kind, row: _write_row(settings, kind, row), DatabaseUnavailableError)


def _append(settings, kind: str, row: dict) -> int:
    """Write one row (after any spooled ones, keeping their order); spool it if the server is down."""
    try:
        if spool.pending(settings):
            drain_spool(settings)
        return _write_row(settings, kind, row)
    except DatabaseUnavailableError as exc:
        path = spool.append(settings, kind, row)
        what = "answer" if kind == "query" else "feedback"
        raise LogDeferred(f"{exc}; this {what} is kept in {path} and written when the database is back") from exc


append_row = _append  # core/querylog_sqlite.py hands the rows it does not write to this


def log_answer(settings, answer: Answer, session_id: str = "", reviewer: str | None = None) -> int:
    """Append one answer to the log and return its id (for feedback on it later).

    Raises `LogDeferred` (one line) when the database is down and the row went to the spool."""
    return _append(settings, "query", answer_row(settings, answer, session_id, reviewer))


def log_feedback(
    settings,
    query_id: int,
    score: str,
    reason: str | None = None,
    text: str = "",
    session_id: str = "",
    reviewer: str | None = None,
) -> int:
    """Append a reviewer's thumbs up/down (with optional reason and note) to one logged answer."""
    if score not in ("up", "down"):
        raise InputError(f"feedback score must be 'up' or 'down', not {score!r}")
    if reason is not None and reason not in FEEDBACK_REASONS:
        raise InputError(f"feedback reason must be one of {', '.join(FEEDBACK_REASONS)}, not {reason!r}")
    row = {
        "query_id": int(query_id),
        "ts": utc_now(),
        "score": score,
        "reason": reason,
        "text": (text or "").strip(),
        "session_id": session_id or "",
        "reviewer": reviewer_name(settings, reviewer),
        "row_key": uuid.uuid4().hex,
    }
    return _append(settings, "feedback", row)


# --------------------------------------------------------------------------- reading


def parse_since(value: str | date | datetime | None) -> str | None:
    """A lower bound comparable with the stored timestamps (ISO, UTC, fixed width)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip()) if "T" in value or " " in value.strip() else date.fromisoformat(value.strip())
        except ValueError as exc:
            raise InputError(f"--since {value!r} is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from exc
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    else:
        dt = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def _entry(row, feedback: list[Feedback]) -> LogEntry:
    m = row._mapping
    return LogEntry(
        id=m["id"],
        ts=m["ts"],
        session_id=m["session_id"],
        reviewer=m.get("reviewer") or "",
        question=m["question"],
        filters=json.loads(m["filters"] or "{}"),
        verdict=m["verdict"],
        verdict_source=m["verdict_source"],
        answer=m["answer"],
        citations=json.loads(m["citations"] or "[]"),
        latency_ms=m["latency_ms"],
        backend=m["backend"],
        model=m["model"],
        warnings=json.loads(m.get("warnings") or "[]"),
        confidence=m.get("confidence"),
        route=m.get("route"),
        trace=json.loads(m["trace"]) if m.get("trace") else None,
        feedback=feedback,
    )


def _feedback(row) -> Feedback:
    m = row._mapping
    return Feedback(**{k: m[k] for k in ("id", "query_id", "ts", "score", "reason", "text", "session_id")}, reviewer=m["reviewer"] or "")


def iter_log(settings, since: str | date | datetime | None = None, batch: int = 500) -> Iterator[LogEntry]:
    """Logged answers oldest first, each with its feedback; reads in batches (logs grow large)."""
    lower = parse_since(since)
    if not log_exists(settings):
        return
    q, f = queries_table, feedback_table
    last_id = 0
    while True:
        with transaction(settings, create=False) as conn:
            stmt = sa.select(q).where(q.c.id > last_id)
            if lower:
                stmt = stmt.where(q.c.ts >= lower)
            rows = conn.execute(stmt.order_by(q.c.id).limit(int(batch))).fetchall()
            if not rows:
                return
            ids = [r.id for r in rows]
            fb: dict[int, list[Feedback]] = {}
            for r in conn.execute(sa.select(f).where(f.c.query_id.in_(ids)).order_by(f.c.id)):
                fb.setdefault(r.query_id, []).append(_feedback(r))
        for r in rows:
            yield _entry(r, fb.get(r.id, []))
        last_id = ids[-1]


def get_entry(settings, query_id: int) -> LogEntry | None:
    q, f = queries_table, feedback_table
    with transaction(settings, create=False) as conn:
        row = conn.execute(sa.select(q).where(q.c.id == int(query_id))).first()
        if row is None:
            return None
        fb = [_feedback(r) for r in conn.execute(sa.select(f).where(f.c.query_id == int(query_id)).order_by(f.c.id))]
    return _entry(row, fb)


def thumbs_down(settings, since=None) -> list[LogEntry]:
    """The feedback inbox: answers whose latest feedback is a thumbs-down, newest first."""
    return sorted((e for e in iter_log(settings, since) if e.thumbs_down), key=lambda e: e.id, reverse=True)


def count_rows(settings) -> dict[str, int]:
    if not log_exists(settings):
        return {"queries": 0, "feedback": 0}
    with transaction(settings, create=False) as conn:
        return {
            "queries": conn.execute(sa.select(sa.func.count()).select_from(queries_table)).scalar_one(),
            "feedback": conn.execute(sa.select(sa.func.count()).select_from(feedback_table)).scalar_one(),
        }


# --------------------------------------------------------------------------- export

CSV_COLUMNS = [
    "id", "ts", "session_id", "reviewer", "question", "filters", "verdict", "verdict_source", "answer", "citations",
    "latency_ms", "backend", "model", "feedback_count", "feedback_score", "feedback_reason", "feedback_text",
    "confidence", "route",
]  # fmt: skip


def _csv_row(e: LogEntry) -> dict:
    fb = e.last_feedback
    cites = "; ".join(
        f"[{c.get('n')}] {c.get('source')}" + (f" {c['clause_id']}" if c.get("clause_id") else "") for c in e.citations
    )
    return {
        "id": e.id,
        "ts": e.ts,
        "session_id": e.session_id,
        "reviewer": e.reviewer,
        "question": e.question,
        "filters": json.dumps(e.filters, sort_keys=True),
        "verdict": e.verdict,
        "verdict_source": e.verdict_source,
        "answer": e.answer,
        "citations": cites,
        "latency_ms": round(e.latency_ms, 1),
        "backend": e.backend,
        "model": e.model or "",
        "feedback_count": len(e.feedback),
        "feedback_score": fb.score if fb else "",
        "feedback_reason": (fb.reason or "") if fb else "",
        "feedback_text": fb.text if fb else "",
        "confidence": "" if e.confidence is None else round(e.confidence, 3),
        "route": e.route or "",
    }


def export_log(settings, out: IO[str], fmt: str = "jsonl", since=None) -> int:
    """Write the log to `out` as CSV (one row per answer, latest feedback) or JSONL (everything)."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"--format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for e in iter_log(settings, since):
            writer.writerow(_csv_row(e))
            n += 1
    else:
        for e in iter_log(settings, since):
            out.write(json.dumps(e.model_dump(mode="json"), ensure_ascii=False) + "\n")
            n += 1
    return n


__all__ = [
    "EXPORT_FORMATS", "FEEDBACK_REASONS", "LOG_FILE", "MIGRATIONS", "SCHEMA_VERSION", "DatabaseUnavailableError",
    "Feedback", "LogDeferred", "LogEntry", "QueryLogError", "count_rows", "drain_spool", "export_log", "get_entry",
    "iter_log", "log_answer", "log_exists", "log_feedback", "log_path", "open_log", "parse_since", "schema_info",
    "thumbs_down",
]  # fmt: skip
