"""Adapter from our encoders to LangChain's `Embeddings` interface (langchain-chroma uses it)."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings


class LangChainEmbeddings(Embeddings):
    """Wraps an `Embedder` or `OnnxEmbedder` (anything with `encode` and `encode_query`)."""

    def __init__(self, embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.encode_query(text).tolist()
