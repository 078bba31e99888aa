"""The benchmark's phases, each run in its own Python process by `evals/perf.py`.

A fresh process per phase keeps one phase's model, Chroma caches and garbage out of the next
one's timings and out of its peak RSS (`ru_maxrss` of the process itself, read at its end).
Every timed phase loads its model and warms it up before the clock starts: model load is a
fixed cost paid once per process, not a throughput figure.

Run as `python -m policydesk.evals.perf_phases PHASE ARGS.json OUT.json`.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

WARMUP_QUESTIONS = 10


def _settings(store: str, **extra):
    from policydesk.core.settings import Settings

    return Settings(store=Path(store), **extra)


def _cpu() -> float:
    """CPU seconds of this process (all threads): what a phase costs, whatever else the machine runs."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _rss_mb() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)


def _pcts(ms: list[float]) -> dict:
    if not ms:
        return {"n": 0, "p50_ms": None, "p95_ms": None, "mean_ms": None}
    a = np.asarray(ms)
    return {"n": len(ms), "p50_ms": float(np.percentile(a, 50)), "p95_ms": float(np.percentile(a, 95)), "mean_ms": float(a.mean())}


def _questions(path: str):
    """(warm-up questions, measured questions): the warm-up ones are never timed or repeated."""
    from policydesk.core.types import Filters

    rows = json.loads(Path(path).read_text())
    qs = [(r["text"], Filters(**r["filters"]) if r.get("filters") else None) for r in rows]
    return qs[:WARMUP_QUESTIONS], qs[WARMUP_QUESTIONS:]


def _forget_query_vectors(settings) -> None:
    """Time every pass with a cold query-vector cache, as a question asked for the first time."""
    from policydesk.core.embedding import embedder_for

    cache = getattr(embedder_for(settings), "_query_cache", None)
    if cache is not None:
        cache.clear()


# --------------------------------------------------------------------------- ingest


def pd_ingest(args: dict) -> dict:
    """policydesk's own ingest of the replicated corpus, then an unchanged re-ingest."""
    from policydesk.core.embedding import embedder_for
    from policydesk.core.store import load_catalog
    from policydesk.ingest.chunking import embedding_text
    from policydesk.ingest.pipeline import ingest_paths

    from policydesk.core.onnx_export import ensure_export

    settings = _settings(args["store"])
    # The ONNX export is written once per store (like loading a model, not per-chunk work):
    # made and loaded before the clock, and its cost reported on its own.
    t0 = time.perf_counter()
    export_notice = ensure_export(settings)
    export_seconds = time.perf_counter() - t0
    embedder = embedder_for(settings)
    embedder.encode(["warm up the model before the clock starts"] * 3)
    # Libraries imported before the clock, as the LangChain phase imports them (and opens its
    # client) before its own: ~2 s of one-off imports is not per-chunk throughput.
    import chromadb  # noqa: F401
    import langchain_chroma  # noqa: F401
    t0, c0 = time.perf_counter(), _cpu()
    report = ingest_paths([Path(args["corpus"])], settings)
    first, first_cpu = time.perf_counter() - t0, _cpu() - c0
    t0 = time.perf_counter()
    again = ingest_paths([Path(args["corpus"])], settings)
    second = time.perf_counter() - t0
    catalog = load_catalog(settings)
    texts = [embedding_text(catalog.chunks[cid]) for cid in catalog.bm25_ids]
    Path(args["texts_out"]).write_text(json.dumps(texts))
    return {
        "chunks": report.chunks,
        "embedded": report.embedded,
        "failed": [list(f) for f in report.failed],
        "seconds": first,
        "chunks_per_s": report.chunks / first if first else None,
        "cpu_seconds": first_cpu,
        "chunks_per_cpu_s": report.chunks / first_cpu if first_cpu else None,
        "chars": sum(len(t) for t in texts),
        "distinct_texts": len({catalog.chunks[cid].text for cid in catalog.bm25_ids}),
        "reingest_seconds": second,
        "reingest_embedded": again.embedded,
        "encoder": type(embedder).__name__,
        "export_seconds": export_seconds,
        "export_notice": export_notice,
    }


