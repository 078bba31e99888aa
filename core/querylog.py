"""The query log: every question, its answer and the feedback on it, in `<store>/queries.sqlite`.

It is an audit trail, so it is append-only (triggers refuse UPDATE and DELETE) and it must
not lose a row when several Streamlit sessions and several processes write at once. Hence:
WAL journal (readers never block the writer), a busy timeout, one short `BEGIN IMMEDIATE`
transaction per write, and a bounded retry when SQLite still answers "database is locked".

The schema evolves through numbered, idempotent migrations (after simonw/llm's
`migrations.py`): each is applied once, recorded in `_migrations`, and `PRAGMA user_version`
carries the schema version, so an old log upgrades itself when it is opened.
"""

from __future__ import annotations

import csv
import json
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Literal

from pydantic import BaseModel, Field

from policydesk.core.errors import InputError, PolicydeskError
from policydesk.core.types import Answer

LOG_FILE = "queries.sqlite"
BUSY_TIMEOUT_MS = 5000
MAX_ATTEMPTS = 12

FeedbackScore = Literal["up", "down"]
FeedbackReason = Literal["wrong verdict", "wrong citation", "missing guidance", "other"]
FEEDBACK_REASONS: tuple[str, ...] = ("wrong verdict", "wrong citation", "missing guidance", "other")
EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl")


class QueryLogError(PolicydeskError):
    """The log file cannot be opened or written (corrupt, read-only, from a newer release)."""


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


class LogEntry(BaseModel):
    """One logged answer as read back, with all feedback given on it (oldest first)."""

    id: int
    ts: str
    session_id: str = ""
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


# --------------------------------------------------------------------------- migrations

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(fn: Callable[[sqlite3.Connection], None]):
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS queries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ts TEXT NOT NULL,
            session_id TEXT NOT NULL DEFAULT '',
            question TEXT NOT NULL,
            filters TEXT NOT NULL DEFAULT '{}',
            verdict TEXT NOT NULL,
            verdict_source TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            citations TEXT NOT NULL DEFAULT '[]',
            latency_ms REAL NOT NULL DEFAULT 0,
            backend TEXT NOT NULL DEFAULT '',
            model TEXT
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS queries_ts ON queries(ts)")
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            query_id INTEGER NOT NULL REFERENCES queries(id),
            ts TEXT NOT NULL,
            score TEXT NOT NULL CHECK (score IN ('up', 'down')),
            reason TEXT CHECK (reason IS NULL OR reason IN ('wrong verdict', 'wrong citation', 'missing guidance', 'other')),
            text TEXT NOT NULL DEFAULT '',
            session_id TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS feedback_query ON feedback(query_id)")


@migration
def m002_append_only(db: sqlite3.Connection) -> None:
    """An audit log that can be edited is not one: refuse changes at the database level."""
    for table in ("queries", "feedback"):
        for op in ("UPDATE", "DELETE"):
            db.execute(
                f"""CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table}
                BEGIN SELECT RAISE(ABORT, 'the query log is append-only'); END"""
            )


@migration
def m003_warnings(db: sqlite3.Connection) -> None:
    """Warnings (e.g. an LLM citation that failed its check) explain odd answers in an audit."""
    cols = {row[1] for row in db.execute("PRAGMA table_info(queries)")}
    if "warnings" not in cols:
        db.execute("ALTER TABLE queries ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'")


@migration
def m004_routing(db: sqlite3.Connection) -> None:
    """Confidence, route and trace: an audit must show which answers enforcement could act on, and why."""
    cols = {row[1] for row in db.execute("PRAGMA table_info(queries)")}
    for name, kind in (("confidence", "REAL"), ("route", "TEXT"), ("trace", "TEXT")):
        if name not in cols:
            db.execute(f"ALTER TABLE queries ADD COLUMN {name} {kind}")


SCHEMA_VERSION = len(MIGRATIONS)


# --------------------------------------------------------------------------- connections


def log_path(settings) -> Path:
    return settings.store_dir / LOG_FILE


def _is_busy(exc: sqlite3.Error) -> bool:
    msg = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in msg or "busy" in msg)


