"""The ingest pipeline on real Chroma and the real model: incremental, deletions, bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from policydesk.core.store import load_catalog, vector_store
from policydesk.ingest.pipeline import ingest_paths
from policydesk.ingest.sources import list_sources
from tests.pdfs import write_encrypted_pdf, write_image_only_pdf, write_text_pdf

ALCOHOL = """---
policy_id: ALCOHOL
title: Alcohol Policy
version: "1"
effective_date: 2024-01-01
markets: [global]
---
# Alcohol Policy
## Age {#ALC-1 decision=reject}
Alcohol ads must not target users under 18.
## Brands {#ALC-2 decision=restrict markets="GB,DE"}
Brand ads are allowed only from verified accounts.
"""

DATING = """---
policy_id: DATING
title: Dating Policy
---
# Dating Policy
## Adult dating {#DAT-1 decision=reject}
Ads for adult dating or hook-up services are prohibited.
"""


def _vector_ids(settings) -> set[str]:
    return set(vector_store(settings, None)._collection.get(include=[])["ids"])


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "policies"
    root.mkdir()
    (root / "alcohol.md").write_text(ALCOHOL)
    (root / "dating.md").write_text(DATING)
    return root


def test_incremental_reingest_change_and_delete(tree, make_settings):
    settings = make_settings()
    first = ingest_paths([tree], settings)
    assert first.exit_code == 0 and sorted(first.ingested) == ["alcohol.md", "dating.md"]
    cat = load_catalog(settings)
    assert set(cat.chunks) == _vector_ids(settings)
    n_first = len(cat.chunks)

    again = ingest_paths([tree], settings)
    assert again.embedded == 0 and sorted(again.unchanged) == ["alcohol.md", "dating.md"]
    assert load_catalog(settings).generation == cat.generation, "nothing changed, nothing committed"

    (tree / "dating.md").write_text(DATING + "## Sugar dating {#DAT-2 decision=reject}\nSugar dating ads are prohibited.\n")
    changed = ingest_paths([tree], settings)
    assert changed.ingested == ["dating.md"]
    assert changed.embedded == 1, "only the new clause is embedded; the unchanged one keeps its vector"
    cat2 = load_catalog(settings)
    assert len(cat2.chunks) == n_first + 1
    assert set(cat2.chunks) == _vector_ids(settings)

    (tree / "alcohol.md").unlink()
    removed = ingest_paths([tree], settings)
    assert removed.removed == ["alcohol.md"]
    cat3 = load_catalog(settings)
    assert all(c.source == "dating.md" for c in cat3.chunks.values())
    assert set(cat3.chunks) == _vector_ids(settings)


def test_failed_document_keeps_its_previous_version(tree, make_settings):
    settings = make_settings()
    ingest_paths([tree], settings)
    before = {cid for cid, c in load_catalog(settings).chunks.items() if c.source == "alcohol.md"}
    (tree / "alcohol.md").write_text(ALCOHOL.replace("decision=reject", "decision=forbid"))
    report = ingest_paths([tree], settings)
    assert report.exit_code == 2
    assert report.failed and "unknown decision 'forbid'" in report.failed[0][1]
    after = {cid for cid, c in load_catalog(settings).chunks.items() if c.source == "alcohol.md"}
    assert after == before and before <= _vector_ids(settings)


def test_metadata_edit_updates_chroma_without_reembedding(tree, make_settings):
    settings = make_settings()
    ingest_paths([tree], settings)
    (tree / "alcohol.md").write_text(ALCOHOL.replace('markets="GB,DE"', 'markets="GB,FR"'))
    report = ingest_paths([tree], settings)
    assert report.embedded == 0
    cat = load_catalog(settings)
    brands = next(c for c in cat.chunks.values() if c.clause_id == "ALC-2")
    assert brands.markets == ["GB", "FR"]
    meta = vector_store(settings, None)._collection.get(ids=[brands.id])["metadatas"][0]
    assert meta.get("mk_FR") is True and "mk_DE" not in meta


def test_versions_are_listed_with_superseded_flag(tmp_path, make_settings):
    root = tmp_path / "p"
    root.mkdir()
    (root / "g-old.md").write_text("---\npolicy_id: G\nversion: '1'\neffective_date: 2023-01-01\n---\n# G\n## A {#G-1 decision=reject}\nOld rule.\n")
    (root / "g-new.md").write_text("---\npolicy_id: G\nversion: '2'\neffective_date: 2024-06-01\n---\n# G\n## A {#G-1 decision=restrict}\nNew rule.\n")
    settings = make_settings()
    ingest_paths([root], settings)
    docs = {d.source: d for d in list_sources(settings)}
    assert docs["g-old.md"].superseded is True
    assert docs["g-new.md"].superseded is False


def _run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "policydesk", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_cli_bad_inputs_each_get_one_error_line_and_the_rest_is_ingested(tmp_path):
    root = tmp_path / "mixed"
    root.mkdir()
    (root / "good.md").write_text(ALCOHOL)
    (root / "empty.txt").write_bytes(b"")
    (root / "latin.txt").write_bytes("Caf\xe9 policy\n\nCaf\xe9 ads are allowed.\n".encode("latin-1"))
    (root / "badfm.md").write_text("---\ntitle: [oops\n---\n# X\ntext\n")
    (root / "baddecision.md").write_text("# X\n## R {#R-1 decision=perhaps}\ntext\n")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    plain = write_text_pdf(tmp_path / "plain.pdf", [["Some text."]])
    write_encrypted_pdf(root / "locked.pdf", plain)
    write_image_only_pdf(root / "scan.pdf")
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    store = tmp_path / "store"
    proc = _run_cli("ingest", str(root), "--store", str(store))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    errors = [l for l in proc.stderr.splitlines() if l.startswith("ERROR ")]
    assert len(errors) == 6, proc.stderr
    warns = [l for l in proc.stderr.splitlines() if l.startswith("WARN ")]
    assert len(warns) == 1 and "latin.txt" in warns[0] and "read as" in warns[0], proc.stderr
    for name in ("empty.txt", "badfm.md", "baddecision.md", "locked.pdf", "scan.pdf", "corrupt.pdf"):
        assert any(name in l for l in errors), (name, errors)
    assert "notes.docx" in proc.stderr and "skipped" in proc.stderr
    assert "failed 6" in proc.stdout

    listed = json.loads(_run_cli("sources", "--store", str(store), "--json").stdout)
    assert [d["source"] for d in listed] == ["good.md", "latin.txt"]
    assert set(listed[0]) >= {"source", "title", "policy_id", "version", "effective_date", "chunks", "superseded"}


def test_cli_exit_1_when_nothing_could_be_ingested(tmp_path):
    (tmp_path / "empty.md").write_text("")
    proc = _run_cli("ingest", str(tmp_path / "empty.md"), "--store", str(tmp_path / "s"))
    assert proc.returncode == 1
    assert "ERROR" in proc.stderr and "empty file" in proc.stderr


def test_sample_corpus_ingested(sample_store, corpus_dir):
    cat = load_catalog(sample_store)
    formats = {d.format for d in cat.documents.values()}
    assert formats >= {"md", "pdf", "html", "txt"}
    pdf = next(d for d in cat.documents.values() if d.format == "pdf")
    assert all(cat.chunks[cid].page for cid in pdf.chunk_ids)
    clauses = [c for c in cat.chunks.values() if c.clause_id]
    assert len({c.clause_id for c in clauses}) >= 60
    assert set(cat.chunks) == _vector_ids(sample_store)


def test_clause_logic_read_beside_the_encoder_is_what_a_direct_reading_gives(sample_store):
    """Ingest reads clause logic on a thread while the chunks are encoded; every committed
    chunk must carry exactly what reading it directly (per document, with that document's
    clause references) gives, and the corpus facts the commit derived must match its chunks."""
    from policydesk.core.clause_logic import clause_markets, read_clause_logic
    from policydesk.core.corpus_facts import compute_corpus_facts

    catalog = load_catalog(sample_store)
    chunks = [catalog.chunks[cid] for cid in catalog.bm25_ids]
    by_source: dict[str, list] = {}
    for chunk in chunks:
        by_source.setdefault(chunk.source, []).append(chunk)
    read = 0
    for doc_chunks in by_source.values():
        bare = [c.model_copy(update={"logic": []}) for c in doc_chunks]
        references = clause_markets(bare)
        for stored, fresh in zip(doc_chunks, bare):
            assert stored.logic == read_clause_logic(fresh, references), stored.id
            read += bool(stored.logic)
    assert read > 50  # the sample corpus states rules in most clauses
    assert catalog.facts.to_json() == compute_corpus_facts(chunks).to_json()


def test_clause_logic_is_read_on_a_worker_of_the_pool_the_encoder_uses(tmp_path_factory, monkeypatch):
    """The reader runs on the shared CPU pool (core/cpu_pool.py), never on a thread of its own:
    beside the encoder's two workers a third busy thread was time-sliced against them on two
    cores. Checked on a real ingest of a policy written for the test."""
    from policydesk.core.cpu_pool import on_worker
    from policydesk.ingest import pipeline
    from tests.policy_store import ingest_policy

    real, threads = pipeline.read_clause_logic, []

    def spy(chunk, references=None):
        threads.append(on_worker())
        return real(chunk, references)

    monkeypatch.setattr(pipeline, "read_clause_logic", spy)
    settings = ingest_policy(
        tmp_path_factory,
        "pool",
        {"energy.md": "# Energy drinks\n\n## EN-1 Age [restrict]\nAds for energy drinks must not target people under 16.\n"},
    )
    assert threads and all(threads)
    assert load_catalog(settings).chunks


def test_the_encoder_is_prepared_while_the_files_load_and_not_for_an_unchanged_store(tmp_path_factory, monkeypatch):
    """Loading the encoder and building its batch session (`_prepare_encoder`) starts on a pool
    worker at the first file ingest loads, so it runs while the files are parsed: a file loaded
    after the first one sees it started (here: finished, as the loader waits for it). An
    unchanged re-ingest loads no file and prepares no encoder. Real ingest, real model."""
    import threading

    from policydesk.ingest import pipeline
    from tests.policy_store import ingest_policy

    real_prepare, real_load = pipeline._prepare_encoder, pipeline.load_document
    prepared, seen_by_loads = threading.Event(), []

    def prepare(settings):
        try:
            return real_prepare(settings)
        finally:
            prepared.set()

    def load(path, root):
        if seen_by_loads:  # every file after the first waits (bounded) for the encoder
            prepared.wait(timeout=60)
        seen_by_loads.append(prepared.is_set())
        return real_load(path, root)

    monkeypatch.setattr(pipeline, "_prepare_encoder", prepare)
    monkeypatch.setattr(pipeline, "load_document", load)
    files = {
        "a-energy.md": "# Energy drinks\n\n## EN-1 Age [restrict]\nAds for energy drinks must not target people under 16.\n",
        "b-kites.md": "# Kites\n\n## KI-1 Claims [reject]\nClaims that a power kite cannot crash are not allowed.\n",
    }
    settings = ingest_policy(tmp_path_factory, "prepare", files)
    assert seen_by_loads == [False, True]  # prepared while the second file was still to load
    assert len(load_catalog(settings).chunks) >= 2
    prepared.clear()
    again = ingest_paths([settings.store_dir.parent / "policies"], settings)
    assert sorted(again.unchanged) == sorted(files) and again.embedded == 0
    assert not prepared.is_set() and len(seen_by_loads) == 2


def test_a_run_failing_after_its_generation_was_staged_leaves_the_store_as_it_was(tree, make_settings, monkeypatch):
    """The reader task stages the new generation (every file but vectors and meta) while the
    encoder runs; a run that fails after that (here: the Chroma write of its first batch)
    removes the staged directory and commits nothing. The next run commits normally."""
    from policydesk.ingest import pipeline

    settings = make_settings()
    ingest_paths([tree / "alcohol.md"], settings)
    before = load_catalog(settings)
    staged = []
    from policydesk.core.store import CatalogStore

    real = CatalogStore.stage

    def spy(self, *args, **kwargs):
        out = real(self, *args, **kwargs)
        staged.append(out.directory)
        return out

    def broken_write(*args, **kwargs):
        raise RuntimeError("disk full while writing a batch")

    monkeypatch.setattr(CatalogStore, "stage", spy)
    monkeypatch.setattr(pipeline, "_write_batch", broken_write)
    with pytest.raises(RuntimeError, match="disk full"):
        ingest_paths([tree], settings)
    assert staged and not staged[0].exists()
    assert not list((settings.store_dir / "catalog").glob(".tmp-*"))
    after = load_catalog(settings)
    assert after.generation == before.generation and set(after.chunks) == set(before.chunks)
    monkeypatch.undo()
    report = ingest_paths([tree], settings)
    assert report.exit_code == 0 and "dating.md" in report.ingested
    assert set(load_catalog(settings).chunks) == _vector_ids(settings)


def test_ingest_slices_make_the_batches_one_encode_call_makes():
    """Ingest embeds in slices written one by one (`encode_slices`), and the encoder cuts each
    slice into batches longest first. Slices of whole batches taken longest first give the very
    batches one `encode` call over every text makes, in the same order (the int8 model
    quantises per batch, so other batches would give other vectors, and a last batch of the
    longest texts left one worker idle at the end). Texts of many lengths, 700 of them (three
    slices, the last one partial), with ties."""
    import random

    from policydesk.core.onnx_encoder import OnnxEmbedder
    from policydesk.core.types import Chunk
    from policydesk.ingest.pipeline import encode_slices

    rng = random.Random(3)
    chunks = [
        Chunk(id=f"c{i}", source="p.md", text="word " * rng.randint(1, 60))
        for i in range(700)
    ]
    texts = {c.id: c.text for c in chunks}
    slices = encode_slices(chunks, texts, 64)
    assert [len(s) for s in slices] == [256, 256, 188]
    cut = OnnxEmbedder._length_batches  # the encoder's own cut (self is only read for batch_size)

    class Encoder:
        batch_size = 64

    in_slices = [[part[i].id for i in b] for part in slices for b in cut(Encoder(), [texts[c.id] for c in part], 64)]
    ids = [c.id for c in chunks]
    one_call = [[ids[i] for i in b] for b in cut(Encoder(), [texts[i] for i in ids], 64)]
    assert in_slices == one_call
    assert len(texts[in_slices[-1][-1]]) == min(len(t) for t in texts.values())


def test_chroma_records_carry_the_filter_fields_and_a_langchain_where_filter_works(tree, make_settings):
    """The vector collection's metadata is what another client filters by (core/store.py
    `chunk_metadata`): the source, policy id and markets flags, no display fields; the catalog
    holds those."""
    settings = make_settings()
    ingest_paths([tree], settings)
    cat = load_catalog(settings)
    brands = next(c for c in cat.chunks.values() if c.clause_id == "ALC-2")
    meta = vector_store(settings, None)._collection.get(ids=[brands.id])["metadatas"][0]
    assert meta["source"] == "alcohol.md" and meta["policy_id"] == brands.policy_id
    assert meta.get("mk_GB") is True and meta.get("mk_DE") is True
    assert not {"title", "section", "position", "rules", "markets"} & set(meta)
    assert all(k in {"source", "policy_id", "business_line", "effective_date"} or k.startswith("mk_") for k in meta)
    got = vector_store(settings, None)._collection.get(where={"mk_DE": True}, include=[])["ids"]
    assert brands.id in got and all(cat.chunks[i].markets and "DE" in cat.chunks[i].markets for i in got)
