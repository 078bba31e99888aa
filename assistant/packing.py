"""Context packing: the best sentences of the top retrieved chunks first, within a budget.

Why: an answerer (an LLM prompt, or a reader with a character budget) reads the retrieved
context in rank order, and a whole chunk spends that budget on its sentences that do not
answer. Packing keeps retrieval's choice of chunks (the pool) but orders the *sentences* of
those chunks by their own relevance: reciprocal-rank fusion of the sentence's cosine to the
query and its BM25 score within the pool. Sentences are verbatim spans of their chunks, so
quotes and citations stay checkable (each piece names its chunk and offsets).

Not wired into the chain: the extractive answerer quotes whole clauses' sentences itself; the
hook for a context-budgeted reader (an LLM prompt) is one call where its passages are assembled:
    pieces = pack_sentences(question, hits[:POOL], encode, qvec, SENTENCES.get_many(...))
The PolicyQA benchmark reports packed figures only on request (`run_policyqa(..., packing=True)`).

Measured (PolicyQA dev, 600 seeded questions, same run as the LangChain baseline at
0.362/0.492/0.622): hit@1000/2000/4000 0.380/0.502/0.643 unpacked; packed 0.425/0.537/0.633
with sentences encoded alone (~1.4 s per question on the loaded 2-core box), 0.410/0.523/0.633
with the vectors ingest pools from each chunk's own pass (~20 ms per question).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from policydesk.core.sentences import Span, split_sentences
from policydesk.core import keyword
from policydesk.core.types import ScoredChunk

# Chunks whose sentences compete; on PolicyQA dev 8 did as well as 20 at a fraction of the
# encoding cost (one MiniLM batch of ~40 sentences).
POOL = 8
RRF_K = 60

Encode = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Piece:
    """One sentence of a retrieved chunk: `chunk.text[start:end] == text`."""

    chunk_id: str
    start: int
    end: int
    text: str
    chunk_rank: int


def _rrf(lists: Sequence[Sequence[int]]) -> list[int]:
    total: dict[int, float] = {}
    for lst in lists:
        for r, i in enumerate(lst, start=1):
            total[i] = total.get(i, 0.0) + 1.0 / (RRF_K + r)
    return sorted(total, key=lambda i: (-total[i], i))


def pack_sentences(
    query: str,
    hits: Sequence[ScoredChunk],
    encode: Encode,
    query_vec: np.ndarray | None = None,
    vectors: Sequence[tuple[Sequence[Span], np.ndarray]] | None = None,
) -> list[Piece]:
    """Sentences of `hits` (deduplicated, e.g. from overlapping chunks) ordered best first.

    `vectors`: each hit's sentence spans and their vectors, e.g. from
    `sentence_vectors.SENTENCES` (stored at ingest); without it the sentences are encoded here.
    """
    pieces: list[Piece] = []
    rows: list[np.ndarray] = []
    seen: set[str] = set()
    for rank, sc in enumerate(hits, start=1):
        spans, vecs = vectors[rank - 1] if vectors is not None else (split_sentences(sc.chunk.text), None)
        for j, span in enumerate(spans):
            key = " ".join(span.text.split())
            if key in seen:
                continue
            seen.add(key)
            pieces.append(Piece(sc.chunk.id, span.start, span.end, span.text, rank))
            if vecs is not None:
                rows.append(vecs[j])
    if len(pieces) <= 1:
        return pieces
    if vectors is not None:
        vecs = np.asarray(rows, dtype=np.float32)
        qv = np.asarray(query_vec if query_vec is not None else encode([query])[0], dtype=np.float32)
    else:
        vecs = np.asarray(encode([p.text for p in pieces] + ([] if query_vec is not None else [query])), dtype=np.float32)
        qv = np.asarray(query_vec, dtype=np.float32) if query_vec is not None else vecs[-1]
        vecs = vecs[: len(pieces)]
    norms = np.linalg.norm(vecs, axis=1) * (np.linalg.norm(qv) or 1.0)
    sims = (vecs @ qv) / np.where(norms == 0, 1.0, norms)
    dense = [int(i) for i in np.argsort(-sims, kind="stable")]
    idx, _ = keyword.search(keyword.build_index([p.text for p in pieces]), query, len(pieces))
    return [pieces[i] for i in _rrf([dense, [int(i) for i in idx]])]


__all__ = ["POOL", "Piece", "pack_sentences"]