def _retry(fn: Callable[[], object]):
    """Run `fn`, retrying with jittered backoff while another writer holds the lock."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or attempt == MAX_ATTEMPTS - 1:
                raise
            time.sleep(min(0.5, 0.01 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so the write lock is taken
    # up front and a busy database fails fast into the retry loop, never mid-transaction.
    db = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Apply the migrations this file lacks, inside one write transaction.

    Two processes opening a fresh log at once both get here; BEGIN IMMEDIATE serialises them
    and the second sees every migration recorded and does nothing.
    """
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise QueryLogError(
            f"{path} has query-log schema version {version}, newer than this policydesk ({SCHEMA_VERSION}); "
            "upgrade policydesk or point --store elsewhere"
        )
    if version == SCHEMA_VERSION and _has_table(db, "_migrations"):
        return
    if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        _retry(lambda: db.execute("PRAGMA journal_mode = WAL"))

    def apply():
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in db.execute("SELECT name FROM _migrations")}
            for name, fn in MIGRATIONS:
                if name not in done:
                    fn(db)
                    db.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, utc_now()))
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    _retry(apply)


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


@contextmanager
def open_log(settings, create: bool = True) -> Iterator[sqlite3.Connection]:
    """A connection to the store's log, migrated to the current schema; closed on exit.

    A connection per call keeps threads and Streamlit sessions independent; opening a local
    SQLite file costs well under a millisecond.
    """
    path = log_path(settings)
    if not path.exists() and not create:
        raise InputError(f"no query log at {path}; answers are logged once someone asks a question with this --store")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = _connect(path)
    except (OSError, sqlite3.Error) as exc:
        raise QueryLogError(f"cannot open the query log {path}: {exc}") from exc
    try:
        try:
            _migrate(db, path)
        except sqlite3.DatabaseError as exc:
            raise QueryLogError(f"cannot use the query log {path} ({exc}); move it aside to start a new one") from exc
        yield db
    finally:
        db.close()


def schema_info(settings) -> dict:
    """Schema version and applied migrations, for support questions and tests."""
    with open_log(settings, create=False) as db:
        return {
            "version": db.execute("PRAGMA user_version").fetchone()[0],
            "journal_mode": db.execute("PRAGMA journal_mode").fetchone()[0],
            "migrations": [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")],
        }


def _write(settings, sql: str, params: tuple) -> int:
    """One INSERT in its own short IMMEDIATE transaction, retried while the log is busy."""
    with open_log(settings) as db:

        def go() -> int:
            db.execute("BEGIN IMMEDIATE")
            try:
                cur = db.execute(sql, params)
                rowid = int(cur.lastrowid)
                db.execute("COMMIT")
                return rowid
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

        try:
            return _retry(go)
        except sqlite3.IntegrityError as exc:
            raise InputError(f"the query log refused the record: {exc}") from exc
        except sqlite3.OperationalError as exc:
            raise QueryLogError(f"cannot write to the query log {log_path(settings)}: {exc}") from exc


# --------------------------------------------------------------------------- writing


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _citation_record(c) -> dict:
    return c.model_dump(mode="json")


def log_answer(settings, answer: Answer, session_id: str = "") -> int:
    """Append one answer to the log and return its id (for feedback on it later)."""
    return _write(
        settings,
        "INSERT INTO queries (ts, session_id, question, filters, verdict, verdict_source, answer, citations,"
        " latency_ms, backend, model, warnings, confidence, route, trace) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            utc_now(),
            session_id or "",
            answer.question,
            json.dumps(answer.filters or {}, sort_keys=True, default=str),
            answer.verdict,
            answer.verdict_source,
            answer.answer,
            json.dumps([_citation_record(c) for c in answer.citations], ensure_ascii=False),
            float(answer.latency_ms),
            answer.backend,
            answer.model,
            json.dumps(list(answer.warnings), ensure_ascii=False),
            float(answer.confidence),
            answer.route,
            answer.trace.model_dump_json() if answer.trace is not None else None,
        ),
    )


