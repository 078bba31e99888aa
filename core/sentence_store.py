"""Sentence vectors of the indexed chunks, kept beside the catalog in one SQLite file.

Why a store of its own: the answerer scores every sentence of the clauses it reads against
the question, and encoding those sentences at query time was most of an answer's latency.
Ingest pools them from the chunk's own forward pass (`Embedder.encode_with_sentences`) and
writes them here. They are not in Chroma (one vector per chunk is what retrieval searches)
nor in the catalog (loaded whole into memory: 100k chunks x ~6 sentences x 384 floats would
not fit the memory budget); a keyed SQLite table reads the few chunks an answer needs in
well under a millisecond.

Rows are keyed by chunk id, which is a hash of the chunk's source and embedded text, so a
row never goes stale: ingest writes rows before it commits a catalog generation and deletes
rows no catalog names after (as with the Chroma vectors), and a crash in between leaves only
unused rows. Rows of another embedding model are ignored and replaced. Vectors are float16:
half the disk, and cosine to three decimals is all the answerer uses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

FILENAME = "sentences.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sentence_vectors (
    chunk_id TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    spans BLOB NOT NULL,   -- int32 pairs (start, end) into the chunk text
    vectors BLOB NOT NULL  -- float16, one row of `dim` per span
)
"""

SpanVectors = dict[tuple[int, int], np.ndarray]


class SentenceStore:
    """Sentence vectors per chunk id for one store directory and embedding model."""

    def __init__(self, store_dir: Path, model: str):
        self.path = Path(store_dir) / FILENAME
        self.model = model

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30.0)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(_SCHEMA)
        return conn

    def put_many(self, items: Iterable[tuple[str, SpanVectors]]) -> int:
        rows = []
        for chunk_id, spans in items:
            # A chunk with no pooled sentence still gets a (empty) row: it was seen, and ingest
            # must not take it for a chunk from before sentence vectors and embed it again.
            keys = sorted(spans)
            dim = len(spans[keys[0]]) if keys else 0
            rows.append(
                (
                    chunk_id,
                    self.model,
                    dim,
                    np.asarray(keys, dtype=np.int32).tobytes(),
                    np.stack([spans[k] for k in keys]).astype(np.float16).tobytes() if keys else b"",
                )
            )
        if not rows:
            return 0
        conn = self._connect()
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO sentence_vectors VALUES (?, ?, ?, ?, ?)", rows)
        finally:
            conn.close()
        return len(rows)

    def get_many(self, chunk_ids: list[str], spans: dict[str, list[tuple[int, int]]] | None = None) -> dict[str, SpanVectors]:
        """Stored spans of these chunks; chunks without a row (or of another model) are absent.
        (`spans` is for the server store's sake; a keyed SQLite read needs no hint.)"""
        if not chunk_ids or not self.path.exists():
            return {}
        out: dict[str, SpanVectors] = {}
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5.0)
        except sqlite3.Error:
            return {}
        try:
            marks = ",".join("?" * len(chunk_ids))
            rows = conn.execute(
                f"SELECT chunk_id, dim, spans, vectors FROM sentence_vectors WHERE model = ? AND chunk_id IN ({marks})",
                [self.model, *chunk_ids],
            ).fetchall()
        except sqlite3.Error:
            return {}  # no table yet, or a store from before sentence vectors: callers encode
        finally:
            conn.close()
        for chunk_id, dim, spans_blob, vec_blob in rows:
            if not dim:
                continue
            keys = np.frombuffer(spans_blob, dtype=np.int32).reshape(-1, 2)
            vecs = np.frombuffer(vec_blob, dtype=np.float16).reshape(-1, dim).astype(np.float32)
            out[chunk_id] = {(int(s), int(e)): vecs[i] for i, (s, e) in enumerate(keys)}
        return out

    def known_ids(self) -> set[str]:
        if not self.path.exists():
            return set()
        conn = self._connect()
        try:
            return {r[0] for r in conn.execute("SELECT chunk_id FROM sentence_vectors WHERE model = ?", (self.model,))}
        finally:
            conn.close()

    def keep_only(self, keep: set[str]) -> int:
        """Delete rows of chunks no committed catalog names, and rows of other models."""
        if not self.path.exists():
            return 0
        conn = self._connect()
        try:
            with conn:
                removed = conn.execute("DELETE FROM sentence_vectors WHERE model != ?", (self.model,)).rowcount
                stale = [r[0] for r in conn.execute("SELECT chunk_id FROM sentence_vectors") if r[0] not in keep]
                for i in range(0, len(stale), 500):
                    part = stale[i : i + 500]
                    conn.execute(f"DELETE FROM sentence_vectors WHERE chunk_id IN ({','.join('?' * len(part))})", part)
                return removed + len(stale)
        finally:
            conn.close()


