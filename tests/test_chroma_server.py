"""Server mode: ingest and ask against a real `chroma run` server on a free loopback port."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policydesk.core.settings import Settings
from policydesk.evals.chroma_server import ChromaServer, free_port

SERVER_CORPUS = ("alcohol.md", "dating.md", "tobacco-and-vaping.txt")


def small_corpus(src: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in SERVER_CORPUS:
        shutil.copy2(src / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    server = ChromaServer(tmp_path_factory.mktemp("chroma-data")).start()
    yield server
    server.stop()


@pytest.mark.chromaserver
@pytest.mark.slow
def test_ingest_and_ask_through_a_chroma_server(chroma_server, tmp_path, corpus_dir):
    import chromadb

    from policydesk.assistant.chain import ask
    from policydesk.core.store import load_catalog
    from policydesk.ingest.pipeline import ingest_paths

    corpus = small_corpus(corpus_dir, tmp_path / "corpus")
    settings = Settings(store=tmp_path / "store", chroma_url=chroma_server.url, collection="server-test")
    report = ingest_paths([corpus], settings)
    assert not report.failed and report.chunks > 0 and report.embedded == report.chunks

    # The vectors live in the server, not in an embedded store beside the catalog.
    assert not (settings.store_dir / "chroma").exists()
    remote = chromadb.HttpClient(host="127.0.0.1", port=chroma_server.port).get_collection("server-test")
    catalog = load_catalog(settings)
    assert set(remote.get(include=[])["ids"]) == set(catalog.chunks)

    answer = ask("Can alcohol ads run in Indonesia?", settings=settings)
    assert answer.citations, answer.answer
    assert answer.citations[0].source == "alcohol.md"
    assert all(c.chunk_id in catalog.chunks for c in answer.citations)

    # Re-ingest against the server is incremental too.
    again = ingest_paths([corpus], settings)
    assert again.embedded == 0 and sorted(again.unchanged) == sorted(SERVER_CORPUS)


@pytest.mark.chromaserver
def test_unreachable_server_is_a_clear_error(tmp_path, corpus_dir):
    from policydesk.core.errors import StoreUnavailableError
    from policydesk.ingest.pipeline import ingest_paths

    url = f"http://127.0.0.1:{free_port()}"
    settings = Settings(store=tmp_path / "store", chroma_url=url)
    with pytest.raises(StoreUnavailableError, match=r"127\.0\.0\.1.*(start it|running)"):
        ingest_paths([small_corpus(corpus_dir, tmp_path / "corpus")], settings)
    # Nothing was committed: the catalog does not claim chunks the server never got.
    assert not (settings.store_dir / "catalog" / "CURRENT").exists()


@pytest.mark.chromaserver
@pytest.mark.slow
def test_sentence_vectors_fetched_by_id_equal_those_found_by_metadata(chroma_server, tmp_path, corpus_dir):
    import numpy as np

    from policydesk.core.sentence_store import ServerSentenceStore
    from policydesk.core.sentences import split_sentences
    from policydesk.core.store import load_catalog
    from policydesk.ingest.pipeline import ingest_paths

    corpus = small_corpus(corpus_dir, tmp_path / "corpus")
    writer = Settings(store=tmp_path / "writer", chroma_url=chroma_server.url, collection="sv-test")
    assert not ingest_paths([corpus], writer).failed
    chunks = list(load_catalog(writer).chunks.values())[:12]
    spans = {c.id: [(s.start, s.end) for s in split_sentences(c.text)] for c in chunks}

    # Two readers with empty local stores: one asks by id (the answerer's way), one by metadata.
    by_id = ServerSentenceStore(Settings(store=tmp_path / "r1", chroma_url=chroma_server.url, collection="sv-test"))
    by_meta = ServerSentenceStore(Settings(store=tmp_path / "r2", chroma_url=chroma_server.url, collection="sv-test"))
    calls: list[dict] = []
    real_collection = by_id._collection

    class Spy:
        def __init__(self, coll):
            self.coll = coll

        def get(self, **kwargs):
            calls.append(kwargs)
            return self.coll.get(**kwargs)

    by_id._collection = lambda create=False: Spy(real_collection(create))
    got = by_id.get_many(list(spans), spans=spans)
    assert calls and all("ids" in c and "where" not in c for c in calls)  # no metadata scan
    ref = by_meta.get_many(list(spans))
    assert set(got) == set(ref) == set(spans)
    for cid, rows in ref.items():
        assert set(got[cid]) == set(rows) == set(spans[cid])  # every sentence the answerer looks up is found
        for key, vec in rows.items():
            assert np.allclose(got[cid][key], vec, atol=1e-3)
