"""The store schema: where vectors, the catalog and the keyword index live, and how they commit.

Layout under the store directory (default `./.policydesk`):

    chroma/                 embedded Chroma (absent when a Chroma server is used)
    catalog/CURRENT         name of the committed generation, replaced atomically
    catalog/gen-000007/     documents.json, chunks.jsonl (+ chunks.offsets.npy: where each line
                            starts, core/chunk_table.py), columns.npz (filter fields,
                            core/chunk_columns.py), corpus_facts.json (core/corpus_facts.py),
                            bm25/ (keyword index), meta.json
                            (with a Chroma server: a cache of the generation published there,
                            see server_catalog.py)
    queries.sqlite          the query log (see querylog.py)
    ingest.lock             held while an ingest runs

The catalog is the commit point. Ingest first upserts new vectors into Chroma, then writes
a new catalog generation and swaps CURRENT, and only then deletes vectors the new catalog no
longer names. Readers use only chunk ids that their catalog names, so a crash at any step
leaves the previous complete state queryable and a re-run converges.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import numpy as np

from policydesk.core import keyword
from policydesk.core.chunk_columns import ChunkColumns, columns_from_chunks, load_columns, save_columns
from policydesk.core.chunk_vectors import VECTORS_FILE, load_vectors, unit_rows
from policydesk.core.chunk_table import OFFSETS_FILE, ChunkTable
from policydesk.core.errors import StoreEmptyError, StoreUnavailableError
from policydesk.core.types import Chunk, DocumentRecord

if TYPE_CHECKING:  # the facts module pulls in the clause reader; light commands never need it
    from policydesk.core.corpus_facts import CorpusFacts

CATALOG_FORMAT = 1
KEEP_GENERATIONS = 3


# --------------------------------------------------------------------------- Chroma


def chunk_metadata(chunk: Chunk) -> dict:
    """The Chroma record's metadata: what a LangChain user of the collection filters by, no more.

    The catalog (`<store>/catalog/`, or the `__catalog` collection of a server) holds every
    chunk field and is what policydesk reads; the vector collection's metadata serves only
    `where` filters of other clients (the benchmark's LangChain retriever among them). So it
    carries the filter fields, each only when set, and markets as `mk_<CODE>: True` flags
    (Chroma stores no lists). Titles, sections, positions and rules are not copied: every
    key is a row of Chroma's metadata table, and the fifteen it once held cost ~0.4 CPU s per
    2,000 chunks at ingest (measured 2026-11-30: 1.06 against 0.70 s for these), a third of
    the work ingest adds to the encoder's (issue 16)."""
    meta: dict = {"source": chunk.source}
    for key, value in (
        ("policy_id", chunk.policy_id),
        ("business_line", chunk.business_line),
        ("effective_date", chunk.effective_date.isoformat() if chunk.effective_date else None),
    ):
        if value:
            meta[key] = value
    for m in chunk.markets:
        meta[f"mk_{m.upper()}"] = True
    return meta


def _chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def chroma_client(settings):
    """Embedded Chroma under the store, or a Chroma server when a URL is configured."""
    import chromadb

    if settings.chroma_url:
        url = urlparse(settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}")
        try:
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=_chroma_settings(),
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at {settings.chroma_url} ({exc.__class__.__name__}); "
                "start it or fix --chroma-url / POLICYDESK_CHROMA_URL"
            ) from exc
        return client
    path = settings.store_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


_client_cache: dict[tuple, object] = {}
_client_generation: dict[tuple, str | None] = {}
_client_lock = threading.Lock()


def _committed_generation(settings) -> str | None:
    try:
        return (settings.store_dir / "catalog" / "CURRENT").read_text().strip() or None
    except OSError:
        return None


