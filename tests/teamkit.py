"""Shared set-up of the team-deployment tests: a real `chroma run`, a real PostgreSQL, a small
corpus ingested by a `policydesk ingest` process, and answering processes with empty stores.

Answering processes are tests/team_worker.py (the library `ask` + log, the model kept loaded,
several threads); the ingest, and the asks that check error lines, are real `policydesk` runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from policydesk.core import database
from policydesk.core.settings import Settings
from policydesk.evals.chroma_server import ChromaServer
from tests.pgserver import PostgresServer, available
from tests.test_chroma_server import small_corpus

MARKS = [
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
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                self.proc.wait(timeout=10)


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


def start_team(tmp_path_factory, corpus_dir, n_workers: int):
    """Servers, an ingest from a third process, and `n_workers` answering processes (stopped by stop_team)."""
    root = tmp_path_factory.mktemp("team")
    chroma = ChromaServer(root / "chroma-data").start()
    pg = PostgresServer()
    workers: list[Worker] = []
    try:
        return _start(root, chroma, pg.init(), corpus_dir, n_workers, workers)
    except BaseException:
        stop_team({"workers": workers, "chroma": chroma, "pg": pg})
        raise


def _start(root, chroma, pg, corpus_dir, n_workers, workers):
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "POLICYDESK_CHROMA_URL": chroma.url,
        "POLICYDESK_COLLECTION": COLLECTION,
        "POLICYDESK_DATABASE_URL": pg.url,
    }
    corpus = small_corpus(corpus_dir, root / "corpus")
    ingest_store = root / "ingest-store"
    # The answering processes load their model while a third process ingests.
    workers += [Worker(env, root / f"answer-store-{i}", f"moderator-{i}") for i in range(n_workers)]
    res = run_cli(env, "ingest", str(corpus), "--store", str(ingest_store))
    assert res.returncode == 0, res.stderr
    for w in workers:
        w.wait_ready()
        assert not w.store.exists()  # empty local stores: everything must come from the server
    state = {"root": root, "chroma": chroma, "pg": pg, "env": env, "corpus": corpus, "ingest_store": ingest_store, "workers": workers}
    return state


def stop_team(state) -> None:
    workers, chroma, pg = state["workers"], state["chroma"], state["pg"]
    for w in workers:
        w.close()
    chroma.stop()
    database.dispose_all()
    pg.cleanup()


def settings_for(team, store: Path) -> Settings:
    return Settings(store=store, chroma_url=team["chroma"].url, collection=COLLECTION, database_url=team["pg"].url)


def rows_by_session(team) -> dict[str, int]:
    eng = sa.create_engine(team["pg"].url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with eng.connect() as c:
            return dict(c.exec_driver_sql("SELECT session_id, count(*) FROM queries GROUP BY session_id").fetchall())
    finally:
        eng.dispose()


