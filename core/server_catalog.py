"""Server mode: the catalog (chunks, documents, rules, meta) lives in the Chroma server too.

With `--chroma-url`, several app processes on several machines answer from one server, so
everything answering needs must be there, not in one machine's `--store`:

    <collection>             chunk vectors (as in embedded mode)
    <collection>__catalog    per generation: documents, chunks (each its full pydantic JSON,
                             so fields added to Chunk flow through; rules ride on chunks),
                             meta; plus one record CURRENT naming the published generation
    <collection>__sentences  sentence vectors, one record per sentence (core/sentence_store.py)

Chroma has no multi-collection transaction, so the CURRENT record is the commit point, as the
CURRENT file is on disk: an ingest writes every record of a new generation first and then
upserts CURRENT (a one-record write); a reader reads CURRENT, then only that generation's
records, so it never sees half an ingest. A generation is pruned only two publishes later,
and a reader that finds its generation gone reads CURRENT again.

A process's local `--store` is a cache: when CURRENT names a generation the local catalog
does not hold, the records are downloaded and committed locally under the same name (the
BM25 index is built here), under a lock so processes sharing a store build it once.
"""

from __future__ import annotations

import fcntl
import json
import threading
import time
import uuid
from contextlib import contextmanager

from policydesk.core.errors import StoreEmptyError, StoreUnavailableError
from policydesk.core.types import Chunk, DocumentRecord

CATALOG_SUFFIX = "__catalog"
MARKER_ID = "CURRENT"
CHUNKS_PER_RECORD = 200
KEEP_REMOTE_GENERATIONS = 3
# How often a reader asks the server which generation is current (one small `get`).
REFRESH_S = 1.0
_DUMMY = [0.0]  # catalog records are looked up by id and metadata, never by vector


class GenerationConflict(StoreUnavailableError):
    """Another process published a generation while this ingest ran."""


def catalog_collection(settings, create: bool = False):
    from policydesk.core.store import cached_client

    client = cached_client(settings)
    name = settings.collection + CATALOG_SUFFIX
    try:
        if create:
            return client.get_or_create_collection(name)
        return client.get_collection(name)
    except Exception as exc:
        if not create and _not_found(exc):
            return None
        raise _unavailable(settings, exc) from exc


def _not_found(exc: Exception) -> bool:
    text = f"{exc.__class__.__name__} {exc}".lower()
    return "notfound" in text or "does not exist" in text or "not found" in text


def _unavailable(settings, exc: Exception) -> StoreUnavailableError:
    from policydesk.core.store import forget_client

    forget_client(settings)
    return StoreUnavailableError(
        f"the Chroma server at {settings.chroma_url} failed ({exc.__class__.__name__}); check that it is running, then retry"
    )


def remote_generation(settings) -> str | None:
    """The generation CURRENT names on the server, None before the first publish."""
    try:
        coll = catalog_collection(settings)
        if coll is None:
            return None
        res = coll.get(ids=[MARKER_ID], include=["metadatas"])
    except StoreUnavailableError:
        raise
    except Exception as exc:
        raise _unavailable(settings, exc) from exc
    metas = res.get("metadatas") or []
    return metas[0].get("gen") if metas and metas[0] else None


def new_generation_name(previous: str | None) -> str:
    """gen-<n>-<random>: ordered like local generations, never equal to one a local store made."""
    n = int(previous.split("-")[1]) + 1 if previous else 1
    return f"gen-{n:06d}-{uuid.uuid4().hex[:8]}"


def publish(settings, gen: str, expected_previous: str | None, documents: list[DocumentRecord], chunks: list[Chunk], meta: dict) -> None:
    """Write every record of `gen`, then point CURRENT at it (the commit), then prune old ones."""
    try:
        coll = catalog_collection(settings, create=True)
        ids, docs, metas = [], [], []
        ids.append(f"{gen}/documents")
        docs.append(json.dumps([d.model_dump(mode="json") for d in documents]))
        metas.append({"gen": gen, "kind": "documents", "part": 0})
        ids.append(f"{gen}/meta")
        docs.append(json.dumps(meta))
        metas.append({"gen": gen, "kind": "meta", "part": 0})
        for part, i in enumerate(range(0, len(chunks), CHUNKS_PER_RECORD)):
            ids.append(f"{gen}/chunks/{part:06d}")
            docs.append("\n".join(c.model_dump_json() for c in chunks[i : i + CHUNKS_PER_RECORD]))
            metas.append({"gen": gen, "kind": "chunks", "part": part})
        for i in range(0, len(ids), 50):
            coll.upsert(ids=ids[i : i + 50], documents=docs[i : i + 50], metadatas=metas[i : i + 50], embeddings=[_DUMMY] * len(ids[i : i + 50]))
        parts = sum(1 for m in metas if m["kind"] == "chunks")
        current = remote_generation(settings)
        if current != expected_previous:
            raise GenerationConflict(
                f"another ingest published {current} on {settings.chroma_url} while this one ran; nothing was published, re-run ingest"
            )
        coll.upsert(
            ids=[MARKER_ID], documents=[gen], embeddings=[_DUMMY],
            metadatas=[{"gen": gen, "kind": "marker", "parts": parts, "published_at": time.time()}],
        )  # fmt: skip
        _prune(coll, keep=gen)
    except StoreUnavailableError:
        raise
    except Exception as exc:
        raise StoreUnavailableError(
            f"the Chroma server at {settings.chroma_url} failed while publishing the catalog ({exc.__class__.__name__}); "
            "nothing was published, the previous index is intact; retry when it is back"
        ) from exc


