"""The perf benchmark's code at a tiny size: it runs end to end and reports honest figures.

No timing asserts (the machine is shared); the test checks that every phase measured what it
says it measured, that the JSON contract has exactly the issue's keys, and that the inputs
(replicated corpus, questions) have the properties the figures rely on.
"""

from __future__ import annotations

import json

import pytest

from policydesk.core.errors import InputError
from policydesk.core.settings import Settings
from policydesk.evals.perf import parse_sizes, run_perf, server_query, write_outputs
from policydesk.evals.perf_corpus import make_questions, replicate_corpus, vary_text
from policydesk.ingest.chunking import chunk_document
from policydesk.ingest.loaders import is_supported, load_document

CONTRACT = {
    "ingest": {"chunks", "chunks_per_s", "encode_only_chunks_per_s", "peak_rss_mb"},
    "query": {
        "retrieval_p50_ms_10k", "retrieval_p95_ms_10k", "answer_p95_ms_10k",
        "retrieval_p50_ms_100k", "retrieval_p95_ms_100k", "answer_p95_ms_100k", "peak_rss_mb",
        "server_retrieval_p95_ms_100k", "server_answer_p95_ms_100k",
    },
    "langchain_baseline": {"ingest_chunks_per_s", "query_p95_ms_10k", "query_p95_ms_100k"},
}


def test_replicated_corpus_has_no_duplicate_chunk(tmp_path, corpus_dir):
    settings = Settings(store=tmp_path / "s")
    total = replicate_corpus(corpus_dir, tmp_path / "rep", 400, settings)
    texts = []
    for f in sorted((tmp_path / "rep").rglob("*")):
        if f.is_file() and is_supported(f):
            texts += [c.text for c in chunk_document(load_document(f, tmp_path / "rep"), settings.chunk_size, settings.chunk_overlap)]
    assert total == len(texts) >= 400
    assert len(set(texts)) == len(texts)


def test_varied_markdown_keeps_front_matter_and_headings(corpus_dir):
    import random

    text = (corpus_dir / "alcohol.md").read_text()
    varied = vary_text(text, ".md", 4, random.Random(1))
    assert "policy_id: ALCOHOL-R004" in varied
    head = [line for line in text.splitlines() if line.startswith("#")]
    assert head == [line for line in varied.splitlines() if line.startswith("#")]
    assert varied.count("Reviewer note 4-") >= 5


def test_questions_are_distinct_and_half_filtered():
    qs = make_questions([("Alcohol", "ALCOHOL"), ("Vaping", "TOBACCO"), ("Dating apps", "DATING")], 200)
    assert len(qs) == 200 and len({q.text for q in qs}) == 200
    filtered = [q for q in qs if q.filters]
    assert 0.4 <= len(filtered) / len(qs) <= 0.6
    assert any(q.filters.policy_id for q in filtered) and any(q.filters.as_of for q in filtered)


def test_parse_sizes():
    assert parse_sizes("10000,100k") == (10_000, 100_000)
    with pytest.raises(InputError, match="--sizes"):
        parse_sizes("10k,lots")
    assert parse_sizes("", default=(), flag="--server-sizes") == ()
    with pytest.raises(InputError, match="--server-sizes"):
        parse_sizes("x", default=(), flag="--server-sizes")


def _chroma_children() -> list[str]:
    import psutil

    out = []
    for p in psutil.Process().children(recursive=True):
        try:
            cmd = " ".join(p.cmdline())
        except psutil.Error:
            continue
        if "chroma" in cmd and " run " in f"{cmd} ":
            out.append(f"{p.pid}: {cmd}")
    return out


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory, corpus_dir):
    """One complete `run_perf` at a tiny size, embedded and through a real `chroma run`, shared
    by the tests that read its figures (each phase runs in its own processes, as in `bench
    perf`; one run instead of two saves a full ingest + LangChain phase in CI)."""
    work = tmp_path_factory.mktemp("perf") / "work"
    run = run_perf(sizes=(400,), server_sizes=(400,), corpus=corpus_dir, min_chunks=100, n_questions=24, workdir=work, ingest_pairs=2)
    return run, work