def _detach_embedded(client) -> None:
    """Make chromadb forget its per-path System, so the next client loads the store from disk.

    Embedded Chroma keeps the vector index in memory per process: a process that opened the
    store before another process's ingest keeps searching the old index (new chunks are not
    found, deleted ones still are). The old System is not stopped: objects still using it keep
    working until they are dropped.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    ident = getattr(client, "_identifier", None)
    if ident is not None:
        SharedSystemClient._identifier_to_system.pop(ident, None)
        SharedSystemClient._identifier_to_refcount.pop(ident, None)


def cached_client(settings):
    """One Chroma client per (store, url) per process; embedded Chroma dislikes duplicates.

    An embedded client is reopened when the committed catalog generation has changed since it
    was opened (another process may have ingested), so readers see the vectors they commit to.
    """
    key = (str(settings.store_dir.resolve()), settings.chroma_url)
    with _client_lock:
        client = _client_cache.get(key)
        if client is not None and not settings.chroma_url:
            gen = _committed_generation(settings)
            if gen != _client_generation.get(key):
                _detach_embedded(client)
                client = None
        if client is None:
            gen = None if settings.chroma_url else _committed_generation(settings)
            client = chroma_client(settings)
            _client_cache[key] = client
            _client_generation[key] = gen
        return client


def forget_client(settings) -> None:
    """Drop a cached client after an error, so the next call reconnects (or reloads from disk)."""
    key = (str(settings.store_dir.resolve()), settings.chroma_url)
    with _client_lock:
        client = _client_cache.pop(key, None)
        _client_generation.pop(key, None)
        if client is not None and not settings.chroma_url:
            _detach_embedded(client)


def vector_store(settings, embeddings, create: bool = True):
    """The langchain-chroma vector store over our collection (cosine space)."""
    from langchain_chroma import Chroma

    client = cached_client(settings)
    try:
        return Chroma(
            client=client,
            collection_name=settings.collection,
            embedding_function=embeddings,
            collection_metadata={"hnsw:space": "cosine"},
            create_collection_if_not_exists=create,
        )
    except StoreUnavailableError:
        raise
    except Exception as exc:
        if settings.chroma_url:
            forget_client(settings)
            raise StoreUnavailableError(
                f"the Chroma server at {settings.chroma_url} failed ({exc.__class__.__name__}: {exc}); "
                "check that it is running, then retry"
            ) from exc
        if not create:
            raise StoreEmptyError(
                f"no collection {settings.collection!r} in {settings.store_dir}; run `policydesk ingest` first"
            ) from exc
        raise


# --------------------------------------------------------------------------- catalog


@dataclass
class Catalog:
    """Everything a reader needs besides the vectors, loaded from one committed generation.

    `chunks` is a `ChunkTable` (parsed on demand from the generation's chunks.jsonl) for a
    committed generation, a plain dict for an empty catalog; filter columns and corpus facts
    are read from the generation's files on first use (derived from the chunks for a
    generation written before those files existed)."""

    generation: str
    documents: dict[str, DocumentRecord]
    chunks: Mapping[str, Chunk]
    bm25_ids: list[str]
    bm25: object | None
    meta: dict = field(default_factory=dict)
    directory: Path | None = None
    _positions: dict[str, int] | None = None
    _columns: ChunkColumns | None = None
    _facts: CorpusFacts | None = None  # noqa: F821 (TYPE_CHECKING import)
    _vectors: np.ndarray | None = None
    _vectors_read: bool = False  # the file was there at the last look (and read then)

    @property
    def is_empty(self) -> bool:
        return not self.chunks

    def position(self, chunk_id: str) -> int | None:
        return self._position_map().get(chunk_id)

    def positions(self, chunk_ids: list[str]) -> np.ndarray:
        """`position` of each id as one int64 array, -1 for an id not in the catalog."""
        get = self._position_map().get
        return np.fromiter((get(c, -1) for c in chunk_ids), dtype=np.int64, count=len(chunk_ids))

    @property
    def positions_are_chunks(self) -> bool:
        """Whether every id with a position is also in `chunks` (the table is the bm25 order)."""
        return isinstance(self.chunks, ChunkTable) and self.chunks.ids is self.bm25_ids

    def _position_map(self) -> dict[str, int]:
        if self.positions_are_chunks:
            return self.chunks.position_map  # type: ignore[attr-defined]
        if self._positions is None:
            self._positions = {cid: i for i, cid in enumerate(self.bm25_ids)}
        return self._positions

    @property
    def columns(self) -> ChunkColumns:
        """Filter columns aligned with `bm25_ids`."""
        if self._columns is None:
            loaded = load_columns(self.directory) if self.directory else None
            self._columns = loaded or columns_from_chunks(self.chunks[cid] for cid in self.bm25_ids if cid in self.chunks)
        return self._columns

    @property
    def vectors(self) -> np.ndarray | None:
        """Row i: the unit vector of chunk `bm25_ids[i]` (memory-mapped float32), or None for a
        generation written without one (see core/chunk_vectors.py)."""
        if self._vectors is None and self.bm25_ids and self.directory is not None:
            # Looked for again while absent (one stat): `ingest` on an unchanged store adds it
            # to the current generation, and running processes pick it up. A damaged file is
            # read once.
            there = (self.directory / VECTORS_FILE).exists()
            if there and not self._vectors_read:
                self._vectors = load_vectors(self.directory, len(self.bm25_ids))
            self._vectors_read = there
        return self._vectors

    @property
    def facts(self) -> CorpusFacts:
        if self._facts is None:
            from policydesk.core.corpus_facts import compute_corpus_facts, load_corpus_facts

            loaded = load_corpus_facts(self.directory) if self.directory else None
            self._facts = loaded or compute_corpus_facts(self.chunks.values())
        return self._facts

    def keyword_search(self, query: str, k: int, allowed: np.ndarray | None = None) -> list[tuple[str, float]]:
        idx, scores = keyword.search(self.bm25, query, k, mask=allowed)
        return [(self.bm25_ids[i], float(s)) for i, s in zip(idx, scores)]


def keyword_text(chunk: Chunk) -> str:
    """What BM25 sees: headings carry much of a clause's meaning, so they are indexed too."""
    return f"{chunk.title}\n{chunk.section}\n{chunk.text}"


