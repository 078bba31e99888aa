"""Incremental, crash-safe ingest: files -> sections -> chunks -> vectors + keyword index.

Order of work (see core/store.py for why this order is safe):
1. walk the paths; fingerprint each file (its bytes, its rules sidecar, chunking settings);
2. load and chunk only new or changed files; a file that fails keeps its previous chunks
   (from the first file loaded, the encoder is made ready on a pool worker meanwhile);
3. embed only chunks whose ids are not indexed yet (with their sentences' vectors, pooled
   from the same pass, into the sentence store) and upsert them into Chroma; beside it, read
   the new chunks' clause logic and stage the next catalog generation (`CatalogStore.stage`);
4. commit that generation (documents, chunks, BM25, the chunk vectors in catalog
   order: core/chunk_vectors.py) with one atomic rename;
5. delete vectors (and sentence vectors) that no committed catalog names any more.

With a Chroma server (core/server_catalog.py) the run starts from the generation published
there (not from this machine's cache), and step 4 publishes the new generation to the server
first (the commit point every app process follows), then mirrors it into the local cache.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from policydesk.core.cpu_pool import cpu_pool
from policydesk.core.embedding import LangChainEmbeddings, ingest_embedder_for
from policydesk.core.errors import DocumentError, InputError, StoreUnavailableError
from policydesk.core.onnx_export import ensure_export
from policydesk.core import chunk_vectors
from policydesk.core.chunk_vectors import PendingVectors
from policydesk.core.sentence_store import SentenceStore, sentence_store
from policydesk.core.sentences import split_sentences
from policydesk.core import keyword, server_catalog
from policydesk.core.store import (
    Catalog, CatalogParts, StagedGeneration, catalog_store, chunk_metadata, forget_client, ingest_lock, prepare_catalog, vector_store,
)  # fmt: skip
from policydesk.core.types import Chunk, DocumentRecord
from policydesk.core.table_rows import link_rows
from policydesk.core.amendments import apply_amendments
from policydesk.core.clause_pointer_scope import apply_clause_pointers
from policydesk.core.defined_ages import apply_defined_ages
from policydesk.core.list_complement import mentions_complement, paragraph_markets
from policydesk.core.market_bodies import with_market_bodies
from policydesk.core.market_schedule import schedules, with_schedule_limits
from policydesk.core.clause_logic import LIST_REF, LOGIC_VERSION, clause_markets, list_markets, clause_subject, link_exceptions, read_clause_logic, stated_conditions
from policydesk.ingest.duplicates import duplicate_version_warnings
from policydesk.ingest.chunking import CHUNKER_VERSION, chunk_document, embedding_text
from policydesk.core import sidecar
from policydesk.ingest.loaders import SUPPORTED_SUFFIXES, load_document, source_name
from policydesk.ingest.walk import walk

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class IngestReport:
    documents: int = 0  # documents in the store after this run
    ingested: list[str] = field(default_factory=list)  # new or changed, now indexed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, what): read, but check it
    chunks: int = 0  # chunks in the store after this run
    embedded: int = 0  # chunks embedded in this run
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all good, 2 partial (like rsync), 1 when nothing could be ingested."""
        attempted = len(self.ingested) + len(self.unchanged) + len(self.failed)
        if self.failed and len(self.failed) == attempted:
            return 1
        if attempted == 0 and not self.removed:
            return 1
        return 2 if self.failed else 0


@dataclass
class _FileJob:
    path: Path
    root: Path
    source: str


def discover(paths: Iterable[Path], report: IngestReport) -> tuple[list[_FileJob], list[Path]]:
    """Files to ingest, plus the directories walked (their vanished documents get removed).

    A symbolic link that points nowhere fails like an unreadable file, so it is named."""
    found = walk(paths)
    jobs: list[_FileJob] = []
    for p in found.missing:
        report.failed.append((str(p), "no such file or directory"))
    for p, reason in found.broken:
        report.failed.append((str(p), reason))
    for f, root in found.documents:
        jobs.append(_FileJob(f, root.resolve(), source_name(f, root)))
    named = {Path(p) for p in paths}
    for f in found.unsupported:
        hint = f"; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}" if f in named else ""
        report.skipped.append((str(f), f"unsupported file type {f.suffix or '(none)'}{hint}"))
    return jobs, found.roots


