"""`keyword.top_positive` must equal the plain definition: the k best positive allowed
scores, best first, ties broken by position, whatever the stride sample happens to see."""

import numpy as np
import pytest

from policydesk.core.keyword import SAMPLE_STRIDE, top_positive


def reference(scores, k, mask):
    pos = [i for i in range(len(scores)) if scores[i] > 0 and (mask is None or mask[i])]
    pos.sort(key=lambda i: (-scores[i], i))
    return pos[:k]


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("k", [1, 5, 40])
def test_top_positive_is_the_exact_top_k(seed, k):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 5000))
    # Few distinct values, so many ties sit at the cut; some zeros; sometimes almost all zero.
    scores = rng.integers(0, 6, n).astype(np.float32) * (rng.random(n) < rng.choice([0.01, 0.3, 1.0]))
    mask = None if seed % 3 == 0 else rng.random(n) < rng.choice([0.02, 0.5, 0.95])
    idx, vals = top_positive(scores, k, mask)
    assert idx.tolist() == reference(scores, k, mask)
    assert vals.tolist() == [scores[i] for i in idx]


def test_the_k_best_are_found_when_the_sample_misses_all_of_them():
    scores = np.zeros(SAMPLE_STRIDE * 100, dtype=np.float32)
    scores[1::SAMPLE_STRIDE] = 1.0  # the sample (every 16th from 0) sees only zeros
    scores[7] = 3.0
    idx, vals = top_positive(scores, 3)
    assert idx.tolist() == [7, 1, 17] and vals.tolist() == [3.0, 1.0, 1.0]


def test_nothing_positive_gives_nothing():
    idx, vals = top_positive(np.zeros(100, dtype=np.float32), 5)
    assert len(idx) == 0 and len(vals) == 0
