"""The machine-wide ONNX export cache: a new store links the first store's export, without torch.

Real exports, real files: one export made from the packaged model into an empty cache, then
stores that should (and should not) take it from there.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from policydesk.core.export_cache import entry_dir
from policydesk.core.onnx_encoder import INT8_MODEL_FILE, MODEL_FILE, OnnxEmbedder, export_dir, read_manifest
from policydesk.core.onnx_export import cache_key, ensure_export

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """An empty cache filled by one real export (fp32 and its int8 twin)."""
    from policydesk.core.settings import Settings

    cache_dir = tmp_path_factory.mktemp("cache")
    first = Settings(store=tmp_path_factory.mktemp("first"), cache_dir=cache_dir, ingest_precision="int8")
    assert ensure_export(first) is None
    return cache_dir, first


def _inode(path) -> int:
    return os.stat(path).st_ino


def test_first_export_is_kept_in_the_cache(cache):
    cache_dir, first = cache
    entry = entry_dir(cache_dir, first.embedding_model, cache_key(first.embedding_model))
    store_export = export_dir(first.store_dir)
    assert read_manifest(entry).model_sha256 == read_manifest(store_export).model_sha256
    assert read_manifest(entry).int8_sha256 == read_manifest(store_export).int8_sha256 is not None
    assert _inode(entry / MODEL_FILE) == _inode(store_export / MODEL_FILE)  # linked, not copied


def test_a_new_store_links_the_cached_export_without_loading_torch(cache, tmp_path):
    cache_dir, first = cache
    store = tmp_path / "second"
    script = (
        "import sys\n"
        "from policydesk.core.settings import Settings\n"
        "from policydesk.core.onnx_export import ensure_export\n"
        f"print(ensure_export(Settings(store={str(store)!r}, cache_dir={str(cache_dir)!r}, ingest_precision='int8')))\n"
        "print('torch' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["None", "False"]
    linked = export_dir(store)
    assert _inode(linked / MODEL_FILE) == _inode(export_dir(first.store_dir) / MODEL_FILE)
    assert _inode(linked / INT8_MODEL_FILE) == _inode(export_dir(first.store_dir) / INT8_MODEL_FILE)
    vectors = OnnxEmbedder(linked, first.embedding_model).encode(["Ads for e-bikes must state the top speed."])
    expected = OnnxEmbedder(export_dir(first.store_dir), first.embedding_model).encode(["Ads for e-bikes must state the top speed."])
    assert float(vectors[0] @ expected[0]) > 0.9999


def test_a_damaged_cache_entry_is_dropped_and_the_store_exports_afresh(tmp_path):
    """Cache damaged in place (a disk error, a hand edit): the next store must not link it."""
    from policydesk.core.settings import Settings

    cache_dir = tmp_path / "cache"
    first = Settings(store=tmp_path / "first", cache_dir=cache_dir, ingest_precision="fp32")
    assert ensure_export(first) is None
    entry = entry_dir(cache_dir, first.embedding_model, cache_key(first.embedding_model))
    model = entry / MODEL_FILE
    os.unlink(model)  # break the link first, so the damage stays in the cache
    data = bytearray((export_dir(first.store_dir) / MODEL_FILE).read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\x00" * 4096
    model.write_bytes(bytes(data))

    second = Settings(store=tmp_path / "second", cache_dir=cache_dir, ingest_precision="fp32")
    assert ensure_export(second) is None
    fresh = export_dir(second.store_dir) / MODEL_FILE
    OnnxEmbedder(export_dir(second.store_dir), second.embedding_model)  # loads: its checksum matches
    # The damaged entry was replaced by the new store's sound export, linked.
    assert _inode(entry / MODEL_FILE) == _inode(fresh)
    assert (entry / MODEL_FILE).read_bytes() != bytes(data)


def test_another_model_or_library_version_does_not_share_an_entry():
    assert entry_dir("/c", "all-MiniLM-L6-v2", "a") != entry_dir("/c", "all-MiniLM-L6-v2", "b")
    assert entry_dir("/c", "all-MiniLM-L6-v2", "a") != entry_dir("/c", "other-model", "a")