def fingerprint(path: Path, settings) -> str:
    """Changes when the file, its rules sidecar or the chunking settings change."""
    h = hashlib.sha256()
    h.update(path.read_bytes())
    side = sidecar.sidecar_bytes(path)
    if side:
        h.update(b"\x00sidecar\x00" + side)
    h.update(f"\x00{CHUNKER_VERSION}:{LOGIC_VERSION}:{keyword.TOKENIZER_VERSION}:{settings.chunk_size}:{settings.chunk_overlap}:{settings.embedding_model}".encode())
    return h.hexdigest()


def _attach_rules(path: Path, chunks: list[Chunk]) -> list[Chunk]:
    """Rules confirmed or proposed in `<file>.rules.yaml` ride on the chunks their quotes fall in."""
    rules = sidecar.load_sidecar(path)
    return sidecar.attach_rules(chunks, rules) if rules else chunks


def _read_logic_and_stage(
    documents: list[list[Chunk]], ordered: list[Chunk], store, records: list[DocumentRecord]
) -> tuple[CatalogParts, StagedGeneration]:  # fmt: skip
    """Each new chunk's executable clause logic, then what the commit derives from all chunks,
    written as a staged generation (`CatalogStore.stage`: everything but the vectors and meta,
    flushed to disk), so the commit after the encoder's last batch only adds those and renames.

    The logic is read from the clause's prose (or its sidecar rules) once, at ingest: the
    answerer executes it and never re-reads prose per question. Per document, because "the
    markets listed in GAM-3" names a clause of the same document.

    Run while the chunks are encoded: neither is needed before the commit, and this
    pure-Python work (~1.1 CPU s for the 2,060 benchmark chunks) runs beside onnxruntime's
    encoder, which releases the GIL, instead of after it. It runs on a worker of the shared
    CPU pool (`core/cpu_pool.py`), which the encoder's batches use too, so it takes one core
    while the other encodes rather than being a third busy thread time-sliced against two
    encoder threads. One task, not one per document: the reader is GIL-bound, and two
    reading tasks at once would hold both workers for one core's worth of work."""
    for chunks in documents:
        references = clause_markets(chunks)
        if any(mentions_complement(c.text) for c in chunks):
            # "In markets not listed in 3.1, …": the markets of the paragraph it points at
            # (core/list_complement.py), read before the rules that point at it.
            references = {**paragraph_markets(chunks), **references}
        for chunk in chunks:
            chunk.logic = read_clause_logic(chunk, references)
        if listed := list_markets(chunks):
            # "In the markets listed in Annex A, Part 1, …": read again, with the markets the
            # named list's rows are for (core/clause_logic.py `list_markets`).
            references = {**references, **listed}
            for chunk in chunks:
                if LIST_REF.search(chunk.text) or mentions_complement(chunk.text):
                    chunk.logic = read_clause_logic(chunk, references)
        if tables := schedules(chunks):
            # "at least the number of days shown for that market in Schedule A": the figures of
            # the schedule's column, each bound to its market (core/market_schedule.py).
            for chunk in chunks:
                chunk.logic = with_schedule_limits(chunk.logic, tables)
        link_exceptions(chunks)  # "… even though this would otherwise be a prohibited X": X's rule, in this document
        link_rows(chunks)  # the rows of a table cut into several chunks are still one table
        apply_amendments(chunks)  # "A1 (clause 6.1). … is 1 week's rent (previously 2 weeks)": the clause as amended
        apply_clause_pointers(chunks)  # "3.3 An ad under 3.2 must …": governs what 3.2 governs
        apply_defined_ages(chunks)  # "Minor: a person under 18 (19 in CA)" read into "must not be shown to Minors"
        for chunk in chunks:
            # a sidecar's credential rule, like a read one, carries the body each market's row
            # names (core/market_bodies.py), executed at answer time without re-reading
            chunk.rules = with_market_bodies(chunk.rules, chunk.text)
            chunk.stated = stated_conditions(chunk, chunk.logic + [r for r in chunk.rules if r.status == "confirmed"])
            chunk.subject = clause_subject(chunk.text) if chunk.decision else []
    parts = prepare_catalog(ordered, logic_read=True)
    return parts, store.stage(records, ordered, parts)


