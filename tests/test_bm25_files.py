"""core/bm25_files.py must score exactly as bm25s: the same float32 array, bit for bit, for
the index bm25s saved at ingest (known, unknown and repeated tokens, every BM25 variant)."""

from __future__ import annotations

import json

import bm25s
import numpy as np
import pytest

from policydesk.core import keyword
from policydesk.core.bm25_files import SavedBM25


def _questions(repo_root) -> list[str]:
    with open(repo_root / "evals" / "golden" / "sample.jsonl", encoding="utf-8") as fh:
        qs = [json.loads(line)["question"] for line in fh if line.strip()]
    extra = [
        "zzqx unknownword",  # no indexed token
        "alcohol alcohol alcohol ads",  # repeated tokens count again
        "casino casino Brazil xyzzy gambling",  # unknown among known
        "préstamos hook-up hookups e-cigarette",
    ]
    return qs + extra


def _paragraphs(corpus_dir) -> list[str]:
    paras = []
    for path in sorted(corpus_dir.rglob("*.md")):
        paras += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return paras


def _assert_same(directory, questions):
    theirs = bm25s.BM25.load(str(directory), mmap=True)
    ours = SavedBM25(directory, mmap=True)
    checked = 0
    for q in questions:
        tokens = keyword.tokenize(q)
        if not tokens:
            continue
        expected = theirs.get_scores(tokens)
        got = ours.get_scores(tokens)
        assert got.dtype == expected.dtype and got.shape == expected.shape, q
        assert np.array_equal(got, expected), q
        checked += 1
    assert checked > 20


@pytest.mark.parametrize("method", ["lucene", "robertson", "atire", "bm25l", "bm25+"])
def test_saved_index_scores_as_bm25s(method, corpus_dir, repo_root, tmp_path):
    texts = _paragraphs(corpus_dir)
    assert len(texts) > 50
    index = bm25s.BM25(method=method)
    index.index([keyword.tokenize(t) or ["_empty_"] for t in texts], show_progress=False)
    index.save(str(tmp_path / "bm25"))
    _assert_same(tmp_path / "bm25", _questions(repo_root))


def test_store_index_scores_as_bm25s(sample_store, repo_root):
    """The index a real ingest wrote, read the way `Catalog` reads it."""
    from policydesk.core.store import CatalogStore

    catalog = CatalogStore(sample_store.store_dir).load()
    assert isinstance(catalog.bm25, SavedBM25)
    _assert_same(catalog.directory / "bm25", _questions(repo_root))