def encode_only(args: dict) -> dict:
    """An encoder's own limit on the very texts ingest embedded, one call, batch 64:
    `backend` "onnx" is the store's export through onnxruntime (what ingest uses),
    "torch" is `SentenceTransformer.encode` (for reference)."""
    texts = json.loads(Path(args["texts"]).read_text())
    batch = args.get("batch_size", 64)
    model_name = args.get("model", "all-MiniLM-L6-v2")
    if args.get("backend", "torch") == "onnx":
        from policydesk.core.onnx_encoder import OnnxEmbedder, export_dir

        model = OnnxEmbedder(export_dir(args["store"]), model_name, batch_size=batch)

        def run(items):
            return model.encode(items, batch_size=batch)
    else:
        from sentence_transformers import SentenceTransformer

        from policydesk.core.embedding import resolve_model_path

        st = SentenceTransformer(resolve_model_path(model_name), device="cpu")

        def run(items):
            return st.encode(items, batch_size=batch, normalize_embeddings=True, convert_to_numpy=True)

    run(["warm up the model before the clock starts"] * 3)
    t0, c0 = time.perf_counter(), _cpu()
    run(texts)
    secs, cpu = time.perf_counter() - t0, _cpu() - c0
    return {
        "backend": args.get("backend", "torch"),
        "chunks": len(texts),
        "seconds": secs,
        "chunks_per_s": len(texts) / secs,
        "cpu_seconds": cpu,
        "chunks_per_cpu_s": len(texts) / cpu,
    }


def _plain_documents(corpus: Path):
    """What a plain LangChain user would load: file text (HTML via BeautifulSoup, PDF via pypdf)."""
    from bs4 import BeautifulSoup
    from langchain_core.documents import Document
    from pypdf import PdfReader

    docs = []
    for f in sorted(corpus.rglob("*")):
        if not f.is_file():
            continue
        suffix = f.suffix.lower()
        if suffix in (".md", ".txt"):
            text = f.read_text(encoding="utf-8")
        elif suffix in (".html", ".htm"):
            text = BeautifulSoup(f.read_text(encoding="utf-8"), "lxml").get_text("\n")
        elif suffix == ".pdf":
            text = "\n".join(p.extract_text() or "" for p in PdfReader(str(f)).pages)
        else:
            continue
        docs.append(Document(page_content=text, metadata={"source": str(f.relative_to(corpus))}))
    return docs


def lc_embeddings(model: str = "all-MiniLM-L6-v2"):
    from langchain_huggingface import HuggingFaceEmbeddings

    from policydesk.core.embedding import resolve_model_path

    return HuggingFaceEmbeddings(
        model_name=resolve_model_path(model),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True},
    )


