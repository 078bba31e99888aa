"""Exact nearest neighbours among the chunks a filter allows, from the catalog's chunk vector
matrix (`core/chunk_vectors.py`), for filtered questions.

Why: Chroma's HNSW index cannot be asked for the nearest *allowed* chunks, so a filtered
question over-fetched it and dropped what the filter does not allow. A market filter keeping a
quarter of the store fetched 430-760 hits, a market + business line filter up to 2,000, and
the query's cost grows with the hits (40 -> 1.3 ms, 200 -> 2.1, 800 -> 4.8, 2,000 -> 13.1 ms
at 100k chunks): the tail of retrieval. The over-fetch was approximate too (dense recall@40
against exact search 0.896 at 100k).

How, for one question (`ExactIndex.top`):
1. an int8 score of every row: each row is held as int8 codes with a scale of its own, as the
   constant of an onnxruntime `MatMulInteger`, so its kernels pack the codes once and one
   question against 100k rows is a single packed product (~1 ms CPU);
2. that score differs from the float32 cosine by at most the row's bound (Cauchy-Schwarz over
   the quantisation residuals of the row and of the question, kept per row), so: score the k
   allowed rows with the best int8 scores exactly (float32, from the memory-mapped matrix); the
   k-th best of those exact scores, L, is a lower bound of the answer's k-th score;
3. every allowed row whose int8 score plus bound reaches L is scored exactly too (usually a
   few hundred), and the k best of them are the answer: the rows and cosines a brute-force
   float32 search of the allowed rows gives, whatever the quantisation (ties by position).

Scores are reported as Chroma reports them (1 - a float32 cosine distance of unit vectors),
computed as `DenseRetriever._search_allowed` computes them. The index is built once per
catalog generation, on the first filtered question: about N x dim bytes of codes (38 MB at
100k chunks) held by onnxruntime. Stores above `EXACT_MAX_ROWS` chunks keep the over-fetch:
at a million chunks the codes would be 384 MB more resident memory (the 1M target is 4 GB,
measured at 3.1) and one product ~10 ms, no faster than the over-fetch there.
"""

from __future__ import annotations

import threading
import warnings
from pathlib import Path

import numpy as np

from policydesk.core.chunk_vectors import VECTORS_FILE

# Chunks above which a store keeps Chroma's over-fetch for filtered questions (see above).
EXACT_MAX_ROWS = 200_000
# Rows quantised per step when the index is built (a few MB of float64 at a time).
BUILD_ROWS = 8192


