"""Query-time (and ingest-time) encoding through the store's ONNX export, with no torch import.

Why: importing sentence-transformers (and so torch) costs ~7 s of a cold `policydesk ask` and
loading the model most of the rest; onnxruntime and `tokenizers` load the same weights in a
fraction of that. Ingest writes the export once per store (`core/onnx_export.py`) from the
packaged weights; this module only reads it. Its vectors equal the torch encoder's within
cosine 0.999 (checked at export time on probe texts, at load time on one probe, and by
`tests/test_onnx_encoder.py` on the sample golden questions).

`OnnxEmbedder` offers what callers use of `core.embedding.Embedder`: `encode`,
`encode_query` (with the same per-process cache), `encode_with_sentences`, `pools_by_mean`,
`dimension`, `name`, `batch_size`.
"""

from __future__ import annotations

import json
import os
import threading
from collections import deque
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ValidationError

from policydesk.core.cpu_pool import cpu_pool, cpus, on_worker
from policydesk.core.query_cache import QueryVectorCache

EXPORT_DIRNAME = "onnx"
MODEL_FILE = "model.onnx"
INT8_MODEL_FILE = "model.int8.onnx"  # ingest-only twin (core/onnx_export.py `add_int8`)
TOKENIZER_FILE = "tokenizer.json"
MANIFEST_FILE = "manifest.json"
FORMAT_VERSION = 1
PROBE_MIN_COSINE = 0.999  # the tolerance, per text
# The int8 twin is for ingest only (questions stay fp32). Per-channel int8 MatMul weights
# measured 0.980 minimum / 0.994 mean cosine to fp32 over 256 chunks of the benchmark corpus,
# with evidence recall@5 unchanged on both golden sets; 0.97 refuses a broken quantisation.
INT8_MIN_COSINE = 0.97
SMALL_INPUT = 2  # texts per call that may take the one-thread session (a question, a probe)


class ExportUnavailable(Exception):
    """The store has no usable export; `str(exc)` says why (missing, corrupt, other model)."""


class ExportManifest(BaseModel):
    """What the export is and how to feed it; written last, so its presence marks a complete export."""

    format_version: int = FORMAT_VERSION
    model: str  # settings.embedding_model the export was made from
    dimension: int
    max_seq_length: int
    model_bytes: int  # size of model.onnx, a cheap check that the file is whole
    model_sha256: str  # checked on every load: a damaged weight the probe does not touch shows here
    probe_text: str
    probe_vector: list[float]  # the torch encoder's vector of probe_text
    min_probe_cosine: float  # worst cosine ONNX vs torch over the export-time probe texts
    created_at: str
    exported_with: dict[str, str] = {}
    # The int8 twin, when the export step could make one that passed its probe check.
    int8_bytes: int | None = None
    int8_sha256: str | None = None
    int8_min_probe_cosine: float | None = None  # worst cosine int8 vs fp32 over the probe texts

    @staticmethod
    def now() -> str:
        return datetime.now(timezone.utc).isoformat(timespec="seconds")


def export_dir(store_dir: str | Path) -> Path:
    return Path(store_dir).expanduser() / EXPORT_DIRNAME


def read_manifest(directory: Path) -> ExportManifest:
    path = directory / MANIFEST_FILE
    if not path.is_file():
        raise ExportUnavailable(f"no ONNX export in {directory} (missing {MANIFEST_FILE})")
    try:
        manifest = ExportManifest.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, ValueError, OSError) as exc:
        raise ExportUnavailable(f"ONNX export manifest {path} is unreadable ({exc.__class__.__name__})") from exc
    if manifest.format_version != FORMAT_VERSION:
        raise ExportUnavailable(f"ONNX export in {directory} has format {manifest.format_version}, expected {FORMAT_VERSION}")
    return manifest


def export_looks_complete(directory: Path, model_name: str) -> bool:
    """Cheap check (no model load) for ingest: manifest for this model, files present, size right."""
    try:
        manifest = read_manifest(directory)
    except ExportUnavailable:
        return False
    model = directory / MODEL_FILE
    return (
        manifest.model == model_name
        and model.is_file()
        and model.stat().st_size == manifest.model_bytes
        and (directory / TOKENIZER_FILE).is_file()
    )


