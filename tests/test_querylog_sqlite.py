"""The cold ask's sqlite3 append (core/querylog_sqlite.py) writes the row SQLAlchemy's path
writes, and only when the log is there at this schema; otherwise it writes nothing and the
row goes through core/querylog.py once."""

from __future__ import annotations

import sqlite3

import pytest

from policydesk.core import database, querylog, querylog_sqlite, spool
from policydesk.core.types import Answer, Citation


def _answer(q: str) -> Answer:
    return Answer(
        question=q,
        verdict="restrict",
        verdict_source="declared",
        answer=f"Allowed with conditions [1]. ({q})",
        citations=[Citation(n=1, source="alcohol.md", section="Alcohol > Age", clause_id="ALC-2", text="Ads must not target minors.", quote="Ads must not target minors.")],
        filters={"market": "SG"},
        warnings=["market SG read from the question and applied as a filter"],
        latency_ms=12.5,
        backend="extractive",
        confidence=0.75,
        route="review",
    )


def _rows(s) -> list[dict]:
    conn = sqlite3.connect(s.store_dir / "queries.sqlite")
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM queries ORDER BY id")]
    finally:
        conn.close()


def test_schema_migrations_are_the_databases():
    assert list(querylog_sqlite.SCHEMA_MIGRATIONS) == [name for name, _ in database.MIGRATIONS]


def test_same_row_as_the_sqlalchemy_path(make_settings):
    s = make_settings(reviewer="Ana")
    first = querylog.log_answer(s, _answer("beer to 19 year olds in SG?"), session_id="cli")  # creates the log
    row = querylog_sqlite.answer_row(s, _answer("beer to 19 year olds in SG?"), session_id="cli")
    second = querylog_sqlite.append_query_row(s, row)
    assert second == first + 1
    a, b = _rows(s)
    for k in ("id", "ts", "row_key"):
        a.pop(k), b.pop(k)
    assert a == b
    entry = querylog.get_entry(s, second)
    assert entry is not None and entry.reviewer == "Ana" and entry.route == "review" and entry.warnings


def test_log_answer_takes_the_fast_path_on_a_current_log(make_settings, monkeypatch):
    s = make_settings()
    querylog.log_answer(s, _answer("first"))
    monkeypatch.setattr(querylog, "append_row", lambda *a, **k: pytest.fail("took SQLAlchemy's path"))
    qid = querylog_sqlite.log_answer(s, _answer("second"), session_id="cli")
    assert [r["question"] for r in _rows(s)] == ["first", "second"] and _rows(s)[-1]["id"] == qid


def test_no_log_yet_is_left_to_querylog_which_creates_it(make_settings):
    s = make_settings()
    row = querylog_sqlite.answer_row(s, _answer("first ever"))
    assert querylog_sqlite.append_query_row(s, row) is None
    assert not (s.store_dir / "queries.sqlite").exists()  # mode=rw: never creates an empty file
    qid = querylog_sqlite.log_answer(s, _answer("first ever"))
    assert [r["id"] for r in _rows(s)] == [qid]


def test_the_same_row_is_written_once(make_settings):
    s = make_settings()
    querylog.log_answer(s, _answer("first"))
    row = querylog_sqlite.answer_row(s, _answer("again"))
    a = querylog_sqlite.append_query_row(s, row)
    b = querylog_sqlite.append_query_row(s, dict(row))
    c = querylog.append_row(s, "query", dict(row))
    assert a == b == c and len(_rows(s)) == 2


@pytest.mark.parametrize("case", ["older", "newer", "spooled", "server", "not-wal"])
def test_anything_unusual_is_left_to_querylog(case, make_settings, monkeypatch):
    s = make_settings()
    querylog.log_answer(s, _answer("first"))
    path = s.store_dir / "queries.sqlite"
    if case in ("older", "newer", "not-wal"):
        conn = sqlite3.connect(path, isolation_level=None)
        if case == "older":
            conn.execute("DELETE FROM _migrations WHERE name = ?", (querylog_sqlite.SCHEMA_MIGRATIONS[-1],))
        elif case == "newer":
            conn.execute("INSERT INTO _migrations (name, applied_at) VALUES ('m999_future', 'x')")
        else:
            conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
    elif case == "spooled":
        spool.append(s, "query", querylog_sqlite.answer_row(s, _answer("spooled while down")))
    else:
        s = s.model_copy(update={"database_url": "postgresql://nobody@127.0.0.1:9/none"})
    before = _rows(make_settings())
    assert querylog_sqlite.append_query_row(s, querylog_sqlite.answer_row(s, _answer("second"))) is None
    assert _rows(make_settings()) == before
