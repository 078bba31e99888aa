"""Sentence vectors of retrieved chunks at query time: memory, then the store, then the model.

The answerer (and context packing) compare the question with every sentence of the chunks
they read. Ingest stores those vectors (core/sentence_store.py); this cache keeps the ones
recently used in memory and encodes only what neither has.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from policydesk.core.sentences import Span, split_sentences
from policydesk.core.types import Chunk


class SentenceCache:
    """Sentence vectors per chunk id: popular clauses are asked about again and again.

    A miss reads the vectors ingest pooled for the chunk (core/sentence_store.py) and encodes
    only the sentences it has none for (a store from before sentence vectors, a sentence past
    the model's length limit), all chunks' leftovers in one model call."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._data: OrderedDict[str, tuple[str, list[Span], np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get_many(self, chunks: list[Chunk], embedder, stored=None) -> list[tuple[list[Span], np.ndarray]]:
        out: dict[str, tuple[list[Span], np.ndarray]] = {}
        missing: list[tuple[Chunk, list[Span]]] = []
        with self._lock:
            for ch in chunks:
                hit = self._data.get(ch.id)
                if hit is not None and hit[0] == ch.text:
                    self._data.move_to_end(ch.id)
                    out[ch.id] = (hit[1], hit[2])
                else:
                    missing.append((ch, split_sentences(ch.text)))
        if not missing:
            return [out[ch.id] for ch in chunks]
        pooled = (
            stored.get_many([ch.id for ch, _ in missing], spans={ch.id: [(sp.start, sp.end) for sp in spans] for ch, spans in missing})
            if stored is not None
            else {}
        )
        todo = [
            (m, j, sp.text)
            for m, (ch, spans) in enumerate(missing)
            for j, sp in enumerate(spans)
            if (sp.start, sp.end) not in pooled.get(ch.id, {})
        ]
        # One model call on one thread: a query-time batch is small (core/embedding.py).
        encoded = embedder.encode([t for *_, t in todo], threads=1) if todo else None
        fresh = {(m, j): encoded[k] for k, (m, j, _) in enumerate(todo)}
        with self._lock:
            for m, (ch, spans) in enumerate(missing):
                have = pooled.get(ch.id, {})
                rows = [fresh[(m, j)] if (m, j) in fresh else have[(sp.start, sp.end)] for j, sp in enumerate(spans)]
                v = np.stack(rows).astype(np.float32) if rows else np.zeros((0, embedder.dimension), dtype=np.float32)
                self._data[ch.id] = (ch.text, spans, v)
                out[ch.id] = (spans, v)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return [out[ch.id] for ch in chunks]


SENTENCES = SentenceCache()