class CatalogStore:
    """Reads and atomically commits catalog generations under `<store>/catalog`."""

    def __init__(self, store_dir: Path):
        self.root = Path(store_dir) / "catalog"
        self._cache: tuple[str, Catalog] | None = None
        self._lock = threading.Lock()

    # ---- reading
    def current_generation(self) -> str | None:
        try:
            return (self.root / "CURRENT").read_text().strip() or None
        except FileNotFoundError:
            return None

    def load(self) -> Catalog:
        """The committed catalog; cached until CURRENT names another generation."""
        gen = self.current_generation()
        if gen is None:
            return Catalog("", {}, {}, [], None)
        with self._lock:
            if self._cache and self._cache[0] == gen:
                return self._cache[1]
            catalog = self._read(gen)
            self._cache = (gen, catalog)
            return catalog

    def _read(self, gen: str) -> Catalog:
        d = self.root / gen
        docs_raw = json.loads((d / "documents.json").read_text())
        documents = {r["source"]: DocumentRecord.model_validate(r) for r in docs_raw}
        meta = json.loads((d / "meta.json").read_text())
        offsets = np.load(d / OFFSETS_FILE) if (d / OFFSETS_FILE).exists() else None
        if "bm25_ids" in meta:
            bm25_ids = meta["bm25_ids"]
        else:  # very old generations: the ids are only in the chunk lines
            with open(d / "chunks.jsonl", encoding="utf-8") as fh:
                bm25_ids = [json.loads(line)["id"] for line in fh if line.strip()]
        chunks = ChunkTable(d / "chunks.jsonl", bm25_ids, offsets)
        bm25 = None
        if (d / "bm25").exists() and bm25_ids:
            from policydesk.core.bm25_files import SavedBM25

            # Memory-mapped: at a million chunks the score matrix is hundreds of MB, and a
            # question only touches the postings of its own words. Read without bm25s (it
            # imports scipy): the same scores, see core/bm25_files.py.
            bm25 = SavedBM25(d / "bm25", mmap=True)
        return Catalog(gen, documents, chunks, bm25_ids, bm25, meta, directory=d)

    # ---- writing
    def commit(
        self, documents: list[DocumentRecord], chunks: list[Chunk], meta: dict | None = None, name: str | None = None,
        parts: CatalogParts | None = None, vectors: Path | np.ndarray | None = None,
    ) -> str:  # fmt: skip
        """Write a new generation and make it current with one atomic rename.

        `name`: the generation's name when it mirrors one published on a Chroma server.
        `parts`: `prepare_catalog(chunks)` when the caller computed it already.
        `vectors`: the chunks' vectors in the same order, as a matrix or a `.npy` file
        (`chunk_vectors.PendingVectors`, moved in); None writes the generation without them."""
        staged = self.stage(documents, chunks, parts)
        try:
            return self.commit_staged(staged, meta=meta, name=name, vectors=vectors)
        except BaseException:
            staged.discard()
            raise

    def stage(self, documents: list[DocumentRecord], chunks: list[Chunk], parts: CatalogParts | None = None) -> StagedGeneration:
        """Write every file of a new generation but its vectors and meta into a directory of its
        own, flushed to disk, not yet current; `commit_staged` finishes it.

        Ingest stages on a pool worker while the encoder still runs (`ingest/pipeline.py`): the
        chunk lines, keyword index and fsyncs are then written beside the encoder instead of
        after its last batch, and the commit that follows writes two files and renames."""
        parts = parts or prepare_catalog(chunks)
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".tmp-stage-{os.getpid()}-{threading.get_ident()}-{id(chunks):x}"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        (tmp / "documents.json").write_text(
            json.dumps([d.model_dump(mode="json") for d in documents], indent=1), encoding="utf-8"
        )
        offsets = np.zeros(len(chunks) + 1, dtype=np.int64)
        with open(tmp / "chunks.jsonl", "wb") as fh:
            for i, c in enumerate(chunks):
                line = c.model_dump_json().encode("utf-8") + b"\n"
                fh.write(line)
                offsets[i + 1] = offsets[i] + len(line)
        np.save(tmp / OFFSETS_FILE, offsets)
        save_columns(parts.columns, tmp)
        from policydesk.core.corpus_facts import save_corpus_facts

        save_corpus_facts(parts.facts, tmp)
        if parts.index is not None:
            parts.index.save(str(tmp / "bm25"))
        _fsync_tree(tmp)
        return StagedGeneration(tmp, [c.id for c in chunks])

    def commit_staged(
        self, staged: StagedGeneration, meta: dict | None = None, name: str | None = None, vectors: Path | np.ndarray | None = None
    ) -> str:  # fmt: skip
        """Add the vectors and meta to a staged generation and make it current (see `commit`)."""
        tmp = staged.directory
        if vectors is not None and not isinstance(vectors, Path):
            vectors = unit_rows(vectors)
            if vectors.shape[0] != len(staged.ids):
                raise ValueError(f"{vectors.shape} vectors for {len(staged.ids)} chunks")
        prev = self.current_generation()
        n = int(prev.split("-")[1]) + 1 if prev else 1
        gen = name or f"gen-{n:06d}"
        if isinstance(vectors, Path):
            os.replace(vectors, tmp / VECTORS_FILE)
        elif vectors is not None:
            np.save(tmp / VECTORS_FILE, vectors)
        full_meta = {"format": CATALOG_FORMAT, "bm25_ids": staged.ids, **(meta or {})}
        (tmp / "meta.json").write_text(json.dumps(full_meta), encoding="utf-8")
        for written in (tmp / VECTORS_FILE, tmp / "meta.json"):
            if written.exists():
                _fsync_file(written)
        _fsync_dir(tmp)
        final = self.root / gen
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
        pointer_tmp = self.root / f".CURRENT.{os.getpid()}"
        pointer_tmp.write_text(gen)
        _fsync_file(pointer_tmp)
        os.replace(pointer_tmp, self.root / "CURRENT")
        _fsync_dir(self.root)
        self._prune(keep=gen)
        return gen

    def _prune(self, keep: str) -> None:
        """Keep a few old generations so a reader that just read CURRENT can still open its files."""
        gens = sorted(p.name for p in self.root.glob("gen-*") if p.is_dir())
        for name in gens[:-KEEP_GENERATIONS]:
            if name != keep:
                shutil.rmtree(self.root / name, ignore_errors=True)
        for p in self.root.glob(".tmp-*"):
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            elif not p.name.startswith(f".tmp-vectors-{os.getpid()}-"):  # another run's leftover
                p.unlink(missing_ok=True)