class OnnxEmbedder(QueryVectorCache):
    """Normalised float32 vectors from the exported model (transformer -> mean pooling -> L2)."""

    pools_by_mean = True  # the export is only made for mean-pooling models (see onnx_export)

    def __init__(self, directory: str | Path, model_name: str, batch_size: int = 64, threads: int = 0, precision: str = "fp32"):
        """`threads`: intra-op threads of the batch session (0: one per CPU this process may use;
        onnxruntime's own default counts physical cores).

        A question (or other tiny input) uses every core when it is the only encode running in
        the process, and one thread when another is: on the idle 2-core box, retrieval p95 at
        100k chunks was 17.7-18.6 ms with two threads against 20.9-23.3 with one, while on
        the same box under load one question took 6 ms on one thread and 16 ms on two (the
        threads wait for each other), so concurrent askers keep one thread each."""
        directory = Path(directory)
        manifest = read_manifest(directory)
        if manifest.model != model_name:
            raise ExportUnavailable(
                f"ONNX export in {directory} was made from {manifest.model!r}, not {model_name!r}; re-ingest to rebuild it"
            )
        if precision == "int8":
            if manifest.int8_sha256 is None:
                raise ExportUnavailable(f"ONNX export in {directory} has no int8 model")
            model, size, digest, min_cosine = directory / INT8_MODEL_FILE, manifest.int8_bytes, manifest.int8_sha256, INT8_MIN_COSINE
        else:
            model, size, digest, min_cosine = directory / MODEL_FILE, manifest.model_bytes, manifest.model_sha256, PROBE_MIN_COSINE
        if not model.is_file() or model.stat().st_size != size:
            raise ExportUnavailable(f"ONNX export {model} is missing or truncated")
        if file_sha256(model) != digest:
            raise ExportUnavailable(f"ONNX export {model} is corrupt (checksum differs from its manifest)")
        try:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        except Exception as exc:
            raise ExportUnavailable(f"ONNX export tokenizer in {directory} is unreadable ({exc.__class__.__name__}: {exc})") from exc
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=manifest.max_seq_length)
        self.directory = directory
        self.model_file = model
        self.precision = precision
        self.manifest = manifest
        self.name = model_name
        self.dimension = manifest.dimension
        self.batch_size = batch_size
        self.max_seq_length = manifest.max_seq_length
        self._tokenizer = tokenizer
        self._pad_id = tokenizer.token_to_id("[PAD]") or 0
        self._batch_threads = threads or cpus()
        self._sessions: dict[int, object] = {}
        self._session_lock = threading.Lock()
        self._in_flight = 0  # encode calls running now, across threads
        self._flight_lock = threading.Lock()
        self._init_query_cache()
        self._inputs: set[str] = set()
        # A file that parses but holds other numbers (a half-written copy, a bit flip) fails here.
        try:
            probe = self.encode([manifest.probe_text])[0]
        except ExportUnavailable:
            raise
        except Exception as exc:
            raise ExportUnavailable(f"ONNX export {model} cannot run ({exc.__class__.__name__}: {exc})") from exc
        cosine = float(np.dot(probe, np.asarray(manifest.probe_vector, dtype=np.float32)))
        if not cosine >= min_cosine:
            raise ExportUnavailable(f"ONNX export {model} disagrees with its recorded probe (cosine {cosine:.4f})")

    def _session(self, threads: int):
        with self._session_lock:
            session = self._sessions.get(threads)
            if session is None:
                import onnxruntime as ort

                options = ort.SessionOptions()
                options.intra_op_num_threads = threads
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                # Idle pool threads sleep instead of spinning: on a shared 2-core machine the
                # spinning burnt CPU others needed (192 chunks, 2 threads, under load:
                # 6.3-6.5 CPU s without spinning, 7.1-8.4 with).
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                try:
                    session = ort.InferenceSession(
                        str(self.model_file), options, providers=["CPUExecutionProvider"]
                    )
                except Exception as exc:
                    raise ExportUnavailable(
                        f"ONNX export {self.model_file} cannot be loaded ({exc.__class__.__name__}: {exc})"
                    ) from exc
                self._inputs = {i.name for i in session.get_inputs()}
                self._sessions[threads] = session
            return session

    def prepare_batches(self) -> None:
        """Create the session a call of many texts runs its batches on (one-thread sessions
        side by side where there are two CPUs or more, see `_run_batches`), ahead of that call.

        Ingest calls it on a pool worker while it parses the files (`ingest/pipeline.py`):
        building a session (~0.11 CPU s, ~0.2-0.3 s wall for the int8 model, mostly in C++ with
        the GIL released) then overlaps the parsing instead of delaying the first batch."""
        self._session(1 if self._batch_threads >= 2 else self._batch_threads)

    def _features(self, texts: list[str]):
        """Token ids, mask and type ids padded to the longest text, plus each text's offsets.

        sentence-transformers strips each text before tokenising; offsets are shifted back so
        they index the text as given."""
        stripped = [t.strip() for t in texts]
        encodings = self._tokenizer.encode_batch(stripped)
        width = max(len(e.ids) for e in encodings)
        n = len(texts)
        ids = np.full((n, width), self._pad_id, dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.int64)
        types = np.zeros((n, width), dtype=np.int64)
        offsets = []
        for row, (text, enc) in enumerate(zip(texts, encodings)):
            k = len(enc.ids)
            ids[row, :k] = enc.ids
            mask[row, :k] = enc.attention_mask
            types[row, :k] = enc.type_ids
            lead = len(text) - len(text.lstrip())
            offs = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
            real = offs[:, 1] > offs[:, 0]
            offs[real] += lead  # special tokens keep (0, 0)
            offsets.append(offs)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        return feed, offsets

    def _run(self, texts: list[str], outputs: list[str], threads: int):
        session = self._session(threads)
        feed, offsets = self._features(texts)
        feed = {k: v for k, v in feed.items() if k in self._inputs}
        return session.run(outputs, feed), offsets

    @contextmanager
    def _threads_for(self, n: int, threads: int | None):
        """The session threads for one call of `n` texts (see `__init__`), counting the call in flight."""
        with self._flight_lock:
            alone = self._in_flight == 0
            self._in_flight += 1
        try:
            if threads is not None:
                yield threads
            else:
                yield self._batch_threads if n > SMALL_INPUT or alone else 1
        finally:
            with self._flight_lock:
                self._in_flight -= 1

    def _run_batches(self, texts: list[str], batches: list[list[int]], outputs: list[str], threads: int | None):
        """(indices, outputs, offsets) of every batch, in order.

        Several batches on as many CPUs go to one-thread sessions side by side (data
        parallel) rather than one at a time through a multi-thread session: the two intra-op
        threads wait for each other at every operator, and any other work on the machine
        stalls both. Measured on the idle 2-core box, the 2,060 benchmark chunks (int8):
        18.6-20.9 s side by side against 24.3-26.6 s through one two-thread session
        (2026-11-29). A single batch, or a caller that names its threads, runs as before; so
        does a call made on a worker of the shared pool (`core/cpu_pool.py`), which must not
        wait for its own pool.
        At most two batches per worker are in flight, so token outputs do not pile up."""
        with self._threads_for(sum(len(b) for b in batches), threads) as session_threads:
            workers = self._batch_threads
            if threads is not None or len(batches) < 2 or workers < 2 or session_threads < workers or on_worker():
                for idx in batches:
                    result, offsets = self._run([texts[i] for i in idx], outputs, session_threads)
                    yield idx, result, offsets
                return
            pool = cpu_pool(workers)
            pending: deque = deque()
            for idx in batches:
                pending.append((idx, pool.submit(self._run, [texts[i] for i in idx], outputs, 1)))
                if len(pending) >= 2 * workers:
                    done_idx, fut = pending.popleft()
                    yield done_idx, *fut.result()
            while pending:
                done_idx, fut = pending.popleft()
                yield done_idx, *fut.result()

    def _length_batches(self, texts: list[str], batch_size: int | None) -> list[list[int]]:
        """Indices longest first, cut into batches, so a batch pads to similar lengths (as
        sentence-transformers does) and the longest batches start first."""
        size = batch_size or self.batch_size
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        return [order[b : b + size] for b in range(0, len(order), size)]

    def encode(
        self, texts: list[str], batch_size: int | None = None, show_progress: bool = False, threads: int | None = None
    ) -> np.ndarray:
        """Same contract as `Embedder.encode`; texts are sorted by length inside the call."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        for idx, (vecs,), _ in self._run_batches(texts, self._length_batches(texts, batch_size), ["sentence_embedding"], threads):
            out[idx] = vecs
        return out

    def encode_with_sentences(
        self, texts: list[str], spans: list[list[tuple[int, int]]], batch_size: int | None = None
    ) -> tuple[np.ndarray, list[dict[tuple[int, int], np.ndarray]]]:
        """Same contract as `Embedder.encode_with_sentences`: text vectors plus span vectors
        mean-pooled from the same forward pass; one tokenisation gives both ids and offsets."""
        from policydesk.core.pooling import pool_spans

        n = len(texts)
        out_vecs = np.zeros((n, self.dimension), dtype=np.float32)
        out_spans: list[dict[tuple[int, int], np.ndarray]] = [{} for _ in range(n)]
        if not n:
            return out_vecs, out_spans
        batches = self._length_batches(texts, batch_size)
        for idx, (vecs, tokens), offsets in self._run_batches(texts, batches, ["sentence_embedding", "token_embeddings"], None):
            for row, i in enumerate(idx):
                out_vecs[i] = vecs[row]
                offs = offsets[row]
                if len(offs):
                    out_spans[i] = pool_spans(tokens[row, : len(offs)], offs, spans[i])
        return out_vecs, out_spans


    def encode_parts_with_sentences(self, parts: list[tuple[list[str], list[list[tuple[int, int]]]]], batch_size: int | None = None):
        """`encode_with_sentences` of each (texts, spans) part in turn, yielded as
        (part index, vectors, span vectors) when the part is done, in order.

        The batches are exactly those `encode_with_sentences(part)` makes, so the vectors
        are too (the int8 model quantises activations per batch: other batches would give
        other bytes); only the parts' batches are streamed through one run. Called once per
        part, the workers waited at every part's end for its last batch and for the caller's
        next call, while encode-only runs one call over every text and never waits."""
        from policydesk.core.pooling import pool_spans

        texts: list[str] = []
        spans: list[list[tuple[int, int]]] = []
        batches: list[list[int]] = []
        last_batch: dict[int, tuple[int, int, int]] = {}  # batch number -> (part, start, end) the part ends with
        for k, (part_texts, part_spans) in enumerate(parts):
            base = len(texts)
            texts.extend(part_texts)
            spans.extend(part_spans)
            if not part_texts:
                continue
            batches.extend([base + i for i in b] for b in self._length_batches(part_texts, batch_size))
            last_batch[len(batches) - 1] = (k, base, len(texts))
        out_vecs = np.zeros((len(texts), self.dimension), dtype=np.float32)
        out_spans: list[dict[tuple[int, int], np.ndarray]] = [{} for _ in texts]
        done = 0
        for b, (idx, (vecs, tokens), offsets) in enumerate(self._run_batches(texts, batches, ["sentence_embedding", "token_embeddings"], None)):
            for row, i in enumerate(idx):
                out_vecs[i] = vecs[row]
                offs = offsets[row]
                if len(offs):
                    out_spans[i] = pool_spans(tokens[row, : len(offs)], offs, spans[i])
            if b in last_batch:
                k, start, end = last_batch[b]
                for empty in range(done, k):
                    yield empty, out_vecs[:0], []
                yield k, out_vecs[start:end], out_spans[start:end]
                done = k + 1
        for empty in range(done, len(parts)):
            yield empty, out_vecs[:0], []


_cache: dict[tuple, OnnxEmbedder | ExportUnavailable] = {}
_CACHE_MAX = 4  # encoders kept per process (least recently used dropped first)
_cache_lock = threading.Lock()


def load_onnx_embedder(directory: str | Path, model_name: str, batch_size: int = 64, precision: str = "fp32") -> OnnxEmbedder:
    """The export's embedder, loaded once per process and per version of the files on disk
    (a re-export by ingest, or a deleted export, is noticed on the next call). Raises
    `ExportUnavailable` with the reason when there is no usable export. `precision="int8"`
    is the ingest-only twin."""
    directory = Path(directory)
    model_file = INT8_MODEL_FILE if precision == "int8" else MODEL_FILE
    try:
        stamp = tuple(
            (p.stat().st_mtime_ns, p.stat().st_size) for p in (directory / MANIFEST_FILE, directory / model_file)
        )
    except OSError:
        stamp = None
    key = (str(directory), model_name, batch_size, precision, stamp)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is None:
            try:
                hit = OnnxEmbedder(directory, model_name, batch_size=batch_size, precision=precision)
            except ExportUnavailable as exc:
                hit = exc
            for old in [k for k in _cache if k[:4] == key[:4]]:
                del _cache[old]
            _cache[key] = hit
            # A process that ingests into many stores (the test suite; a long-running shell)
            # keeps the few most recent encoders, not one per store ever opened: each holds
            # its model and onnxruntime sessions (~200-300 MB), and the full test suite grew
            # to 22 GB and was killed when ingest also built each store's batch session.
            while len(_cache) > _CACHE_MAX:
                del _cache[next(iter(_cache))]
        else:
            _cache[key] = _cache.pop(key)  # most recently used last
    if isinstance(hit, ExportUnavailable):
        raise hit
    return hit


def has_vnni() -> bool:
    """Does this CPU have the int8 dot-product instructions (AVX-512 VNNI or AVX-VNNI) that
    make onnxruntime's int8 MatMul pay? Without them int8 can be slower than fp32."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                return bool(flags & {"avx512_vnni", "avx_vnni"})
    except OSError:
        pass
    return False


def ingest_precision(settings) -> str:
    """"int8" or "fp32": what ingest encodes chunks with. `auto` takes int8 where the CPU has
    VNNI (without it int8 MatMuls can be slower than fp32); questions are always fp32."""
    wanted = getattr(settings, "ingest_precision", "auto")
    if wanted == "auto":
        return "int8" if has_vnni() else "fp32"
    return wanted


def file_sha256(path: Path) -> str:
    """~0.1 s for MiniLM's 90 MB on this machine, paid once per process."""
    import hashlib

    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def write_manifest(directory: Path, manifest: ExportManifest) -> None:
    tmp = directory / (MANIFEST_FILE + ".tmp")
    tmp.write_text(json.dumps(manifest.model_dump(), indent=1), encoding="utf-8")
    os.replace(tmp, directory / MANIFEST_FILE)
