"""Sentence vectors pooled from a text's token vectors ("late chunking"), shared by both encoders."""

from __future__ import annotations

import numpy as np


def pool_spans(tokens: np.ndarray, offsets: np.ndarray, spans: list[tuple[int, int]]) -> dict[tuple[int, int], np.ndarray]:
    """Mean of the token vectors inside each character span, normalised.

    `offsets[t]` is token t's (start, end) in the text; special tokens have (0, 0) and belong
    to no span. A span with no token inside (cut off by the length limit) is left out.
    """
    real = offsets[:, 1] > offsets[:, 0]
    out: dict[tuple[int, int], np.ndarray] = {}
    for start, end in spans:
        inside = real & (offsets[:, 0] >= start) & (offsets[:, 1] <= end)
        if not inside.any():
            continue
        v = tokens[inside].mean(axis=0)
        norm = float(np.linalg.norm(v))
        if norm > 0:
            out[(start, end)] = (v / norm).astype(np.float32)
    return out
