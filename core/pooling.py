"""Sentence vectors pooled from a text's token vectors ("late chunking"), shared by both encoders."""

from __future__ import annotations

import numpy as np


def pool_spans(tokens: np.ndarray, offsets: np.ndarray, spans: list[tuple[int, int]]) -> dict[tuple[int, int], np.ndarray]:
    """Mean of the token vectors inside each character span, normalised.

    `offsets[t]` is token t's (start, end) in the text; special tokens have (0, 0) and belong
    to no span. A span with no token inside (cut off by the length limit) is left out.

    All spans at once: a spans x tokens membership matrix times the token vectors, instead of
    a mean and a norm per span (3,000 random texts of up to 256 tokens and 5 spans: 0.72 ->
    0.53 s, the same vectors within 1e-7). It runs on ingest's main thread, between batches.
    """
    if not spans or not len(offsets):
        return {}
    bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    real = offsets[:, 1] > offsets[:, 0]
    inside = real[None, :] & (offsets[None, :, 0] >= bounds[:, :1]) & (offsets[None, :, 1] <= bounds[:, 1:])
    counts = inside.sum(axis=1)
    rows = np.flatnonzero(counts)
    if not len(rows):
        return {}
    means = (inside[rows].astype(tokens.dtype) @ tokens) / counts[rows, None].astype(tokens.dtype)
    norms = np.linalg.norm(means, axis=1)
    ok = norms > 0
    units = (means[ok] / norms[ok, None]).astype(np.float32)
    keys = bounds[rows[ok]].tolist()
    return {(a, b): v for (a, b), v in zip(keys, units)}
