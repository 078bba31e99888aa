"""Which chunks a question may see: market, business line, policy id and the version in force.

Filtering must stay cheap at 100k chunks, so the per-chunk facts are turned into numpy
columns once per catalog generation (`FilterIndex`) and every query only combines columns.
The only Python loop is over documents (for `versions.in_force`); it is run once per date
asked about, since the documents do not change within a generation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from policydesk.core.store import Catalog
from policydesk.core.types import GLOBAL_MARKET, Chunk, Filters
from policydesk.core.versions import in_force


def chunk_matches(chunk: Chunk, filters: Filters, sources_in_force: set[str] | None = None) -> bool:
    """The reference (one chunk) definition of the filters; `FilterIndex` must agree with it."""
    if not chunk.matches_market(filters.market):
        return False
    if filters.business_line and chunk.business_line and chunk.business_line.lower() != filters.business_line.lower():
        return False
    if filters.policy_id and chunk.policy_id.lower() != filters.policy_id.lower():
        return False
    if sources_in_force is not None and chunk.source not in sources_in_force:
        return False
    return True


def filters_key(filters: Filters) -> tuple:
    as_of = filters.as_of or date.today()
    return (
        (filters.market or "").upper(),
        (filters.business_line or "").lower(),
        (filters.policy_id or "").lower(),
        as_of.isoformat(),
    )


@dataclass
class Allowed:
    """The result of applying filters: a mask aligned to `catalog.bm25_ids` and its size."""

    mask: np.ndarray
    count: int
    total: int
    sources: set[str] = field(default_factory=set)
    # The filters name a market, business line or policy (more than the date's versions in force).
    scoped: bool = False
    market: str | None = None  # the filter's market code, upper case

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def everything(self) -> bool:
        return self.count == self.total


class FilterIndex:
    """Per-catalog numpy columns for filtering; build once per generation, query many times."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        cols = catalog.columns  # written by the catalog commit: no chunk is parsed here
        n = len(catalog.bm25_ids)
        self.ids = catalog.bm25_ids
        self.known = np.zeros(n, dtype=bool)
        self.known[: len(cols)] = True
        # Source codes: the documents' sources first, then any source only chunks name.
        self.sources = sorted(catalog.documents)
        self._source_code = {src: i for i, src in enumerate(self.sources)}
        for src in cols.sources:
            if src not in self._source_code:
                self._source_code[src] = len(self.sources)
                self.sources.append(src)
        remap = np.asarray([self._source_code[src] for src in cols.sources] + [-1], dtype=np.int32)
        self.source_idx = np.full(n, -1, dtype=np.int32)
        self.source_idx[: len(cols)] = remap[cols.source_idx]
        # Markets: one column per market code, from the distinct market sets.
        open_sets = np.asarray([not ms or GLOBAL_MARKET.upper() in ms for ms in cols.market_sets] + [False], dtype=bool)
        self.open_market = np.zeros(n, dtype=bool)  # markets unset or global
        self.open_market[: len(cols)] = open_sets[cols.market_idx]
        self.market_cols: dict[str, np.ndarray] = {}
        for code in sorted({m for ms in cols.market_sets for m in ms}):
            has = np.asarray([code in ms for ms in cols.market_sets] + [False], dtype=bool)
            col = self.market_cols[code] = np.zeros(n, dtype=bool)
            col[: len(cols)] = has[cols.market_idx]
        self.bl_idx = np.full(n, -1, dtype=np.int32)  # -1 = unset, matches every line
        self.bl_idx[: len(cols)] = cols.business_line_idx
        self.pid_idx = np.full(n, -1, dtype=np.int32)
        self.pid_idx[: len(cols)] = cols.policy_id_idx
        self._bl_codes = {bl: i for i, bl in enumerate(cols.business_lines)}
        self._pid_codes = {pid: i for i, pid in enumerate(cols.policy_ids)}
        self._cache: OrderedDict[tuple, Allowed] = OrderedDict()
        self._in_force_cache: OrderedDict[date, tuple[set[str], np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def allowed(self, filters: Filters | None) -> Allowed:
        filters = filters or Filters()
        key = filters_key(filters)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
        result = self._compute(filters)
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > 64:
                self._cache.popitem(last=False)
        return result

    def _compute(self, filters: Filters) -> Allowed:
        mask = self.known.copy()
        if filters.market:
            col = self.market_cols.get(filters.market.upper())
            mask &= self.open_market | col if col is not None else self.open_market
        if filters.business_line:
            code = self._bl_codes.get(filters.business_line.lower(), -2)
            mask &= (self.bl_idx == code) | (self.bl_idx == -1)
        if filters.policy_id:
            code = self._pid_codes.get(filters.policy_id.lower(), -2)
            mask &= self.pid_idx == code
        current, allowed_codes = self._sources_in_force(filters.as_of or date.today())
        mask &= allowed_codes[self.source_idx]  # index -1 hits the trailing False
        scoped = bool(filters.market or filters.business_line or filters.policy_id)
        market = filters.market.upper() if filters.market else None
        return Allowed(mask=mask, count=int(mask.sum()), total=len(mask), sources=set(current), scoped=scoped, market=market)

    def _sources_in_force(self, as_of: date) -> tuple[set[str], np.ndarray]:
        """The sources in force on `as_of` and, per source code, whether its chunks may be seen.

        `in_force` walks every document (about 8 ms at 2,000 documents), which would make the
        first question with each new filter slow; the answer depends only on the date, so it
        is kept per date (the caller resolves "today" so the cache follows the calendar)."""
        with self._lock:
            hit = self._in_force_cache.get(as_of)
            if hit is not None:
                self._in_force_cache.move_to_end(as_of)
                return hit
        current = in_force(self.catalog.documents.values(), as_of)
        # Chunks whose source has no document record cannot be versioned; keep them.
        undocumented = {s for s in self.sources if s not in self.catalog.documents}
        allowed_codes = np.zeros(len(self.sources) + 1, dtype=bool)
        for s in current | undocumented:
            code = self._source_code.get(s)
            if code is not None:
                allowed_codes[code] = True
        with self._lock:
            self._in_force_cache[as_of] = (current, allowed_codes)
            while len(self._in_force_cache) > 16:
                self._in_force_cache.popitem(last=False)
        return current, allowed_codes


_index_cache: dict[int, tuple[Catalog, FilterIndex]] = {}
_index_lock = threading.Lock()


def filter_index(catalog: Catalog) -> FilterIndex:
    """The FilterIndex of this catalog object; catalogs are cached per generation upstream."""
    key = id(catalog)
    with _index_lock:
        hit = _index_cache.get(key)
        if hit is not None and hit[0] is catalog:
            return hit[1]
    idx = FilterIndex(catalog)
    with _index_lock:
        if len(_index_cache) > 8:
            _index_cache.clear()
        _index_cache[key] = (catalog, idx)
    return idx


def allowed_for(catalog: Catalog, filters: Filters | None) -> Allowed:
    return filter_index(catalog).allowed(filters)


def allowed_ids(catalog: Catalog, filters: Filters | None) -> set[str]:
    """The allowed chunk ids as a set (for callers that need ids, not a mask)."""
    a = allowed_for(catalog, filters)
    return {catalog.bm25_ids[i] for i in np.flatnonzero(a.mask)}
