"""One query-vector cache for every encoder (torch or ONNX): the retriever and the answerer
both need the question's vector, and a model call costs far more than a dict lookup."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

QUERY_CACHE_SIZE = 512


class QueryVectorCache:
    """Mixin: `encode_query(text)` over the class's `encode(texts)`, LRU-cached per instance.
    Benchmarks clear `_query_cache` to time a cold question."""

    def _init_query_cache(self) -> None:
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_lock = threading.Lock()

    def encode_query(self, text: str) -> np.ndarray:
        with self._query_lock:
            hit = self._query_cache.get(text)
            if hit is not None:
                self._query_cache.move_to_end(text)
                return hit
        vec = self.encode([text])[0]  # type: ignore[attr-defined]
        vec.setflags(write=False)  # shared between callers: nobody may change it in place
        with self._query_lock:
            self._query_cache[text] = vec
            while len(self._query_cache) > QUERY_CACHE_SIZE:
                self._query_cache.popitem(last=False)
        return vec
