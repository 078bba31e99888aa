"""Exact nearest neighbours among the chunks a filter allows, from the catalog's chunk vector
matrix (`core/chunk_vectors.py`), for filtered questions.

Why: Chroma's HNSW index cannot be asked for the nearest *allowed* chunks, so a filtered
question over-fetched it and dropped what the filter does not allow. A market filter keeping a
quarter of the store fetched 430-760 hits, a market + business line filter up to 2,000, and
the query's cost grows with the hits (40 -> 1.3 ms, 200 -> 2.1, 800 -> 4.8, 2,000 -> 13.1 ms
at 100k chunks): the tail of retrieval. The over-fetch was approximate too (dense recall@40
against exact search 0.896 at 100k; 0.870 for the benchmark's market-filtered questions).

How, for one question (`ExactIndex.top`):
1. an int8 score of every row a block holds. Rows are held as int8 codes with a scale of their
   own, as the constant of an onnxruntime `MatMulInteger`, so its kernels pack the codes once
   and a question is one packed product per block. A market filter reads two blocks: the
   rows open to every market (global or unset) and the rows naming that market (about 40% of
   the store in the benchmark); other filters read one block of every row;
2. that score differs from the float32 cosine by at most the row's bound (Cauchy-Schwarz over
   the quantisation residuals of the row and of the question, kept per row), so: score the k
   allowed rows with the best int8 scores exactly (float32, from the memory-mapped matrix); the
   k-th best of those exact scores, L, is a lower bound of the answer's k-th score;
3. every allowed row whose int8 score plus bound reaches L is scored exactly too (75 rows
   median at 100k chunks), and the k best of them are the answer: the rows and cosines a
   brute-force float32 search of the allowed rows gives, whatever the quantisation (ties by
   position). Allowed rows outside the blocks read (none, as the filters are defined) are
   scored exactly as well, and a filter allowing few rows (a policy) is scored exactly
   outright, which costs less than a scan.

Scores are reported as Chroma reports them (1 - a float32 cosine distance of unit vectors),
computed as `DenseRetriever._search_allowed` computes them. The market blocks are built
together when the index is (the first filtered question of a catalog generation: 0.9 CPU s at
100k chunks), by one read of the matrix file, if they hold at most `BLOCK_ROWS` rows (~0.77 KB a
row: the codes and onnxruntime's packed copy; 178 MB at 100k); the block of every row only when
a filter without a market needs it. A market question's dense side then costs ~1.8 ms CPU at
100k (the over-fetch 4-6 ms; benchmarks/README.md). Stores above `EXACT_MAX_ROWS` chunks keep the
over-fetch: at a million chunks a market's blocks would be ~430k rows, one scan ~15 ms and
~330 MB more resident memory (the 1M target is 4 GB, measured at 3.1), no faster than the
over-fetch there.
"""

from __future__ import annotations

import threading
import warnings
from pathlib import Path

import numpy as np

from policydesk.core.chunk_vectors import VECTORS_FILE
from policydesk.core.types import GLOBAL_MARKET

# Chunks above which a store keeps Chroma's over-fetch for filtered questions (see above).
EXACT_MAX_ROWS = 200_000
# Rows of all market blocks of one index (~0.77 KB a row at dimension 384: the codes and
# onnxruntime's packed copy); a store whose market blocks hold more reads every row instead.
BLOCK_ROWS = 400_000
# Scoring one allowed row exactly (gather from the matrix + float32 dot) costs about as much
# as scanning this many rows of int8 codes (measured at 100k: ~0.8 against ~0.022 us).
DIRECT_COST = 32
# Rows read per step when a block is built (12 MB at a time).
READ_ROWS = 8192

_ALL = "*"
_OPEN = "open"


class _Block:
    """int8 codes of some rows of the matrix (sorted positions), packed by onnxruntime, and the
    per-row numbers of the bound."""

    def __init__(self, positions: np.ndarray, codes: np.ndarray, scale: np.ndarray, resid: np.ndarray, norm: np.ndarray):
        self.positions = positions
        self.scale, self.resid, self.norm = scale, resid, norm
        self._codes, self._session = _int8_session(codes)

    def __len__(self) -> int:
        return len(self.positions)

    def dots(self, z: np.ndarray) -> np.ndarray:
        """int32 dot of every row's codes with the question's codes `z` (uint8, zero point 128)."""
        return self._session.run(None, {"q": z})[0][0]


def _quantize(rows: np.ndarray):
    """int8 codes of float32 rows (a scale per row: the largest magnitude maps to 127), the
    scale, |row - scale * codes| and |row| (both rounded up)."""
    u = rows.astype(np.float64)
    top = np.abs(u).max(axis=1)
    scale = np.where(top > 0, top / 127.0, 1.0).astype(np.float32)
    s = scale.astype(np.float64)[:, None]
    w = np.clip(np.rint(u / s), -127, 127)
    return w.astype(np.int8), scale, _up(np.linalg.norm(u - w * s, axis=1)), _up(np.linalg.norm(u, axis=1))


