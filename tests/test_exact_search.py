"""Exact search for filtered questions (issue 16), on real stores, the real model and real Chroma:
the chunk vector matrix that ingest and the benchmark's store writer commit, and filtered dense
hits equal to a brute-force float32 search over Chroma's own vectors."""

from __future__ import annotations

import warnings
from datetime import date

import numpy as np
import pytest

from policydesk.assistant import exact_search, retrieve
from policydesk.assistant.exact_search import ExactIndex, exact_index
from policydesk.assistant.filters import allowed_for
from policydesk.assistant.retrieve import DenseRetriever, HybridRetriever, VectorsMissingWarning
from policydesk.core.chunk_columns import ChunkColumns
from policydesk.core.chunk_vectors import VECTORS_FILE, PendingVectors, unit_rows
from policydesk.core.embedding import embedder_for
from policydesk.core.store import CatalogStore, cached_client, load_catalog
from policydesk.core.types import Filters
from policydesk.ingest.pipeline import ingest_paths
from tests.test_retrieve import FILTER_GRID

# The filter grid of the retriever tests, less the two that keep Chroma's search (no filter, a
# date alone): every filter that makes a question go through the exact search.
SCOPED = [f for f in FILTER_GRID if f.market or f.business_line or f.policy_id]
QUESTIONS = [
    "Can an alcohol ad target 19 year olds?",
    "casino bonus offers in Singapore",
    "before and after weight loss photos",
    "crypto trading ads",
]


def _chroma_units(settings, ids: list[str]) -> dict[str, np.ndarray]:
    res = cached_client(settings).get_collection(settings.collection).get(ids=ids, include=["embeddings"])
    return dict(zip(res["ids"], unit_rows(np.asarray(res["embeddings"], dtype=np.float32))))


def _brute_force(settings, catalog, vec, allowed, k) -> list[tuple[str, float]]:
    """Every allowed chunk scored against Chroma's vector, best first, ties by catalog position."""
    ids = [catalog.bm25_ids[i] for i in np.flatnonzero(allowed.mask)]
    units = _chroma_units(settings, ids)
    mat = np.stack([units[i] for i in ids])
    query = (vec / np.linalg.norm(vec)).astype(np.float32)
    dists = np.float32(1.0) - mat @ query
    order = np.argsort(dists, kind="stable")[:k]
    return [(ids[i], 1.0 - float(dists[i])) for i in order]


def _assert_same(hits, truth):
    assert [h[0] for h in hits] == [t[0] for t in truth]
    assert np.allclose([h[1] for h in hits], [t[1] for t in truth], atol=1e-6, rtol=0)


def test_matrix_holds_chromas_vectors_in_catalog_order(sample_store):
    cat = load_catalog(sample_store)
    assert (cat.directory / VECTORS_FILE).exists() and cat.vectors.shape[0] == len(cat.bm25_ids)
    units = _chroma_units(sample_store, cat.bm25_ids)
    assert np.abs(cat.vectors - np.stack([units[c] for c in cat.bm25_ids])).max() < 1e-6


@pytest.mark.parametrize("filters", SCOPED, ids=lambda f: str(f.to_dict()))
def test_filtered_hits_equal_brute_force(sample_store, filters):
    cat = load_catalog(sample_store)
    assert exact_index(cat) is not None
    allowed = allowed_for(cat, filters)
    dense = DenseRetriever(sample_store)
    for q in QUESTIONS:
        vec = embedder_for(sample_store).encode_query(q)
        for k in (1, 5, 40):
            _assert_same(dense.hits(vec, cat, allowed, k), _brute_force(sample_store, cat, vec, allowed, k))


@pytest.mark.parametrize("filters", [None, Filters(), Filters(as_of=date(2024, 6, 1))], ids=["none", "empty", "as-of"])
def test_questions_not_scoped_keep_chromas_search(sample_store, monkeypatch, filters):
    """No market, business line or policy: the path of before (Chroma's over-fetch, or the
    numpy search of a small allowed set), never the exact index."""

    def refuse(catalog):
        raise AssertionError("exact search used for a question without a scoped filter")

    monkeypatch.setattr(retrieve, "exact_index", refuse)
    cat = load_catalog(sample_store)
    allowed = allowed_for(cat, filters)
    dense = DenseRetriever(sample_store)
    vec = embedder_for(sample_store).encode_query(QUESTIONS[0])
    assert not allowed.scoped
    assert len(dense.hits(vec, cat, allowed, 40)) == min(40, allowed.count)
    assert HybridRetriever(sample_store).retrieve(QUESTIONS[0], filters, 5)


