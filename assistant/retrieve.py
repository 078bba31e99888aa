"""Retrievers: dense (Chroma), keyword (bm25s) and their reciprocal-rank fusion.

All three implement one protocol, `retrieve(query, filters, k) -> list[ScoredChunk]`, and
read the committed catalog on every call (cheap: it is cached per generation), so a new
ingest is seen by the next query and ids the catalog does not name are never returned.

Filtering strategy for the dense side. A question whose filters name a market, business line
or policy is answered by exact search over the allowed chunks (`assistant/exact_search.py`)
when the catalog generation has its chunk vector matrix (`core/chunk_vectors.py`) and at most
`exact_search.EXACT_MAX_ROWS` chunks. Questions filtered only by the date (the versions in
force), larger stores and generations without the matrix keep the strategy below.

Measured here on a 30k-vector embedded collection
(2 shared cores, loaded): over-fetching 200 took 2.5 ms median, a query restricted with
`ids=` (500 ids) 15 ms, a `where` on a market flag 36-42 ms (p95 up to 220 ms). So we
over-fetch (more when the filters keep a smaller share) and filter in Python with the
numpy mask; only when the allowed set is small (<= 5000 ids) and the over-fetch found too
few do we score those chunks ourselves, so rare filters still get k hits.

Chroma's `ids=` search is no answer for those: its filtered HNSW walk visits the whole graph
when fewer ids are allowed than its search breadth (ef, 100), which took 70-100 ms at 100k
vectors whatever the number of ids (5 or 50). Instead their vectors are fetched once (a `get`,
about 3 ms for 50) and kept per catalog generation, and every question is an exact cosine in
numpy, reported as Chroma reports it (1 - a float32 cosine distance of unit vectors). Hits
and their order are the ones Chroma's search gave; the cosines agree to float32 rounding
(within 4e-7; a second Chroma index of the same vectors already differs by 1e-7).
"""

from __future__ import annotations

import os
import threading
import time
import warnings
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol, runtime_checkable

import numpy as np

from policydesk.assistant.exact_search import exact_index
from policydesk.assistant.filters import Allowed, allowed_for
from policydesk.assistant.untrusted import split_untrusted
from policydesk.core.embedding import embedder_for
from policydesk.core.errors import StoreEmptyError, StoreUnavailableError
from policydesk.core.settings import Settings
from policydesk.core.store import Catalog, cached_client, forget_client, load_catalog
from policydesk.core.types import GLOBAL_MARKET, Filters, ScoredChunk

OVERFETCH = 200
# A reader whose loaded index another process's ingest changed reloads and asks again; with
# eight askers during an ingest one reload was not always enough (CI, 2026-11-29), so up to
# three attempts, 50 and 200 ms apart.
EMBEDDED_QUERY_ATTEMPTS = 3
OVERFETCH_CAP = 2000
# Below this many allowed chunks we score them all in numpy instead of over-fetching.
PREFILTER_MAX_IDS = 5000
# Rows (over all filters) of rare-filter vectors kept between questions: 20k x 384 floats is 30 MB.
ALLOWED_VECTORS_MAX_ROWS = 20_000
# How many market-specific clauses get the extra fusion vote (more would crowd out the
# general clauses that usually carry the conditions).
MARKET_NAMED_BOOST = 2
# (chunk id, that side's score): what each side hands to fusion before anything is parsed.
Hit = tuple[str, float]


@runtime_checkable
class Retriever(Protocol):
    def retrieve(self, query: str, filters: Filters | None, k: int) -> list[ScoredChunk]: ...


