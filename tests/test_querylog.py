"""The query log: schema and migrations, append-only audit, export, and no lost rows under load."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest
import sqlalchemy

from policydesk.core import querylog
from policydesk.core.errors import InputError, PolicydeskError
from policydesk.core.types import Answer, Citation


def _answer(q: str, verdict: str = "reject", market: str | None = "SG") -> Answer:
    return Answer(
        question=q,
        verdict=verdict,
        verdict_source="declared",
        answer=f"Not allowed [1]. ({q})",
        citations=[
            Citation(n=1, source="alcohol.md", section="Alcohol > Age", clause_id="ALC-2", text="Ads must not target minors.", quote="Ads must not target minors.")
        ],
        filters={"market": market} if market else {},
        latency_ms=12.5,
        backend="extractive",
    )


def test_round_trip_with_feedback(make_settings):
    s = make_settings()
    qid = querylog.log_answer(s, _answer("can beer ads run in SG?"), session_id="sess-1")
    fid = querylog.log_feedback(s, qid, "down", reason="wrong citation", text="cites the wrong clause", session_id="sess-1")
    assert fid > 0
    [e] = list(querylog.iter_log(s))
    assert e.id == qid and e.session_id == "sess-1"
    assert e.question == "can beer ads run in SG?"
    assert e.filters == {"market": "SG"}
    assert e.verdict == "reject" and e.verdict_source == "declared"
    assert e.citations[0]["clause_id"] == "ALC-2" and e.citations[0]["text"] == "Ads must not target minors."
    assert e.latency_ms == 12.5 and e.backend == "extractive"
    assert e.ts.endswith("+00:00")
    assert [(f.score, f.reason, f.text) for f in e.feedback] == [("down", "wrong citation", "cites the wrong clause")]
    assert e.thumbs_down and e.is_gap
    # a later thumbs-up from the reviewer supersedes the thumbs-down in the inbox
    querylog.log_feedback(s, qid, "up")
    assert querylog.thumbs_down(s) == []
    assert len(querylog.get_entry(s, qid).feedback) == 2


def test_schema_version_and_migrations_recorded(make_settings):
    s = make_settings()
    querylog.log_answer(s, _answer("q"))
    info = querylog.schema_info(s)
    assert info["version"] == querylog.SCHEMA_VERSION == len(querylog.MIGRATIONS)
    assert info["dialect"] == "sqlite"
    assert info["migrations"] == [name for name, _ in querylog.MIGRATIONS]
    assert info["journal_mode"] == "wal"


def test_old_log_upgrades_itself_and_keeps_rows(make_settings):
    """A log written by schema v1 (no triggers, no warnings column) is migrated on open."""
    s = make_settings()
    path = querylog.log_path(s)
    path.parent.mkdir(parents=True)
    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    with engine.begin() as db:
        querylog.MIGRATIONS[0][1](db)
        db.exec_driver_sql("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        db.exec_driver_sql("INSERT INTO _migrations VALUES ('m001_initial', '2024-01-01')")
        db.exec_driver_sql(
            "INSERT INTO queries (ts, question, verdict) VALUES ('2024-01-02T00:00:00.000+00:00', 'old question', 'approve')"
        )
    engine.dispose()

    querylog.log_answer(s, _answer("new question"))
    entries = list(querylog.iter_log(s))
    assert [e.question for e in entries] == ["old question", "new question"]
    assert entries[0].warnings == []
    assert querylog.schema_info(s)["version"] == querylog.SCHEMA_VERSION
    # running the migrations again changes nothing (idempotent)
    with querylog.open_log(s) as db2:
        for _, fn in querylog.MIGRATIONS:
            fn(db2)
    assert len(list(querylog.iter_log(s))) == 2


def test_log_from_a_newer_release_is_refused(make_settings):
    s = make_settings()
    querylog.log_answer(s, _answer("q"))
    db = sqlite3.connect(querylog.log_path(s))
    db.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', '2030-01-01')")
    db.commit()
    db.close()
    with pytest.raises(querylog.QueryLogError, match="newer than this policydesk"):
        querylog.log_answer(s, _answer("q2"))


def test_append_only(make_settings):
    s = make_settings()
    qid = querylog.log_answer(s, _answer("q"))
    querylog.log_feedback(s, qid, "up")
    for sql in ("UPDATE queries SET verdict='approve'", "DELETE FROM queries", "DELETE FROM feedback"):
        with pytest.raises(PolicydeskError, match="append-only"):
            with querylog.open_log(s) as db:
                db.exec_driver_sql(sql)
    assert querylog.count_rows(s) == {"queries": 1, "feedback": 1}


def test_bad_feedback_is_refused(make_settings):
    s = make_settings()
    qid = querylog.log_answer(s, _answer("q"))
    with pytest.raises(InputError, match="'up' or 'down'"):
        querylog.log_feedback(s, qid, "meh")
    with pytest.raises(InputError, match="reason must be one of"):
        querylog.log_feedback(s, qid, "down", reason="ugly")
    with pytest.raises(InputError, match="no logged answer with id 999"):
        querylog.log_feedback(s, 999, "down")


def test_export_csv_and_jsonl_with_since(make_settings):
    s = make_settings()
    path = querylog.log_path(s)
    querylog.log_answer(s, _answer("first, \"quoted\"\nmultiline"))
    # an old row written directly, to test --since
    with querylog.open_log(s) as db:
        db.exec_driver_sql("INSERT INTO queries (ts, question, verdict) VALUES ('2020-05-01T10:00:00.000+00:00', 'ancient', 'escalate')")
    qid = querylog.log_answer(s, _answer("second", verdict="escalate", market=None))
    querylog.log_feedback(s, qid, "down", reason="missing guidance")
    assert path.exists()

    buf = io.StringIO()
    assert querylog.export_log(s, buf, "csv") == 3
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["question"] for r in rows] == ["first, \"quoted\"\nmultiline", "ancient", "second"]
    assert rows[2]["feedback_score"] == "down" and rows[2]["feedback_reason"] == "missing guidance"
    assert rows[0]["citations"] == "[1] alcohol.md ALC-2"

    buf = io.StringIO()
    assert querylog.export_log(s, buf, "jsonl", since="2021-01-01") == 2
    objs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert [o["question"] for o in objs] == ["first, \"quoted\"\nmultiline", "second"]
    assert objs[1]["feedback"][0]["reason"] == "missing guidance"

    with pytest.raises(InputError, match="--since 'yesterday' is not a date"):
        list(querylog.iter_log(s, since="yesterday"))
    with pytest.raises(InputError, match="--format"):
        querylog.export_log(s, io.StringIO(), "xml")


def test_missing_log_reads_as_empty_but_export_says_so(make_settings):
    s = make_settings()
    assert list(querylog.iter_log(s)) == []
    with pytest.raises(InputError, match="no query log at"):
        querylog.schema_info(s)


def test_concurrent_threads_lose_nothing(make_settings):
    s = make_settings()
    n_threads, per_thread = 8, 40
    errors: list[BaseException] = []
    ids: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(n_threads)

    def worker(t: int):
        try:
            start.wait()
            for i in range(per_thread):
                qid = querylog.log_answer(s, _answer(f"t{t}-q{i}"), session_id=f"thread-{t}")
                if i % 4 == 0:
                    querylog.log_feedback(s, qid, "down", reason="other", text=f"t{t}-{i}")
                with lock:
                    ids.append(qid)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    entries = list(querylog.iter_log(s))
    assert len(entries) == n_threads * per_thread == len(set(ids))
    assert {e.question for e in entries} == {f"t{t}-q{i}" for t in range(n_threads) for i in range(per_thread)}
    assert sum(len(e.feedback) for e in entries) == n_threads * (per_thread // 4)


WRITER = textwrap.dedent(
    """
    import sys
    from policydesk.core.settings import Settings
    from policydesk.core import querylog
    from policydesk.core.types import Answer
    store, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    s = Settings(store=store)
    for i in range(n):
        a = Answer(question=f"{tag}-q{i}", verdict="escalate", verdict_source="none", answer="no guidance")
        qid = querylog.log_answer(s, a, session_id=tag)
        querylog.log_feedback(s, qid, "down", reason="missing guidance")
    print("done", tag)
    """
)


def test_concurrent_processes_and_threads_lose_nothing(make_settings):
    """Several processes (each a fresh log opener, racing the first migration) plus threads here."""
    s = make_settings()
    n_proc, per_proc = 4, 60
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(s.store_dir), f"p{p}", str(per_proc)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for p in range(n_proc)
    ]
    local = [threading.Thread(target=lambda t=t: [querylog.log_answer(s, _answer(f"local{t}-{i}")) for i in range(30)]) for t in range(2)]
    for t in local:
        t.start()
    for t in local:
        t.join()
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    entries = list(querylog.iter_log(s))
    questions = [e.question for e in entries]
    assert len(questions) == len(set(questions)) == n_proc * per_proc + 60
    for p in range(n_proc):
        mine = [e for e in entries if e.session_id == f"p{p}"]
        assert len(mine) == per_proc and all(len(e.feedback) == 1 for e in mine)
    assert querylog.schema_info(s)["migrations"] == [name for name, _ in querylog.MIGRATIONS]
