"""Reliability under faults and load, with real processes and real Chroma.

- SIGKILL of a running `policydesk ingest` at seeded random points spread over the whole run:
  the store keeps answering from the last committed catalog generation, and a re-run
  converges to exactly the ids a clean ingest gives (nothing duplicated, nothing missing).
- 8 concurrent askers while an ingest runs: no errors, every answer in the query log.

Embedded Chroma caches its vector index per process, so every check here opens a fresh
Chroma client (`_fresh`): it sees what is on disk, as a new `policydesk ask` process would.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from policydesk.core.settings import Settings

PY = sys.executable
SMALL_CORPUS = ("alcohol.md", "dating.md", "tobacco-and-vaping.txt")
EXTRA_DOC = "branded-content.md"
QUESTION = "Can an alcohol ad target people under the legal drinking age?"

WORKER = r"""
import sys
from policydesk.core.embedding import embedder_for
from policydesk.core.settings import Settings
import policydesk.ingest.pipeline  # noqa: F401  (imports paid before the clock starts)
import chromadb  # noqa: F401  (no client yet: it must see the store as it is at GO)
from policydesk.cli.main import app

embedder_for(Settings()).encode(["warm up"])
print("READY", flush=True)
sys.stdin.readline()
print("GO", flush=True)
app(sys.argv[1:])
"""


# --------------------------------------------------------------------------- helpers


def _fresh(settings: Settings):
    """Drop this process's cached Chroma clients so the next one reads the store from disk."""
    from chromadb.api.shared_system_client import SharedSystemClient

    from policydesk.core.store import forget_client

    forget_client(settings)
    SharedSystemClient.clear_system_cache()


def _write_corpus(src: Path, dest: Path, replica: int, with_extra: bool, only: str | None = None) -> None:
    """A small corpus; `only` re-varies just that file (the others keep their text)."""
    from policydesk.evals.perf_corpus import vary_text

    dest.mkdir(parents=True, exist_ok=True)
    names = list(SMALL_CORPUS) + [EXTRA_DOC]
    for name in names:
        target = dest / name
        if name == EXTRA_DOC and not with_extra:
            target.unlink(missing_ok=True)
            continue
        if only is not None and name != only and target.exists():
            continue
        f = src / name
        text = vary_text(f.read_text(encoding="utf-8"), f.suffix, replica, random.Random(replica))
        target.write_text(text, encoding="utf-8")


def _expected_ids(corpus: Path, settings: Settings) -> set[str]:
    """The ids a clean ingest of `corpus` commits (chunk ids are content-derived)."""
    from policydesk.ingest.chunking import chunk_document
    from policydesk.ingest.loaders import load_document

    ids: set[str] = set()
    for f in sorted(corpus.iterdir()):
        ids.update(c.id for c in chunk_document(load_document(f, corpus), settings.chunk_size, settings.chunk_overlap))
    return ids


def _committed(settings: Settings) -> tuple[str | None, set[str]]:
    from policydesk.core.store import CatalogStore

    cs = CatalogStore(settings.store_dir)
    return cs.current_generation(), set(cs.load().chunks)


def _chroma_ids(settings: Settings) -> tuple[list[str], set[str]]:
    """(every id stored, every id the vector index returns for a query over everything)."""
    from policydesk.core.store import cached_client

    _fresh(settings)
    coll = cached_client(settings).get_collection(settings.collection)
    stored = coll.get(include=[])["ids"]
    n = coll.count()
    found = coll.query(query_embeddings=[[0.05] * 384], n_results=max(1, n), include=[])["ids"][0] if n else []
    return stored, set(found)


def _retrieve(settings: Settings):
    from policydesk.assistant.retrieve import HybridRetriever

    _fresh(settings)
    return HybridRetriever(settings).retrieve(QUESTION, None, 5)


