"""The store's ONNX export against the real torch encoder, and the fallback when it is unusable."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

from policydesk.core.embedding import Embedder, ExportFallbackWarning, embedder_for, get_embedder
from policydesk.core.onnx_encoder import MANIFEST_FILE, MODEL_FILE, OnnxEmbedder, export_dir
from policydesk.core.onnx_export import ensure_export


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Settings of a store that holds only an export (ingest's first step), made once here from
    torch: its cache is empty, so nothing is linked from an earlier store."""
    from policydesk.core.settings import Settings

    settings = Settings(store=tmp_path_factory.mktemp("onnx-store"), cache_dir=tmp_path_factory.mktemp("empty-cache"))
    assert ensure_export(settings) is None
    return settings


def _torch(settings) -> Embedder:
    return get_embedder(settings.embedding_model, settings.embedding_device, settings.embedding_batch_size)


def _golden_questions(repo_root) -> list[str]:
    lines = (repo_root / "evals/golden/sample.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def test_export_matches_torch_on_every_sample_golden_question(exported, repo_root):
    questions = _golden_questions(repo_root)
    assert len(questions) > 100
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExportFallbackWarning)  # the export must be used, not the fallback
        onnx = embedder_for(exported)
    assert isinstance(onnx, OnnxEmbedder)
    torch_vecs = _torch(exported).encode(questions)
    one_by_one = np.stack([onnx.encode_query(q) for q in questions])  # the query path: one thread, cached
    batched = onnx.encode(questions)  # padded batches: padding must not move a vector
    for vecs in (one_by_one, batched):
        cosines = np.sum(vecs * torch_vecs, axis=1)
        assert cosines.min() >= 0.999, (float(cosines.min()), questions[int(cosines.argmin())])
        assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)


def test_pooled_sentence_vectors_match_torch(exported):
    text = "Alcohol > Targeting\n  Alcohol ads must not target users under 18. In Singapore the limit is 18 too. Lotteries differ."
    spans = [(22, 65), (66, 100), (101, 117)]
    onnx = embedder_for(exported)
    vecs_o, pooled_o = onnx.encode_with_sentences([text, "short"], [spans, [(0, 5)]])
    vecs_t, pooled_t = _torch(exported).encode_with_sentences([text, "short"], [spans, [(0, 5)]])
    assert np.sum(vecs_o * vecs_t, axis=1).min() >= 0.999
    assert set(pooled_o[0]) == set(pooled_t[0]) == set(spans)
    for key in spans:
        assert float(pooled_o[0][key] @ pooled_t[0][key]) >= 0.999, key


def _fallback(settings) -> object:
    with pytest.warns(ExportFallbackWarning) as caught:
        embedder = embedder_for(settings)
    return embedder, str(caught[0].message)


def test_missing_export_falls_back_to_torch_with_a_warning(make_settings):
    embedder, message = _fallback(make_settings())
    assert isinstance(embedder, Embedder)
    assert "no ONNX export" in message and "policydesk ingest" in message


