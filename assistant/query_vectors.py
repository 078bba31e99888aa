"""One encode per question: the retriever and the answerer both need the query vector.

A small per-process LRU keyed by model and text; a MiniLM encode is the largest fixed cost
of a query on CPU, so doing it once matters.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from policydesk.core.embedding import embedder_for

_CACHE: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_LOCK = threading.Lock()
_SIZE = 512


def query_vector(settings, text: str, embedder=None) -> np.ndarray:
    emb = embedder or embedder_for(settings)
    key = (getattr(emb, "name", ""), text)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    vec = emb.encode_query(text)
    vec.setflags(write=False)
    with _LOCK:
        _CACHE[key] = vec
        while len(_CACHE) > _SIZE:
            _CACHE.popitem(last=False)
    return vec
