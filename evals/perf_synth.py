"""A synthetic store of N chunks, written in the real store format, for query benchmarks.

Embedding 100k chunks would take hours on two CPU cores, so the synthetic store reuses the
vectors the ingest benchmark already computed: chunk i takes base chunk `i % B`'s vector plus
small seeded noise (re-normalised, so no two vectors are equal), a perturbed text (so BM25
sees distinct documents) and metadata spread over many policies, versions, markets and
business lines. It is written the way ingest writes: sentence vectors (the base chunk's pooled
ones), Chroma upsert with precomputed embeddings, then `CatalogStore.commit` with the chunk
vector matrix (core/chunk_vectors.py), so the real retrievers and the answerer read it unchanged.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date

import numpy as np

from policydesk.core.chunk_vectors import PendingVectors
from policydesk.core.sentence_store import sentence_store
from policydesk.core.sentences import split_sentences
from policydesk.core.store import CatalogStore, cached_client, chunk_metadata, load_catalog
from policydesk.core.types import Chunk, DocumentRecord
from policydesk.evals.perf_corpus import MARKETS, VOCAB

CHUNKS_PER_DOC = 50
BUSINESS_LINES = ("ads", "ads", "ads", "commerce", "creators")
NOISE = 0.04


def base_material(source_settings) -> tuple[list[Chunk], np.ndarray]:
    """The committed chunks of an ingested store and their vectors, in catalog order."""
    catalog = load_catalog(source_settings)
    ids = catalog.bm25_ids
    coll = cached_client(source_settings).get_collection(source_settings.collection)
    vecs: dict[str, np.ndarray] = {}
    for i in range(0, len(ids), 2000):
        res = coll.get(ids=ids[i : i + 2000], include=["embeddings"])
        for cid, e in zip(res["ids"], res["embeddings"]):
            vecs[cid] = np.asarray(e, dtype=np.float32)
    chunks = [catalog.chunks[cid] for cid in ids if cid in vecs]
    return chunks, np.stack([vecs[c.id] for c in chunks])


def _perturb(text: str, rng: random.Random, i: int) -> str:
    words = rng.sample(VOCAB, 2)
    return f"{text} Case file {i}: {words[0]} {words[1]}."


def synthetic_documents(n_chunks: int, seed: int, policy_ids: list[str] | None = None) -> list[DocumentRecord]:
    """Documents (policy, version, markets, line) that the synthetic chunks belong to.

    Every fifth policy has an older superseded version, so the default as-of filter really
    masks chunks out, as it does on a real store. The first policies take the ingested
    corpus's policy ids, so the benchmark's policy-id filters (drawn from that corpus) match a
    document each: a rare filter, the expensive path, rather than an empty result.
    """
    rng = random.Random(seed)
    docs: list[DocumentRecord] = []
    n_docs = max(1, -(-n_chunks // CHUNKS_PER_DOC))
    known = sorted(set(policy_ids or []))
    p = 0
    while len(docs) < n_docs:
        policy = known[p] if p < len(known) else f"SYN-{p:05d}"
        markets = ["global"] if rng.random() < 0.4 else sorted(rng.sample(MARKETS, rng.randint(1, 4)))
        line = rng.choice(BUSINESS_LINES)
        versions = 2 if p % 5 == 0 else 1
        for v in range(versions):
            docs.append(
                DocumentRecord(
                    source=f"synthetic/{policy}/v{v + 1}.md",
                    title=f"Synthetic policy {p}",
                    policy_id=policy,
                    version=f"{v + 1}.0",
                    effective_date=date(2023 + v, 1 + p % 12, 1),
                    business_line=line,
                    markets=markets,
                    format="md",
                    file_hash=hashlib.sha256(f"{policy}-{v}".encode()).hexdigest(),
                )
            )
        p += 1
    return docs[:n_docs]


def synthetic_sentence_vectors(text: str, base: dict, chunk_vec: np.ndarray, nrng) -> dict:
    """Sentence vectors for a perturbed chunk, as ingest would have stored them: the base
    chunk's pooled vectors (plus the same kind of noise) for the sentences it shares, the
    chunk's own vector for the added "Case file" sentence."""
    out = {}
    for sp in split_sentences(text):
        v = base.get((sp.start, sp.end))
        v = chunk_vec if v is None else v + nrng.normal(0.0, NOISE, size=v.shape).astype(np.float32)
        out[(sp.start, sp.end)] = (v / (np.linalg.norm(v) or 1.0)).astype(np.float32)
    return out


