"""The database for what people write: query log, feedback, golden-case drafts, eval-run index.

One SQLAlchemy Core schema and one list of numbered migrations serve both back ends:
SQLite under the store (`<store>/queries.sqlite`, the embedded default) and PostgreSQL when
`POLICYDESK_DATABASE_URL=postgresql://…` is set, so a team of app processes on several
machines shares one log. Migrations are applied on open (after simonw/llm's
`migrations.py`): each is applied once, recorded in `_migrations`, inside one write
transaction that concurrent openers serialise on (SQLite `BEGIN IMMEDIATE`, a PostgreSQL
advisory lock), so an old log upgrades itself and two fresh processes do not race.

SQLite specifics kept from the first log: WAL journal (readers never block the writer), a
busy timeout, `BEGIN IMMEDIATE` for writes, and a bounded retry while it says "locked".
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from policydesk.core.errors import InputError, PolicydeskError
from policydesk.core.querylog_sqlite import utc_now

LOG_FILE = "queries.sqlite"
BUSY_TIMEOUT_MS = 5000
MAX_ATTEMPTS = 12
CONNECT_TIMEOUT_S = 5
_ADVISORY_LOCK = 0x706F6C6963  # "polic": serialises migrations of concurrent PostgreSQL openers


class QueryLogError(PolicydeskError):
    """The log cannot be opened or written (corrupt, read-only, from a newer release)."""


class DatabaseUnavailableError(QueryLogError):
    """The database server cannot be reached right now; writes are spooled, not lost."""




# --------------------------------------------------------------------------- tables (current schema)

metadata = sa.MetaData()

queries = sa.Table(
    "queries", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ts", sa.Text, nullable=False),
    sa.Column("session_id", sa.Text, nullable=False, server_default=""),
    sa.Column("question", sa.Text, nullable=False),
    sa.Column("filters", sa.Text, nullable=False, server_default="{}"),
    sa.Column("verdict", sa.Text, nullable=False),
    sa.Column("verdict_source", sa.Text, nullable=False, server_default=""),
    sa.Column("answer", sa.Text, nullable=False, server_default=""),
    sa.Column("citations", sa.Text, nullable=False, server_default="[]"),
    sa.Column("latency_ms", sa.Float, nullable=False, server_default="0"),
    sa.Column("backend", sa.Text, nullable=False, server_default=""),
    sa.Column("model", sa.Text),
    sa.Column("warnings", sa.Text, nullable=False, server_default="[]"),
    sa.Column("reviewer", sa.Text, nullable=False, server_default=""),
    sa.Column("row_key", sa.Text),
    sa.Column("confidence", sa.Float),
    sa.Column("route", sa.Text),
    sa.Column("trace", sa.Text),
    sqlite_autoincrement=True,
)  # fmt: skip

feedback = sa.Table(
    "feedback", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("query_id", sa.Integer, sa.ForeignKey("queries.id"), nullable=False),
    sa.Column("ts", sa.Text, nullable=False),
    sa.Column("score", sa.Text, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("text", sa.Text, nullable=False, server_default=""),
    sa.Column("session_id", sa.Text, nullable=False, server_default=""),
    sa.Column("reviewer", sa.Text, nullable=False, server_default=""),
    sa.Column("row_key", sa.Text),
    sqlite_autoincrement=True,
)  # fmt: skip

golden_drafts = sa.Table(
    "golden_drafts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("draft_id", sa.Text, nullable=False),
    sa.Column("query_id", sa.Integer),
    sa.Column("ts", sa.Text, nullable=False),
    sa.Column("reviewer", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("case_json", sa.Text, nullable=False),
    sqlite_autoincrement=True,
)  # fmt: skip

eval_runs = sa.Table(
    "eval_runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("ts", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("golden_path", sa.Text, nullable=False, server_default=""),
    sa.Column("backend", sa.Text, nullable=False, server_default=""),
    sa.Column("reviewer", sa.Text, nullable=False, server_default=""),
    sa.Column("n_cases", sa.Integer),
    sa.Column("metrics", sa.Text, nullable=False, server_default="{}"),
    sqlite_autoincrement=True,
)  # fmt: skip


# --------------------------------------------------------------------------- migrations

# A new migration is also named in core/querylog_sqlite.py SCHEMA_MIGRATIONS (the cold ask's
# sqlite3 append checks the log is at this schema; tests/test_querylog_sqlite.py).
MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = []


def migration(fn: Callable[[Connection], None]):
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def _columns(conn: Connection, table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def _add_column(conn: Connection, table: str, name: str, ddl: str) -> None:
    if name not in _columns(conn, table):
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}")


def _id_column() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


@migration
def m001_initial(conn: Connection) -> None:
    """The schema of the first log, frozen here so later migrations build on it."""
    md = sa.MetaData()
    q = sa.Table(
        "queries", md, _id_column(),
        sa.Column("ts", sa.Text, nullable=False),
        sa.Column("session_id", sa.Text, nullable=False, server_default=""),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("filters", sa.Text, nullable=False, server_default="{}"),
        sa.Column("verdict", sa.Text, nullable=False),
        sa.Column("verdict_source", sa.Text, nullable=False, server_default=""),
        sa.Column("answer", sa.Text, nullable=False, server_default=""),
        sa.Column("citations", sa.Text, nullable=False, server_default="[]"),
        sa.Column("latency_ms", sa.Float, nullable=False, server_default="0"),
        sa.Column("backend", sa.Text, nullable=False, server_default=""),
        sa.Column("model", sa.Text),
        sa.Index("queries_ts", "ts"),
        sqlite_autoincrement=True,
    )  # fmt: skip
    f = sa.Table(
        "feedback", md, _id_column(),
        sa.Column("query_id", sa.Integer, sa.ForeignKey("queries.id"), nullable=False),
        sa.Column("ts", sa.Text, nullable=False),
        sa.Column("score", sa.Text, sa.CheckConstraint("score IN ('up', 'down')"), nullable=False),
        sa.Column(
            "reason", sa.Text,
            sa.CheckConstraint("reason IS NULL OR reason IN ('wrong verdict', 'wrong citation', 'missing guidance', 'other')"),
        ),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("session_id", sa.Text, nullable=False, server_default=""),
        sa.Index("feedback_query", "query_id"),
        sqlite_autoincrement=True,
    )  # fmt: skip
    md.create_all(conn, tables=[q, f], checkfirst=True)


@migration
def m002_append_only(conn: Connection) -> None:
    """An audit log that can be edited is not one: refuse changes at the database level."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION policydesk_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'the query log is append-only'; END $$ LANGUAGE plpgsql"
        )
    for table in ("queries", "feedback"):
        for op in ("UPDATE", "DELETE"):
            name = f"{table}_no_{op.lower()}"
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                conn.exec_driver_sql(
                    f"CREATE TRIGGER {name} BEFORE {op} ON {table} FOR EACH ROW EXECUTE FUNCTION policydesk_append_only()"
                )
            else:
                conn.exec_driver_sql(
                    f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {op} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'the query log is append-only'); END"
                )