def _prune(coll, keep: str) -> None:
    """Drop generations older than the last few (readers that just read CURRENT still find theirs)."""
    res = coll.get(where={"kind": "meta"}, include=["metadatas"])
    gens = sorted({m["gen"] for m in res.get("metadatas") or [] if m})
    for gen in gens[:-KEEP_REMOTE_GENERATIONS]:
        if gen != keep:
            coll.delete(where={"gen": gen})


def download(settings, gen: str) -> tuple[list[DocumentRecord], list[Chunk], dict] | None:
    """The records of `gen`, or None when it was pruned meanwhile (the caller re-reads CURRENT)."""
    try:
        coll = catalog_collection(settings)
        if coll is None:
            return None
        by_kind: dict[str, list[tuple[int, str]]] = {}
        offset = 0
        while True:  # in pages: a big corpus is hundreds of MB of JSON
            res = coll.get(where={"gen": gen}, include=["documents", "metadatas"], limit=50, offset=offset)
            docs = res.get("documents") or []
            for doc, meta in zip(docs, res.get("metadatas") or []):
                by_kind.setdefault(meta["kind"], []).append((int(meta.get("part", 0)), doc))
            if len(docs) < 50:
                break
            offset += len(docs)
    except StoreUnavailableError:
        raise
    except Exception as exc:
        raise _unavailable(settings, exc) from exc
    if "documents" not in by_kind or "meta" not in by_kind:
        return None
    documents = [DocumentRecord.model_validate(r) for r in json.loads(by_kind["documents"][0][1])]
    meta = json.loads(by_kind["meta"][0][1])
    chunks = [
        Chunk.model_validate_json(line)
        for _, text in sorted(by_kind.get("chunks", []))
        for line in text.splitlines()
        if line.strip()
    ]
    if len(chunks) != len(meta.get("bm25_ids", chunks)):
        return None  # pruned while we read it
    return documents, chunks, meta


@contextmanager
def _cache_lock(settings):
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    with open(settings.store_dir / "cache.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


_checked: dict[tuple, float] = {}
_checked_lock = threading.Lock()


def sync(settings, force: bool = False) -> str | None:
    """Bring the local catalog cache to the server's current generation; returns its name.

    Asks the server at most every REFRESH_S per process (unless `force`), so a question costs
    no extra round trip most of the time; a change is seen within that time."""
    from policydesk.core.store import catalog_store

    key = (str(settings.store_dir.resolve()), settings.chroma_url, settings.collection)
    now = time.monotonic()
    store = catalog_store(settings)
    with _checked_lock:
        if not force and now - _checked.get(key, -1e9) < REFRESH_S:
            return store.current_generation()
    for _ in range(5):
        gen = remote_generation(settings)
        if gen is None:
            with _checked_lock:
                _checked[key] = now
            return None
        if store.current_generation() == gen:
            break
        with _cache_lock(settings):
            if store.current_generation() == gen:
                break
            got = download(settings, gen)
            if got is None:
                continue  # pruned under us: a newer one is current
            documents, chunks, meta = got
            store.commit(documents, chunks, meta={k: v for k, v in meta.items() if k not in ("bm25_ids", "format")}, name=gen)
            _ensure_local_export(settings)
            break
    else:
        raise StoreUnavailableError(f"the catalog on {settings.chroma_url} kept changing while it was read; retry")
    with _checked_lock:
        _checked[key] = time.monotonic()
    return gen


def _ensure_local_export(settings) -> None:
    """The store's ONNX export of the model (core/onnx_export.py) is a local file too: ingest
    writes it on the machine that ingests, so a machine that only answers builds its own once,
    with its first cache (cheap afterwards). Without it questions still work, through torch."""
    if getattr(settings, "embedding_backend", "onnx") != "onnx" or settings.embedding_device != "cpu":
        return
    from policydesk.core.onnx_export import ensure_export

    ensure_export(settings)  # a model it cannot export keeps torch; embedding.py says so when it loads


def require_published(settings) -> None:
    if remote_generation(settings) is None:
        raise StoreEmptyError(
            f"the Chroma server at {settings.chroma_url} has no documents in {settings.collection!r} yet; run `policydesk ingest PATH` first"
        )