def log_feedback(
    settings,
    query_id: int,
    score: str,
    reason: str | None = None,
    text: str = "",
    session_id: str = "",
) -> int:
    """Append a reviewer's thumbs up/down (with optional reason and note) to one logged answer."""
    if score not in ("up", "down"):
        raise InputError(f"feedback score must be 'up' or 'down', not {score!r}")
    if reason is not None and reason not in FEEDBACK_REASONS:
        raise InputError(f"feedback reason must be one of {', '.join(FEEDBACK_REASONS)}, not {reason!r}")
    with open_log(settings) as db:
        if db.execute("SELECT 1 FROM queries WHERE id = ?", (int(query_id),)).fetchone() is None:
            raise InputError(f"no logged answer with id {query_id} in {log_path(settings)}")
    return _write(
        settings,
        "INSERT INTO feedback (query_id, ts, score, reason, text, session_id) VALUES (?, ?, ?, ?, ?, ?)",
        (int(query_id), utc_now(), score, reason, (text or "").strip(), session_id or ""),
    )


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


def _entry(row: sqlite3.Row, feedback: list[Feedback]) -> LogEntry:
    keys = row.keys()
    return LogEntry(
        id=row["id"],
        ts=row["ts"],
        session_id=row["session_id"],
        question=row["question"],
        filters=json.loads(row["filters"] or "{}"),
        verdict=row["verdict"],
        verdict_source=row["verdict_source"],
        answer=row["answer"],
        citations=json.loads(row["citations"] or "[]"),
        latency_ms=row["latency_ms"],
        backend=row["backend"],
        model=row["model"],
        warnings=json.loads(row["warnings"] or "[]") if "warnings" in keys else [],
        confidence=row["confidence"] if "confidence" in keys else None,
        route=row["route"] if "route" in keys else None,
        trace=json.loads(row["trace"]) if "trace" in keys and row["trace"] else None,
        feedback=feedback,
    )


def iter_log(settings, since: str | date | datetime | None = None, batch: int = 500) -> Iterator[LogEntry]:
    """Logged answers oldest first, each with its feedback; reads in batches (logs grow large)."""
    lower = parse_since(since)
    path = log_path(settings)
    if not path.exists():
        return
    last_id = 0
    while True:
        with open_log(settings, create=False) as db:
            where = "id > ?" + (" AND ts >= ?" if lower else "")
            params: tuple = (last_id, lower) if lower else (last_id,)
            rows = db.execute(f"SELECT * FROM queries WHERE {where} ORDER BY id LIMIT {int(batch)}", params).fetchall()
            if not rows:
                return
            ids = [r["id"] for r in rows]
            fb: dict[int, list[Feedback]] = {}
            marks = ",".join("?" * len(ids))
            for f in db.execute(f"SELECT * FROM feedback WHERE query_id IN ({marks}) ORDER BY id", ids):
                fb.setdefault(f["query_id"], []).append(Feedback(**dict(f)))
        for r in rows:
            yield _entry(r, fb.get(r["id"], []))
        last_id = ids[-1]


def get_entry(settings, query_id: int) -> LogEntry | None:
    with open_log(settings, create=False) as db:
        row = db.execute("SELECT * FROM queries WHERE id = ?", (int(query_id),)).fetchone()
        if row is None:
            return None
        fb = [Feedback(**dict(f)) for f in db.execute("SELECT * FROM feedback WHERE query_id = ? ORDER BY id", (int(query_id),))]
    return _entry(row, fb)


def thumbs_down(settings, since=None) -> list[LogEntry]:
    """The feedback inbox: answers whose latest feedback is a thumbs-down, newest first."""
    return sorted((e for e in iter_log(settings, since) if e.thumbs_down), key=lambda e: e.id, reverse=True)


def count_rows(settings) -> dict[str, int]:
    if not log_path(settings).exists():
        return {"queries": 0, "feedback": 0}
    with open_log(settings, create=False) as db:
        return {
            "queries": db.execute("SELECT COUNT(*) FROM queries").fetchone()[0],
            "feedback": db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0],
        }


# --------------------------------------------------------------------------- export

CSV_COLUMNS = [
    "id", "ts", "session_id", "question", "filters", "verdict", "verdict_source", "answer", "citations",
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