class ExactIndex:
    """Blocks of int8 codes over the memory-mapped float32 matrix of one catalog generation."""

    def __init__(self, vectors: np.ndarray, path: Path | None = None, columns=None):
        self.vectors = vectors
        self.path = path
        n, self.dim = vectors.shape
        # Rounding of the float32 reference scores (a dot of `dim` products: at most
        # dim * 2^-24 relative to |row| |query| <= 1), with room to spare.
        self.margin = 4.0 * self.dim * 2.0**-24 + 1e-5
        # Each row's market set (index into `market_sets`, -1: no columns) and whether it is
        # open to every market, as `assistant/filters.py` reads them.
        self.market_sets: list[tuple[str, ...]] = list(columns.market_sets) if columns is not None else []
        self.market_idx = np.full(n, -1, dtype=np.int64)
        open_row = np.zeros(n, dtype=bool)
        if columns is not None:
            m = min(n, len(columns))
            self.market_idx[:m] = columns.market_idx[:m]
            open_sets = np.asarray([not ms or GLOBAL_MARKET.upper() in ms for ms in self.market_sets] + [False], dtype=bool)
            open_row[:m] = open_sets[columns.market_idx[:m]]
        self.open_row = open_row
        self._positions: dict[str, np.ndarray] = {}
        self._blocks: dict[str, _Block] = {}
        self._lock = threading.Lock()
        # The market blocks are built together, once, with the index (one read of the matrix,
        # each row quantised once): built one by one, each market's first question would pay
        # for its block (~0.1 s at 100k chunks). Rows named by several markets are in each of
        # their blocks; past `BLOCK_ROWS` market filters read the block of every row instead.
        markets = sorted({m for ms in self.market_sets for m in ms} - {GLOBAL_MARKET.upper()})
        keys = [_OPEN, *markets] if self.market_sets else []
        self.by_market = bool(keys) and sum(len(self._rows_of(key)) for key in keys) <= BLOCK_ROWS
        if self.by_market:
            self._build(keys)

    # ---- which rows a block holds
    def block_keys(self, market: str | None) -> list[str]:
        if market and self.by_market:
            return [_OPEN, market.upper()]
        return [_ALL]

    def _rows_of(self, key: str) -> np.ndarray:
        hit = self._positions.get(key)
        if hit is None:
            if key == _ALL:
                hit = np.arange(len(self.vectors), dtype=np.int64)
            elif key == _OPEN:
                hit = np.flatnonzero(self.open_row)
            else:
                named = np.asarray([key in ms for ms in self.market_sets] + [False], dtype=bool)
                hit = np.flatnonzero(named[self.market_idx] & ~self.open_row)
            self._positions[key] = hit
        return hit

    def _block(self, key: str) -> _Block:
        block = self._blocks.get(key)
        if block is None:
            with self._lock:
                if key not in self._blocks:
                    self._build([key])
                block = self._blocks[key]
        return block

    def _build(self, keys: list[str]) -> None:
        """The blocks of `keys` (those with rows), from one read of the matrix."""
        keys = [key for key in keys if len(self._rows_of(key))]
        parts = {}
        for key in keys:
            n = len(self._rows_of(key))
            parts[key] = [np.empty((self.dim, n), dtype=np.int8), *(np.empty(n, dtype=np.float32) for _ in range(3)), 0]
        for a, rows in self._read():
            codes, scale, resid, norm = _quantize(rows)
            for key in keys:
                pos = self._rows_of(key)
                part = parts[key]
                done = part[4]
                end = int(np.searchsorted(pos, a + len(rows)))
                if end > done:
                    take = pos[done:end] - a
                    part[0][:, done:end] = codes[take].T
                    part[1][done:end], part[2][done:end], part[3][done:end] = scale[take], resid[take], norm[take]
                    part[4] = end
        for key in keys:
            codes, scale, resid, norm, _ = parts.pop(key)
            self._blocks[key] = _Block(self._rows_of(key), codes, scale, resid, norm)

    def _read(self):
        """(first row, float32 rows) of the whole matrix in steps of `READ_ROWS`. Read from the
        file when its path is known, so building leaves the matrix's pages out of resident memory."""
        n, dim = self.vectors.shape
        if self.path is None:
            for a in range(0, n, READ_ROWS):
                yield a, np.asarray(self.vectors[a : a + READ_ROWS], dtype=np.float32)
            return
        with open(self.path, "rb") as fh:
            version = np.lib.format.read_magic(fh)
            read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
            shape, fortran, dtype = read_header(fh)
            if tuple(shape) != (n, dim) or fortran or dtype != np.float32:
                raise ValueError(f"{self.path}: {shape} {dtype}, not the matrix being searched")
            for a in range(0, n, READ_ROWS):
                rows = min(READ_ROWS, n - a)
                block = np.fromfile(fh, dtype=np.float32, count=rows * dim)
                if len(block) != rows * dim:
                    raise ValueError(f"{self.path}: truncated")
                yield a, block.reshape(rows, dim)

    # ---- one question
    def top(self, vec: np.ndarray, mask: np.ndarray, k: int, market: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(positions, scores) of the k best rows `mask` allows, best first; a score is
        1 - the float32 cosine distance, as Chroma's hits are scored. `market`: the filter's
        market, which lets the scan read only the rows it can allow."""
        count = int(np.count_nonzero(mask))
        if k <= 0 or not count:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        query = np.asarray(vec, dtype=np.float32)
        qn = np.linalg.norm(query)
        query = query / qn if qn > 0 else query
        keys = [key for key in self.block_keys(market) if len(self._rows_of(key))]
        if not keys or count <= k or count * DIRECT_COST <= sum(len(self._rows_of(key)) for key in keys):
            return self._exact(np.flatnonzero(mask), query, k)
        q = query.astype(np.float64)
        qtop = np.abs(q).max()
        qscale = qtop / 127.0 if qtop > 0 else 1.0
        z = np.clip(np.rint(q / qscale), -127, 127)
        zq = (z + 128).astype(np.uint8)[None, :]
        q_resid = float(np.linalg.norm(q - z * qscale)) * (1 + 1e-6)
        q_norm = float(np.linalg.norm(q)) * (1 + 1e-6)
        blocks = [self._block(key) for key in keys]
        pos = np.concatenate([b.positions for b in blocks])
        approx = np.concatenate([b.dots(zq) for b in blocks]).astype(np.float32)
        approx *= np.concatenate([b.scale for b in blocks])
        approx *= np.float32(qscale)
        inside = mask[pos]
        approx[~inside] = -np.inf
        # |cosine - approx| <= |r.q| + |(row - r).(q - zq)| <= resid |q| + (|row| + resid) |q resid|
        upper = np.concatenate([b.resid for b in blocks]) * np.float32(q_norm + q_resid)
        upper += np.concatenate([b.norm for b in blocks]) * np.float32(q_resid)
        upper += np.float32(self.margin)
        upper += approx
        # Any k allowed rows give a floor: their worst exact score. Good ones give a high floor:
        # the k-th best approximate score of every 8th row bounds that of all rows from below.
        sample = approx[::8]
        cut = np.partition(sample, len(sample) - k)[len(sample) - k] if len(sample) >= k else -np.inf
        good = np.flatnonzero(approx >= cut) if np.isfinite(cut) else np.flatnonzero(inside)
        first = good[np.argpartition(approx[good], len(good) - k)[len(good) - k :]] if len(good) > k else good
        floor = float(self._scores(np.sort(pos[first]), query).min())
        chosen = pos[upper >= floor]
        in_blocks = int(np.count_nonzero(inside))
        if in_blocks < count:  # allowed rows in no block read (none, as the filters are defined)
            covered = np.zeros(len(mask), dtype=bool)
            covered[pos] = True
            chosen = np.concatenate([chosen, np.flatnonzero(mask & ~covered)])
        return self._exact(np.sort(chosen), query, k)

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


def _int8_session(codes: np.ndarray):
    """onnxruntime: uint8 q [1, dim] (zero point 128) x the int8 codes [dim, n] -> int32 [1, n].

    The codes are handed over as an external initializer (no copy through the model's bytes);
    onnxruntime packs them once at load. Returns (the OrtValue it reads, the session)."""
    import onnxruntime as ort
    from onnx import TensorProto, helper

    dim, n = codes.shape
    external = TensorProto(name="codes", data_type=TensorProto.INT8, dims=[dim, n], data_location=TensorProto.EXTERNAL)
    external.external_data.add(key="location", value="codes")  # supplied below, never a file
    graph = helper.make_graph(
        [helper.make_node("MatMulInteger", ["q", "codes", "zero"], ["dots"])],
        "exact_search",
        [helper.make_tensor_value_info("q", TensorProto.UINT8, [1, dim])],
        [helper.make_tensor_value_info("dots", TensorProto.INT32, [1, n])],
        initializer=[external, helper.make_tensor("zero", TensorProto.UINT8, [], [128])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    value = ort.OrtValue.ortvalue_from_numpy(codes)
    options = ort.SessionOptions()
    options.add_external_initializers(["codes"], [value])
    # One thread: the keyword side of the same question runs on the other core.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return value, ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


_indexes: dict[int, tuple[object, ExactIndex | None]] = {}
_lock = threading.Lock()


def exact_index(catalog) -> ExactIndex | None:
    """The catalog's index (blocks are built as questions need them); None when its generation
    has no vector matrix or more rows than `EXACT_MAX_ROWS`. Catalogs are cached per
    generation upstream."""
    vectors = catalog.vectors
    if vectors is None or len(vectors) > EXACT_MAX_ROWS:
        return None
    key = id(catalog)
    with _lock:
        hit = _indexes.get(key)
        if hit is not None and hit[0] is catalog:
            return hit[1]
        path = Path(catalog.directory) / VECTORS_FILE if catalog.directory is not None else None
        try:
            index = ExactIndex(vectors, path, catalog.columns)
        except (OSError, ValueError) as exc:  # a damaged file: the over-fetch still answers
            warnings.warn(f"{path}: cannot search it exactly ({exc}); filtered questions over-fetch Chroma's index", stacklevel=2)
            index = None
        if len(_indexes) >= 2:  # the current generation and the one before it
            _indexes.clear()
        _indexes[key] = (catalog, index)
        return index