SENTENCES_SUFFIX = "__sentences"


class ServerSentenceStore:
    """Sentence vectors in the Chroma server (one record per sentence, their own collection),
    with the local SQLite store as a read-through cache.

    Every app process of a team deployment reads the vectors one ingest wrote; rows never go
    stale (chunk ids hash the chunk's content), so the cache needs no invalidation."""

    def __init__(self, settings):
        self.settings = settings
        self.model = settings.embedding_model
        self.local = SentenceStore(settings.store_dir, settings.embedding_model)

    def _collection(self, create: bool = False):
        from policydesk.core.store import cached_client

        client = cached_client(self.settings)
        name = self.settings.collection + SENTENCES_SUFFIX
        if create:
            return client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"})
        try:
            return client.get_collection(name)
        except Exception as exc:
            if "not" in str(exc).lower() and "exist" in str(exc).lower() or "notfound" in type(exc).__name__.lower():
                return None
            raise

    def put_many(self, items: Iterable[tuple[str, SpanVectors]]) -> int:
        items = list(items)
        ids, embs, metas = [], [], []
        for chunk_id, spans in items:
            for (start, end), vec in sorted(spans.items()):
                ids.append(f"{chunk_id}:{start}:{end}")
                embs.append(np.asarray(vec, dtype=np.float32).tolist())
                metas.append({"chunk_id": chunk_id, "start": int(start), "end": int(end), "model": self.model})
        if ids:
            coll = self._collection(create=True)
            for i in range(0, len(ids), 2000):
                coll.upsert(ids=ids[i : i + 2000], embeddings=embs[i : i + 2000], metadatas=metas[i : i + 2000])
        return self.local.put_many(items)

    def get_many(self, chunk_ids: list[str], spans: dict[str, list[tuple[int, int]]] | None = None) -> dict[str, SpanVectors]:
        """`spans`: the sentence spans the caller will look up, per chunk id. With them the
        records are fetched by id (`chunk_id:start:end`); without, by a `chunk_id $in [...]`
        metadata filter, which scans every sentence record: at 404k records 78-129 ms per 12
        chunks against 11-24 ms by id (measured 2026-11-29, benchmarks/README.md)."""
        out = self.local.get_many(chunk_ids)
        missing = [c for c in dict.fromkeys(chunk_ids) if c not in out]
        if not missing:
            return out
        try:
            coll = self._collection()
            if coll is None:
                return out
            if spans is not None and all(c in spans for c in missing):
                ids = [f"{c}:{a}:{b}" for c in missing for a, b in spans[c]]
                res = coll.get(ids=ids, include=["embeddings", "metadatas"]) if ids else {}
            else:
                res = coll.get(
                    where={"$and": [{"chunk_id": {"$in": missing}}, {"model": self.model}]}, include=["embeddings", "metadatas"]
                )
        except Exception:  # noqa: BLE001 - vectors are an optimisation: the answerer encodes what is missing
            return out
        found: dict[str, SpanVectors] = {}
        embs = res.get("embeddings")
        for meta, vec in zip(res.get("metadatas") or [], embs if embs is not None else []):
            if meta.get("model") != self.model:
                continue  # a record another model's ingest left under the same id
            found.setdefault(meta["chunk_id"], {})[(int(meta["start"]), int(meta["end"]))] = np.asarray(vec, dtype=np.float32)
        if found:
            self.local.put_many(found.items())
            out.update(self.local.get_many(list(found)))
        return out

    def known_ids(self) -> set[str]:
        """Chunks whose sentences are on the server: ingest writes them before the chunk's
        vector, so every chunk with a vector in the main collection has them."""
        from policydesk.core.store import cached_client

        try:
            coll = cached_client(self.settings).get_collection(self.settings.collection)
        except Exception:  # noqa: BLE001 - no collection yet: nothing is known
            return set()
        return set(coll.get(include=[])["ids"])

    def keep_only(self, keep: set[str]) -> int:
        """Delete sentence records of chunks no committed catalog names, and of other models."""
        self.local.keep_only(keep)
        coll = self._collection()
        if coll is None:
            return 0
        stale: list[str] = []
        offset = 0
        while True:
            res = coll.get(include=["metadatas"], limit=20000, offset=offset)
            ids = res.get("ids") or []
            for rid, meta in zip(ids, res.get("metadatas") or []):
                if meta.get("chunk_id") not in keep or meta.get("model") != self.model:
                    stale.append(rid)
            if len(ids) < 20000:
                break
            offset += len(ids)
        for i in range(0, len(stale), 5000):
            coll.delete(ids=stale[i : i + 5000])
        return len(stale)


def sentence_store(settings) -> SentenceStore | ServerSentenceStore:
    if settings.chroma_url:
        return ServerSentenceStore(settings)
    return SentenceStore(settings.store_dir, settings.embedding_model)