@pytest.mark.slow
@pytest.mark.chromaserver
def test_server_figures_come_from_the_same_store_and_answer_the_same(tiny_run):
    """At a tiny size: the built store loaded into a real `chroma run`, asked from an empty
    local store; latencies for every question, the same verdicts and citations as embedded,
    the figures in the details, the curve and the contract, and no server left running."""
    run, work = tiny_run
    q = run.details["query"]["400"]
    pd, sv = q["policydesk"], q["policydesk_server"]
    assert sv["load"]["chunks"] == 400 and sv["load"]["sentences"] > 400 and sv["load"]["server_bytes"] > 0
    assert sv["retrieval"]["n"] == 24 and sv["answer"]["n"] == 24, sv.get("answer_error")
    assert sv["retrieval_empty"] == pd["retrieval_empty"] < 24
    assert sv["encoder"] == pd["encoder"] == "OnnxEmbedder"  # the answering process made its own export
    assert 0 < sv["sync_seconds"] <= sv["first_query_seconds"] and pd["sync_seconds"] is None
    assert sv["server_rss_mb"] > 0 and sv["peak_rss_mb"] > 100
    # The behaviour check: per question, the same verdict and the same citations (source,
    # chunk id, quote) through the server as from the embedded store.
    assert len(pd["answers"]) == 24 and sv["answers"] == pd["answers"]
    assert sv["verdicts"] == pd["verdicts"]
    assert sv["answers_equal_embedded"] == {"equal": 24, "of": 24}
    (row,) = run.details["curve"]
    assert row["server_retrieval_p95_ms"] > 0 and row["server_answer_p95_ms"] > 0 and row["server_build_seconds"] > 0
    # 400 is not 100k: the contract's server fields stay unmeasured, as the embedded ones do.
    assert run.result.query.server_retrieval_p95_ms_100k is None
    assert not _chroma_children() and not list(work.glob("server-*"))


@pytest.mark.slow
@pytest.mark.chromaserver
def test_server_is_stopped_and_removed_when_a_phase_fails(tmp_path):
    (tmp_path / "questions.json").write_text("[]")
    with pytest.raises(RuntimeError, match="server_load failed"):
        server_query(tmp_path / "no-such-store", tmp_path / "questions.json", tmp_path, "1k")
    assert not _chroma_children() and not list(tmp_path.glob("server-*"))