class _CatalogReader:
    """Shared plumbing: the committed catalog and, from it, the allowed mask."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def catalog(self) -> Catalog:
        return load_catalog(self.settings, require=True)

    def allowed(self, catalog: Catalog, filters: Filters | None) -> Allowed:
        return allowed_for(catalog, filters)


class DenseRetriever(_CatalogReader):
    """Cosine similarity in Chroma with the same embedder ingest used."""

    def __init__(self, settings: Settings, overfetch: int = OVERFETCH):
        super().__init__(settings)
        self.overfetch = overfetch
        self._collection = None
        self._client = None

    def collection(self):
        # cached_client reopens an embedded store after another process commits; follow it.
        client = cached_client(self.settings)
        if self._collection is None or self._client is not client:
            self._client = client
            try:
                self._collection = client.get_collection(self.settings.collection)
            except Exception as exc:
                if self.settings.chroma_url and not _is_not_found(exc):
                    forget_client(self.settings)
                    raise StoreUnavailableError(
                        f"the Chroma server at {self.settings.chroma_url} failed ({exc.__class__.__name__}); "
                        "check that it is running, then retry"
                    ) from exc
                raise StoreEmptyError(
                    f"no collection {self.settings.collection!r} in "
                    f"{self.settings.chroma_url or self.settings.store_dir}; run `policydesk ingest` first"
                ) from exc
        return self._collection

    def query_vector(self, query: str) -> np.ndarray:
        return embedder_for(self.settings).encode_query(query)  # cached in core, shared with the answerer

    def retrieve(self, query: str, filters: Filters | None, k: int) -> list[ScoredChunk]:
        catalog = self.catalog()
        return self.retrieve_vector(self.query_vector(query), catalog, self.allowed(catalog, filters), k)

    def retrieve_vector(self, vec: np.ndarray, catalog: Catalog, allowed: Allowed, k: int) -> list[ScoredChunk]:
        return [
            ScoredChunk(chunk=catalog.chunks[cid], score=sim, dense_score=sim, rank=r)
            for r, (cid, sim) in enumerate(self.hits(vec, catalog, allowed, k), start=1)
        ]

    def hits(self, vec: np.ndarray, catalog: Catalog, allowed: Allowed, k: int) -> list[Hit]:
        """The k nearest allowed chunks as (id, cosine), nothing parsed (see `fuse_ids`)."""
        if allowed.count == 0 or k <= 0:
            return []
        if allowed.scoped:
            index = self._exact_index(catalog)
            if index is not None:
                positions, scores = index.top(vec, allowed.mask, k, allowed.market)
                hits = [(catalog.bm25_ids[p], float(sim)) for p, sim in zip(positions.tolist(), scores.tolist())]
                return hits if catalog.positions_are_chunks else [h for h in hits if h[0] in catalog.chunks]
        hits = []
        # Over-fetch whenever the capped fetch can be expected to hold 4k allowed hits: fetching
        # a few thousand allowed vectors for the numpy path costs ~0.04 ms each (150-190 ms for
        # a 4k-chunk market filter at 10k chunks), an HNSW query of 400 a few ms.
        if allowed.everything or allowed.count > PREFILTER_MAX_IDS or allowed.share * OVERFETCH_CAP >= 4 * k:
            # Fetch enough that about 4k allowed hits are expected, within a cap. A smaller
            # margin is faster but finds worse neighbours: 2k measured retrieval p95 ~2 ms lower
            # at 100k chunks, and dense recall@40 against exact search 0.860 against 0.896.
            n = max(self.overfetch, k)
            if not allowed.everything and allowed.share > 0:
                n = min(max(n, int(4 * k / allowed.share)), OVERFETCH_CAP)
            hits = self._keep_allowed(self._query(vec, n), catalog, allowed)
        if len(hits) < min(k, allowed.count) and allowed.count <= PREFILTER_MAX_IDS:
            # A rare filter: search only the allowed chunks so we still get k hits.
            hits = self._keep_allowed(self._search_allowed(vec, catalog, allowed, k), catalog, allowed)
        return hits[:k]

    def _exact_index(self, catalog: Catalog):
        """The catalog's exact-search index; None (with a warning, once per generation, when the
        local generation merely predates the vector matrix) when filtered questions over-fetch."""
        index = exact_index(catalog)
        if index is None and catalog.vectors is None and not self.settings.chroma_url and catalog.directory is not None:
            key = (str(catalog.directory), catalog.generation)
            if key not in _warned_no_vectors:
                _warned_no_vectors.add(key)
                warnings.warn(
                    f"the store {self.settings.store_dir} (catalog {catalog.generation}) has no chunk vector matrix, which "
                    "ingest writes since issue 16: filtered questions over-fetch Chroma's index instead of searching exactly "
                    "(slower, approximate). Run `policydesk ingest` once (any paths of the store) to write it.",
                    VectorsMissingWarning,
                    stacklevel=3,
                )
        return index

    def _query(self, vec: np.ndarray, n: int, ids: list[str] | None = None) -> list[tuple[str, float]]:
        for attempt in range(EMBEDDED_QUERY_ATTEMPTS):
            coll = self.collection()
            try:
                res = coll.query(query_embeddings=[vec.tolist()], n_results=n, ids=ids, include=["distances"])
                break
            except Exception as exc:
                if self.settings.chroma_url:
                    forget_client(self.settings)
                    self._collection = None
                    raise StoreUnavailableError(
                        f"the Chroma server at {self.settings.chroma_url} failed ({exc.__class__.__name__}); "
                        "check that it is running, then retry"
                    ) from exc
                if attempt + 1 == EMBEDDED_QUERY_ATTEMPTS:
                    raise
                # Embedded: another process's ingest changed the store under our loaded index
                # (Chroma: "Error finding id" for vectors it deleted); reload it from disk and
                # ask again, after a short wait if that process is still writing.
                forget_client(self.settings)
                self._collection = None
                time.sleep(0.05 * 4**attempt)
                if ids is not None:
                    # The ids come from our catalog; that ingest may have deleted some of them
                    # after committing a newer one. Search the ones Chroma still holds.
                    try:
                        ids = self.collection().get(ids=ids, include=[])["ids"]
                    except Exception:  # noqa: BLE001 - the next attempt reports the store error
                        pass
                    if not ids:
                        return []
        out_ids = res["ids"][0] if res.get("ids") else []
        dists = res["distances"][0] if res.get("distances") else []
        return [(cid, 1.0 - float(d)) for cid, d in zip(out_ids, dists)]

    def _search_allowed(self, vec: np.ndarray, catalog: Catalog, allowed: Allowed, k: int) -> list[tuple[str, float]]:
        """The k allowed chunks nearest to `vec`, scored exactly over the (few) allowed vectors.

        Falls back to Chroma's `ids=` search (slow, see the module docstring) when the vectors
        cannot be fetched, so a store error surfaces the way the other queries report it."""
        ids = [catalog.bm25_ids[i] for i in np.flatnonzero(allowed.mask)]
        found = self._allowed_vectors(catalog, ids)
        if found is None:
            return self._query(vec, min(k, len(ids)), ids=ids)
        vec_ids, units = found
        query = np.asarray(vec, dtype=np.float32)
        norm = np.linalg.norm(query)
        dists = np.float32(1.0) - units @ (query / norm if norm > 0 else query)
        order = np.argsort(dists, kind="stable")[:k]
        return [(vec_ids[i], 1.0 - float(dists[i])) for i in order]

    def _allowed_vectors(self, catalog: Catalog, ids: list[str]) -> tuple[list[str], np.ndarray] | None:
        """The unit vectors Chroma holds for `ids` (ids without a vector left out), cached.

        Keyed by catalog generation: ids only change meaning when a new generation commits."""
        s = self.settings
        key = (str(s.store_dir), s.chroma_url, s.collection, catalog.generation, tuple(ids))
        hit = _allowed_vectors.get(key)
        if hit is not None:
            return hit
        try:
            res = self.collection().get(ids=ids, include=["embeddings"])
        except Exception:
            return None
        embs = res.get("embeddings")
        if embs is None or len(embs) == 0:
            return None  # not cached: Chroma's own search decides (and retries a reloaded store)
        mat = np.asarray(embs, dtype=np.float32)
        norms = np.linalg.norm(mat, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        found = (list(res["ids"]), mat / norms)
        _allowed_vectors.put(key, found)
        return found

    @staticmethod
    def _keep_allowed(hits: list[tuple[str, float]], catalog: Catalog, allowed: Allowed) -> list[tuple[str, float]]:
        """The hits the filter allows, in order; one array lookup for the whole fetch (a method
        call per hit: 100k chunks, 100 bench questions, 200-2,000 hits each: 1.08 -> 0.44 ms mean,
        3.1 -> 1.5 ms p95, the same hits)."""
        if not hits:
            return []
        pos = catalog.positions([cid for cid, _ in hits])
        keep = pos >= 0
        keep[keep] = allowed.mask[pos[keep]]
        if catalog.positions_are_chunks:
            return [h for h, ok in zip(hits, keep) if ok]
        return [h for h, ok in zip(hits, keep) if ok and h[0] in catalog.chunks]

    def similarities(self, vec: np.ndarray, ids: list[str], catalog: Catalog | None = None) -> dict[str, float]:
        """Cosine of the query to given chunks (for keyword-only hits after fusion): from the
        catalog's vector matrix when it has one (a Chroma `get` cost ~0.9 ms CPU, 1.6-3 ms wall
        at 100k chunks), else from Chroma."""
        if not ids:
            return {}
        matrix = catalog.vectors if catalog is not None else None
        if matrix is not None:
            pos = catalog.positions(ids)
            known = pos >= 0
            if known.all():
                sims = np.asarray(matrix[pos], dtype=np.float32) @ np.asarray(vec, dtype=np.float32)
                return {cid: float(sim) for cid, sim in zip(ids, sims)}
        try:
            res = self.collection().get(ids=ids, include=["embeddings"])
        except Exception:
            return {}
        embs = res.get("embeddings")
        if embs is None or len(embs) == 0:
            return {}
        mat = np.asarray(embs, dtype=np.float32)
        norms = np.linalg.norm(mat, axis=1)
        norms[norms == 0] = 1.0
        sims = (mat @ vec) / norms
        return {cid: float(s) for cid, s in zip(res["ids"], sims)}


class VectorsMissingWarning(UserWarning):
    """The store's catalog generation has no chunk vector matrix: filtered questions over-fetch."""


