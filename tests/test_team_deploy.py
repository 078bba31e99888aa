"""Team deployment: app processes with empty local stores answer from one `chroma run` server
and log to one PostgreSQL, both real and on loopback (issue 14's proofs).

Answering processes are tests/team_worker.py (the library `ask` + log, the model kept loaded,
several threads); the ingest, and the asks that check error lines, are real `policydesk` runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from policydesk.core import database
from policydesk.core.settings import Settings
from tests.pgserver import PostgresServer, available
from tests.test_chroma_server import ChromaServer, small_corpus

pytestmark = [
    pytest.mark.chromaserver,
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.skipif(available() is not None, reason=str(available())),
]

POLICYDESK = Path(sys.executable).parent / "policydesk"
WORKER = Path(__file__).with_name("team_worker.py")
COLLECTION = "team"
QUESTIONS = [
    ("can a beer brand run ads to 19 year olds in Singapore?", "SG"),
    ("Beer brand wants to include 19 and 20 year olds in its US campaign - ok?", "US"),
    ("Lager campaign in Thailand targeting 18-24 year olds, okay?", "TH"),
    ("Whisky brand wants a pure brand-awareness video in Indonesia, no bottle shown at all. Allowed?", "ID"),
    ("A bar in Singapore wants to boost its 1-for-1 happy hour cocktails promo", "SG"),
    ("London pub wants to advertise its happy hour on weekdays, verified alcohol advertiser, 18+ audience. Fine?", "GB"),
    ("vodka spot where the guy does a shot and then gets the girl - any issue?", None),
    ("Do we need alcohol verification to advertise a 0.0% alcohol-free beer in Germany?", "DE"),
    ("Liquor delivery app in the US has a state retail licence. What else do they need to advertise?", "US"),
    ("We're launching a cider brand in Kenya. What age setting do alcohol ads need there?", "KE"),
    ("Certified dating app, UK campaign, 18+", "GB"),
    ("Hookup app ad: 'find someone tonight, no strings'", None),
    ("Casual dating app (certified) wants to expand to Malaysia", "MY"),
    ("Muslim marriage matchmaking service in Indonesia", "ID"),
    ("Dating app wants to run ads in Vietnam", "VN"),
    ("Disposable vape brand wants ads in the UK", "GB"),
    ("Shop listing for nicotine-free e-liquid", None),
    ("Quit-smoking app that doesn't sell nicotine products", None),
    ("Singapore restaurant ad, a diner is vaping in the background", "SG"),
    ("Nicotine pouch brand targeting adults 21+ in the US", "US"),
]
ALCOHOL = [q for q in QUESTIONS[:10]]


class Worker:
    """One answering process with its own (initially empty) local store."""

    def __init__(self, env: dict, store: Path, reviewer: str):
        self.store = store
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER)],
            env={**env, "POLICYDESK_STORE": str(store), "POLICYDESK_REVIEWER": reviewer},
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    def wait_ready(self) -> None:
        line = self.proc.stdout.readline()
        assert line and json.loads(line).get("ready"), self.proc.stderr.read()[-2000:]

    def ask(self, items: list[dict], threads: int = 4) -> list[dict]:
        self.proc.stdin.write(json.dumps({"items": items, "threads": threads}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read()[-2000:]
        return json.loads(line)["results"]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def items(questions, tag: str) -> list[dict]:
    return [{"key": f"{tag}-{i}", "q": q, "market": m} for i, (q, m) in enumerate(questions)]


def both(workers: list[Worker], batches: list[list[dict]], threads: int = 4) -> list[list[dict]]:
    """Each worker answers its batch at the same time as the others."""
    out: list[list[dict] | None] = [None] * len(workers)
    ts = [threading.Thread(target=lambda i=i: out.__setitem__(i, workers[i].ask(batches[i], threads))) for i in range(len(workers))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return out  # type: ignore[return-value]


def signature(r: dict) -> tuple:
    return (r["verdict"], tuple((c["source"], c["chunk_id"], c["quote"]) for c in r["citations"]))


def run_cli(env: dict, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(POLICYDESK), *args], env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def team(tmp_path_factory, corpus_dir):
    root = tmp_path_factory.mktemp("team")
    chroma = ChromaServer(root / "chroma-data").start()
    pg = PostgresServer().init()
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "POLICYDESK_CHROMA_URL": chroma.url,
        "POLICYDESK_COLLECTION": COLLECTION,
        "POLICYDESK_DATABASE_URL": pg.url,
    }
    corpus = small_corpus(corpus_dir, root / "corpus")
    ingest_store = root / "ingest-store"
    res = run_cli(env, "ingest", str(corpus), "--store", str(ingest_store))
    assert res.returncode == 0, res.stderr
    workers = [Worker(env, root / f"answer-store-{i}", f"moderator-{i}") for i in range(2)]
    for w in workers:
        assert not w.store.exists()  # empty local stores: everything must come from the server
    for w in workers:
        w.wait_ready()
    state = {"root": root, "chroma": chroma, "pg": pg, "env": env, "corpus": corpus, "ingest_store": ingest_store, "workers": workers}
    yield state
    for w in workers:
        w.close()
    chroma.stop()
    database.dispose_all()
    pg.cleanup()


def _settings(team, store: Path) -> Settings:
    return Settings(store=store, chroma_url=team["chroma"].url, collection=COLLECTION, database_url=team["pg"].url)


def _rows_by_session(team) -> dict[str, int]:
    eng = sa.create_engine(team["pg"].url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with eng.connect() as c:
            return dict(c.exec_driver_sql("SELECT session_id, count(*) FROM queries GROUP BY session_id").fetchall())
    finally:
        eng.dispose()


def test_two_processes_with_empty_stores_answer_identically(team):
    w1, w2 = team["workers"]
    a, b = both([w1, w2], [items(QUESTIONS, "p1"), items(QUESTIONS, "p2")])
    assert [r["error"] for r in a + b] == [None] * 40
    assert [r["log_error"] for r in a + b] == [None] * 40
    assert [signature(r) for r in a] == [signature(r) for r in b]
    assert sum(1 for r in a if r["citations"]) >= 15
    # each local store is now a cache of the generation the server published
    ingest_gen = (team["ingest_store"] / "catalog" / "CURRENT").read_text()
    for w in (w1, w2):
        assert (w.store / "catalog" / "CURRENT").read_text() == ingest_gen
    rows = _rows_by_session(team)
    assert all(rows[f"p{p}-{i}"] == 1 for p in (1, 2) for i in range(20))


def test_reingest_while_answering_is_atomic_and_every_question_logged_once(team):
    """2 processes x 4 concurrent askers during an ingest of a changed document."""
    from policydesk.core.store import load_catalog

    ingest_settings = _settings(team, team["ingest_store"])
    old_ids = set(load_catalog(ingest_settings).chunks)
    alcohol = team["corpus"] / "alcohol.md"
    text = alcohol.read_text()
    assert 'version: "2.1"' in text
    changed = text.replace('version: "2.1"', 'version: "2.2"').replace(
        "Where local law is stricter than this policy,", "Where local law is stricter than this policy (see 2.2 notes),"
    )
    alcohol.write_text(changed)
    ingest = subprocess.Popen(
        [str(POLICYDESK), "ingest", str(team["corpus"]), "--store", str(team["ingest_store"])],
        env=team["env"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    results: list[dict] = []
    round_no, done_at = 0, None
    while True:
        batch = [items(ALCOHOL[:8], f"r{round_no}-w{w}") for w in range(2)]
        for part in both(team["workers"], batch):
            results += part
        round_no += 1
        if ingest.poll() is not None and done_at is None:
            done_at = time.monotonic()
        if done_at is not None and time.monotonic() - done_at > 3:  # readers switch within REFRESH_S
            break
    _, err = ingest.communicate()
    assert ingest.returncode == 0, err
    new_ids = set(load_catalog(ingest_settings).chunks)
    assert new_ids != old_ids

    assert [r["error"] for r in results] == [None] * len(results)
    seen = set()
    for r in results:
        cited = {c["chunk_id"] for c in r["citations"]}
        versions = {c["version"] for c in r["citations"] if c["source"] == "alcohol.md"}
        assert cited <= old_ids or cited <= new_ids, r
        assert len(versions) <= 1, r  # never a mix of the two generations
        if cited & (old_ids - new_ids):
            assert versions == {"2.1"}, r
        if cited & (new_ids - old_ids):
            assert versions == {"2.2"}, r
        seen |= versions
    assert "2.2" in seen  # the new generation was picked up without a restart
    # every question exactly once in PostgreSQL, none lost or doubled
    rows = _rows_by_session(team)
    assert [r["log_error"] for r in results] == [None] * len(results)
    assert {r["key"]: rows.get(r["key"]) for r in results} == {r["key"]: 1 for r in results}


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
    store = team["root"] / "cli-store"
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
    rows = _rows_by_session(team)
    assert rows.get("pg-down-0") == 1 and rows.get("pg-back-0") == 1
