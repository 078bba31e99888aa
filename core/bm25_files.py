"""Query-time BM25 over an index saved by bm25s, read with numpy alone (hand-written).

Why: importing bm25s pulls in scipy.sparse (~0.25 CPU s), and a cold `policydesk ask` pays
that on every question although a query only sums a few precomputed columns. bm25s still
builds and saves the index at ingest (core/keyword.py `build_index`); this module reads the
files `bm25s.BM25.save` writes and scores a query exactly as `bm25s.BM25.get_scores` does:

- `data.csc.index.npy`, `indices.csc.index.npy`, `indptr.csc.index.npy`: the document x
  token score matrix in CSC form; column t holds the precomputed BM25 term score of token t
  in each document that contains it (one entry per document: bm25s counts a document's
  tokens before scoring, so a column's row indices are distinct);
- `vocab.index.json`: token -> column; `params.index.json`: num_docs, dtype, method;
- `nonoccurrence_array.index.npy`: only for the BM25L / BM25+ methods, added per token.

A query's scores are its known tokens' columns added in query order into a zero array of
the index dtype (repeated tokens count again, unknown tokens are skipped), which is what
bm25s does, so the float32 sums are bit-for-bit the same (tests/test_bm25_files.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

DATA, INDICES, INDPTR = "data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy"
VOCAB, PARAMS, NONOCCURRENCE = "vocab.index.json", "params.index.json", "nonoccurrence_array.index.npy"
NONOCCURRENCE_METHODS = ("bm25l", "bm25+")


class SavedBM25:
    """A bm25s index directory, memory-mapped: a question touches only its words' postings."""

    def __init__(self, directory: str | Path, mmap: bool = True):
        d = Path(directory)
        params = json.loads((d / PARAMS).read_text(encoding="utf-8"))
        self.vocab: dict[str, int] = json.loads((d / VOCAB).read_text(encoding="utf-8"))
        self.dtype = np.dtype(params.get("dtype", "float32"))
        mode = "r" if mmap else None
        self.data = np.load(d / DATA, mmap_mode=mode)
        self.indices = np.load(d / INDICES, mmap_mode=mode)
        self.indptr = np.load(d / INDPTR, mmap_mode=mode)
        self.num_docs = int(params["num_docs"]) if params.get("num_docs") is not None else len(self.indptr) - 1
        self.nonoccurrence = None
        if params.get("method") in NONOCCURRENCE_METHODS:
            self.nonoccurrence = np.load(d / NONOCCURRENCE)

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every document for `tokens`, as `bm25s.BM25.get_scores(tokens)`."""
        ids = [self.vocab[t] for t in tokens if t in self.vocab]
        scores = np.zeros(self.num_docs, dtype=self.dtype)
        if ids:
            # One unbuffered scatter-add over every posting, in query order, as bm25s does
            # without numba: at a million chunks a fancy-indexed `+=` per token (gather, add,
            # scatter) took 4.5 / 17 ms p50 / p95 against 2.5 / 7.6 for this (120 bench
            # questions, 2026-11-29), and the float32 sums stay bit-for-bit the same.
            spans = [(int(self.indptr[t]), int(self.indptr[t + 1])) for t in ids]
            rows = np.concatenate([self.indices[s:e] for s, e in spans])
            values = np.concatenate([self.data[s:e] for s, e in spans])
            np.add.at(scores, rows, values)
        if self.nonoccurrence is not None and ids:
            scores += self.nonoccurrence[np.asarray(ids)].sum()
        return scores