_warned_no_vectors: set[tuple[str, str]] = set()


class _VectorCache:
    """A small LRU of rare-filter vectors, bounded by rows so a few big sets cannot pile up.

    Shared by every DenseRetriever in the process, so a chain rebuilt per request still hits it."""

    def __init__(self, max_rows: int):
        self.max_rows = max_rows
        self._items: OrderedDict[tuple, tuple[list[str], np.ndarray]] = OrderedDict()
        self._rows = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[list[str], np.ndarray] | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: tuple, value: tuple[list[str], np.ndarray]) -> None:
        rows = len(value[0])
        if rows > self.max_rows:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._rows -= len(old[0])
            self._items[key] = value
            self._rows += rows
            while self._rows > self.max_rows:
                _, dropped = self._items.popitem(last=False)
                self._rows -= len(dropped[0])


_allowed_vectors = _VectorCache(ALLOWED_VECTORS_MAX_ROWS)


def _is_not_found(exc: Exception) -> bool:
    name = exc.__class__.__name__.lower()
    text = str(exc).lower()
    return "notfound" in name or "does not exist" in text or "not found" in text


class KeywordRetriever(_CatalogReader):
    """BM25 over title, section and text; the allowed mask is applied before the top-k cut."""

    def retrieve(self, query: str, filters: Filters | None, k: int) -> list[ScoredChunk]:
        catalog = self.catalog()
        return self.retrieve_with(query, catalog, self.allowed(catalog, filters), k)

    @staticmethod
    def retrieve_with(query: str, catalog: Catalog, allowed: Allowed, k: int) -> list[ScoredChunk]:
        return [
            ScoredChunk(chunk=catalog.chunks[cid], score=s, keyword_score=s, rank=r)
            for r, (cid, s) in enumerate(KeywordRetriever.hits(query, catalog, allowed, k), start=1)
        ]

    @staticmethod
    def hits(query: str, catalog: Catalog, allowed: Allowed, k: int) -> list[Hit]:
        """The k best allowed chunks as (id, BM25 score), nothing parsed (see `fuse_ids`)."""
        if allowed.count == 0 or k <= 0:
            return []
        return [(c, s) for c, s in catalog.keyword_search(query, k, allowed.mask) if c in catalog.chunks]