def test_index_equals_brute_force_on_near_duplicates():
    """Many rows within the int8 bound of each other (noisy copies of a few vectors), masks from
    a handful of rows to nearly all, with and without a market (whose blocks are read; rows a
    mask allows outside them are scored too): the same rows and scores as scoring every
    allowed row."""
    rng = np.random.default_rng(7)
    base = rng.standard_normal((50, 384)).astype(np.float32)
    mat = unit_rows(base[rng.integers(0, 50, 6000)] + 0.01 * rng.standard_normal((6000, 384)).astype(np.float32))
    sets = [(), ("GLOBAL",), ("DE",), ("DE", "FR"), ("FR",), ("FR", "GLOBAL")]
    columns = ChunkColumns([], np.zeros(0), sets, rng.integers(0, len(sets), len(mat)), [], np.zeros(0), [], np.zeros(0))
    index = ExactIndex(mat, columns=columns)
    open_row = np.isin(columns.market_idx, [0, 1, 5])
    for trial in range(80):
        query = mat[rng.integers(0, len(mat))] + 0.05 * rng.standard_normal(384).astype(np.float32)
        mask = rng.random(len(mat)) < (0.002, 0.05, 0.3, 0.95)[trial % 4]
        k = (1, 5, 40, 200)[trial % 4]
        market = (None, "DE", "fr", "JP", "DE")[trial % 5]
        if market in ("DE", "fr", "JP") and trial % 3:  # as the filter index reads a market
            mask &= open_row | np.isin(columns.market_idx, [i for i, ms in enumerate(sets) if market.upper() in ms])
        positions, scores = index.top(query, mask, k, market)
        allowed = np.flatnonzero(mask)
        dists = np.float32(1.0) - mat[allowed] @ (query / np.linalg.norm(query))
        order = np.argsort(dists, kind="stable")[:k]
        assert positions.tolist() == allowed[order].tolist()
        assert np.allclose(scores, 1.0 - dists[order].astype(np.float64), atol=1e-6, rtol=0)
    assert index.top(mat[0], np.zeros(len(mat), dtype=bool), 5)[0].size == 0


def test_large_store_keeps_the_overfetch(sample_store, monkeypatch):
    monkeypatch.setattr(exact_search, "EXACT_MAX_ROWS", 10)
    cat = load_catalog(sample_store)
    assert exact_index(cat) is None
    allowed = allowed_for(cat, Filters(market="DE"))
    dense = DenseRetriever(sample_store)
    vec = embedder_for(sample_store).encode_query(QUESTIONS[1])
    with warnings.catch_warnings():
        warnings.simplefilter("error", VectorsMissingWarning)  # the store has its matrix: no warning
        hits = dense.hits(vec, cat, allowed, 5)
    n = min(max(dense.overfetch, int(4 * 5 / allowed.share)), retrieve.OVERFETCH_CAP)
    assert hits == dense._keep_allowed(dense._query(vec, n), cat, allowed)[:5]


POLICY_A = """---
policy_id: ALCOHOL
title: Alcohol Policy
markets: [global]
---
# Alcohol Policy
## Age {#ALC-1 decision=reject}
Alcohol ads must not target users under 18.
## Brands {#ALC-2 decision=restrict markets="GB,DE"}
Brand ads are allowed only from verified accounts.
## Germany {#ALC-3 decision=reject markets="DE"}
Spirits ads are not accepted in Germany before 11 pm.
"""

POLICY_B = """---
policy_id: DATING
title: Dating Policy
markets: [DE, FR]
---
# Dating Policy
## Adult dating {#DAT-1 decision=reject}
Ads for adult dating or hook-up services are prohibited.
"""