def _lc_client(path: Path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def lc_ingest(args: dict) -> dict:
    """The plain LangChain pipeline: load, RecursiveCharacterTextSplitter, HuggingFaceEmbeddings, Chroma.from_documents."""
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    emb = lc_embeddings()
    emb.embed_documents(["warm up the model before the clock starts"])
    client = _lc_client(Path(args["persist"]))
    t0, c0 = time.perf_counter(), _cpu()
    docs = _plain_documents(Path(args["corpus"]))
    splitter = RecursiveCharacterTextSplitter(chunk_size=args["chunk_size"], chunk_overlap=args["chunk_overlap"])
    chunks = splitter.split_documents(docs)
    Chroma.from_documents(chunks, emb, client=client, collection_name="langchain", collection_metadata={"hnsw:space": "cosine"})
    secs, cpu = time.perf_counter() - t0, _cpu() - c0
    return {
        "chunks": len(chunks),
        "seconds": secs,
        "chunks_per_s": len(chunks) / secs,
        "cpu_seconds": cpu,
        "chunks_per_cpu_s": len(chunks) / cpu,
        "chars": sum(len(c.page_content) for c in chunks),
    }


# --------------------------------------------------------------------------- query


def build(args: dict) -> dict:
    from policydesk.evals.perf_synth import build_synthetic_store

    t0 = time.perf_counter()
    out = build_synthetic_store(
        _settings(args["source"]), _settings(args["store"]), int(args["n"]), with_documents=args.get("with_documents", True)
    )
    out["seconds"] = time.perf_counter() - t0
    out["store_bytes"] = dir_bytes(Path(args["store"]))
    return out


def dir_bytes(path: Path) -> int:
    """Bytes on disk under `path` (allocated blocks, as `du` counts them)."""
    total = 0
    for p in path.rglob("*"):
        try:
            st = p.lstat()
        except OSError:
            continue
        if p.is_file():
            total += st.st_blocks * 512
    return total


def pd_query(args: dict) -> dict:
    """Warm p50/p95 of HybridRetriever.retrieve and of chain.ask (extractive) on one store."""
    from policydesk.assistant.retrieve import HybridRetriever

    from policydesk.core.embedding import embedder_for

    from policydesk.core.store import load_catalog

    settings = _settings(args["store"])
    warmup, questions = _questions(args["questions"])
    # Resident memory after each part is loaded: what the peak RSS is made of (measured).
    rss = {"start_mb": _rss_mb()}
    t0 = time.perf_counter()
    encoder = type(embedder_for(settings)).__name__
    rss["encoder_mb"] = _rss_mb()
    load_catalog(settings)
    rss["catalog_mb"] = _rss_mb()
    retriever = HybridRetriever(settings)
    retriever.retrieve(*warmup[0], settings.top_k)
    rss["first_retrieval_mb"] = _rss_mb()  # + Chroma's HNSW index and the filter masks
    first_query_s = time.perf_counter() - t0  # encoder load, catalog, Chroma open, first search
    for q, f in warmup:
        retriever.retrieve(q, f, settings.top_k)
    _forget_query_vectors(settings)
    ret_ms: list[float] = []
    empty = 0
    for q, f in questions:
        t0 = time.perf_counter()
        hits = retriever.retrieve(q, f, settings.top_k)
        ret_ms.append((time.perf_counter() - t0) * 1000)
        empty += not hits
    out = {
        "retrieval": _pcts(ret_ms),
        "retrieval_empty": empty,
        "answer": _pcts([]),
        "answer_error": None,
        "encoder": encoder,
        "first_query_seconds": first_query_s,
        "rss_stages": rss,
    }
    try:
        from policydesk.assistant.chain import ask
    except ImportError as exc:  # the assistant's chain has not landed in this checkout
        out["answer_error"] = f"policydesk.assistant.chain.ask unavailable ({exc})"
        return out
    for q, f in warmup:
        ask(q, filters=f, settings=settings)
    _forget_query_vectors(settings)
    ans_ms: list[float] = []
    verdicts: dict[str, int] = {}
    for q, f in questions:
        t0 = time.perf_counter()
        answer = ask(q, filters=f, settings=settings)
        ans_ms.append((time.perf_counter() - t0) * 1000)
        verdicts[answer.verdict] = verdicts.get(answer.verdict, 0) + 1
    out["answer"] = _pcts(ans_ms)
    out["verdicts"] = verdicts
    rss["after_answers_mb"] = _rss_mb()
    return out


def lc_where(filters) -> dict | None:
    """The metadata filter a plain LangChain user would write (no notion of versions in force)."""
    if filters is None:
        return None
    clauses = []
    if filters.market:
        m = filters.market.upper()
        clauses.append({"$or": [{f"mk_{m}": True}, {"mk_GLOBAL": True}]})
    if filters.policy_id:
        clauses.append({"policy_id": filters.policy_id})
    if filters.business_line:
        clauses.append({"business_line": filters.business_line})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def lc_query(args: dict) -> dict:
    """The same questions through `vectorstore.as_retriever` over the same collection."""
    from langchain_chroma import Chroma

    settings = _settings(args["store"])
    vs = Chroma(
        client=_lc_client(settings.store_dir / "chroma"),
        collection_name=settings.collection,
        embedding_function=lc_embeddings(),
    )
    warmup, questions = _questions(args["questions"])

    def run(q, f):
        where = lc_where(f)
        kwargs = {"k": settings.top_k, **({"filter": where} if where else {})}
        return vs.as_retriever(search_kwargs=kwargs).invoke(q)

    for q, f in warmup:
        run(q, f)
    ms: list[float] = []
    returned = 0
    for q, f in questions:
        t0 = time.perf_counter()
        returned += len(run(q, f))
        ms.append((time.perf_counter() - t0) * 1000)
    # A store built without chunk texts (the 1M one) gives LangChain hits without
    # page_content, which it drops: same search work, fewer documents returned.
    return {"retrieval": _pcts(ms), "documents_returned": returned}


PHASES = {
    "pd_ingest": pd_ingest,
    "encode_only": encode_only,
    "lc_ingest": lc_ingest,
    "build": build,
    "pd_query": pd_query,
    "lc_query": lc_query,
}


def main(argv: list[str]) -> int:
    phase, args_path, out_path = argv
    result = PHASES[phase](json.loads(Path(args_path).read_text()))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    Path(out_path).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through evals/perf.py
    sys.exit(main(sys.argv[1:]))
