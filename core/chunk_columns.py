"""The per-chunk fields filters look at, as dictionary-encoded numpy columns.

Why a file of its own: filtering by market, business line, policy id and the version in force
needs these four fields of every chunk, and reading them from the chunks themselves means
parsing every chunk (a minute at a million). The catalog commit writes them once
(`columns.npz`, a few bytes a chunk); `assistant/filters.py` builds its masks from them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from policydesk.core.types import Chunk

COLUMNS_FILE = "columns.npz"


@dataclass
class ChunkColumns:
    """Row i is chunk i of the catalog. `*_idx` index into the vocabularies; -1 = unset."""

    sources: list[str]
    source_idx: np.ndarray
    market_sets: list[tuple[str, ...]]  # upper-case codes; () = markets unset
    market_idx: np.ndarray
    business_lines: list[str]  # lower-case
    business_line_idx: np.ndarray
    policy_ids: list[str]  # lower-case
    policy_id_idx: np.ndarray

    def __len__(self) -> int:
        return len(self.source_idx)


def _encode(values: Iterable, vocab: dict) -> np.ndarray:
    return np.fromiter((-1 if v is None else vocab.setdefault(v, len(vocab)) for v in values), dtype=np.int32)


def columns_from_chunks(chunks: Iterable[Chunk]) -> ChunkColumns:
    rows = [
        (c.source, tuple(sorted({m.upper() for m in c.markets})), (c.business_line or "").lower() or None, c.policy_id.lower())
        for c in chunks
    ]
    vocabs: list[dict] = [{}, {}, {}, {}]
    cols = [_encode((r[k] for r in rows), vocabs[k]) for k in range(4)]
    return ChunkColumns(
        sources=list(vocabs[0]),
        source_idx=cols[0],
        market_sets=list(vocabs[1]),
        market_idx=cols[1],
        business_lines=list(vocabs[2]),
        business_line_idx=cols[2],
        policy_ids=list(vocabs[3]),
        policy_id_idx=cols[3],
    )


def save_columns(cols: ChunkColumns, directory: Path) -> None:
    np.savez(
        Path(directory) / COLUMNS_FILE,
        sources=np.asarray(cols.sources, dtype=str),
        source_idx=cols.source_idx,
        market_sets=np.asarray([",".join(ms) for ms in cols.market_sets], dtype=str),
        market_idx=cols.market_idx,
        business_lines=np.asarray(cols.business_lines, dtype=str),
        business_line_idx=cols.business_line_idx,
        policy_ids=np.asarray(cols.policy_ids, dtype=str),
        policy_id_idx=cols.policy_id_idx,
    )


def load_columns(directory: Path) -> ChunkColumns | None:
    """None for a generation written before the file existed (the caller derives them)."""
    path = Path(directory) / COLUMNS_FILE
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as z:
        return ChunkColumns(
            sources=z["sources"].tolist(),
            source_idx=z["source_idx"],
            market_sets=[tuple(m for m in s.split(",") if m) for s in z["market_sets"].tolist()],
            market_idx=z["market_idx"],
            business_lines=z["business_lines"].tolist(),
            business_line_idx=z["business_line_idx"],
            policy_ids=z["policy_ids"].tolist(),
            policy_id_idx=z["policy_id_idx"],
        )
