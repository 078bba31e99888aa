"""The chunk vectors of a catalog generation as one float32 matrix (`vectors.npy`).

Why a file of its own: a question filtered to a market may see only a quarter of the store,
and Chroma's HNSW index cannot be asked for "the nearest allowed chunks"; it is over-fetched
(hundreds to 2,000 hits) and filtered afterwards, which is both the slowest part of such a
question and approximate. With the vectors in catalog order, `assistant/exact_search.py`
searches exactly the allowed rows instead.

Row i is the unit vector of the generation's chunk `bm25_ids[i]`: the numbers Chroma holds for
it, normalised as the retriever normalises what Chroma returns. Written before the commit
(ingest, the benchmark's store writer, `backfill` for a generation written before the file
existed) and moved into the generation with the rest of it; readers memory-map it, so a
question touches only the rows it scores. A generation without it (older stores, the local
cache of a Chroma server's catalog) is searched as before.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

VECTORS_FILE = "vectors.npy"
# Chroma `get` batch when rows must come from Chroma (the ids are sent in the request).
GET_BATCH = 5000


def unit_rows(mat: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length in float32 (zero rows stay zero), as the retriever scales them."""
    mat = np.asarray(mat, dtype=np.float32)
    if mat.ndim == 1:
        mat = mat[None, :]
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return mat / norms


def load_vectors(directory: Path | None, rows: int) -> np.ndarray | None:
    """The generation's matrix, memory-mapped read-only; None when it has none (or a damaged one)."""
    if directory is None:
        return None
    path = Path(directory) / VECTORS_FILE
    if not path.exists():
        return None
    try:
        mat = np.load(path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError):
        return None
    if mat.dtype != np.float32 or mat.ndim != 2 or mat.shape[0] != rows or mat.shape[1] == 0:
        return None
    return mat


class PendingVectors:
    """A generation's `vectors.npy` being filled before its commit, on disk beside the catalog
    (a million rows are 1.5 GB: they are not held in memory). Named `.tmp-*`, so a run that
    dies before its commit leaves nothing the next commit's clean-up does not remove."""

    def __init__(self, root: Path, ids: list[str]):
        self.root = Path(root)
        self.ids = ids
        self.position = {cid: i for i, cid in enumerate(ids)}
        self.path = self.root / f".tmp-vectors-{os.getpid()}-{threading.get_ident()}.npy"
        self._rows: np.ndarray | None = None
        self._filled = np.zeros(len(ids), dtype=bool)

    def put(self, ids: Iterable[str], vectors) -> None:
        """Rows for `ids` (ids this generation does not name are ignored)."""
        ids = list(ids)
        if not ids:
            return
        mat = unit_rows(vectors)
        pos = np.fromiter((self.position.get(c, -1) for c in ids), dtype=np.int64, count=len(ids))
        keep = pos >= 0
        if not keep.any():
            return
        if self._rows is None:
            self.root.mkdir(parents=True, exist_ok=True)
            self._rows = np.lib.format.open_memmap(self.path, mode="w+", dtype=np.float32, shape=(len(self.ids), mat.shape[1]))
        elif mat.shape[1] != self._rows.shape[1]:
            raise ValueError(f"vectors of dimension {mat.shape[1]} for a matrix of dimension {self._rows.shape[1]}")
        self._rows[pos[keep]] = mat[keep]
        self._filled[pos[keep]] = True

    def missing(self) -> list[str]:
        return [self.ids[i] for i in np.flatnonzero(~self._filled)]

    def fill_from_matrix(self, ids: list[str], matrix: np.ndarray | None) -> None:
        """Rows still missing, taken from another generation's matrix (`ids`: its row order)."""
        if matrix is None or not len(ids):
            return
        at = {cid: i for i, cid in enumerate(ids)}
        want = [(self.position[c], at[c]) for c in self.missing() if c in at]
        for i in range(0, len(want), GET_BATCH):
            part = want[i : i + GET_BATCH]
            src = np.asarray([s for _, s in part], dtype=np.int64)
            self.put([self.ids[d] for d, _ in part], np.asarray(matrix[src], dtype=np.float32))

    def fill_from_collection(self, collection) -> None:
        """Rows still missing, read from Chroma (what a store without a matrix has)."""
        todo = self.missing()
        for i in range(0, len(todo), GET_BATCH):
            res = collection.get(ids=todo[i : i + GET_BATCH], include=["embeddings"])
            embs = res.get("embeddings")
            if embs is not None and len(embs):
                self.put(res["ids"], np.asarray(embs, dtype=np.float32))

    @property
    def complete(self) -> bool:
        return self._rows is not None and bool(self._filled.all())

    def finish(self) -> Path | None:
        """The file, when every row is filled; otherwise it is removed and None returned (the
        generation is then committed without a matrix and searched as before)."""
        if not self.complete:
            self.discard()
            return None
        self._rows.flush()
        self._rows = None
        return self.path

    def discard(self) -> None:
        self._rows = None
        self.path.unlink(missing_ok=True)


def backfill(catalog, collection) -> bool:
    """Write the matrix of a committed generation that has none (written before the file
    existed), from Chroma's vectors; False when Chroma lacks some of its chunks. The rows are
    derived from that generation's own chunk ids, so adding the file changes nothing else."""
    if catalog.directory is None or not catalog.bm25_ids or (Path(catalog.directory) / VECTORS_FILE).exists():
        return False
    pending = PendingVectors(Path(catalog.directory).parent, catalog.bm25_ids)
    try:
        pending.fill_from_collection(collection)
        path = pending.finish()
    except BaseException:
        pending.discard()
        raise
    if path is None:
        return False
    os.replace(path, Path(catalog.directory) / VECTORS_FILE)
    return True