@dataclass
class StagedGeneration:
    """A generation written but for its vectors and meta (`CatalogStore.stage`)."""

    directory: Path
    ids: list[str]  # the chunk ids in catalog order (meta's bm25_ids)

    def discard(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


@dataclass
class CatalogParts:
    """What a commit derives from the chunks (the CPU-bound part of writing a generation)."""

    columns: ChunkColumns
    facts: CorpusFacts
    index: object | None  # bm25s.BM25, None for no chunks


def prepare_catalog(chunks: list[Chunk], logic_read: bool = False) -> CatalogParts:
    """Filter columns, corpus facts and the keyword index of `chunks` (with their clause logic;
    `logic_read`: see `compute_corpus_facts`)."""
    from policydesk.core.corpus_facts import compute_corpus_facts

    return CatalogParts(
        columns=columns_from_chunks(chunks),
        facts=compute_corpus_facts(chunks, logic_read),
        index=keyword.build_index([keyword_text(c) for c in chunks]),
    )


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    _fsync_file(path)


def _fsync_tree(path: Path) -> None:
    for p in path.rglob("*"):
        if p.is_file():
            _fsync_file(p)
    _fsync_dir(path)


@contextmanager
def ingest_lock(store_dir: Path):
    """One ingest per store at a time; a second one waits rather than interleaving commits."""
    store_dir.mkdir(parents=True, exist_ok=True)
    with open(store_dir / "ingest.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


_catalog_stores: dict[str, CatalogStore] = {}


def catalog_store(settings) -> CatalogStore:
    """One CatalogStore per store directory per process, so its cache is shared."""
    key = str(settings.store_dir.resolve())
    with _client_lock:
        cs = _catalog_stores.get(key)
        if cs is None:
            cs = CatalogStore(settings.store_dir)
            _catalog_stores[key] = cs
        return cs


def load_catalog(settings, require: bool = True) -> Catalog:
    """The committed catalog, or a clear error telling the user to ingest first.

    With a Chroma server the server's published generation is the truth and the local
    catalog a cache of it (core/server_catalog.py)."""
    if settings.chroma_url:
        from policydesk.core import server_catalog

        if server_catalog.sync(settings) is None:
            if require:
                raise StoreEmptyError(
                    f"the Chroma server at {settings.chroma_url} has no documents in collection {settings.collection!r} yet; "
                    "run `policydesk ingest PATH` first"
                )
            return Catalog("", {}, {}, [], None)
    cat = catalog_store(settings).load()
    if require and cat.is_empty:
        raise StoreEmptyError(f"the store {settings.store_dir} has no documents yet; run `policydesk ingest PATH` first")
    return cat