@migration
def m003_warnings(conn: Connection) -> None:
    """Warnings (e.g. an LLM citation that failed its check) explain odd answers in an audit."""
    _add_column(conn, "queries", "warnings", "TEXT NOT NULL DEFAULT '[]'")


@migration
def m004_reviewer_and_keys(conn: Connection) -> None:
    """Who asked (a team shares one log), and a client-made key per row so a row retried from
    the spool after an unclear failure is written exactly once."""
    _add_column(conn, "queries", "reviewer", "TEXT NOT NULL DEFAULT ''")
    _add_column(conn, "queries", "row_key", "TEXT")
    _add_column(conn, "feedback", "reviewer", "TEXT NOT NULL DEFAULT ''")
    _add_column(conn, "feedback", "row_key", "TEXT")
    conn.exec_driver_sql("CREATE UNIQUE INDEX IF NOT EXISTS queries_row_key ON queries(row_key)")
    conn.exec_driver_sql("CREATE UNIQUE INDEX IF NOT EXISTS feedback_row_key ON feedback(row_key)")


@migration
def m005_routing(conn: Connection) -> None:
    """The answerer's confidence, route (auto | review) and trace, nullable: older rows have none."""
    _add_column(conn, "queries", "confidence", "REAL" if conn.dialect.name == "sqlite" else "DOUBLE PRECISION")
    _add_column(conn, "queries", "route", "TEXT")
    _add_column(conn, "queries", "trace", "TEXT")