def fuse_ids(lists: list[list[str]], rrf_k: int) -> list[tuple[str, float]]:
    """Reciprocal rank fusion over chunk ids: (id, sum of 1/(rrf_k + rank)), best first, ties by id.

    Fusion needs only ids and ranks, so the hybrid retriever parses just the chunks that make
    the cut (about k) instead of every candidate of both sides (2 x candidate_k = 80 chunk
    lines read and parsed per question, the first-question tail at 100k chunks)."""
    totals: dict[str, float] = {}
    for ids in lists:
        for rank, cid in enumerate(ids, start=1):
            totals[cid] = totals.get(cid, 0.0) + 1.0 / (rrf_k + rank)
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def rrf_fuse(lists: list[list[ScoredChunk]], rrf_k: int) -> list[ScoredChunk]:
    """`fuse_ids` for lists of parsed hits; keeps each side's own score."""
    first: dict[str, ScoredChunk] = {}
    dense: dict[str, float] = {}
    kw: dict[str, float] = {}
    for hits in lists:
        for sc in hits:
            first.setdefault(sc.chunk.id, sc)
            if sc.dense_score is not None:
                dense[sc.chunk.id] = sc.dense_score
            if sc.keyword_score is not None:
                kw[sc.chunk.id] = sc.keyword_score
    fused = fuse_ids([[sc.chunk.id for sc in hits] for hits in lists], rrf_k)
    return [
        first[cid].model_copy(update={"score": total, "rank": r, "dense_score": dense.get(cid), "keyword_score": kw.get(cid)})
        for r, (cid, total) in enumerate(fused, start=1)
    ]