def ingest_paths(paths: Iterable[Path], settings, progress: Progress | None = None) -> IngestReport:
    """Bring the store in line with `paths`; see the module docstring for the order of work."""
    start = time.perf_counter()
    report = IngestReport()
    paths = list(paths)
    if not paths:
        raise InputError("no paths given; name the policy files or folders to ingest")
    jobs, roots = discover(paths, report)
    store = catalog_store(settings)
    with ingest_lock(settings.store_dir):
        base_gen = None
        if settings.chroma_url:
            # The server's generation is the truth; this machine's cache may be old or empty.
            base_gen = server_catalog.sync(settings, force=True)
            catalog = store.load() if base_gen else Catalog("", {}, {}, [], None)
        else:
            catalog = store.load()
        model_changed = bool(catalog.meta.get("embedding_model")) and catalog.meta["embedding_model"] != settings.embedding_model
        old_docs = {} if model_changed else dict(catalog.documents)
        old_chunks = {} if model_changed else dict(catalog.chunks.items())
        if model_changed:
            report.notices.append(
                f"embedding model changed ({catalog.meta['embedding_model']} -> {settings.embedding_model}); re-embedding everything"
            )
            for doc in catalog.documents.values():
                if Path(doc.source).name and not any(j.source == doc.source for j in jobs):
                    report.notices.append(f"{doc.source}: not in this run's paths; dropped with the old model's index")

        new_docs: dict[str, DocumentRecord] = dict(old_docs)
        new_chunks: dict[str, list[Chunk]] = {}
        for src, doc in old_docs.items():
            new_chunks[src] = [old_chunks[cid] for cid in doc.chunk_ids if cid in old_chunks]

        seen_sources: set[str] = set()
        encoder: Future | None = None  # started at the first file to load, see _prepare_encoder
        for i, job in enumerate(jobs, start=1):
            if progress:
                progress("load", i - 1, len(jobs))
            seen_sources.add(job.source)
            try:
                fp = fingerprint(job.path, settings)
                prev = old_docs.get(job.source)
                if prev is not None and prev.file_hash == fp and prev.format:
                    report.unchanged.append(job.source)
                    continue
                if encoder is None:
                    encoder = cpu_pool().submit(_prepare_encoder, settings)
                loaded = load_document(job.path, job.root)
                chunks = _attach_rules(job.path, chunk_document(loaded, settings.chunk_size, settings.chunk_overlap))
            except DocumentError as exc:
                report.failed.append((str(job.path), exc.reason))
                continue
            except OSError as exc:
                report.failed.append((str(job.path), f"cannot read file ({exc.strerror or exc})"))
                continue
            new_docs[job.source] = DocumentRecord(
                source=job.source,
                title=loaded.title,
                policy_id=loaded.meta.policy_id,
                version=loaded.meta.version,
                effective_date=loaded.meta.effective_date,
                business_line=loaded.meta.business_line,
                markets=loaded.meta.markets,
                format=loaded.format,
                file_hash=fp,
                chunk_ids=[c.id for c in chunks],
                root=str(job.root),
            )
            new_chunks[job.source] = chunks
            report.ingested.append(job.source)
            report.warnings.extend((str(job.path), w) for w in loaded.warnings)
        if progress:
            progress("load", len(jobs), len(jobs))

        # Documents whose files vanished from a walked folder are removed.
        for src, doc in list(new_docs.items()):
            if src in seen_sources or not doc.root:
                continue
            if Path(doc.root) in roots and not (Path(doc.root) / src).exists():
                del new_docs[src]
                new_chunks.pop(src, None)
                report.removed.append(src)

        report.warnings.extend(duplicate_version_warnings(new_docs.values()))
        ordered = [c for src in sorted(new_docs) for c in new_chunks.get(src, [])]
        changed = bool(report.ingested or report.removed or model_changed or catalog.is_empty and ordered)
        # This run's vectors go into the new generation's matrix as they are written.
        pending = PendingVectors(store.root, [c.id for c in ordered]) if changed else None
        prepared: Future | None = None
        try:
            if changed:
                documents = [new_chunks[src] for src in report.ingested]
                prepared = cpu_pool().submit(_read_logic_and_stage, documents, ordered, store, list(new_docs.values()))
            _write_vectors(settings, catalog, ordered, old_chunks, model_changed, report, progress, pending, encoder)
            parts, staged = prepared.result() if prepared else (None, None)
            vectors = _complete_vectors(settings, pending, catalog, model_changed, report) if parts is not None else None
        except BaseException:
            if pending is not None:
                pending.discard()
            _discard_staged(prepared)
            raise
        if parts is not None:
            _commit(settings, store, list(new_docs.values()), ordered, base_gen, staged, vectors)
            notices = sorted(set(report.ingested) & parts.facts.data_practice_sources)
            if notices:
                report.notices.append(
                    f"{len(notices)} document(s) read as privacy notices, not ad or content policies (their statements "
                    f"describe what the operator does with personal data): cited, never deciding a case: {', '.join(notices)}"
                )
            _collect_garbage(settings, {c.id for c in ordered})
        elif ordered:
            # Nothing changed, but a run killed between its commit and its clean-up may have left
            # vectors no catalog names; counting them is cheap, so every run converges.
            try:
                _collect_garbage(settings, {c.id for c in ordered})
            except Exception as exc:  # best effort: the committed catalog is already right
                report.notices.append(
                    f"could not clean up vectors left by an interrupted run ({exc.__class__.__name__}); the next ingest retries"
                )
            if catalog.vectors is None:
                _backfill_vectors(settings, catalog, report)
        report.documents = len(new_docs)
        report.chunks = len(ordered)
    report.seconds = time.perf_counter() - start
    return report


