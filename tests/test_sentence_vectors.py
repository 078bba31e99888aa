"""Sentence vectors pooled at ingest: the real model, a real store, the real answerer."""

from __future__ import annotations

import numpy as np

from policydesk.core.embedding import embedder_for, pool_spans
from policydesk.core.sentence_store import SentenceStore, sentence_store
from policydesk.core.sentences import split_sentences
from policydesk.core.store import load_catalog

TEXT = (
    "Gambling > Licensing\n"
    "Ads for online casinos are allowed only for operators licensed in the target market. "
    "Lotteries run by the state may advertise everywhere. "
    "Nothing here covers fantasy sports."
)


def _spans(text: str) -> list[tuple[int, int]]:
    body = text.split("\n", 1)[1]
    shift = len(text) - len(body)
    return [(s.start + shift, s.end + shift) for s in split_sentences(body)]


def test_one_pass_gives_the_models_own_text_vectors_and_a_vector_per_sentence(make_settings):
    embedder = embedder_for(make_settings())
    texts = [TEXT, "Short one. Two sentences here.", "x" * 5]
    spans = [_spans(TEXT), [(0, 10), (11, 30)], [(0, 5)]]
    vecs, pooled = embedder.encode_with_sentences(texts, spans)
    assert np.allclose(vecs, embedder.encode(texts), atol=1e-5)
    assert set(pooled[0]) == set(spans[0]) and set(pooled[1]) == {(0, 10), (11, 30)}
    # Each pooled sentence is closest to its own standalone encoding among the chunk's sentences.
    alone = embedder.encode([TEXT[a:b] for a, b in spans[0]])
    for i, key in enumerate(spans[0]):
        sims = alone @ pooled[0][key]
        assert int(np.argmax(sims)) == i, (key, sims)
        assert abs(float(np.linalg.norm(pooled[0][key])) - 1.0) < 1e-4


def test_spans_past_the_length_limit_get_no_vector(make_settings):
    embedder = embedder_for(make_settings())
    long_text = " ".join(f"Sentence number {i} says something about ads." for i in range(120))
    spans = [(s.start, s.end) for s in split_sentences(long_text)]
    _, pooled = embedder.encode_with_sentences([long_text], [spans])
    assert spans[0] in pooled[0]
    assert spans[-1] not in pooled[0]  # the model never saw it: the answerer encodes it itself


def test_pool_spans_ignores_special_tokens_and_empty_spans():
    tokens = np.array([[9.0, 9.0], [1.0, 0.0], [0.0, 1.0], [9.0, 9.0]], dtype=np.float32)
    offsets = np.array([[0, 0], [0, 3], [4, 7], [0, 0]])
    out = pool_spans(tokens, offsets, [(0, 3), (0, 7), (8, 9)])
    assert np.allclose(out[(0, 3)], [1.0, 0.0])
    assert np.allclose(out[(0, 7)], np.array([1.0, 1.0]) / np.sqrt(2))
    assert (8, 9) not in out


def test_store_round_trip_model_isolation_and_clean_up(tmp_path):
    store = SentenceStore(tmp_path, "model-a")
    v = np.array([0.6, 0.8], dtype=np.float32)
    assert store.get_many(["c1"]) == {}  # no file yet: callers encode
    assert store.put_many([("c1", {(0, 5): v, (6, 9): -v}), ("c2", {}), ("c3", {(0, 2): v})]) == 3
    got = store.get_many(["c1", "c2", "nope"])
    assert set(got) == {"c1"} and np.allclose(got["c1"][(6, 9)], -v, atol=1e-3)
    assert SentenceStore(tmp_path, "model-b").get_many(["c1"]) == {}
    assert store.keep_only({"c1", "c2"}) == 1
    assert store.known_ids() == {"c1", "c2"}  # c2: seen, nothing pooled; not embedded again


def test_ingest_stores_every_sentence_and_drops_rows_of_replaced_chunks(make_settings, tmp_path):
    from policydesk.ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    doc = docs / "tobacco.md"
    doc.write_text("# Tobacco\n\n## Cigarettes\n\nAds for cigarettes are not allowed. Vapes are covered in 2.\n\n"
                   "## Vapes\n\nAds for e-cigarettes are allowed only to adults. They must not show flavours.\n")
    settings = make_settings()
    ingest_paths([docs], settings)
    catalog = load_catalog(settings)
    stored = sentence_store(settings).get_many(list(catalog.chunks))
    assert set(stored) == set(catalog.chunks)
    for cid, chunk in catalog.chunks.items():
        assert set(stored[cid]) == {(s.start, s.end) for s in split_sentences(chunk.text)}
    old_ids = set(catalog.chunks)

    doc.write_text(doc.read_text().replace("only to adults", "only to adults over 21"))
    ingest_paths([docs], settings)
    new_ids = set(load_catalog(settings).chunks)
    assert new_ids != old_ids
    assert sentence_store(settings).known_ids() == new_ids


def test_answer_reads_stored_sentence_vectors_instead_of_encoding(sample_store, monkeypatch):
    from policydesk.assistant import sentence_vectors as sv
    from policydesk.assistant.chain import ask

    embedder = embedder_for(sample_store)
    calls: list[int] = []
    real = type(embedder).encode

    def counting(self, texts, *a, **k):
        calls.append(len(texts))
        return real(self, texts, *a, **k)

    monkeypatch.setattr(sv, "SENTENCES", sv.SentenceCache())
    monkeypatch.setattr(type(embedder), "encode", counting)
    result = ask("Can a licensed online casino advertise in the UK?", settings=sample_store)
    assert result.citations, result
    assert all(n <= 1 for n in calls), calls  # the question only; no batch of sentences


def test_answer_encodes_sentences_the_store_lacks(sample_store, monkeypatch):
    """A store ingested before sentence vectors existed still answers: the answerer encodes."""
    from policydesk.assistant import sentence_vectors as sv
    from policydesk.assistant.chain import ask

    monkeypatch.setattr(sv, "SENTENCES", sv.SentenceCache())
    monkeypatch.setattr(SentenceStore, "get_many", lambda self, ids, spans=None: {})
    embedder = embedder_for(sample_store)
    calls: list[int] = []
    real = type(embedder).encode
    monkeypatch.setattr(type(embedder), "encode", lambda self, texts, *a, **k: calls.append(len(texts)) or real(self, texts, *a, **k))
    result = ask("Can a licensed online casino advertise in the UK?", settings=sample_store)
    assert result.citations
    assert any(n > 1 for n in calls), calls


def test_ingest_backfills_sentence_vectors_of_chunks_indexed_without_them(make_settings, tmp_path):
    """A store indexed before sentence vectors existed gets them on the next ingest, once."""
    import sqlite3

    from policydesk.ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "weapons.md").write_text("# Weapons\n\n## Knives\n\nAds for hunting knives are allowed only to adults.\n")
    settings = make_settings()
    ingest_paths([docs], settings)
    ids = set(load_catalog(settings).chunks)
    with sqlite3.connect(sentence_store(settings).path) as conn:
        conn.execute("DELETE FROM sentence_vectors")
    again = ingest_paths([docs], settings)
    assert again.embedded == len(ids) and any("no sentence vectors" in n for n in again.notices)
    assert sentence_store(settings).known_ids() == ids
    assert ingest_paths([docs], settings).embedded == 0
