"""The committed catalog's on-disk parts (chunk offsets, filter columns, corpus facts) agree
with the chunks they were written from, and a generation without them still reads the same."""

from __future__ import annotations

import shutil
from datetime import date

import numpy as np
import pytest

from policydesk.assistant.filters import FilterIndex, chunk_matches
from policydesk.core.chunk_columns import COLUMNS_FILE
from policydesk.core.chunk_table import OFFSETS_FILE, ChunkTable
from policydesk.core.corpus_facts import FACTS_FILE, compute_corpus_facts
from policydesk.core.store import CatalogStore
from policydesk.core.types import Filters
from policydesk.core.versions import in_force


def _chunks_in_file(path):
    from policydesk.core.types import Chunk

    return [Chunk.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def catalog(sample_store):
    return CatalogStore(sample_store.store_dir).load()


def test_every_chunk_reads_back_by_id_as_written(catalog):
    written = _chunks_in_file(catalog.directory / "chunks.jsonl")
    assert isinstance(catalog.chunks, ChunkTable) and len(catalog.chunks) == len(written) > 100
    for chunk in reversed(written):  # out of file order: every lookup is a seek
        assert catalog.chunks[chunk.id] == chunk
        assert catalog.position(chunk.id) == catalog.bm25_ids.index(chunk.id)
    assert "no-such-id" not in catalog.chunks and catalog.chunks.get("no-such-id") is None
    assert [c.id for c in catalog.chunks.values()] == catalog.bm25_ids


FILTERS = [
    Filters(),
    Filters(market="SG"),
    Filters(market="TH"),
    Filters(market="DE", business_line="ads"),
    Filters(business_line="commerce"),
    Filters(policy_id="ALC"),
    Filters(market="US", as_of=date(2023, 1, 1)),
    Filters(market="ZZ"),
]


def test_filter_masks_from_the_columns_match_the_one_chunk_definition(catalog):
    index = FilterIndex(catalog)
    for filters in FILTERS:
        allowed = index.allowed(filters)
        current = in_force(catalog.documents.values(), filters.as_of or date.today())
        expected = np.asarray([chunk_matches(catalog.chunks[cid], filters, current) for cid in catalog.bm25_ids])
        assert (allowed.mask == expected).all(), filters
    assert index.allowed(Filters(market="SG")).count < len(catalog.bm25_ids)  # the check above is not vacuous


def test_stored_corpus_facts_equal_facts_computed_from_the_chunks(catalog):
    computed = compute_corpus_facts(catalog.chunks.values())
    assert catalog.facts == computed
    assert computed.general and computed.declaring_sources and computed.doc_freq


def test_a_generation_written_before_these_files_reads_the_same(catalog, tmp_path):
    old = tmp_path / "catalog"
    shutil.copytree(catalog.directory.parent, old)
    gen_dir = old / catalog.generation
    for name in (OFFSETS_FILE, COLUMNS_FILE, FACTS_FILE):
        (gen_dir / name).unlink()
    legacy = CatalogStore(tmp_path).load()
    assert legacy.generation == catalog.generation
    assert [legacy.chunks[cid] for cid in legacy.bm25_ids] == [catalog.chunks[cid] for cid in catalog.bm25_ids]
    assert legacy.facts == catalog.facts
    new_index, old_index = FilterIndex(catalog), FilterIndex(legacy)
    for filters in FILTERS:
        assert (new_index.allowed(filters).mask == old_index.allowed(filters).mask).all(), filters