@migration
def m006_drafts_and_runs(conn: Connection) -> None:
    """Golden-case drafts (append-only: the latest row per draft id wins) and the eval-run index."""
    md = sa.MetaData()
    d = sa.Table(
        "golden_drafts", md, _id_column(),
        sa.Column("draft_id", sa.Text, nullable=False),
        sa.Column("query_id", sa.Integer),
        sa.Column("ts", sa.Text, nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.Text, sa.CheckConstraint("status IN ('saved', 'cleared')"), nullable=False),
        sa.Column("case_json", sa.Text, nullable=False),
        sa.Index("golden_drafts_draft", "draft_id"),
        sqlite_autoincrement=True,
    )  # fmt: skip
    r = sa.Table(
        "eval_runs", md, _id_column(),
        sa.Column("ts", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("golden_path", sa.Text, nullable=False, server_default=""),
        sa.Column("backend", sa.Text, nullable=False, server_default=""),
        sa.Column("reviewer", sa.Text, nullable=False, server_default=""),
        sa.Column("n_cases", sa.Integer),
        sa.Column("metrics", sa.Text, nullable=False, server_default="{}"),
        sqlite_autoincrement=True,
    )  # fmt: skip
    md.create_all(conn, tables=[d, r], checkfirst=True)


SCHEMA_VERSION = len(MIGRATIONS)


# --------------------------------------------------------------------------- engines


def database_url(settings) -> str:
    """The SQLAlchemy URL: PostgreSQL when configured (psycopg 3 driver), else SQLite in the store."""
    url = (getattr(settings, "database_url", None) or "").strip()
    if not url:
        return f"sqlite:///{log_path(settings)}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def log_path(settings) -> Path:
    return settings.store_dir / LOG_FILE


def describe(settings) -> str:
    """Where the log lives, for messages: the SQLite path or the server URL without a password."""
    url = sa.engine.make_url(database_url(settings))
    if url.get_backend_name() == "sqlite":
        return str(log_path(settings)) if not getattr(settings, "database_url", None) else str(url.database)
    return url.render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")


def is_sqlite(settings) -> bool:
    return database_url(settings).startswith("sqlite")


def _sqlite_file(settings) -> Path | None:
    url = sa.engine.make_url(database_url(settings))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def log_exists(settings) -> bool:
    """Whether there is a log to read: a SQLite file that exists, or any configured server."""
    path = _sqlite_file(settings)
    return path.exists() if path is not None else True


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def engine_for(settings) -> Engine:
    """One engine (connection pool) per URL per process."""
    url = database_url(settings)
    with _engines_lock:
        eng = _engines.get(url)
        if eng is None:
            eng = _make_engine(url)
            _engines[url] = eng
        return eng


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        eng = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}, poolclass=sa.NullPool)

        @event.listens_for(eng, "connect")
        def _on_connect(dbapi_conn, _record):
            # We emit BEGIN ourselves (below), so the write lock is taken up front and a busy
            # database fails fast into the retry loop, never mid-transaction.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys = ON")
            if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            cur.close()

        @event.listens_for(eng, "begin")
        def _on_begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

        return eng
    return sa.create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=10, connect_args={"connect_timeout": CONNECT_TIMEOUT_S}
    )


def dispose_all() -> None:
    """Close every pooled connection (tests, and after a server came back)."""
    with _engines_lock:
        for eng in _engines.values():
            eng.dispose()


# --------------------------------------------------------------------------- transactions


def _is_busy(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "database is locked" in msg or "database is busy" in msg


def is_unavailable(exc: Exception) -> bool:
    """A server that cannot be reached (refused, reset, timed out), not a bad statement."""
    if isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, (sa.exc.OperationalError, sa.exc.InterfaceError)) and not _is_busy(exc)


