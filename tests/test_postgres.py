"""The shared database: the same migrations and log code on a real PostgreSQL 15 on loopback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import threading

import pytest
import sqlalchemy as sa

from policydesk.core import database, golden_drafts, querylog, run_index, spool
from policydesk.core.errors import PolicydeskError
from policydesk.core.settings import Settings
from policydesk.core.types import Answer
from tests.pgserver import PostgresServer, available

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(available() is not None, reason=str(available()))]


@pytest.fixture(scope="module")
def pg():
    server = PostgresServer().init()
    yield server
    database.dispose_all()
    server.cleanup()


@pytest.fixture
def pg_settings(pg, tmp_path):
    """A fresh database per test, so row counts are this test's own."""
    name = f"t_{tmp_path.name.lower().replace('-', '_')[-40:]}"
    admin = sa.create_engine(pg.url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return Settings(store=tmp_path / "store", database_url=pg.url.rsplit("/", 1)[0] + f"/{name}", reviewer="pg-tester")


def _answer(q: str, verdict: str = "escalate") -> Answer:
    return Answer(question=q, verdict=verdict, verdict_source="none", answer=f"no guidance ({q})", filters={"market": "SG"})


def test_same_migrations_and_round_trip_on_postgres(pg_settings):
    s = pg_settings
    qid = querylog.log_answer(s, _answer("can beer ads run in SG?"), session_id="sess-1")
    querylog.log_feedback(s, qid, "down", reason="wrong citation", text="cites the wrong clause")
    info = querylog.schema_info(s)
    assert info["dialect"] == "postgresql"
    assert info["migrations"] == [name for name, _ in querylog.MIGRATIONS]
    [e] = list(querylog.iter_log(s))
    assert (e.question, e.reviewer, e.filters) == ("can beer ads run in SG?", "pg-tester", {"market": "SG"})
    assert e.feedback[0].reason == "wrong citation" and e.feedback[0].reviewer == "pg-tester"
    assert querylog.thumbs_down(s)[0].id == qid
    # nothing was written to a local SQLite file
    assert not querylog.log_path(s).exists()
    # append-only holds on PostgreSQL too
    for sql in ("UPDATE queries SET verdict='approve'", "DELETE FROM feedback"):
        with pytest.raises(PolicydeskError, match="append-only"):
            with querylog.open_log(s) as db:
                db.exec_driver_sql(sql)
    buf = io.StringIO()
    assert querylog.export_log(s, buf, "csv") == 1
    assert "pg-tester" in buf.getvalue()


def test_drafts_and_eval_run_index_live_in_postgres(pg_settings, tmp_path):
    s = pg_settings
    qid = querylog.log_answer(s, _answer("q"))
    case = {"id": f"log-{qid}", "question": "q", "expected_decision": "reject", "expected_evidence": []}
    golden_drafts.save_draft(s, case, query_id=qid)
    golden_drafts.save_draft(s, {**case, "expected_decision": "restrict"}, query_id=qid)
    golden_drafts.save_draft(s, {**case, "id": "other"})
    drafts = golden_drafts.list_drafts(s)
    assert list(drafts) == [f"log-{qid}", "other"] and drafts[f"log-{qid}"]["expected_decision"] == "restrict"
    golden_drafts.clear_drafts(s, ["other"])
    assert list(golden_drafts.list_drafts(s)) == [f"log-{qid}"]

    run_index.record_run(s, tmp_path / "runs" / "r1", {"n_cases": 3, "decision_accuracy": 0.5, "backend": "extractive"})
    [r] = run_index.list_indexed_runs(s)
    assert (r["name"], r["n_cases"], r["reviewer"], r["metrics"]["decision_accuracy"]) == ("r1", 3, "pg-tester", 0.5)


WRITER = textwrap.dedent(
    """
    import sys
    from policydesk.core.settings import Settings
    from policydesk.core import querylog
    from policydesk.core.types import Answer
    store, url, tag, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    s = Settings(store=store, database_url=url, reviewer=tag)
    for i in range(n):
        a = Answer(question=f"{tag}-q{i}", verdict="escalate", verdict_source="none", answer="no guidance")
        qid = querylog.log_answer(s, a, session_id=tag)
        querylog.log_feedback(s, qid, "down", reason="missing guidance")
    """
)


def test_concurrent_processes_race_the_first_migration_and_lose_nothing(pg_settings):
    s = pg_settings
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(s.store_dir / f"p{p}"), s.database_url, f"p{p}", "25"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for p in range(3)
    ]  # fmt: skip
    threads = [threading.Thread(target=lambda t=t: [querylog.log_answer(s, _answer(f"local{t}-{i}")) for i in range(20)]) for t in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    entries = list(querylog.iter_log(s))
    questions = [e.question for e in entries]
    assert len(questions) == len(set(questions)) == 3 * 25 + 3 * 20
    assert all(len(e.feedback) == 1 for e in entries if e.session_id.startswith("p"))
    assert querylog.schema_info(s)["migrations"] == [name for name, _ in querylog.MIGRATIONS]


def test_database_down_spools_then_writes_each_row_exactly_once(pg, pg_settings):
    s = pg_settings
    first = querylog.log_answer(s, _answer("before the outage"))
    pg.stop()
    try:
        with pytest.raises(querylog.LogDeferred) as err:
            querylog.log_answer(s, _answer("during the outage 1"))
        message = str(err.value)
        assert "\n" not in message and "unavailable" in message and "written when the database is back" in message
        assert "127.0.0.1" in message and str(spool.spool_path(s)) in message
        with pytest.raises(querylog.LogDeferred):
            querylog.log_feedback(s, first, "down", reason="other", text="said during the outage")
        with pytest.raises(querylog.LogDeferred):
            querylog.log_answer(s, _answer("during the outage 2"))
        assert spool.pending(s) == 3
        with pytest.raises(querylog.DatabaseUnavailableError, match="unavailable"):
            list(querylog.iter_log(s))  # reading says so in one line, too
    finally:
        pg.start()
    # The next write drains the spool first, in order, then writes its own row.
    querylog.log_answer(s, _answer("after the outage"))
    assert spool.pending(s) == 0
    entries = list(querylog.iter_log(s))
    assert [e.question for e in entries] == ["before the outage", "during the outage 1", "during the outage 2", "after the outage"]
    assert entries[0].feedback[0].text == "said during the outage"
    # a row retried again (e.g. the first try reached the server) is not written twice
    row = querylog.answer_row(s, _answer("retried"))
    spool.append(s, "query", row)
    spool.append(s, "query", row)
    assert querylog.drain_spool(s) == 2
    assert [e.question for e in querylog.iter_log(s)].count("retried") == 1
    assert json.loads(querylog.get_entry(s, entries[0].id).model_dump_json())["reviewer"] == "pg-tester"


def test_app_pages_read_and_write_the_postgres_log(pg_settings, monkeypatch, tmp_path):
    """The feedback inbox lists thumbs-downs from PostgreSQL and saves drafts there."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    s = pg_settings
    qid = querylog.log_answer(s, _answer("Can a dating app target teenagers?"), session_id="other-machine")
    querylog.log_feedback(s, qid, "down", reason="wrong verdict", text="should be reject")
    ui = Path(__file__).resolve().parents[1] / "ui"
    monkeypatch.setenv("POLICYDESK_STORE", str(tmp_path / "empty-store"))
    monkeypatch.setenv("POLICYDESK_DATABASE_URL", s.database_url)
    monkeypatch.setenv("POLICYDESK_RUNS_DIR", str(tmp_path / "runs"))
    monkeypatch.setenv("POLICYDESK_REVIEWER", "qa-lead")
    at = AppTest.from_file(str(ui / "pages" / "main.py"), default_timeout=120)
    at.run()
    at.switch_page(str(ui / "pages" / "feedback_inbox.py")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 answers with a thumbs-down" in c.value for c in at.caption)
    at.selectbox(key=f"dv-{qid}").set_value("reject")
    [button] = [b for b in at.button if b.proto.form_id == f"draft-{qid}"]
    button.click().run()
    assert not at.exception
    drafts = golden_drafts.list_drafts(s)
    assert drafts[f"log-{qid}"]["expected_decision"] == "reject"
    with querylog.open_log(s) as db:
        assert db.exec_driver_sql("SELECT reviewer FROM golden_drafts").scalars().all() == ["qa-lead"]
    assert not (tmp_path / "empty-store" / "queries.sqlite").exists()