def _discard_staged(prepared: Future | None) -> None:
    """On a failed run, remove the generation the reader task staged (waiting for it to end)."""
    if prepared is None:
        return
    try:
        prepared.result()[1].discard()
    except BaseException:  # the task failed before staging: nothing to remove
        pass


def _commit(
    settings, store, documents: list[DocumentRecord], chunks: list[Chunk], base_gen: str | None, staged: StagedGeneration,
    vectors: Path | None,
) -> str:  # fmt: skip
    """Commit the staged generation: on the server first when there is one, then locally."""
    meta = {"embedding_model": settings.embedding_model, "chunker": CHUNKER_VERSION, "logic": LOGIC_VERSION}
    try:
        if not settings.chroma_url:
            return store.commit_staged(staged, meta=meta, vectors=vectors)
        gen = server_catalog.new_generation_name(base_gen)
        server_catalog.publish(settings, gen, base_gen, documents, chunks, {"format": 1, "bm25_ids": [c.id for c in chunks], **meta})
        return store.commit_staged(staged, meta=meta, name=gen, vectors=vectors)
    except BaseException:
        staged.discard()
        raise


def _complete_vectors(settings, pending: PendingVectors | None, catalog, model_changed: bool, report) -> Path | None:
    """The new generation's vector matrix: this run's vectors (written as they were encoded), the
    previous generation's rows for kept chunks, Chroma's for the rest (a previous generation
    without a matrix, vectors left by an interrupted run). None commits the generation without one."""
    if pending is None or not pending.ids:
        return None
    try:
        if not model_changed:
            pending.fill_from_matrix(catalog.bm25_ids, catalog.vectors)
        if pending.missing():
            pending.fill_from_collection(vector_store(settings, None)._collection)
        path = pending.finish()
    except StoreUnavailableError:
        pending.discard()
        raise
    except Exception as exc:  # the matrix only speeds filtered questions up; commit without it
        pending.discard()
        report.notices.append(f"chunk vector matrix not written ({exc.__class__.__name__}: {exc}); filtered questions over-fetch Chroma's index")
        return None
    if path is None:
        report.notices.append("chunk vector matrix not written (Chroma lacks vectors for some chunks); filtered questions over-fetch Chroma's index")
    return path


def _backfill_vectors(settings, catalog, report) -> None:
    """An unchanged store whose generation predates the vector matrix gets one, once."""
    try:
        wrote = chunk_vectors.backfill(catalog, vector_store(settings, None)._collection)
    except StoreUnavailableError:
        raise
    except Exception as exc:  # best effort, as the clean-up above
        report.notices.append(f"could not write the chunk vector matrix ({exc.__class__.__name__}); the next ingest retries")
        return
    if wrote:
        report.notices.append(
            f"wrote the chunk vector matrix of {catalog.generation} ({len(catalog.bm25_ids)} chunks): filtered questions are now searched exactly"
        )