def retry(fn: Callable[[], object]):
    """Run `fn`, retrying with jittered backoff while another SQLite writer holds the lock."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            return fn()
        except sa.exc.OperationalError as exc:
            if not _is_busy(exc) or attempt == MAX_ATTEMPTS - 1:
                raise
            time.sleep(min(0.5, 0.01 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover


def _unavailable(settings, exc: Exception) -> DatabaseUnavailableError:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(getattr(exc, "orig", exc)).strip() else type(exc).__name__
    return DatabaseUnavailableError(f"the query-log database {describe(settings)} is unavailable ({reason[:160]})")


def _needs_migration(conn: Connection, settings) -> bool:
    """Whether migrations are missing; a database written by a newer release is refused."""
    if not sa.inspect(conn).has_table("_migrations"):
        return True
    done = {r[0] for r in conn.exec_driver_sql("SELECT name FROM _migrations")}
    unknown = done - {name for name, _ in MIGRATIONS}
    if unknown:
        raise QueryLogError(
            f"{describe(settings)} has query-log migrations this policydesk does not know ({', '.join(sorted(unknown))}): "
            "it is newer than this policydesk; upgrade policydesk or point --store / POLICYDESK_DATABASE_URL elsewhere"
        )
    return len(done) < len(MIGRATIONS)


def _migrate(conn: Connection, settings) -> None:
    """Apply the migrations this database lacks (the caller holds the write lock)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK})")
    conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {r[0] for r in conn.exec_driver_sql("SELECT name FROM _migrations")}
    for name, fn in MIGRATIONS:
        if name not in done:
            fn(conn)
            conn.execute(sa.text("INSERT INTO _migrations (name, applied_at) VALUES (:n, :t)"), {"n": name, "t": utc_now()})


_migrated: set[str] = set()


@contextmanager
def transaction(settings, write: bool = False, create: bool = True) -> Iterator[Connection]:
    """A connection inside one transaction on a migrated database; committed on clean exit.

    `write=True` takes SQLite's write lock at BEGIN. Errors map to one-line messages: a server
    that cannot be reached is `DatabaseUnavailableError` (callers spool), others `QueryLogError`.
    """
    path = _sqlite_file(settings)
    if path is not None:
        if not path.exists() and not create:
            raise InputError(f"no query log at {path}; answers are logged once someone asks a question with this --store")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise QueryLogError(f"cannot open the query log {path}: {exc}") from exc
    eng = engine_for(settings)
    url = database_url(settings)
    try:
        if url not in _migrated or path is not None:
            # SQLite: checked on every open (one cheap read), so a file replaced under us is noticed.
            def check() -> bool:
                with eng.connect() as conn, conn.begin():
                    return _needs_migration(conn, settings)

            def migrate():
                with eng.connect().execution_options(write=True) as conn, conn.begin():
                    if _needs_migration(conn, settings):
                        _migrate(conn, settings)

            if retry(check):
                retry(migrate)
            _migrated.add(url)
        conn_cm = eng.connect().execution_options(write=write)
        with conn_cm as conn:
            with conn.begin():
                yield conn
    except PolicydeskError:
        raise
    except sa.exc.IntegrityError as exc:
        raise InputError(f"the query log refused the record: {str(exc.orig).splitlines()[0]}") from exc
    except sa.exc.DBAPIError as exc:
        if write and isinstance(exc, sa.exc.OperationalError) and _is_busy(exc):
            raise  # SQLite still locked after its busy timeout: `run_write` retries, then says so
        if path is None and is_unavailable(exc):
            raise _unavailable(settings, exc) from exc
        if path is not None and isinstance(exc, sa.exc.DatabaseError) and not isinstance(exc, sa.exc.OperationalError):
            raise QueryLogError(f"cannot use the query log {path} ({exc.orig}); move it aside to start a new one") from exc
        raise QueryLogError(f"cannot use the query log {describe(settings)}: {str(getattr(exc, 'orig', exc)).splitlines()[0]}") from exc


def run_write(settings, fn: Callable[[Connection], object]):
    """`fn(conn)` in its own short write transaction, retried while SQLite is busy."""

    def go():
        with transaction(settings, write=True) as conn:
            return fn(conn)

    try:
        return retry(go)
    except sa.exc.OperationalError as exc:  # still locked after every retry
        raise QueryLogError(f"cannot write to the query log {describe(settings)}: {exc.orig}") from exc


def schema_info(settings) -> dict:
    """Schema version and applied migrations, for support questions and tests."""
    with transaction(settings, create=False) as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM _migrations")]
        order = {name: i for i, (name, _) in enumerate(MIGRATIONS)}
        info = {
            "dialect": conn.dialect.name,
            "version": len(names),
            "migrations": sorted(names, key=lambda n: order.get(n, len(order))),
        }
        if conn.dialect.name == "sqlite":
            info["journal_mode"] = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        return info