class ExactIndex:
    """int8 codes of every row (in an onnxruntime session), their bounds, and the float32 matrix."""

    def __init__(self, vectors: np.ndarray, path: Path | None = None):
        n, dim = vectors.shape
        self.vectors = vectors
        self.dim = dim
        # Rounding of the float32 reference scores (a dot of `dim` products: at most
        # dim * 2^-24 relative to |row| |query| <= 1), with room to spare.
        self.margin = 4.0 * dim * 2.0**-24 + 1e-5
        codes = np.empty((dim, n), dtype=np.int8)  # transposed: the constant right-hand side
        self.scale = np.empty(n, dtype=np.float32)
        self.resid = np.empty(n, dtype=np.float32)  # |row - scale * codes|, rounded up
        self.norm = np.empty(n, dtype=np.float32)  # |row|, rounded up
        for a, block in _blocks(vectors, path):
            u = block.astype(np.float64)
            top = np.abs(u).max(axis=1)
            scale = np.where(top > 0, top / 127.0, 1.0).astype(np.float32)
            s = scale.astype(np.float64)[:, None]
            w = np.clip(np.rint(u / s), -127, 127)
            b = a + len(u)
            codes[:, a:b] = w.T.astype(np.int8)
            self.scale[a:b] = scale
            self.resid[a:b] = _up(np.linalg.norm(u - w * s, axis=1))
            self.norm[a:b] = _up(np.linalg.norm(u, axis=1))
        self._session = _int8_session(codes)

    def top(self, vec: np.ndarray, mask: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(positions, scores) of the k best rows `mask` allows, best first; a score is
        1 - the float32 cosine distance, as Chroma's hits are scored."""
        allowed = np.flatnonzero(mask)
        if k <= 0 or not len(allowed):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        query = np.asarray(vec, dtype=np.float32)
        qn = np.linalg.norm(query)
        query = query / qn if qn > 0 else query
        if len(allowed) <= k:
            return self._exact(allowed, query, k)
        q = query.astype(np.float64)
        qtop = np.abs(q).max()
        qscale = qtop / 127.0 if qtop > 0 else 1.0
        z = np.clip(np.rint(q / qscale), -127, 127)
        q_resid = float(np.linalg.norm(q - z * qscale)) * (1 + 1e-6)
        q_norm = float(np.linalg.norm(q)) * (1 + 1e-6)
        dots = self._session.run(None, {"q": (z + 128).astype(np.uint8)[None, :]})[0][0]
        approx = dots[allowed] * (self.scale[allowed] * np.float32(qscale))
        # |cosine - approx| <= |r.q| + |(row - r).(q - zq)| <= resid |q| + (|row| + resid) |q resid|
        res = self.resid[allowed]
        upper = approx + (res * np.float32(q_norm + q_resid) + self.norm[allowed] * np.float32(q_resid) + np.float32(self.margin))
        first = allowed[np.argpartition(approx, len(allowed) - k)[len(allowed) - k :]]
        floor = float(self._scores(np.sort(first), query).min())
        return self._exact(allowed[upper >= floor], query, k)

    def _scores(self, positions: np.ndarray, query: np.ndarray) -> np.ndarray:
        """float32 cosines of the rows at sorted `positions`."""
        return np.asarray(self.vectors[positions], dtype=np.float32) @ query

    def _exact(self, positions: np.ndarray, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        dists = np.float32(1.0) - self._scores(positions, query)
        order = np.argsort(dists, kind="stable")[:k]
        return positions[order], 1.0 - dists[order].astype(np.float64)


def _up(x: np.ndarray) -> np.ndarray:
    """float64 magnitudes as float32, never rounded down."""
    return np.nextafter(x.astype(np.float32), np.float32(np.inf))


def _blocks(vectors: np.ndarray, path: Path | None):
    """(first row, rows) of the matrix in steps, read from the file without mapping it when the
    path is known, so building the index leaves the matrix's pages out of resident memory."""
    n, dim = vectors.shape
    if path is None:
        for a in range(0, n, BUILD_ROWS):
            yield a, np.asarray(vectors[a : a + BUILD_ROWS], dtype=np.float32)
        return
    with open(path, "rb") as fh:
        version = np.lib.format.read_magic(fh)
        read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, fortran, dtype = read_header(fh)
        if tuple(shape) != (n, dim) or fortran or dtype != np.float32:
            raise ValueError(f"{path}: {shape} {dtype}, not the matrix being searched")
        for a in range(0, n, BUILD_ROWS):
            rows = min(BUILD_ROWS, n - a)
            block = np.fromfile(fh, dtype=np.float32, count=rows * dim)
            if len(block) != rows * dim:
                raise ValueError(f"{path}: truncated")
            yield a, block.reshape(rows, dim)


def _int8_session(codes: np.ndarray):
    """onnxruntime: uint8 q [1, dim] (zero point 128) x the int8 codes [dim, n] -> int32 [1, n]."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    dim, n = codes.shape
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["q", "codes", "zero"], ["dots"])],
        "exact_search",
        [helper.make_tensor_value_info("q", TensorProto.UINT8, [1, dim])],
        [helper.make_tensor_value_info("dots", TensorProto.INT32, [1, n])],
        initializer=[
            helper.make_tensor("codes", TensorProto.INT8, [dim, n], codes.tobytes(), raw=True),
            helper.make_tensor("zero", TensorProto.UINT8, [], [128]),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    blob = model.SerializeToString()
    del model, graph
    options = ort.SessionOptions()
    # One thread: the keyword side of the same question runs on the other core.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(blob, options, providers=["CPUExecutionProvider"])


_indexes: dict[int, tuple[object, ExactIndex | None]] = {}
_lock = threading.Lock()


def exact_index(catalog) -> ExactIndex | None:
    """The catalog's index, built on first use; None when its generation has no vector matrix
    or more rows than `EXACT_MAX_ROWS`. Catalogs are cached per generation upstream."""
    vectors = catalog.vectors
    if vectors is None or len(vectors) > EXACT_MAX_ROWS:
        return None
    key = id(catalog)
    with _lock:  # one build per catalog, however many questions arrive at once
        hit = _indexes.get(key)
        if hit is not None and hit[0] is catalog:
            return hit[1]
        path = Path(catalog.directory) / VECTORS_FILE if catalog.directory is not None else None
        try:
            index = ExactIndex(vectors, path)
        except (OSError, ValueError) as exc:  # a damaged file: the over-fetch still answers
            warnings.warn(f"{path}: cannot search it exactly ({exc}); filtered questions over-fetch Chroma's index", stacklevel=2)
            index = None
        if len(_indexes) >= 2:  # the current generation and the one before it
            _indexes.clear()
        _indexes[key] = (catalog, index)
        return index