def _prepare_encoder(settings) -> tuple[str | None, object]:
    """(export notice, encoder): the store's ONNX export made when missing (once per store and
    model: later runs and every question encode through it), the ingest encoder loaded and its
    batch session built (`OnnxEmbedder.prepare_batches`).

    Started on a pool worker at the first file ingest has to load, so this runs while the
    files are parsed: loading the encoder (or importing sentence-transformers for the torch
    back end, ~7 s) and building its session are mostly C++ with the GIL released, and the
    parsing is Python on the other core. An unchanged re-ingest loads no file and no model."""
    notice = ensure_export(settings) if settings.embedding_backend == "onnx" else None
    embedder = ingest_embedder_for(settings)  # int8 where the CPU has VNNI (settings.ingest_precision)
    prepare = getattr(embedder, "prepare_batches", None)
    if prepare is not None:
        prepare()
    return notice, embedder


def _write_vectors(
    settings, catalog, chunks: list[Chunk], old_chunks: dict[str, Chunk], model_changed: bool, report, progress,
    pending: PendingVectors | None = None, encoder: Future | None = None,
) -> None:  # fmt: skip
    """Embed and upsert what Chroma lacks; refresh metadata of kept chunks whose fields changed.
    The new vectors also go into `pending`, the new generation's matrix. `encoder`: the
    `_prepare_encoder` started while the files were loaded (None: prepared here, when needed).

    Kept chunks without sentence vectors (indexed by a version before they existed) are
    embedded once more, so upgrading needs no separate migration step."""
    prepared = encoder.result() if encoder is not None else None
    if prepared is not None:
        notice = prepared[0]
    elif chunks and settings.embedding_backend == "onnx":
        notice = ensure_export(settings)
    else:
        notice = None
    if notice:
        report.notices.append(notice)
    have = set() if model_changed else sentence_store(settings).known_ids()
    todo = [c for c in chunks if c.id not in old_chunks or c.id not in have]
    backfill = sum(1 for c in todo if c.id in old_chunks)
    if backfill:
        report.notices.append(f"{backfill} indexed chunks had no sentence vectors; embedding them once more")
    changed_meta = [c for c in chunks if c.id in old_chunks and chunk_metadata(c) != chunk_metadata(old_chunks[c.id])]
    if not todo and not changed_meta and not model_changed:
        return
    # int8 where the CPU has VNNI (settings.ingest_precision)
    embedder = prepared[1] if prepared is not None else ingest_embedder_for(settings)
    try:
        vs = vector_store(settings, LangChainEmbeddings(embedder))
        collection = vs._collection
        if model_changed:
            vs.delete_collection()
            vs = vector_store(settings, LangChainEmbeddings(embedder))
            collection = vs._collection
        elif todo:
            # Vectors left by a crashed run are reused rather than embedded again.
            present: set[str] = set()
            ids = [c.id for c in todo]
            for i in range(0, len(ids), 5000):
                present.update(collection.get(ids=ids[i : i + 5000], include=[])["ids"])
            todo = [c for c in todo if not (c.id in present and c.id in have)]
        texts = {c.id: embedding_text(c) for c in todo}
        slices = encode_slices(todo, texts, settings.embedding_batch_size)
        batch = len(slices[0]) if slices else 0
        sentences = sentence_store(settings)
        # Writing a batch (SQLite, Chroma's index) overlaps encoding the next one; at most one
        # write is in flight, so an error surfaces one batch later at the latest.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-write") as writer:
            pending_write = None
            if progress:
                progress("embed", 0, len(todo))
            for k, vectors, spans in _encode_slices(embedder, slices, texts):
                part = slices[k]
                if progress:
                    progress("embed", k * batch + len(part), len(todo))
                if pending_write is not None:
                    pending_write.result()
                pending_write = writer.submit(_write_batch, collection, sentences, part, vectors, spans, texts, pending)
                report.embedded += len(part)
            if pending_write is not None:
                pending_write.result()
        if progress:
            progress("embed", len(todo), len(todo))
        for i in range(0, len(changed_meta), 1000):
            # Chroma merges metadata on update, so keys the new record lacks (an old market
            # flag) are set to None, which deletes them.
            part = changed_meta[i : i + 1000]
            metas = []
            for c in part:
                meta = chunk_metadata(c)
                for key in chunk_metadata(old_chunks[c.id]):
                    meta.setdefault(key, None)
                metas.append(meta)
            collection.update(ids=[c.id for c in part], metadatas=metas)
    except StoreUnavailableError:
        raise
    except Exception as exc:
        if settings.chroma_url:
            forget_client(settings)
            raise StoreUnavailableError(
                f"the Chroma server at {settings.chroma_url} failed during ingest ({exc.__class__.__name__}: {exc}); "
                "nothing was committed, the previous index is intact; retry when it is back"
            ) from exc
        raise


