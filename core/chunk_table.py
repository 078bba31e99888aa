"""The catalog's chunks, read from `chunks.jsonl` on demand instead of held in memory.

Why: every `Chunk` (text, metadata, clause logic) costs ~2.8 KB as Python objects; at a
million chunks the catalog alone would take ~2.8 GB of the 4 GB budget (issue 16, measured at
10k and 100k). A question touches a few dozen chunks, so the table keeps the byte offset of
every line (8 bytes a chunk) and parses a line when a chunk is asked for, with a bounded LRU of
parsed chunks so a conversation or an eval over the same clauses parses each once.

Reads use `os.pread` on one descriptor: thread-safe without a lock around the file, and the
page cache does the rest. It is a read-only `Mapping[str, Chunk]`, so callers that iterate the
catalog (coverage, the document view, evals) keep working; iterating parses every line once
(streamed, not kept).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

from policydesk.core.types import Chunk

OFFSETS_FILE = "chunks.offsets.npy"
# Parsed chunks kept between lookups: ~2.8 KB each, so ~45 MB; an eval over the sample store
# (157 chunks) or a burst of questions on one policy never parses a chunk twice.
CACHE_SIZE = 16_384


def line_offsets(path: Path) -> np.ndarray:
    """Start of every line and the end of the file (n + 1 entries), scanned in blocks.

    Only for generations written before the offsets file existed; commit writes it."""
    starts = [0]
    pos = 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 24):
            nl = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 10)
            starts.extend((nl + pos + 1).tolist())
            pos += len(block)
    if starts[-1] != pos:
        starts.append(pos)  # last line without a newline
    return np.asarray(starts, dtype=np.int64)


class ChunkTable(Mapping):
    """Chunk id -> `Chunk`, aligned with `ids` (the catalog's chunk order, one line each)."""

    def __init__(self, path: Path, ids: list[str], offsets: np.ndarray | None = None):
        self.path = Path(path)
        self.ids = ids
        self._pos = {cid: i for i, cid in enumerate(ids)}
        self.offsets = offsets if offsets is not None else line_offsets(self.path)
        if len(self.offsets) != len(ids) + 1:
            raise ValueError(f"{self.path}: {len(self.offsets) - 1} lines for {len(ids)} chunk ids; the generation is damaged")
        self._fd: int | None = None
        self._cache: OrderedDict[str, Chunk] = OrderedDict()
        self._lock = threading.Lock()

    def position(self, chunk_id: str) -> int | None:
        return self._pos.get(chunk_id)

    @property
    def position_map(self) -> dict[str, int]:
        """id -> line number, for callers that look up many ids at once (read-only)."""
        return self._pos

    def _read(self, i: int) -> Chunk:
        if self._fd is None:
            with self._lock:
                if self._fd is None:
                    self._fd = os.open(self.path, os.O_RDONLY)
        start, end = int(self.offsets[i]), int(self.offsets[i + 1])
        return Chunk.model_validate_json(os.pread(self._fd, end - start, start))

    def __getitem__(self, chunk_id: str) -> Chunk:
        with self._lock:
            hit = self._cache.get(chunk_id)
            if hit is not None:
                self._cache.move_to_end(chunk_id)
                return hit
        i = self._pos[chunk_id]  # KeyError for ids the catalog does not name
        chunk = self._read(i)
        with self._lock:
            self._cache[chunk_id] = chunk
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return chunk

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self._pos

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def values(self):  # streamed: one sequential read instead of a pread per chunk
        with open(self.path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield Chunk.model_validate_json(line)

    def items(self):
        for chunk in self.values():
            yield chunk.id, chunk

    def __del__(self):
        if self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