def build_synthetic_store(source_settings, dest_settings, n: int, seed: int = 3, with_documents: bool = True) -> dict:
    """Write `n` synthetic chunks into `dest_settings`' store; returns what was written.

    `with_documents=False` leaves the chunk texts out of Chroma, as ingest does: at 1M chunks
    Chroma's full-text index over them would cost more build time than the vectors."""
    import shutil

    from policydesk.core.onnx_encoder import export_dir

    # Questions are encoded through the ONNX export, as on a store made by ingest.
    source_export = export_dir(source_settings.store_dir)
    if source_export.is_dir():
        shutil.copytree(source_export, export_dir(dest_settings.store_dir), dirs_exist_ok=True)
    base_chunks, base_vecs = base_material(source_settings)
    if not base_chunks:
        raise ValueError("the source store has no chunks to build a synthetic store from")
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    docs = synthetic_documents(n, seed, [c.policy_id for c in base_chunks if c.policy_id])
    chunks: list[Chunk] = []
    for i in range(n):
        doc = docs[i // CHUNKS_PER_DOC]
        base = base_chunks[i % len(base_chunks)]
        text = _perturb(base.text, rng, i)
        cid = hashlib.sha1(f"{doc.source}\x00{i}\x00{text}".encode()).hexdigest()[:24]
        markets = doc.markets if rng.random() < 0.8 else sorted(rng.sample(MARKETS, 2))
        chunks.append(
            Chunk(
                id=cid,
                text=text,
                source=doc.source,
                title=doc.title,
                section=base.section or base.title,
                clause_id=f"{doc.policy_id}-{i % CHUNKS_PER_DOC}",
                policy_id=doc.policy_id,
                version=doc.version,
                effective_date=doc.effective_date,
                markets=markets,
                business_line=doc.business_line,
                decision=base.decision,
                logic=base.logic,  # ingest reads clause logic into every chunk; the added sentence states none
                position=i % CHUNKS_PER_DOC,
            )
        )
    by_doc: dict[str, list[str]] = {}
    for c in chunks:
        by_doc.setdefault(c.source, []).append(c.id)
    docs = [d.model_copy(update={"chunk_ids": by_doc.get(d.source, [])}) for d in docs]

    client = cached_client(dest_settings)
    coll = client.get_or_create_collection(dest_settings.collection, metadata={"hnsw:space": "cosine"})
    base_sentences = sentence_store(source_settings).get_many([c.id for c in base_chunks])
    sentences = sentence_store(dest_settings)
    catalog_store = CatalogStore(dest_settings.store_dir)
    pending = PendingVectors(catalog_store.root, [c.id for c in chunks])
    step = 4000
    for i in range(0, n, step):
        part = chunks[i : i + step]
        idx = np.arange(i, i + len(part)) % len(base_chunks)
        vecs = base_vecs[idx] + nrng.normal(0.0, NOISE, size=(len(part), base_vecs.shape[1])).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        sentences.put_many(
            (c.id, synthetic_sentence_vectors(c.text, base_sentences.get(base_chunks[j].id, {}), v, nrng))
            for c, j, v in zip(part, idx, vecs)
        )
        # Documents stay in this collection (ingest leaves them out) because the LangChain
        # retriever timed over it returns each hit's page_content.
        coll.upsert(
            ids=[c.id for c in part],
            embeddings=vecs,
            documents=[c.text for c in part] if with_documents else None,
            metadatas=[chunk_metadata(c) for c in part],
        )
        pending.put([c.id for c in part], vecs)
    meta = load_catalog(source_settings).meta
    gen = catalog_store.commit(
        docs, chunks, meta={"embedding_model": meta.get("embedding_model", dest_settings.embedding_model), "chunker": meta.get("chunker", ""), "synthetic": True},
        vectors=pending.finish(),
    )
    return {
        "chunks": n,
        "documents": len(docs),
        "base_chunks": len(base_chunks),
        "generation": gen,
        "chunk_texts_in_chroma": with_documents,
    }
