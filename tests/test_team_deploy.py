"""Team deployment: two app processes with empty local stores answer from one `chroma run`
server and log to one PostgreSQL, both real and on loopback, while a third process ingests."""

from __future__ import annotations

import subprocess
import time

import pytest

from tests.teamkit import (
    ALCOHOL, MARKS, POLICYDESK, QUESTIONS, both, items, rows_by_session, settings_for, signature, start_team, stop_team,
)

pytestmark = MARKS


@pytest.fixture(scope="module")
def team(tmp_path_factory, corpus_dir):
    state = start_team(tmp_path_factory, corpus_dir, n_workers=2)
    yield state
    stop_team(state)


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
    # every field of every chunk (rules ride on chunks) and every document record came through whole
    from policydesk.core.store import CatalogStore

    source = CatalogStore(team["ingest_store"]).load()
    cached = CatalogStore(w1.store).load()
    assert cached.chunks == source.chunks and cached.documents == source.documents
    assert any(c.logic for c in cached.chunks.values())  # a field added to Chunk later (clause logic) came along
    rows = rows_by_session(team)
    assert all(rows[f"p{p}-{i}"] == 1 for p in (1, 2) for i in range(20))


def test_reingest_while_answering_is_atomic_and_every_question_logged_once(team):
    """2 processes x 4 concurrent askers during an ingest of a changed document."""
    from policydesk.core.store import load_catalog

    ingest_settings = settings_for(team, team["ingest_store"])
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
        time.sleep(0.5)  # leave the ingest some of the two cores
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
    n_old = sum(1 for r in results if {c["version"] for c in r["citations"] if c["source"] == "alcohol.md"} == {"2.1"})
    print(f"re-ingest: {len(results)} answers during/after it, {n_old} from the old generation, {round_no} rounds")
    # every question exactly once in PostgreSQL, none lost or doubled
    rows = rows_by_session(team)
    assert [r["log_error"] for r in results] == [None] * len(results)
    assert {r["key"]: rows.get(r["key"]) for r in results} == {r["key"]: 1 for r in results}


