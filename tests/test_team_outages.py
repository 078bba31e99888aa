"""Team deployment outages: the Chroma server or PostgreSQL stops mid-run (both real, loopback)."""

from __future__ import annotations

import json

import pytest

from tests.teamkit import MARKS, QUESTIONS, items, rows_by_session, run_cli, signature, start_team, stop_team

pytestmark = MARKS


@pytest.fixture(scope="module")
def team(tmp_path_factory, corpus_dir):
    state = start_team(tmp_path_factory, corpus_dir, n_workers=1)
    yield state
    stop_team(state)


def test_chroma_server_stopped_mid_run_then_same_answers(team):
    w1 = team["workers"][0]
    qs = items(QUESTIONS[:6], "chroma-before")
    before = w1.ask(qs)
    assert [r["error"] for r in before] == [None] * len(qs)
    team["chroma"].stop()
    try:
        down = w1.ask(items(QUESTIONS[:6], "chroma-down"))
        for r in down:
            assert r["error"] and "\n" not in r["error"] and team["chroma"].url in r["error"], r
        cli = run_cli(team["env"], "ask", QUESTIONS[0][0], "--store", str(w1.store))
        assert cli.returncode == 1
        lines = cli.stderr.strip().splitlines()
        assert len(lines) == 1 and "Chroma server" in lines[0] and team["chroma"].url in lines[0], cli.stderr
    finally:
        team["chroma"].start()
    after = w1.ask(items(QUESTIONS[:6], "chroma-after"))
    assert [signature(r) for r in after] == [signature(r) for r in before]


def test_postgres_stopped_answers_shown_and_rows_written_when_back(team):
    w1 = team["workers"][0]
    store = team["ingest_store"]  # its cache and ONNX export are built: the run is the ask alone
    env = {**team["env"], "POLICYDESK_STORE": str(store)}
    question = "Nicotine pouch brand targeting adults 21+ in the US, asked while the log is down"
    team["pg"].stop()
    try:
        cli = run_cli(env, "ask", question, "--market", "US", "--json", "--reviewer", "cli-reviewer")
        assert cli.returncode == 0, cli.stderr
        assert json.loads(cli.stdout)["verdict"] in ("approve", "restrict", "reject", "escalate")
        lines = cli.stderr.strip().splitlines()
        assert len(lines) == 1 and "unavailable" in lines[0] and "written when the database is back" in lines[0], cli.stderr
        [r] = w1.ask(items([QUESTIONS[0]], "pg-down"))
        assert r["error"] is None and r["verdict"] and "unavailable" in r["log_error"]
    finally:
        team["pg"].start()
    # `policydesk log` writes what the CLI process spooled, then exports it from PostgreSQL
    log = run_cli(env, "log", "--format", "jsonl")
    assert log.returncode == 0, log.stderr
    mine = [json.loads(line) for line in log.stdout.splitlines() if question in line]
    assert len(mine) == 1 and mine[0]["reviewer"] == "cli-reviewer"
    # the worker's spooled row goes in with its next write
    w1.ask(items([QUESTIONS[1]], "pg-back"))
    rows = rows_by_session(team)
    assert rows.get("pg-down-0") == 1 and rows.get("pg-back-0") == 1