def encode_slices(todo: list[Chunk], texts: dict[str, str], batch_size: int) -> list[list[Chunk]]:
    """The chunks to embed cut into slices of whole batches (at least four), written one by
    one as encoded.

    Similar lengths side by side: the model pads every text of a batch to the longest one, and
    sorting only inside each slice (as encode does) left ~25% of the compute to padding on the
    benchmark corpus (benchmarks/README.md). Longest first, as `encode` orders one call's
    batches: the last batches are the shortest, so neither worker waits long for the other at
    the end (shortest first ended on the longest texts, one worker idle while the other ran
    them). Slices of whole batches make the batches the very ones one `encode` call over all
    the texts makes (`tests/test_ingest.py`), so ingest's vectors are encode-only's."""
    order = sorted(todo, key=lambda c: -len(texts[c.id]))
    batch_size = max(1, batch_size)
    size = batch_size * max(4, -(-256 // batch_size))  # at least ~256 chunks per write
    return [order[i : i + size] for i in range(0, len(order), size)]


def _encode_slices(embedder, slices: list[list[Chunk]], texts: dict[str, str]):
    """(slice index, vectors, sentence vectors) of each slice, in order. The ONNX encoder
    streams every slice's batches through one run (`encode_parts_with_sentences`: same
    batches, same vectors, no pause between slices); another encoder takes them one by one."""
    parts = (([texts[c.id] for c in part], [_sentence_spans(c, texts[c.id]) for c in part]) for part in slices)
    streamed = getattr(embedder, "encode_parts_with_sentences", None)
    if streamed is not None:
        yield from streamed(list(parts))
        return
    for k, (part_texts, part_spans) in enumerate(parts):
        yield k, *embedder.encode_with_sentences(part_texts, part_spans)


def _sentence_spans(chunk: Chunk, text: str) -> list[tuple[int, int]]:
    """The chunk's sentences as offsets into the text the model sees (heading path first)."""
    shift = len(text) - len(chunk.text)
    return [(s.start + shift, s.end + shift) for s in split_sentences(chunk.text)]


def _write_batch(
    collection, sentences: SentenceStore, part: list[Chunk], vectors, spans, texts: dict[str, str], pending: PendingVectors | None = None
) -> None:  # fmt: skip
    """Sentence vectors first, then the Chroma upsert that makes the chunk count as embedded.

    The chunk text is not stored in Chroma: the catalog holds it (with the keyword index), and
    Chroma's own full-text index over documents cost ~2 s per 2,000 chunks for nothing we read.
    """
    rows = []
    for c, found in zip(part, spans):
        shift = len(texts[c.id]) - len(c.text)
        rows.append((c.id, {(a - shift, b - shift): v for (a, b), v in found.items()}))
    sentences.put_many(rows)
    collection.upsert(ids=[c.id for c in part], embeddings=vectors, metadatas=[chunk_metadata(c) for c in part])
    if pending is not None:
        pending.put([c.id for c in part], vectors)


def _collect_garbage(settings, keep: set[str]) -> None:
    """Delete vectors no catalog names (replaced chunks, removed files, leftovers of crashes)."""
    sentence_store(settings).keep_only(keep)
    vs = vector_store(settings, None)
    collection = vs._collection
    if collection.count() == len(keep):
        return
    all_ids = collection.get(include=[])["ids"]
    stale = [cid for cid in all_ids if cid not in keep]
    for i in range(0, len(stale), 5000):
        collection.delete(ids=stale[i : i + 5000])