def market_named(hits: list[Hit], catalog: Catalog, market: str) -> list[Hit]:
    """Hits whose clause names `market` among a few markets (not global, not the whole list),
    read from the catalog's filter columns, so no chunk is parsed for it."""
    m = market.upper()
    cols = catalog.columns
    out = []
    for hit in hits:
        pos = catalog.position(hit[0])
        if pos is None or cols.market_idx[pos] < 0:
            continue
        ms = cols.market_sets[cols.market_idx[pos]]
        if m in ms and GLOBAL_MARKET.upper() not in ms and len(ms) <= 5:
            out.append(hit)
    return out


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _side_pool() -> ThreadPoolExecutor:
    """Threads for the keyword side of hybrid retrieval, one per CPU, started on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="policydesk-keyword")
        return _pool


class HybridRetriever(_CatalogReader):
    """Dense + BM25 candidates fused with RRF; every returned chunk carries its cosine."""

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.dense = DenseRetriever(settings)
        self.keyword = KeywordRetriever(settings)

    def retrieve(self, query: str, filters: Filters | None, k: int) -> list[ScoredChunk]:
        return self.retrieve_with_ignored(query, filters, k)[0]

    def retrieve_with_ignored(self, query: str, filters: Filters | None, k: int) -> tuple[list[ScoredChunk], list[ScoredChunk]]:
        """The top k passages that give no orders, and the order-giving ones ranked among them.

        The fused list holds up to 2 x candidate_k passages, so dropping planted ones still
        leaves k real clauses (see untrusted.split_untrusted)."""
        if self.settings.chroma_url:
            self.dense.collection()  # an unreachable server is the error to report, not an empty catalog
        catalog = self.catalog()
        allowed = self.allowed(catalog, filters)
        if allowed.count == 0 or k <= 0:
            return [], []
        n = max(self.settings.candidate_k, k)
        # The keyword side needs no question vector, so it runs on another thread while the
        # question is encoded and Chroma searched (onnxruntime releases the GIL): measured at
        # 100k chunks on the idle 2-core box, retrieval p95 23.3-39.4 ms in sequence against
        # 20.9-23.3 in parallel (1M: 44-67 against 34-36).
        keyword = _side_pool().submit(self.keyword.hits, query, catalog, allowed, n)
        vec = self.dense.query_vector(query)
        dense = self.dense.hits(vec, catalog, allowed, n)
        kw = keyword.result()
        lists = [dense, kw]
        if filters is not None and filters.market:
            # Lex specialis: clauses written for this market, in dense order, form a third list,
            # so "not accepted in Thailand" surfaces for a Thailand question about casinos.
            lists.append(market_named(dense, catalog, filters.market)[:MARKET_NAMED_BOOST])
        dense_scores, kw_scores = dict(dense), dict(kw)
        fused_ids = fuse_ids([[cid for cid, _ in hits] for hits in lists], self.settings.rrf_k)
        parsed = (
            ScoredChunk(chunk=catalog.chunks[cid], score=total, rank=r, dense_score=dense_scores.get(cid), keyword_score=kw_scores.get(cid))
            for r, (cid, total) in enumerate(fused_ids, start=1)
        )
        # A generator: split_untrusted stops once it has k passages, so only those are parsed.
        fused, ignored = split_untrusted(parsed, k)
        missing = [sc.chunk.id for sc in fused if sc.dense_score is None]
        if missing:
            sims = self.dense.similarities(vec, missing, catalog)
            for sc in fused:
                if sc.dense_score is None and sc.chunk.id in sims:
                    sc.dense_score = sims[sc.chunk.id]
        return fused, ignored


__all__ = ["DenseRetriever", "HybridRetriever", "KeywordRetriever", "Retriever", "VectorsMissingWarning", "fuse_ids", "rrf_fuse"]