def _spawn_worker(tmp: Path, corpus: Path, store: Path) -> subprocess.Popen:
    script = tmp / "ingest_worker.py"
    if not script.exists():
        script.write_text(WORKER)
    return subprocess.Popen(
        [PY, str(script), "ingest", str(corpus), "--store", str(store)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_line(proc: subprocess.Popen, want: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"worker exited before {want}: {proc.stderr.read()[-2000:]}")
        if line.strip() == want:
            return
    raise AssertionError(f"worker did not print {want} in {timeout}s")


# --------------------------------------------------------------------------- SIGKILL trials


def _kill_after(worker: subprocess.Popen, delay: float) -> tuple[bool, float]:
    """Start the warm worker's ingest, SIGKILL it `delay` s later; (finished on its own, seconds)."""
    worker.stdin.write("go\n")
    worker.stdin.flush()
    _wait_line(worker, "GO")
    t0 = time.perf_counter()
    try:
        worker.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        return False, time.perf_counter() - t0
    return True, time.perf_counter() - t0


@pytest.mark.slow
def test_sigkill_during_ingest_keeps_last_commit_and_rerun_converges(tmp_path, corpus_dir):
    from policydesk.core.embedding import embedder_for
    from policydesk.ingest.pipeline import ingest_paths

    kills_wanted, max_trials = 10, 16
    rng = random.Random(20240601)
    corpus = tmp_path / "corpus"
    settings = Settings(store=tmp_path / "store")
    _write_corpus(corpus_dir, corpus, replica=0, with_extra=False)
    workers = [_spawn_worker(tmp_path, corpus, settings.store_dir) for _ in range(2)]
    embedder_for(settings).encode(["warm up"])
    report = ingest_paths([corpus], settings)
    assert not report.failed and report.chunks > 20

    # Calibration: one uninterrupted run of the same kind of change gives the time to spread kills over.
    _write_corpus(corpus_dir, corpus, replica=100, with_extra=True, only=SMALL_CORPUS[0])
    _wait_line(workers[0], "READY")
    finished, full = _kill_after(workers.pop(0), delay=300)
    assert finished and _committed(settings)[1] == _expected_ids(corpus, settings)
    _fresh(settings)

    outcomes: list[str] = []
    trial = 0
    # Trials go on until ten ingests were really killed (a trial whose ingest finished before
    # its kill time still checks convergence, and shortens the calibrated time: load varies).
    while sum(o.startswith("killed") for o in outcomes) < kills_wanted and trial < max_trials:
        workers.append(_spawn_worker(tmp_path, corpus, settings.store_dir))
        worker = workers.pop(0)
        prev_gen, prev_ids = _committed(settings)
        # One file changes entirely and a whole file comes or goes, so the killed run has loading,
        # embedding, upserting, committing and deleting to do.
        _write_corpus(corpus_dir, corpus, replica=trial + 1, with_extra=trial % 2 == 1, only=SMALL_CORPUS[trial % 3])
        want_ids = _expected_ids(corpus, settings)
        assert want_ids != prev_ids
        _wait_line(worker, "READY")
        # Stratified over the calibrated run; odd trials over its last 40% (upsert, commit, clean-up
        # are short, and uniform delays would mostly land in embedding).
        n = kills_wanted // 2
        k = (trial // 2) % n
        lo, hi = (0.0, 1.0) if trial % 2 == 0 else (0.6, 1.15)
        delay = full * (lo + (hi - lo) * (k + rng.random()) / n)
        finished, took = _kill_after(worker, delay)
        if finished:
            full = min(full, took)

        gen, ids = _committed(settings)
        stored, indexed = _chroma_ids(settings)
        if gen == prev_gen:
            wrote = bool((set(stored) - prev_ids) & want_ids)
            outcomes.append("killed after upserting, before commit" if wrote else "killed before upserting")
            assert ids == prev_ids, f"trial {trial}: catalog changed without a new generation"
        else:
            outcomes.append("finished" if finished else "killed after commit")
            assert ids == want_ids, f"trial {trial}: a new generation was committed but it is incomplete"
        # The committed state is fully queryable: every id it names is stored and indexed.
        assert ids <= set(stored), f"trial {trial}: committed chunks missing from Chroma"
        assert ids <= indexed, f"trial {trial}: committed chunks missing from the vector index"
        hits = _retrieve(settings)
        assert hits and {h.chunk.id for h in hits} <= ids

        # Re-run: converges to exactly a clean ingest's ids, no leftovers, no duplicates.
        _fresh(settings)
        again = ingest_paths([corpus], settings)
        assert not again.failed
        _, ids2 = _committed(settings)
        stored2, indexed2 = _chroma_ids(settings)
        assert ids2 == want_ids, f"trial {trial}: re-run catalog differs from a clean ingest"
        assert len(stored2) == len(set(stored2)) == len(want_ids), f"trial {trial}: duplicate or stale vectors"
        assert set(stored2) == want_ids and want_ids <= indexed2
        _fresh(settings)
        trial += 1

    for spare in workers:
        spare.kill()
        spare.wait(timeout=30)

    # The clean-ingest ids used above are the ones a real clean ingest commits.
    clean = Settings(store=tmp_path / "clean-store")
    ingest_paths([corpus], clean)
    assert _committed(clean)[1] == want_ids
    print(f"SIGKILL outcomes over a {full:.1f}s ingest:", {o: outcomes.count(o) for o in sorted(set(outcomes))})
    assert sum(o.startswith("killed") for o in outcomes) >= kills_wanted, outcomes


# --------------------------------------------------------------------------- concurrent askers


@pytest.mark.slow
def test_eight_askers_during_ingest_lose_nothing(tmp_path, corpus_dir):
    from policydesk.assistant.chain import ask
    from policydesk.core.querylog import iter_log, log_answer
    from policydesk.ingest.pipeline import ingest_paths

    corpus = tmp_path / "corpus"
    settings = Settings(store=tmp_path / "store")
    _write_corpus(corpus_dir, corpus, replica=0, with_extra=False)
    ingest_paths([corpus], settings)
    gen_before, _ = _committed(settings)
    _write_corpus(corpus_dir, corpus, replica=1, with_extra=True)
    want_ids = _expected_ids(corpus, settings)

    questions = [
        QUESTION,
        "Are dating ads allowed to use sexually suggestive images?",
        "Can we advertise nicotine pouches in Singapore?",
        "Is a vape shop allowed to run ads?",
        "Can alcohol ads run in Thailand?",
        "What age targeting do gambling ads need in the United States?",
    ]
    proc = subprocess.Popen(
        [str(Path(PY).parent / "policydesk"), "ingest", str(corpus), "--store", str(settings.store_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors: list[BaseException] = []
    logged: list[int] = []
    lock = threading.Lock()

    def asker(n: int) -> None:
        i = 0
        try:
            while i < 4 or (proc.poll() is None and i < 200):
                q = questions[(n + i) % len(questions)]
                answer = ask(q, settings=settings)
                qid = log_answer(settings, answer, session_id=f"asker-{n}")
                with lock:
                    logged.append(qid)
                i += 1
        except BaseException as exc:  # noqa: BLE001 - any failure is the finding
            errors.append(exc)

    threads = [threading.Thread(target=asker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert not errors, repr(errors[:3])
    assert not any(t.is_alive() for t in threads)
    rows = list(iter_log(settings))
    assert len(logged) == len(set(logged)) >= 32
    assert {r.id for r in rows} == set(logged)
    assert {r.session_id for r in rows} == {f"asker-{n}" for n in range(8)}
    gen_after, ids_after = _committed(settings)
    assert gen_after != gen_before and ids_after == want_ids
    # This long-lived process opened the store before the other process's ingest; its dense
    # search must now find the document that ingest added (not only the keyword index).
    from policydesk.assistant.retrieve import DenseRetriever

    hits = DenseRetriever(settings).retrieve("Must creators switch on the paid partnership label on branded content?", None, 5)
    assert hits and hits[0].chunk.source == EXTRA_DOC
    assert {h.chunk.id for h in hits} <= ids_after


# --------------------------------------------------------------------------- Chroma server faults


def _load_sibling(name: str):
    """The server helpers live with the server-mode tests; load them by path (tests/ is no package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.chromaserver
def test_chroma_server_dying_mid_query_is_clear_and_recovers(tmp_path, corpus_dir):
    server_helpers = _load_sibling("test_chroma_server")
    ChromaServer, small_corpus = server_helpers.ChromaServer, server_helpers.small_corpus
    from policydesk.assistant.chain import ask
    from policydesk.core.errors import StoreUnavailableError
    from policydesk.ingest.pipeline import ingest_paths

    server = ChromaServer(tmp_path / "chroma-data").start()
    try:
        settings = Settings(store=tmp_path / "store", chroma_url=server.url, collection="fault-test")
        ingest_paths([small_corpus(corpus_dir, tmp_path / "corpus")], settings)
        before = ask(QUESTION, settings=settings)
        assert before.citations

        # Askers keep querying; the server is killed while they do.
        outcomes: list[object] = []
        done = threading.Event()

        def keep_asking() -> None:
            while not done.is_set():
                try:
                    outcomes.append(ask(QUESTION, settings=settings))
                except BaseException as exc:  # noqa: BLE001 - the type is what we check
                    outcomes.append(exc)
                    return

        t = threading.Thread(target=keep_asking)
        t.start()
        deadline = time.monotonic() + 60
        while len(outcomes) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        server.kill()
        t.join(timeout=60)
        done.set()
        assert not t.is_alive()
        failure = outcomes[-1]
        assert isinstance(failure, StoreUnavailableError), repr(failure)
        assert server.url in str(failure) and "\n" not in str(failure)

        # While it is down every query says so, quickly and clearly.
        with pytest.raises(StoreUnavailableError, match="Chroma server"):
            ask(QUESTION, settings=settings)

        # Back on the same port and path: the very next query works, with the same evidence.
        server.start()
        after = ask(QUESTION, settings=settings)
        assert [c.chunk_id for c in after.citations] == [c.chunk_id for c in before.citations]
    finally:
        server.stop()