def test_corrupt_export_falls_back_to_torch_with_a_warning(exported, make_settings, tmp_path):
    import shutil

    settings = make_settings()
    target = export_dir(settings.store_dir)
    shutil.copytree(export_dir(exported.store_dir), target)
    model = target / MODEL_FILE
    data = bytearray(model.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\x00" * 4096  # same size: only the contents are wrong
    model.write_bytes(bytes(data))
    embedder, message = _fallback(settings)
    assert isinstance(embedder, Embedder)
    assert "corrupt" in message

    # A truncated file and an export of another model are refused the same way.
    other = make_settings(store=tmp_path / "truncated")
    shutil.copytree(export_dir(exported.store_dir), export_dir(other.store_dir))
    (export_dir(other.store_dir) / MODEL_FILE).write_bytes(b"not a model")
    embedder, message = _fallback(other)
    assert isinstance(embedder, Embedder) and "truncated" in message

    renamed = make_settings(store=tmp_path / "other-model")
    shutil.copytree(export_dir(exported.store_dir), export_dir(renamed.store_dir))
    manifest = export_dir(renamed.store_dir) / MANIFEST_FILE
    manifest.write_text(manifest.read_text().replace('"all-MiniLM-L6-v2"', '"some/other-model"'))
    embedder, message = _fallback(renamed)
    assert isinstance(embedder, Embedder) and "some/other-model" in message


def test_torch_backend_setting_skips_the_export(exported):
    settings = exported.model_copy(update={"embedding_backend": "torch"})
    with warnings.catch_warnings():
        warnings.simplefilter("error", ExportFallbackWarning)
        assert isinstance(embedder_for(settings), Embedder)


def test_warm_encoder_loads_the_export_and_caches_the_question_off_the_main_thread(exported, make_settings):
    from policydesk.core.embedding import warm_encoder

    question = "Can a beer brand target 19 year olds in Singapore?"
    warm_encoder(exported, question).join(timeout=120)
    embedder = embedder_for(exported)
    assert isinstance(embedder, OnnxEmbedder)
    assert question in embedder._query_cache  # retrieval's encode is a cache hit

    # Without an export the warm-up does nothing: the foreground call still warns once and falls back.
    bare = make_settings()
    warm_encoder(bare, question).join(timeout=120)
    embedder, message = _fallback(bare)
    assert isinstance(embedder, Embedder) and "no ONNX export" in message


def _chunk_texts(repo_root, n: int = 96) -> list[str]:
    texts = []
    for path in sorted((repo_root / "corpus").rglob("*.md")):
        texts += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
    return texts[:n]


def test_int8_twin_is_made_for_ingest_and_stays_close_to_fp32(exported, repo_root, make_settings):
    import shutil

    from policydesk.core.embedding import ingest_embedder_for
    from policydesk.core.onnx_encoder import INT8_MODEL_FILE, read_manifest

    from policydesk.core.onnx_encoder import write_manifest

    settings = make_settings(ingest_precision="int8")
    target = export_dir(settings.store_dir)
    shutil.copytree(export_dir(exported.store_dir), target)
    # As an export made before the twin existed: ensure_export must add it.
    (target / INT8_MODEL_FILE).unlink(missing_ok=True)
    fields = {"int8_bytes": None, "int8_sha256": None, "int8_min_probe_cosine": None}
    write_manifest(target, read_manifest(target).model_copy(update=fields))
    assert ensure_export(settings) is None
    manifest = read_manifest(export_dir(settings.store_dir))
    assert (export_dir(settings.store_dir) / INT8_MODEL_FILE).is_file() and manifest.int8_min_probe_cosine >= 0.97

    int8 = ingest_embedder_for(settings)
    assert isinstance(int8, OnnxEmbedder) and int8.precision == "int8"
    assert embedder_for(settings).precision == "fp32"  # questions never use the twin
    texts = _chunk_texts(repo_root)
    cos = np.sum(int8.encode(texts) * embedder_for(settings).encode(texts), axis=1)
    assert len(texts) >= 50 and cos.min() >= 0.97 and cos.mean() >= 0.99, (cos.min(), cos.mean())
    assert cos.min() < 0.9999  # it really is another model, not the fp32 one under a new name


def test_fp32_ingest_setting_and_a_corrupt_twin_both_encode_with_fp32(exported, make_settings, tmp_path):
    import shutil

    from policydesk.core.embedding import ingest_embedder_for
    from policydesk.core.onnx_encoder import INT8_MODEL_FILE

    fp32 = make_settings(ingest_precision="fp32", store=tmp_path / "fp32")
    shutil.copytree(export_dir(exported.store_dir), export_dir(fp32.store_dir))
    assert ensure_export(fp32) is None
    assert ingest_embedder_for(fp32).precision == "fp32"  # even with a twin on disk

    broken = make_settings(ingest_precision="int8", store=tmp_path / "broken")
    shutil.copytree(export_dir(exported.store_dir), export_dir(broken.store_dir))
    assert ensure_export(broken) is None
    twin = export_dir(broken.store_dir) / INT8_MODEL_FILE
    data = bytearray(twin.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\x00" * 4096
    twin.write_bytes(bytes(data))
    assert ingest_embedder_for(broken).precision == "fp32"


def test_a_lone_question_uses_every_core_and_a_concurrent_one_a_single_thread(exported):
    """Questions encode on all cores when nothing else encodes in the process, on one thread
    when another encode is running (threads that wait for each other made that slower), and
    the vector does not depend on the session used."""
    import threading

    onnx = OnnxEmbedder(export_dir(exported.store_dir), exported.embedding_model, threads=2)
    real_run, seen = onnx._run, []
    batch_running, release_batch = threading.Event(), threading.Event()

    def spy(texts, outputs, threads):
        seen.append((len(texts), threads))
        if len(texts) > 2:  # hold the batch in flight until the question has been encoded
            batch_running.set()
            release_batch.wait(60)
        return real_run(texts, outputs, threads)

    onnx._run = spy
    batch = threading.Thread(target=onnx.encode, args=(["a chunk of policy text"] * 8,))
    batch.start()
    assert batch_running.wait(60)
    question = "Can a vodka brand sponsor a marathon in Germany?"
    beside_batch = onnx.encode([question])[0]
    release_batch.set()
    batch.join(60)
    alone = onnx.encode([question])[0]
    assert seen == [(8, 2), (1, 1), (1, 2)]
    assert float(beside_batch @ alone) >= 0.99999


def test_many_batches_run_side_by_side_on_one_thread_sessions_with_the_same_vectors(exported, repo_root):
    """Inputs of several batches go to one-thread sessions on the shared CPU pool (data
    parallel); a caller that names its threads, or a single batch, runs in the calling thread.
    Vectors and pooled sentence vectors are the same either way, in the caller's order."""
    from policydesk.core.cpu_pool import on_worker

    onnx = OnnxEmbedder(export_dir(exported.store_dir), exported.embedding_model, threads=2)
    texts = [line.strip() for line in (repo_root / "corpus/alcohol.md").read_text(encoding="utf-8").splitlines() if len(line.strip()) > 20]
    assert len(texts) > 3 * 8
    real_run, seen = onnx._run, []

    def spy(batch, outputs, threads):
        seen.append((len(batch), threads, on_worker()))
        return real_run(batch, outputs, threads)

    onnx._run = spy
    side_by_side = onnx.encode(texts, batch_size=8)
    assert len(seen) == -(-len(texts) // 8) and all(threads == 1 and on_pool for _, threads, on_pool in seen)
    seen.clear()
    in_turn = onnx.encode(texts, batch_size=8, threads=2)
    assert seen and all(threads == 2 and not on_pool for _, threads, on_pool in seen)
    assert np.min(np.sum(side_by_side * in_turn, axis=1)) >= 0.99999
    one_by_one = np.stack([onnx.encode([t], threads=1)[0] for t in texts[:8]])
    assert np.min(np.sum(side_by_side[:8] * one_by_one, axis=1)) >= 0.99999  # rows stay in the caller's order

    spans = [[(0, len(t) // 2), (len(t) // 2, len(t))] for t in texts]
    vecs, pooled = onnx.encode_with_sentences(texts, spans, batch_size=8)
    assert np.min(np.sum(vecs * in_turn, axis=1)) >= 0.99999
    assert all(set(p) <= set(s) and p for p, s in zip(pooled, spans))


def test_an_encode_on_a_worker_of_the_shared_pool_runs_inline_and_never_waits_for_its_pool(exported, repo_root):
    """Ingest's clause reader shares the CPU pool with the encoder's batches (core/cpu_pool.py).
    A many-batch encode called from a task on that pool must run its batches in its own thread:
    queued behind itself on a busy pool it would wait for ever. Both workers run such a task at
    once here, so a version that submitted to the pool would deadlock (the timeout fails it)."""
    from policydesk.core.cpu_pool import cpu_pool, on_worker

    onnx = OnnxEmbedder(export_dir(exported.store_dir), exported.embedding_model, threads=2)
    texts = [line.strip() for line in (repo_root / "corpus/alcohol.md").read_text(encoding="utf-8").splitlines() if len(line.strip()) > 20]
    expected = onnx.encode(texts, batch_size=8, threads=1)
    real_run, threads_seen = onnx._run, []

    def spy(batch, outputs, threads):
        threads_seen.append((threads, on_worker()))
        return real_run(batch, outputs, threads)

    onnx._run = spy
    pool = cpu_pool(2)
    futures = [pool.submit(onnx.encode, texts, 8) for _ in range(2)]
    for fut in futures:
        got = fut.result(timeout=120)
        assert np.min(np.sum(got * expected, axis=1)) >= 0.99999
    assert threads_seen and all(on_pool for _, on_pool in threads_seen)


def test_a_process_keeps_only_the_most_recent_encoders(exported, tmp_path):
    """Each store's encoder holds its model and onnxruntime sessions (~200-300 MB); a process
    that opens many stores (the test suite, a long-running shell) keeps the few most recently
    used, not one per store ever opened (the full suite grew to 22 GB and was killed)."""
    import shutil

    from policydesk.core import onnx_encoder
    from policydesk.core.onnx_encoder import export_dir, load_onnx_embedder

    source = export_dir(exported.store_dir)
    dirs = []
    for k in range(onnx_encoder._CACHE_MAX + 2):
        d = tmp_path / f"s{k}" / "onnx"
        shutil.copytree(source, d)
        dirs.append(d)
    first = load_onnx_embedder(dirs[0], "all-MiniLM-L6-v2")
    assert load_onnx_embedder(dirs[0], "all-MiniLM-L6-v2") is first  # cached
    for d in dirs[1:]:
        load_onnx_embedder(d, "all-MiniLM-L6-v2")
    mine = [k for k in onnx_encoder._cache if k[0].startswith(str(tmp_path))]
    assert len(onnx_encoder._cache) <= onnx_encoder._CACHE_MAX and len(mine) == onnx_encoder._CACHE_MAX
    assert load_onnx_embedder(dirs[0], "all-MiniLM-L6-v2") is not first  # dropped, loaded again