def _matrix_is_chromas(settings):
    cat = load_catalog(settings)  # the process's cached catalog: it sees a matrix added later
    assert cat.vectors is not None and cat.vectors.shape[0] == len(cat.bm25_ids)
    units = _chroma_units(settings, cat.bm25_ids)
    assert np.abs(cat.vectors - np.stack([units[c] for c in cat.bm25_ids])).max() < 1e-6


def test_incremental_ingest_carries_kept_rows_over(tmp_path, make_settings, monkeypatch):
    root = tmp_path / "p"
    root.mkdir()
    (root / "alcohol.md").write_text(POLICY_A)
    settings = make_settings()
    ingest_paths([root], settings)
    _matrix_is_chromas(settings)
    (root / "dating.md").write_text(POLICY_B)

    def refuse(self, collection):
        raise AssertionError("kept rows come from the previous matrix, new ones from this run")

    monkeypatch.setattr(PendingVectors, "fill_from_collection", refuse)
    report = ingest_paths([root], settings)
    assert report.ingested == ["dating.md"] and not report.notices
    _matrix_is_chromas(settings)
    assert not list((settings.store_dir / "catalog").glob(".tmp-*"))


def test_store_without_matrix_warns_then_ingest_writes_it(tmp_path, make_settings):
    root = tmp_path / "p"
    root.mkdir()
    (root / "alcohol.md").write_text(POLICY_A)
    (root / "dating.md").write_text(POLICY_B)
    settings = make_settings()
    ingest_paths([root], settings)
    gen_dir = load_catalog(settings).directory
    (gen_dir / VECTORS_FILE).unlink()  # as a generation written before the matrix existed

    old = CatalogStore(settings.store_dir).load()
    assert old.vectors is None and exact_index(old) is None
    allowed = allowed_for(old, Filters(market="DE"))
    vec = embedder_for(settings).encode_query("spirits advertising in Germany")
    with pytest.warns(VectorsMissingWarning, match="policydesk ingest"):
        hits = DenseRetriever(settings).hits(vec, old, allowed, 3)
    _assert_same(hits, _brute_force(settings, old, vec, allowed, 3))  # a tiny store: the over-fetch holds it all

    report = ingest_paths([root], settings)  # nothing changed: the current generation gets its matrix
    assert report.embedded == 0 and any("chunk vector matrix" in n for n in report.notices)
    assert load_catalog(settings).generation == old.generation
    fresh = CatalogStore(settings.store_dir).load()
    assert fresh.vectors is not None
    _matrix_is_chromas(settings)
    _assert_same(DenseRetriever(settings).hits(vec, fresh, allowed_for(fresh, Filters(market="DE")), 3), hits)


def test_damaged_matrix_is_ignored(tmp_path, make_settings):
    root = tmp_path / "p"
    root.mkdir()
    (root / "alcohol.md").write_text(POLICY_A)
    settings = make_settings()
    ingest_paths([root], settings)
    gen_dir = load_catalog(settings).directory
    np.save(gen_dir / VECTORS_FILE, np.zeros((1, 3), dtype=np.float32))  # wrong row count
    assert CatalogStore(settings.store_dir).load().vectors is None


def test_benchmark_store_writer_commits_the_matrix(sample_store, make_settings):
    from policydesk.evals.perf_synth import build_synthetic_store

    dest = make_settings()
    build_synthetic_store(sample_store, dest, 300, with_documents=False)
    _matrix_is_chromas(dest)
    cat = load_catalog(dest)
    allowed = allowed_for(cat, Filters(market="DE"))
    vec = embedder_for(dest).encode_query(QUESTIONS[0])
    _assert_same(DenseRetriever(dest).hits(vec, cat, allowed, 40), _brute_force(dest, cat, vec, allowed, 40))

    # A kept store from before the matrix: the benchmark writes it as ingest would (outside its clocks).
    from policydesk.evals.perf_phases import backfill_vectors

    (cat.directory / VECTORS_FILE).unlink()
    assert backfill_vectors({"store": str(dest.store_dir)})["written"] is True
    assert CatalogStore(dest.store_dir).load().vectors is not None
    _matrix_is_chromas(dest)
    assert backfill_vectors({"store": str(dest.store_dir)})["written"] is False  # once