@pytest.mark.slow
@pytest.mark.chromaserver
def test_bench_runs_end_to_end_at_tiny_size(tiny_run, tmp_path):
    run, _ = tiny_run
    out = tmp_path / "perf.json"
    details_path = write_outputs(run, out)
    data = json.loads(out.read_text())
    assert set(data) == set(CONTRACT) | {"machine"}
    for key, fields in CONTRACT.items():
        assert set(data[key]) == fields
    assert {"cpu", "cores", "ram_gb", "python", "torch", "chromadb", "sentence_transformers"} <= set(data["machine"])

    details = json.loads(details_path.read_text())
    pd = details["ingest"]["policydesk"]
    assert pd["chunks"] == data["ingest"]["chunks"] >= 100 and not pd["failed"]
    assert pd["distinct_texts"] == pd["chunks"]  # no duplicate chunk in the replicated corpus
    assert pd["reingest_embedded"] == 0  # the unchanged re-ingest embedded nothing
    assert details["ingest"]["encode_only"]["chunks"] == pd["chunks"]
    # Two ingest / encode-only pairs; the reported figures are one real pair's (the lower median).
    pairs = pd["pairs"]
    assert len(pairs) == 2 and pd["pair"] == 1 + min(range(2), key=lambda k: pairs[k]["wall_ratio"])
    chosen = pairs[pd["pair"] - 1]
    assert chosen["ingest_chunks_per_s"] == round(pd["chunks_per_s"], 2)
    assert chosen["encode_only_chunks_per_s"] == round(details["ingest"]["encode_only"]["chunks_per_s"], 2)
    assert details["ratios"]["wall_ingest_vs_encode_only"] == round(chosen["wall_ratio"], 3)
    assert details["ingest"]["langchain"]["chunks"] > 0
    for phase in (pd, details["ingest"]["encode_only"], details["ingest"]["langchain"]):
        assert phase["peak_rss_mb"] > 100  # a process that loaded the model

    q = details["query"]["400"]
    assert q["build"]["chunks"] == 400
    assert q["policydesk"]["retrieval"]["n"] == 24 and q["policydesk"]["retrieval_empty"] < 24
    assert q["policydesk"]["answer"]["n"] == 24, q["policydesk"].get("answer_error")
    assert q["langchain"]["retrieval"]["n"] == 24
    # Sizes other than 10k/100k are in the details only; the contract fields stay unmeasured.
    assert data["query"]["retrieval_p95_ms_10k"] is None
    names = {t["name"]: t for t in details["targets"]}
    assert names["retrieval p95 at 100k (ms)"]["passed"] is None
    assert names["ingest / encode-only (encoder in use)"]["passed"] in (True, False)
    # Ingest, encode-only and the queries all ran through the store's ONNX export, not torch.
    assert pd["encoder"] == "OnnxEmbedder" and pd["export_notice"] is None
    assert details["ingest"]["encode_only"]["backend"] == "onnx"
    assert details["ingest"]["encode_only"]["torch_reference"]["chunks"] == pd["chunks"]
    assert q["policydesk"]["encoder"] == "OnnxEmbedder"
    (row,) = details["curve"]
    assert row["size"] == 400 and row["store_mb"] > 0 and row["retrieval_p95_ms"] > 0 and row["langchain_p95_ms"] > 0
    png = out.with_suffix(".png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_only_accepts_ingest_and_refuses_other_values(monkeypatch):
    """`--only ingest` runs the ingest phases alone (no store sizes); another value is refused."""
    from typer.testing import CliRunner

    import policydesk.evals.perf as perf
    from policydesk.cli.main import app

    seen = {}

    def fake_run_perf(**kwargs):
        seen.update(kwargs)
        raise InputError("stop here")

    monkeypatch.setattr(perf, "run_perf", fake_run_perf)
    runner = CliRunner()
    result = runner.invoke(app, ["bench", "perf", "--only", "ingest"])
    assert seen["sizes"] == () and seen["server_sizes"] == ()
    assert result.exit_code != 0
    result = runner.invoke(app, ["bench", "perf", "--only", "queries"])
    assert result.exit_code != 0 and "--only" in result.output


def test_the_warm_up_ingest_holds_every_format_and_its_pdf_has_a_text_layer(tmp_path):
    """The bench's warm-up ingest (before the clock) loads one file of each format, so the
    loaders' libraries and lazily compiled patterns are not timed as per-chunk work; its PDF is
    written by hand (reportlab is a test dependency only) and must read through the real loader."""
    from policydesk.evals.perf_phases import WARM_UP_HTML, WARM_UP_TEXT, tiny_pdf

    pdf = tmp_path / "w.pdf"
    pdf.write_bytes(tiny_pdf(WARM_UP_TEXT.splitlines() + ["A (bracketed) line."]))
    loaded = load_document(pdf, tmp_path)
    assert loaded.format == "pdf"
    text = " ".join(c.text for c in chunk_document(loaded, 1200, 150))
    assert "Sky lanterns may be advertised only to people aged 18 or older." in text
    assert "A (bracketed) line." in text
    html = tmp_path / "w.html"
    html.write_text(WARM_UP_HTML)
    assert load_document(html, tmp_path).format == "html"
